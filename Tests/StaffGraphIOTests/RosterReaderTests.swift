import Testing
import StaffGraphCore
@testable import StaffGraphIO

fileprivate func roster(_ text: String) throws(InputError) -> Roster {
    try RosterReader.read(bytes: Array(text.utf8), name: "roster.csv")
}

fileprivate func failure(_ text: String) -> InputError? {
    do { _ = try roster(text); return nil } catch { return error }
}

@Suite struct RosterReaderTests {
    @Test func attributesAndResponses() throws {
        let r = try roster("id,name,team,responded_fall,responded_spring\np1,Ana,Math,yes,no\np2,\"Lee, Bo\",Arts,absent,\np3,Cy,,1,false\n")
        #expect(r.ids == ["p1", "p2", "p3"])
        #expect(r.attributeNames == ["name", "team"])
        #expect(r.attribute("name") == ["Ana", "Lee, Bo", "Cy"])
        #expect(r.attribute("team") == ["Math", "Arts", ""])
        #expect(r.responseWaves == ["fall", "spring"])
        #expect(r.responses(wave: "fall") == [.responded, .absent, .responded])
        #expect(r.responses(wave: "spring") == [.nonrespondent, nil, .nonrespondent])
        #expect(r.responses(wave: nil) == nil)
    }

    @Test func plainRespondedAppliesToEveryWave() throws {
        let r = try roster("ID,responded\na,Yes\nb,NO\n")
        #expect(r.responses(wave: nil) == [.responded, .nonrespondent])
        #expect(r.responses(wave: "w9") == [.responded, .nonrespondent])
    }

    @Test func duplicateIDs() {
        let e = failure("id,name\na,A\nb,B\na,C\n")
        #expect(e?.description.hasPrefix("roster.csv:4:1: error: id 'a' appears twice (first on line 2)") == true)
    }

    @Test func missingIDColumn() {
        let e = failure("name,team\nAna,Math\n")
        #expect(e?.line == 1 && e?.message.contains("no 'id' column") == true)
    }

    @Test func badResponseValue() {
        let e = failure("id,responded\na,maybe\n")
        #expect(e?.line == 2 && e?.column == 3)
        #expect(e?.hint?.contains("yes or no") == true)
    }

    @Test func emptyIDAndRaggedRow() {
        #expect(failure("id,team\n,Math\n")?.message == "empty id")
        #expect(failure("id,team,role\na,Math\n")?.line == 2)
    }

    @Test func duplicateColumnName() {
        #expect(failure("id,team,Team\na,b,c\n")?.message.contains("appears twice") == true)
    }

    @Test func emptyRoster() {
        #expect(failure("")?.message == "the roster is empty")
    }
}

@Suite struct ClosestMatchTests {
    @Test func swapsCountAsOneEdit() {
        #expect(editDistance(Array("bne".unicodeScalars), Array("ben".unicodeScalars), limit: 5) == 1)
        #expect(editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), limit: 5) == 3)
        #expect(editDistance(Array("abc".unicodeScalars), Array("xyzabc".unicodeScalars), limit: 2) == 3)
        #expect(closestMatch(to: "bne", among: ["ana", "ben"]) == "ben")
        #expect(closestMatch(to: "P03", among: ["p01", "p03"]) == "p03")
        #expect(closestMatch(to: "zzzzzz", among: ["ana", "ben"]) == nil)
    }
}
