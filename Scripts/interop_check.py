#!/usr/bin/env python3
"""Interoperability check for `staffgraph convert` against networkx (and Graphviz for DOT).

    python3 Scripts/interop_check.py .build/debug/staffgraph

Two directions, on the sample school (all six relations and waves, and advice in
the fall alone), two real datasets (Krackhardt's managers, the UK faculty) and a
small network of awkward ids (quotes, backslashes, &, <, commas, non-ASCII):

  A. StaffGraph writes GraphML, GEXF, JSON node-link, Pajek, UCINET DL (edgelist1
     and fullmatrix) and DOT; networkx (read_graphml, read_gexf, node_link_graph
     read_pajek), a small DL parser (networkx has none) and
     Graphviz (`dot -Tdot_json`, `neato -Tsvg` for drawn labels) read them back.
  B. networkx writes GraphML, GEXF (1.2draft and 1.3), JSON (edges under "links"
     and under "edges"), Pajek, and a small writer writes DL in UCINET's styles;
     StaffGraph converts each to CSV.

Each check compares people (in order), ties (with relation and wave) and weights,
and node attributes where the format keeps them (numbers compared as numbers:
networkx reads "7.500" as 7.5). The last line is "N passed, M failed"; the exit
status is 1 when anything failed.
"""

import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import xml.etree.ElementTree as ET

try:
    import networkx as nx
except ImportError:
    print("error: networkx is not installed; the interoperability check needs it (python3 -m pip install networkx==3.6.1)", file=sys.stderr)
    sys.exit(2)

# write_pajek warns for every attribute Pajek cannot hold; the check expects that.
warnings.filterwarnings("ignore", message="Node attribute .* is not processed")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JSON_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\Z")
JSON_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)\Z")


# --------------------------------------------------------------------------- data


class Net:
    """People in order, their attributes as text (missing = absent), ties keyed by (source, target, relation, wave)."""

    def __init__(self, ids, attrs, ties):
        self.ids = list(ids)
        self.attrs = attrs          # id -> {column: value}
        self.ties = ties            # (s, t, relation, wave) -> weight

    @property
    def layers(self):
        return sorted({(r, w or "") for (_, _, r, w) in self.ties})

    def columns(self):
        seen = []
        for i in self.ids:
            for k in self.attrs.get(i, {}):
                if k not in seen:
                    seen.append(k)
        return seen


