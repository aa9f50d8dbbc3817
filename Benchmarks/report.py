#!/usr/bin/env python3
"""Writes the benchmark table (markdown) from the JSON lines Benchmarks/run.sh
collects in a results folder: SCALE.staffgraph.jsonl (staffgraph-bench, one
process per phase) and SCALE.peers.jsonl (Benchmarks/peers.py, one process per
tool and task).

    python3 Benchmarks/report.py Benchmarks/results > Benchmarks/results/README.md

Ratios are peer time / StaffGraph time (above 1: StaffGraph is faster) and
StaffGraph peak memory / igraph peak memory (below 1: StaffGraph uses less),
all from the same run: every JSON file of a scale starts with the run line
run.sh writes (run id, commit, edge file), and a scale whose files disagree is
shown without ratios. Louvain's Q is Benchmarks/modularity.py's score of each
tool's partition (SCALE.modularity.jsonl): one function, one graph. The machine
line (cores, CPU, memory, STREAM triad bandwidth from machine.jsonl) heads the
page; PageRank's bytes per iteration are set against that bandwidth. Then the
issue's targets, each marked met or not.
"""
import json
import os
import platform
import sys

SCALES = [("district", "district: 5,000 people, 60,000 ties"), ("state", "state: 200,000 people, 3,000,000 ties"),
          ("national", "national: 2,000,000 people, 30,000,000 ties")]
LABELS = {
    "import_csv_to_csr": "CSV → graph (import)",
    "weak_components": "weak components",
    "strong_components": "strong components",
    "pagerank": "PageRank",
    "harmonic_closeness": "harmonic closeness (exact)",
    "betweenness_exact": "betweenness (exact)",
    "betweenness_sampled": "betweenness (sampled)",
    "summary_panel": "summary panel (density, reciprocity, components)",
    "triad_census": "triad census",
    "transitivity_undirected": "transitivity (undirected)",
    "transitivity_directed_weak": "transitivity (directed, weak)",
    "clustering_undirected": "local clustering (undirected)",
    "clustering_directed": "local clustering (directed)",
    "constraint_effective_size": "constraint and effective size",
    "core_numbers": "k-core numbers",
    "louvain": "Louvain communities",
    "summary_by_school_cli": "`staffgraph summary --per school` (whole command)",
}


# igraph's documented CSV import paths (peers.py); the table compares with the fastest.
IGRAPH_IMPORTS = ("import_csv_to_csr", "import_tuplelist", "import_dataframe")


def igraph_imports(peers):
    """igraph's import paths that were timed, in IGRAPH_IMPORTS order."""
    return [p for p in (peers.get(("igraph", k)) for k in IGRAPH_IMPORTS) if p and p.get("seconds") is not None]


def run_line(path):
    """The run line (run id, commit, file) a results file starts with, or None."""
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    row = json.loads(line)
                    return row if "run" in row else None
    return None


def machine(folder, name="machine.jsonl"):
    """One line: cores, CPU model, memory, and the STREAM triad bandwidths (from `name`)."""
    model, memory = platform.machine(), None
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
        with open("/proc/meminfo") as f:
            kb = next((int(line.split()[1]) for line in f if line.startswith("MemTotal")), None)
            memory = kb / 1024 / 1024 if kb else None
    except OSError:
        pass
    stream = {(r["phase"], r["threads"]): r["gb_per_s"] for r in read(os.path.join(folder, name))}
    llc = last_level_cache()
    text = f"{os.cpu_count()} cores, {model}, {platform.system()}"
    if memory:
        text += f", {memory:.0f} GB memory"
    if llc:
        text += f", {llc / 2**20:.0f} MiB last-level cache"
    dram = sorted((t, g) for (p, t), g in stream.items() if p == "stream_triad_dram")
    cache = sorted((t, g) for (p, t), g in stream.items() if p == "stream_triad_cache")
    if dram:
        text += ("; memory bandwidth (STREAM triad a = b + s·c, 3 × 512 MiB, best of 5): "
                 + ", ".join(f"{g:.1f} GB/s on {t} thread{'s' if t > 1 else ''}" for t, g in dram))
    if cache:
        text += ("; the same over 3 × 8 MiB (cache-resident): "
                 + ", ".join(f"{g:.1f} GB/s on {t} thread{'s' if t > 1 else ''}" for t, g in cache))
    return text, max((g for _, g in dram), default=None), max((g for _, g in cache), default=None), llc


