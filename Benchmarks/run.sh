#!/usr/bin/env bash
# Builds the benchmark harness (release) and times StaffGraph's phases on a
# generated 3,000,000-tie edge list (made once, deterministically, in Benchmarks/results/).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p results
data=results/edges_3m.csv
if [ ! -f "$data" ]; then
  python3 - "$data" <<'PY'
import random, sys
r = random.Random(1)
n = 200000
with open(sys.argv[1], "w") as f:
    f.write("source,target,weight\n")
    for _ in range(3000000):
        f.write(f"s{r.randrange(n):06d},s{r.randrange(n):06d},{r.randint(1, 4)}\n")
PY
fi
# A 5,000-person school district: 50 teams of 100, each person names about 20
# colleagues, 80% inside their team (about 100,000 ties).
data5k=results/edges_5k.csv
if [ ! -f "$data5k" ]; then
  python3 - "$data5k" <<'PY'
import random, sys
r = random.Random(5)
n, teams = 5000, 50
size = n // teams
with open(sys.argv[1], "w") as f:
    f.write("source,target,weight\n")
    for s in range(n):
        team = s // size
        for _ in range(20):
            t = team * size + r.randrange(size) if r.random() < 0.8 else r.randrange(n)
            if t != s:
                f.write(f"s{s:05d},s{t:05d},{r.randint(1, 4)}\n")
PY
fi
swift build -c release --product staffgraph-bench
.build/release/staffgraph-bench "$data5k" | tee results/staffgraph_5k.jsonl
.build/release/staffgraph-bench "$data" | tee results/staffgraph.jsonl
python3 peers_cohesion.py "$data5k" "$data" | tee results/peers_cohesion.jsonl || echo "peer comparison skipped (python-igraph not installed)" >&2
