#!/usr/bin/env python3
"""Scores every tool's Louvain communities with ONE modularity function on the
SAME graph, so the table's Q values can be compared.

    python3 Benchmarks/modularity.py EDGES.csv PARTITION.csv [PARTITION.csv ...]

The graph is the one every tool clusters in the benchmark: the undirected,
binary, simple view of the edge list: a tie u → v, v → u or both is one
undirected tie {u, v} of weight 1; weights, duplicates and self-loops are
dropped (StaffGraph's `UndirectedAdjacency`; igraph
`as_undirected(mode="collapse")`; networkx `DiGraph.to_undirected()`;
networkit `toUndirected` without multi-edges). On it, Newman–Girvan modularity
(γ = 1; Newman & Girvan 2004, doi:10.1103/PhysRevE.69.026113):

    Q = Σ_c [ L_c / E − (K_c / 2E)² ]

with E the number of undirected ties, L_c the ties inside community c and K_c
the sum of its members' degrees. Computed with numpy; on graphs up to 20,000
people it is also checked against networkx `community.modularity` (1e-9).
Q always lies in [−1/2, 1]; a value outside stops the script. Each run first
checks the function on a hand-computed example (two triangles joined by one
tie: Q = 5/14).

A partition file is CSV `person,community` (one line per person of the edge
list; people missing from it are an error). Prints one JSON line per file:
{"partition", "modularity", "communities", "people", "undirected_ties"}.
"""
import json
import sys

import numpy as np
import pandas as pd


def undirected_graph(path):
    """(names, i, j): the people in order of first appearance and the unique
    undirected ties i < j, self-loops dropped."""
    df = pd.read_csv(path, dtype={"source": str, "target": str}, usecols=["source", "target"])
    both = np.empty(2 * len(df), dtype=object)
    both[0::2] = df["source"].to_numpy()
    both[1::2] = df["target"].to_numpy()
    codes, names = pd.factorize(both)
    s, t = codes[0::2].astype(np.int64), codes[1::2].astype(np.int64)
    keep = s != t
    lo, hi = np.minimum(s[keep], t[keep]), np.maximum(s[keep], t[keep])
    pairs = np.unique(lo * len(names) + hi)
    return list(names), pairs // len(names), pairs % len(names)


def modularity(n, i, j, labels):
    """Newman–Girvan Q of `labels` (one int per person) on the undirected ties (i, j)."""
    e = len(i)
    if e == 0:
        return None
    groups = labels.max() + 1
    degree = np.bincount(i, minlength=n) + np.bincount(j, minlength=n)
    inside = np.bincount(labels[i][labels[i] == labels[j]], minlength=groups)
    total = np.bincount(labels, weights=degree, minlength=groups)
    return float(inside.sum() / e - np.sum((total / (2.0 * e)) ** 2))


def read_partition(path, names):
    index = {name: k for k, name in enumerate(names)}
    df = pd.read_csv(path, dtype={"person": str})
    labels = np.full(len(names), -1, dtype=np.int64)
    for person, community in zip(df["person"], df["community"]):
        if person not in index:
            sys.exit(f"{path}: person {person!r} is not in the edge list")
        labels[index[person]] = community
    if (labels < 0).any():
        sys.exit(f"{path}: {(labels < 0).sum()} people of the edge list have no community")
    _, dense = np.unique(labels, return_inverse=True)
    return dense


def self_test():
    """Two triangles joined by one tie, one of them with a reciprocated tie, a
    heavier weight and a self-loop (all of which the graph drops): E = 7,
    Q = 6/7 − 2 · (7/14)² = 5/14 for the two triangles, 0 for one group."""
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        edges = f"{d}/edges.csv"
        with open(edges, "w") as f:
            f.write("source,target,weight\na,b,1\nb,c,1\nc,a,1\na,c,1\nd,e,1\ne,f,1\nf,d,1\nc,d,2\nd,d,1\n")
        names, i, j = undirected_graph(edges)
        assert len(i) == 7, len(i)
        two = np.array([0 if name in "abc" else 1 for name in names])
        assert abs(modularity(len(names), i, j, two) - 5 / 14) < 1e-15
        assert abs(modularity(len(names), i, j, np.zeros(len(names), dtype=np.int64))) < 1e-15


def main():
    self_test()
    if len(sys.argv) < 3:
        sys.exit(__doc__.split("\n\n")[1])
    names, i, j = undirected_graph(sys.argv[1])
    n = len(names)
    for path in sys.argv[2:]:
        labels = read_partition(path, names)
        q = modularity(n, i, j, labels)
        if q is not None and not (-0.5 - 1e-12 <= q <= 1 + 1e-12):
            sys.exit(f"{path}: modularity {q} outside [-1/2, 1]: the scorer is wrong")
        if q is not None and n <= 20_000:
            import networkx as nx
            g = nx.Graph()
            g.add_nodes_from(range(n))
            g.add_edges_from(zip(i.tolist(), j.tolist()))
            groups = {}
            for v, c in enumerate(labels.tolist()):
                groups.setdefault(c, set()).add(v)
            reference = nx.community.modularity(g, list(groups.values()))
            if abs(reference - q) > 1e-9:
                sys.exit(f"{path}: numpy Q {q} differs from networkx {reference}")
        print(json.dumps({"partition": path, "modularity": q, "communities": int(labels.max()) + 1, "people": n,
                          "undirected_ties": int(len(i))}), flush=True)


if __name__ == "__main__":
    main()
