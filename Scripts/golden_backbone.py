#!/usr/bin/env python3
"""Golden values for the disparity-filter backbone and the group graph.

Writes Tests/Golden/backbone/<case>.json. Running it again must reproduce the
committed files byte for byte.

An implementation independent of StaffGraph, written from the paper:
M. A. Serrano, M. Boguna & A. Vespignani (2009), Extracting the multiscale
backbone of complex weighted networks, PNAS 106(16), 6483-6488,
doi:10.1073/pnas.0808904106.

For a tie i -> j of weight w_ij, tested from its source with the source's
out-ties and from its target with the target's in-ties (the directed variant):

    alpha_source = (1 - w_ij / s_out(i)) ** (k_out(i) - 1)
    alpha_target = (1 - w_ij / s_in(j))  ** (k_in(j) - 1)

with k the number of ties and s their summed weight (networkx out_degree /
in_degree, with and without weight=). An end with a single tie gives 1 (the
formula as published: 0 ** 0 = 1). A tie is kept at level alpha when
min(alpha_source, alpha_target) < alpha. Ties whose weight is not positive take
no part (there are none in these samples).

Conventions of the inputs (Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md):
every roster person is a node; self-loops dropped; repeated ties merged by max.

Group cases (`aggregate`): one node per value of a roster column among the
people present in the wave (absent people without ties left out); a tie g -> h
(g != h) weighted by the number of arcs from members of g to members of h sent
by observed people (non-respondents' rows left out); inside each group the arcs
counted the same way and the density internal / (observed * (size - 1)).
The backbone is then tested on that weighted group graph.
"""
import csv
import json
import os

import networkx as nx
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Golden", "backbone")
LEVELS = ["0.01", "0.05", "0.1", "0.2", "0.5"]

SCHOOL = ("Samples/school/edges.csv", "Samples/school/roster.csv")
LAZEGA_NODES = "Samples/data/lazega/nodes.csv"

# name, edges, roster, relation, wave, aggregate column (None: people)
CASES = [
    (f"school_{rel}_{wave}", *SCHOOL, rel, wave, None)
    for rel in ("advice", "collaboration") for wave in ("fall", "winter", "spring")
] + [
    ("lazega_advice", "Samples/data/lazega/edges_advice.csv", LAZEGA_NODES, None, None, None),
    ("lazega_cowork", "Samples/data/lazega/edges_cowork.csv", LAZEGA_NODES, None, None, None),
    ("lazega_friendship", "Samples/data/lazega/edges_friendship.csv", LAZEGA_NODES, None, None, None),
    ("school_advice_fall_by_team", *SCHOOL, "advice", "fall", "team"),
    ("school_advice_spring_by_team", *SCHOOL, "advice", "spring", "team"),
    ("school_collaboration_winter_by_level", *SCHOOL, "collaboration", "winter", "level"),
    ("lazega_advice_by_office", "Samples/data/lazega/edges_advice.csv", LAZEGA_NODES, None, None, "office"),
    ("lazega_cowork_by_practice", "Samples/data/lazega/edges_cowork.csv", LAZEGA_NODES, None, None, "practice"),
]


