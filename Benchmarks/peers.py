#!/usr/bin/env python3
"""Times the peers on the phases StaffGraph benchmarks: python-igraph,
networkx and networkit, on the same edge-list CSV.

    python3 Benchmarks/peers.py FILE.csv [--tools igraph,networkx,networkit]
        [--timeout 600] [--runs 3] [--pivots 256] [--exact-limit 20000]
        [--networkit-threads N]

Every (tool, task) runs in its own subprocess, so its peak memory (ru_maxrss)
is that task's alone: the CSV is loaded (untimed, except for the import
tasks), then the task is timed, the median of --runs runs (one run when the
first takes over 20 s). A task that does
not finish within --timeout seconds (networkx on large graphs) is reported
with "seconds": null and a note. One JSON object per line:

    {"file", "tool", "phase", "seconds", "runs", "peak_rss_mb", ...extras}

Phases use StaffGraph's names and conventions: directed ties, hop counts,
binary graph; triad census, transitivity, k-core and Louvain on the undirected
view (igraph `as_undirected(mode="collapse")`); exact betweenness and harmonic
closeness only up to --exact-limit people (O(n m)); above it, betweenness is
sampled with --pivots pivots where the tool offers it (networkx `k=`,
networkit EstimateBetweenness; igraph has no pivot sampling).

igraph's import from CSV is timed three ways, all documented igraph paths:
csv.reader + Graph.TupleList, pandas.read_csv + Graph.DataFrame, and
pandas.read_csv + pandas.factorize + Graph(n, edges) (the fastest we know).

Missing packages are installed with pip (python-igraph, networkx, networkit,
pandas, scipy) unless --no-install is given.
"""
import argparse
import importlib
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import time

PIP_NAMES = {"igraph": "igraph", "networkx": "networkx", "networkit": "networkit", "pandas": "pandas", "scipy": "scipy", "numpy": "numpy"}

PHASES = ["import_csv_to_csr", "import_tuplelist", "import_dataframe", "weak_components", "strong_components", "pagerank",
          "harmonic_closeness", "betweenness_exact", "betweenness_sampled", "triad_census", "transitivity_undirected",
          "clustering_undirected", "clustering_directed", "core_numbers", "louvain"]


