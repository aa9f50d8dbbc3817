#!/usr/bin/env python3
"""Golden values for `staffgraph summary`, computed with networkx.

Writes Tests/Golden/summary/<case>.json, one per (edge file, relation, wave).
Running it again must reproduce the committed files byte for byte.

Conventions (Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md):
- people marked `absent` in a wave (roster column responded_<wave>) are not
  in that wave's network;
- a non-respondent's row is missing: density = ties sent by observed people /
  (observed people x (n - 1)) (R sna `gden` with NA rows); reciprocity is
  networkx `overall_reciprocity` on the subgraph of observed people (dyads with
  a missing cell dropped);
- without response data these are networkx `density` and `overall_reciprocity`.
"""
import csv
import json
import os
import sys

import networkx as nx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Golden", "summary")

YES = {"yes", "y", "true", "t", "1", "responded", "observed", "respondent"}
NO = {"no", "n", "false", "f", "0", "nonrespondent", "non-respondent", "non_respondent", "missing"}
ABSENT = {"absent", "left", "not on staff"}

# name, edges, roster, relation filter/label, wave filter/label
CASES = [
    ("tiny", "Samples/tiny/edges.csv", "Samples/tiny/roster.csv", None, None),
    ("tiny_no_roster", "Samples/tiny/edges.csv", None, None, None),
    ("krackhardt_advice", "Samples/data/krackhardt/edges_advice.csv", "Samples/data/krackhardt/nodes.csv", "advice", None),
    ("krackhardt_friendship", "Samples/data/krackhardt/edges_friendship.csv", "Samples/data/krackhardt/nodes.csv", "friendship", None),
    ("krackhardt_reports_to", "Samples/data/krackhardt/edges_reports_to.csv", "Samples/data/krackhardt/nodes.csv", "reports_to", None),
    ("lazega_advice", "Samples/data/lazega/edges_advice.csv", "Samples/data/lazega/nodes.csv", "advice", None),
    ("lazega_friendship", "Samples/data/lazega/edges_friendship.csv", "Samples/data/lazega/nodes.csv", "friendship", None),
    ("lazega_cowork", "Samples/data/lazega/edges_cowork.csv", "Samples/data/lazega/nodes.csv", "cowork", None),
    ("ukfaculty_friendship", "Samples/data/ukfaculty/edges_friendship.csv", "Samples/data/ukfaculty/nodes.csv", "friendship", None),
] + [
    (f"s50_w{w}", f"Samples/data/s50/edges_friendship_w{w}.csv", "Samples/data/s50/nodes.csv", "friendship", f"w{w}")
    for w in (1, 2, 3)
] + [
    (f"knecht_w{w}", f"Samples/data/knecht/edges_friendship_w{w}.csv", "Samples/data/knecht/roster.csv", "friendship", f"w{w}")
    for w in (1, 2, 3, 4)
] + [
    (f"school_{rel}_{wave}", "Samples/school/edges.csv", "Samples/school/roster.csv", rel, wave)
    for rel in ("advice", "collaboration") for wave in ("fall", "winter", "spring")
]


def read_csv(path):
    with open(os.path.join(ROOT, path), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def status_column(row_keys, wave):
    if wave and f"responded_{wave}" in row_keys:
        return f"responded_{wave}"
    if "responded" in row_keys:
        return "responded"
    return None


def case(name, edges_path, roster_path, relation, wave):
    rows = read_csv(edges_path)
    G = nx.DiGraph()
    status = {}
    if roster_path:
        roster = read_csv(roster_path)
        column = status_column(roster[0].keys(), wave) if roster else None
        for r in roster:
            G.add_node(r["id"])
            if column:
                v = r[column].strip().lower()
                status[r["id"]] = "yes" if v in YES else "no" if v in NO else "absent" if v in ABSENT else None
    for r in rows:
        if relation and "relation" in r and r["relation"] != relation:
            continue
        if wave and "wave" in r and r["wave"] != wave:
            continue
        G.add_node(r["source"])
        G.add_node(r["target"])
        if r["source"] != r["target"] and float(r.get("weight") or 1) != 0:
            G.add_edge(r["source"], r["target"])
    absent = [v for v in G if status.get(v) == "absent" and G.degree(v) == 0]
    G.remove_nodes_from(absent)
    n = G.number_of_nodes()
    observed = [v for v in G if status.get(v) not in ("no", "absent")]
    if status:
        observed_set = set(observed)
        sent = sum(1 for u, _ in G.edges() if u in observed_set)
        cells = len(observed) * (n - 1)
        density = sent / cells if cells else None
        H = G.subgraph(observed)
        reciprocity = nx.overall_reciprocity(H) if H.number_of_edges() else None
        yes = sum(1 for v in G if status.get(v) == "yes")
        no = sum(1 for v in G if status.get(v) == "no")
        response_rate = yes / (yes + no) if yes + no else None
    else:
        density = nx.density(G) if n > 1 else None
        reciprocity = nx.overall_reciprocity(G) if G.number_of_edges() else None
        response_rate = None
    return {
        "input": {"edges": edges_path, "roster": roster_path, "relation": relation, "wave": wave},
        "nodes": n,
        "ties": G.number_of_edges(),
        "isolates": nx.number_of_isolates(G),
        "density": density,
        "reciprocity": reciprocity,
        "weak_components": nx.number_weakly_connected_components(G),
        "strong_components": nx.number_strongly_connected_components(G),
        "largest_weak_component": max((len(c) for c in nx.weakly_connected_components(G)), default=0),
        "response_rate": response_rate,
        "absent": len(absent),
        "reference": f"networkx {nx.__version__}",
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, edges, roster, relation, wave in CASES:
        result = case(name, edges, roster, relation, wave)
        with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2, sort_keys=True)
            f.write("\n")
    print(f"wrote {len(CASES)} golden files to {os.path.relpath(OUT, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
