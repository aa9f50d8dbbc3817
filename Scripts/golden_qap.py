#!/usr/bin/env python3
"""Golden values for StaffGraph's QAP regression and correlation, from R sna.

Usage (from anywhere):

    python3 Scripts/golden_qap.py

Writes Tests/Golden/qap/<case>.json. Python reads the sample files and builds
the matrices (people in node-file order; ties binary, self-ties dropped;
non-respondents' rows NA in the response only, absent people without ties
left out, as StaffGraph's analysis view does), then R sna (2.7) fits them:

- ``netlm(y, x, nullhyp = "qapspp", reps = 5000)`` (t-values, the default
  statistic) and ``nullhyp = "classical"``; R², adjusted R² and residual SE as
  ``summary.netlm`` computes them;
- ``netlogit(y, x, nullhyp = "qapspp", reps = 5000)`` and ``"classical"``;
  ``null_deviance`` is ``glm(y ~ 1, binomial)``'s over the same dyads (sna's
  own ``null.deviance`` comes from ``glm.fit(intercept = FALSE)``, the deviance
  of p = 0.5, and is kept as ``sna_null_deviance``);
- ``gcor(g1, g2)`` and ``qaptest(list(g1, g2), gcor, g1 = 1, g2 = 2, reps = 5000)``.

Permutation p-values come from R's own generator (``set.seed`` per case), so
they are exactly reproducible in R and agree with StaffGraph's only within
Monte-Carlo error. Keys are sorted, floats written with 17 significant digits
read back by Python (shortest repr); running the script again reproduces every
file byte for byte. Installs r-cran-sna with apt-get when missing (as root;
otherwise prints the command), as Scripts/install-deps.sh does.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Golden", "qap")
REPS = 5000


def ensure_sna():
    ok = subprocess.run(["Rscript", "-e", "suppressMessages(library(sna))"], capture_output=True).returncode == 0 \
        if shutil_which("Rscript") else False
    if ok:
        return
    if os.geteuid() == 0:
        print("Installing r-cran-sna …", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        r = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "r-cran-sna"], env=env)
        if r.returncode != 0:
            subprocess.run(["apt-get", "update"], env=env, check=True)
            subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "r-cran-sna"], env=env, check=True)
    else:
        sys.exit("golden_qap.py needs R's sna package. Install it with:\n  sudo apt-get install -y --no-install-recommends r-cran-sna")


def shutil_which(name):
    import shutil
    return shutil.which(name)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def people(nodes_file, wave=None):
    """Ids in file order and the response status column for the wave (if any)."""
    rows = read_csv(nodes_file)
    ids = [r["id"] for r in rows]
    status = None
    column = f"responded_{wave}" if wave else "responded"
    if rows and column in rows[0]:
        status = [r[column].strip().lower() for r in rows]
    return ids, rows, status


def relation(edge_file, ids, relation=None, wave=None):
    index = {v: k for k, v in enumerate(ids)}
    n = len(ids)
    m = [[0] * n for _ in range(n)]
    for r in read_csv(edge_file):
        if relation is not None and r.get("relation") != relation:
            continue
        if wave is not None and r.get("wave") != wave:
            continue
        s, t = index[r["source"]], index[r["target"]]
        if s != t:
            m[s][t] = 1
    return m


def keep_present(ids, rows, status, matrices):
    """Leaves out people marked absent who have no tie in any matrix."""
    keep = []
    for k in range(len(ids)):
        absent = status is not None and status[k] == "absent"
        tied = any(mat[k][j] or mat[j][k] for mat in matrices for j in range(len(ids)))
        keep.append(not absent or tied)
    sel = [k for k in range(len(ids)) if keep[k]]
    sub = lambda mat: [[mat[i][j] for j in sel] for i in sel]
    return [ids[k] for k in sel], [rows[k] for k in sel], (None if status is None else [status[k] for k in sel]), [sub(m) for m in matrices]


def same(rows, column):
    v = [r[column] for r in rows]
    return [[1 if v[i] == v[j] else 0 for j in range(len(v))] for i in range(len(v))]


def diff(rows, column):
    v = [float(r[column]) for r in rows]
    return [[abs(v[i] - v[j]) for j in range(len(v))] for i in range(len(v))]


def transpose(m):
    return [list(col) for col in zip(*m)]


def r_matrix(m):
    n = len(m)
    cells = ",".join("NA" if x is None else repr(float(x)) for row in m for x in row)
    return f"matrix(c({cells}), {n}, {n}, byrow = TRUE)"


def with_missing_rows(m, status):
    if status is None:
        return m
    return [[None if status[i] == "no" else m[i][j] for j in range(len(m))] for i in range(len(m))]


R_HELPERS = r"""
suppressMessages(library(sna))
emit <- function(case, key, values) cat(case, key, paste(sprintf("%.17g", values), collapse = " "), "\n", sep = "\t")
stack <- function(xs) { if (length(xs) == 1) return(xs[[1]]); a <- array(dim = c(length(xs), nrow(xs[[1]]), ncol(xs[[1]]))); for (i in seq_along(xs)) a[i, , ] <- xs[[i]]; a }
dyadic <- function(y, xs) { n <- nrow(y); off <- row(y) != col(y); d <- data.frame(y = y[off]); for (i in seq_along(xs)) d[[paste0("x", i)]] <- xs[[i]][off]; d[!is.na(d$y), , drop = FALSE] }
run_lm <- function(case, y, xs, seed, null) {
  x <- stack(xs)
  set.seed(seed)
  f <- suppressWarnings(netlm(y, x, nullhyp = null, reps = REPS))
  fc <- suppressWarnings(netlm(y, x, nullhyp = "classical"))
  rss <- sum(f$residuals^2); rdf <- f$n - f$rank
  fv <- f$fitted.values; mss <- sum((fv - mean(fv))^2)
  r2 <- mss / (mss + rss)
  emit(case, "estimate", f$coefficients)
  emit(case, "standard_error", sqrt(diag(chol2inv(f$qr$qr)) * rss / rdf))
  emit(case, "statistic", f$tstat)
  emit(case, "p_two_sided", f$pgreqabs); emit(case, "p_greater", f$pgreq); emit(case, "p_less", f$pleeq)
  emit(case, "classical_p_two_sided", fc$pgreqabs); emit(case, "classical_p_greater", fc$pgreq); emit(case, "classical_p_less", fc$pleeq)
  emit(case, "r_squared", r2); emit(case, "adj_r_squared", 1 - (1 - r2) * ((f$n - 1) / rdf))
  emit(case, "residual_se", sqrt(rss / rdf)); emit(case, "dyads", f$n)
}
run_logit <- function(case, y, xs, seed, null) {
  x <- stack(xs)
  set.seed(seed)
  f <- suppressWarnings(netlogit(y, x, nullhyp = null, reps = REPS))
  fc <- suppressWarnings(netlogit(y, x, nullhyp = "classical"))
  d <- dyadic(y, xs)
  g0 <- glm(y ~ 1, family = binomial(), data = d)
  emit(case, "estimate", f$coefficients); emit(case, "standard_error", f$se); emit(case, "statistic", f$tstat)
  emit(case, "p_two_sided", f$pgreqabs); emit(case, "p_greater", f$pgreq); emit(case, "p_less", f$pleeq)
  emit(case, "classical_p_two_sided", fc$pgreqabs); emit(case, "classical_p_greater", fc$pgreq); emit(case, "classical_p_less", fc$pleeq)
  emit(case, "deviance", f$deviance); emit(case, "null_deviance", deviance(g0)); emit(case, "sna_null_deviance", f$null.deviance)
  emit(case, "aic", f$aic); emit(case, "dyads", f$n)
}
run_cor <- function(case, a, b, seed) {
  set.seed(seed)
  q <- qaptest(list(a, b), gcor, g1 = 1, g2 = 2, reps = REPS)
  emit(case, "correlation", gcor(a, b)); emit(case, "p_greater", q$pgreq); emit(case, "p_less", q$pleeq)
  emit(case, "p_two_sided", mean(abs(q$dist) >= abs(q$testval)))
}
"""


def main():
    ensure_sna()
    cases = []  # (name, kind, y, xs, term names, inputs)

    d = os.path.join(ROOT, "Samples", "data", "krackhardt")
    ids, rows, _ = people(os.path.join(d, "nodes.csv"))
    advice = relation(os.path.join(d, "edges_advice.csv"), ids)
    friendship = relation(os.path.join(d, "edges_friendship.csv"), ids)
    reports = relation(os.path.join(d, "edges_reports_to.csv"), ids)
    kr_inputs = {"edges": "Samples/data/krackhardt/edges_advice.csv", "nodes": "Samples/data/krackhardt/nodes.csv",
                 "predictors": {"friendship": "Samples/data/krackhardt/edges_friendship.csv",
                                "reports_to": "Samples/data/krackhardt/edges_reports_to.csv"},
                 "same": ["dept"], "diff": ["tenure"]}
    kr_terms = ["intercept", "friendship", "reports_to", "same:dept", "diff:tenure"]
    kr_x = [friendship, reports, same(rows, "dept"), diff(rows, "tenure")]
    cases.append(("krackhardt_linear", "lm", advice, kr_x, kr_terms, {**kr_inputs, "model": "linear", "null": "qapspp"}))
    cases.append(("krackhardt_logistic", "logit", advice, kr_x, kr_terms, {**kr_inputs, "model": "logistic", "null": "qapspp"}))
    cases.append(("krackhardt_linear_qapy", "lm-qapy", advice, kr_x, kr_terms, {**kr_inputs, "model": "linear", "null": "qapy"}))
    rec_inputs = {"edges": "Samples/data/krackhardt/edges_advice.csv", "nodes": "Samples/data/krackhardt/nodes.csv",
                  "predictors": {"friendship": "Samples/data/krackhardt/edges_friendship.csv"},
                  "reverse": ["advice (the response, transposed)"], "sender": ["level"], "receiver": ["level"]}
    lev = [[float(rows[i]["level"]) for _ in rows] for i in range(len(rows))]
    cases.append(("krackhardt_reverse_logistic", "logit", advice, [friendship, transpose(advice), lev, transpose(lev)],
                  ["intercept", "friendship", "reverse:advice", "sender:level", "receiver:level"],
                  {**rec_inputs, "model": "logistic", "null": "qapspp"}))
    cases.append(("krackhardt_gcor_advice_friendship", "cor", advice, [friendship], [],
                  {"a": "Samples/data/krackhardt/edges_advice.csv", "b": "Samples/data/krackhardt/edges_friendship.csv"}))

    d = os.path.join(ROOT, "Samples", "data", "lazega")
    ids, rows, _ = people(os.path.join(d, "nodes.csv"))
    advice = relation(os.path.join(d, "edges_advice.csv"), ids)
    cowork = relation(os.path.join(d, "edges_cowork.csv"), ids)
    friendship = relation(os.path.join(d, "edges_friendship.csv"), ids)
    lz_inputs = {"edges": "Samples/data/lazega/edges_advice.csv", "nodes": "Samples/data/lazega/nodes.csv",
                 "predictors": {"cowork": "Samples/data/lazega/edges_cowork.csv",
                                "friendship": "Samples/data/lazega/edges_friendship.csv"},
                 "same": ["office", "practice"]}
    lz_terms = ["intercept", "cowork", "friendship", "same:office", "same:practice"]
    lz_x = [cowork, friendship, same(rows, "office"), same(rows, "practice")]
    cases.append(("lazega_linear", "lm", advice, lz_x, lz_terms, {**lz_inputs, "model": "linear", "null": "qapspp"}))
    cases.append(("lazega_logistic", "logit", advice, lz_x, lz_terms, {**lz_inputs, "model": "logistic", "null": "qapspp"}))
    cases.append(("lazega_gcor_advice_cowork", "cor", advice, [cowork], [],
                  {"a": "Samples/data/lazega/edges_advice.csv", "b": "Samples/data/lazega/edges_cowork.csv"}))

    d = os.path.join(ROOT, "Samples", "school")
    ids, rows, status = people(os.path.join(d, "roster.csv"), wave="fall")
    advice = relation(os.path.join(d, "edges.csv"), ids, "advice", "fall")
    collab = relation(os.path.join(d, "edges.csv"), ids, "collaboration", "fall")
    ids, rows, status, (advice, collab) = keep_present(ids, rows, status, [advice, collab])
    sc_inputs = {"edges": "Samples/school/edges.csv", "nodes": "Samples/school/roster.csv", "relation": "advice", "wave": "fall",
                 "predictors": {"collaboration": "relation collaboration of the same file"}, "same": ["team"], "diff": ["years"],
                 "non_respondents": sum(1 for s in status if s == "no")}
    sc_terms = ["intercept", "collaboration", "same:team", "diff:years"]
    y = with_missing_rows(advice, status)
    sc_x = [collab, same(rows, "team"), diff(rows, "years")]
    cases.append(("school_linear_missing", "lm", y, sc_x, sc_terms, {**sc_inputs, "model": "linear", "null": "qapspp"}))
    cases.append(("school_logistic_missing", "logit", y, sc_x, sc_terms, {**sc_inputs, "model": "logistic", "null": "qapspp"}))

    script = [R_HELPERS.replace("REPS", str(REPS))]
    for seed, (name, kind, y, xs, _, _) in enumerate(cases, start=1):
        script.append(f"y <- {r_matrix(y)}")
        script.append("xs <- list(" + ", ".join(r_matrix(x) for x in xs) + ")")
        if kind == "lm":
            script.append(f'run_lm("{name}", y, xs, {seed}, "qapspp")')
        elif kind == "lm-qapy":
            script.append(f'run_lm("{name}", y, xs, {seed}, "qapy")')
        elif kind == "logit":
            script.append(f'run_logit("{name}", y, xs, {seed}, "qapspp")')
        else:
            script.append(f'run_cor("{name}", y, xs[[1]], {seed})')
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as f:
        f.write("\n".join(script) + "\n")
        path = f.name
    try:
        out = subprocess.run(["Rscript", "--vanilla", path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    if out.returncode != 0:
        sys.exit("Rscript failed:\n" + out.stderr)
    version = subprocess.run(["Rscript", "-e", 'cat(as.character(packageVersion("sna")))'], capture_output=True, text=True).stdout.strip()
    values = {}
    for line in out.stdout.splitlines():
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        case, key, text = parts[0], parts[1], parts[2]
        values.setdefault(case, {})[key] = [float(v) for v in text.split()]

    os.makedirs(OUT, exist_ok=True)
    for name, kind, _, _, terms, inputs in cases:
        v = values[name]
        doc = {"reference": f"R sna {version}", "reps": REPS, "inputs": inputs}
        if kind == "cor":
            doc.update({k: v[k][0] for k in ["correlation", "p_greater", "p_less", "p_two_sided"]})
        else:
            doc["terms"] = [{k: v[k][i] for k in ["estimate", "standard_error", "statistic", "p_two_sided", "p_greater", "p_less",
                                                  "classical_p_two_sided", "classical_p_greater", "classical_p_less"]} | {"name": t}
                            for i, t in enumerate(terms)]
            for k in ["r_squared", "adj_r_squared", "residual_se", "deviance", "null_deviance", "sna_null_deviance", "aic", "dyads"]:
                if k in v:
                    doc[k] = int(v[k][0]) if k == "dyads" else v[k][0]
        with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2, sort_keys=True)
            f.write("\n")
    print(f"wrote {len(cases)} files to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
