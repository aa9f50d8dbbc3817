/// A partition of the nodes into components.
public struct Components: Sendable, Equatable {
    /// Component of each node; components are numbered 0, 1, … in order of their smallest node.
    public let labels: [Int]
    /// Size of each component, indexed by label.
    public let sizes: [Int]

    /// Number of components (isolates count as components of size 1).
    public var count: Int { sizes.count }

    /// Size of the largest component (0 for an empty graph).
    public var largest: Int { sizes.max() ?? 0 }

    /// Labels already numbered by smallest node, and the matching sizes.
    init(labels: [Int], sizes: [Int]) {
        self.labels = labels
        self.sizes = sizes
    }

    /// Relabels raw component ids so that components are numbered by their smallest node.
    init(rawLabels: [Int]) {
        var map = [Int](repeating: -1, count: rawLabels.count)
        var labels = [Int](repeating: 0, count: rawLabels.count)
        var sizes: [Int] = []
        for v in rawLabels.indices {
            let r = rawLabels[v]
            if map[r] < 0 {
                map[r] = sizes.count
                sizes.append(0)
            }
            labels[v] = map[r]
            sizes[map[r]] += 1
        }
        self.labels = labels
        self.sizes = sizes
    }
}

/// Weakly connected components: people linked by ties in either direction
/// (networkx `weakly_connected_components`).
///
/// Union–find over the out-lists in storage order (every tie is some
/// person's out-tie), with path halving and the smaller root always kept, so
/// every set's root is its smallest person. A last pass in index order then
/// numbers the components by their smallest person directly: a root opens the
/// next label, anyone else takes the label of their root, which comes earlier.
/// - Complexity: O(n + m log_{2+m/n} n) time (path halving with linking by
///   index, Tarjan & van Leeuwen 1984), near-linear in practice; O(n) scratch.
public func weakComponents(_ graph: Graph) -> Components {
    let n = graph.nodeCount
    var labels = [Int](repeating: 0, count: n)
    var sizes: [Int] = []
    let parent = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(n, 1))
    defer { parent.deallocate() }
    for v in 0 ..< n { parent.initializeElement(at: v, to: Int32(truncatingIfNeeded: v)) }
    @inline(__always) func root(_ x: Int32) -> Int32 {
        var x = x
        while true {
            let p = parent[Int(x)]
            if p == x { return x }
            let grand = parent[Int(p)]
            parent[Int(x)] = grand
            x = grand
        }
    }
    graph.outOffsets.withUnsafeBufferPointer { off in
        graph.outTargets.withUnsafeBufferPointer { out in
            for v in 0 ..< n {
                let start = off[v], end = off[v + 1]
                if start == end { continue }
                var rv = root(Int32(truncatingIfNeeded: v))
                for e in start ..< end {
                    let rt = root(out[e])
                    if rt < rv { parent[Int(rv)] = rt; rv = rt } else if rv < rt { parent[Int(rt)] = rv }
                }
            }
        }
    }
    labels.withUnsafeMutableBufferPointer { label in
        for v in 0 ..< n {
            let r = Int(root(Int32(truncatingIfNeeded: v)))
            if r == v {
                label[v] = sizes.count
                sizes.append(1)
            } else {
                let l = label[r]
                label[v] = l
                sizes[l] &+= 1
            }
        }
    }
    return Components(labels: labels, sizes: sizes)
}

/// Strongly connected components: people who can each reach the other along
/// ties (networkx `strongly_connected_components`).
///
/// Iterative Tarjan: no recursion, so a 2,000,000-person chain cannot overflow the stack.
/// - Complexity: O(n + m).
public func strongComponents(_ graph: Graph) -> Components {
    Components(rawLabels: tarjanCompletionOrder(graph).component)
}

/// Tarjan's strongly connected components, iterative. Components are numbered
/// in the order Tarjan completes them, which is a reverse topological order of
/// the condensation (a component's successors complete first, so they have
/// smaller numbers).
/// - Complexity: O(n + m) time and memory.
func tarjanCompletionOrder(_ graph: Graph) -> (component: [Int], count: Int) {
    let n = graph.nodeCount
    var index = [Int](repeating: -1, count: n)
    var low = [Int](repeating: 0, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var stack: [Int] = []
    var component = [Int](repeating: -1, count: n)
    var callStack: [(node: Int, edge: Int)] = []
    var counter = 0, completed = 0
    for root in 0 ..< n where index[root] < 0 {
        callStack.append((root, graph.outOffsets[root]))
        index[root] = counter; low[root] = counter; counter += 1
        stack.append(root); onStack[root] = true
        while let top = callStack.last {
            let v = top.node
            let e = top.edge
            if e < graph.outOffsets[v + 1] {
                callStack[callStack.count - 1].edge = e + 1
                let w = Int(graph.outTargets[e])
                if index[w] < 0 {
                    index[w] = counter; low[w] = counter; counter += 1
                    stack.append(w); onStack[w] = true
                    callStack.append((w, graph.outOffsets[w]))
                } else if onStack[w] {
                    low[v] = min(low[v], index[w])
                }
            } else {
                callStack.removeLast()
                if let parent = callStack.last?.node { low[parent] = min(low[parent], low[v]) }
                if low[v] == index[v] {
                    while let w = stack.popLast() {
                        onStack[w] = false
                        component[w] = completed
                        if w == v { break }
                    }
                    completed += 1
                }
            }
        }
    }
    return (component, completed)
}
