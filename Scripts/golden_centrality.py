#!/usr/bin/env python3
"""Golden values for StaffGraph's centrality measures.

Usage (from anywhere):

    python3 Scripts/golden_centrality.py

Writes:

- Tests/Fixtures/graphs/<name>.csv and <name>_nodes.csv: small classic graphs
  (header ``source,target,weight`` and ``id``), node ids in order;
- Tests/Golden/centrality/<graph>.json: every centrality measure StaffGraph
  implements, for the fixtures above and for the real networks in
  Samples/data (or ../shared/data when Samples/data is missing).

Each JSON file holds ``measures`` (measure name -> node id -> value),
``network`` (scalars: centralization, spectral radius, flags) and ``inputs``
(the files read and the parameters used). Keys are sorted, floats are written
in full (Python's shortest round-trip repr), and undefined values are
``null``. Running the script again reproduces every file byte for byte.

Reference tool: networkx (3.6). A few conventions networkx lacks are computed
here from their published definitions and, when the tool is installed,
checked against it (never read from it, so the files do not depend on it):

- reachable-only closeness: igraph ``closeness(mode=..., normalized=True)``,
  1 / mean distance to the nodes that reach (or are reached by) the node,
  undefined (NaN in igraph, null here) when there are none;
- Freeman centralization: ``sum(max - c_i) / tmax`` with the maxima of R
  ``sna`` (checked with ``Rscript`` + ``sna`` when present);
- the maximum-one eigenvector scale of igraph ``eigen_centrality(scale=TRUE)``.

Requirements: networkx 3.6, numpy, scipy. Optional cross-checks:
python-igraph (``pip install igraph``) and R with sna
(``apt-get install r-cran-sna``). The files are byte-for-byte reproducible
with the same library versions (the script pins the hash seed and BLAS
threads, and fixes ARPACK's start vectors); another numpy/scipy may change
the last digits of the eigenvector and HITS values, well inside the 1e-6
tolerance of the tests.

Binary measures are computed on graphs without a weight attribute, so that
networkx functions that read ``weight`` by default (pagerank, hits) see the
binary graph, as StaffGraph does by default (Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md).
"""

import os
import sys

# Byte-for-byte reproducibility: networkx iterates over sets of node ids in
# places (harmonic_centrality), whose order follows Python's per-process hash
# seed, and multithreaded BLAS may reorder sums. Fix both, then start over.
_FIXED_ENV = {"PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
if any(os.environ.get(k) != v for k, v in _FIXED_ENV.items()):
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **_FIXED_ENV})

import csv
import json
import math
import random
import shutil
import subprocess
import tempfile

import networkx as nx
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures", "graphs")
GOLDEN = os.path.join(ROOT, "Tests", "Golden", "centrality")

REAL_GRAPHS = [
    ("krackhardt_advice", "krackhardt", "edges_advice.csv"),
    ("krackhardt_friendship", "krackhardt", "edges_friendship.csv"),
    ("krackhardt_reports_to", "krackhardt", "edges_reports_to.csv"),
    ("lazega_advice", "lazega", "edges_advice.csv"),
    ("ukfaculty_friendship", "ukfaculty", "edges_friendship.csv"),
    ("s50_friendship_w1", "s50", "edges_friendship_w1.csv"),
    ("knecht_friendship_w1", "knecht", "edges_friendship_w1.csv"),
]


# ---------------------------------------------------------------------------
# Fixtures


def both_ways(edges):
    out = []
    for a, b in edges:
        out.append((a, b, 1))
        out.append((b, a, 1))
    return out


