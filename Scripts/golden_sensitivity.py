#!/usr/bin/env python3
"""Golden values for the sensitivity analyses (`--thresholds`, `--missing`),
computed independently of StaffGraph with networkx and scipy.

Writes Tests/Golden/sensitivity/<case>.json. Running it again must reproduce
the committed files byte for byte.

Conventions (Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md, "Sensitivity"):
- people marked `absent` in the wave and without ties are left out; a
  non-respondent's row is missing (density: ties sent by observed people /
  (observed people x (n - 1)), R sna `gden` semantics);
- threshold t keeps the ties of weight >= t (parallel rows merged by max first);
- in-degree centralization: Freeman, sum(max - d_in) / (n - 1)^2 (sna
  `centralization(g, degree, cmode = "indegree")`);
- Gini of in-degree: sum_i sum_j |x_i - x_j| / (2 n^2 mean), no small-sample
  correction;
- top-3 share: the 3 largest in-degrees over the sum;
- top-k lists by in-degree, largest first, equal in-degrees in roster order;
  the top 3 only among people named at least once (the top-10 overlap over everyone);
- Spearman: scipy.stats.spearmanr (average ranks for ties) of in-degree over
  everyone, against the lowest threshold (or against `ignore`);
- missing-data treatments: ignore (rows missing), assume-none (the same ties,
  every row observed), reconstruct (Huisman 2009: for a non-respondent i and a
  respondent j with j -> i, add i -> j with the weight of j -> i; every row
  observed afterwards).
"""
import csv
import json
import os

import networkx as nx
from scipy.stats import spearmanr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Golden", "sensitivity")

YES = {"yes", "y", "true", "t", "1", "responded", "observed", "respondent"}
NO = {"no", "n", "false", "f", "0", "nonrespondent", "non-respondent", "non_respondent", "missing"}
ABSENT = {"absent", "left", "not on staff"}

# name, edges, roster, relation, wave, thresholds
CASES = [
    ("school_advice_fall", "Samples/school/edges.csv", "Samples/school/roster.csv", "advice", "fall", [1, 2, 3, 4]),
    ("school_collaboration_spring", "Samples/school/edges.csv", "Samples/school/roster.csv", "collaboration", "spring", [1, 2, 3, 4]),
    # Lazega's advice ties are binary (all weights 1): one threshold, and no response data.
    ("lazega_advice", "Samples/data/lazega/edges_advice.csv", "Samples/data/lazega/nodes.csv", None, None, [1]),
]


def read_csv(path):
    with open(os.path.join(ROOT, path), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def load(edges_path, roster_path, relation, wave):
    roster = read_csv(roster_path)
    column = None
    if roster:
        keys = roster[0].keys()
        column = f"responded_{wave}" if wave and f"responded_{wave}" in keys else "responded" if "responded" in keys else None
    ids = [r["id"] for r in roster]
    status = {}
    for r in roster:
        v = r[column].strip().lower() if column else ""
        status[r["id"]] = "yes" if v in YES else "no" if v in NO else "absent" if v in ABSENT else None
    G = nx.DiGraph()
    G.add_nodes_from(ids)
    for r in read_csv(edges_path):
        if relation and r.get("relation", relation) != relation:
            continue
        if wave and r.get("wave", wave) != wave:
            continue
        s, t, w = r["source"], r["target"], float(r.get("weight") or 1)
        if s == t:
            continue
        if G.has_edge(s, t):
            w = max(w, G[s][t]["weight"])
        G.add_edge(s, t, weight=w)
    present = [v for v in ids if status[v] != "absent" or G.degree(v) > 0]
    G = G.subgraph(present).copy()
    observed = {v: status[v] != "no" for v in present}
    return G, present, observed, column is not None


def reconstruct(G, order, observed):
    H = G.copy()
    imputed = 0
    for i in order:
        if observed[i]:
            continue
        for j in G.predecessors(i):
            if observed[j] and not G.has_edge(i, j):
                H.add_edge(i, j, weight=G[j][i]["weight"])
                imputed += 1
    return H, imputed


def figures(G, order, observed):
    n = len(order)
    d = [G.in_degree(v) for v in order]
    sent = sum(G.out_degree(v) for v in order if observed[v])
    cells = sum(1 for v in order if observed[v]) * (n - 1)
    total = sum(d)
    mx = max(d) if d else 0
    gini = None
    if total > 0:
        gini = sum(abs(a - b) for a in d for b in d) / (2 * n * n * (total / n))
    ranked = sorted(range(n), key=lambda i: (-d[i], i))
    return {
        "ties": G.number_of_edges(),
        "density": sent / cells if cells else None,
        "in_degree_centralization": sum(mx - x for x in d) / ((n - 1) ** 2) if n > 1 else None,
        "in_degree_gini": gini,
        "top_3_share": sum(sorted(d, reverse=True)[:3]) / total if total else None,
        "top_3": [order[i] for i in ranked[:3] if d[i] > 0],
        "top_10": [order[i] for i in ranked[:10]],
        "in_degree": d,
    }


def compare(base, other):
    rho = spearmanr(base["in_degree"], other["in_degree"]).statistic
    rho = None if rho != rho else float(rho)
    overlap = None
    if sum(base["in_degree"]) > 0 and sum(other["in_degree"]) > 0:
        overlap = len(set(base["top_10"]) & set(other["top_10"]))
    return rho, overlap


def clean(row):
    return {k: v for k, v in row.items() if k not in ("top_10", "in_degree")}


def case(name, edges, roster, relation, wave, thresholds):
    G, order, observed, has_status = load(edges, roster, relation, wave)
    rows = []
    base = None
    for t in thresholds:
        H = nx.DiGraph()
        H.add_nodes_from(order)
        H.add_edges_from((u, v, a) for u, v, a in G.edges(data=True) if a["weight"] >= t)
        f = figures(H, order, observed)
        base = base or f
        rho, overlap = compare(base, f)
        rows.append({"threshold": t, **clean(f), "spearman_in_degree": rho, "top_10_overlap": overlap})
    treatments = []
    all_observed = {v: True for v in order}
    rebuilt, imputed = reconstruct(G, order, observed)
    treated = {
        "ignore": (G, observed, 0),
        "reconstruct": (rebuilt, all_observed, imputed),
        "assume-none": (G, all_observed, 0),
    }
    base = None
    for label in ("ignore", "reconstruct", "assume-none"):
        H, obs, imputed = treated[label]
        f = figures(H, order, obs)
        base = base or f
        rho, overlap = compare(base, f)
        treatments.append({"missing": label, "imputed_ties": imputed, **clean(f), "spearman_in_degree": rho, "top_10_overlap": overlap})
    return {
        "case": name,
        "edges": edges,
        "roster": roster,
        "relation": relation,
        "wave": wave,
        "people": order,
        "nonrespondents": [v for v in order if not observed[v]],
        "thresholds": rows,
        "missing": treatments,
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for c in CASES:
        result = case(*c)
        with open(os.path.join(OUT, f"{c[0]}.json"), "w", encoding="utf-8") as f:
            json.dump(result, f, indent=1, sort_keys=False)
            f.write("\n")
        print(c[0], [r["ties"] for r in result["thresholds"]], [(m["missing"], m["ties"], m["imputed_ties"]) for m in result["missing"]])


if __name__ == "__main__":
    main()
