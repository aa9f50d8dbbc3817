import StaffGraphCore
import StaffGraphIO

/// The membership panel of `staffgraph members`: who sits on which team or
/// committee, what the groups are made of, how the groups connect people and
/// each other (the projections), the two-mode centralities, the groups that
/// share no one and the people who connect groups. Built once, rendered as
/// text, JSON or CSV.
public struct MembershipPanel: Sendable {
    /// One group of the panel.
    public struct Group: Sendable {
        /// The group's name.
        public var name: String
        /// Its members, by roster index, ascending.
        public var members: [Int]
        /// For each composition column: (value, members holding it), most first, then by value.
        public var composition: [[(value: String, count: Int)]]
        /// Members by their `role_in_group` (other than empty), most first.
        public var roles: [(value: String, count: Int)]
        /// How many other groups share at least one member with it.
        public var linkedGroups: Int
        /// Two-mode degree, closeness, betweenness.
        public var degree: Double, closeness: Double, betweenness: Double
    }

    /// Where the memberships came from and their name.
    public let source: String, name: String
    /// The wave shown, if the memberships have waves.
    public let wave: String?
    /// The selection (`--where`, a `--per` group).
    public let selection: [String]
    /// The roster the indices refer to.
    public let roster: Roster
    /// The two-mode network (people of `roster` × the groups here).
    public let network: TwoModeNetwork
    /// The composition columns (roster columns), as the roster spells them.
    public let compositionColumns: [String]
    /// The groups, in the memberships' order.
    public let groups: [Group]
    /// Two-mode centralities of the people.
    public let degree: [Double], closeness: [Double], betweenness: [Double]
    /// The projection onto people (shared groups, count weights).
    public let personProjection: Graph
    /// The projection onto groups (shared members, count weights).
    public let groupProjection: Graph
    /// Groups sharing no member with another group (indices into `groups`).
    public let unconnectedGroups: [Int]
    /// People in two or more groups, ranked (``TwoModeNetwork/connectingPeople()``).
    public let connectingPeople: [ConnectingPerson]
    /// How many people the tables of top people show.
    public var top = 10

