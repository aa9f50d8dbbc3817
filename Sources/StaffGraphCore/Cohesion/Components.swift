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
/// - Complexity: O(n + m α(n)) (union–find with path halving).
public func weakComponents(_ graph: Graph) -> Components {
    let n = graph.nodeCount
    var parent = Array(0 ..< n)
    func find(_ x: Int, _ parent: inout [Int]) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }
    for v in 0 ..< n {
        for t in graph.outNeighbors(v) {
            let a = find(v, &parent), b = find(Int(t), &parent)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
    }
    var roots = [Int](repeating: 0, count: n)
    for v in 0 ..< n { roots[v] = find(v, &parent) }
    return Components(rawLabels: roots)
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
