#!/usr/bin/env python3
"""Copy the published real networks into Samples/data/.

Usage (from anywhere):

    python3 Scripts/copy_shared_data.py [SOURCE_DIR]

SOURCE_DIR defaults to ../shared/data relative to the repository root. For
every dataset folder it copies nodes.csv, edges_*.csv and (knecht)
wave_status.csv byte for byte into Samples/data/<name>/, and adds:

- knecht/roster.csv: the columns of nodes.csv plus responded_w1..responded_w4,
  derived from wave_status.csv (observed -> yes, nonrespondent -> no,
  absent -> absent);
- s50/roster.csv: nodes.csv unchanged (the folder carries no response
  information, so every pupil counts as present and responding);
- SOURCE.txt in every folder: the citation and, where there is one, the
  licence;
- codebook.csv where the attributes are coded (krackhardt, lazega, s50,
  knecht): column,value,label,source for `--codebook`, only with the meanings
  the data's published documentation gives (cited in its source column).

It also writes Samples/data/README.md. Standard library only; the output is
the same on every run.
"""

import csv
import io
import os
import shutil
import sys

DATASETS = ["krackhardt", "lazega", "ukfaculty", "s50", "knecht"]

# Codebooks: (column, value, label) per dataset, and where the meanings are
# published. Only documented codes; an empty label turns a code that the
# documentation calls missing into an empty cell. ukfaculty's school
# affiliations 1-4 have no published names, and the ordinal scales (s50 and
# knecht alcohol, knecht delinquency) stay numbers so they can size nodes.
# Sources (help pages of the R packages that distribute the data):
# - krackhardt, networkdata::ht_advice: "level in the corporate hierarchy
#   (coded 1,2 and 3; 1=CEO, 2 = Vice President, 3 = manager) and department
#   (coded 1,2,3,4 with the CEO in department 0 ie not in a department)".
# - lazega, amen::lazegalaw: status (1=partner, 2=associate), office
#   (1=Boston, 2=Hartford, 3=Providence), practice (1=litigation,
#   2=corporate), law school (1=Harvard or Yale, 2=UConn, 3=other); sand::lazega
#   and NetMix::lazega_monadic: gender 1 = man, 2 = woman.
# - s50, RSiena::s50s: "1 = no smoking, 2 = moderate smoking, 3 = serious smoking".
# - knecht, btergm::knecht: sex (1 = girl, 2 = boy), ethnicity (1 = Dutch,
#   2 = other, 0 = missing), religion (1 = Christian, 2 = non-religious,
#   3 = non-Christian religion, 0 = missing).
CODEBOOKS = {
    "krackhardt": ("R package networkdata, help page ht_advice", [
        ("level", "1", "CEO"),
        ("level", "2", "vice president"),
        ("level", "3", "manager"),
        ("dept", "0", "none (CEO)"),
    ]),
    "lazega": ("R packages amen (lazegalaw), sand (lazega), NetMix "
               "(lazega_monadic), help pages", [
        ("status", "1", "partner"),
        ("status", "2", "associate"),
        ("gender", "1", "man"),
        ("gender", "2", "woman"),
        ("office", "1", "Boston"),
        ("office", "2", "Hartford"),
        ("office", "3", "Providence"),
        ("practice", "1", "litigation"),
        ("practice", "2", "corporate"),
        ("law_school", "1", "Harvard or Yale"),
        ("law_school", "2", "University of Connecticut"),
        ("law_school", "3", "other"),
    ]),
    "s50": ("R package RSiena, help page s50s", [
        (column, code, label)
        for column in ("smoke_w1", "smoke_w2", "smoke_w3")
        for code, label in (("1", "no smoking"), ("2", "moderate smoking"),
                            ("3", "serious smoking"))
    ]),
    "knecht": ("R package btergm, help page knecht", [
        ("sex", "1", "girl"),
        ("sex", "2", "boy"),
        ("ethnicity", "1", "Dutch"),
        ("ethnicity", "2", "other"),
        ("ethnicity", "0", ""),
        ("religion", "1", "Christian"),
        ("religion", "2", "non-religious"),
        ("religion", "3", "non-Christian religion"),
        ("religion", "0", ""),
    ]),
}