def fixture_graphs():
    """(name, node ids in order, [(source, target, weight)])."""
    graphs = []

    ids = ["a", "b", "c", "d", "e"]
    graphs.append(("directed_path", ids, [(ids[i], ids[i + 1], 1) for i in range(4)]))

    ids = ["centre", "l1", "l2", "l3", "l4", "l5"]
    graphs.append(("star_in", ids, [(leaf, "centre", 1) for leaf in ids[1:]]))

    kite = nx.krackhardt_kite_graph()
    ids = [str(v) for v in kite.nodes()]
    graphs.append(("kite", ids, both_ways([(str(a), str(b)) for a, b in kite.edges()])))

    karate = nx.karate_club_graph()
    ids = [str(v) for v in karate.nodes()]
    graphs.append(("karate", ids, both_ways([(str(a), str(b)) for a, b in karate.edges()])))

    flo = nx.florentine_families_graph()
    ids = sorted(flo.nodes())
    graphs.append(("florentine", ids, both_ways(sorted(flo.edges()))))

    # A DAG with several equally short routes and tie strengths 1-3, so that
    # the weighted variants differ from the binary ones.
    ids = ["s", "a", "b", "c", "d", "e", "t"]
    graphs.append(("dag", ids, [
        ("s", "a", 3), ("s", "b", 1), ("s", "c", 2),
        ("a", "d", 1), ("b", "d", 3), ("b", "e", 2),
        ("c", "e", 1), ("d", "t", 2), ("e", "t", 3), ("a", "e", 1),
    ]))

    # A 3-cycle with a tail, a mutual pair, and two isolates.
    ids = ["p", "q", "r", "s", "u", "v", "x", "y"]
    graphs.append(("isolates_two_components", ids, [
        ("p", "q", 1), ("q", "r", 1), ("r", "p", 1), ("r", "s", 1),
        ("u", "v", 1), ("v", "u", 1),
    ]))
    return graphs


def write_fixture(name, ids, edges):
    os.makedirs(FIXTURES, exist_ok=True)
    with open(os.path.join(FIXTURES, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "weight"])
        for a, b, wt in edges:
            w.writerow([a, b, wt])
    with open(os.path.join(FIXTURES, name + "_nodes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id"])
        for v in ids:
            w.writerow([v])


# ---------------------------------------------------------------------------
# Loading


def data_dir():
    samples = os.path.join(ROOT, "Samples", "data")
    if os.path.isdir(samples):
        return samples
    return os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))


def read_nodes(path):
    with open(path, newline="") as f:
        return [row["id"] for row in csv.DictReader(f)]


def read_edges(path):
    with open(path, newline="") as f:
        return [(r["source"], r["target"], float(r["weight"])) for r in csv.DictReader(f)]


# ---------------------------------------------------------------------------
# Measures


def clean(value):
    if value is None:
        return None
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return None
    if value == 0.0:
        return 0.0  # no negative zero in the files
    return value


def per_node(ids, values):
    return {v: clean(values[v]) for v in ids}


def reachable_closeness(G, ids):
    """igraph closeness(normalized=True) on G: for each v, over the nodes v
    reaches along G, (r) / sum of distances; None when v reaches nobody."""
    out = {}
    for v in ids:
        d = nx.single_source_shortest_path_length(G, v)
        r = len(d) - 1
        total = sum(d.values())
        out[v] = r / total if r > 0 else None
    return out


def undirected_max(G, ids, weighted):
    """Symmetrized view: a tie both ways when either names the other, weight = max."""
    U = nx.Graph()
    U.add_nodes_from(ids)
    for a, b, data in G.edges(data=True):
        w = data.get("weight", 1.0)
        if U.has_edge(a, b):
            if weighted:
                U[a][b]["weight"] = max(U[a][b]["weight"], w)
        elif weighted:
            U.add_edge(a, b, weight=w)
        else:
            U.add_edge(a, b)
    return U


def with_distance(G, ids, transform):
    """Copy of the weighted digraph with a 'dist' attribute (networkx reads
    weights as distances)."""
    maxw = max((d["weight"] for _, _, d in G.edges(data=True)), default=1.0)
    D = nx.DiGraph()
    D.add_nodes_from(ids)
    for a, b, d in G.edges(data=True):
        w = d["weight"]
        if transform == "inverse":
            D.add_edge(a, b, dist=1.0 / w)
        else:
            D.add_edge(a, b, dist=maxw + 1.0 - w)
    return D


def dense(G, ids, weighted):
    index = {v: i for i, v in enumerate(ids)}
    A = np.zeros((len(ids), len(ids)))
    for a, b, d in G.edges(data=True):
        A[index[a], index[b]] = d.get("weight", 1.0) if weighted else 1.0
    return A


def spectral_radius(A):
    if A.shape[0] == 0:
        return 0.0
    return float(max(abs(np.linalg.eigvals(A))))


def perron_is_simple(A):
    """Whether the eigenvalue of largest real part of A is positive and
    algebraically simple (then the power iteration has a unique limit)."""
    if A.shape[0] == 0:
        return False
    ev = np.linalg.eigvals(A)
    order = np.argsort(-ev.real)
    top = ev[order[0]]
    if top.real <= 1e-9:
        return False
    if len(ev) == 1:
        return True
    second = ev[order[1]]
    return bool(abs(top - second) > 1e-6)


