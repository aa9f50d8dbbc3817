/// A blockmodel: people grouped into positions, the matrix reordered by
/// position, and the image of block densities, as R sna
/// `blockmodel(dat, ec, k = …)` (for positions found by ``Positions``) or
/// `blockmodel(dat, membership)` (for a given partition).
///
/// **Densities.** `density[g][h]` is the share of possible ties from block g
/// to block h that are present, self-ties excluded, so a diagonal block of
/// `n_g` people has `n_g (n_g − 1)` cells (sna's `diag = FALSE`): the
/// ``MixingMatrix`` of the partition, which it reuses; `nil` where a block has
/// no cell (a one-person position's own block; sna prints `NaN`).
///
/// **Order.** ``order`` lists the people as the blocked matrix shows them: the
/// dendrogram's order for found positions (sna uses `hclust`'s `order`), or
/// people sorted by block, stable in roster order, for a given partition
/// (sna's `order(membership)`).
///
/// Reference: White, Boorman & Breiger (1976), doi:10.1086/226141;
/// Wasserman & Faust (1994), ch. 10, doi:10.1017/CBO9780511815478.
///
/// Example: positions `[0, 0, 1]` over ties 0 → 1, 1 → 0, 2 → 0 give the image
/// `[[1, 0], [1/2, nil]]`.
public struct Blockmodel: Sendable, Equatable {
    /// Block of each person (0 ..< blockCount).
    public let membership: [Int]
    /// People in blocked-matrix order.
    public let order: [Int]
    /// The block image: ties, cells and densities per pair of blocks.
    public let image: MixingMatrix

    /// The blockmodel of a partition given as block numbers `0 ..< k`.
    /// - Parameters:
    ///   - membership: block of each person; every number in `0 ..< k` used.
    ///   - names: block names (default `"1"`, `"2"`, … as sna's "Block 1", …).
    ///   - order: the people's order; `nil` sorts them by block, stable.
    ///   - observedRows: non-respondents' rows are missing (left out of the
    ///     densities' numerators and denominators).
    public init(_ graph: Graph, membership: [Int], names: [String]? = nil, order: [Int]? = nil, observedRows: [Bool]? = nil) {
        let k = (membership.max() ?? -1) + 1
        let partition = Partition(labels: membership, names: names ?? (1 ... max(k, 1)).prefix(k).map(String.init))
        self.membership = membership
        self.order = order ?? membership.indices.sorted { (membership[$0], $0) < (membership[$1], $1) }
        self.image = MixingMatrix(graph, partition: partition, observedRows: observedRows)
    }
}

/// Positions of structurally equivalent people: ``StructuralEquivalence``
/// distances clustered by ``Dendrogram`` and cut into k positions, as R sna
/// `equiv.clust(dat, method = …, cluster.method = …)` followed by
/// `cutree(ec$cluster, k)` and `blockmodel(dat, ec, k = k)`.
///
/// Positions are numbered in order of first appearance in the roster
/// (`cutree`'s convention): the first person is in position 0.
public struct Positions: Sendable, Equatable {
    /// The profile comparison used.
    public let distances: StructuralEquivalence
    /// The clustering tree.
    public let dendrogram: Dendrogram
    /// The blockmodel of the cut: memberships, blocked order and image.
    public let blockmodel: Blockmodel

    /// Finds `positions` positions.
    /// - Precondition: `1 ≤ positions ≤ n`.
    /// - Complexity: O(n³) (the distances), O(n²) memory.
    public init(_ graph: Graph, positions: Int, method: StructuralDistance = .hamming, linkage: Linkage = .complete, observedRows: [Bool]? = nil) {
        self.init(graph, cut: { _ in positions }, method: method, linkage: linkage, observedRows: observedRows)
    }

    /// Finds the positions left when the tree is cut at `height` (R's
    /// `cutree(hc, h = height)`): every merge at a dissimilarity ≤ `height` is made.
    /// - Complexity: O(n³) (the distances), O(n²) memory.
    public init(_ graph: Graph, height: Double, method: StructuralDistance = .hamming, linkage: Linkage = .complete, observedRows: [Bool]? = nil) {
        self.init(graph, cut: { $0.clusterCount(atHeight: height) }, method: method, linkage: linkage, observedRows: observedRows)
    }

    private init(_ graph: Graph, cut: (Dendrogram) -> Int, method: StructuralDistance, linkage: Linkage, observedRows: [Bool]?) {
        let distances = StructuralEquivalence(graph, method: method, observedRows: observedRows)
        let tree = Dendrogram(dissimilarities: distances.dissimilarities, count: graph.nodeCount, linkage: linkage)
        self.distances = distances
        self.dendrogram = tree
        self.blockmodel = Blockmodel(graph, membership: tree.clusters(count: cut(tree)), order: tree.order, observedRows: observedRows)
    }

    /// Position of each person.
    public var membership: [Int] { blockmodel.membership }
}
