#!/usr/bin/env python3
"""Golden values for `staffgraph compare` (tie change between waves), computed
independently of StaffGraph with networkx and scipy.

Writes Tests/Golden/compare/<case>.json. Running it again must reproduce the
committed files byte for byte.

Conventions (Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md, "Wave change"; RSiena and
sna `hdist`):
- a person is present in a wave unless the roster marks them `absent` there
  (someone marked absent who still has ties counts as present);
- a cell (i, j), i != j, is observed in both waves when i answered in both
  (present and not a non-respondent) and j is present in both;
- over those cells: N00, N01 (new), N10 (dissolved), N11 (stable);
  Jaccard = N11 / (N01 + N10 + N11), Hamming = N01 + N10;
- ties outside those cells: `leaver` (in the earlier wave, an end is gone in
  the later one), `joiner` (in the later wave, an end was not there in the
  earlier one), `unobserved` (the sender did not answer in one of the waves);
- Spearman's rho of in-degree over the people present in both waves
  (scipy.stats.spearmanr: average ranks for ties);
- cross-group counts: new and dissolved ties whose two ends are in different
  groups of the roster column (`team` for the school).
"""
import csv
import json
import os

import networkx as nx
from scipy.stats import spearmanr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Golden", "compare")

YES = {"yes", "y", "true", "t", "1", "responded", "observed", "respondent"}
NO = {"no", "n", "false", "f", "0", "nonrespondent", "non-respondent", "non_respondent", "missing"}
ABSENT = {"absent", "left", "not on staff"}


def read_csv(path):
    with open(os.path.join(ROOT, path), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def status_of(row, wave):
    for column in (f"responded_{wave}", "responded"):
        if column in row:
            v = row[column].strip().lower()
            return "yes" if v in YES else "no" if v in NO else "absent" if v in ABSENT else None
    return None


def wave_graph(ids, rows):
    g = nx.DiGraph()
    g.add_nodes_from(ids)
    for r in rows:
        if r["source"] != r["target"]:
            g.add_edge(r["source"], r["target"])
    return g


class Wave:
    def __init__(self, label, ids, roster, rows):
        self.label = label
        self.graph = wave_graph(ids, rows)
        self.status = {r["id"]: status_of(r, label) for r in roster}
        self.present = {
            v: self.status[v] != "absent" or self.graph.degree(v) > 0 for v in ids
        }
        self.observed = {v: self.present[v] and self.status[v] != "no" for v in ids}

    def in_degree(self, v):
        return sum(1 for u in self.graph.predecessors(v) if self.present[u])


def compare(ids, a, b, groups):
    cells = [
        (i, j)
        for i in ids
        for j in ids
        if i != j and a.observed[i] and b.observed[i] and a.present[j] and b.present[j]
    ]
    n = {"00": 0, "01": 0, "10": 0, "11": 0}
    cross = {"new": 0, "dissolved": 0, "stable": 0}
    within = {"new": 0, "dissolved": 0, "stable": 0}
    for i, j in cells:
        key = f"{int(a.graph.has_edge(i, j))}{int(b.graph.has_edge(i, j))}"
        n[key] += 1
        if groups is not None and key != "00":
            kind = {"01": "new", "10": "dissolved", "11": "stable"}[key]
            (within if groups[i] == groups[j] else cross)[kind] += 1
    observed = set(cells)
    other = {"leaver": 0, "joiner": 0, "unobserved": 0}
    for i, j in set(a.graph.edges()) | set(b.graph.edges()):
        if (i, j) in observed:
            continue
        before, after = a.graph.has_edge(i, j), b.graph.has_edge(i, j)
        if after and not before and not (a.present[i] and a.present[j]):
            other["joiner"] += 1
        elif before and not after and not (b.present[i] and b.present[j]):
            other["leaver"] += 1
        else:
            other["unobserved"] += 1
    both = [v for v in ids if a.present[v] and b.present[v]]
    x = [a.in_degree(v) for v in both]
    y = [b.in_degree(v) for v in both]
    rho = spearmanr(x, y).statistic if len(both) >= 2 else None
    union = n["01"] + n["10"] + n["11"]
    result = {
        "from": a.label,
        "to": b.label,
        "observed_cells": len(cells),
        "n00": n["00"],
        "n01": n["01"],
        "n10": n["10"],
        "n11": n["11"],
        "stable": n["11"],
        "new": n["01"],
        "dissolved": n["10"],
        "jaccard": n["11"] / union if union else None,
        "hamming": n["01"] + n["10"],
        "leaver_ties": other["leaver"],
        "joiner_ties": other["joiner"],
        "unobserved_ties": other["unobserved"],
        "joiners": [v for v in ids if not a.present[v] and b.present[v]],
        "leavers": [v for v in ids if a.present[v] and not b.present[v]],
        "people_in_both": len(both),
        "spearman_in_degree": float(rho) if rho is not None else None,
    }
    if groups is not None:
        result["within_new"] = within["new"]
        result["within_dissolved"] = within["dissolved"]
        result["across_new"] = cross["new"]
        result["across_dissolved"] = cross["dissolved"]
        result["across_stable"] = cross["stable"]
    return result


def pairs_of(count):
    pairs = [(k, k + 1) for k in range(count - 1)]
    if count > 2:
        pairs.append((0, count - 1))
    return pairs


def case(name, roster_path, waves, group_column=None):
    roster = read_csv(roster_path)
    ids = [r["id"] for r in roster]
    groups = {r["id"]: r[group_column] for r in roster} if group_column else None
    built = [Wave(label, ids, roster, rows) for label, rows in waves]
    doc = {
        "case": name,
        "roster": roster_path,
        "waves": [w.label for w in built],
        "group_column": group_column,
        "people_present": [sum(w.present.values()) for w in built],
        "pairs": [compare(ids, built[a], built[b], groups) for a, b in pairs_of(len(built))],
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"{name}.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main():
    school = read_csv("Samples/school/edges.csv")
    case(
        "school_advice",
        "Samples/school/roster.csv",
        [(w, [r for r in school if r["relation"] == "advice" and r["wave"] == w]) for w in ("fall", "winter", "spring")],
        group_column="team",
    )
    case(
        "school_collaboration",
        "Samples/school/roster.csv",
        [(w, [r for r in school if r["relation"] == "collaboration" and r["wave"] == w]) for w in ("fall", "winter", "spring")],
        group_column="role",
    )
    case(
        "s50",
        "Samples/data/s50/roster.csv",
        [(f"w{k}", read_csv(f"Samples/data/s50/edges_friendship_w{k}.csv")) for k in (1, 2, 3)],
    )
    case(
        "knecht",
        "Samples/data/knecht/roster.csv",
        [(f"w{k}", read_csv(f"Samples/data/knecht/edges_friendship_w{k}.csv")) for k in (1, 2, 3, 4)],
        group_column="sex",
    )


if __name__ == "__main__":
    main()
