/// A two-mode (affiliation) network: people × groups (teams, committees),
/// held both ways in compressed sparse rows: each person's groups and each
/// group's members, sorted by index, each membership once.
///
/// People are indexed `0 ..< personCount` (like a roster), groups
/// `0 ..< groupCount`. A person may belong to no group and a group may have
/// no member (it then takes part in nothing). The bipartite graph of
/// networkx's `bipartite` module is ``bipartiteGraph()``.
///
/// Reference: Borgatti, S. P. & Everett, M. G. (1997). Network analysis of
/// 2-mode data. *Social Networks* 19(3), 243–269. doi:10.1016/S0378-8733(96)00301-2
public struct TwoModeNetwork: Sendable, Equatable {
    /// How many people (rows).
    public let personCount: Int
    /// How many groups (columns).
    public let groupCount: Int
    /// `personOffsets[p] ..< personOffsets[p + 1]` indexes `personGroups` for person `p`.
    public let personOffsets: [Int]
    /// The groups of every person, each person's sorted ascending.
    public let personGroups: [Int32]
    /// `groupOffsets[g] ..< groupOffsets[g + 1]` indexes `groupMembers` for group `g`.
    public let groupOffsets: [Int]
    /// The members of every group, each group's sorted ascending.
    public let groupMembers: [Int32]

    /// Builds the network from (person, group) pairs; a pair given more than
    /// once counts once (``repeatedPairs`` says how many were folded).
    /// Indices must lie in `0 ..< personCount` and `0 ..< groupCount`.
    ///
    /// - Complexity: O(n + g + r) for r pairs (two counting sorts).
    public init(personCount: Int, groupCount: Int, memberships: [(person: Int, group: Int)]) {
        precondition(personCount >= 0 && groupCount >= 0)
        self.personCount = personCount
        self.groupCount = groupCount
        // Counting sort by group, then by person (stable), so every person's groups come out sorted.
        var byGroup = [Int](repeating: 0, count: groupCount + 1)
        for m in memberships {
            precondition(m.person >= 0 && m.person < personCount && m.group >= 0 && m.group < groupCount, "membership out of range")
            byGroup[m.group + 1] += 1
        }
        for g in 0 ..< groupCount { byGroup[g + 1] += byGroup[g] }
        var sortedByGroup = [(person: Int, group: Int)](repeating: (0, 0), count: memberships.count)
        var next = byGroup
        for m in memberships { sortedByGroup[next[m.group]] = m; next[m.group] += 1 }
        var byPerson = [Int](repeating: 0, count: personCount + 1)
        for m in sortedByGroup { byPerson[m.person + 1] += 1 }
        for p in 0 ..< personCount { byPerson[p + 1] += byPerson[p] }
        var groupsSorted = [Int32](repeating: 0, count: memberships.count)
        var cursor = byPerson
        for m in sortedByGroup { groupsSorted[cursor[m.person]] = Int32(truncatingIfNeeded: m.group); cursor[m.person] += 1 }
        // Drop repeats (adjacent after sorting).
        var offsets = [Int](repeating: 0, count: personCount + 1)
        var groups: [Int32] = []
        groups.reserveCapacity(memberships.count)
        for p in 0 ..< personCount {
            var last: Int32 = -1
            for k in byPerson[p] ..< byPerson[p + 1] where groupsSorted[k] != last {
                groups.append(groupsSorted[k])
                last = groupsSorted[k]
            }
            offsets[p + 1] = groups.count
        }
        self.personOffsets = offsets
        self.personGroups = groups
        self.repeatedPairs = memberships.count - groups.count
        // Members by group: transpose (people visited in order, so each group's members come out sorted).
        var gOffsets = [Int](repeating: 0, count: groupCount + 1)
        for g in groups { gOffsets[Int(g) + 1] += 1 }
        for g in 0 ..< groupCount { gOffsets[g + 1] += gOffsets[g] }
        var members = [Int32](repeating: 0, count: groups.count)
        var at = gOffsets
        for p in 0 ..< personCount {
            for k in offsets[p] ..< offsets[p + 1] {
                let g = Int(groups[k])
                members[at[g]] = Int32(truncatingIfNeeded: p)
                at[g] += 1
            }
        }
        self.groupOffsets = gOffsets
        self.groupMembers = members
    }

    /// How many of the pairs given to ``init(personCount:groupCount:memberships:)`` repeated an earlier one.
    public let repeatedPairs: Int

    /// How many (person, group) memberships there are, each once.
    public var membershipCount: Int { personGroups.count }

    /// The groups person `p` belongs to, ascending.
    public func groups(of p: Int) -> ArraySlice<Int32> { personGroups[personOffsets[p] ..< personOffsets[p + 1]] }

    /// The members of group `g`, ascending.
    public func members(of g: Int) -> ArraySlice<Int32> { groupMembers[groupOffsets[g] ..< groupOffsets[g + 1]] }

    /// How many groups person `p` belongs to.
    public func groupCount(of p: Int) -> Int { personOffsets[p + 1] - personOffsets[p] }

    /// How many members group `g` has.
    public func size(of g: Int) -> Int { groupOffsets[g + 1] - groupOffsets[g] }

    /// The same memberships seen from the groups: groups become the rows
    /// ("people") and people the columns. Projections and centralities of
    /// the groups are those of the people of the transpose.
    public func transposed() -> TwoModeNetwork {
        TwoModeNetwork(rows: groupCount, columns: personCount, offsets: groupOffsets, items: groupMembers,
                       columnOffsets: personOffsets, columnItems: personGroups)
    }

    private init(rows: Int, columns: Int, offsets: [Int], items: [Int32], columnOffsets: [Int], columnItems: [Int32]) {
        personCount = rows
        groupCount = columns
        personOffsets = offsets
        personGroups = items
        groupOffsets = columnOffsets
        groupMembers = columnItems
        repeatedPairs = 0
    }

    /// The people and groups as one undirected graph, every membership a tie
    /// stored both ways with weight 1: people are nodes `0 ..< personCount`,
    /// group `g` is node `personCount + g` (networkx's bipartite graph with
    /// the people as the `top` node set).
    ///
    /// - Complexity: O(n + g + r).
    public func bipartiteGraph() -> Graph {
        var builder = GraphBuilder(nodeCount: personCount + groupCount, reservingCapacity: 2 * membershipCount)
        for p in 0 ..< personCount {
            for g in groups(of: p) {
                builder.addTie(from: p, to: personCount + Int(g))
                builder.addTie(from: personCount + Int(g), to: p)
            }
        }
        return builder.build().graph
    }
}
