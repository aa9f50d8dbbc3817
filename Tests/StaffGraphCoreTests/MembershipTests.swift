import Foundation
import Testing
@testable import StaffGraphCore

/// A golden file of `Scripts/golden_members.py`.
struct MembershipGolden: Decodable {
    struct Projections: Decodable { let count: [[Double]]; let newman: [[Double]]; let jaccard: [[Double]] }
    struct Split: Decodable { let people: [Double]; let groups: [Double] }
    let people: [String]
    let groups: [String]
    let memberships: [[Int]]
    let person_projection: Projections
    let group_projection: Projections
    let degree: Split
    let closeness: Split
    let betweenness: Split
    let unconnected_groups: [Int]
    let memberships_distinct: Int

    static func load(_ name: String) throws -> MembershipGolden {
        let data = try Data(contentsOf: GoldenSupport.url("Tests/Golden/members/\(name).json"))
        return try JSONDecoder().decode(MembershipGolden.self, from: data)
    }

    var network: TwoModeNetwork {
        TwoModeNetwork(personCount: people.count, groupCount: groups.count,
                       memberships: memberships.map { (person: $0[0], group: $0[1]) })
    }
}

/// The ties of an undirected projection as sorted [u, v, w] with u < v,
/// after checking that every tie is stored both ways with the same weight.
func undirectedTies(_ graph: Graph) -> [[Double]] {
    var out: [[Double]] = []
    for tie in graph.ties {
        #expect(graph.weight(from: tie.target, to: tie.source) == tie.weight, "tie \(tie) stored one way only")
        if tie.source < tie.target { out.append([Double(tie.source), Double(tie.target), tie.weight]) }
    }
    return out.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
}

func tiesMatch(_ actual: [[Double]], _ expected: [[Double]]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
        a[0] == e[0] && a[1] == e[1] && isClose(a[2], e[2], tolerance: 1e-9)
    }
}

@Suite struct MembershipGoldenTests {
    static let names = ["school", "davis_southern_women", "synthetic"]

    @Test(arguments: names) func projectionsMatchNetworkx(_ name: String) throws {
        let golden = try MembershipGolden.load(name)
        let net = golden.network
        #expect(net.membershipCount == golden.memberships_distinct)
        for (weight, expected) in [(ProjectionWeight.count, golden.person_projection.count), (.newman, golden.person_projection.newman), (.jaccard, golden.person_projection.jaccard)] {
            #expect(tiesMatch(undirectedTies(net.personProjection(weight)), expected), "\(name) people \(weight)")
        }
        for (weight, expected) in [(ProjectionWeight.count, golden.group_projection.count), (.newman, golden.group_projection.newman), (.jaccard, golden.group_projection.jaccard)] {
            #expect(tiesMatch(undirectedTies(net.groupProjection(weight)), expected), "\(name) groups \(weight)")
        }
    }

    @Test(arguments: names) func centralitiesMatchNetworkx(_ name: String) throws {
        let golden = try MembershipGolden.load(name)
        let net = golden.network
        for (label, actual, expected) in [("degree", net.degreeCentrality(), golden.degree),
                                          ("closeness", net.closenessCentrality(threads: 2), golden.closeness),
                                          ("betweenness", net.betweennessCentrality(threads: 2), golden.betweenness)] {
            #expect(firstMismatch(actual.people, expected.people, ids: golden.people, tolerance: 1e-9) == nil, "\(name) \(label) people")
            #expect(firstMismatch(actual.groups, expected.groups, ids: golden.groups, tolerance: 1e-9) == nil, "\(name) \(label) groups")
        }
        #expect(net.unconnectedGroups() == golden.unconnected_groups)
    }
}

@Suite struct MembershipTests {
    /// Groups {a, b, c} and {b, c}; d in none.
    let net = TwoModeNetwork(personCount: 4, groupCount: 2, memberships: [(0, 0), (1, 0), (2, 0), (1, 1), (2, 1), (2, 1)])

    @Test func structureBothWays() {
        #expect(net.repeatedPairs == 1)
        #expect(net.membershipCount == 5)
        #expect(Array(net.members(of: 0)) == [0, 1, 2])
        #expect(Array(net.groups(of: 2)) == [0, 1])
        #expect(net.groupCount(of: 3) == 0)
        #expect(net.transposed().transposed() == TwoModeNetwork(personCount: 4, groupCount: 2, memberships: [(0, 0), (1, 0), (2, 0), (1, 1), (2, 1)]))
    }

    @Test func projectionsByHand() {
        #expect(undirectedTies(net.personProjection(.count)) == [[0, 1, 1], [0, 2, 1], [1, 2, 2]])
        #expect(undirectedTies(net.personProjection(.newman)) == [[0, 1, 0.5], [0, 2, 0.5], [1, 2, 1.5]])
        #expect(undirectedTies(net.personProjection(.jaccard)) == [[0, 1, 0.5], [0, 2, 0.5], [1, 2, 1]])
        // Groups share b and c, each in two groups: Newman 1 + 1; Jaccard 2/3.
        #expect(undirectedTies(net.groupProjection(.count)) == [[0, 1, 2]])
        #expect(undirectedTies(net.groupProjection(.newman)) == [[0, 1, 2]])
        #expect(undirectedTies(net.groupProjection(.jaccard)) == [[0, 1, 2.0 / 3.0]])
        #expect(net.personProjectionTieBound == 8)
        #expect(net.groupProjectionTieBound == 4)
    }

    @Test func degreeByHand() {
        let d = net.degreeCentrality()
        #expect(d.people == [0.5, 1, 1, 0])
        #expect(d.groups == [0.75, 0.5])
    }

    @Test func connectingPeopleAndUnconnectedGroups() {
        // b and c both link the two groups; neither is the sole link.
        #expect(net.connectingPeople() == [ConnectingPerson(person: 1, groups: 2, coMembers: 2, soleLinks: 0),
                                           ConnectingPerson(person: 2, groups: 2, coMembers: 2, soleLinks: 0)])
        let chain = TwoModeNetwork(personCount: 4, groupCount: 3, memberships: [(0, 0), (1, 0), (1, 1), (2, 1), (3, 2)])
        #expect(chain.connectingPeople() == [ConnectingPerson(person: 1, groups: 2, coMembers: 2, soleLinks: 1)])
        #expect(chain.unconnectedGroups() == [2])
    }

    @Test func emptySidesGiveZeros() {
        let none = TwoModeNetwork(personCount: 3, groupCount: 0, memberships: [])
        #expect(none.degreeCentrality().people == [0, 0, 0])
        #expect(none.betweennessCentrality(threads: 1).people == [0, 0, 0])
        #expect(none.closenessCentrality(threads: 1).people == [0, 0, 0])
        #expect(none.personProjection().edgeCount == 0)
    }

    @Test func sameBitsForOneAndTwoThreads() throws {
        let golden = try MembershipGolden.load("davis_southern_women")
        let net = golden.network
        #expect(net.betweennessCentrality(threads: 1) == net.betweennessCentrality(threads: 2))
        #expect(net.closenessCentrality(threads: 1) == net.closenessCentrality(threads: 2))
    }
}
