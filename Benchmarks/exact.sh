#!/usr/bin/env bash
# make bench-exact: exact betweenness and exact harmonic closeness over every
# person of the generated state network (200,000 people, 3,000,000 ties),
# measured end to end with the release CLI (`staffgraph metrics --exact`, every
# thread), each measure in its own process: wall time, CPU time and peak memory.
# Writes Benchmarks/results/state.exact.jsonl (a run line, then one line per
# measure); Benchmarks/report.py puts it in the table's targets. About half an
# hour on two cores.
#
#   MEASURES="harmonic_in betweenness" bash Benchmarks/exact.sh
set -euo pipefail
cd "$(dirname "$0")"
scale=${SCALE:-state}
measures=${MEASURES:-"harmonic_in betweenness"}
edges="results/data/$scale/edges.csv"
if [ ! -f "$edges" ]; then
  python3 ../Scripts/generate_network.py --scale "$scale" --out "results/data/$scale"
fi
(cd .. && swift build -c release --product staffgraph)
cli=../.build/release/staffgraph
run_id=$(date -u +%Y-%m-%dT%H:%M:%SZ)
commit=$(git -C .. describe --always --dirty 2>/dev/null || echo unknown)
out="results/$scale.exact.jsonl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "{\"run\": \"$run_id\", \"commit\": \"$commit\", \"file\": \"$edges\"}" > "$tmp/exact.jsonl"
for measure in $measures; do
  echo "== $scale: metrics --exact --measures $measure ==" >&2
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time.txt" \
    "$cli" metrics "$edges" --exact --measures "$measure" --format csv -o "$tmp/$measure.csv" 2> "$tmp/notes.txt"
  cat "$tmp/notes.txt" >&2
  read -r wall user sys peak < "$tmp/time.txt"
  python3 -c '
import json, sys
measure, wall, user, sys_, peak, rows = sys.argv[1:]
print(json.dumps({"measure": measure, "seconds": float(wall), "cpu_seconds": float(user) + float(sys_),
                  "peak_rss_mb": int(peak) / 1024, "people": int(rows)}))' \
    "$measure" "$wall" "$user" "$sys" "$peak" "$(($(wc -l < "$tmp/$measure.csv") - 1))" >> "$tmp/exact.jsonl"
  tail -1 "$tmp/exact.jsonl" >&2
done
mv "$tmp/exact.jsonl" "$out"
echo "wrote Benchmarks/$out" >&2
