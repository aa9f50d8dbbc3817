#!/usr/bin/env python3
"""make bench-inference: StaffGraph's QAP regression and CUG tests against R sna.

Two side-by-side timings on this machine, one run each (CPU seconds of the
child processes and wall seconds), written to Benchmarks/results/inference.md:

1. MRQAP: a generated 500-person school (249,500 ordered pairs) with advice
   and collaboration ties, advice regressed on collaboration, reverse advice,
   same team and the difference in years (four predictors), linear model,
   Dekker's semi-partialling null, 2,000 permutations. StaffGraph runs all
   2,000 (`staffgraph qap`, release build). R sna's `netlm` runs
   SNA_PERMUTATIONS of them (default 40) and its time is extrapolated
   linearly to 2,000 (each permutation is one refit of the same size; the
   fixed part, building the design, is timed separately and not scaled).
2. CUG: the generated district (5,000 people, 62 schools), every school
   tested with 1,000 draws holding the number of ties (`summary --per school
   --cug`: in-degree and betweenness centralization, reciprocity,
   transitivity); R sna's `cug.test` with the same four statistics on one
   school of median size, multiplied by the number of schools.

Needs R with sna (r-cran-sna; installed when missing, as root) and a release
build of staffgraph (built when missing).
"""
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CLI = os.path.join(ROOT, ".build", "release", "staffgraph")
PERMUTATIONS = 2000
SNA_PERMUTATIONS = int(os.environ.get("SNA_PERMUTATIONS", "40"))
DRAWS = 1000


def ensure_tools():
    if shutil.which("Rscript") is None or subprocess.run(["Rscript", "-e", "library(sna)"], capture_output=True).returncode != 0:
        if os.geteuid() != 0:
            sys.exit("R sna is needed: sudo apt-get install -y r-cran-sna")
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "r-cran-sna"], check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(CLI):
        subprocess.run(["swift", "build", "-c", "release", "--product", "staffgraph"], cwd=ROOT, check=True)


def timed(args, cwd=ROOT):
    """Runs a command; returns (wall seconds, CPU seconds of the child, stdout)."""
    before = os.times()
    start = time.monotonic()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    wall = time.monotonic() - start
    after = os.times()
    if done.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(args), done.stderr))
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, done.stdout