    /// Builds the panel of `memberships` over `roster` (people outside it left
    /// out; groups with no member in it left out), in `wave` (`nil`: all).
    /// `label` maps a membership's roster id to `roster`'s id (pseudonyms).
    /// `columns` are roster columns to show each group's composition by.
    public init(memberships: Memberships, roster: Roster, wave: String?, selection: [String], columns: [(name: String, values: [String])],
                label: (String) -> String? = { $0 }, threads: Int) {
        let (network, groupIndex) = memberships.twoMode(over: roster, wave: wave, label: label)
        source = memberships.source
        name = memberships.name
        self.wave = wave
        self.selection = selection
        self.roster = roster
        self.network = network
        compositionColumns = columns.map(\.name)
        let d = network.degreeCentrality(), c = network.closenessCentrality(threads: threads), b = network.betweennessCentrality(threads: threads)
        degree = d.people
        closeness = c.people
        betweenness = b.people
        personProjection = network.personProjection(.count)
        let linked = network.groupProjection(.count)
        groupProjection = linked
        unconnectedGroups = network.unconnectedGroups()
        connectingPeople = network.connectingPeople()
        // Roles in each group: the records of this wave whose person is here.
        var roleCounts = [[String: Int]](repeating: [:], count: network.groupCount)
        var local = [Int](repeating: -1, count: memberships.groups.count)
        for (k, g) in groupIndex.enumerated() { local[g] = k }
        var seen = Set<[Int]>()
        for record in memberships.records where !record.role.isEmpty && (wave == nil || record.wave == wave) {
            guard let id = label(record.person), let p = roster.index(of: id), local[record.group] >= 0,
                  seen.insert([p, record.group]).inserted else { continue }
            roleCounts[local[record.group]][record.role, default: 0] += 1
        }
        func ranked(_ counts: [String: Int]) -> [(value: String, count: Int)] {
            counts.map { (value: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        }
        groups = groupIndex.enumerated().map { k, g in
            let members = network.members(of: k).map(Int.init)
            let composition = columns.map { column in
                var counts: [String: Int] = [:]
                for p in members { counts[column.values[p].isEmpty ? "(none)" : column.values[p], default: 0] += 1 }
                return ranked(counts)
            }
            return Group(name: memberships.groups[g], members: members, composition: composition, roles: ranked(roleCounts[k]),
                         linkedGroups: linked.outDegree(k),
                         degree: d.groups[k], closeness: c.groups[k], betweenness: b.groups[k])
        }
    }

    /// People with at least one group.
    public var peopleInGroups: Int { (0 ..< network.personCount).filter { network.groupCount(of: $0) > 0 }.count }

    /// Pairs of people sharing a group; their share of all pairs; the mean and largest number of groups shared.
    public var personProjectionSummary: (pairs: Int, density: Double?, meanShared: Double?, maxShared: Double) {
        summary(personProjection)
    }

    /// Pairs of groups sharing a member; their share of all pairs; mean and largest number of members shared.
    public var groupProjectionSummary: (pairs: Int, density: Double?, meanShared: Double?, maxShared: Double) {
        summary(groupProjection)
    }

    private func summary(_ g: Graph) -> (pairs: Int, density: Double?, meanShared: Double?, maxShared: Double) {
        let pairs = g.edgeCount / 2
        let n = g.nodeCount
        let total = g.outWeights.reduce(0, +) / 2
        return (pairs, n > 1 ? Double(pairs) / (Double(n) * Double(n - 1) / 2) : nil,
                pairs > 0 ? total / Double(pairs) : nil, g.outWeights.max() ?? 0)
    }

    /// The people with the highest two-mode betweenness, then closeness, then degree (roster order on ties), at most ``top``.
    public var topPeople: [Int] {
        let order = (0 ..< network.personCount).filter { network.groupCount(of: $0) > 0 }.sorted { a, b in
            if betweenness[a] != betweenness[b] { return betweenness[a] > betweenness[b] }
            if closeness[a] != closeness[b] { return closeness[a] > closeness[b] }
            if degree[a] != degree[b] { return degree[a] > degree[b] }
            return a < b
        }
        return Array(order.prefix(top))
    }

    /// Names of person `p`'s groups, in the panel's order.
    public func groupNames(of p: Int) -> [String] { network.groups(of: p).map { groups[Int($0)].name } }

    private func describe(_ composition: [(value: String, count: Int)]) -> String {
        composition.map { "\($0.value) \($0.count)" }.joined(separator: ", ")
    }

    // MARK: Renderings

    /// The panel as JSON.
    public func json() -> JSONValue {
        let people = personProjectionSummary, links = groupProjectionSummary
        func counts(_ list: [(value: String, count: Int)]) -> JSONValue { .object(list.map { ($0.value, .int($0.count)) }) }
        return .object([
            ("memberships", .string(name)),
            ("source", .string(source)),
            ("wave", .string(wave)),
            ("selection", .array(selection.map { .string($0) })),
            ("people", .int(network.personCount)),
            ("people_in_groups", .int(peopleInGroups)),
            ("groups_count", .int(network.groupCount)),
            ("membership_count", .int(network.membershipCount)),
            ("person_projection", .object([("pairs", .int(people.pairs)), ("density", .number(people.density)),
                                           ("mean_shared_groups", .number(people.meanShared)), ("max_shared_groups", .number(people.maxShared))])),
            ("group_projection", .object([("pairs", .int(links.pairs)), ("density", .number(links.density)),
                                          ("mean_shared_members", .number(links.meanShared)), ("max_shared_members", .number(links.maxShared))])),
            ("groups", .array(groups.map { g in
                .object([("group", .string(g.name)), ("size", .int(g.members.count)), ("linked_groups", .int(g.linkedGroups)),
                         ("degree", .number(g.degree)), ("closeness", .number(g.closeness)), ("betweenness", .number(g.betweenness)),
                         ("composition", .object(zip(compositionColumns, g.composition).map { ($0.0, counts($0.1)) })),
                         ("roles_in_group", counts(g.roles)),
                         ("members", .array(g.members.map { .string(roster.ids[$0]) }))])
            })),
            ("people_two_mode", .array((0 ..< network.personCount).map { p in
                .object([("id", .string(roster.ids[p])), ("groups", .int(network.groupCount(of: p))),
                         ("degree", .number(degree[p])), ("closeness", .number(closeness[p])), ("betweenness", .number(betweenness[p]))])
            })),
            ("unconnected_groups", .array(unconnectedGroups.map { .string(groups[$0].name) })),
            ("connecting_people", .array(connectingPeople.map { c in
                .object([("id", .string(roster.ids[c.person])), ("groups", .int(c.groups)), ("co_members", .int(c.coMembers)),
                         ("sole_links", .int(c.soleLinks)), ("group_names", .array(groupNames(of: c.person).map { .string($0) }))])
            })),
            ("conventions", .object([
                ("document", .string("Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md, \"Membership networks\"")),
                ("degree", .string("people: groups / number of groups; groups: size / number of people (networkx bipartite.degree_centrality)")),
                ("closeness", .string("(m + 2(n - 1)) / sum of distances for people, (n + 2(m - 1)) / sum for groups, times (reached - 1)/(n + m - 1) (networkx bipartite.closeness_centrality)")),
                ("betweenness", .string("betweenness on the people-and-groups graph over its maximum for the node's side (Borgatti & Everett 1997; networkx bipartite.betweenness_centrality)")),
                ("projection", .string("two people are tied when they share a group, weighted by the number shared; two groups when they share a member")),
            ])),
        ])
    }

    /// The panel as CSV: one row per group, then one per person in a group.
    public func csv() -> (header: [String], rows: [[String]]) {
        let header = ["kind", "id", "size_or_groups", "degree", "closeness", "betweenness", "linked_groups", "co_members", "sole_links", "unconnected"]
        func num(_ x: Double) -> String { formatJSONNumber(x) }
        var rows = groups.enumerated().map { k, g in
            ["group", g.name, String(g.members.count), num(g.degree), num(g.closeness), num(g.betweenness), String(g.linkedGroups), "", "",
             unconnectedGroups.contains(k) ? "yes" : "no"]
        }
        var connecting = [ConnectingPerson?](repeating: nil, count: network.personCount)
        for c in connectingPeople { connecting[c.person] = c }
        for p in 0 ..< network.personCount where network.groupCount(of: p) > 0 {
            rows.append(["person", roster.ids[p], String(network.groupCount(of: p)), num(degree[p]), num(closeness[p]), num(betweenness[p]), "",
                         String(personProjection.outDegree(p)), connecting[p].map { String($0.soleLinks) } ?? "0", ""])
        }
        return (header, rows)
    }

    /// The panel as text tables.
    public func table() -> String {
        var out = "Memberships '\(name)' — \(source)\(wave.map { " — wave \($0)" } ?? "")\(selection.map { " — \($0)" }.joined())\n"
        out += "\(network.personCount) people, \(peopleInGroups) in at least one of \(network.groupCount) groups, \(network.membershipCount) memberships\n\n"
        out += "Groups:\n"
        out += alignedTable(header: ["group", "size", "linked groups"] + compositionColumns + (groups.contains { !$0.roles.isEmpty } ? ["roles in group"] : []),
                            rows: groups.map { g in
                                [g.name, String(g.members.count), String(g.linkedGroups)] + g.composition.map(describe)
                                    + (groups.contains { !$0.roles.isEmpty } ? [describe(g.roles)] : [])
                            }, rightAligned: [false, true, true] + compositionColumns.map { _ in false } + (groups.contains { !$0.roles.isEmpty } ? [false] : []))
        let people = personProjectionSummary, links = groupProjectionSummary
        out += "\nProjections (count of shared groups / members):\n"
        out += "  people: \(people.pairs) pairs share a group (density \(fixed4(people.density))), \(fixed4(people.meanShared)) groups shared on average, at most \(formatNumber(people.maxShared))\n"
        out += "  groups: \(links.pairs) pairs of groups share a member (density \(fixed4(links.density))), \(fixed4(links.meanShared)) members shared on average, at most \(formatNumber(links.maxShared))\n"
        out += "\nGroups by two-mode centrality:\n"
        let order = groups.indices.sorted { groups[$0].betweenness != groups[$1].betweenness ? groups[$0].betweenness > groups[$1].betweenness : $0 < $1 }
        out += alignedTable(header: ["group", "degree", "closeness", "betweenness"], rows: order.map { k in
            [groups[k].name, fixed4(groups[k].degree), fixed4(groups[k].closeness), fixed4(groups[k].betweenness)]
        }, rightAligned: [false, true, true, true])
        let shown = ["role", "level"].compactMap { c in roster.attributeNames.first { $0.lowercased() == c } }
        out += "\nPeople by two-mode centrality (top \(min(top, peopleInGroups)) of \(peopleInGroups) in groups):\n"
        out += alignedTable(header: ["person"] + shown + ["groups", "degree", "closeness", "betweenness"], rows: topPeople.map { p in
            [displayName(roster, p)] + shown.map { roster.attribute($0)?[p] ?? "" }
                + [String(network.groupCount(of: p)), fixed4(degree[p]), fixed4(closeness[p]), fixed4(betweenness[p])]
        }, rightAligned: [false] + shown.map { _ in false } + [true, true, true, true])
        out += "\nGroups that share no member with another group: "
        out += unconnectedGroups.isEmpty ? "none\n" : unconnectedGroups.map { groups[$0].name }.joined(separator: "; ") + "\n"
        out += "\nPeople who connect groups (in two or more; \(connectingPeople.count)):\n"
        if connectingPeople.isEmpty {
            out += "  none\n"
        } else {
            out += alignedTable(header: ["person", "groups", "co-members", "sole links", "their groups"], rows: connectingPeople.prefix(top).map { c in
                [displayName(roster, c.person), String(c.groups), String(c.coMembers), String(c.soleLinks), groupNames(of: c.person).joined(separator: "; ")]
            }, rightAligned: [false, true, true, true, false])
            if connectingPeople.count > top { out += "  … and \(connectingPeople.count - top) more (--top N, or --format json)\n" }
        }
        out += "degree: share of the other side a node is tied to; closeness and betweenness on the people-and-groups graph, "
        out += "normalised by the largest value possible for the node's side (Borgatti & Everett 1997, as networkx bipartite). "
        out += "co-members: people sharing a group with them; sole links: pairs of their groups they alone connect.\n"
        if groups.contains(where: { $0.closeness > 1 }) || closeness.contains(where: { $0 > 1 }) {
            out += "Closeness above 1: a small part cut off from the rest (networkx's normalisation assumes the whole network is reachable; compare within a part, not across).\n"
        }
        return out
    }
}
