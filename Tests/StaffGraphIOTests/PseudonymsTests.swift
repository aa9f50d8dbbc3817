import StaffGraphCore
@testable import StaffGraphIO
import Testing

@Suite struct PseudonymsTests {
    let ids: [String] = (1 ... 62).map { (k: Int) -> String in k < 10 ? "p0\(k)" : "p\(k)" }

    @Test func labelsArePaddedAndCoverEveryone() {
        let p = Pseudonyms(ids: ids, key: 5)
        let labels = ids.compactMap { p.label(of: $0) }
        let expected: [String] = (1 ... 62).map { (k: Int) -> String in k < 10 ? "Person 0\(k)" : "Person \(k)" }
        #expect(Set(labels) == Set(expected))
        #expect(p.count == 62 && p.label(of: "nobody") == nil)
        #expect(Pseudonyms(ids: ["a", "b", "c"], key: 1).label(rank: 0) == "Person 01")
        #expect(Pseudonyms(ids: (0 ..< 150).map { "x\($0)" }, key: 1).label(rank: 6) == "Person 007")
    }

    @Test func theKeyDecidesTheOrderNotTheRoster() {
        let a = Pseudonyms(ids: ids, key: 20240917), b = Pseudonyms(ids: ids.reversed(), key: 20240917)
        #expect(ids.map { a.label(of: $0) } == ids.map { b.label(of: $0) }, "row order must not matter")
        let ranks = ids.compactMap { a.rank(of: $0) }
        #expect(ranks != Array(0 ..< 62))
        #expect(ranks.enumerated().filter { $0.offset == $0.element }.count < 6)
        let other = Pseudonyms(ids: ids, key: 20240918)
        #expect(ids.map { other.label(of: $0) } != ids.map { a.label(of: $0) })
        // Fixed by this file and SeededRandom's, on every platform and release.
        #expect(Pseudonyms(ids: ["p1", "p2", "p3", "p4"], key: 42).label(of: "p1") == Pseudonyms(ids: ["p4", "p3", "p2", "p1"], key: 42).label(of: "p1"))
    }

    @Test func redactingReplacesWholeIDsOnly() {
        let p = Pseudonyms(ids: ["p1", "p12", "ana"], key: 3)
        let text = "2 ids not on the roster added (p1, p12); p123 and banana stay"
        let redacted = p.redacting(text)
        #expect(!redacted.contains("(p1,") && !redacted.contains(" p12)"))
        #expect(redacted.contains("p123 and banana stay"))
        #expect(redacted.contains("(\(p.label(of: "p1") ?? "?"), \(p.label(of: "p12") ?? "?"))"))
    }

    @Test func identifyingColumnNames() {
        for name in ["name", "Name", "NAME", "email", "E-mail", "email_address", "aliases", "alias", "phone", "Phone Number",
                     "mobile", "first_name", "LastName", "full name", "staffID", "employee number", "id", "identifier", "label", "nickname"] {
            #expect(IdentifyingColumns.nameLooksPersonal(name), "\(name)")
        }
        for name in ["team", "role", "school", "school name", "school_id", "team_id", "level", "years", "department", "responded"] {
            #expect(!IdentifyingColumns.nameLooksPersonal(name), "\(name)")
        }
    }

    @Test func identifyingColumnValues() {
        var roster = Roster(ids: (1 ... 8).map { "p\($0)" })
        roster.setAttribute("room", values: ["101", "102", "103", "104", "105", "106", "107", ""])
        roster.setAttribute("code", values: ["a", "b", "c", "d", "e", "f", "g", "g"])
        roster.setAttribute("team", values: ["Math", "Math", "Arts", "Arts", "Science", "science", "Math", "Arts"])
        roster.setAttribute("email", values: ["", "", "", "", "", "", "", ""])
        var small = Roster(ids: ["a", "b", "c", "d"])
        small.setAttribute("room", values: ["1", "2", "3", "4"])
        let found = IdentifyingColumns.find(in: roster)
        #expect(found.map(\.column) == ["room", "email"])
        #expect(found.first?.reason == .uniqueValues(unique: 7, people: 7))
        #expect(IdentifyingColumns.find(in: small).isEmpty, "fewer than five people with a value")
    }

    @Test func theSampleSchoolLosesOnlyItsNames() throws {
        let roster = try RosterReader.read("Samples/school/roster.csv")
        #expect(IdentifyingColumns.find(in: roster).map(\.column) == ["name"])
    }

    @Test func anonymizationReordersAndRelabels() {
        var roster = Roster(ids: ["a", "b", "c"])
        roster.setAttribute("name", values: ["Ann", "Bo", "Cy"])
        roster.setAttribute("team", values: ["x", "y", "z"])
        roster.setResponses(wave: "fall", values: [.responded, .nonrespondent, nil])
        var builder = GraphBuilder(nodeCount: 3)
        builder.addTie(from: 0, to: 1, weight: 2)
        builder.addTie(from: 1, to: 2, weight: 3)
        let network = Network(roster: roster, layers: [Layer(key: LayerKey(relation: "advice"), graph: builder.build(parallelTies: .max, selfLoops: .drop).graph)])
        let anonymization = Anonymization(roster: roster, key: 9)
        let out = anonymization.apply(to: network)
        #expect(out.roster.ids == ["Person 01", "Person 02", "Person 03"])
        #expect(out.roster.attributeNames == ["team"])
        let label = { (id: String) in anonymization.pseudonyms.label(of: id) ?? "?" }
        let index = { (id: String) in out.roster.index(of: label(id)) ?? -1 }
        #expect(out.roster.attribute("team")?[index("b")] == "y")
        #expect(out.roster.responses(wave: "fall")?[index("b")] == .nonrespondent)
        let g = out.layers[0].graph
        #expect(g.edgeCount == 2 && g.weight(from: index("a"), to: index("b")) == 2 && g.weight(from: index("b"), to: index("c")) == 3)
        #expect(g.inNeighbors(index("c")).map(Int.init) == [index("b")])
    }
}