CITATIONS = {
    "krackhardt": (
        "Krackhardt, D. (1987). Cognitive social structures. Social "
        "Networks 9(2), 109-134. As distributed in the R packages NetData "
        "and networkdata."
    ),
    "lazega": (
        "Lazega, E. (2001). The Collegial Phenomenon. Oxford University "
        "Press; Lazega & Pattison (1999), Social Networks 21, 67-90. As "
        "distributed in the R packages networkdata and MEclustnet."
    ),
    "ukfaculty": (
        "Nepusz, T., Petróczi, A., Négyessy, L. & Bazsó, F. (2008). Fuzzy "
        "communities and the concept of bridgeness in complex networks. "
        "Physical Review E 77, 016107. From the R package igraphdata."
    ),
    "s50": (
        "Teenage Friends and Lifestyle Study excerpt (West & Sweeting 1995; "
        "Michell & Amos 1997; Pearson & Michell 2000), Snijders' Siena "
        "example \"s50\", from the R package RSiena."
    ),
    "knecht": (
        "Knecht, A. (2008). Friendship Selection and Friends' Influence. "
        "PhD thesis, Utrecht University; Knecht, Snijders, Baerveldt, "
        "Steglich & Raub (2010), Social Development 19(3), 494-514. From "
        "the R package btergm, whose documentation records the author's "
        "permission to redistribute."
    ),
}

LICENCES = {
    "ukfaculty": (
        "Licence: CC BY-SA 2.0 UK (Creative Commons Attribution-ShareAlike "
        "2.0 England & Wales). Credit the authors above when you use these "
        "files, and release any copy or derived version under the same "
        "licence."
    ),
}

