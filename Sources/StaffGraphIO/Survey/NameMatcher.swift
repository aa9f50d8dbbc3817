import Foundation
import StaffGraphCore

/// The rule by which a typed name was matched to one person on the roster,
/// in the order ``NameMatcher`` tries them.
public enum NameMatchRule: String, Sendable, CaseIterable, Comparable {
    /// The text is the person's name or id, character for character (spaces around it aside).
    case exact
    /// Equal after folding case, spaces, punctuation, accents and titles (Mr, Ms, Dr …):
    /// "jose  nunez", "Mrs. Rebecca Stone" and "OSullivan" for "O'Sullivan".
    case folded
    /// Equal (folded) to one of the person's aliases (the roster's `aliases` column).
    case alias
    /// The name turned around: "Núñez, José" or "Nunez Jose".
    case reversed
    /// A common nickname for the first name: "Bob Ellison" for Robert Ellison.
    case nickname
    /// Initials: "J. Núñez", "Núñez, J.", "José N." or all initials in capitals ("JN").
    case initials
    /// The surname alone ("Abernathy", "Ms. Ortiz"), or one part of a double-barrelled surname.
    case surname
    /// The first name alone ("Carmen").
    case firstName = "first name"

    /// Whether this is one of the rules beyond exact, folded and alias matching.
    public var isHeuristic: Bool { self >= .reversed }

    /// Rules compare by the order in which they are tried.
    public static func < (lhs: NameMatchRule, rhs: NameMatchRule) -> Bool {
        let order = allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}

/// What ``NameMatcher`` made of one typed name. Person numbers are indices
/// into ``NameMatcher/people`` (the roster's order).
public enum NameMatch: Sendable, Equatable {
    /// Nothing was typed (or only a placeholder such as "none", "n/a", "-").
    case blank
    /// One person, found by `rule`.
    case matched(person: Int, rule: NameMatchRule)
    /// Several people fit equally well under `rule`; the candidates are in roster order.
    case ambiguous(candidates: [Int], rule: NameMatchRule)
    /// No one fits. `suggestions` are the closest people (nearest first), possibly none.
    case unmatched(suggestions: [Int])

    /// The matched person, if exactly one.
    public var person: Int? {
        if case let .matched(person, _) = self { return person }
        return nil
    }
}

/// Matches names as people type them ("jose nunez", "Núñez, José", "Bob
/// Ellison", "Ms. Ortiz") to the people on a roster.
///
/// Rules, tried in this order; the first rule that finds anyone decides, and
/// when it finds more than one person the name is ambiguous (never guessed):
/// 1. ``NameMatchRule/exact``: the roster name or id as typed;
/// 2. ``NameMatchRule/folded``: after folding (see ``fold(_:)``) and dropping titles;
/// 3. ``NameMatchRule/alias``: a folded alias from the roster's aliases column;
/// 4. ``NameMatchRule/reversed``: "Last, First" or "Last First";
/// 5. ``NameMatchRule/nickname``: a common nickname of the first name (a small built-in table);
/// 6. ``NameMatchRule/initials``: "J. Núñez", "José N.", "JN";
/// 7. ``NameMatchRule/surname`` and ``NameMatchRule/firstName``: one word that is a
///    surname or a first name, accepted only when one person has it.
///
/// A name no rule matches gets up to three suggestions: people within a few
/// edits (``editDistance(_:_:limit:)``, optimal string alignment, over the
/// folded name, its reversal, aliases, surname and first name), then people
/// who share a whole word of the name. Suggestions are never accepted on
/// their own.
///
/// The first word of a name is the first name and the rest the surname
/// ("Amara Okafor-Reyes": first name amara, surname okafor reyes).
///
/// - Complexity: building is O(total length of names and aliases); matching a
///   name is O(1) hash lookups, plus O(people × name length) for the
///   suggestions of a name that does not match.
public struct NameMatcher: Sendable {
    /// One person the matcher knows.
    public struct Person: Sendable, Equatable {
        /// The roster id.
        public var id: String
        /// The name as on the roster (may be empty: then only the id and aliases match).
        public var name: String
        /// Other names the person goes by.
        public var aliases: [String]

        /// Creates a person.
        public init(id: String, name: String, aliases: [String] = []) {
            self.id = id
            self.name = name
            self.aliases = aliases
        }
    }

    /// The people, in roster order.
    public let people: [Person]

