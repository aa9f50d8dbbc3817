import Foundation
import StaffGraphCore

/// A roster column and some of its values as a person typed them:
/// `role=principal,assistant principal`. Used to select people, to name
/// formal leaders and anywhere else a rule picks people by a roster value.
public struct ColumnValues: Sendable, Equatable, CustomStringConvertible {
    /// The column as typed.
    public var column: String
    /// The values as typed, in order, none empty.
    public var values: [String]

    /// Creates a rule from its parts.
    public init(column: String, values: [String]) {
        self.column = column
        self.values = values
    }

    /// Parses `COLUMN=VALUE[,VALUE…]`; spaces around names and values are
    /// dropped, empty values ignored. `nil` when there is no `=`, no column or no value.
    public init?(parsing text: String) {
        guard let eq = text.firstIndex(of: "=") else { return nil }
        column = String(text[..<eq]).trimmingSpaces
        values = text[text.index(after: eq)...].split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        if column.isEmpty || values.isEmpty { return nil }
    }

    /// `role=principal,coach`.
    public var description: String { "\(column)=\(values.joined(separator: ","))" }
}

/// The key under which typed values meet roster values: case, accents,
/// surrounding spaces and runs of inner spaces do not matter ("  Élan  Vital"
/// and "elan vital" meet); punctuation and digits do ("K-2" is not "K2").
public func rosterValueKey(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
        if scalar.properties.generalCategory == .nonspacingMark { continue }
        if scalar.properties.isWhitespace {
            pendingSpace = !out.isEmpty
            continue
        }
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(scalar)
    }
    return String(out)
}

/// A ``ColumnValues`` checked against a roster: the column as the roster spells
/// it and each value as the roster spells it.
public struct RosterRule: Sendable, Equatable, CustomStringConvertible {
    /// The column's name in the roster.
    public var column: String
    /// The matching values as the roster spells them, in the order typed (every
    /// roster spelling of a typed value, when the roster spells it several ways).
    public var values: [String]
    private var keys: Set<String>

    /// Creates a rule over roster spellings.
    public init(column: String, values: [String]) {
        self.column = column
        self.values = values
        keys = Set(values.map(rosterValueKey))
    }

    /// Whether a roster value is one of the rule's (case, accents and spacing ignored).
    public func matches(_ value: String) -> Bool { keys.contains(rosterValueKey(value)) }

    /// One flag per person of `roster`: whether their value in the column matches.
    public func members(of roster: Roster) -> [Bool] {
        guard let column = roster.attribute(column) else { return [Bool](repeating: false, count: roster.count) }
        return column.map(matches)
    }

    /// "role = principal, coach".
    public var description: String { "\(column) = \(values.joined(separator: ", "))" }
}

extension Roster {
    /// The column called `name` (exactly, else ignoring case and accents) as
    /// (its name in the roster, its values).
    /// - Throws: ``InputError`` (usage) naming the roster's columns and the
    ///   closest one ("did you mean 'team'?"). `file` is the roster's path, for the message.
    public func column(named name: String, file: String) throws(InputError) -> (name: String, values: [String]) {
        if let values = attribute(name) { return (name, values) }
        let key = rosterValueKey(name)
        if let match = attributeNames.first(where: { rosterValueKey($0) == key }), let values = attribute(match) { return (match, values) }
        if attributeNames.isEmpty {
            throw InputError(.usage, file: file, "there is no roster column '\(name.clipped)': the people have no attribute columns",
                             hint: "give a roster with an id column and a '\(name.clipped)' column")
        }
        let suggestion = closestMatch(to: name, among: attributeNames).map { "did you mean '\($0.clipped)'? " } ?? ""
        throw InputError(.usage, file: file, "the roster has no column '\(name.clipped)'",
                         hint: "\(suggestion)its columns are: \(attributeNames.joined(separator: ", "))")
    }

