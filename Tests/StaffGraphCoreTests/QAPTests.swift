import Foundation
import Testing
@testable import StaffGraphCore

/// Reads the sample CSVs (simple files: no quoted commas) into dyadic matrices,
/// the same way Scripts/golden_qap.py does for R.
fileprivate struct Table {
    var header: [String]
    var rows: [[String]]
    init(_ path: String) throws {
        let text = try String(contentsOf: GoldenFiles.url(path), encoding: .utf8)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init).filter { !$0.isEmpty }
        header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
    func column(_ name: String) -> [String] {
        guard let c = header.firstIndex(of: name) else { return [] }
        return rows.map { $0[c] }
    }
}

fileprivate enum GoldenFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}

fileprivate func relation(_ path: String, ids: [String], relation: String? = nil, wave: String? = nil) throws -> [Double] {
    let t = try Table(path)
    let n = ids.count
    let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
    var m = [Double](repeating: 0, count: n * n)
    let rel = t.header.firstIndex(of: "relation"), wav = t.header.firstIndex(of: "wave")
    for row in t.rows {
        if let relation, let rel, row[rel] != relation { continue }
        if let wave, let wav, row[wav] != wave { continue }
        guard let s = index[row[0]], let d = index[row[1]], s != d else { continue }
        m[s * n + d] = 1
    }
    return m
}

fileprivate func transposed(_ m: [Double], _ n: Int) -> [Double] {
    var out = m
    for i in 0 ..< n { for j in 0 ..< n { out[i * n + j] = m[j * n + i] } }
    return out
}

fileprivate func subset(_ m: [Double], _ n: Int, keep: [Int]) -> [Double] {
    keep.flatMap { i in keep.map { j in m[i * n + j] } }
}

/// The design of a golden case and its golden document.
fileprivate func goldenCase(_ name: String) throws -> (design: QAPDesign, model: QAPModel, null: QAPNull, golden: [String: Any]) {
    let data = try Data(contentsOf: GoldenFiles.url("Tests/Golden/qap/\(name).json"))
    let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let inputs = try #require(golden["inputs"] as? [String: Any])
    let model = QAPModel(rawValue: inputs["model"] as? String ?? "") ?? .linear
    let null = QAPNull(rawValue: inputs["null"] as? String ?? "") ?? .qapspp
    func dm(_ v: [Double], _ n: Int) -> DyadicMatrix { DyadicMatrix(n: n, values: v) }
    if name.hasPrefix("krackhardt") {
        let dir = "Samples/data/krackhardt/"
        let nodes = try Table(dir + "nodes.csv")
        let ids = nodes.column("id"), n = ids.count
        let advice = try relation(dir + "edges_advice.csv", ids: ids)
        let friendship = try relation(dir + "edges_friendship.csv", ids: ids)
        if name == "krackhardt_reverse_logistic" {
            let level = nodes.column("level").map { Double($0) }
            return (QAPDesign(response: dm(advice, n), predictors: [
                QAPPredictor(name: "friendship", matrix: dm(friendship, n)),
                QAPPredictor(name: "reverse:advice", matrix: dm(advice, n).transposed()),
                QAPPredictor(name: "sender:level", matrix: .sender(level)),
                QAPPredictor(name: "receiver:level", matrix: .receiver(level)),
            ]), model, null, golden)
        }
        let reports = try relation(dir + "edges_reports_to.csv", ids: ids)
        return (QAPDesign(response: dm(advice, n), predictors: [
            QAPPredictor(name: "friendship", matrix: dm(friendship, n)),
            QAPPredictor(name: "reports_to", matrix: dm(reports, n)),
            QAPPredictor(name: "same:dept", matrix: .same(nodes.column("dept"))),
            QAPPredictor(name: "diff:tenure", matrix: .absoluteDifference(nodes.column("tenure").map { Double($0) })),
        ]), model, null, golden)
    }
    if name.hasPrefix("lazega") {
        let dir = "Samples/data/lazega/"
        let nodes = try Table(dir + "nodes.csv")
        let ids = nodes.column("id"), n = ids.count
        return (QAPDesign(response: dm(try relation(dir + "edges_advice.csv", ids: ids), n), predictors: [
            QAPPredictor(name: "cowork", matrix: dm(try relation(dir + "edges_cowork.csv", ids: ids), n)),
            QAPPredictor(name: "friendship", matrix: dm(try relation(dir + "edges_friendship.csv", ids: ids), n)),
            QAPPredictor(name: "same:office", matrix: .same(nodes.column("office"))),
            QAPPredictor(name: "same:practice", matrix: .same(nodes.column("practice"))),
        ]), model, null, golden)
    }
    // The sample school, fall: absent people without ties left out, non-respondents' rows missing in the response.
    let roster = try Table("Samples/school/roster.csv")
    let ids = roster.column("id"), n0 = ids.count
    let advice = try relation("Samples/school/edges.csv", ids: ids, relation: "advice", wave: "fall")
    let collab = try relation("Samples/school/edges.csv", ids: ids, relation: "collaboration", wave: "fall")
    let status = roster.column("responded_fall").map { $0.lowercased() }
    let keep = (0 ..< n0).filter { i in
        status[i] != "absent" || (0 ..< n0).contains { j in advice[i * n0 + j] + advice[j * n0 + i] + collab[i * n0 + j] + collab[j * n0 + i] > 0 }
    }
    let n = keep.count
    var y = subset(advice, n0, keep: keep)
    for (a, i) in keep.enumerated() where status[i] == "no" { for b in 0 ..< n { y[a * n + b] = .nan } }
    return (QAPDesign(response: dm(y, n), predictors: [
        QAPPredictor(name: "collaboration", matrix: dm(subset(collab, n0, keep: keep), n)),
        QAPPredictor(name: "same:team", matrix: .same(keep.map { roster.column("team")[$0] })),
        QAPPredictor(name: "diff:years", matrix: .absoluteDifference(keep.map { Double(roster.column("years")[$0]) })),
    ]), model, null, golden)
}

