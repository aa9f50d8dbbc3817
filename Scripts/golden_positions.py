#!/usr/bin/env python3
"""Golden values for StaffGraph's positions and core/periphery, from R sna,
cpnet and a plain numpy reference.

Usage (from anywhere):

    python3 Scripts/golden_positions.py

Writes Tests/Golden/positions/<case>.json. Python reads the sample files and
builds the 0/1 matrix (people in node-file order, self-ties dropped; in the
``_missing`` case non-respondents' rows are NA), then R sna (2.7) computes:

- ``sedist(m, method = M)`` for M in hamming, euclidean, correlation
  (mode "digraph", diag = FALSE; correlation NA set to 0 as sedist does);
- ``hclust(as.dist(D), method = L)`` for L in complete, average, single, with
  D the distances or, for correlation, ``-r`` (what ``equiv.clust`` passes
  with ``code.diss = TRUE``); its ``merge``, ``height``, ``order``,
  ``cutree(hc, k)`` for several k and ``cutree(hc, h)`` at one height;
- ``blockmodel(m, hc, k = k)$block.model`` (densities, diagonal excluded) and
  ``blockmodel(m, membership)`` for a given partition (its densities and
  ``order.vector``).
The script also checks that ``equiv.clust(m, method = M, cluster.method = L)``
gives the same tree as the explicit ``hclust`` where sna's joint analysis
leaves no NA.

Core/periphery (Borgatti & Everett 2000), numpy:
- the discrete fit (Pearson r between a_ij and the ideal pattern over
  ordered pairs i != j of observed rows) of every core/periphery split when
  n <= 21 (exhaustive optimum), for both patterns (core-periphery cells
  ignored, or ideal 1);
- for larger networks, the best of a seeded steepest-ascent search from 200
  random starts, and the fit (under the 'coreAndLinks' pattern, directed data)
  of the core cpnet's ``BE`` (Kernighan-Lin, undirected) finds, seeded;
- the continuous coreness: scipy ``least_squares`` minimising
  sum_{i != j} (a_ij - c_i c_j)^2 to 1e-15, and its correlation with a_ij.

Keys are sorted, floats written with Python's shortest repr; running the script
again reproduces every file byte for byte. Installs r-cran-sna (apt-get) and
cpnet (pip) when missing.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Golden", "positions")
METHODS = ["hamming", "euclidean", "correlation"]
LINKAGES = ["complete", "average", "single"]


def ensure_deps():
    ok = shutil.which("Rscript") and subprocess.run(
        ["Rscript", "-e", "suppressMessages(library(sna))"], capture_output=True).returncode == 0
    if not ok:
        if os.geteuid() != 0:
            sys.exit("golden_positions.py needs R's sna package:\n  sudo apt-get install -y --no-install-recommends r-cran-sna")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], env=env, check=True)
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "r-cran-sna"], env=env, check=True)
    try:
        import cpnet  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--break-system-packages", "cpnet"], check=True)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load(nodes_file, edges_file, relation=None, wave=None, missing=False):
    rows = read_csv(os.path.join(ROOT, nodes_file))
    ids = [r["id"] for r in rows]
    index = {v: k for k, v in enumerate(ids)}
    edges = set()
    for r in read_csv(os.path.join(ROOT, edges_file)):
        if relation and r.get("relation") != relation:
            continue
        if wave and r.get("wave") != wave:
            continue
        s, t = index[r["source"]], index[r["target"]]
        if s != t:
            edges.add((s, t))
    observed = [True] * len(ids)
    if missing:
        observed = [r[f"responded_{wave}"].strip().lower() == "yes" for r in rows]
    return ids, rows, sorted(edges), observed


R_CODE = r"""
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
inp <- args[1]; out <- args[2]
n <- as.integer(readLines(file.path(inp, "n.txt")))
e <- read.csv(file.path(inp, "edges.csv"))
obs <- as.logical(readLines(file.path(inp, "observed.txt")))
ks <- as.integer(strsplit(readLines(file.path(inp, "ks.txt")), ",")[[1]])
part <- as.integer(readLines(file.path(inp, "partition.txt")))
m <- matrix(0, n, n)
if (nrow(e) > 0) m[cbind(e$s + 1, e$t + 1)] <- 1
m[!obs, ] <- NA
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
lines <- c()
add <- function(key, values) lines <<- c(lines, paste(key, paste(fmt(values), collapse = ","), sep = "\t"))
for (M in c("hamming", "euclidean", "correlation")) {
  d <- suppressWarnings(sedist(m, method = M))
  add(paste("sedist", M, sep = "|"), as.vector(t(d)))
  diss <- if (M == "correlation") -d else d
  for (L in c("complete", "average", "single")) {
    hc <- hclust(as.dist(diss), method = L)
    key <- paste(M, L, sep = "|")
    add(paste("merge", key, sep = "|"), as.vector(t(hc$merge)))
    add(paste("height", key, sep = "|"), hc$height)
    add(paste("order", key, sep = "|"), hc$order)
    if (all(obs)) {
      ec <- tryCatch(suppressWarnings(equiv.clust(m, method = M, cluster.method = L)), error = function(e) NULL)
      if (!is.null(ec)) {
        same <- isTRUE(all.equal(ec$cluster$merge, hc$merge)) && isTRUE(all.equal(ec$cluster$height, hc$height))
        add(paste("equivclust_same", key, sep = "|"), as.integer(same))
      }
    }
    for (k in ks) {
      add(paste("cutree", key, k, sep = "|"), cutree(hc, k))
      bm <- blockmodel(m, hc, k = k)
      add(paste("density", key, k, sep = "|"), as.vector(t(bm$block.model)))
    }
    # a height halfway between two distinct merge heights near the middle,
    # so rounding in the last bit cannot move the cut
    hs <- sort(unique(signif(hc$height, 9)))
    mid <- max(1, floor(length(hs) / 2))
    h <- if (length(hs) > 1) (hs[mid] + hs[mid + 1]) / 2 else hs[1] + 1
    add(paste("cut_height", key, sep = "|"), h)
    add(paste("cutree_h", key, sep = "|"), cutree(hc, h = h))
  }
}
bm <- blockmodel(m, part)
add("partition_density", as.vector(t(bm$block.model)))
add("partition_order", bm$order.vector)
writeLines(lines, out)
"""


def run_r(n, edges, observed, ks, partition):
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "n.txt"), "w") as f:
            f.write(f"{n}\n")
        with open(os.path.join(tmp, "edges.csv"), "w") as f:
            f.write("s,t\n" + "".join(f"{s},{t}\n" for s, t in edges))
        with open(os.path.join(tmp, "observed.txt"), "w") as f:
            f.write("".join("TRUE\n" if o else "FALSE\n" for o in observed))
        with open(os.path.join(tmp, "ks.txt"), "w") as f:
            f.write(",".join(map(str, ks)) + "\n")
        with open(os.path.join(tmp, "partition.txt"), "w") as f:
            f.write("".join(f"{p + 1}\n" for p in partition))
        script = os.path.join(tmp, "run.R")
        with open(script, "w") as f:
            f.write(R_CODE)
        out = os.path.join(tmp, "out.tsv")
        subprocess.run(["Rscript", script, tmp, out], check=True)
        result = {}
        with open(out) as f:
            for line in f:
                key, values = line.rstrip("\n").split("\t")
                result[key] = [None if v in ("NA", "NaN") else float(v) for v in values.split(",")] if values else []
        return result


def matrix(n, edges, observed):
    import numpy as np
    a = np.zeros((n, n))
    for s, t in edges:
        if observed[s]:
            a[s, t] = 1.0
    return a


def fit_of(a, observed, core, pattern):
    """Pearson r of a_ij with the ideal pattern, None when undefined."""
    import numpy as np
    n = len(core)
    c = np.array(core, dtype=bool)
    obs = np.array(observed, dtype=bool)
    if c.sum() < 2 or (~c).sum() < 2:
        return None
    xs, ys = [], []
    for i in range(n):
        if not obs[i]:
            continue
        for j in range(n):
            if i == j:
                continue
            if c[i] and c[j]:
                ideal = 1.0
            elif not c[i] and not c[j]:
                ideal = 0.0
            elif pattern == "coreAndLinks":
                ideal = 1.0
            else:
                continue
            xs.append(a[i, j]); ys.append(ideal)
    x, y = np.array(xs), np.array(ys)
    if x.std() == 0 or y.std() == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])


def exhaustive(a, observed, pattern):
    """Best fit over all 2^n splits (vectorised)."""
    import numpy as np
    n = a.shape[0]
    best = -np.inf
    chunk = 1 << 16
    bits = 1 << np.arange(n)
    for start in range(0, 1 << n, chunk):
        codes = np.arange(start, min(start + chunk, 1 << n))
        x = ((codes[:, None] & bits[None, :]) > 0).astype(float)
        best = max(best, float(split_fits(a, observed, x, pattern).max()))
    return best


def split_fits(a, observed, x, pattern):
    """Fit of the split x (0/1 rows) by the closed form, -inf when undefined."""
    import numpy as np
    n = a.shape[0]
    obs = np.array(observed, dtype=float)
    y = 1.0 - x
    c = x.sum(1); p = n - c
    oc = x @ obs; op = y @ obs
    tc = ((x @ a) * x).sum(1); tp = ((y @ a) * y).sum(1)
    cc = oc * (c - 1); pc = op * (p - 1)
    if pattern == "coreOnly":
        cells = cc + pc; ones = cc; ties = tc + tp; t1 = tc
    else:
        cells = np.full_like(c, obs.sum() * (n - 1)); ones = cells - pc
        ties = np.full_like(c, a.sum()); t1 = a.sum() - tp
    zeros = cells - ones
    ok = (c >= 2) & (p >= 2) & (ones > 0) & (zeros > 0) & (ties > 0) & (ties < cells)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (cells * t1 - ties * ones) / np.sqrt(ones * zeros * ties * (cells - ties))
    return np.where(ok, r, -np.inf)


def local_search(a, observed, pattern, starts=200, seed=7):
    """Steepest ascent over single flips from seeded random starts."""
    import numpy as np
    rng = np.random.default_rng(seed)
    n = a.shape[0]
    best = -np.inf
    flips = np.eye(n)
    for _ in range(starts):
        x = rng.integers(0, 2, n).astype(float)
        current = split_fits(a, observed, x[None, :], pattern)[0]
        while True:
            candidates = np.abs(x[None, :] - flips)
            fits = split_fits(a, observed, candidates, pattern)
            v = int(np.argmax(fits))
            if fits[v] <= current + 1e-12:
                break
            x = candidates[v]
            current = fits[v]
        best = max(best, float(current))
    return best


def cpnet_fit(a, observed, seed=11):
    import networkx as nx
    import numba
    import numpy as np
    import cpnet

    @numba.njit
    def seed_numba(s):
        np.random.seed(s)

    seed_numba(seed)
    np.random.seed(seed)
    n = a.shape[0]
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for i in range(n):
        for j in range(n):
            if a[i, j] > 0 and i != j:
                g.add_edge(i, j)
    be = cpnet.BE(num_runs=10)
    be.detect(g)
    x = be.get_coreness()
    core = [bool(x.get(i, 0) > 0.5) for i in range(n)]
    return fit_of(a, observed, core, "coreAndLinks")


def continuous(a, observed):
    import numpy as np
    from scipy.optimize import least_squares
    n = a.shape[0]
    cells = [(i, j) for i in range(n) if observed[i] for j in range(n) if j != i]
    ii = np.array([c[0] for c in cells]); jj = np.array([c[1] for c in cells])
    target = a[ii, jj]
    deg = a.sum(0) + a.sum(1)
    start = (deg + 1.0) / np.sqrt((deg + 1.0).sum())

    def residual(c):
        return target - c[ii] * c[jj]

    def jac(c):
        m = np.zeros((len(cells), n))
        m[np.arange(len(cells)), ii] -= c[jj]
        m[np.arange(len(cells)), jj] -= c[ii]
        return m

    sol = least_squares(residual, start, jac=jac, xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=10000)
    c = np.abs(sol.x)
    model = c[ii] * c[jj]
    r = float(np.corrcoef(target, model)[0, 1])
    return [float(v) for v in c], r


def case(name, nodes_file, edges_file, ks, partition_column, relation=None, wave=None, missing=False):
    import numpy as np
    ids, rows, edges, observed = load(nodes_file, edges_file, relation, wave, missing)
    n = len(ids)
    values = [r[partition_column] for r in rows]
    names = sorted(set(values))
    partition = [names.index(v) for v in values]
    r = run_r(n, edges, observed, ks, partition)
    a = matrix(n, edges, observed)
    out = {
        "ids": ids,
        "edges": [[s, t] for s, t in edges],
        "observed": observed,
        "ks": ks,
        "partition_column": partition_column,
        "partition": partition,
        "partition_names": names,
        "sedist": {m: r[f"sedist|{m}"] for m in METHODS},
        "partition_density": r["partition_density"],
        "partition_order": [int(v) - 1 for v in r["partition_order"]],
        "clusterings": [],
    }
    for m in METHODS:
        for l in LINKAGES:
            key = f"{m}|{l}"
            entry = {
                "method": m, "linkage": l,
                "merge": [int(v) for v in r[f"merge|{key}"]],
                "height": r[f"height|{key}"],
                "order": [int(v) - 1 for v in r[f"order|{key}"]],
                "cut_height": r[f"cut_height|{key}"][0],
                "cutree_h": [int(v) - 1 for v in r[f"cutree_h|{key}"]],
                "cutree": {str(k): [int(v) - 1 for v in r[f"cutree|{key}|{k}"]] for k in ks},
                "density": {str(k): r[f"density|{key}|{k}"] for k in ks},
            }
            if f"equivclust_same|{key}" in r:
                entry["equiv_clust_agrees"] = bool(r[f"equivclust_same|{key}"][0])
            out["clusterings"].append(entry)
    cp = {}
    for pattern in ["coreOnly", "coreAndLinks"]:
        ref = {}
        if n <= 21:
            ref["exhaustive_fit"] = exhaustive(a, observed, pattern)
        else:
            ref["search_fit"] = local_search(a, observed, pattern)
        cp[pattern] = ref
    if n > 21:
        cp["coreAndLinks"]["cpnet_fit"] = cpnet_fit(a, observed)
    coreness, cfit = continuous(a, observed)
    out["core_periphery"] = {"patterns": cp, "coreness": coreness, "continuous_fit": cfit}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(out, f, sort_keys=True, indent=1)
        f.write("\n")
    print(f"wrote {name}.json", file=sys.stderr)


def tiny():
    """A hand-checkable case: a triad core {0,1,2} and two people naming 0."""
    return [(0, 1), (1, 0), (0, 2), (2, 0), (1, 2), (2, 1), (3, 0), (4, 0)]


def main():
    ensure_deps()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    case("krackhardt_advice", "Samples/data/krackhardt/nodes.csv", "Samples/data/krackhardt/edges_advice.csv", [2, 3, 4, 6], "dept")
    case("school_advice_fall", "Samples/school/roster.csv", "Samples/school/edges.csv", [2, 4, 6], "team", relation="advice", wave="fall")
    case("school_advice_fall_missing", "Samples/school/roster.csv", "Samples/school/edges.csv", [4], "team", relation="advice", wave="fall", missing=True)
    case("lazega_advice", "Samples/data/lazega/nodes.csv", "Samples/data/lazega/edges_advice.csv", [3, 5], "office")


if __name__ == "__main__":
    main()
