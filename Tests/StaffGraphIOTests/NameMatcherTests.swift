import Testing
import StaffGraphCore
@testable import StaffGraphIO

/// A small staff with the awkward cases: accents, a hyphenated surname that
/// contains another person's surname, an apostrophe, aliases, a shared first initial.
fileprivate let staff: [NameMatcher.Person] = [
    .init(id: "p01", name: "Margaret Okonkwo", aliases: ["Dr. O"]),
    .init(id: "p02", name: "Daniel Reyes"),
    .init(id: "p13", name: "José Núñez", aliases: ["Pepe", "Joe N"]),
    .init(id: "p17", name: "Amara Okafor-Reyes"),
    .init(id: "p18", name: "Liam O'Sullivan"),
    .init(id: "p21", name: "Zoë Martin"),
    .init(id: "p09", name: "Robert Ellison"),
    .init(id: "p33", name: "Rebecca Stone"),
    .init(id: "p45", name: "Björn Eriksson"),
    .init(id: "p50", name: "Ruth Abernathy"),
    .init(id: "p60", name: "Jessica Nunn"),
]

fileprivate let matcher = NameMatcher(people: staff)

/// The id a text matches, with the rule, or a description of why not.
fileprivate func outcome(_ text: String) -> String {
    switch matcher.match(text) {
    case .blank: return "blank"
    case let .matched(person, rule): return "\(staff[person].id) \(rule.rawValue)"
    case let .ambiguous(candidates, rule): return "ambiguous \(rule.rawValue): " + candidates.map { staff[$0].id }.joined(separator: ",")
    case let .unmatched(suggestions): return "unmatched: " + suggestions.map { staff[$0].id }.joined(separator: ",")
    }
}

@Suite struct NameMatcherTests {
    @Test func folding() {
        #expect(NameMatcher.fold("  Amara Okafor-Reyes ") == ["amara", "okafor", "reyes"])
        #expect(NameMatcher.fold("José NÚÑEZ") == ["jose", "nunez"])
        #expect(NameMatcher.fold("Liam O’Sullivan") == ["liam", "osullivan"])
        #expect(NameMatcher.fold("Björn\tEriksson") == ["bjorn", "eriksson"])
        #expect(NameMatcher.fold("Søren Straße") == ["soren", "strasse"])
        #expect(NameMatcher.fold("J.Núñez") == ["j", "nunez"])
        // Composed and decomposed accents fold alike.
        #expect(NameMatcher.fold("Jose\u{301}") == NameMatcher.fold("Jos\u{E9}"))
        #expect(NameMatcher.folded("Zoë   MARTIN") == "zoe martin")
    }

    @Test func exactNamesAndIds() {
        #expect(outcome("José Núñez") == "p13 exact")
        #expect(outcome("  Rebecca Stone ") == "p33 exact")
        #expect(outcome("p50") == "p50 exact")
    }

    @Test func caseSpacingPunctuationAccentsAndTitles() {
        #expect(outcome("jose nunez") == "p13 folded")
        #expect(outcome("ZOE MARTIN") == "p21 folded")
        #expect(outcome("Zoe  Martin") == "p21 folded")
        #expect(outcome("Liam OSullivan") == "p18 folded")
        #expect(outcome("liam o'sullivan") == "p18 folded")
        #expect(outcome("Amara Okafor Reyes") == "p17 folded")
        #expect(outcome("Mrs. Rebecca Stone") == "p33 folded")
        #expect(outcome("Bjorn Eriksson") == "p45 folded")
        #expect(outcome("P50") == "p50 folded")
    }

    @Test func aliases() {
        #expect(outcome("Pepe") == "p13 alias")
        #expect(outcome("Dr O") == "p01 alias")
        #expect(outcome("joe n.") == "p13 alias")
        #expect(NameMatcher.splitAliases(" Pepe ; Joe N|| Jo ") == ["Pepe", "Joe N", "Jo"])
    }

    @Test func aliasesComeFromTheRosterColumn() throws {
        let roster = try RosterReader.read(bytes: Array("id,name,aliases\na,Ana Silva,Annie|Ani S\nb,Bo Chen,\n".utf8), name: "roster.csv")
        let m = NameMatcher(roster: roster)
        #expect(m.match("annie") == .matched(person: 0, rule: .alias))
        #expect(m.match("Ani S.") == .matched(person: 0, rule: .alias))
        #expect(m.match("Chen, Bo") == .matched(person: 1, rule: .reversed))
        // Without a name column only ids match.
        let idsOnly = NameMatcher(roster: roster, nameColumn: "missing", aliasColumn: nil)
        #expect(idsOnly.match("b") == .matched(person: 1, rule: .exact))
        #expect(idsOnly.match("Bo Chen").person == nil)
    }

