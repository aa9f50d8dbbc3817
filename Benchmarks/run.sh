#!/usr/bin/env bash
# make bench (district and state) / make bench-national: generates the graphs
# (Scripts/generate_network.py, deterministic, once, in Benchmarks/results/data/),
# times StaffGraph's phases (staffgraph-bench, one process per phase so each
# phase's peak memory is its own) and `staffgraph summary --per school`, runs the
# same files through python-igraph, networkit and networkx (Benchmarks/peers.py,
# one process per task, networkx only where it finishes within PEER_TIMEOUT),
# scores every tool's Louvain communities with one modularity function on one
# graph (Benchmarks/modularity.py), measures the machine's memory bandwidth
# (staffgraph-bench --stream, STREAM triad) and writes the table to
# Benchmarks/results/README.md (Benchmarks/report.py). Every JSON file of a scale
# starts with the same run line (run id, commit, edge file), so the report can
# check that StaffGraph's and the peers' numbers come from one run on one file.
#
#   SCALES="district state" RUNS=3 PEER_TIMEOUT=300 bash Benchmarks/run.sh
#   SCALES=national PEERS=none bash Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")"
scales=${SCALES:-"district state"}
runs=${RUNS:-3}
peers=${PEERS:-"igraph,networkx,networkit"}
timeout=${PEER_TIMEOUT:-300}
pivots=${PIVOTS:-128}
# networkx (pure Python) gets the whole list on the district graph, and on the
# state graph only the tasks that finish within the timeout.
nx_state_phases=${NX_STATE_PHASES:-"import_csv_to_csr,weak_components,strong_components,pagerank,core_numbers"}
mkdir -p results/data results/partitions
run_id=$(date -u +%Y-%m-%dT%H:%M:%SZ)
commit=$(git -C .. describe --always --dirty 2>/dev/null || echo unknown)
for scale in $scales; do
  if [ ! -f "results/data/$scale/edges.csv" ]; then
    python3 ../Scripts/generate_network.py --scale "$scale" --out "results/data/$scale"
  fi
done
# SwiftPM can keep a stale build plan for the path dependency (the main package)
# after files are added to it ("cannot find type ..."): drop the plan and retry once.
swift build -c release --product staffgraph-bench || {
  rm -f .build/release.yaml .build/build.db
  swift build -c release --product staffgraph-bench
}
(cd .. && swift build -c release --product staffgraph)
bench=.build/release/staffgraph-bench
cli=../.build/release/staffgraph
# The machine's memory bandwidth (STREAM triad, 1 thread and every thread), once per run.
echo "== machine: STREAM triad ==" >&2
# The national run keeps its own file, so the district and state run's bandwidth is not replaced.
machine_file=results/machine.jsonl
[ "$scales" = national ] && machine_file=results/national.machine.jsonl
{ echo "{\"run\": \"$run_id\", \"commit\": \"$commit\"}"; "$bench" --stream; } > "$machine_file"
cat "$machine_file" >&2
phases="import_csv_to_csr weak_components strong_components pagerank harmonic_closeness betweenness_exact
betweenness_sampled summary_panel triad_census transitivity_undirected transitivity_directed_weak
clustering_undirected clustering_directed constraint_effective_size core_numbers louvain"
[ "$scales" = national ] && phases="import_csv_to_csr weak_components strong_components pagerank louvain"
for scale in $scales; do
  edges="results/data/$scale/edges.csv"
  roster="results/data/$scale/roster.csv"
  out="results/$scale"
  echo "== $scale: StaffGraph ==" >&2
  meta="{\"run\": \"$run_id\", \"commit\": \"$commit\", \"file\": \"$edges\"}"
  echo "$meta" > "$out.staffgraph.jsonl"
  rm -f "results/partitions/$scale".*.csv
  for phase in $phases; do
    "$bench" "$edges" --phases "$phase" --runs "$runs" --pivots "$pivots" \
      --partition-out "results/partitions/$scale.staffgraph.csv" >> "$out.staffgraph.jsonl"
  done
  # The whole command: import, roster, one summary panel per school, CSV out.
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o results/time.txt "$cli" summary "$edges" --nodes "$roster" --per school --format csv -o "results/$scale.schools.csv"
    cat results/time.txt
  done | python3 -c '
import json, statistics, sys
rows = [line.split() for line in sys.stdin if line.strip()]
print(json.dumps({"phase": "summary_by_school_cli", "seconds": statistics.median(float(r[0]) for r in rows),
                  "runs": len(rows), "peak_rss_mb": max(int(r[1]) for r in rows) / 1024}))' >> "$out.staffgraph.jsonl"
  rm -f results/time.txt
  cat "$out.staffgraph.jsonl" >&2
  echo "$meta" > "$out.peers.jsonl"
  if [ "$peers" != none ]; then
    echo "== $scale: peers ($peers) ==" >&2
    nx=()
    [ "$scale" = district ] || nx=(--networkx-phases "$nx_state_phases")
    python3 peers.py "$edges" --tools "$peers" --runs "$runs" --timeout "$timeout" --pivots "$pivots" "${nx[@]}" \
      --partition-prefix "results/partitions/$scale." | tee -a "$out.peers.jsonl" >&2 \
      || echo "peer comparison failed (see above)" >&2
  fi
  # Every tool's communities scored by one function on one graph.
  echo "$meta" > "$out.modularity.jsonl"
  partitions=(results/partitions/"$scale".*.csv)
  if [ -e "${partitions[0]}" ]; then
    python3 modularity.py "$edges" "${partitions[@]}" | tee -a "$out.modularity.jsonl" >&2
  fi
done
python3 report.py results > results/README.md
echo "wrote Benchmarks/results/README.md" >&2
