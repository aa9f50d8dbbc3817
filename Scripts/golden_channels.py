#!/usr/bin/env python3
"""Golden values for StaffGraph's levels and channels (`staffgraph channels`).

Usage (from anywhere):

    python3 Scripts/golden_channels.py

Writes Tests/Golden/channels/<name>.json for the sample school (Samples/school,
advice, fall and spring; district -> department chairs, community -> school)
and two shared datasets (Krackhardt's managers, advice, level 1 -> level 3;
Lazega's lawyers: advice, associates -> partners; cowork, the Hartford
office -> the Providence office). Every roster/node-file
person is a node (isolates kept, absence ignored); ties are binary (weights
kept only for the direct ties), self-loops dropped.

For each of the three directions (either: any tie both ways; named: a -> b as
named; advice-flow: a -> b followed as b -> a) the file holds:

- ``direct``: the arcs as named (namer, named, weight) joining a FROM person
  to a different TO person in the followed direction, by plain enumeration;
- ``two_step``: chains A -> m -> B (A in FROM, B in TO, three different
  people) counted per m by enumerating every triple, with the numbers of FROM
  people reaching m and TO people m reaches;
- ``independent_channels``: ``nx.node_connectivity(aux, "s", "t")`` on the
  auxiliary digraph (followed arcs, a super source "s" with an arc to every
  FROM person, an arc from every TO person to a super sink "t"); the same as
  ``len(nx.minimum_node_cut(aux, "s", "t"))`` and as
  ``nx.maximum_flow_value`` on an explicitly node-split graph (unit capacity
  per person, other arcs unbounded), all three checked equal here;
- ``networkx_cut``: networkx's minimum node cut (one of possibly many; the
  test checks its size and that StaffGraph's own cut disconnects);
- ``brokered_channels``: ``nx.node_connectivity(collapsed, "s", "t")`` with
  every FROM person merged into "s", every TO person into "t" and the arcs
  from "s" to "t" (the direct ties) left out: the fewest people outside both
  sets whose removal leaves only the direct ties; ``networkx_broker_cut`` one
  such set (null for both when someone is in both sets).

With the level column: ``level_ties[g][h]`` (arcs from level g to level h,
row = who names) and ``level_density`` (ties / (n_g n_h), within a level
n_g (n_g - 1), null without a cell) computed with numpy from the adjacency
matrix; ``spanners``: for every person with a level, contacts (either
direction, distinct) per level, other levels reached and contacts across,
and the ranked list (other levels desc, contacts across desc, node order).

Keys are sorted, floats written in full; running the script again
reproduces every file byte for byte.
"""

import os
import sys

_FIXED_ENV = {"PYTHONHASHSEED": "0"}
if any(os.environ.get(k) != v for k, v in _FIXED_ENV.items()):
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **_FIXED_ENV})

import csv
import json

import networkx as nx
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "Tests", "Golden", "channels")

# (name, nodes, edges, relation, wave, (from column, values), (to column, values), level column)
JOBS = [
    ("school_advice_fall_district_chairs", "Samples/school/roster.csv", "Samples/school/edges.csv", "advice", "fall",
     ("level", ["district"]), ("role", ["department chair"]), "level"),
    ("school_advice_spring_district_chairs", "Samples/school/roster.csv", "Samples/school/edges.csv", "advice", "spring",
     ("level", ["district"]), ("role", ["department chair"]), "level"),
    ("school_advice_fall_community_school", "Samples/school/roster.csv", "Samples/school/edges.csv", "advice", "fall",
     ("level", ["community"]), ("level", ["school"]), "level"),
    ("school_advice_spring_district_leaders", "Samples/school/roster.csv", "Samples/school/edges.csv", "advice", "spring",
     ("role", ["district staff"]), ("role", ["department chair", "instructional coach"]), "team"),
    ("krackhardt_advice_level1_level3", "Samples/data/krackhardt/nodes.csv", "Samples/data/krackhardt/edges_advice.csv", None, None,
     ("level", ["1"]), ("level", ["3"]), "level"),
    ("lazega_advice_associates_partners", "Samples/data/lazega/nodes.csv", "Samples/data/lazega/edges_advice.csv", None, None,
     ("status", ["2"]), ("status", ["1"]), "office"),
    ("lazega_cowork_hartford_providence", "Samples/data/lazega/nodes.csv", "Samples/data/lazega/edges_cowork.csv", None, None,
     ("office", ["2"]), ("office", ["3"]), "status"),
]

