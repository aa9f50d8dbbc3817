/// Boundary spanners: people whose ties reach beyond their own group (level,
/// school, team), ranked by how many other groups they reach.
///
/// **Formula.** A person's *contacts* are the distinct people they are tied to
/// in either direction (they name them or are named by them; self-loops
/// ignored). For person v in group g(v):
/// - `contactsPerGroup[h]` counts v's contacts in group h;
/// - `otherGroups(v) = |{h ≠ g(v) : contactsPerGroup[h] > 0}|`;
/// - `crossContacts(v) = Σ_{h ≠ g(v)} contactsPerGroup[h]`.
///
/// v is a *boundary spanner* when `otherGroups(v) ≥ 1`: their ties touch two
/// or more groups, their own counted (the two-group definition of Tushman &
/// Scanlan: a person linking their unit to another). Contacts in the group
/// ``Partition/missingName`` (no value) count as contacts but reach no group,
/// and people without a value are not ranked. Ranking: more other groups
/// first, then more cross-group contacts, then node order.
///
/// **Example.** Levels district {a}, school {b, c}, community {d}; ties a → b,
/// b → d, c → b: b reaches district and community (2 other levels, 2 cross
/// contacts), a and d reach school (1, 1); c has none. Ranking b, a, d.
///
/// Reference: M. L. Tushman & T. J. Scanlan (1981), "Boundary spanning
/// individuals: their role in information transfer and their antecedents",
/// *Academy of Management Journal* 24(2), 289–305, doi:10.2307/255842.
public struct BoundarySpanners: Sendable, Equatable {
    /// One boundary spanner.
    public struct Spanner: Sendable, Equatable {
        /// The person (node index).
        public var person: Int
        /// Groups other than their own that they reach.
        public var otherGroups: Int
        /// Contacts in other groups (missing values left out).
        public var crossContacts: Int
        /// Contacts in every group, in partition order (their own included).
        public var contactsPerGroup: [Int]
    }

    /// Spanners, ranked.
    public let spanners: [Spanner]

    /// The boundary spanners of `graph` between the groups of `partition`.
    /// - Complexity: O(n · g + m).
    public init(_ graph: Graph, partition: Partition) {
        precondition(partition.labels.count == graph.nodeCount, "one group label per person")
        let missing = partition.names.firstIndex(of: Partition.missingName)
        let adjacency = UndirectedAdjacency(graph)
        var spanners: [Spanner] = []
        var counts = [Int](repeating: 0, count: partition.count)
        for v in 0 ..< graph.nodeCount {
            let own = partition.labels[v]
            if own == missing { continue }
            for i in counts.indices { counts[i] = 0 }
            for e in adjacency.offsets[v] ..< adjacency.offsets[v + 1] {
                counts[partition.labels[Int(adjacency.neighbors[e])]] += 1
            }
            var other = 0, cross = 0
            for h in counts.indices where h != own && h != missing && counts[h] > 0 {
                other += 1
                cross += counts[h]
            }
            if other > 0 {
                spanners.append(Spanner(person: v, otherGroups: other, crossContacts: cross, contactsPerGroup: counts))
            }
        }
        spanners.sort {
            $0.otherGroups != $1.otherGroups ? $0.otherGroups > $1.otherGroups
                : $0.crossContacts != $1.crossContacts ? $0.crossContacts > $1.crossContacts : $0.person < $1.person
        }
        self.spanners = spanners
    }
}
