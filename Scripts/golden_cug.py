#!/usr/bin/env python3
"""Golden values for StaffGraph's CUG tests (conditional uniform graph tests).

Usage (from anywhere):

    python3 Scripts/golden_cug.py

Writes Tests/Golden/cug/<name>.json for four real networks in Samples/data
(Krackhardt's managers, advice; Lazega's lawyers, advice; the s50 pupils,
friendship wave 1; Knecht's class, friendship wave 1). Every person in the
node file is a node (isolates kept); ties are binary, self-loops dropped.

Reference tool: R sna (2.7), driven through ``Rscript``; r-cran-sna is
installed with apt-get when missing (as root, as Scripts/install-deps.sh does
for the other system packages; otherwise the command is printed).

For every network and every conditioning (sna ``cug.test(cmode = "size" |
"edges" | "dyad.census")``, ``mode = "digraph"``, ``diag = FALSE``,
``reps = 5000``, ``set.seed(20260515)`` before each test) the file holds, per
statistic, the observed value, the mean and standard deviation (R ``sd``,
n - 1) of the null distribution, and sna's two p-values (``pgteobs`` =
share of draws >= observed, ``plteobs`` = share <= observed; the observed
graph is not counted among the draws). The statistics:

- ``in_degree_centralization``: ``centralization(g, degree, cmode = "indegree")``
- ``betweenness_centralization``: ``centralization(g, betweenness)``
  (directed, sna's maximum (n-1)^2 (n-2), as StaffGraph's summary panel)
- ``reciprocity``: ``grecip(g, measure = "edgewise")`` = 2M / (2M + A), the
  reciprocity StaffGraph's summary panel reports first (sna's default
  "dyadic" counts null dyads too, and is constant under dyad.census)
- ``transitivity``: ``gtrans(g)`` (weak, directed)

Numbers are written by R with 17 significant digits and re-emitted by Python's
json (shortest round trip), keys sorted: running the script again reproduces
every file byte for byte (same R and sna versions).
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "Tests", "Golden", "cug")
REPS = 5000
SEED = 20260515

# (name, node file, edge file)
JOBS = [
    ("krackhardt_advice", "Samples/data/krackhardt/nodes.csv", "Samples/data/krackhardt/edges_advice.csv"),
    ("lazega_advice", "Samples/data/lazega/nodes.csv", "Samples/data/lazega/edges_advice.csv"),
    ("s50_friendship_w1", "Samples/data/s50/nodes.csv", "Samples/data/s50/edges_friendship_w1.csv"),
    ("knecht_friendship_w1", "Samples/data/knecht/nodes.csv", "Samples/data/knecht/edges_friendship_w1.csv"),
]

R_PROGRAM = r"""
suppressPackageStartupMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[1]); reps <- as.integer(args[3]); seed <- as.integer(args[4])
el <- as.matrix(read.table(args[2], header = FALSE))
g <- matrix(0, n, n)
if (nrow(el) > 0) g[el] <- 1
diag(g) <- 0
stats <- list(
  in_degree_centralization = function(x) centralization(x, degree, cmode = "indegree"),
  betweenness_centralization = function(x) centralization(x, betweenness),
  reciprocity = function(x) grecip(x, measure = "edgewise"),
  transitivity = function(x) gtrans(x)
)
f <- function(x) sprintf("%.17g", x)
dc <- dyad.census(g)
cat("nodes", n, "\n")
cat("ties", sum(g), "\n")
cat("dyad_census", dc[1], dc[2], dc[3], "\n")
for (cm in c("size", "edges", "dyad.census")) {
  for (s in names(stats)) {
    set.seed(seed)
    r <- cug.test(g, stats[[s]], mode = "digraph", cmode = cm, diag = FALSE, reps = reps)
    cat("stat", cm, s, f(r$obs.stat), f(mean(r$rep.stat)), f(sd(r$rep.stat)), f(r$pgteobs), f(r$plteobs), "\n")
  }
}
"""


def ensure_sna():
    if shutil.which("Rscript") and subprocess.run(["Rscript", "-e", "library(sna)"], capture_output=True).returncode == 0:
        return
    if os.geteuid() == 0:
        print("Installing r-cran-sna …", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        cmd = ["apt-get", "install", "-y", "--no-install-recommends", "r-cran-sna"]
        if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, stdout=subprocess.DEVNULL, check=True)
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    else:
        sys.exit("R sna is needed: sudo apt-get install -y --no-install-recommends r-cran-sna")


def read_rows(rel):
    with open(os.path.join(ROOT, rel), newline="") as f:
        return list(csv.DictReader(f))


def compute(name, nodes_file, edges_file):
    ids = [r["id"] for r in read_rows(nodes_file)]
    index = {v: i for i, v in enumerate(ids)}
    arcs = sorted({(index[r["source"]], index[r["target"]]) for r in read_rows(edges_file)
                   if r["source"] != r["target"]})
    with tempfile.TemporaryDirectory() as tmp:
        el = os.path.join(tmp, "edges.txt")
        rp = os.path.join(tmp, "cug.R")
        with open(el, "w") as f:
            for s, t in arcs:
                f.write(f"{s + 1} {t + 1}\n")
        with open(rp, "w") as f:
            f.write(R_PROGRAM)
        out = subprocess.run(["Rscript", rp, str(len(ids)), el, str(REPS), str(SEED)],
                             capture_output=True, text=True, check=True).stdout
    result = {"inputs": {"nodes": nodes_file, "edges": edges_file}, "reps": REPS, "seed": SEED,
              "reference": "R sna cug.test, mode digraph, diag FALSE", "modes": {}}
    for line in out.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "nodes":
            result["nodes"] = int(parts[1])
        elif parts[0] == "ties":
            result["ties"] = int(parts[1])
        elif parts[0] == "dyad_census":
            result["dyad_census"] = {"mutual": int(parts[1]), "asymmetric": int(parts[2]), "null": int(parts[3])}
        elif parts[0] == "stat":
            mode = {"dyad.census": "dyad_census"}.get(parts[1], parts[1])
            obs, mean, sd, pge, ple = (float(x) for x in parts[3:8])
            result["modes"].setdefault(mode, {})[parts[2]] = {
                "observed": obs, "null_mean": mean, "null_sd": sd,
                "p_greater_or_equal": pge, "p_less_or_equal": ple}
    return result


def main():
    ensure_sna()
    os.makedirs(GOLDEN, exist_ok=True)
    for name, nodes_file, edges_file in JOBS:
        res = compute(name, nodes_file, edges_file)
        path = os.path.join(GOLDEN, name + ".json")
        with open(path, "w") as f:
            json.dump(res, f, sort_keys=True, indent=1, allow_nan=False)
            f.write("\n")
        print(f"wrote {os.path.relpath(path, ROOT)}")


if __name__ == "__main__":
    main()
