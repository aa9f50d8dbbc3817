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
swift build -c release --product staffgraph-bench
.build/release/staffgraph-bench "$data" | tee results/staffgraph.jsonl
