/// How the dissimilarity between two clusters is derived from the
/// dissimilarities of their members (R `hclust`'s `method`).
public enum Linkage: String, Sendable, CaseIterable {
    /// The largest dissimilarity between members (R's and sna `equiv.clust`'s default).
    case complete
    /// The mean dissimilarity between members (UPGMA).
    case average
    /// The smallest dissimilarity between members (nearest neighbour).
    case single
}

/// Agglomerative hierarchical clustering of a dissimilarity matrix, step for
/// step as R's `hclust` (Murtagh's nearest-neighbour-list algorithm,
/// `src/library/stats/src/hclust.f`), so that the merges, and therefore the
/// clusters cut from them, are R's even when dissimilarities tie.
///
/// **Algorithm.** Each object i keeps its nearest neighbour *to the right*
/// (the first j > i at the smallest dissimilarity). Each step merges the pair
/// (i, NN(i)) with the smallest dissimilarity, the first i in index order on
/// ties; the merged cluster keeps the smaller index, and its dissimilarity to
/// every other cluster k follows Lance & Williams: complete `max(d_ik, d_jk)`,
/// single `min(d_ik, d_jk)`, average `(n_i d_ik + n_j d_jk) / (n_i + n_j)`.
/// ``merges`` and ``order`` follow R's `merge` (singletons negative, 1-based;
/// clusters by step number) and `order` conventions (`hcass2`).
///
/// Reference: Murtagh (1985), *Multidimensional Clustering Algorithms*;
/// Lance & Williams (1967), doi:10.1093/comjnl/9.4.373.
///
/// Example: points 0, 1, 3 on a line (|x − y|) with complete linkage merge
/// (0, 1) at height 1, then ({0, 1}, 2) at height 3; ``clusters(count:)`` with
/// 2 gives `[0, 0, 1]`.
public struct Dendrogram: Sendable, Equatable {
    /// Number of objects clustered.
    public let count: Int
    /// The linkage used.
    public let linkage: Linkage
    /// R's `merge` matrix, one row per step: `-(i + 1)` for object i, `s` for the
    /// cluster formed at step s (1-based), as R prints it.
    public let merges: [(Int, Int)]
    /// Dissimilarity at which each step merged (R's `height`).
    public let heights: [Double]
    /// Objects in dendrogram order (0-based; R's `order` minus one): the
    /// order of rows and columns of a blocked matrix (sna `blockmodel`).
    public let order: [Int]

    /// Two dendrograms are equal when they merge the same pairs at the same heights.
    public static func == (lhs: Dendrogram, rhs: Dendrogram) -> Bool {
        lhs.count == rhs.count && lhs.linkage == rhs.linkage && lhs.heights == rhs.heights
            && lhs.order == rhs.order && lhs.merges.elementsEqual(rhs.merges, by: { $0 == $1 })
    }