    @Test func lastCommaFirst() {
        #expect(outcome("Núñez, José") == "p13 reversed")
        #expect(outcome("nunez,jose") == "p13 reversed")
        #expect(outcome("Okafor-Reyes, Amara") == "p17 reversed")
        #expect(outcome("Stone Rebecca") == "p33 reversed")
    }

    @Test func nicknames() {
        #expect(outcome("Bob Ellison") == "p09 nickname")
        #expect(outcome("Becky Stone") == "p33 nickname")
        #expect(outcome("Ellison, Bob") == "p09 nickname")
        #expect(outcome("Jess Nunn") == "p60 nickname")
        #expect(NameMatcher.nicknameVariants("bob").first == "robert")
    }

    @Test func initials() {
        #expect(outcome("J. Núñez") == "p13 initials")
        #expect(outcome("J Nunez") == "p13 initials")
        #expect(outcome("Núñez, J.") == "p13 initials")
        #expect(outcome("Rebecca S.") == "p33 initials")
        #expect(outcome("RA") == "p50 initials")
        #expect(outcome("R.E.") == "p09 initials")
        // "A. Reyes": two people have Reyes in their surname, only one an A.
        #expect(outcome("A. Reyes") == "p17 initials")
        #expect(outcome("D. Reyes") == "p02 initials")
        // A lower-case two-letter word is not taken for initials.
        #expect(outcome("ra").hasPrefix("unmatched"))
    }

    @Test func surnameOrFirstNameWhenUnique() {
        #expect(outcome("Abernathy") == "p50 surname")
        #expect(outcome("Ms. Stone") == "p33 surname")
        #expect(outcome("Okafor-Reyes") == "p17 surname")
        #expect(outcome("Okafor") == "p17 surname")
        #expect(outcome("Ruth") == "p50 first name")
        #expect(outcome("Bob") == "p09 first name")
    }

    @Test func ambiguousNamesAreNeverGuessed() {
        // Daniel Reyes's surname, and part of Amara Okafor-Reyes's.
        #expect(outcome("Reyes") == "ambiguous surname: p02,p17")
        #expect(outcome("Mr. Reyes") == "ambiguous surname: p02,p17")
        // Two people with the same name.
        let twins = NameMatcher(people: [.init(id: "a", name: "Sam Lee"), .init(id: "b", name: "Sam Lee"), .init(id: "c", name: "Samuel Park")])
        #expect(twins.match("Sam Lee") == .ambiguous(candidates: [0, 1], rule: .exact))
        #expect(twins.match("sam lee") == .ambiguous(candidates: [0, 1], rule: .folded))
        #expect(twins.match("Sam") == .ambiguous(candidates: [0, 1], rule: .firstName))
        // A first name someone has is not read as a nickname of another.
        #expect(twins.match("Samuel") == .matched(person: 2, rule: .firstName))
    }

    @Test func nearMissesAreSuggestedNotAccepted() {
        #expect(outcome("Rebeca Stone") == "unmatched: p33")
        #expect(outcome("Margaret Okkonkwo") == "unmatched: p01")
        #expect(outcome("Abernaty") == "unmatched: p50")
        #expect(outcome("Ruth Abrams") == "unmatched: p50")       // shares the first name
        #expect(outcome("Dr. Patterson") == "unmatched: ")
        // Nearest first, then roster order.
        let m = NameMatcher(people: [.init(id: "a", name: "Anna Kowalski"), .init(id: "b", name: "Ana Kowalsky")])
        #expect(m.match("Ana Kowalski") == .unmatched(suggestions: [0, 1]))
    }

    @Test func blanksAndPlaceholders() {
        #expect(outcome("") == "blank")
        #expect(outcome("   ") == "blank")
        #expect(outcome("-") == "blank")
        #expect(outcome("N/A") == "blank")
        #expect(outcome("none") == "blank")
        #expect(outcome("No one") == "blank")
    }

    @Test func rulesAreOrdered() {
        #expect(NameMatchRule.exact < .folded && NameMatchRule.folded < .alias && NameMatchRule.alias < .reversed)
        #expect(NameMatchRule.allCases.filter(\.isHeuristic) == [.reversed, .nickname, .initials, .surname, .firstName])
    }
}