    private var exactKeys: [String: [Int]] = [:]
    private var foldedKeys: [String: [Int]] = [:]
    private var aliasKeys: [String: [Int]] = [:]
    private var reversedKeys: [String: [Int]] = [:]
    private var surnameKeys: [String: [Int]] = [:]
    private var firstNameKeys: [String: [Int]] = [:]
    private var initialsKeys: [String: [Int]] = [:]
    /// Folded name words per person (titles dropped).
    private var words: [[String]] = []
    /// Every compact form per person, for suggestions.
    private var forms: [[[Unicode.Scalar]]] = []

    /// A matcher for `people`.
    public init(people: [Person]) {
        self.people = people
        words.reserveCapacity(people.count)
        forms.reserveCapacity(people.count)
        for (i, person) in people.enumerated() {
            var personForms: [String] = []
            func add(_ key: String, to table: inout [String: [Int]]) {
                guard !key.isEmpty else { return }
                if table[key, default: []].last != i { table[key, default: []].append(i) }
            }
            let trimmedID = person.id.trimmingSpaces
            add(trimmedID, to: &exactKeys)
            add(Self.compact(Self.fold(person.id)), to: &foldedKeys)
            let name = person.name.trimmingSpaces
            add(name, to: &exactKeys)
            let w = Self.droppingTitles(Self.fold(name))
            words.append(w)
            if !w.isEmpty {
                let full = Self.compact(w)
                add(full, to: &foldedKeys)
                personForms.append(full)
                if w.count >= 2 {
                    for k in 1 ..< w.count {
                        let turned = Self.compact(Array(w[k...]) + Array(w[..<k]))
                        add(turned, to: &reversedKeys)
                        personForms.append(turned)
                    }
                    let surname = Self.compact(Array(w[1...]))
                    add(surname, to: &surnameKeys)
                    personForms.append(surname)
                    if w.count > 2 { for part in w[1...] where part.count > 1 { add(part, to: &surnameKeys) } }
                    add(w[0], to: &firstNameKeys)
                    personForms.append(w[0])
                    add(String(w.compactMap(\.first)), to: &initialsKeys)
                }
            }
            for alias in person.aliases {
                let a = Self.compact(Self.droppingTitles(Self.fold(alias)))
                add(a, to: &aliasKeys)
                if !a.isEmpty { personForms.append(a) }
            }
            forms.append(personForms.map { Array($0.unicodeScalars) })
        }
    }

    /// A matcher for the people of `roster`, with names from the attribute
    /// column `nameColumn` and aliases from `aliasColumn` (separated by `;`
    /// or `|`). A missing column means no names (or no aliases): people then
    /// match by id only.
    public init(roster: Roster, nameColumn: String = "name", aliasColumn: String? = "aliases") {
        let names = roster.attribute(nameColumn) ?? Array(repeating: "", count: roster.count)
        let aliases = aliasColumn.flatMap { roster.attribute($0) } ?? Array(repeating: "", count: roster.count)
        self.init(people: roster.ids.indices.map { i in
            Person(id: roster.ids[i], name: names[i], aliases: Self.splitAliases(aliases[i]))
        })
    }

    /// Splits an aliases cell on `;` or `|`, trimming each alias and dropping empty ones.
    public static func splitAliases(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "|" }).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// The display name of person `i`: the roster name, or the id when the name is empty.
    public func displayName(_ i: Int) -> String {
        let name = people[i].name.trimmingSpaces
        return name.isEmpty ? people[i].id : name
    }

    // MARK: Matching

    /// Matches one typed name.
    public func match(_ text: String) -> NameMatch {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return .blank }
        if let hits = exactKeys[trimmed] { return decide(hits, .exact) }
        let typed = Self.droppingTitles(Self.fold(trimmed))
        if typed.isEmpty { return .blank }
        let key = Self.compact(typed)
        if let hits = foldedKeys[key] { return decide(hits, .folded) }
        if let hits = aliasKeys[key] { return decide(hits, .alias) }

        // "Last, First": the words after the first comma come first.
        var ordered = typed
        let hasComma = trimmed.contains(",")
        if hasComma, let comma = trimmed.firstIndex(of: ",") {
            let before = Self.droppingTitles(Self.fold(String(trimmed[..<comma])))
            let after = Self.droppingTitles(Self.fold(String(trimmed[trimmed.index(after: comma)...])))
            if !before.isEmpty && !after.isEmpty {
                ordered = after + before
                if let hits = foldedKeys[Self.compact(ordered)] { return decide(hits, .reversed) }
                if let hits = aliasKeys[Self.compact(ordered)] { return decide(hits, .alias) }
            }
        }
        if !hasComma, typed.count >= 2, let hits = reversedKeys[key] { return decide(hits, .reversed) }