    /// Clusters a row-major n × n symmetric dissimilarity matrix (only the
    /// upper triangle is read).
    /// - Complexity: O(n²) memory; O(n²) per step in the worst case, usually far less.
    public init(dissimilarities: [Double], count n: Int, linkage: Linkage) {
        precondition(dissimilarities.count == n * n, "an n × n matrix")
        self.count = n
        self.linkage = linkage
        guard n >= 2 else {
            self.merges = []
            self.heights = []
            self.order = Array(0 ..< n)
            return
        }
        let inf = 1e300
        var diss = dissimilarities
        var flag = [Bool](repeating: true, count: n)
        var members = [Double](repeating: 1, count: n)
        var nn = [Int](repeating: 0, count: n)
        var disnn = [Double](repeating: inf, count: n)
        var ia = [Int](), ib = [Int](), crit = [Double]()
        var jm = 0, jj = 0, im = 0
        for i in 0 ..< (n - 1) {
            var dmin = inf
            for j in (i + 1) ..< n where dmin > diss[i * n + j] {
                dmin = diss[i * n + j]; jm = j
            }
            nn[i] = jm
            disnn[i] = dmin
        }
        for _ in 0 ..< (n - 1) {
            var dmin = inf
            for i in 0 ..< (n - 1) where flag[i] && disnn[i] < dmin {
                dmin = disnn[i]; im = i; jm = nn[i]
            }
            let i2 = min(im, jm), j2 = max(im, jm)
            ia.append(i2); ib.append(j2); crit.append(dmin)
            flag[j2] = false
            dmin = inf
            for k in 0 ..< n where flag[k] && k != i2 {
                let ik = i2 < k ? i2 * n + k : k * n + i2
                let jk = j2 < k ? j2 * n + k : k * n + j2
                let updated: Double
                switch linkage {
                case .single: updated = min(diss[ik], diss[jk])
                case .complete: updated = max(diss[ik], diss[jk])
                case .average: updated = (members[i2] * diss[ik] + members[j2] * diss[jk]) / (members[i2] + members[j2])
                }
                diss[ik] = updated
                if i2 < k {
                    if updated < dmin { dmin = updated; jj = k }
                } else if updated < disnn[k] {
                    disnn[k] = updated; nn[k] = i2
                }
            }
            members[i2] += members[j2]
            disnn[i2] = dmin
            nn[i2] = jj
            for i in 0 ..< (n - 1) where flag[i] && (nn[i] == i2 || nn[i] == j2) {
                var best = inf
                for j in (i + 1) ..< n where flag[j] && diss[i * n + j] < best {
                    best = diss[i * n + j]; jj = j
                }
                nn[i] = jj
                disnn[i] = best
            }
        }
        // hcass2: R's merge convention and the dendrogram order (1-based inside).
        var iia = ia.map { $0 + 1 }, iib = ib.map { $0 + 1 }
        let a1 = iia, b1 = iib
        for i in 0 ..< max(0, n - 2) {
            let k = min(a1[i], b1[i])
            for j in (i + 1) ..< (n - 1) {
                if a1[j] == k { iia[j] = -(i + 1) }
                if b1[j] == k { iib[j] = -(i + 1) }
            }
        }
        for i in 0 ..< (n - 1) {
            iia[i] = -iia[i]; iib[i] = -iib[i]
        }
        for i in 0 ..< (n - 1) {
            if iia[i] > 0 && iib[i] < 0 { swap(&iia[i], &iib[i]) }
            if iia[i] > 0 && iib[i] > 0 {
                let k1 = min(iia[i], iib[i]), k2 = max(iia[i], iib[i])
                iia[i] = k1; iib[i] = k2
            }
        }
        var order = [iia[n - 2], iib[n - 2]]
        for i in stride(from: n - 2, through: 1, by: -1) {
            if let j = order.firstIndex(of: i) {
                order[j] = iia[i - 1]
                order.insert(iib[i - 1], at: j + 1)
            }
        }
        self.merges = (0 ..< (n - 1)).map { (iia[$0], iib[$0]) }
        self.heights = crit
        self.order = order.map { -$0 - 1 }
    }

    /// The clusters after the first `n − k` merges, as R's `cutree(hc, k)`:
    /// cluster numbers 0 ..< k in order of first appearance (object 0 is in
    /// cluster 0, the next object not with it opens cluster 1, …).
    /// - Precondition: `1 ≤ k ≤ n` (any k for n = 0).
    public func clusters(count k: Int) -> [Int] {
        precondition(count == 0 || (k >= 1 && k <= count), "between 1 and n clusters")
        var parent = Array(0 ..< count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        // Step s's cluster is represented by any of its objects.
        var representative = [Int](repeating: 0, count: merges.count)
        for step in 0 ..< max(0, count - k) {
            let (a, b) = merges[step]
            let x = a < 0 ? -a - 1 : representative[a - 1]
            let y = b < 0 ? -b - 1 : representative[b - 1]
            let rx = root(x), ry = root(y)
            parent[ry] = rx
            representative[step] = rx
        }
        var number = [Int](repeating: -1, count: count)
        var next = 0
        return (0 ..< count).map { v in
            let r = root(v)
            if number[r] < 0 { number[r] = next; next += 1 }
            return number[r]
        }
    }

    /// The number of clusters when the tree is cut at `height`, as R's
    /// `cutree(hc, h = height)`: n minus the merges at heights ≤ `height`.
    public func clusterCount(atHeight height: Double) -> Int {
        count - heights.filter { $0 <= height }.count
    }
}