def eigenvector_numpy(G, ids, weight):
    """networkx eigenvector_centrality_numpy with ARPACK's start vector fixed
    to all ones (networkx lets ARPACK draw a random one, which changes the
    last digits from run to run); checked against networkx itself."""
    import scipy as sp

    M = nx.to_scipy_sparse_array(G, nodelist=ids, weight=weight, dtype=float)
    _, vec = sp.sparse.linalg.eigs(M.T, k=1, which="LR", tol=0, v0=np.ones(len(ids)))
    largest = vec.flatten().real
    largest = largest / (np.sign(largest.sum()) * sp.linalg.norm(largest))
    result = dict(zip(ids, largest.tolist()))
    reference = nx.eigenvector_centrality_numpy(G, weight=weight)
    assert max(abs(result[v] - reference[v]) for v in ids) < 1e-10
    return result


def hits_is_unique(A):
    """Whether the top singular value of A is simple (unique hubs/authorities)."""
    if A.shape[0] == 0:
        return False
    s = np.linalg.svd(A, compute_uv=False)
    if s[0] <= 1e-9:
        return False
    return bool(len(s) == 1 or s[0] - s[1] > 1e-6 * s[0])


def centralization(values, tmax):
    vals = [v for v in values if v is not None]
    if tmax is None or tmax <= 0 or not vals:
        return None
    top = max(vals)
    return sum(top - v for v in vals) / tmax


class FixedSample(random.Random):
    """A random.Random whose sample() returns a fixed pivot list, so that
    networkx's sampled betweenness uses the pivots StaffGraph is given."""

    def __init__(self, pivots):
        super().__init__(0)
        self.pivots = pivots

    def sample(self, population, k, **kwargs):
        assert k == len(self.pivots)
        return list(self.pivots)


