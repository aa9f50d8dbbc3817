#!/usr/bin/env python3
"""Golden values for the cohesion, interdependence and leadership measures.

Writes Tests/Golden/cohesion/<case>.json. Running it again must reproduce the
committed files byte for byte.

References (conventions: Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md):
- networkx (installed version recorded in each file): directed clustering
  (Fagiolo, `clustering` on the DiGraph), undirected clustering and
  `transitivity` on `G.to_undirected()`, `triadic_census`, `constraint`,
  `effective_size` (binary: weight=None; per-node path, see networkx_values), `core_number` on the undirected view,
  `modularity` of the case's partition (undirected view and DiGraph,
  weight=None), `louvain_communities(seed=42, weight=None)` on the undirected
  view (its modularity is a yardstick: Louvain partitions differ between
  implementations).
- R sna (Debian r-cran-sna), for what networkx lacks: `gtrans` (weak),
  `connectedness`, `hierarchy(measure="krackhardt")`, `efficiency`, `lubness`,
  `brokerage(g, cl)$raw.nli`, `grecip(measure="dyadic")`,
  `centralization(g, degree, cmode="indegree")`, and `triad.census` as a second
  reference. Without Rscript or sna, the script says so and leaves the
  committed files alone (it never writes a file without the sna values).
- Python reimplementations of published formulas, each first checked on the
  hand-worked examples in `check_formulas()`: Krackhardt & Stern's E-I index
  (network and per group), block densities, the Gini coefficient, top-k shares.

Graphs: the samples (per relation and wave; all roster people are nodes, ties
as present/absent, self-loops dropped) and a few hand-checkable small graphs.
"""
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

import networkx as nx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Golden", "cohesion")
LOUVAIN_SEED = 42

# name, edges, roster, relation, wave, partition attribute
FILE_CASES = [
    ("tiny", "Samples/tiny/edges.csv", "Samples/tiny/roster.csv", None, None, "team"),
    ("krackhardt_advice", "Samples/data/krackhardt/edges_advice.csv", "Samples/data/krackhardt/nodes.csv", "advice", None, "dept"),
    ("krackhardt_friendship", "Samples/data/krackhardt/edges_friendship.csv", "Samples/data/krackhardt/nodes.csv", "friendship", None, "dept"),
    ("krackhardt_reports_to", "Samples/data/krackhardt/edges_reports_to.csv", "Samples/data/krackhardt/nodes.csv", "reports_to", None, "level"),
    ("lazega_advice", "Samples/data/lazega/edges_advice.csv", "Samples/data/lazega/nodes.csv", "advice", None, "office"),
    ("ukfaculty_friendship", "Samples/data/ukfaculty/edges_friendship.csv", "Samples/data/ukfaculty/nodes.csv", "friendship", None, "group"),
    ("s50_w1", "Samples/data/s50/edges_friendship_w1.csv", "Samples/data/s50/nodes.csv", "friendship", "w1", "smoke_w1"),
    ("knecht_w1", "Samples/data/knecht/edges_friendship_w1.csv", "Samples/data/knecht/roster.csv", "friendship", "w1", "sex"),
] + [
    (f"school_{rel}_{wave}", "Samples/school/edges.csv", "Samples/school/roster.csv", rel, wave, "team")
    for rel in ("advice", "collaboration") for wave in ("fall", "winter", "spring")
]

# Hand-checkable graphs: name, n, ties, partition labels.
SMALL_CASES = [
    ("transitive_triple", 3, [(0, 1), (1, 2), (0, 2)], [0, 0, 1]),
    ("cycle3_with_isolate", 4, [(0, 1), (1, 2), (2, 0)], [0, 1, 2, 2]),
    ("two_triangles_bridge", 6, [(0, 1), (1, 2), (2, 0), (1, 0), (3, 4), (4, 5), (5, 3), (2, 3)], [0, 0, 0, 1, 1, 1]),
    ("out_star", 5, [(1, 0), (2, 0), (3, 0), (4, 0)], [0, 1, 1, 2, 2]),
    ("reports_tree", 7, [(1, 0), (2, 0), (3, 1), (4, 1), (5, 2), (6, 2)], [0, 1, 2, 1, 1, 2, 2]),
    ("mutual_chain", 5, [(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 4), (4, 2)], [0, 0, 1, 1, 2]),
    ("all_16_triads", 9, [(0, 1), (1, 0), (1, 2), (2, 3), (3, 1), (3, 4), (4, 3), (4, 5), (5, 6), (6, 4), (6, 7), (7, 8), (8, 6), (8, 7), (0, 8), (2, 5), (5, 2), (7, 1)], [0, 0, 0, 1, 1, 1, 2, 2, 2]),
]


