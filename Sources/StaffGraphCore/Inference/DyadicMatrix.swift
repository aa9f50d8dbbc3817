/// One value per ordered pair of people: a relation, or a roster attribute
/// turned into a dyadic term, as used by the QAP regression and correlation
/// (<doc:Conventions>, "QAP").
///
/// Stored row-major (`values[i * n + j]` is the value of the pair i → j); the
/// diagonal is never used (QAP here always excludes i → i, sna's `diag = FALSE`).
/// `NaN` marks a missing value (a non-respondent's unanswered row).
///
/// ```swift
/// let friends = DyadicMatrix(graph, valued: false)          // 1 when i names j
/// let reciprocity = friends.transposed()                     // 1 when j names i
/// let sameTeam = DyadicMatrix.same(["a", "a", "b"])          // 1 when i and j share a team
/// ```
public struct DyadicMatrix: Sendable, Equatable {
    /// Number of people.
    public let n: Int
    /// `n * n` values, row-major; the diagonal is ignored, `NaN` is missing.
    public var values: [Double]

    /// A matrix from its `n * n` row-major values.
    public init(n: Int, values: [Double]) {
        precondition(values.count == n * n, "a dyadic matrix needs n * n values")
        self.n = n
        self.values = values
    }

    /// The relation of `graph`: 1 (or the tie's weight when `valued`) where i → j
    /// is a tie, 0 where it is not; rows of people whose `observedRows` entry is
    /// `false` (non-respondents) are missing (`NaN`).
    /// - Complexity: O(n² + m).
    public init(_ graph: Graph, valued: Bool, observedRows: [Bool]? = nil) {
        let n = graph.nodeCount
        var values = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n {
            if let observedRows, !observedRows[i] {
                for j in 0 ..< n { values[i * n + j] = .nan }
                continue
            }
            for e in graph.outOffsets[i] ..< graph.outOffsets[i + 1] {
                values[i * n + Int(graph.outTargets[e])] = valued ? graph.outWeights[e] : 1
            }
        }
        self.init(n: n, values: values)
    }

    /// The transposed relation: the value of j → i at i → j ("j named i", reciprocity).
    public func transposed() -> DyadicMatrix {
        var out = values
        for i in 0 ..< n { for j in 0 ..< n { out[i * n + j] = values[j * n + i] } }
        return DyadicMatrix(n: n, values: out)
    }

    /// 1 where i and j hold the same value, 0 where they differ; missing (`nil`) values give `NaN`.
    public static func same(_ attribute: [String?]) -> DyadicMatrix {
        let n = attribute.count
        var out = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n { for j in 0 ..< n {
            guard let a = attribute[i], let b = attribute[j] else { out[i * n + j] = .nan; continue }
            out[i * n + j] = a == b ? 1 : 0
        } }
        return DyadicMatrix(n: n, values: out)
    }

    /// |x_i − x_j| of a numeric attribute; missing (`nil`) values give `NaN`.
    public static func absoluteDifference(_ attribute: [Double?]) -> DyadicMatrix {
        let n = attribute.count
        var out = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n { for j in 0 ..< n {
            guard let a = attribute[i], let b = attribute[j] else { out[i * n + j] = .nan; continue }
            out[i * n + j] = abs(a - b)
        } }
        return DyadicMatrix(n: n, values: out)
    }

    /// x_i at every pair i → j (the sender's value).
    public static func sender(_ attribute: [Double?]) -> DyadicMatrix {
        let n = attribute.count
        var out = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n { for j in 0 ..< n { out[i * n + j] = attribute[i] ?? .nan } }
        return DyadicMatrix(n: n, values: out)
    }

    /// x_j at every pair i → j (the receiver's value).
    public static func receiver(_ attribute: [Double?]) -> DyadicMatrix {
        let n = attribute.count
        var out = [Double](repeating: 0, count: n * n)
        for i in 0 ..< n { for j in 0 ..< n { out[i * n + j] = attribute[j] ?? .nan } }
        return DyadicMatrix(n: n, values: out)
    }

    /// Whether any off-diagonal value is missing.
    public var hasMissing: Bool {
        for i in 0 ..< n { for j in 0 ..< n where i != j && values[i * n + j].isNaN { return true } }
        return false
    }
}