def read_csv_pair(edges, nodes, relation=None, wave=None):
    """The network a CSV edge list and roster describe (StaffGraph's conventions: default relation 'ties')."""
    ids, attrs = [], {}
    if nodes:
        with open(nodes, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                i = row.pop("id")
                ids.append(i)
                attrs[i] = {k: v for k, v in row.items() if v != ""}
    ties = {}
    with open(edges, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            s, t = row["source"], row["target"]
            r = row.get("relation") or relation or "ties"
            w = row.get("wave") or wave
            if relation and r != relation or wave and w != wave:
                continue
            for x in (s, t):
                if x not in attrs:
                    ids.append(x)
                    attrs[x] = {}
            ties[(s, t, r, w)] = float(row.get("weight") or 1)
    if wave:
        # One wave: people marked absent that wave (and without ties in it) are not part of its network.
        involved = {x for (s, t, _, _) in ties for x in (s, t)}
        gone = {i for i in ids if attrs[i].get(f"responded_{wave}", "").lower() == "absent" and i not in involved}
        ids = [i for i in ids if i not in gone]
        attrs = {i: a for i, a in attrs.items() if i not in gone}
    return Net(ids, attrs, ties)


def typed(text):
    """A roster value as a Python value, as a user building the graph in networkx would have it."""
    if JSON_INTEGER.match(text):
        return int(text)
    if JSON_NUMBER.match(text):
        return float(text)
    return text


def same_value(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return str(a).lower() == str(b).lower()
    try:
        fa, fb = float(a), float(b)
        if isinstance(a, (int, float)) or isinstance(b, (int, float)) or (JSON_NUMBER.match(str(a)) and JSON_NUMBER.match(str(b))):
            return math.isclose(fa, fb, rel_tol=1e-12, abs_tol=0)
    except (TypeError, ValueError):
        pass
    return str(a) == str(b)


def compare(expected, observed, attributes=True, ordered=True):
    """A list of differences (empty when the two agree)."""
    problems = []
    if ordered and expected.ids != observed.ids:
        problems.append(f"people differ: expected {expected.ids[:5]}…, got {observed.ids[:5]}… ({len(expected.ids)} vs {len(observed.ids)})")
    elif set(expected.ids) != set(observed.ids):
        problems.append(f"people differ: missing {sorted(set(expected.ids) - set(observed.ids))[:5]}, extra {sorted(set(observed.ids) - set(expected.ids))[:5]}")
    if set(expected.ties) != set(observed.ties):
        missing = sorted(set(expected.ties) - set(observed.ties), key=str)[:3]
        extra = sorted(set(observed.ties) - set(expected.ties), key=str)[:3]
        problems.append(f"ties differ ({len(expected.ties)} vs {len(observed.ties)}): missing {missing}, extra {extra}")
    else:
        bad = [k for k in expected.ties if not math.isclose(expected.ties[k], observed.ties[k], rel_tol=1e-12)]
        if bad:
            problems.append(f"{len(bad)} weights differ, e.g. {bad[0]}: {expected.ties[bad[0]]} vs {observed.ties[bad[0]]}")
    if attributes:
        for i in expected.ids:
            e, o = expected.attrs.get(i, {}), observed.attrs.get(i, {})
            if set(e) != set(o):
                problems.append(f"attributes of {i!r} differ: expected {sorted(e)}, got {sorted(o)}")
                break
            bad = [k for k in e if not same_value(e[k], o[k])]
            if bad:
                problems.append(f"attribute {bad[0]!r} of {i!r}: expected {e[bad[0]]!r}, got {o[bad[0]]!r}")
                break
    return problems


def from_networkx(g, ignore=(), label_is_id=False):
    """A Net from a networkx graph; `ignore` lists node keys to leave out."""
    ids, attrs, ties = [], {}, {}
    for n, d in g.nodes(data=True):
        i = str(n)
        ids.append(i)
        a = {}
        for k, v in d.items():
            if k in ignore or v is None:
                continue
            if k == "label" and label_is_id and str(v) == i:
                continue
            a[k] = v
        attrs[i] = a
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    for u, v, _, d in edges:
        key = (str(u), str(v), str(d.get("relation", "ties")), d.get("wave"))
        if key in ties:
            raise ValueError(f"tie {key} appears twice")
        ties[key] = float(d.get("weight", 1.0))
    return Net(ids, attrs, ties)


def to_networkx(net):
    """The graph a networkx user would build for `net`: typed attributes, one edge per tie."""
    multi = len(net.layers) > 1
    g = nx.MultiDiGraph() if multi else nx.DiGraph()
    for i in net.ids:
        g.add_node(i, **{k: typed(v) for k, v in net.attrs.get(i, {}).items()})
    for (s, t, r, w), weight in sorted(net.ties.items(), key=lambda kv: (net.ids.index(kv[0][0]), net.ids.index(kv[0][1]), kv[0][2], kv[0][3] or "")):
        data = {"weight": weight}
        if r != "ties":
            data["relation"] = r
        if w is not None:
            data["wave"] = w
        g.add_edge(s, t, **data)
    return g


# --------------------------------------------------------------------------- DL and DOT


def dl_tokens(line):
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in re.finditer(r'"([^"]*)"|([^\s,]+)', line)]


def read_dl(path):
    """A small parser for the DL StaffGraph writes (edgelist1 with labels: and labels embedded; fullmatrix embedded)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    fmt, labels, embedded, i = "fullmatrix", None, False, 0
    while True:
        low = lines[i].strip().lower()
        i += 1
        if low.startswith("format"):
            fmt = low.split("=")[1].strip()
        elif low == "labels:":
            labels = dl_tokens(lines[i])
            i += 1
        elif low.startswith("labels embedded"):
            embedded = True
        elif low == "data:":
            break
    data = [l for l in lines[i:] if l.strip()]
    ties = {}
    if fmt == "edgelist1":
        ids = labels or []
        for l in data:
            s, t, w = dl_tokens(l)
            ties[(s, t, "ties", None)] = float(w)
    else:
        ids = dl_tokens(data[0]) if embedded else labels
        for row in data[1:]:
            tok = dl_tokens(row)
            for j, v in enumerate(tok[1:]):
                if float(v) != 0:
                    ties[(tok[0], ids[j], "ties", None)] = float(v)
    return Net(ids, {i: {} for i in ids}, ties)


def write_dl(net, path, style):
    """DL as other tools write it: UCINET-style fullmatrix with a labels: list, or an embedded edge list."""
    q = lambda s: f'"{s}"' if re.search(r"[\s,]", s) else s
    with open(path, "w", encoding="utf-8") as f:
        if style == "fullmatrix":
            f.write(f"DL N={len(net.ids)}\nFORMAT = FULLMATRIX\nLABELS:\n{','.join(q(i) for i in net.ids)}\nDATA:\n")
            index = {i: k for k, i in enumerate(net.ids)}
            rows = [["0"] * len(net.ids) for _ in net.ids]
            for (s, t, _, _), w in net.ties.items():
                rows[index[s]][index[t]] = repr(w)
            for r in rows:
                f.write(" ".join(r) + "\n")
        else:
            f.write(f"dl n={len(net.ids)} format=edgelist1\nlabels embedded:\ndata:\n")
            for (s, t, _, _), w in net.ties.items():
                f.write(f"{q(s)} {q(t)} {w}\n")


def dot_check(path, expected):
    """Graphviz parses the DOT file: node names, ties, weights, relation/wave and attributes as Graphviz holds them.
    Graphviz un-escapes only \\" in names and plain attributes, so an id with a backslash comes back doubled."""
    out = subprocess.run(["dot", "-Tdot_json", path], capture_output=True, check=True).stdout
    data = json.loads(out, object_pairs_hook=lambda pairs: pairs)
    get = lambda pairs, key: next((v for k, v in pairs if k == key), None)
    objects = get(data, "objects") or []
    names = [get(o, "name") for o in objects]   # the first "name" is the node's (a roster "name" column follows)
    ids = [i.replace("\\", "\\\\") for i in expected.ids]
    problems = []
    if names != ids:
        problems.append(f"Graphviz node names differ: {names[:4]} vs {ids[:4]}")
    ties = {}
    for e in get(data, "edges") or []:
        key = (names[get(e, "tail")], names[get(e, "head")], get(e, "relation") or "ties", get(e, "wave"))
        ties[key] = float(get(e, "weight"))
    want = {(s.replace("\\", "\\\\"), t.replace("\\", "\\\\"), r, w): x for (s, t, r, w), x in expected.ties.items()}
    if ties != want:
        problems.append(f"Graphviz ties differ ({len(ties)} vs {len(want)})")
    return problems


def svg_labels(path):
    """The label Graphviz draws for each node (neato, SVG), by node name, as the reader sees it."""
    svg = subprocess.run(["neato", "-Tsvg", path], capture_output=True, check=True).stdout
    ns = {"s": "http://www.w3.org/2000/svg"}
    labels = {}
    for g in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}g"):
        if g.get("class") == "node":
            title = g.find("s:title", ns)
            labels[title.text if title is not None else ""] = " ".join(t.text or "" for t in g.findall("s:text", ns))
    return labels


# --------------------------------------------------------------------------- running


class Checker:
    def __init__(self, binary, workdir):
        self.binary, self.workdir = binary, workdir
        self.passed = self.failed = 0

    def convert(self, *args, expect=0):
        run = subprocess.run([self.binary, "convert", *args], capture_output=True, text=True, cwd=ROOT)
        if run.returncode != expect:
            raise RuntimeError(f"staffgraph convert {' '.join(args)} exited {run.returncode}: {run.stderr.strip()[:300]}")
        return run

    def check(self, name, body):
        try:
            problems = body()
        except Exception as error:  # noqa: BLE001 - any failure is reported, not raised
            problems = [f"{type(error).__name__}: {error}"]
        if problems:
            self.failed += 1
            print(f"FAIL  {name}")
            for p in problems[:4]:
                print(f"        {p}")
        else:
            self.passed += 1
            print(f"ok    {name}")

    def path(self, name):
        return os.path.join(self.workdir, name)


def awkward_dataset(folder):
    ids = ['O"Brien', "back\\slash", "R&D <lab>", "Zoë Núñez", "李雷", "Smith, Ana", "semi;colon", "x'y"]
    edges, nodes = os.path.join(folder, "awkward_edges.csv"), os.path.join(folder, "awkward_nodes.csv")
    with open(nodes, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "note", "score"])
        for k, i in enumerate(ids):
            w.writerow([i, f"name of {i}", ['a "quote"', "x\\y", "&amp; literal", "é", "<b>", "", "tab\tin", "1"][k], [1, 2.5, 3, "", 5, 6, 7, 8][k]])
    with open(edges, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "weight"])
        for k, i in enumerate(ids):
            w.writerow([i, ids[(k + 1) % len(ids)], k + 0.5])
            w.writerow([i, ids[(k + 3) % len(ids)], 1])
    return edges, nodes


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/staffgraph"))
    if not os.access(binary, os.X_OK):
        print(f"error: no staffgraph binary at {binary}; build it first (swift build)", file=sys.stderr)
        return 2
    workdir = tempfile.mkdtemp(prefix="staffgraph-interop-")
    c = Checker(binary, workdir)
    have_graphviz = shutil.which("dot") is not None and shutil.which("neato") is not None
    awkward = awkward_dataset(workdir)
    school = ("Samples/school/edges.csv", "Samples/school/roster.csv")
    datasets = [
        # name, edges, nodes, --relation/--wave, single layer?
        ("school (6 relations and waves)", *school, [], False),
        ("school advice, fall", *school, ["--relation", "advice", "--wave", "fall"], True),
        ("krackhardt advice", "Samples/data/krackhardt/edges_advice.csv", "Samples/data/krackhardt/nodes.csv", [], True),
        ("ukfaculty friendship (weighted)", "Samples/data/ukfaculty/edges_friendship.csv", "Samples/data/ukfaculty/nodes.csv", [], True),
        ("awkward ids", *awkward, [], True),
    ]
    for k, (name, edges, nodes, select, single) in enumerate(datasets):
        rel = select[1] if select else None
        wav = select[3] if select else None
        ref = read_csv_pair(os.path.join(ROOT, edges), os.path.join(ROOT, nodes), rel, wav)
        # Pajek and DL hold one layer without its name.
        unnamed = Net(ref.ids, ref.attrs, {(s, t, "ties", None): w for (s, t, _, _), w in ref.ties.items()})
        stem = c.path(f"d{k}")

        # A. StaffGraph writes, networkx reads.
        def a_graphml():
            c.convert(edges, stem + ".graphml", "--nodes", nodes, *select)
            return compare(ref, from_networkx(nx.read_graphml(stem + ".graphml")))
        c.check(f"A  GraphML   StaffGraph → networkx  {name}", a_graphml)

        def a_gexf():
            c.convert(edges, stem + ".gexf", "--nodes", nodes, *select)
            return compare(ref, from_networkx(nx.read_gexf(stem + ".gexf"), label_is_id=True))
        c.check(f"A  GEXF      StaffGraph → networkx  {name}", a_gexf)

        def a_json():
            c.convert(edges, stem + ".json", "--nodes", nodes, *select)
            with open(stem + ".json", encoding="utf-8") as f:
                return compare(ref, from_networkx(nx.node_link_graph(json.load(f))))
        c.check(f"A  JSON      StaffGraph → networkx  {name}", a_json)

        if single:
            def a_pajek():
                c.convert(edges, stem + ".net", "--nodes", nodes, *select)
                return compare(unnamed, from_networkx(nx.read_pajek(stem + ".net"), ignore=("id",)), attributes=False)
            c.check(f"A  Pajek     StaffGraph → networkx  {name}", a_pajek)

            for layout in ("edgelist1", "fullmatrix"):
                def a_dl(layout=layout):
                    out = f"{stem}_{layout}.dl"
                    if any('"' in i for i in ref.ids):
                        run = c.convert(edges, out, "--nodes", nodes, "--dl-format", layout, *select, expect=64)
                        return [] if "double quote" in run.stderr and not os.path.exists(out) else ["expected a refusal naming the double quote"]
                    c.convert(edges, out, "--nodes", nodes, "--dl-format", layout, *select)
                    return compare(unnamed, read_dl(out), attributes=False)
                c.check(f"A  DL {layout:<10} StaffGraph → parser  {name}", a_dl)

            if have_graphviz:
                def a_dot():
                    c.convert(edges, stem + ".dot", "--nodes", nodes, *select)
                    problems = dot_check(stem + ".dot", ref)
                    if len(ref.ids) <= 40:
                        drawn = svg_labels(stem + ".dot")
                        want = {i.replace("\\", "\\\\"): ref.attrs[i].get("name", i) for i in ref.ids}
                        if drawn != want:
                            bad = [k for k in want if drawn.get(k) != want[k]][:3]
                            problems.append(f"drawn labels differ: {[(k, drawn.get(k), want[k]) for k in bad]}")
                    return problems
                c.check(f"A  DOT       StaffGraph → Graphviz  {name}", a_dot)

        # B. networkx writes, StaffGraph reads.
        g = to_networkx(ref)

        def b(ext, writer, label, extra=(), attributes=True, expected=ref, ordered=True):
            def body():
                path = f"{stem}_nx_{label}.{ext}"
                writer(g, path)
                out = f"{stem}_nx_{label}.csv"
                c.convert(path, out, *extra)
                back = read_csv_pair(out, out[:-4] + "_nodes.csv")
                return compare(expected, back, attributes=attributes, ordered=ordered)
            return body

        c.check(f"B  GraphML   networkx → StaffGraph  {name}", b("graphml", nx.write_graphml, "graphml"))
        c.check(f"B  GEXF 1.2  networkx → StaffGraph  {name}", b("gexf", nx.write_gexf, "gexf12"))
        c.check(f"B  GEXF 1.3  networkx → StaffGraph  {name}", b("gexf", lambda g, p: nx.write_gexf(g, p, version="1.3"), "gexf13"))

        def dump(key):
            def write(g, p):
                with open(p, "w", encoding="utf-8") as f:
                    json.dump(nx.node_link_data(g, edges=key), f)
            return write
        c.check(f"B  JSON links networkx → StaffGraph  {name}", b("json", dump("links"), "links"))
        c.check(f"B  JSON edges networkx → StaffGraph  {name}", b("json", dump("edges"), "edges"))
        if single:
            names = ["--relation", rel, "--wave", wav] if select else []
            c.check(f"B  Pajek     networkx → StaffGraph  {name}", b("net", nx.write_pajek, "pajek", names, attributes=False))
            c.check(f"B  DL fullmatrix writer → StaffGraph    {name}",
                    b("dl", lambda g, p: write_dl(ref, p, "fullmatrix"), "dl_fullmatrix", names, attributes=False))
            # An edge list with embedded labels only names people with ties, in order of appearance.
            tied = {x for (s, t, _, _) in ref.ties for x in (s, t)}
            named = Net([i for i in ref.ids if i in tied], {}, ref.ties)
            c.check(f"B  DL edgelist1  writer → StaffGraph    {name}",
                    b("dl", lambda g, p: write_dl(ref, p, "edgelist1"), "dl_edgelist1", names, attributes=False, expected=named, ordered=False))

    # Bad input: located errors, exit 65, nothing written.
    def bad(text, ext, expected_prefix):
        def body():
            path = c.path("bad." + ext)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            out = c.path("bad_out.csv")
            run = c.convert(path, out, expect=65)
            problems = []
            if not run.stderr.startswith(f"{path}:{expected_prefix}"):
                problems.append(f"stderr was {run.stderr.strip()[:200]!r}")
            if os.path.exists(out) or os.path.exists(c.path("bad_out_nodes.csv")):
                problems.append("an output file was written")
            return problems
        return body
    c.check("E  malformed GraphML is refused at 4:3", bad("<graphml>\n<graph>\n<node id=\"a\">\n  </graph>\n</graphml>\n", "graphml", "4:3: error:"))
    c.check("E  DL header n=3 with 2 labels is refused at 4:1", bad("dl n=3\nlabels:\na b\ndata:\n0 1\n", "dl", "4:1: error:"))
    c.check("E  DL matrix row of the wrong size is refused at 4:5", bad("dl n=2\ndata:\n0 1\n1 0 1\n", "dl", "4:5: error:"))
    c.check("E  Pajek arc to vertex 5 of 2 is refused at 3:3", bad("*Vertices 2\n*Arcs\n1 5\n", "net", "3:3: error:"))

    shutil.rmtree(workdir, ignore_errors=True)
    if not have_graphviz:
        print("note: Graphviz's dot and neato are not installed: the DOT checks were skipped (apt-get install graphviz)")
    print(f"{c.passed} passed, {c.failed} failed")  # always the last line
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