def read_csv(path):
    with open(os.path.join(ROOT, path), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def load_file_case(edges_path, roster_path, relation, wave, attribute):
    roster = read_csv(roster_path)
    ids = [r["id"] for r in roster]
    index = {v: i for i, v in enumerate(ids)}
    ties = set()
    for r in read_csv(edges_path):
        if relation and "relation" in r and r["relation"] != relation:
            continue
        if wave and "wave" in r and r["wave"] != wave:
            continue
        if r["source"] == r["target"] or float(r.get("weight") or 1) == 0:
            continue
        ties.add((index[r["source"]], index[r["target"]]))
    values = [(r.get(attribute) or "").strip() or "(missing)" for r in roster]
    names = sorted(set(values))
    labels = [names.index(v) for v in values]
    return ids, sorted(ties), labels


def clean(x):
    """JSON-safe number: NaN -> None."""
    if x is None:
        return None
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return None
    return x


# ---------------------------------------------------------------- formulas

def ei_index(n, ties, labels):
    """Krackhardt & Stern E-I: network and per group (arcs touching the group)."""
    k = max(labels) + 1 if labels else 0
    internal = external = 0
    gi = [0] * k
    ge = [0] * k
    for s, t in ties:
        if labels[s] == labels[t]:
            internal += 1
            gi[labels[s]] += 1
        else:
            external += 1
            ge[labels[s]] += 1
            ge[labels[t]] += 1
    ratio = lambda e, i: (e - i) / (e + i) if e + i else None
    return {
        "network": ratio(external, internal),
        "internal": internal,
        "external": external,
        "groups": [{"internal": gi[g], "external": ge[g], "ei_index": ratio(ge[g], gi[g])} for g in range(k)],
    }


def block_densities(n, ties, labels):
    k = max(labels) + 1 if labels else 0
    sizes = [labels.count(g) for g in range(k)]
    counts = [[0] * k for _ in range(k)]
    for s, t in ties:
        counts[labels[s]][labels[t]] += 1
    dens = [[None] * k for _ in range(k)]
    for g in range(k):
        for h in range(k):
            cells = sizes[g] * (sizes[h] - 1) if g == h else sizes[g] * sizes[h]
            dens[g][h] = counts[g][h] / cells if cells else None
    return counts, dens


def gini(values):
    xs = sorted(values)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return None
    return sum(abs(a - b) for a in xs for b in xs) / (2 * n * n * (total / n))


def top_share(values, k):
    total = sum(values)
    return sum(sorted(values, reverse=True)[:k]) / total if total else None


def check_formulas():
    """The reimplementations against numbers worked by hand."""
    # Groups {a, b} and {c}; a -> b, a -> c, c -> a: E = 2, I = 1.
    r = ei_index(3, [(0, 1), (0, 2), (2, 0)], [0, 0, 1])
    assert abs(r["network"] - 1 / 3) < 1e-15
    assert r["groups"][0] == {"internal": 1, "external": 2, "ei_index": 1 / 3}
    assert r["groups"][1] == {"internal": 0, "external": 2, "ei_index": 1.0}
    counts, dens = block_densities(3, [(0, 1), (0, 2), (2, 0)], [0, 0, 1])
    assert counts == [[1, 1], [1, 0]] and dens == [[0.5, 0.5], [0.5, None]]
    assert gini([0, 0, 0, 4]) == 0.75 and gini([4, 0, 0, 0, 0]) == 0.8 and gini([1, 1, 1]) == 0
    assert top_share([5, 3, 1, 1], 1) == 0.5


# ---------------------------------------------------------------- references

def networkx_values(n, ties, labels):
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edges_from(ties)
    U = G.to_undirected()
    census = nx.triadic_census(G)
    constraint = nx.constraint(G)
    # nodes=list(G): networkx 3.6.1's all-nodes sparse-matrix path gives other
    # values than its own per-node path (Burt's formula, which the hand-worked
    # example in StructuralHolesTests confirms), e.g. 2.5 instead of 2.375 for
    # node 7 of all_16_triads. The per-node path is the reference here.
    effective = nx.effective_size(G, nodes=list(G))
    parts = [set(v for v in range(n) if labels[v] == g) for g in range(max(labels) + 1)]
    parts = [p for p in parts if p]
    has_ties = G.number_of_edges() > 0
    louvain = nx.community.louvain_communities(U, weight=None, seed=LOUVAIN_SEED)
    return {
        "clustering_directed": [clean(float(nx.clustering(G, v))) for v in range(n)],
        "clustering_undirected": [clean(float(nx.clustering(U, v))) for v in range(n)],
        "transitivity_undirected": nx.transitivity(U),
        "triad_census": {k: census[k] for k in nx.algorithms.triads.TRIAD_NAMES},
        "constraint": [clean(float(constraint[v])) for v in range(n)],
        "effective_size": [clean(float(effective[v])) for v in range(n)],
        "core_number": [nx.core_number(U)[v] for v in range(n)],
        "modularity_partition_undirected": nx.community.modularity(U, parts, weight=None) if has_ties else None,
        "modularity_partition_directed": nx.community.modularity(G, parts, weight=None) if has_ties else None,
        "louvain_modularity": nx.community.modularity(U, louvain, weight=None) if has_ties else None,
        "louvain_count": len(louvain),
    }


R_PROGRAM = r"""
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[1])
e <- read.csv(args[2])
cl <- scan(args[3], quiet = TRUE)
m <- matrix(0, n, n)
if (nrow(e) > 0) m[cbind(e$s + 1, e$t + 1)] <- 1
num <- function(x) if (is.na(x) || is.nan(x)) NULL else sprintf("%.17g", x)
br <- brokerage(m, cl)$raw.nli
tc <- triad.census(m)
out <- list(
  gtrans_weak = num(gtrans(m, measure = "weak")),
  connectedness = num(connectedness(m)),
  hierarchy_krackhardt = num(hierarchy(m, measure = "krackhardt")),
  efficiency = num(efficiency(m)),
  lubness = num(lubness(m)),
  grecip_dyadic = num(grecip(m, measure = "dyadic")),
  grecip_edgewise = num(grecip(m, measure = "edgewise")),
  centralization_indegree = num(centralization(m, degree, cmode = "indegree")),
  brokerage = list(coordinator = br[, 1], consultant = br[, 2], representative = br[, 3],
                   gatekeeper = br[, 4], liaison = br[, 5], total = br[, 6]),
  triad_census = as.list(setNames(as.numeric(tc[1, ]), colnames(tc)))
)
cat(jsonlite::toJSON(out, auto_unbox = TRUE, digits = NA, null = "null"))
"""


def sna_values(n, ties, labels, rscript):
    with tempfile.TemporaryDirectory() as d:
        program = os.path.join(d, "golden.R")
        edges = os.path.join(d, "edges.csv")
        classes = os.path.join(d, "classes.txt")
        with open(program, "w") as f:
            f.write(R_PROGRAM)
        with open(edges, "w") as f:
            f.write("s,t\n")
            for s, t in ties:
                f.write(f"{s},{t}\n")
        with open(classes, "w") as f:
            f.write(" ".join(str(l + 1) for l in labels) + "\n")
        text = subprocess.run([rscript, program, str(n), edges, classes], check=True, capture_output=True, text=True).stdout
    values = json.loads(text)
    version = subprocess.run([rscript, "-e", 'cat(as.character(packageVersion("sna")))'], check=True, capture_output=True, text=True).stdout
    values["brokerage"] = {k: [int(x) for x in (v if isinstance(v, list) else [v])] for k, v in values["brokerage"].items()}
    values["triad_census"] = {k: int(v) for k, v in values["triad_census"].items()}
    for k in list(values):
        if values[k] == {}:
            values[k] = None
        elif isinstance(values[k], str):
            values[k] = float(values[k])
    return values, f"R sna {version.strip()}"


def leadership_values(n, ties):
    indeg = [0] * n
    for _, t in ties:
        indeg[t] += 1
    return {
        "in_degree": indeg,
        "gini_in_degree": gini(indeg),
        "top_share": {str(k): top_share(indeg, k) for k in (1, 3, 5)},
    }


def case_json(name, input_, n, ties, labels, rscript):
    nxv = networkx_values(n, ties, labels)
    snav, sna_version = sna_values(n, ties, labels, rscript)
    counts, dens = block_densities(n, ties, labels)
    return {
        "input": input_,
        "nodes": n,
        "partition": labels,
        "networkx": nxv,
        "sna": snav,
        "formulas": {
            "ei": ei_index(n, ties, labels),
            "block_ties": counts,
            "block_density": dens,
            **leadership_values(n, ties),
        },
        "louvain_seed": LOUVAIN_SEED,
        "reference": f"networkx {nx.__version__}; {sna_version}; formulas checked in Scripts/golden_cohesion.py",
    }


def main():
    check_formulas()
    rscript = shutil.which("Rscript")
    ok = rscript and subprocess.run([rscript, "-e", "suppressMessages(library(sna)); library(jsonlite)"], capture_output=True).returncode == 0
    if not ok:
        print("Rscript with the sna and jsonlite packages is not available (Debian: apt-get install -y r-cran-sna r-cran-jsonlite);"
              " the committed golden files in Tests/Golden/cohesion are left as they are.", file=sys.stderr)
        return 0
    os.makedirs(OUT, exist_ok=True)
    written = 0
    for name, edges, roster, relation, wave, attribute in FILE_CASES:
        ids, ties, labels = load_file_case(edges, roster, relation, wave, attribute)
        input_ = {"edges": edges, "roster": roster, "relation": relation, "wave": wave, "partition": attribute}
        result = case_json(name, input_, len(ids), ties, labels, rscript)
        result["ids"] = ids
        write(name, result)
        written += 1
    for name, n, ties, labels in SMALL_CASES:
        result = case_json(name, {"ties": [list(t) for t in ties]}, n, sorted(set(ties)), labels, rscript)
        write(name, result)
        written += 1
    print(f"wrote {written} golden files to {os.path.relpath(OUT, ROOT)}", file=sys.stderr)
    return 0


def write(name, result):
    with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