DIRECTIONS = ["either", "named", "advice-flow"]


def read_rows(rel):
    with open(os.path.join(ROOT, rel), newline="") as f:
        return list(csv.DictReader(f))


def load(nodes_file, edges_file, relation, wave):
    nodes = read_rows(nodes_file)
    ids = [r["id"] for r in nodes]
    index = {v: i for i, v in enumerate(ids)}
    arcs = {}
    for r in read_rows(edges_file):
        if relation is not None and r.get("relation") != relation:
            continue
        if wave is not None and r.get("wave") != wave:
            continue
        s, t = index[r["source"]], index[r["target"]]
        if s == t:
            continue
        arcs[(s, t)] = max(arcs.get((s, t), float("-inf")), float(r["weight"]))
    return nodes, ids, arcs


def followed(arcs, n, direction):
    """The followed arcs as a set of (u, v)."""
    out = set()
    for (a, b) in arcs:
        if direction in ("either", "named"):
            out.add((a, b))
        if direction in ("either", "advice-flow"):
            out.add((b, a))
    return out


def channels(ids, arcs, inf, int_, direction):
    n = len(ids)
    fol = followed(arcs, n, direction)
    succ = [set() for _ in range(n)]
    for (u, v) in fol:
        succ[u].add(v)
    # Direct ties, as named.
    direct = []
    for (a, b), w in sorted(arcs.items()):
        fwd = direction != "advice-flow" and inf[a] and int_[b]
        bwd = direction != "named" and inf[b] and int_[a]
        if fwd or bwd:
            direct.append([ids[a], ids[b], w])
    # Two-step chains by enumeration of triples.
    per = {}
    total = 0
    for a in range(n):
        if not inf[a]:
            continue
        for m in succ[a]:
            if m == a:
                continue
            for b in succ[m]:
                if b == a or b == m or not int_[b]:
                    continue
                per[m] = per.get(m, 0) + 1
                total += 1
    two_step = {}
    for m, c in per.items():
        p = sum(1 for a in range(n) if a != m and inf[a] and m in succ[a])
        q = sum(1 for b in succ[m] if b != m and int_[b])
        two_step[ids[m]] = {"chains": c, "from_reached": p, "to_reached": q}
    # Auxiliary digraph with a super source and sink.
    aux = nx.DiGraph()
    aux.add_nodes_from(range(n))
    aux.add_nodes_from(["s", "t"])
    aux.add_edges_from(fol)
    for v in range(n):
        if inf[v]:
            aux.add_edge("s", v)
        if int_[v]:
            aux.add_edge(v, "t")
    k = nx.node_connectivity(aux, "s", "t")
    cut = nx.minimum_node_cut(aux, "s", "t") if k > 0 else set()
    assert len(cut) == k, (len(cut), k)
    # The explicit node split, as StaffGraph builds it.
    split = nx.DiGraph()
    big = n + 1
    for v in range(n):
        split.add_edge(("in", v), ("out", v), capacity=1)
        if inf[v]:
            split.add_edge("s", ("in", v), capacity=big)
        if int_[v]:
            split.add_edge(("out", v), "t", capacity=big)
    for (u, v) in fol:
        split.add_edge(("out", u), ("in", v), capacity=big)
    split.add_nodes_from(["s", "t"])
    flow = nx.maximum_flow_value(split, "s", "t")
    assert flow == k, (flow, k)
    # Brokered channels: FROM collapsed into "s", TO into "t", direct arcs left out.
    if any(a and b for a, b in zip(inf, int_)):
        brokered, broker_cut = None, None
    else:
        def end(v):
            return "s" if inf[v] else ("t" if int_[v] else v)
        collapsed = nx.DiGraph()
        collapsed.add_nodes_from(["s", "t"])
        collapsed.add_nodes_from(v for v in range(n) if not inf[v] and not int_[v])
        for (u, v) in fol:
            a, b = end(u), end(v)
            # Self-loops, the direct ties, and arcs into FROM or out of TO (no
            # path from FROM to TO needs them) are left out.
            if a == b or (a == "s" and b == "t") or b == "s" or a == "t":
                continue
            collapsed.add_edge(a, b)
        brokered = nx.node_connectivity(collapsed, "s", "t")
        bcut = nx.minimum_node_cut(collapsed, "s", "t") if brokered > 0 else set()
        assert len(bcut) == brokered
        broker_cut = sorted(ids[v] for v in bcut)
    return {
        "brokered_channels": brokered,
        "networkx_broker_cut": broker_cut,
        "direct": direct,
        "two_step_total": total,
        "two_step": two_step,
        "independent_channels": k,
        "networkx_cut": sorted(ids[v] for v in cut),
    }


