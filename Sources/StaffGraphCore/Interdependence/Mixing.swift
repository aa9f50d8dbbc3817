/// A partition of the people into named groups (departments, levels, teams).
///
/// Groups are numbered in the order of ``names``, which is sorted (code-point
/// order), so output never depends on hashing. People whose value is empty
/// (missing in the roster) form a group of their own named ``missingName``.
///
/// ```swift
/// let p = Partition(values: ["Math", "Arts", "Math", ""])
/// p.names    // ["(missing)", "Arts", "Math"]
/// p.labels   // [2, 1, 2, 0]
/// ```
public struct Partition: Sendable, Equatable {
    /// Name of the group of people with an empty value.
    public static let missingName = "(missing)"
    /// Group of each person, an index into ``names``.
    public let labels: [Int]
    /// Group names, sorted.
    public let names: [String]
    /// Number of people in each group.
    public let sizes: [Int]

    /// Groups people by their value of an attribute (one value per person).
    public init(values: [String]) {
        let cleaned = values.map { $0.isEmpty ? Self.missingName : $0 }
        let names = Array(Set(cleaned)).sorted()
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name] = i }
        self.init(labels: cleaned.map { index[$0] ?? 0 }, names: names)
    }

    /// A partition from group indices `0 ..< names.count` (one per person).
    public init(labels: [Int], names: [String]) {
        precondition(labels.allSatisfy { $0 >= 0 && $0 < names.count }, "labels must index names")
        self.labels = labels
        self.names = names
        var sizes = [Int](repeating: 0, count: names.count)
        for l in labels { sizes[l] += 1 }
        self.sizes = sizes
    }

    /// A partition from arbitrary non-negative labels, named "0", "1", … in
    /// order of the labels (for detected communities).
    public init(communities labels: [Int]) {
        let count = (labels.max() ?? -1) + 1
        self.init(labels: labels, names: (0 ..< count).map(String.init))
    }

    /// Number of groups.
    public var count: Int { names.count }

    /// Whether there is a group of people with no value.
    public var hasMissing: Bool { names.contains(Self.missingName) }
}

/// Ties between and within groups: the group × group mixing matrix and its
/// block densities (sna/network `mixingmatrix`; blockmodel densities).
///
/// `ties[g][h]` counts arcs from a member of `g` to a member of `h` (binary).
/// `density[g][h] = ties[g][h] / cells`, where cells = `n_g · n_h` between two
/// groups and `n_g (n_g − 1)` within a group; with `observedRows`, only cells in
/// observed rows count, and only ties sent by observed people (the density
/// convention of <doc:Conventions>). A block with no cell has density `nil`.
///
/// Example: groups {a, b} and {c}; ties a → b, a → c, c → a: ties = [[1, 1], [1, 0]],
/// density = [[1/2, 1/2], [1/2, nil]].
public struct MixingMatrix: Sendable, Equatable {
    /// The groups, in partition order.
    public var groups: [String]
    /// Group sizes.
    public var sizes: [Int]
    /// Arcs from row group to column group.
    public var ties: [[Int]]
    /// Block densities (`nil` for a block with no possible tie).
    public var density: [[Double?]]

    /// Computes the matrix.
    /// - Complexity: O(n + m + g²).
    public init(_ graph: Graph, partition: Partition, observedRows: [Bool]? = nil) {
        precondition(partition.labels.count == graph.nodeCount, "one group label per person")
        let k = partition.count
        let labels = partition.labels
        var ties = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        var observedSizes = [Int](repeating: 0, count: k)
        for v in 0 ..< graph.nodeCount where observedRows?[v] ?? true {
            observedSizes[labels[v]] += 1
            for t in graph.outNeighbors(v) where Int(t) != v {
                ties[labels[v]][labels[Int(t)]] += 1
            }
        }
        var density = [[Double?]](repeating: [Double?](repeating: nil, count: k), count: k)
        for g in 0 ..< k {
            for h in 0 ..< k {
                let cells = g == h ? observedSizes[g] * (partition.sizes[g] - 1) : observedSizes[g] * partition.sizes[h]
                density[g][h] = cells > 0 ? Double(ties[g][h]) / Double(cells) : nil
            }
        }
        self.groups = partition.names
        self.sizes = partition.sizes
        self.ties = ties
        self.density = density
    }
}
