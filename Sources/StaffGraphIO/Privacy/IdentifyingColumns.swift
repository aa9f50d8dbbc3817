import StaffGraphCore

/// A roster column that points to individual people, so that pseudonyms would
/// be pointless if it reached an output: a name, an email address, a staff
/// number, an alias, a phone number, or any column whose values are (nearly)
/// all different.
public struct IdentifyingColumn: Sendable, Equatable, CustomStringConvertible {
    /// Why a column counts as identifying.
    public enum Reason: Sendable, Equatable {
        /// Its name is that of a personal detail (name, email, id, aliases, phone …).
        case name
        /// Of the `people` who have a value, `unique` hold a value no one else holds.
        case uniqueValues(unique: Int, people: Int)
    }

    /// The column as the roster spells it.
    public var column: String
    /// Why it identifies people.
    public var reason: Reason

    /// Creates a finding.
    public init(column: String, reason: Reason) {
        self.column = column
        self.reason = reason
    }

    /// Why, in words: "its name is that of a personal detail …" or "58 of the 60 people with a value each hold a value no one else has".
    public var explanation: String {
        switch reason {
        case .name:
            return "its name is that of a personal detail, such as a name, email, id, alias or phone number"
        case let .uniqueValues(unique, people):
            return unique == people ? "each of the \(people) people with a value holds a value no one else has"
                                    : "\(unique) of the \(people) people with a value each hold a value no one else has"
        }
    }

    /// "name: its name is that of a personal detail …".
    public var description: String { "\(column): \(explanation)" }
}

/// Finds the roster columns that identify people (``IdentifyingColumn``).
///
/// A column is identifying when
/// - its name, split into words (at spaces, punctuation and camelCase), is
///   that of a personal detail: it contains one of ``personalWords`` (email,
///   phone, alias, nickname, surname, address …); or it is exactly `name`,
///   `label`, `id`, `identifier`, `uid`; or it is a name or an id of a person
///   (`first name`, `full_name`, `staffID`, `employee number` …). A group's
///   name (`school name`, `team_id`) is not; or
/// - its values are (nearly) one per person: at least ``minimumPeople`` people
///   have a value, and at least ``uniqueShare`` of them hold a value (case,
///   accents and spacing ignored) that no one else holds. That catches names,
///   emails and staff numbers under any column name, and a column "room" where
///   everyone has their own; a team or a role is shared and is not caught.
///
/// Only the attribute columns are looked at: the id column is always
/// identifying, and response columns hold yes/no/absent.
public enum IdentifyingColumns {
    /// Words that make any column name personal.
    public static let personalWords: Set<String> = [
        "email", "emails", "mail", "phone", "phones", "telephone", "tel", "mobile", "cellphone", "fax",
        "alias", "aliases", "nickname", "nicknames", "surname", "surnames", "forename", "forenames",
        "firstname", "lastname", "fullname", "givenname", "familyname", "middlename", "username",
        "login", "ssn", "address", "birthday", "birthdate", "dob", "initials",
    ]

    /// Whole column names (words joined) that are personal.
    static let personalNames: Set<String> = ["name", "names", "label", "id", "ids", "identifier", "uid", "uuid", "guid"]

    /// First words that make "<word> name" or "<word> id" a person's.
    static let personWords: Set<String> = [
        "first", "last", "full", "given", "family", "middle", "preferred", "display", "legal", "maiden", "real", "birth",
        "person", "personal", "people", "staff", "teacher", "employee", "user", "personnel", "member", "student",
        "educator", "badge", "payroll", "tax", "national", "social", "insurance", "passport", "license", "licence",
    ]

    /// Last words of a person's name or number.
    static let personTails: Set<String> = ["name", "names", "id", "ids", "identifier", "number", "no", "num", "nr", "code"]

    /// A column's values identify people when at least this many people have one …
    public static let minimumPeople = 5
    /// … and at least this share of them hold a value no one else holds.
    public static let uniqueShare = 0.9

    /// The identifying columns of `roster`, in roster order.
    /// - Complexity: O(people × attribute columns).
    public static func find(in roster: Roster) -> [IdentifyingColumn] {
        roster.attributeNames.compactMap { name in
            if nameLooksPersonal(name) { return IdentifyingColumn(column: name, reason: .name) }
            guard let values = roster.attribute(name) else { return nil }
            let present = values.filter { !$0.trimmingSpaces.isEmpty }
            func unique(_ key: (String) -> String) -> Int {
                var counts: [String: Int] = [:]
                for value in present { counts[key(value), default: 0] += 1 }
                return counts.values.filter { $0 == 1 }.count
            }
            func identifying(_ unique: Int) -> Bool { present.count >= minimumPeople && Double(unique) >= uniqueShare * Double(present.count) }
            // Values compared as typed first (fast); folding case and accents can only merge values.
            guard identifying(unique({ $0 })) else { return nil }
            let folded = unique(rosterValueKey)
            return identifying(folded) ? IdentifyingColumn(column: name, reason: .uniqueValues(unique: folded, people: present.count)) : nil
        }
    }

    /// Whether a column called `name` holds a personal detail by its name alone.
    public static func nameLooksPersonal(_ name: String) -> Bool {
        let words = words(of: name)
        guard !words.isEmpty else { return false }
        if words.contains(where: personalWords.contains) { return true }
        if personalNames.contains(words.joined()) || personalWords.contains(words.joined()) { return true }
        if words.count >= 2, let last = words.last, personTails.contains(last), personWords.contains(words[words.count - 2]) { return true }
        return false
    }

    /// Lower-case words of a column name: split at anything but letters and
    /// digits, and where a lower-case letter meets an upper-case one ("staffID" → staff, id).
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for c in name {
            if c.isLetter || c.isNumber {
                if c.isUppercase && previousWasLower && !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current += c.lowercased()
                previousWasLower = c.isLowercase || c.isNumber
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