def read_csv(path):
    with open(os.path.join(ROOT, path), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def load(edges_path, roster_path, relation, wave):
    """Roster rows, ids and the merged ties {(s, t): weight} (max of repeats, no self-loops)."""
    roster = read_csv(roster_path)
    ids = [r["id"] for r in roster]
    index = {v: i for i, v in enumerate(ids)}
    ties = {}
    for r in read_csv(edges_path):
        if relation and r.get("relation", relation) != relation:
            continue
        if wave and r.get("wave", wave) != wave:
            continue
        s, t = index[r["source"]], index[r["target"]]
        if s == t:
            continue
        w = float(r.get("weight") or 1)
        ties[(s, t)] = max(ties.get((s, t), w), w)
    return roster, ids, ties


def group_graph(roster, ids, ties, wave, column):
    """The group graph: names, sizes, observed sizes, internal arcs, densities, {(g, h): arcs}."""
    n = len(ids)
    key = f"responded_{wave}" if wave else "responded"
    status = [(r.get(key) or "").strip().lower() for r in roster]
    degree = [0] * n
    for (s, t) in ties:
        degree[s] += 1
        degree[t] += 1
    present = [not (status[v] == "absent" and degree[v] == 0) for v in range(n)]
    # Absent people with ties are kept and count as having answered; non-respondents' rows are missing.
    observed = [present[v] and status[v] != "no" for v in range(n)]
    values = [(roster[v].get(column) or "").strip() or "(missing)" for v in range(n)]
    names = sorted({values[v] for v in range(n) if present[v]})
    group = {name: g for g, name in enumerate(names)}
    k = len(names)
    sizes, observed_sizes, internal = [0] * k, [0] * k, [0] * k
    for v in range(n):
        if present[v]:
            sizes[group[values[v]]] += 1
            if observed[v]:
                observed_sizes[group[values[v]]] += 1
    between = {}
    for (s, t) in sorted(ties):
        if not (present[s] and present[t] and observed[s]):
            continue
        g, h = group[values[s]], group[values[t]]
        if g == h:
            internal[g] += 1
        else:
            between[(g, h)] = between.get((g, h), 0) + 1
    density = []
    for g in range(k):
        cells = observed_sizes[g] * (sizes[g] - 1)
        density.append(internal[g] / cells if cells > 0 else None)
    groups = [{"name": names[g], "size": sizes[g], "observed": observed_sizes[g], "internal": internal[g], "density": density[g]}
              for g in range(k)]
    return names, groups, {e: float(w) for e, w in between.items()}


def disparity(n, ties):
    """alpha from the source and from the target of every tie, with networkx degrees and strengths."""
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for (s, t), w in ties.items():
        if w > 0:
            G.add_edge(s, t, weight=w)
    out = {}
    for s, t in sorted(G.edges()):
        w = G[s][t]["weight"]
        k_out, s_out = G.out_degree(s), G.out_degree(s, weight="weight")
        k_in, s_in = G.in_degree(t), G.in_degree(t, weight="weight")
        a_source = float(np.power(1.0 - w / s_out, k_out - 1)) if k_out > 1 else 1.0
        a_target = float(np.power(1.0 - w / s_in, k_in - 1)) if k_in > 1 else 1.0
        out[(s, t)] = (w, a_source, a_target)
    return out


def check_formulas():
    """Hand-worked examples (the ones in DisparityFilter's documentation and tests)."""
    # i=0 names 1 (8), 2 (1), 3 (1): from 0, alpha(0->1) = 0.2 ** 2 = 0.04, alpha(0->2) = 0.9 ** 2 = 0.81.
    a = disparity(4, {(0, 1): 8.0, (0, 2): 1.0, (0, 3): 1.0})
    assert abs(a[(0, 1)][1] - 0.04) < 1e-15 and abs(a[(0, 2)][1] - 0.81) < 1e-15
    assert a[(0, 1)][2] == 1.0  # 1 is named by 0 alone: degree 1 gives 1
    # A star of equal weights: (1 - 1/k) ** (k - 1) >= 1/e.
    b = disparity(6, {(0, j): 1.0 for j in range(1, 6)})
    assert all(abs(v[1] - 0.8 ** 4) < 1e-15 for v in b.values())


def case(name, edges_path, roster_path, relation, wave, column):
    roster, ids, ties = load(edges_path, roster_path, relation, wave)
    doc = {"case": name, "edges": edges_path, "roster": roster_path, "relation": relation, "wave": wave, "aggregate": column}
    if column:
        names, groups, weighted = group_graph(roster, ids, ties, wave, column)
        doc["nodes"] = names
        doc["groups"] = groups
        alphas = disparity(len(names), weighted)
    else:
        doc["nodes"] = ids
        alphas = disparity(len(ids), ties)
    labels = doc["nodes"]
    doc["ties"] = [[labels[s], labels[t], w, a_s, a_t] for (s, t), (w, a_s, a_t) in sorted(alphas.items())]
    doc["kept"] = {level: [[labels[s], labels[t]] for (s, t), (_, a_s, a_t) in sorted(alphas.items()) if min(a_s, a_t) < float(level)]
                   for level in LEVELS}
    doc["versions"] = {"networkx": nx.__version__, "numpy": np.__version__}
    return doc


def main():
    check_formulas()
    os.makedirs(OUT, exist_ok=True)
    for spec in CASES:
        doc = case(*spec)
        with open(os.path.join(OUT, spec[0] + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")
        kept = {level: len(v) for level, v in doc["kept"].items()}
        print(f"{spec[0]}: {len(doc['nodes'])} nodes, {len(doc['ties'])} ties, kept {kept}")


if __name__ == "__main__":
    main()