def last_level_cache():
    """Bytes of the largest cache level Linux reports for cpu0, or None."""
    sizes = []
    base = "/sys/devices/system/cpu/cpu0/cache"
    for entry in (os.listdir(base) if os.path.isdir(base) else []):
        try:
            with open(os.path.join(base, entry, "size")) as f:
                text = f.read().strip()
            sizes.append(int(text[:-1]) * {"K": 2**10, "M": 2**20, "G": 2**30}[text[-1]] if text[-1] in "KMG" else int(text))
        except (OSError, ValueError, IndexError):
            pass
    return max(sizes, default=None)


def read(path):
    rows = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    row = json.loads(line)
                    if "run" not in row:
                        rows.append(row)
    return rows


def seconds(x):
    if x is None:
        return "–"
    if x >= 100:
        return f"{x:.0f} s"
    if x >= 10:
        return f"{x:.1f} s"
    if x >= 0.1:
        return f"{x:.2f} s"
    if x >= 0.001:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1e6:.0f} µs"


def minutes(x):
    return f"{x / 60:.1f} min" if x >= 120 else f"{x:.0f} s"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt_ratio(r):
    return "–" if r is None else (f"{r:.1f}×" if r < 100 else f"{r:.0f}×")


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "Benchmarks/results"
    out = []
    out.append("# StaffGraph benchmarks\n")
    machine_text, bandwidth, cache_bandwidth, llc = machine(folder)
    out.append(f"**Machine**: {machine_text}.\n")
    out.append("StaffGraph release build, every thread (`--threads` default); medians of the runs shown. Ratios are "
               "peer time / StaffGraph time (above 1: StaffGraph is faster) and StaffGraph peak memory / igraph peak "
               "memory (below 1: StaffGraph uses less), each task in its own process, StaffGraph and the peers on the "
               "same edge file in the same run (the run line under each heading). Louvain's Q is every tool's "
               "partition scored by one function (`Benchmarks/modularity.py`, Newman–Girvan modularity of the "
               "undirected binary simple graph: a tie in either or both directions counts once, weights and "
               "self-loops dropped; the graph every tool clusters), not each tool's own quality function.\n")
    results = {}
    pagerank_rows = []
    for scale, title in SCALES:
        ours = {r["phase"]: r for r in read(os.path.join(folder, f"{scale}.staffgraph.jsonl"))}
        if not ours:
            continue
        peers = {}
        for r in read(os.path.join(folder, f"{scale}.peers.jsonl")):
            if r.get("phase"):
                peers[(r["tool"], r["phase"])] = r
        runs = {name: run_line(os.path.join(folder, f"{scale}.{name}.jsonl")) for name in ("staffgraph", "peers", "modularity")}
        runs = {k: v for k, v in runs.items() if v}
        ids = {(v["run"], v.get("file")) for v in runs.values()}
        if len(ids) > 1:
            print(f"report: {scale}: results from different runs or files: {sorted(ids)}; ratios left out", file=sys.stderr)
            peers = {}
        scores = {}
        for r in read(os.path.join(folder, f"{scale}.modularity.jsonl")):
            tool = os.path.basename(r["partition"]).split(".")[-2]
            scores[tool] = r
        results[scale] = (ours, peers)
        out.append(f"## {title}\n")
        if runs:
            first = next(iter(runs.values()))
            out.append(f"Run {first['run']}, commit {first.get('commit', '?')}, file `{first.get('file', '?')}`"
                       + ("" if len(ids) == 1 else " (peers from another run: ratios left out)") + ".\n")
        if peers:
            out.append("| phase | StaffGraph | peak MB | igraph | ratio | peak MB | memory ratio | networkit | ratio | networkx | ratio |")
            out.append("|---|---|---|---|---|---|---|---|---|---|---|")
        else:
            out.append("| phase | StaffGraph | peak MB |")
            out.append("|---|---|---|")
        for phase, label in LABELS.items():
            r = ours.get(phase)
            if r is None:
                continue
            t = r.get("seconds")
            note = ""
            if phase == "betweenness_sampled" and r.get("pivots"):
                note = f" ({r['pivots']} pivots)"
            if phase == "louvain" and scores.get("staffgraph"):
                note = f" (Q = {scores['staffgraph']['modularity']:.3f})"
            if phase == "pagerank" and r.get("iterations"):
                note = f" ({r['iterations']} it.)"
            ours_mb = r.get("peak_rss_mb") if t is not None else None
            cells = [label + note, seconds(t) if t is not None else "skipped (O(n·m))", f"{ours_mb:.0f}" if ours_mb else "–"]
            if peers:
                key = phase
                ig = peers.get(("igraph", key))
                if phase == "import_csv_to_csr":
                    # The fastest of igraph's documented CSV paths.
                    options = igraph_imports(peers)
                    ig = min(options, key=lambda p: p["seconds"]) if options else None
                if phase == "clustering_directed":
                    ig = None
                igs = ig.get("seconds") if ig else None
                igm = ig.get("peak_rss_mb") if ig and igs is not None else None
                cells += [seconds(igs) if igs is not None else "–", fmt_ratio(ratio(igs, t)), f"{igm:.0f}" if igm else "–",
                          f"{ours_mb / igm:.2f}" if igm and ours_mb else "–"]
                for tool in ("networkit", "networkx"):
                    p = peers.get((tool, key))
                    if p is None:
                        cells += ["–", "–"]
                    elif p.get("seconds") is None:
                        text = p.get("note", "–")
                        text = "failed" if text.startswith("failed") else ("skipped" if text.startswith("skipped") else text.replace("did not finish within", ">"))
                        cells += [text, "–"]
                    else:
                        extra = ""
                        if phase == "louvain" and scores.get(tool):
                            extra = f" (Q = {scores[tool]['modularity']:.3f})"
                        cells += [seconds(p["seconds"]) + extra, fmt_ratio(ratio(p["seconds"], t))]
            out.append("| " + " | ".join(cells) + " |")
        sampled = ours.get("betweenness_sampled")
        if sampled and sampled.get("pivots"):
            line = (f"\nSampled betweenness: {sampled['pivots']} pivots (seed {sampled.get('seed', 42)}); with probability "
                    f"{sampled.get('confidence', 0.95)} the normalized estimate is within ±{sampled['error_bound_per_node']:.3f} "
                    f"of the exact value for any one person and within ±{sampled['error_bound_all_nodes']:.3f} for everyone at "
                    "once (Hoeffding; union bound over the people)")
            if sampled.get("max_error_observed") is not None:
                line += f"; largest error observed against the exact values here: {sampled['max_error_observed']:.4f}"
            out.append(line + ".")
        if scores:
            own = [f"StaffGraph {ours['louvain']['modularity']:.4f}" if ours.get("louvain", {}).get("modularity") is not None else None]
            own += [f"{tool} {peers[(tool, 'louvain')]['own_modularity']:.4f}" for tool in ("igraph", "networkit", "networkx")
                    if peers.get((tool, "louvain"), {}).get("own_modularity") is not None]
            any_score = next(iter(scores.values()))
            display = {"staffgraph": "StaffGraph"}
            ordered = sorted(scores, key=lambda t: (t != "staffgraph", t))
            out.append(f"\nLouvain's Q: one function on one graph ({any_score['people']:,} people, "
                       f"{any_score['undirected_ties']:,} undirected ties): "
                       + ", ".join(f"{display.get(t, t)} {scores[t]['modularity']:.4f} ({scores[t]['communities']} communities)" for t in ordered)
                       + ". Each tool's own quality function said: " + ", ".join(x for x in own if x) + ".")
        # A scale measured in a run of its own (national) has its own STREAM figures.
        scale_bw, scale_cache = bandwidth, cache_bandwidth
        if os.path.exists(os.path.join(folder, f"{scale}.machine.jsonl")):
            _, scale_bw, scale_cache, _ = machine(folder, f"{scale}.machine.jsonl")
        pr = ours.get("pagerank")
        if pr and pr.get("seconds_per_iteration") and pr.get("bytes_per_iteration"):
            achieved = pr["bytes_per_iteration"] / pr["seconds_per_iteration"] / 1e9
            line = (f"\nPageRank per iteration: {pr['bytes_per_iteration'] / 1e6:.2f} MB must move ({pr['bytes_model']}); "
                    f"{seconds(pr['seconds_per_iteration'])} per iteration ({pr['iterations']} iterations; full run minus a "
                    f"one-iteration run), {achieved:.1f} GB/s")
            if scale_bw:
                line += (f", {achieved / scale_bw:.2f} of the measured memory bandwidth ({scale_bw:.1f} GB/s); "
                         f"the bandwidth bound is {seconds(pr['bytes_per_iteration'] / scale_bw / 1e9)} per iteration, "
                         f"so StaffGraph takes {scale_bw / achieved:.2f}× the bound")
            if llc and pr["bytes_per_iteration"] < llc:
                line += (f". These {pr['bytes_per_iteration'] / 2**20:.1f} MiB fit in the last-level cache "
                         f"({llc / 2**20:.0f} MiB), so the iterations run from cache, not memory")
                if scale_cache:
                    line += (f"; against the cache-resident triad ({scale_cache:.1f} GB/s) StaffGraph reaches "
                             f"{achieved / scale_cache:.2f}")
            out.append(line + ".")
            pagerank_rows.append((scale, pr, achieved, scale_bw))
        if peers:
            import_paths = [peers.get(("igraph", k)) for k in IGRAPH_IMPORTS]
            parts = [f"{p['path']} {seconds(p.get('seconds'))} ({p.get('peak_rss_mb', 0):.0f} MB)" for p in import_paths if p and p.get("path")]
            if parts:
                out.append("\nigraph's import, three ways (the table compares with the fastest): " + "; ".join(parts) + ".")
        out.append("")
    # Exact all-sources measures at state scale, end to end (Benchmarks/exact.sh).
    exact_rows = read(os.path.join(folder, "state.exact.jsonl"))
    exact = {r["measure"]: r for r in exact_rows}
    if exact:
        first = run_line(os.path.join(folder, "state.exact.jsonl")) or {}
        out.append("## Exact all-sources measures at state scale (`make bench-exact`)\n")
        out.append(f"Run {first.get('run', '?')}, commit {first.get('commit', '?')}, file `{first.get('file', '?')}`: "
                   "`staffgraph metrics --exact --measures M` (release, every thread), the whole command "
                   "(import, search from every person, CSV out), each measure in its own process.\n")
        out.append("| measure | wall | CPU | peak MB | people |")
        out.append("|---|---|---|---|---|")
        for r in exact_rows:
            out.append(f"| {r['measure']} | {minutes(r['seconds'])} | {minutes(r['cpu_seconds'])} | {r['peak_rss_mb']:.0f} | {r['people']:,} |")
        out.append("")
    out.append("## Targets (issues #8 and #19)\n")
    out.append("| target | measured | met |")
    out.append("|---|---|---|")

    def target(name, scale, phase, want, peer="igraph", memory=False):
        if scale not in results:
            return
        ours, peers = results[scale]
        r = ours.get(phase)
        if phase == "import_csv_to_csr":
            options = igraph_imports(peers)
            p = min(options, key=lambda q: q["seconds"]) if options else None
            if memory:
                options = [q for q in options if q.get("peak_rss_mb")]
                p = min(options, key=lambda q: q["peak_rss_mb"]) if options else None
        else:
            p = peers.get((peer, phase))
        if not r or not p or r.get("seconds") is None or p.get("seconds") is None:
            out.append(f"| {name} | not measured | – |")
            return
        if memory:
            value = r["peak_rss_mb"] / p["peak_rss_mb"]
            out.append(f"| {name} | {r['peak_rss_mb']:.0f} MB vs {p['peak_rss_mb']:.0f} MB: {value:.2f} | {'yes' if value <= want else 'no'} |")
        elif peer == "networkit":
            out.append(f"| {name} | {seconds(r['seconds'])} vs {seconds(p['seconds'])} | {'yes' if r['seconds'] <= p['seconds'] else 'no'} |")
        else:
            value = p["seconds"] / r["seconds"]
            out.append(f"| {name} | {fmt_ratio(value)} ({seconds(r['seconds'])} vs {seconds(p['seconds'])}) | {'yes' if value >= want else 'no'} |")

    target("CSV → graph ≥ 10× faster than igraph (state)", "state", "import_csv_to_csr", 10)
    target("CSV → graph ≥ 4× faster than igraph (state)", "state", "import_csv_to_csr", 4)
    for scale in ("state", "national"):
        if scale in results and results[scale][0].get("import_csv_to_csr", {}).get("ties"):
            r = results[scale][0]["import_csv_to_csr"]
            # Out- and in-lists: 8-byte offsets, 4-byte neighbours and 8-byte weights each.
            graph_mb = (16 * (int(r["people"]) + 1) + 24 * int(r["ties"])) / 2**20
            factor = r["peak_rss_mb"] / graph_mb
            out.append(f"| import peak memory ≤ 2× the graph's size ({scale}) | {r['peak_rss_mb']:.0f} MB peak (the whole process) "
                       f"for a {graph_mb:.0f} MB graph: {factor:.2f}× | {'yes' if factor <= 2 else 'no'} |")
    for scale in ("district", "state"):
        if scale not in results or not results[scale][1]:
            continue
        ours, peers = results[scale]
        behind = []
        for phase, label in LABELS.items():
            r = ours.get(phase)
            if not r or r.get("seconds") is None:
                continue
            keys = IGRAPH_IMPORTS if phase == "import_csv_to_csr" else (phase,)
            times = [p["seconds"] for (tool, k), p in peers.items() if k in keys and p.get("seconds") is not None
                     and not (phase == "clustering_directed" and tool == "igraph")]
            if times and min(times) < r["seconds"]:
                behind.append(f"{label} {min(times) / r['seconds']:.2f}×")
        out.append(f"| every phase at least as fast as the fastest peer ({scale}) | "
                   f"{'behind: ' + '; '.join(behind) if behind else 'every phase'} | {'no' if behind else 'yes'} |")
    for measure, name, limit in (("betweenness", "exact betweenness", 20), ("harmonic_in", "exact harmonic closeness", 10)):
        if measure in exact:
            r = exact[measure]
            out.append(f"| {name} at state scale ≤ {limit} minutes, end to end | {minutes(r['seconds'])} | "
                       f"{'yes' if r['seconds'] <= limit * 60 else 'no'} |")
    target("PageRank ≥ 2× faster than igraph (state)", "state", "pagerank", 2)
    target("exact betweenness ≥ 3× faster than igraph (district)", "district", "betweenness_exact", 3)
    target("triad census ≥ 4× faster than igraph (state)", "state", "triad_census", 4)
    target("Louvain no slower than networkit PLM (state)", "state", "louvain", 0, peer="networkit")
    target("peak memory ≤ ½ igraph's, 3,000,000 ties (import)", "state", "import_csv_to_csr", 0.5, memory=True)
    for scale, pr, achieved, scale_bw in pagerank_rows:
        if scale_bw:
            factor = scale_bw / achieved
            where = ", working set in cache" if llc and pr["bytes_per_iteration"] < llc else ""
            out.append(f"| PageRank within 1.5× of the memory-bandwidth bound per iteration ({scale}{where}) | "
                       f"{factor:.2f}× the bound ({achieved:.1f} of {scale_bw:.1f} GB/s) | {'yes' if factor <= 1.5 else 'no'} |")
    if "national" in results:
        ours, _ = results["national"]
        done = [LABELS[p] + " " + seconds(ours[p]["seconds"]) for p in ("import_csv_to_csr", "pagerank", "weak_components", "louvain") if p in ours]
        peak = max((r.get("peak_rss_mb", 0) for r in ours.values()), default=0)
        out.append(f"| national graph imports and runs PageRank, components, Louvain within 24 GB | {'; '.join(done)}; peak {peak / 1024:.1f} GB | {'yes' if peak < 24 * 1024 and len(done) == 4 else 'no'} |")
    out.append("\nReproduce: `make bench` (district and state; `make bench-national` for the national graph; "
               "`make bench-exact` for the exact state-scale runs, about half an hour).")
    print("\n".join(out))


if __name__ == "__main__":
    main()
