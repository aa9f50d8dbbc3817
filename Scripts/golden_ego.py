#!/usr/bin/env python3
"""Golden values for StaffGraph's ego-network measures.

Usage (from anywhere):

    python3 Scripts/golden_ego.py

Writes Tests/Golden/ego/<name>.json for the sample school (Samples/school,
advice relation, fall wave) and two shared datasets (Samples/data/krackhardt
advice, Samples/data/lazega advice). Every roster/node-file person is a node
(isolates kept); ties are binary (weights ignored), self-loops dropped.

Each file holds ``measures`` (column name -> node id -> value, null when
undefined), ``inputs`` (files, relation, wave, attribute) and ``notes``
(how often the ego-network constraint differs from networkx's whole-network
``constraint``). Keys are sorted, floats written in full; running the script
again reproduces every file byte for byte.

Reference tool: networkx (3.6), independently of StaffGraph's algorithm:

- alters: ``nx.ego_graph(G.to_undirected(as_view=True), v, radius=1)``
  minus ego (neighbours in either direction);
- ego network: the induced subgraph of the directed graph on ego + alters;
- ego_density: arcs among alters / (a (a - 1)), null when a < 2;
- ego_betweenness: ``nx.betweenness_centrality(ego_net, normalized=False)[v]``
  (Everett & Borgatti 2005, directed);
- two_step_reach: successors and their successors, ego excluded;
- ego_constraint: ``nx.constraint(ego_net, nodes=[v])`` (Burt's constraint with
  every proportion inside the ego network), null for isolates; for people who
  name nobody but are named, networkx says NaN (it tests the successors), so
  the reversed ego network is used (the formula depends on a_ij + a_ji only);
- by the attribute (alters with a missing value left out; K = number of
  distinct non-missing values among all people): ego_blau = 1 - sum p^2,
  ego_iqv = blau * K / (K - 1) (null when K < 2), ego_ei = (E - I)/(E + I)
  over alters (null with no alter of known value or a missing ego value).
"""

import os
import sys

_FIXED_ENV = {"PYTHONHASHSEED": "0"}
if any(os.environ.get(k) != v for k, v in _FIXED_ENV.items()):
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **_FIXED_ENV})

import csv
import json
import math

import networkx as nx

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "Tests", "Golden", "ego")

# (name, nodes file, edges file, relation, wave, attribute)
JOBS = [
    ("school_advice_fall", "Samples/school/roster.csv", "Samples/school/edges.csv", "advice", "fall", "team"),
    ("krackhardt_advice", "Samples/data/krackhardt/nodes.csv", "Samples/data/krackhardt/edges_advice.csv", None, None, "dept"),
    ("lazega_advice", "Samples/data/lazega/nodes.csv", "Samples/data/lazega/edges_advice.csv", None, None, "office"),
]


def read_rows(rel):
    with open(os.path.join(ROOT, rel), newline="") as f:
        return list(csv.DictReader(f))


def clean(value):
    if value is None:
        return None
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return None
    if value == 0.0:
        return 0.0
    return value


def burt_constraint(G, v):
    """networkx constraint of v on the DiGraph G. networkx returns NaN when
    ``G[v]`` (v's successors) is empty, even for someone others name; Burt's
    formula only uses s_ij = a_ij + a_ji, which reversing every arc leaves
    unchanged, so for them the reversed graph gives networkx's own value."""
    if G.out_degree(v) == 0 and G.in_degree(v) > 0:
        return nx.constraint(G.reverse(copy=False), nodes=[v])[v]
    return nx.constraint(G, nodes=[v])[v]


def compute(name, nodes_file, edges_file, relation, wave, attribute):
    people = read_rows(nodes_file)
    ids = [p["id"] for p in people]
    value = {p["id"]: p.get(attribute, "") for p in people}
    G = nx.DiGraph()
    G.add_nodes_from(ids)
    for r in read_rows(edges_file):
        if relation is not None and r.get("relation") != relation:
            continue
        if wave is not None and r.get("wave") != wave:
            continue
        if r["source"] != r["target"]:
            G.add_edge(r["source"], r["target"])
    U = G.to_undirected(as_view=True)
    K = len({v for v in value.values() if v != ""})
    whole_constraint = {v: burt_constraint(G, v) for v in ids}
    m = {k: {} for k in ["ego_size_out", "ego_size_in", "ego_size", "ego_density", "ego_betweenness",
                         "two_step_reach", "ego_constraint", "ego_blau", "ego_iqv", "ego_ei"]}
    differs = 0
    for v in ids:
        alters = set(nx.ego_graph(U, v, radius=1).nodes()) - {v}
        a = len(alters)
        egonet = G.subgraph(alters | {v})
        m["ego_size_out"][v] = float(len(set(G.successors(v)) - {v}))
        m["ego_size_in"][v] = float(len(set(G.predecessors(v)) - {v}))
        m["ego_size"][v] = float(a)
        among = G.subgraph(alters).number_of_edges()
        m["ego_density"][v] = clean(among / (a * (a - 1))) if a >= 2 else None
        m["ego_betweenness"][v] = clean(nx.betweenness_centrality(egonet, normalized=False)[v])
        reach = set(G.successors(v))
        for w in list(reach):
            reach |= set(G.successors(w))
        reach.discard(v)
        m["two_step_reach"][v] = float(len(reach))
        c = burt_constraint(egonet, v)
        m["ego_constraint"][v] = clean(c)
        if clean(c) is not None and abs(c - whole_constraint[v]) > 1e-12:
            differs += 1
        known = [value[w] for w in alters if value[w] != ""]
        if known:
            shares = [known.count(g) / len(known) for g in sorted(set(known))]
            blau = 1 - sum(p * p for p in shares)
            m["ego_blau"][v] = clean(blau)
            m["ego_iqv"][v] = clean(blau * K / (K - 1)) if K >= 2 else None
            if value[v] != "":
                internal = sum(1 for x in known if x == value[v])
                external = len(known) - internal
                m["ego_ei"][v] = clean((external - internal) / (external + internal))
            else:
                m["ego_ei"][v] = None
        else:
            m["ego_blau"][v] = m["ego_iqv"][v] = m["ego_ei"][v] = None
    defined = sum(1 for v in ids if clean(whole_constraint[v]) is not None)
    return {
        "graph": name,
        "inputs": {"nodes": nodes_file, "edges": edges_file, "relation": relation, "wave": wave, "attribute": attribute,
                   "categories": K, "networkx": nx.__version__},
        "measures": m,
        "notes": {"ego_constraint_differs_from_whole_network_constraint": differs, "people_with_constraint": defined},
    }


def main():
    os.makedirs(GOLDEN, exist_ok=True)
    for job in JOBS:
        res = compute(*job)
        path = os.path.join(GOLDEN, job[0] + ".json")
        with open(path, "w") as f:
            json.dump(res, f, sort_keys=True, indent=1, allow_nan=False)
            f.write("\n")
        n = res["notes"]
        print("wrote", os.path.relpath(path, ROOT),
              f"(ego constraint differs from whole-network constraint for {n['ego_constraint_differs_from_whole_network_constraint']} of {n['people_with_constraint']} people)")


if __name__ == "__main__":
    sys.exit(main())
