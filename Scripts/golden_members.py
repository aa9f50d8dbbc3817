#!/usr/bin/env python3
"""Golden values for StaffGraph's membership (two-mode) networks.

Usage (from anywhere):

    python3 Scripts/golden_members.py

Writes Tests/Golden/members/<name>.json for three person x group networks:

- school: Samples/school/memberships.csv over the 62 people of
  Samples/school/roster.csv (people in no group kept as people);
- davis_southern_women: Davis, Gardner & Gardner's (1941) 18 women x 14
  social events, as networkx ships it (``nx.davis_southern_women_graph()``),
  the classic real two-mode dataset (Samples/data holds no two-mode data);
- synthetic: ten people and six groups with a person in two groups, a group
  of one, two groups that share no one, an empty-looking pair and two
  people in no group, plus one repeated membership (counted once).

Each file holds the input itself (``people``, ``groups`` in index order,
``memberships`` as [person index, group index] pairs in input order) and the
reference values:

- ``person_projection`` / ``group_projection``: {count, newman, jaccard}, each
  a list of [u, v, weight] with u < v (indices), sorted: networkx
  ``bipartite.weighted_projected_graph`` (count),
  ``bipartite.collaboration_weighted_projected_graph`` (Newman, 1/(k - 1)),
  ``bipartite.overlap_weighted_projected_graph`` (Jaccard);
- ``degree`` / ``closeness`` / ``betweenness``: {people: [...], groups: [...]},
  networkx ``bipartite.degree_centrality``, ``bipartite.closeness_centrality``
  (normalized=True) and ``bipartite.betweenness_centrality`` with the people as
  the ``nodes`` set;
- ``unconnected_groups``: indices of groups with members none of whom is in
  another group (isolates of the group projection, empty groups excluded).

Keys are sorted, floats written in full; running the script again reproduces
every file byte for byte.
"""

import os
import sys

_FIXED_ENV = {"PYTHONHASHSEED": "0"}
if any(os.environ.get(k) != v for k, v in _FIXED_ENV.items()):
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **_FIXED_ENV})

import csv
import json

import networkx as nx
from networkx.algorithms import bipartite

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "Tests", "Golden", "members")


def school():
    with open(os.path.join(ROOT, "Samples/school/roster.csv"), encoding="utf-8") as f:
        people = [row["id"] for row in csv.DictReader(f)]
    groups, pairs = [], []
    with open(os.path.join(ROOT, "Samples/school/memberships.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["group"] not in groups:
                groups.append(row["group"])
            pairs.append([people.index(row["person"]), groups.index(row["group"])])
    return people, groups, pairs


def davis():
    g = nx.davis_southern_women_graph()
    women, events = g.graph["top"], g.graph["bottom"]
    pairs = []
    for i, w in enumerate(women):
        for e in sorted(g[w], key=events.index):
            pairs.append([i, events.index(e)])
    return list(women), list(events), pairs


def synthetic():
    people = list("abcdefghij")
    groups = ["G1", "G2", "G3", "G4", "G5", "G6"]
    members = {"G1": "abc", "G2": "cd", "G3": "e", "G4": "fg", "G5": "bdh", "G6": "bc"}
    pairs = [[people.index(p), groups.index(g)] for g in groups for p in members[g]]
    pairs.append([people.index("a"), groups.index("G1")])  # repeated: counted once
    return people, groups, pairs


def reference(people, groups, pairs):
    B = nx.Graph()
    top = [("p", i) for i in range(len(people))]
    bottom = [("g", j) for j in range(len(groups))]
    B.add_nodes_from(top)
    B.add_nodes_from(bottom)
    for p, g in pairs:
        B.add_edge(("p", p), ("g", g))

    def edges(G):
        out = []
        for u, v, d in G.edges(data=True):
            a, b = sorted((u[1], v[1]))
            out.append([a, b, float(d.get("weight", 1.0))])
        return sorted(out)

    def projections(nodes):
        return {
            "count": edges(bipartite.weighted_projected_graph(B, nodes)),
            "newman": edges(bipartite.collaboration_weighted_projected_graph(B, nodes)),
            "jaccard": edges(bipartite.overlap_weighted_projected_graph(B, nodes, jaccard=True)),
        }

    def split(values):
        return {"people": [float(values[v]) for v in top], "groups": [float(values[v]) for v in bottom]}

    group_projection = bipartite.projected_graph(B, bottom)
    unconnected = [j for j in range(len(groups)) if B.degree(("g", j)) > 0 and group_projection.degree(("g", j)) == 0]
    return {
        "person_projection": projections(top),
        "group_projection": projections(bottom),
        "degree": split(bipartite.degree_centrality(B, top)),
        "closeness": split(bipartite.closeness_centrality(B, top, normalized=True)),
        "betweenness": split(bipartite.betweenness_centrality(B, top)),
        "unconnected_groups": unconnected,
        "memberships_distinct": B.number_of_edges(),
    }


def main():
    os.makedirs(GOLDEN, exist_ok=True)
    for name, make in [("school", school), ("davis_southern_women", davis), ("synthetic", synthetic)]:
        people, groups, pairs = make()
        doc = {"people": people, "groups": groups, "memberships": pairs,
               "reference": "networkx %s bipartite" % nx.__version__}
        doc.update(reference(people, groups, pairs))
        path = os.path.join(GOLDEN, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, sort_keys=True, indent=1, ensure_ascii=False)
            f.write("\n")
        print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