        // Nicknames of the first word.
        if ordered.count >= 2 {
            var hits: [Int] = []
            for variant in Self.nicknameVariants(ordered[0]) {
                hits += foldedKeys[Self.compact([variant] + ordered[1...]), default: []]
            }
            if !hits.isEmpty { return decide(hits, .nickname) }
        }

        // Initials.
        if let hits = initialsMatch(ordered, original: trimmed), !hits.isEmpty { return decide(hits, .initials) }

        // A surname alone ("Abernathy", "Ms. Okafor-Reyes"), or one word that is a first name (or a nickname of one).
        do {
            var hits = surnameKeys[Self.compact(ordered), default: []]
            let bySurname = Set(hits)
            if ordered.count == 1 {
                hits += firstNameKeys[ordered[0], default: []]
                // Nicknames only when no one has the word itself as surname or first name.
                if hits.isEmpty {
                    for variant in Self.nicknameVariants(ordered[0]) { hits += firstNameKeys[variant, default: []] }
                }
            }
            if !hits.isEmpty {
                let unique = Self.sortedUnique(hits)
                if unique.count == 1 { return .matched(person: unique[0], rule: bySurname.contains(unique[0]) ? .surname : .firstName) }
                return .ambiguous(candidates: unique, rule: bySurname.isEmpty ? .firstName : .surname)
            }
        }