def levels(ids, arcs, labels):
    n = len(ids)
    names = sorted(set("(missing)" if x == "" else x for x in labels))
    g = [names.index("(missing)" if x == "" else x) for x in labels]
    k = len(names)
    A = np.zeros((n, n), dtype=np.int64)
    for (a, b) in arcs:
        A[a, b] = 1
    M = np.zeros((k, n), dtype=np.int64)
    for v in range(n):
        M[g[v], v] = 1
    ties = M @ A @ M.T
    sizes = M.sum(axis=1)
    density = []
    for x in range(k):
        row = []
        for y in range(k):
            cells = int(sizes[x] * (sizes[x] - 1)) if x == y else int(sizes[x] * sizes[y])
            row.append(float(ties[x, y]) / cells if cells > 0 else None)
        density.append(row)
    U = ((A + A.T) > 0).astype(np.int64)
    per_level = U @ M.T  # person x level contact counts
    missing = names.index("(missing)") if "(missing)" in names else -1
    people = {}
    ranked = []
    for v in range(n):
        if g[v] == missing:
            continue
        counts = [int(c) for c in per_level[v]]
        other = [h for h in range(k) if h != g[v] and h != missing and counts[h] > 0]
        cross = sum(counts[h] for h in other)
        if other:
            people[ids[v]] = {"contacts_per_level": counts, "other_levels": len(other), "cross_level_contacts": cross}
            ranked.append((-len(other), -cross, v))
    ranked.sort()
    return {
        "levels": names,
        "sizes": [int(s) for s in sizes],
        "level_ties": ties.astype(int).tolist(),
        "level_density": density,
        "spanners": people,
        "spanner_ranking": [ids[v] for (_, _, v) in ranked],
    }


def main():
    os.makedirs(GOLDEN, exist_ok=True)
    for name, nodes_file, edges_file, relation, wave, frm, to, level_col in JOBS:
        nodes, ids, arcs = load(nodes_file, edges_file, relation, wave)
        inf = [r[frm[0]] in frm[1] for r in nodes]
        int_ = [r[to[0]] in to[1] for r in nodes]
        doc = {
            "inputs": {
                "nodes": nodes_file, "edges": edges_file, "relation": relation, "wave": wave,
                "from_column": frm[0], "from_values": frm[1], "to_column": to[0], "to_values": to[1],
                "level_column": level_col,
            },
            "nodes": len(ids),
            "ties": len(arcs),
            "directions": {d: channels(ids, arcs, inf, int_, d) for d in DIRECTIONS},
            "levels": levels(ids, arcs, [r[level_col] for r in nodes]),
            "reference": "networkx %s node_connectivity / minimum_node_cut / maximum_flow_value; numpy %s" % (nx.__version__, np.__version__),
        }
        path = os.path.join(GOLDEN, name + ".json")
        with open(path, "w") as f:
            json.dump(doc, f, indent=1, sort_keys=True)
            f.write("\n")
        print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
