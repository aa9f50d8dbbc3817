import Foundation
import Testing
import StaffGraphCore
@testable import StaffGraphIO

fileprivate let people = Roster(ids: ["a", "b", "c", "d"])

fileprivate func read(_ text: String, allowUnknown: Bool = false) throws(InputError) -> Memberships {
    var options = MembershipOptions()
    options.allowUnknown = allowUnknown
    return try MembershipReader.read(bytes: Array(text.utf8), name: "teams.csv", roster: people, options: options)
}

fileprivate func failure(_ text: String) -> InputError? {
    do { _ = try read(text); return nil } catch { return error }
}

@Suite struct MembershipReaderTests {
    @Test func rowsRolesAndRepeats() throws {
        let m = try read("person,group,role_in_group\na,Exec,chair\nb,Exec,member\nb,Council,\na,Exec,member\n\n")
        #expect(m.name == "teams")
        #expect(m.groups == ["Exec", "Council"])
        #expect(m.records.map(\.person) == ["a", "b", "b"])
        #expect(m.records[0].role == "chair")
        #expect(m.hasRoles && m.waves.isEmpty)
        #expect(m.report.rows == 4 && m.report.repeatedRows == 1)
        #expect(m.report.notes().first?.contains("a in Exec (line 5; first on line 2)") == true)
        let (net, groups) = m.twoMode(over: people)
        #expect(groups == [0, 1] && net.personCount == 4 && net.membershipCount == 3)
        #expect(Array(net.groups(of: 1)) == [0, 1])
    }

    @Test func wavesAndAliases() throws {
        let m = try read("member;committee;wave\na;X;fall\na;X;spring\nc;Y;spring\n")
        #expect(m.waves == ["fall", "spring"])
        #expect(m.twoMode(over: people, wave: "fall").network.membershipCount == 1)
        #expect(m.twoMode(over: people, wave: "spring").groups == [0, 1])
        #expect(m.report.repeatedRows == 0)
    }

    @Test func unknownIDsAreLocatedOrCounted() throws {
        let e = failure("person,group\na,X\nzz,X\nb,Y\nzz,Y\n")
        #expect(e?.line == 3 && e?.column == 1)
        #expect(e?.message.contains("1 person id is not on the roster (first: 'zz')") == true)
        #expect(e?.hint?.contains("allowUnknown") == true)
        let m = try read("person,group\na,X\nzz,X\nb,Y\nzz,Y\n", allowUnknown: true)
        #expect(m.report.unknownIDs == ["zz"] && m.report.unknownRows == 2)
        #expect(m.records.count == 2)
    }

    @Test func badFilesAreLocated() {
        #expect(failure("person,team_lead\na,X\n")?.message.contains("no group column") == true)
        #expect(failure("who,group\na,X\n")?.message.contains("no person column") == true)
        let empty = failure("person,group\na,X\nb,\n")
        #expect(empty?.line == 3 && empty?.column == 3 && empty?.message.contains("empty group") == true)
        #expect(failure("")?.message.contains("empty") == true)
        #expect(failure("person,group,person\na,X,a\n")?.message.contains("appears twice") == true)
        let extra = failure("person,group\na,Arts, Media\n")
        #expect(extra?.line == 2 && extra?.column != nil && extra?.hint?.contains("quote") == true)
    }

    @Test func rosterColumnOfSemicolonSeparatedGroups() throws {
        let roster = try RosterReader.read(bytes: Array("id,committees\na,Exec; Council\nb,Council;;Council\nc,\nd,Exec\n".utf8), name: "roster.csv")
        let m = try MembershipReader.read(rosterColumn: "Committees", of: roster, file: "roster.csv")
        #expect(m.name == "committees")
        #expect(m.groups == ["Exec", "Council"])
        #expect(m.records.count == 4)
        #expect(m.report.repeatedRows == 1)
        #expect(throws: InputError.self) { try MembershipReader.read(rosterColumn: "comittees", of: roster, file: "roster.csv") }
    }

    @Test func projectionSizeIsBounded() {
        // One group of 1,500 people: over two million ties between people from a small file.
        let ids = (0 ..< 1500).map { "p\($0)" }
        let roster = Roster(ids: ids)
        let text = "person,group\n" + ids.map { "\($0),All\n" }.joined()
        #expect(throws: InputError.self) { try MembershipReader.read(bytes: Array(text.utf8), name: "all.csv", roster: roster) }
    }

    @Test func truncatedAndOddInputsNeverCrash() {
        let text = Array("person,group,role_in_group,wave\na,\"Exec, big\",chair,fall\nb,Exec,,fall\nc,Council,member,spring\n".utf8)
        for end in 0 ... text.count {
            _ = try? read(String(decoding: text[0 ..< end], as: UTF8.self))
        }
        for odd in ["\u{FEFF}person,group\na,X\n", "person\tgroup\na\tX\n", "person,group\n\"a\n", "<?xml version=\"1.0\"?><graphml/>", "person,group\na,X,extra\n"] {
            _ = try? read(odd)
        }
    }

    @Test func sampleSchoolMatchesTheGoldenInput() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let roster = try RosterReader.read(root.appendingPathComponent("Samples/school/roster.csv").path)
        let m = try MembershipReader.read(root.appendingPathComponent("Samples/school/memberships.csv").path, roster: roster)
        let data = try Data(contentsOf: root.appendingPathComponent("Tests/Golden/members/school.json"))
        let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(m.groups == golden["groups"] as? [String])
        let pairs = try #require(golden["memberships"] as? [[Int]])
        #expect(m.records.map { [roster.index(of: $0.person) ?? -1, $0.group] } == pairs)
    }
}