        if Self.placeholders.contains(key) { return .blank }
        return .unmatched(suggestions: suggestions(for: ordered))
    }

    private func decide(_ hits: [Int], _ rule: NameMatchRule) -> NameMatch {
        let unique = Self.sortedUnique(hits)
        if unique.count == 1 { return .matched(person: unique[0], rule: rule) }
        return .ambiguous(candidates: unique, rule: rule)
    }

    /// "J. Núñez" / "J Nunez", "José N.", and all-capital initials ("JN", "J.N.").
    private func initialsMatch(_ w: [String], original: String) -> [Int]? {
        if w.count >= 2 {
            var hits: [Int] = []
            if w[0].count == 1, w.dropFirst().allSatisfy({ $0.count > 1 }) {
                // Initial + surname.
                let surname = Self.compact(Array(w[1...]))
                for p in surnameKeys[surname, default: []] where words[p].first?.first == w[0].first { hits.append(p) }
            }
            if let last = w.last, last.count == 1, w.dropLast().allSatisfy({ $0.count > 1 }) {
                // First name + initial of the surname.
                let first = Self.compact(Array(w.dropLast()))
                var firsts = [first]
                if w.count == 2 { firsts += Self.nicknameVariants(first) }
                for f in firsts {
                    for p in firstNameKeys[f, default: []] where words[p].count >= 2 && words[p][1].first == last.first { hits.append(p) }
                }
            }
            if w.allSatisfy({ $0.count == 1 }) && w.count <= 4 {
                hits += initialsKeys[w.joined(), default: []]
            }
            return hits
        }
        // One word in capitals, two to four letters, possibly with dots: "JN", "J.N.",
        // unless the word is someone's surname or first name.
        if w.count == 1, surnameKeys[w[0]] != nil || firstNameKeys[w[0]] != nil { return nil }
        let letters = original.unicodeScalars.filter { $0 != "." && $0 != " " }
        if w.count == 1, (2 ... 4).contains(letters.count), letters.allSatisfy({ $0.properties.isUppercase }) {
            return initialsKeys[w[0]]
        }
        return nil
    }

    /// Up to three people close to the typed words: within a few edits of one of
    /// their forms (nearest first), then people sharing a whole word.
    private func suggestions(for typed: [String]) -> [Int] {
        let key = Array(Self.compact(typed).unicodeScalars)
        guard !key.isEmpty else { return [] }
        let limit = key.count <= 4 ? 1 : (key.count <= 8 ? 2 : 3)
        var scored: [(distance: Int, person: Int)] = []
        for p in forms.indices {
            var best = limit + 1
            for form in forms[p] {
                best = min(best, editDistance(key, form, limit: min(limit, best - 1)))
                if best == 0 { break }
            }
            if best <= limit { scored.append((best, p)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.person < $1.person }
        var result = scored.map(\.person)
        let typedWords = Set(typed.filter { $0.count > 1 })
        if result.count < 3 && !typedWords.isEmpty {
            for p in words.indices where !result.contains(p) && words[p].contains(where: { typedWords.contains($0) }) {
                result.append(p)
            }
        }
        return Array(result.prefix(3))
    }

    // MARK: Folding

    /// Folds a name into lower-case words without accents or punctuation:
    /// Unicode NFD with combining marks removed, lower-cased, a few letters
    /// that do not decompose spelled out (ø → o, ß → ss, æ → ae, ł → l …),
    /// apostrophes removed ("O'Sullivan" → "osullivan"), and every other
    /// character that is not a letter or digit a word break.
    ///
    ///     NameMatcher.fold("  Amara Okafor-Reyes ") == ["amara", "okafor", "reyes"]
    ///     NameMatcher.fold("José NÚÑEZ") == ["jose", "nunez"]
    public static func fold(_ text: String) -> [String] {
        var result: [String] = []
        var word = String.UnicodeScalarView()
        func flush() {
            if !word.isEmpty { result.append(String(word)); word = String.UnicodeScalarView() }
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                continue
            default:
                break
            }
            if apostrophes.contains(scalar) { continue }
            if properties.isAlphabetic || properties.numericType != nil {
                for lower in properties.lowercaseMapping.unicodeScalars {
                    if let spelled = spelledOut[lower] { word.append(contentsOf: spelled.unicodeScalars) } else { word.append(lower) }
                }
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// The folded words of `text` joined by single spaces.
    public static func folded(_ text: String) -> String { fold(text).joined(separator: " ") }

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}"]
    private static let spelledOut: [Unicode.Scalar: String] = [
        "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h",
    ]
    /// Titles dropped from the front of a name ("Mrs. Stone" → "stone").
    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sr", "sra", "srta", "mme", "mlle", "herr", "frau"]
    /// Typed answers that mean "no one".
    static let placeholders: Set<String> = ["none", "na", "nobody", "noone", "nil", "null", "nothing", "nonenamed"]

    private static func droppingTitles(_ words: [String]) -> [String] {
        var w = words[...]
        while w.count > 1, let first = w.first, titles.contains(first) { w = w.dropFirst() }
        return Array(w)
    }

    private static func compact(_ words: [String]) -> String { words.joined() }

    private static func sortedUnique(_ values: [Int]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(values.count)
        for v in values.sorted() where out.last != v { out.append(v) }
        return out
    }

    // MARK: Nicknames

    /// Groups of first names that stand for one another (English nicknames and a few others).
    static let nicknameGroups: [[String]] = [
        ["robert", "bob", "bobby", "rob", "robbie", "bert"],
        ["william", "bill", "billy", "will", "willy"],
        ["michael", "mike", "mikey", "mick", "mickey"],
        ["thomas", "tom", "tommy"],
        ["daniel", "dan", "danny"],
        ["samuel", "sam", "sammy"],
        ["samantha", "sam", "sammy"],
        ["james", "jim", "jimmy", "jamie"],
        ["jessica", "jess", "jessie"],
        ["rebecca", "becky", "becca"],
        ["margaret", "maggie", "meg", "peggy", "marge"],
        ["katherine", "kate", "katie", "kathy", "kat"],
        ["catherine", "cathy", "kate", "cat"],
        ["elizabeth", "liz", "lizzie", "beth", "betsy", "eliza"],
        ["david", "dave", "davey"],
        ["andrew", "andy", "drew"],
        ["christopher", "chris"],
        ["christina", "chris", "tina"],
        ["matthew", "matt"],
        ["nicholas", "nick", "nicky"],
        ["jonathan", "jon"],
        ["joseph", "joe", "joey"],
        ["benjamin", "ben", "benny"],
        ["alexander", "alex", "sandy"],
        ["alexandra", "alex", "sandra"],
        ["anthony", "tony"],
        ["edward", "ed", "eddie", "ted"],
        ["richard", "rick", "rich", "dick"],
        ["patricia", "pat", "patty", "trish"],
        ["patrick", "pat", "paddy"],
        ["jennifer", "jen", "jenny"],
        ["susan", "sue", "susie"],
        ["deborah", "deb", "debbie"],
        ["victoria", "vicky", "tori"],
        ["peter", "pete"],
        ["stephen", "steve"],
        ["steven", "steve"],
        ["gregory", "greg"],
        ["timothy", "tim"],
        ["charles", "charlie", "chuck"],
        ["kenneth", "ken", "kenny"],
        ["ronald", "ron", "ronnie"],
        ["donald", "don", "donny"],
        ["jose", "pepe"],
        ["francisco", "paco", "pancho"],
        ["abigail", "abby"],
        ["olivia", "liv"],
    ]

    /// Other first names in the nickname groups of `name`, in table order.
    static func nicknameVariants(_ name: String) -> [String] {
        var out: [String] = []
        for group in nicknameGroups where group.contains(name) {
            for variant in group where variant != name && !out.contains(variant) { out.append(variant) }
        }
        return out
    }
}