def make_school(folder, n=500, seed=20261205):
    """A 500-person school: 10 teams, years 1-30, advice and collaboration ties
    (about 8 named per person each, mostly within the team), deterministic."""
    rng = random.Random(seed)
    teams = ["T%02d" % (i % 10) for i in range(n)]
    years = [rng.randint(1, 30) for _ in range(n)]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "roster.csv"), "w") as f:
        f.write("id,team,years\n")
        for i in range(n):
            f.write("p%03d,%s,%d\n" % (i, teams[i], years[i]))
    with open(os.path.join(folder, "edges.csv"), "w") as f:
        f.write("source,target,relation\n")
        for relation in ("advice", "collaboration"):
            for i in range(n):
                named = set()
                while len(named) < 8:
                    j = rng.randrange(n) if rng.random() < 0.4 else 10 * rng.randrange(n // 10) + i % 10
                    if j != i:
                        named.add(j)
                for j in sorted(named):
                    f.write("p%03d,p%03d,%s\n" % (i, j, relation))


SNA_QAP = r"""
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE); dir <- args[1]; reps <- as.integer(args[2])
t0 <- proc.time()
r <- read.csv(file.path(dir, "roster.csv"), stringsAsFactors = FALSE)
e <- read.csv(file.path(dir, "edges.csv"), stringsAsFactors = FALSE)
n <- nrow(r); ix <- setNames(seq_len(n), r$id)
mk <- function(rel) { m <- matrix(0, n, n); s <- e[e$relation == rel, ]; m[cbind(ix[s$source], ix[s$target])] <- 1; diag(m) <- 0; m }
adv <- mk("advice"); col <- mk("collaboration")
x <- array(dim = c(4, n, n)); x[1,,] <- col; x[2,,] <- t(adv)
x[3,,] <- outer(r$team, r$team, "==") * 1; x[4,,] <- abs(outer(r$years, r$years, "-"))
setup <- (proc.time() - t0)[["elapsed"]]
set.seed(1)
t1 <- proc.time()
f <- netlm(adv, x, nullhyp = "qapspp", reps = reps)
fit <- (proc.time() - t1)[["elapsed"]]
t2 <- proc.time()
f0 <- netlm(adv, x, nullhyp = "classical")
single <- (proc.time() - t2)[["elapsed"]]
cat(sprintf("%.3f %.3f %.3f\n", setup, fit, single))
cat(sprintf("%.12g\n", f$coefficients))
"""

SNA_CUG = r"""
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE); file <- args[1]; draws <- as.integer(args[2]); n <- as.integer(args[3])
e <- read.csv(file, stringsAsFactors = FALSE)
ids <- sort(unique(c(e$source, e$target, readLines(args[4]))))
ix <- setNames(seq_along(ids), ids)
g <- matrix(0, n, n); g[cbind(ix[e$source], ix[e$target])] <- 1; diag(g) <- 0
set.seed(1)
t0 <- proc.time()
a <- cug.test(g, centralization, FUN.arg = list(FUN = degree, cmode = "indegree"), cmode = "edges", reps = draws)
b <- cug.test(g, centralization, FUN.arg = list(FUN = betweenness), cmode = "edges", reps = draws)
c <- cug.test(g, grecip, FUN.arg = list(measure = "edgewise"), cmode = "edges", reps = draws)
d <- cug.test(g, gtrans, cmode = "edges", reps = draws)
cat(sprintf("%.3f\n", (proc.time() - t0)[["elapsed"]]))
"""


def main():
    ensure_tools()
    work = tempfile.mkdtemp(prefix="staffgraph-bench-inference-")
    lines = ["# Inference: StaffGraph against R sna", "",
             "One run each on this machine (%d cores), %s. CPU = user + system seconds of the process." % (os.cpu_count(), time.strftime("%Y-%m-%d")), ""]

    # 1. MRQAP on 500 people.
    school = os.path.join(work, "school500")
    make_school(school)
    wall, cpu, _ = timed([CLI, "qap", os.path.join(school, "edges.csv"), "--nodes", os.path.join(school, "roster.csv"),
                          "--relation", "advice", "--predictor", "collaboration", "--reverse", "advice", "--same", "team", "--diff", "years",
                          "--permutations", str(PERMUTATIONS), "--seed", "1", "--format", "json"])
    script = os.path.join(work, "qap.R")
    with open(script, "w") as f:
        f.write(SNA_QAP)
    rwall, rcpu, out = timed(["Rscript", script, school, str(SNA_PERMUTATIONS)])
    setup, fit, single = (float(x) for x in out.split()[:3])
    per_permutation = max(0.0, fit - single) / SNA_PERMUTATIONS
    sna_2000 = setup + single + per_permutation * PERMUTATIONS
    lines += ["## MRQAP: 500 people, 249,500 pairs, 4 predictors, 2,000 permutations (qapspp, linear)", "",
              "| | seconds | |", "|---|---:|---|",
              "| StaffGraph `qap` (release, %d threads) | %.1f wall, %.1f CPU | all 2,000 permutations |" % (os.cpu_count(), wall, cpu),
              "| R sna `netlm` | %.0f (extrapolated) | %d permutations took %.1f s; design %.1f s, one fit %.1f s, so %.2f s per permutation |" % (sna_2000, SNA_PERMUTATIONS, fit, setup, single, per_permutation),
              "| ratio | **%.0f×** | sna's extrapolated time / StaffGraph's wall time |" % (sna_2000 / wall), ""]

    # 2. CUG over the generated district.
    district = os.path.join(ROOT, "Benchmarks", "results", "data", "district")
    if not os.path.exists(os.path.join(district, "edges.csv")):
        subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "generate_network.py"), "--scale", "district", "--out", district], check=True, stdout=subprocess.DEVNULL)
    edges, roster = os.path.join(district, "edges.csv"), os.path.join(district, "roster.csv")
    wall_c, cpu_c, _ = timed([CLI, "summary", edges, "--nodes", roster, "--per", "school", "--cug", "--cug-draws", str(DRAWS), "--format", "csv"])
    # One school of median size for R.
    members = {}
    with open(roster) as f:
        header = f.readline().strip().split(",")
        si = header.index("school")
        for line in f:
            cells = line.strip().split(",")
            members.setdefault(cells[si], []).append(cells[0])
    schools = sorted(members, key=lambda s: (len(members[s]), s))
    median = schools[len(schools) // 2]
    people = set(members[median])
    school_edges = os.path.join(work, "school.csv")
    school_people = os.path.join(work, "people.txt")
    with open(edges) as f, open(school_edges, "w") as out:
        out.write(f.readline())
        for line in f:
            s, t = line.split(",")[:2]
            if s in people and t in people:
                out.write(line)
    with open(school_people, "w") as f:
        f.write("\n".join(sorted(people)) + "\n")
    script = os.path.join(work, "cug.R")
    with open(script, "w") as f:
        f.write(SNA_CUG)
    _, _, out = timed(["Rscript", script, school_edges, str(DRAWS), str(len(people)), school_people])
    one = float(out.split()[0])
    lines += ["## CUG: the generated district, 62 schools, 1,000 draws per school (edges held fixed)", "",
              "| | seconds | |", "|---|---:|---|",
              "| StaffGraph `summary --per school --cug` (release) | %.1f wall, %.1f CPU | four indices (and the panel) for every school |" % (wall_c, cpu_c),
              "| R sna `cug.test` | %.0f (one school × %d) | school %s, %d people: %.1f s for the same four indices |" % (one * len(schools), len(schools), median, len(people), one),
              "| ratio | **%.0f×** | |" % (one * len(schools) / wall_c), ""]
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "inference.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
