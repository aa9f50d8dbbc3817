/// Triangle listing on the undirected view, shared by undirected transitivity
/// and local clustering: every triangle `{v, u, w}` of the symmetrized graph
/// (self-loops left out) is found exactly once.
///
/// Each tie is oriented from the lower to the higher (degree, index) rank. For
/// each person `v`, the forward neighbours are marked, and for each forward
/// neighbour `u` the forward neighbours `w` of `u` that carry `v`'s mark close
/// a triangle with `rank(v) < rank(u) < rank(w)` (Schank & Wagner 2005,
/// "forward"; the degree order goes back to Chiba & Nishizeki 1985).
///
/// Example: a triangle a–b–c with a pendant d on a (people 0, 1, 2, 3).
/// Degrees are a 3, b 2, c 2, d 1, so the ranks run d < b < c < a (b before c
/// by index) and the ties point d → a, b → c, b → a, c → a. From b, c and a
/// are marked; c's forward list holds a: the one triangle {b, c, a}.
///
/// - Complexity: O(n + m) to orient, O(m^1.5) to list (a person keeps at most
///   √(2m) forward neighbours), O(n) scratch per worker.
struct ForwardAdjacency: Sendable {
    let nodeCount: Int
    /// `offsets[v] ..< offsets[v + 1]` indexes `v`'s forward neighbours.
    let offsets: [Int]
    /// Forward neighbours (ascending within each person).
    let targets: [Int32]
    /// The ``UndirectedAdjacency`` code of each forward tie (`arcCount` gives `s_vw`).
    let codes: [UInt8]

    /// Orients every undirected tie of `u` towards its higher-ranked end.
    /// - Complexity: O(n + m), one branch-free pass into preallocated buffers.
    init(_ u: UndirectedAdjacency) {
        let n = u.nodeCount
        let m = u.edgeCount
        var offsets = [Int](repeating: 0, count: n + 1)
        var codes: [UInt8] = []
        // One spare slot: every neighbour is written at `written`, which only advances past forward ones.
        let targets = [Int32](unsafeUninitializedCapacity: m + 1) { tg, tgCount in
            codes = [UInt8](unsafeUninitializedCapacity: m + 1) { cd, cdCount in
                var written = 0
                offsets.withUnsafeMutableBufferPointer { off in
                    u.offsets.withUnsafeBufferPointer { uo in
                        u.neighbors.withUnsafeBufferPointer { nb in
                            u.codes.withUnsafeBufferPointer { uc in
                                for v in 0 ..< n {
                                    let start = uo[v], end = uo[v + 1]
                                    // Rank key (degree, index) in one word: degree above bit 32, index below.
                                    let rank = (end &- start) &<< 32 | v
                                    for e in start ..< end {
                                        let w = Int(nb[e])
                                        let forward = (uo[w + 1] &- uo[w]) &<< 32 | w > rank
                                        tg.initializeElement(at: written, to: nb[e])
                                        cd.initializeElement(at: written, to: uc[e])
                                        written &+= forward ? 1 : 0
                                    }
                                    off[v + 1] = written
                                }
                            }
                        }
                    }
                }
                cdCount = written
            }
            tgCount = codes.count
        }
        nodeCount = n
        self.offsets = offsets
        self.targets = targets
        self.codes = codes
    }