def ensure(modules, install=True):
    """Finds each module, pip-installing what is missing. Nothing is imported here:
    on Linux a child's ru_maxrss starts from the parent's resident size when the
    child is exec'd, so a parent that had imported networkit (about 225 MB) would
    put its own size under every task's peak memory."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing and install:
        print(f"peers: installing {' '.join(PIP_NAMES[m] for m in missing)} with pip", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--break-system-packages"] + [PIP_NAMES[m] for m in missing], check=False)
        importlib.invalidate_caches()
    return [m for m in modules if importlib.util.find_spec(m) is not None]


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(body, runs):
    """Median of `runs` runs; a task whose first run takes over 20 s runs once."""
    samples, result = [], None
    for _ in range(runs):
        result = None
        start = time.perf_counter()
        result = body()
        samples.append(time.perf_counter() - start)
        if samples[0] > 20:
            break
    return statistics.median(samples), result


# ---------------------------------------------------------------- loading

def load_codes(path, names=False):
    """(n, sources, targets) as numpy int arrays, ids numbered by first appearance
    (and the ids in that order when `names`)."""
    import numpy as np
    import pandas as pd
    df = pd.read_csv(path, dtype={"source": str, "target": str}, usecols=["source", "target"])
    both = np.empty(2 * len(df), dtype=object)
    both[0::2] = df["source"].to_numpy()
    both[1::2] = df["target"].to_numpy()
    codes, uniques = pd.factorize(both)
    if names:
        return len(uniques), codes[0::2].astype(np.int64), codes[1::2].astype(np.int64), list(uniques)
    return len(uniques), codes[0::2].astype(np.int64), codes[1::2].astype(np.int64)


def igraph_from_codes(n, s, t):
    import igraph as ig
    import numpy as np
    return ig.Graph(n=n, edges=np.column_stack((s, t)).tolist(), directed=True)


def load(tool, path):
    n, s, t = load_codes(path)
    if tool == "igraph":
        g = igraph_from_codes(n, s, t)
        return g
    if tool == "networkx":
        import networkx as nx
        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(zip(s.tolist(), t.tolist()))
        return g
    if tool == "networkit":
        import networkit as nk
        g = nk.Graph(n, weighted=False, directed=True)
        g.addEdges((s, t))
        return g
    raise ValueError(tool)


def undirected(tool, g, path):
    """The undirected binary simple view every tool clusters (built untimed)."""
    if tool == "igraph":
        return g.as_undirected(mode="collapse")
    if tool == "networkx":
        return g.to_undirected(as_view=False)
    if tool == "networkit":
        # Not graphtools.toUndirected + removeMultiEdges: on networkit 11.3 that leaves
        # the right adjacency (m - r ties for m arcs of which r pairs are reciprocated)
        # but an edge count of m - 2r (district: 45,492 instead of 52,746; a → b, b → a
        # and b → c give 1 instead of 2), so PLM optimizes, and Modularity scores, against
        # a total weight that is too small: Q = 0.803 for a true 0.696 on the district
        # graph, 1.064 on the state graph. The unique pairs instead:
        import networkit as nk
        import numpy as np
        n, s, t = load_codes(path)
        keep = s != t
        lo, hi = np.minimum(s[keep], t[keep]), np.maximum(s[keep], t[keep])
        pairs = np.unique(lo * n + hi)
        u = nk.Graph(n, weighted=False, directed=False)
        u.addEdges((pairs // n, pairs % n))
        return u
    raise ValueError(tool)


# ---------------------------------------------------------------- tasks

def write_partition(path, names, labels):
    """CSV person,community for Benchmarks/modularity.py."""
    with open(path, "w") as f:
        f.write("person,community\n")
        for name, c in zip(names, labels):
            f.write(f"{name},{int(c)}\n")


def run_task(tool, phase, path, runs, pivots, exact_limit, nk_threads, partition_prefix=None):
    """Runs one task in this process; returns the JSON fields to print."""
    extra = {}
    if phase == "import_csv_to_csr":
        if tool == "igraph":
            t, g = timed(lambda: igraph_from_codes(*load_codes(path)), runs)
            return {"seconds": t, "path": "pandas.read_csv + pandas.factorize + Graph(n, edges)", "people": g.vcount(), "ties": g.ecount()}
        if tool == "networkx":
            def nx_load():
                import pandas as pd
                import networkx as nx
                df = pd.read_csv(path, dtype={"source": str, "target": str})
                return nx.from_pandas_edgelist(df, "source", "target", edge_attr="weight", create_using=nx.DiGraph)
            t, g = timed(nx_load, runs)
            return {"seconds": t, "path": "pandas.read_csv + from_pandas_edgelist", "people": g.number_of_nodes(), "ties": g.number_of_edges()}
        return None
    if phase == "import_tuplelist":
        if tool != "igraph":
            return None
        def tuplelist():
            import csv
            import igraph as ig
            with open(path, newline="") as f:
                rows = csv.reader(f)
                next(rows)
                return ig.Graph.TupleList(((a, b, float(w)) for a, b, w in rows), directed=True, weights=True)
        t, g = timed(tuplelist, runs)
        return {"seconds": t, "path": "csv.reader + Graph.TupleList"}
    if phase == "import_dataframe":
        if tool != "igraph":
            return None
        def dataframe():
            import igraph as ig
            import pandas as pd
            df = pd.read_csv(path, dtype={"source": str, "target": str})
            return ig.Graph.DataFrame(df, directed=True, use_vids=False)
        t, g = timed(dataframe, runs)
        return {"seconds": t, "path": "pandas.read_csv + Graph.DataFrame"}

    g = load(tool, path)
    n = g.vcount() if tool == "igraph" else (g.number_of_nodes() if tool == "networkx" else g.numberOfNodes())
    if tool == "networkit":
        import networkit as nk
        nk.setNumberOfThreads(nk_threads)
        extra["threads"] = nk_threads

    if phase == "weak_components":
        if tool == "igraph":
            t, r = timed(lambda: len(g.connected_components(mode="weak")), runs)
        elif tool == "networkx":
            import networkx as nx
            t, r = timed(lambda: nx.number_weakly_connected_components(g), runs)
        else:
            def wcc():
                c = nk.components.WeaklyConnectedComponents(g)
                c.run()
                return c.numberOfComponents()
            t, r = timed(wcc, runs)
        return {"seconds": t, "components": r, **extra}
    if phase == "strong_components":
        if tool == "igraph":
            t, r = timed(lambda: len(g.connected_components(mode="strong")), runs)
        elif tool == "networkx":
            import networkx as nx
            t, r = timed(lambda: nx.number_strongly_connected_components(g), runs)
        else:
            def scc():
                c = nk.components.StronglyConnectedComponents(g)
                c.run()
                return c.numberOfComponents()
            t, r = timed(scc, runs)
        return {"seconds": t, "components": r, **extra}
    if phase == "pagerank":
        if tool == "igraph":
            t, _ = timed(lambda: g.pagerank(damping=0.85), runs)
            return {"seconds": t, "method": "PRPACK"}
        if tool == "networkx":
            import networkx as nx
            t, _ = timed(lambda: nx.pagerank(g, alpha=0.85), runs)
            return {"seconds": t, "tolerance": "networkx default (1e-6 * n)"}
        def pr():
            p = nk.centrality.PageRank(g, damp=0.85, tol=1e-12)
            p.run()
            return p.scores()
        t, _ = timed(pr, runs)
        return {"seconds": t, "tolerance": 1e-12, **extra}
    if phase in ("harmonic_closeness", "betweenness_exact"):
        if n > exact_limit:
            return {"seconds": None, "note": f"skipped: O(n m) over {n} people"}
        if phase == "harmonic_closeness":
            if tool == "igraph":
                t, _ = timed(lambda: g.harmonic_centrality(mode="in", normalized=False), runs)
            elif tool == "networkx":
                import networkx as nx
                t, _ = timed(lambda: nx.harmonic_centrality(g), 1)
            else:
                def hc():
                    c = nk.centrality.HarmonicCloseness(g, normalized=False)
                    c.run()
                    return c.scores()
                t, _ = timed(hc, runs)
        else:
            if tool == "igraph":
                t, _ = timed(lambda: g.betweenness(directed=True), runs)
            elif tool == "networkx":
                import networkx as nx
                t, _ = timed(lambda: nx.betweenness_centrality(g), 1)
            else:
                def bc():
                    c = nk.centrality.Betweenness(g, normalized=True)
                    c.run()
                    return c.scores()
                t, _ = timed(bc, runs)
        return {"seconds": t, **extra}
    if phase == "betweenness_sampled":
        if tool == "igraph":
            return {"seconds": None, "note": "igraph has no pivot-sampled betweenness"}
        if tool == "networkx":
            import networkx as nx
            t, _ = timed(lambda: nx.betweenness_centrality(g, k=pivots, seed=42), 1)
        else:
            def est():
                c = nk.centrality.EstimateBetweenness(g, pivots, True, True)
                c.run()
                return c.scores()
            t, _ = timed(est, runs)
        return {"seconds": t, "pivots": pivots, **extra}
    if phase == "triad_census":
        if tool == "igraph":
            t, _ = timed(lambda: g.triad_census(), runs)
        elif tool == "networkx":
            import networkx as nx
            t, _ = timed(lambda: nx.triadic_census(g), 1)
        else:
            return None
        return {"seconds": t}
    u = undirected(tool, g, path)
    if phase == "transitivity_undirected":
        if tool == "igraph":
            t, _ = timed(lambda: u.transitivity_undirected(), runs)
        elif tool == "networkx":
            import networkx as nx
            t, _ = timed(lambda: nx.transitivity(u), 1)
        else:
            t, _ = timed(lambda: nk.globals.ClusteringCoefficient.exactGlobal(u), runs)
        return {"seconds": t, **extra}
    if phase == "clustering_undirected":
        if tool == "igraph":
            t, _ = timed(lambda: u.transitivity_local_undirected(mode="zero"), runs)
        elif tool == "networkx":
            import networkx as nx
            t, _ = timed(lambda: nx.clustering(u), 1)
        else:
            def lcc():
                c = nk.centrality.LocalClusteringCoefficient(u, turbo=True)
                c.run()
                return c.scores()
            t, _ = timed(lcc, runs)
        return {"seconds": t, **extra}
    if phase == "clustering_directed":
        if tool != "networkx":
            return None
        import networkx as nx
        t, _ = timed(lambda: nx.clustering(g), 1)
        return {"seconds": t}
    if phase == "core_numbers":
        if tool == "igraph":
            t, _ = timed(lambda: u.coreness(), runs)
        elif tool == "networkx":
            import networkx as nx
            t, _ = timed(lambda: nx.core_number(u), 1)
        else:
            def cores():
                c = nk.centrality.CoreDecomposition(u)
                c.run()
                return c.scores()
            t, _ = timed(cores, runs)
        return {"seconds": t, **extra}
    if phase == "louvain":
        # "own_modularity" is the tool's own quality function, kept for the record; the
        # table shows Benchmarks/modularity.py's score of the partition written here.
        if tool == "igraph":
            t, c = timed(lambda: u.community_multilevel(), runs)
            labels, fields = c.membership, {"own_modularity": c.modularity, "communities": len(c)}
        elif tool == "networkx":
            import networkx as nx
            t, c = timed(lambda: nx.community.louvain_communities(u, seed=42), 1)
            labels = [0] * n
            for k, members in enumerate(c):
                for v in members:
                    labels[v] = k
            fields = {"own_modularity": nx.community.modularity(u, c), "communities": len(c)}
        else:
            def plm():
                a = nk.community.PLM(u, refine=False)
                a.run()
                return a.getPartition()
            t, p = timed(plm, runs)
            labels = p.getVector()
            fields = {"method": "PLM", "own_modularity": nk.community.Modularity().getQuality(p, u),
                      "communities": p.numberOfSubsets(), **extra}
        if partition_prefix:
            fields["partition"] = f"{partition_prefix}{tool}.csv"
            write_partition(fields["partition"], load_codes(path, names=True)[3], labels)
        return {"seconds": t, **fields}
    return None


def child(args):
    tool, phase = args.task.split(":")
    # Modules load before the clock starts; the TupleList path needs neither numpy nor pandas.
    for module in ([tool] if phase == "import_tuplelist" else ["numpy", "pandas", tool]):
        importlib.import_module(module)
    fields = run_task(tool, phase, args.file, args.runs, args.pivots, args.exact_limit, args.networkit_threads,
                      args.partition_prefix)
    if fields is None:
        return
    version = importlib.import_module(tool).__version__
    out = {"file": args.file, "tool": tool, "version": version, "phase": phase, "runs": args.runs, **fields,
           "peak_rss_mb": round(peak_mb(), 1)}
    print(json.dumps(out), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--task", help=argparse.SUPPRESS)
    parser.add_argument("--tools", default="igraph,networkx,networkit")
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--networkx-phases", default=None, help="phases for networkx (default: --phases)")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pivots", type=int, default=256)
    parser.add_argument("--exact-limit", type=int, default=20_000)
    parser.add_argument("--networkit-threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-install", action="store_true")
    parser.add_argument("--partition-prefix", default=None,
                        help="write each tool's Louvain communities to PREFIX<tool>.csv (person,community)")
    args = parser.parse_args()
    if args.task:
        return child(args)
    tools = [t for t in args.tools.split(",") if t]
    present = ensure(["numpy", "pandas", "scipy"] + tools, install=not args.no_install)
    for path in args.files:
        for tool in tools:
            if tool not in present:
                print(json.dumps({"file": path, "tool": tool, "phase": None, "seconds": None, "note": "not installed"}), flush=True)
                continue
            chosen = args.networkx_phases if tool == "networkx" and args.networkx_phases else args.phases
            for phase in chosen.split(","):
                command = [sys.executable, os.path.abspath(__file__), "--file", path, "--task", f"{tool}:{phase}",
                           "--runs", str(args.runs), "--pivots", str(args.pivots), "--exact-limit", str(args.exact_limit),
                           "--networkit-threads", str(args.networkit_threads)]
                if args.partition_prefix:
                    command += ["--partition-prefix", args.partition_prefix]
                try:
                    done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
                except subprocess.TimeoutExpired:
                    print(json.dumps({"file": path, "tool": tool, "phase": phase, "seconds": None,
                                      "note": f"did not finish within {int(args.timeout)} s"}), flush=True)
                    continue
                if done.returncode != 0:
                    last = (done.stderr.strip().splitlines() or ["?"])[-1]
                    print(json.dumps({"file": path, "tool": tool, "phase": phase, "seconds": None, "note": f"failed: {last}"}), flush=True)
                    continue
                sys.stdout.write(done.stdout)
                sys.stdout.flush()


if __name__ == "__main__":
    main()