def compute(name, ids, edges, inputs):
    n = len(ids)
    G = nx.DiGraph()  # binary
    G.add_nodes_from(ids)
    GW = nx.DiGraph()  # weighted
    GW.add_nodes_from(ids)
    for a, b, w in edges:
        G.add_edge(a, b)
        GW.add_edge(a, b, weight=w)
    R = G.reverse(copy=True)
    U = undirected_max(G, ids, weighted=False)
    A = dense(G, ids, weighted=False)
    AW = dense(GW, ids, weighted=True)
    m = {}
    net = {}

    # Degree
    ind = dict(G.in_degree())
    outd = dict(G.out_degree())
    m["in_degree"] = per_node(ids, ind)
    m["out_degree"] = per_node(ids, outd)
    m["total_degree"] = per_node(ids, {v: ind[v] + outd[v] for v in ids})
    m["in_degree_networkx"] = per_node(ids, nx.in_degree_centrality(G))
    m["out_degree_networkx"] = per_node(ids, nx.out_degree_centrality(G))
    m["total_degree_networkx"] = per_node(ids, nx.degree_centrality(G))
    m["in_degree_percent"] = per_node(ids, {v: 100.0 * ind[v] / (n - 1) for v in ids})
    total_in = sum(ind.values())
    m["in_degree_share"] = per_node(ids, {v: (ind[v] / total_in if total_in else 0.0) for v in ids})
    m["in_strength"] = per_node(ids, dict(GW.in_degree(weight="weight")))
    m["out_strength"] = per_node(ids, dict(GW.out_degree(weight="weight")))

    # Betweenness
    m["betweenness"] = per_node(ids, nx.betweenness_centrality(G))
    braw = nx.betweenness_centrality(G, normalized=False)
    m["betweenness_raw"] = per_node(ids, braw)
    m["betweenness_undirected"] = per_node(ids, nx.betweenness_centrality(U))
    buraw = nx.betweenness_centrality(U, normalized=False)
    m["betweenness_undirected_raw"] = per_node(ids, buraw)
    m["betweenness_endpoints"] = per_node(ids, nx.betweenness_centrality(G, endpoints=True))
    m["betweenness_endpoints_raw"] = per_node(ids, nx.betweenness_centrality(G, normalized=False, endpoints=True))
    for transform, key in (("inverse", "inverse"), ("reverseScale", "reverse_scale")):
        D = with_distance(GW, ids, transform)
        m["betweenness_weighted_" + key] = per_node(ids, nx.betweenness_centrality(D, weight="dist"))
        m["harmonic_in_weighted_" + key] = per_node(ids, nx.harmonic_centrality(D, distance="dist"))
        m["closeness_wf_in_weighted_" + key] = per_node(ids, nx.closeness_centrality(D, distance="dist"))
    k = max(2, n // 3)
    pivots = [ids[i] for i in range(0, n, max(1, n // k))][:k]
    inputs["betweenness_pivots"] = pivots
    m["betweenness_pivots"] = per_node(ids, nx.betweenness_centrality(G, k=len(pivots), seed=FixedSample(pivots)))
    m["betweenness_pivots_raw"] = per_node(ids, nx.betweenness_centrality(G, k=len(pivots), normalized=False, seed=FixedSample(pivots)))

    # Closeness
    m["harmonic_in"] = per_node(ids, nx.harmonic_centrality(G))
    m["harmonic_out"] = per_node(ids, nx.harmonic_centrality(R))
    m["harmonic_undirected"] = per_node(ids, nx.harmonic_centrality(U))
    m["closeness_wf_in"] = per_node(ids, nx.closeness_centrality(G))
    m["closeness_wf_out"] = per_node(ids, nx.closeness_centrality(R))
    m["closeness_wf_undirected"] = per_node(ids, nx.closeness_centrality(U))
    m["closeness_reachable_in"] = per_node(ids, reachable_closeness(R, ids))
    m["closeness_reachable_out"] = per_node(ids, reachable_closeness(G, ids))
    m["closeness_reachable_undirected"] = per_node(ids, reachable_closeness(U, ids))

    # Eigenvector: networkx's numpy solver refuses graphs that are not
    # strongly connected; there the value is written only when the Perron
    # root is simple (a unique answer), from a dense eigendecomposition.
    strongly = n > 0 and nx.is_strongly_connected(G)
    net["strongly_connected"] = bool(strongly)
    net["weakly_connected"] = bool(n > 0 and nx.is_weakly_connected(G))
    for key, graph, mat, weight in (("eigenvector", G, A, None), ("eigenvector_weighted", GW, AW, "weight")):
        if strongly and n > 1:
            ev = eigenvector_numpy(graph, ids, weight)
            vec = np.array([ev[v] for v in ids])
            m[key] = per_node(ids, ev)
        elif perron_is_simple(mat):
            vals, vecs = np.linalg.eig(mat.T)
            i = int(np.argmax(vals.real))
            vec = np.abs(vecs[:, i].real)
            vec[vec < 1e-13] = 0.0
            vec = vec / np.linalg.norm(vec)
            m[key] = {v: clean(vec[j]) for j, v in enumerate(ids)}
        else:
            m[key] = {v: None for v in ids}
            vec = None
        if key == "eigenvector":
            net["eigenvector_unique"] = vec is not None
            if vec is not None:
                scaled = vec / vec.max()
                m["eigenvector_max_one"] = {v: clean(scaled[j]) for j, v in enumerate(ids)}
                net["eigenvector_centralization"] = clean(centralization(list(scaled), n - 1))
            else:
                m["eigenvector_max_one"] = {v: None for v in ids}
                net["eigenvector_centralization"] = None
    net["spectral_radius"] = clean(spectral_radius(A))
    net["spectral_radius_weighted"] = clean(spectral_radius(AW))

    # PageRank (binary; weighted; personalized with both dangling rules)
    pr_opts = dict(alpha=0.85, tol=1e-14, max_iter=10000)
    m["pagerank"] = per_node(ids, nx.pagerank(G, **pr_opts))
    m["pagerank_weighted"] = per_node(ids, nx.pagerank(GW, weight="weight", **pr_opts))
    pers = {v: float(1 + (i % 3)) for i, v in enumerate(ids)}
    uniform = {v: 1.0 for v in ids}
    m["pagerank_personalized"] = per_node(ids, nx.pagerank(G, personalization=pers, dangling=uniform, **pr_opts))
    m["pagerank_personalized_dangling_personalization"] = per_node(ids, nx.pagerank(G, personalization=pers, **pr_opts))
    inputs["personalization"] = {v: pers[v] for v in ids}

    # HITS: only where the top singular value is simple
    for suffix, graph, mat in (("", G, A), ("_weighted", GW, AW)):
        if hits_is_unique(mat):
            # A fixed start vector: svds would otherwise draw a random one.
            h, a = nx.hits(graph, max_iter=100000, tol=1e-15, nstart={v: 1.0 for v in ids})
            # Check networkx against a dense SVD.
            u, s, vt = np.linalg.svd(mat)
            aa = np.abs(vt[0]); aa /= aa.sum()
            hh = mat @ aa; hh /= hh.sum()
            assert max(abs(a[v] - aa[j]) for j, v in enumerate(ids)) < 1e-9, name
            assert max(abs(h[v] - hh[j]) for j, v in enumerate(ids)) < 1e-9, name
            m["hits_hubs" + suffix] = per_node(ids, h)
            m["hits_authorities" + suffix] = per_node(ids, a)
        else:
            m["hits_hubs" + suffix] = {v: None for v in ids}
            m["hits_authorities" + suffix] = {v: None for v in ids}
        if suffix == "":
            net["hits_unique"] = hits_is_unique(mat)

    # Katz: alpha = 0.1 when below 1 / lambda_max, and alpha = 0.5 / lambda_max
    lam = spectral_radius(A)
    net["katz_alpha_limit"] = clean(1.0 / lam) if lam > 1e-12 else None
    if lam < 10.0 - 1e-9:
        m["katz"] = per_node(ids, nx.katz_centrality_numpy(G, alpha=0.1, beta=1.0))
    else:
        m["katz"] = {v: None for v in ids}
    alpha = 0.5 / lam if lam > 1e-12 else 0.5
    inputs["katz_custom_alpha"] = alpha
    m["katz_custom"] = per_node(ids, nx.katz_centrality_numpy(G, alpha=alpha, beta=1.0))
    m["katz_custom_raw"] = per_node(ids, nx.katz_centrality_numpy(G, alpha=alpha, beta=1.0, normalized=False))

    # Freeman centralization (sna maxima)
    tmax_deg = (n - 1) ** 2
    net["in_degree_centralization"] = clean(centralization([ind[v] for v in ids], tmax_deg))
    net["out_degree_centralization"] = clean(centralization([outd[v] for v in ids], tmax_deg))
    net["total_degree_centralization"] = clean(centralization([ind[v] + outd[v] for v in ids], 2 * (n - 1) * (n - 2)))
    net["betweenness_centralization"] = clean(centralization([braw[v] for v in ids], (n - 1) ** 2 * (n - 2)))
    net["betweenness_undirected_centralization"] = clean(centralization([buraw[v] for v in ids], (n - 1) ** 2 * (n - 2) / 2))
    hin = nx.harmonic_centrality(G)
    net["harmonic_in_centralization"] = clean(centralization([hin[v] / (n - 1) for v in ids], n - 1))
    hun = nx.harmonic_centrality(U)
    net["harmonic_undirected_centralization"] = clean(centralization([hun[v] / (n - 1) for v in ids], (n - 2) / 2))
    wfin = nx.closeness_centrality(G)
    net["closeness_wf_in_centralization"] = clean(centralization([wfin[v] for v in ids], n - 1))
    wfun = nx.closeness_centrality(U)
    net["closeness_wf_undirected_centralization"] = clean(centralization([wfun[v] for v in ids], (n - 1) * (n - 2) / (2 * n - 3)))

    check_igraph(name, ids, edges, m, net)
    return {"graph": name, "inputs": inputs, "measures": m, "network": net, "nodes": n, "ties": G.number_of_edges()}


# ---------------------------------------------------------------------------
# Cross-checks with other tools (assertions only; nothing is read from them)


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def check_igraph(name, ids, edges, m, net):
    try:
        import igraph as ig
    except ImportError:
        return
    index = {v: i for i, v in enumerate(ids)}
    g = ig.Graph(n=len(ids), edges=[(index[a], index[b]) for a, b, _ in edges], directed=True)
    for mode, key in (("in", "closeness_reachable_in"), ("out", "closeness_reachable_out"), ("all", "closeness_reachable_undirected")):
        got = g.closeness(mode=mode, normalized=True)
        for v, x in zip(ids, got):
            x = None if x is None or math.isnan(x) else x
            assert close(m[key][v], x), (name, key, v, m[key][v], x)
    if net["eigenvector_unique"] and net["strongly_connected"]:
        got = g.eigenvector_centrality(directed=True, scale=True)
        for v, x in zip(ids, got):
            assert close(m["eigenvector_max_one"][v], x, 1e-6), (name, "eigenvector_max_one", v)
    for mode, key in (("in", "harmonic_in"), ("out", "harmonic_out")):
        got = g.harmonic_centrality(mode=mode, normalized=False)
        for v, x in zip(ids, got):
            assert close(m[key][v], x), (name, key, v, m[key][v], x)


def check_sna(results):
    """Freeman centralization against R sna, when Rscript and sna are installed."""
    if shutil.which("Rscript") is None:
        print("Rscript not found: R sna cross-checks skipped")
        return
    probe = subprocess.run(["Rscript", "-e", "suppressMessages(library(sna))"], capture_output=True)
    if probe.returncode != 0:
        print("R package sna not installed (apt-get install r-cran-sna): sna cross-checks skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        lines = ["suppressMessages(library(sna))"]
        for res, ids, edges in results:
            n = len(ids)
            if n < 3:
                continue
            index = {v: i + 1 for i, v in enumerate(ids)}
            path = os.path.join(tmp, res["graph"] + ".csv")
            with open(path, "w") as f:
                for a, b, _ in edges:
                    f.write("%d,%d\n" % (index[a], index[b]))
            lines.append(
                "m <- matrix(0, %d, %d); if (file.info('%s')$size > 0) { e <- as.matrix(read.csv('%s', header=FALSE)); m[e] <- 1 }; s <- symmetrize(m, rule='weak')" % (n, n, path, path)
            )
            lines.append(
                "cat('%s', sprintf('%%.17g', c(centralization(m, degree, cmode='indegree'), centralization(m, degree, cmode='outdegree'), "
                "centralization(m, degree, cmode='freeman'), centralization(m, betweenness), "
                "centralization(s, betweenness, mode='graph'), centralization(s, closeness, mode='graph', cmode='suminvundir'), "
                "centralization(s, closeness, mode='graph', cmode='undirected'))), '\\n')" % res["graph"]
            )
        script = os.path.join(tmp, "check.R")
        with open(script, "w") as f:
            f.write("\n".join(lines) + "\n")
        out = subprocess.run(["Rscript", script], capture_output=True, text=True, check=True).stdout
    by_name = {res["graph"]: res for res, _, _ in results}
    keys = ["in_degree_centralization", "out_degree_centralization", "total_degree_centralization",
            "betweenness_centralization", "betweenness_undirected_centralization",
            "harmonic_undirected_centralization", "closeness_wf_undirected_centralization"]
    checked = 0
    for line in out.splitlines():
        parts = line.split()
        if not parts:
            continue
        res = by_name[parts[0]]
        connected = res["network"]["weakly_connected"]
        for key, text in zip(keys, parts[1:]):
            if key == "closeness_wf_undirected_centralization" and not connected:
                continue  # sna's Freeman closeness is 0 on a disconnected graph; WF is not
            value = float(text)
            expected = res["network"][key]
            if math.isnan(value):
                assert expected is None, (parts[0], key, value, expected)
            else:
                assert close(expected, value), (parts[0], key, value, expected)
            checked += 1
    print("checked %d centralization values against R sna" % checked)


# ---------------------------------------------------------------------------


def main():
    os.makedirs(GOLDEN, exist_ok=True)
    jobs = []
    for name, ids, edges in fixture_graphs():
        write_fixture(name, ids, edges)
        rel = os.path.relpath(os.path.join(FIXTURES, name), ROOT)
        jobs.append((name, ids, [(a, b, float(w)) for a, b, w in edges],
                     {"edges": rel + ".csv", "nodes": rel + "_nodes.csv"}))
    base = data_dir()
    for name, folder, edge_file in REAL_GRAPHS:
        nodes_path = os.path.join(base, folder, "nodes.csv")
        edges_path = os.path.join(base, folder, edge_file)
        jobs.append((name, read_nodes(nodes_path), read_edges(edges_path),
                     {"edges": os.path.relpath(edges_path, ROOT), "nodes": os.path.relpath(nodes_path, ROOT)}))
    results = []
    for name, ids, edges, inputs in jobs:
        res = compute(name, ids, edges, inputs)
        path = os.path.join(GOLDEN, name + ".json")
        with open(path, "w") as f:
            json.dump(res, f, sort_keys=True, indent=1, allow_nan=False)
            f.write("\n")
        results.append((res, ids, edges))
        print("wrote", os.path.relpath(path, ROOT))
    try:
        import igraph  # noqa: F401
        print("checked reachable-only closeness, harmonic and max-one eigenvector against python-igraph")
    except ImportError:
        print("python-igraph not installed: igraph cross-checks skipped")
    check_sna(results)


if __name__ == "__main__":
    sys.exit(main())