    /// Calls `visitor.visit` once for every triangle whose lowest-ranked
    /// corner is in `range`.
    ///
    /// `mark` is the caller's scratch of `nodeCount` entries, filled with −1
    /// before a worker's first call and reused across its calls unchanged:
    /// `mark[w]` holds the position of `w` in the forward list of the last
    /// person that listed it, and positions of different people never overlap,
    /// so a stale entry never looks like the current person's mark.
    @inline(__always)
    func listTriangles<Visitor: TriangleVisitor>(in range: Range<Int>, mark: UnsafeMutableBufferPointer<Int>, _ visitor: inout Visitor) {
        offsets.withUnsafeBufferPointer { off in
            targets.withUnsafeBufferPointer { f in
                codes.withUnsafeBufferPointer { cd in
                    for v in range {
                        let start = off[v], end = off[v + 1]
                        if end &- start < 2 { continue }
                        for e in start ..< end { mark[Int(f[e])] = e }
                        let width = UInt(bitPattern: end &- start)
                        for vu in start ..< end {
                            let u = Int(f[vu])
                            for uw in off[u] ..< off[u + 1] {
                                let w = Int(f[uw])
                                let vw = mark[w]
                                // vw ∈ start ..< end: w is a forward neighbour of v.
                                if UInt(bitPattern: vw &- start) < width {
                                    visitor.visit(v, u, w, cd[vu], cd[vw], cd[uw])
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The sum over all triangles of what the visitors add into their count
    /// vectors of `length` integers.
    ///
    /// People are cut into the fixed chunks of ``ParallelSources``; each
    /// worker owns one mark array, one zeroed count vector and the visitor
    /// `makeVisitor` builds on that vector, and lists the triangles of its
    /// chunks. The workers' vectors are added at the end. Integer sums do not
    /// depend on which worker listed which chunk, so the result is the same
    /// for every thread count.
    /// - Complexity: O(m^1.5) listing plus O(threads · length) to combine.
    func triangleSums<Visitor: TriangleVisitor>(length: Int, threads: Int, makeVisitor: (UnsafeMutableBufferPointer<Int>) -> Visitor) -> [Int] {
        let n = nodeCount
        var workspaces: [TriangleWorkspace<Visitor>] = []
        ParallelSources.forEachChunk(count: n, threads: threads, makeWorkspace: {
            let workspace = TriangleWorkspace(nodeCount: n, length: length, makeVisitor: makeVisitor)
            workspaces.append(workspace)
            return workspace
        }, body: { [self] range, workspace in
            listTriangles(in: range, mark: workspace.mark, &workspace.visitor)
        })
        var total = [Int](repeating: 0, count: length)
        total.withUnsafeMutableBufferPointer { t in
            for workspace in workspaces {
                let sums = workspace.sums
                for i in 0 ..< length { t[i] &+= sums[i] }
            }
        }
        return total
    }
}

/// Receives the triangles listed by ``ForwardAdjacency/listTriangles(in:mark:_:)``.
protocol TriangleVisitor {
    /// One triangle `{v, u, w}` with `rank(v) < rank(u) < rank(w)`, and the
    /// ``UndirectedAdjacency`` codes of its ties v–u, v–w and u–w.
    mutating func visit(_ v: Int, _ u: Int, _ w: Int, _ vu: UInt8, _ vw: UInt8, _ uw: UInt8)
}

/// One worker's scratch for triangle listing: the mark array (−1 = unmarked),
/// the count vector its visitor adds into, and the visitor. Used by one worker
/// at a time.
final class TriangleWorkspace<Visitor: TriangleVisitor> {
    let mark: UnsafeMutableBufferPointer<Int>
    let sums: UnsafeMutableBufferPointer<Int>
    var visitor: Visitor

    init(nodeCount: Int, length: Int, makeVisitor: (UnsafeMutableBufferPointer<Int>) -> Visitor) {
        mark = .allocate(capacity: nodeCount)
        mark.initialize(repeating: -1)
        sums = .allocate(capacity: length)
        sums.initialize(repeating: 0)
        visitor = makeVisitor(sums)
    }

    deinit {
        mark.deallocate()
        sums.deallocate()
    }
}

/// Counts triangles into `sums[0]`.
struct TriangleCounter: TriangleVisitor {
    let sums: UnsafeMutableBufferPointer<Int>
    @inline(__always) mutating func visit(_ v: Int, _ u: Int, _ w: Int, _ vu: UInt8, _ vw: UInt8, _ uw: UInt8) { sums[0] &+= 1 }
}

/// Number of triangles of the undirected view, each counted once.
/// - Complexity: O(m^1.5), parallel over people in fixed chunks; the count
///   does not depend on `threads`.
func undirectedTriangleCount(_ u: UndirectedAdjacency, threads: Int = Parallelism.defaultThreads) -> Int {
    ForwardAdjacency(u).triangleSums(length: 1, threads: threads) { TriangleCounter(sums: $0) }[0]
}