fileprivate func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

@Suite struct QAPTests {
    static let regressionCases = ["krackhardt_linear", "krackhardt_logistic", "krackhardt_linear_qapy", "krackhardt_reverse_logistic",
                                  "lazega_linear", "lazega_logistic", "school_linear_missing", "school_logistic_missing"]

    /// Estimates, standard errors, statistics, fit statistics and classical p-values
    /// agree with R sna to 1e-9; permutation p-values within Monte-Carlo error (0.03).
    @Test(arguments: regressionCases)
    func matchesSNA(_ name: String) throws {
        let (design, model, null, golden) = try goldenCase(name)
        let result = try QAPRegression.fit(design, model: model, null: null, permutations: 2000, seed: 1, threads: 2)
        let classical = try QAPRegression.fit(design, model: model, null: .classical, permutations: 0, seed: 1, threads: 1)
        let terms = try #require(golden["terms"] as? [[String: Any]])
        #expect(terms.count == result.terms.count)
        #expect(result.dyads == golden["dyads"] as? Int)
        for (t, g) in zip(result.terms, terms) {
            #expect(t.name == g["name"] as? String)
            for (key, value) in [("estimate", t.estimate), ("standard_error", t.standardError), ("statistic", t.statistic)] {
                let want = try #require(g[key] as? Double)
                #expect(close(value, want), "\(name) \(t.name) \(key): \(value) vs sna \(want)")
            }
            let c = classical.terms.first { $0.name == t.name }!
            for (key, value) in [("classical_p_two_sided", c.pTwoSided), ("classical_p_greater", c.pGreater), ("classical_p_less", c.pLess)] {
                let want = try #require(g[key] as? Double)
                #expect(close(value, want), "\(name) \(t.name) \(key): \(value) vs sna \(want)")
            }
            for (key, value) in [("p_two_sided", t.pTwoSided), ("p_greater", t.pGreater), ("p_less", t.pLess)] {
                let want = try #require(g[key] as? Double)
                #expect(abs(value - want) <= 0.03, "\(name) \(t.name) \(key): \(value) vs sna \(want)")
            }
        }
        let fit: [(String, Double?)] = [("r_squared", result.rSquared), ("adj_r_squared", result.adjustedRSquared),
                                        ("residual_se", result.residualStandardError), ("deviance", result.deviance),
                                        ("null_deviance", result.nullDeviance), ("aic", result.aic)]
        for (key, value) in fit {
            guard let want = golden[key] as? Double else { #expect(value == nil, "\(key) not in golden"); continue }
            let got = try #require(value, "\(key) missing")
            #expect(close(got, want), "\(name) \(key): \(got) vs sna \(want)")
        }
    }

    @Test(arguments: ["krackhardt_gcor_advice_friendship", "lazega_gcor_advice_cowork"])
    func correlationMatchesSNA(_ name: String) throws {
        let data = try Data(contentsOf: GoldenFiles.url("Tests/Golden/qap/\(name).json"))
        let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let inputs = try #require(golden["inputs"] as? [String: String])
        let dir = (inputs["a"]! as NSString).deletingLastPathComponent
        let ids = try Table(dir + "/nodes.csv").column("id")
        let a = DyadicMatrix(n: ids.count, values: try relation(inputs["a"]!, ids: ids))
        let b = DyadicMatrix(n: ids.count, values: try relation(inputs["b"]!, ids: ids))
        let test = QAPCorrelation(a, b, permutations: 2000, seed: 1, threads: 2)
        #expect(close(test.correlation, golden["correlation"] as! Double), "\(test.correlation)")
        #expect(abs(test.pGreater - (golden["p_greater"] as! Double)) <= 0.03)
        #expect(abs(test.pLess - (golden["p_less"] as! Double)) <= 0.03)
        #expect(abs(test.pTwoSided - (golden["p_two_sided"] as! Double)) <= 0.03)
    }

    /// The same seed gives the same result for any number of threads; another seed other p-values.
    @Test func sameSeedSameResultForAnyThreadCount() throws {
        let (design, _, _, _) = try goldenCase("krackhardt_linear")
        for model in QAPModel.allCases {
            for null in [QAPNull.qapspp, .qapy] {
                let one = try QAPRegression.fit(design, model: model, null: null, permutations: 300, seed: 7, threads: 1)
                for threads in [2, 3, 8] {
                    #expect(try QAPRegression.fit(design, model: model, null: null, permutations: 300, seed: 7, threads: threads) == one)
                }
                #expect(one.seed == 7 && one.permutations == 300)
            }
        }
        let a = DyadicMatrix(n: 21, values: design.response.values), b = design.predictors[0].matrix
        let c1 = QAPCorrelation(a, b, permutations: 500, seed: 3, threads: 1)
        #expect(QAPCorrelation(a, b, permutations: 500, seed: 3, threads: 4) == c1)
    }

    // MARK: exact enumeration on small graphs

    /// All permutations of 0 ..< n (Heap's algorithm).
    static func allPermutations(_ n: Int) -> [[Int]] {
        var out: [[Int]] = []
        var a = Array(0 ..< n)
        func generate(_ k: Int) {
            if k == 1 { out.append(a); return }
            for i in 0 ..< k {
                generate(k - 1)
                a.swapAt(k % 2 == 0 ? i : 0, k - 1)
            }
        }
        generate(n)
        return out
    }

    /// A small random design: a binary response, a binary relation, a same-group and a numeric term.
    static func smallDesign(n: Int, seed: UInt64, missingRow: Int? = nil) -> QAPDesign {
        var rng = SeededRandom(seed: seed)
        var y = [Double](repeating: 0, count: n * n), x = y
        for i in 0 ..< n { for j in 0 ..< n where i != j {
            x[i * n + j] = rng.nextInt(below: 2) == 0 ? 1 : 0
            y[i * n + j] = rng.nextInt(below: 3) == 0 || (x[i * n + j] == 1 && rng.nextInt(below: 2) == 0) ? 1 : 0
        } }
        if let missingRow { for j in 0 ..< n { y[missingRow * n + j] = .nan } }
        let group = (0 ..< n).map { String($0 % 2) }
        let age = (0 ..< n).map { Double?(Double(20 + 3 * $0 + rng.nextInt(below: 5))) }
        return QAPDesign(response: DyadicMatrix(n: n, values: y), predictors: [
            QAPPredictor(name: "x", matrix: DyadicMatrix(n: n, values: x)),
            QAPPredictor(name: "same:group", matrix: .same(group)),
            QAPPredictor(name: "diff:age", matrix: .absoluteDifference(age)),
        ])
    }

    /// OLS t-values of y on columns (an intercept first), over pairs i ≠ j with y observed,
    /// by Gaussian elimination on the normal equations: written independently of the library.
    /// OLS t-values by hand (normal equations, Gauss–Jordan), over the pairs whose response
    /// is observed; with `intercept`, a constant column first.
    static func bruteT(_ y: [Double], _ columns: [[Double]], n: Int, intercept: Bool = true) -> [Double] {
        var rows: [(y: Double, x: [Double])] = []
        for i in 0 ..< n { for j in 0 ..< n where i != j && !y[i * n + j].isNaN {
            rows.append((y[i * n + j], (intercept ? [1] : []) + columns.map { $0[i * n + j] }))
        } }
        let p = columns.count + (intercept ? 1 : 0)
        var a = [[Double]](repeating: [Double](repeating: 0, count: 2 * p), count: p)
        var xty = [Double](repeating: 0, count: p)
        for r in rows { for u in 0 ..< p { xty[u] += r.x[u] * r.y; for v in 0 ..< p { a[u][v] += r.x[u] * r.x[v] } } }
        for u in 0 ..< p { a[u][p + u] = 1 }
        for c in 0 ..< p {  // Gauss–Jordan with partial pivoting: the inverse of XᵀX.
            let pivot = (c ..< p).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            a.swapAt(c, pivot)
            let d = a[c][c]
            if abs(d) < 1e-10 { return [Double](repeating: .nan, count: p) }
            for k in 0 ..< 2 * p { a[c][k] /= d }
            for r in 0 ..< p where r != c { let f = a[r][c]; for k in 0 ..< 2 * p { a[r][k] -= f * a[c][k] } }
        }
        let b = (0 ..< p).map { u in (0 ..< p).reduce(0.0) { $0 + a[u][p + $1] * xty[$1] } }
        let rss = rows.reduce(0.0) { s, r in let f = (0 ..< p).reduce(0.0) { $0 + r.x[$1] * b[$1] }; return s + (r.y - f) * (r.y - f) }
        let s2 = rss / Double(rows.count - p)
        return (0 ..< p).map { b[$0] / (s2 * a[$0][p + $0]).squareRoot() }
    }

    static func permuted(_ m: [Double], _ perm: [Int], n: Int) -> [Double] {
        var out = m
        for i in 0 ..< n { for j in 0 ..< n { out[i * n + j] = m[perm[i] * n + perm[j]] } }
        return out
    }

    /// Residual of column k on the others (intercept included) over all pairs i ≠ j, as a matrix.
    static func bruteResidual(_ columns: [[Double]], k: Int, n: Int) -> [Double] {
        let all = [[Double](repeating: 1, count: n * n)] + columns
        let others = all.indices.filter { $0 != k }.map { all[$0] }
        // Regress all[k] on others by the normal equations (no separate intercept: it is among the others or is k).
        var rows: [(y: Double, x: [Double], cell: Int)] = []
        for i in 0 ..< n { for j in 0 ..< n where i != j { rows.append((all[k][i * n + j], others.map { $0[i * n + j] }, i * n + j)) } }
        let p = others.count
        var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
        for r in rows { for u in 0 ..< p { a[u][p] += r.x[u] * r.y; for v in 0 ..< p { a[u][v] += r.x[u] * r.x[v] } } }
        for c in 0 ..< p {
            let pivot = (c ..< p).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            a.swapAt(c, pivot)
            let d = a[c][c]
            for k in 0 ... p { a[c][k] /= d }
            for r in 0 ..< p where r != c { let f = a[r][c]; for k in 0 ... p { a[r][k] -= f * a[c][k] } }
        }
        var out = [Double](repeating: 0, count: n * n)
        for r in rows { out[r.cell] = r.y - (0 ..< p).reduce(0.0) { $0 + r.x[$1] * a[$1][p] } }
        return out
    }

    /// Every permutation of n = 5 and n = 6: the library's counts equal a brute-force
    /// count of refits on explicitly permuted matrices (qapspp and qapy, with and
    /// without a missing row), so the p-values are exact.
    @Test(arguments: [(5, UInt64(11), Int?.none), (6, UInt64(12), Int?.none), (6, UInt64(13), Int?(2))])
    func exactEnumerationMatchesBruteForce(n: Int, seed: UInt64, missingRow: Int?) throws {
        let design = Self.smallDesign(n: n, seed: seed, missingRow: missingRow)
        let perms = Self.allPermutations(n)
        #expect(perms.count == (1 ... n).reduce(1, *))
        let columns = design.predictors.map(\.matrix.values)
        let y = design.response.values
        let observed = Self.bruteT(y, columns, n: n)
        for null in [QAPNull.qapspp, .qapy] {
            let result = try QAPRegression.fit(design, model: .linear, null: null, permutationList: perms, threads: 2)
            for k in 0 ..< observed.count {
                #expect(close(result.terms[k].statistic, observed[k], 1e-10))
                var two = 0, ge = 0, le = 0
                let residual = null == .qapspp ? Self.bruteResidual(columns, k: k, n: n) : []
                for perm in perms {
                    let s: Double
                    if null == .qapy {
                        s = Self.bruteT(Self.permuted(y, perm, n: n), columns, n: n)[k]
                    } else {
                        // Other terms in place (intercept implicit), the permuted residual last.
                        var cols = columns
                        if k > 0 { cols.remove(at: k - 1) }
                        let z = Self.permuted(residual, perm, n: n)
                        let t: [Double]
                        if k == 0 {
                            // The intercept's residual replaces the constant: fit without a separate constant.
                            t = Self.bruteT(y, cols + [z], n: n, intercept: false)
                        } else {
                            t = Self.bruteT(y, cols + [z], n: n)
                        }
                        s = t.last!
                    }
                    let obs = observed[k], tol = 1e-9 * max(1, abs(obs))
                    let v = s.isNaN ? 0 : s
                    if abs(v) >= abs(obs) - tol { two += 1 }
                    if v >= obs - tol { ge += 1 }
                    if v <= obs + tol { le += 1 }
                }
                let total = Double(perms.count)
                #expect(result.terms[k].pTwoSided == Double(two) / total, "\(null) term \(k)")
                #expect(result.terms[k].pGreater == Double(ge) / total, "\(null) term \(k)")
                #expect(result.terms[k].pLess == Double(le) / total, "\(null) term \(k)")
                #expect(result.terms[k].pTwoSided >= 1 / total)  // the identity is among them
            }
        }
    }

    /// Logistic and correlation over every permutation of 5 people: the counts equal those
    /// from each permutation's statistic, and the correlation's from a direct count.
    @Test func exactEnumerationLogisticAndCorrelation() throws {
        let n = 5
        let design = Self.smallDesign(n: n, seed: 21)
        let perms = Self.allPermutations(n)
        let result = try QAPRegression.fit(design, model: .logistic, null: .qapspp, permutationList: perms, threads: 3)
        let stats = perms.map { try! QAPRegression.permutedStatistics(design, model: .logistic, null: .qapspp, permutation: $0) }
        for k in result.terms.indices {
            let obs = result.terms[k].statistic, tol = 1e-9 * max(1, abs(obs))
            let ge = stats.filter { ($0[k].isNaN ? 0 : $0[k]) >= obs - tol }.count
            #expect(result.terms[k].pGreater == Double(ge) / Double(perms.count))
        }
        let a = design.response, b = design.predictors[0].matrix
        let test = QAPCorrelation(a, b, permutationList: perms, threads: 2)
        func r(_ perm: [Int]) -> Double {
            var xs: [Double] = [], ys: [Double] = []
            for i in 0 ..< n { for j in 0 ..< n where i != j { xs.append(a.values[i * n + j]); ys.append(b.values[perm[i] * n + perm[j]]) } }
            let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
            let sxy = zip(xs, ys).reduce(0.0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            let sxx = xs.reduce(0.0) { $0 + ($1 - mx) * ($1 - mx) }, syy = ys.reduce(0.0) { $0 + ($1 - my) * ($1 - my) }
            return sxy / (sxx * syy).squareRoot()
        }
        let obs = r(Array(0 ..< n))
        #expect(close(test.correlation, obs, 1e-12))
        let ge = perms.filter { r($0) >= obs - 1e-9 }.count
        #expect(test.pGreater == Double(ge) / Double(perms.count))
    }

    @Test func singularAndInvalidDesignsAreErrorsInWords() throws {
        let n = 6
        let design = Self.smallDesign(n: n, seed: 3)
        var constant = design
        constant.predictors.append(QAPPredictor(name: "same:school", matrix: .same([String](repeating: "A", count: n))))
        #expect(throws: QAPError.singular(term: "same:school")) {
            try QAPRegression.fit(constant, model: .linear, null: .qapspp, permutations: 10, seed: 1)
        }
        #expect(QAPError.singular(term: "same:school").description.contains("constant or a linear combination"))
        var valued = design
        valued.response.values[1] = 3
        #expect(throws: QAPError.responseNotBinary(value: 3)) {
            try QAPRegression.fit(valued, model: .logistic, null: .qapspp, permutations: 10, seed: 1)
        }
        var missing = design
        missing.predictors[0].matrix.values[2] = .nan
        #expect(throws: QAPError.missingPredictorValues(term: "x", pairs: 1)) {
            try QAPRegression.fit(missing, model: .linear, null: .qapspp, permutations: 10, seed: 1)
        }
    }

    @Test func studentTMatchesR() {
        // R: pt(2, 10) = 0.96330598261462974; pt(-1.5, 415) = 0.067180.
        #expect(abs(studentTLowerTail(2, df: 10) - 0.96330598261462974) < 1e-13)
        #expect(abs(studentTLowerTail(0, df: 5) - 0.5) < 1e-15)
    }

    @Test func overlapAndMultiplexTies() {
        var a = GraphBuilder(nodeCount: 4), b = GraphBuilder(nodeCount: 4)
        for (s, t) in [(0, 1), (0, 2), (1, 2), (3, 0)] { a.addTie(from: s, to: t) }
        for (s, t) in [(0, 1), (1, 2), (2, 3)] { b.addTie(from: s, to: t) }
        let ga = a.build().graph, gb = b.build().graph
        let overlap = RelationOverlap(ga, gb)
        #expect(overlap.tiesA == 4 && overlap.tiesB == 3 && overlap.both == 2)
        #expect(overlap.jaccard == 2.0 / 5.0 && overlap.shareOfA == 0.5 && overlap.shareOfB == 2.0 / 3.0)
        let observed = [true, false, true, true]
        #expect(RelationOverlap(ga, gb, observedRows: observed).both == 1)
        let people = multiplexTies([ga, gb], observedRows: observed)
        #expect(people[0]! == (2, 1) && people[1] == nil && people[2]! == (1, 0) && people[3]! == (1, 0))
    }

    @Test func correlationWithAConstantRelationHasNoPValues() {
        // Three people all tied to each other: the relation does not vary, r is undefined, and so are its p-values (not 0).
        let full = DyadicMatrix(n: 3, values: [0, 1, 1, 1, 0, 1, 1, 1, 0])
        let some = DyadicMatrix(n: 3, values: [0, 1, 0, 0, 0, 1, 1, 0, 0])
        let test = QAPCorrelation(full, some, permutations: 50, seed: 1, threads: 1)
        #expect(test.correlation.isNaN && test.pGreater.isNaN && test.pLess.isNaN && test.pTwoSided.isNaN && test.dyads == 6)
    }
}
