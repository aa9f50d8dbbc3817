#!/usr/bin/env python3
"""Times the peers on the cohesion phases StaffGraph benchmarks: igraph
(triad census, transitivity, Louvain) and networkit's PLM (Louvain), when
installed. One JSON object per (file, tool, phase): the median of 3 runs.

    python3 Benchmarks/peers_cohesion.py FILE.csv [FILE.csv …]

Louvain runs on the undirected view, as StaffGraph's; networkit on one thread.
"""
import csv
import json
import statistics
import sys
import time


def median_time(body, runs=3):
    samples = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = body()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def load(path):
    ids, edges = {}, set()
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            s = ids.setdefault(row["source"], len(ids))
            t = ids.setdefault(row["target"], len(ids))
            if s != t:
                edges.add((s, t))
    return len(ids), sorted(edges)


def report(path, tool, phase, seconds, **extra):
    print(json.dumps({"file": path, "tool": tool, "phase": phase, "seconds": seconds, **extra}), flush=True)


def main():
    import igraph as ig
    for path in sys.argv[1:]:
        n, edges = load(path)
        g = ig.Graph(n=n, edges=edges, directed=True)
        u = g.as_undirected(mode="collapse")
        t, _ = median_time(lambda: g.triad_census())
        report(path, f"igraph {ig.__version__}", "triad_census", t)
        t, _ = median_time(lambda: u.transitivity_undirected())
        report(path, f"igraph {ig.__version__}", "transitivity_undirected", t)
        t, c = median_time(lambda: u.community_multilevel())
        report(path, f"igraph {ig.__version__}", "louvain", t, modularity=c.modularity, communities=len(c))
        try:
            import networkit as nk
        except ImportError:
            continue
        nk.setNumberOfThreads(1)
        G = nk.Graph(n, directed=False)
        for s, t_ in set((min(a, b), max(a, b)) for a, b in edges):
            G.addEdge(s, t_)
        def plm():
            algo = nk.community.PLM(G, refine=False)
            algo.run()
            return algo.getPartition()
        t, p = median_time(plm)
        report(path, f"networkit {nk.__version__} (1 thread)", "louvain_plm", t,
               modularity=nk.community.Modularity().getQuality(p, G), communities=p.numberOfSubsets())


if __name__ == "__main__":
    main()