    /// Checks `rule` against the roster: its column must exist and every value
    /// must be held by at least one person (case, accents and spacing ignored).
    /// - Throws: ``InputError`` (usage) for an unknown column or a value no one
    ///   has, naming the column's values and the closest one.
    /// With `requireEveryValue` false, a value no one has is kept as typed
    /// (for a part of a roster whose whole was checked: a school without a coach).
    public func resolve(_ rule: ColumnValues, file: String, requireEveryValue: Bool = true) throws(InputError) -> RosterRule {
        let (column, cells) = try self.column(named: rule.column, file: file)
        var spellings: [String: [String]] = [:]
        var distinct: [String] = []
        for cell in cells where !cell.isEmpty {
            let key = rosterValueKey(cell)
            if spellings[key] == nil { distinct.append(cell) }
            if !(spellings[key]?.contains(cell) ?? false) { spellings[key, default: []].append(cell) }
        }
        var values: [String] = []
        for typed in rule.values {
            guard let found = spellings[rosterValueKey(typed)] else {
                if !requireEveryValue {
                    if !values.contains(typed) { values.append(typed) }
                    continue
                }
                let sorted = distinct.sorted()
                let shown = sorted.prefix(15).map { "'\($0.clipped)'" }.joined(separator: ", ") + (sorted.count > 15 ? ", … (\(sorted.count) values)" : "")
                let suggestion = closestMatch(to: typed, among: sorted).map { "did you mean '\($0.clipped)'? " } ?? ""
                throw InputError(.usage, file: file, "no one on the roster has \(column) '\(typed.clipped)'",
                                 hint: sorted.isEmpty ? "the column '\(column.clipped)' is empty" : "\(suggestion)\(column) holds: \(shown)")
            }
            for v in found where !values.contains(v) { values.append(v) }
        }
        return RosterRule(column: column, values: values)
    }

    /// The people of each value of column `name`: values in ascending order
    /// (people with no value last, as ``missingGroupName``), members in roster
    /// order. Values that differ only in case, accents or spacing are one group,
    /// named by their first spelling on the roster.
    /// - Throws: ``InputError`` for an unknown column.
    public func groups(by name: String, file: String) throws(InputError) -> (column: String, groups: [(value: String, members: [Int])]) {
        let (column, cells) = try self.column(named: name, file: file)
        var index: [String: Int] = [:]
        var groups: [(value: String, members: [Int])] = []
        var missing: [Int] = []
        for (person, cell) in cells.enumerated() {
            if cell.trimmingSpaces.isEmpty {
                missing.append(person)
                continue
            }
            let key = rosterValueKey(cell)
            if let g = index[key] {
                groups[g].members.append(person)
            } else {
                index[key] = groups.count
                groups.append((cell.trimmingSpaces, [person]))
            }
        }
        groups.sort { $0.value != $1.value ? $0.value < $1.value : $0.members[0] < $1.members[0] }
        if !missing.isEmpty { groups.append((Self.missingGroupName, missing)) }
        return (column, groups)
    }

    /// The name of the group of people with no value in a column.
    public static let missingGroupName = "(missing)"
}

extension Network {
    /// The network among the people who match every rule (AND), with each rule
    /// recorded in ``selection`` as the roster spells it ("team = Math").
    /// - Throws: ``InputError`` (usage) for an unknown column or value (see
    ///   ``Roster/resolve(_:file:)``), or when no one matches all the rules together.
    public func selecting(_ rules: [ColumnValues], rosterFile: String) throws(InputError) -> Network {
        guard !rules.isEmpty else { return self }
        var keep = [Bool](repeating: true, count: roster.count)
        var descriptions: [String] = []
        for rule in rules {
            let resolved = try roster.resolve(rule, file: rosterFile)
            for (person, member) in resolved.members(of: roster).enumerated() where !member { keep[person] = false }
            descriptions.append(resolved.description)
        }
        let members = keep.indices.filter { keep[$0] }
        if members.isEmpty {
            throw InputError(.usage, file: rosterFile, "no one on the roster matches all of: \(descriptions.joined(separator: "; "))",
                             hint: "each value exists, but never together; loosen one of the rules")
        }
        return restricted(to: members, description: descriptions.joined(separator: "; "))
    }
}