STATUS_MAP = {"observed": "yes", "nonrespondent": "no", "absent": "absent"}


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_rows(path, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def knecht_roster(src):
    nodes = read_rows(os.path.join(src, "nodes.csv"))
    status = read_rows(os.path.join(src, "wave_status.csv"))
    header = status[0]
    waves = header[1:]
    by_id = {}
    for row in status[1:]:
        by_id[row[0]] = row[1:]
    out = [nodes[0] + ["responded_" + w for w in waves]]
    for row in nodes[1:]:
        states = by_id[row[0]]
        out.append(row + [STATUS_MAP[s] for s in states])
    if len(by_id) != len(nodes) - 1:
        raise SystemExit("knecht: wave_status.csv and nodes.csv differ in ids")
    return out


def source_text(name):
    lines = ["Source of the files in this folder (cite it when you publish "
             "results):", "", CITATIONS[name]]
    if name in LICENCES:
        lines += ["", LICENCES[name]]
    return "\n".join(lines) + "\n"


def dataset_files(src):
    names = sorted(os.listdir(src))
    keep = []
    for n in names:
        if n == "nodes.csv" or n == "wave_status.csv" or (
                n.startswith("edges_") and n.endswith(".csv")):
            keep.append(n)
    return keep


CITATION_KEYS = [("krackhardt", "Krackhardt"), ("lazega", "Lazega"),
                 ("ukfaculty", "Nepusz"), ("s50", "s50"),
                 ("knecht", "Knecht")]


def citations_from_shared_readme(text):
    """The 'Sources' bullets of the shared README, verbatim, by dataset.

    Falls back to the built-in CITATIONS for a dataset it cannot find."""
    found = {}
    in_sources = False
    for line in text.splitlines():
        if line.startswith("Sources"):
            in_sources = True
            continue
        if in_sources and line.startswith("- "):
            for name, key in CITATION_KEYS:
                if key in line and name not in found:
                    found[name] = line[2:].strip()
                    break
    return found


def table_from_shared_readme(text):
    """The dataset table of the shared README, unchanged."""
    lines = text.splitlines()
    rows = [ln for ln in lines if ln.startswith("|")]
    return "\n".join(rows)


def main(argv):
    root = repo_root()
    src_root = argv[0] if argv else os.path.join(root, "..", "shared", "data")
    src_root = os.path.normpath(src_root)
    dst_root = os.path.join(root, "Samples", "data")
    os.makedirs(dst_root, exist_ok=True)

    summary = []
    for name in DATASETS:
        src = os.path.join(src_root, name)
        dst = os.path.join(dst_root, name)
        if not os.path.isdir(src):
            raise SystemExit("missing dataset folder: %s" % src)
        os.makedirs(dst, exist_ok=True)
        files = dataset_files(src)
        for n in files:
            shutil.copyfile(os.path.join(src, n), os.path.join(dst, n))
        written = list(files)
        if name == "knecht":
            write_rows(os.path.join(dst, "roster.csv"), knecht_roster(src))
            written.append("roster.csv")
        if name == "s50":
            shutil.copyfile(os.path.join(src, "nodes.csv"),
                            os.path.join(dst, "roster.csv"))
            written.append("roster.csv")
        if name in CODEBOOKS:
            source, rows = CODEBOOKS[name]
            write_rows(os.path.join(dst, "codebook.csv"),
                       [["column", "value", "label", "source"]]
                       + [[c, v, label, source] for c, v, label in rows])
            written.append("codebook.csv")
        with open(os.path.join(dst, "SOURCE.txt"), "w", encoding="utf-8",
                  newline="") as f:
            f.write(source_text(name))
        written.append("SOURCE.txt")
        summary.append((name, written))

    with open(os.path.join(src_root, "README.md"), encoding="utf-8") as f:
        shared = f.read()
    table = table_from_shared_readme(shared)
    cites = citations_from_shared_readme(shared)
    with open(os.path.join(dst_root, "README.md"), "w", encoding="utf-8",
              newline="") as f:
        f.write(readme(table, summary, cites))

    for name, written in summary:
        print("%-10s %s" % (name, " ".join(written)))
    return 0


def readme(table, summary, cites):
    out = []
    out.append("# Real network data\n")
    out.append(
        "Five published networks, copied unchanged from the project's shared "
        "data folder by `Scripts/copy_shared_data.py` (run it again to "
        "refresh them). None of them is a staff survey from a school; they "
        "are the closest public relatives: advice and friendship among "
        "colleagues, and classrooms surveyed in several waves over a school "
        "year. Cite the source of every dataset you use (below, and in each "
        "folder's `SOURCE.txt`).\n")
    out.append(
        "Every folder holds `nodes.csv` (`id` plus attributes) and one "
        "`edges_<relation>.csv` per relation or wave, with the columns "
        "`source,target,weight`: directed, one tie per row, no self-loops, "
        "no duplicates. A row `a,b` means \"a named b\" (a goes to b for "
        "advice, calls b a friend, reports to b). Ids are stable strings in "
        "the source's order; `original_label` is the node number in the "
        "source.\n")
    out.append(table + "\n")
    out.append("## Files per folder\n")
    for name, written in summary:
        out.append("- `%s/`: %s" % (name, ", ".join(
            "`%s`" % w for w in written)))
    out.append("")
    out.append(
        "Added files (everything else is a byte-for-byte copy):\n\n"
        "- `knecht/roster.csv`: the columns of `nodes.csv`, then "
        "`responded_w1` to `responded_w4`, taken from `wave_status.csv`: "
        "`observed` becomes `yes`, `nonrespondent` becomes `no` (the pupil "
        "was in the class but answered nothing that wave: their out-ties are "
        "missing, not absent), `absent` stays `absent` (the pupil had left "
        "the class). In the edge files the missing answers are written as no "
        "tie, so use the roster to treat them as missing.\n"
        "- `s50/roster.csv`: `nodes.csv` unchanged. The folder carries no "
        "response information, so with this roster every pupil counts as "
        "present and responding in all three waves.\n"
        "- `codebook.csv` (krackhardt, lazega, s50, knecht): readable labels "
        "for the coded attributes, `column,value,label,source`, for "
        "`--codebook` (`staffgraph draw … --codebook "
        "Samples/data/lazega/codebook.csv --color-by office`). Only the "
        "meanings the data's published documentation gives, cited in the "
        "`source` column; an empty label turns a code documented as missing "
        "(knecht's 0) into an empty cell. ukfaculty's school affiliations "
        "1-4 have no published names, and the ordinal scales (alcohol, "
        "delinquency) stay numbers.\n"
        "- `SOURCE.txt`: the citation (and licence, for ukfaculty).\n")
    out.append("Notes from the source folder:\n")
    out.append(
        "- krackhardt `reports_to` is a tree (acyclic): eigenvector "
        "centrality is undefined there.\n"
        "- ukfaculty: weights are tie strengths (larger = stronger); the "
        "source does not define the scale further.\n")
    out.append("## Citations and licences\n")
    out.append("As given in the shared data README:\n")
    for name, _ in summary:
        out.append("- `%s/`: %s" % (name, cites.get(name, CITATIONS[name])))
    out.append("")
    out.append(
        "The ukfaculty files are under CC BY-SA 2.0 UK: when you publish "
        "results or redistribute the files (including a modified or "
        "converted copy), credit Nepusz, Petróczi, Négyessy & Bazsó (2008) "
        "and share the copy under the same licence. The shared data README "
        "names no licence for the other four datasets; cite them as "
        "above.\n")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
