import StaffGraphCore

/// How to read a memberships CSV (``MembershipReader``).
public struct MembershipOptions: Sendable {
    /// Header of the person column; `nil` accepts `person`, `id`, `person_id`, `member`.
    public var personColumn: String?
    /// Header of the group column; `nil` accepts `group`, `committee`, `team_name`, `group_id`.
    public var groupColumn: String?
    /// The field separator, or `nil` to detect comma, semicolon or tab.
    public var delimiter: UInt8?
    /// Leave out (and count) rows whose person is not on the roster instead of refusing the file.
    public var allowUnknown = false

    /// Default options.
    public init() {}
}

/// One person's membership of one group (in one wave, when the file has waves).
public struct MembershipRecord: Sendable, Equatable {
    /// The person's roster id.
    public var person: String
    /// The group's index in ``Memberships/groups``.
    public var group: Int
    /// The person's role in the group (`role_in_group`), empty when not given.
    public var role: String
    /// The wave, when the file has a wave column.
    public var wave: String?
}

/// What reading memberships set aside: repeated rows and unknown people.
public struct MembershipReport: Sendable, Equatable {
    /// Data rows (header, blank lines and empty rows excluded).
    public var rows = 0
    /// Rows repeating an earlier (person, group, wave): counted once.
    public var repeatedRows = 0
    /// The first few repeats, as "p01 in Executive Team (line 7; first on line 3)".
    public var repeatedExamples: [String] = []
    /// Ids not on the roster whose rows were left out (with ``MembershipOptions/allowUnknown``), in order of first appearance.
    public var unknownIDs: [String] = []
    /// How many rows those ids had.
    public var unknownRows = 0

    /// One sentence per kind of row set aside, for standard error; with
    /// `showingIDs` false (pseudonymised output) without the ids and examples.
    public func notes(showingIDs: Bool = true) -> [String] {
        var notes: [String] = []
        if repeatedRows > 0 {
            let examples = showingIDs ? ": " + repeatedExamples.joined(separator: "; ") + (repeatedRows > repeatedExamples.count ? "; …" : "") : ""
            notes.append("\(repeatedRows) repeated membership\(repeatedRows == 1 ? "" : "s") (same person, group and wave) counted once\(examples)")
        }
        if !unknownIDs.isEmpty {
            let ids = showingIDs ? " (\(describeNames(unknownIDs)))" : ""
            notes.append(note("\(unknownRows) membership row\(unknownRows == 1 ? "" : "s") of \(unknownIDs.count) id\(unknownIDs.count == 1 ? "" : "s") not on the roster left out\(ids) (\(setting: .allowUnknown))"))
        }
        return notes
    }
}

/// People's memberships of groups (teams, committees), read from a CSV of
/// `person,group` rows or from a roster column of `;`-separated groups.
/// People are named by roster id; a group is a name.
public struct Memberships: Sendable {
    /// Where they came from: the file, or "roster column 'committees'".
    public var source: String
    /// The name the memberships go by: the file's stem (`memberships` for
    /// `memberships.csv`) or the roster column's name.
    public var name: String
    /// Group names in order of first appearance.
    public var groups: [String]
    /// The memberships, each (person, group, wave) once, in input order.
    public var records: [MembershipRecord]
    /// Waves in order of first appearance; empty when the file has no wave column.
    public var waves: [String]
    /// Whether a `role_in_group` column was given.
    public var hasRoles: Bool
    /// What was set aside.
    public var report: MembershipReport

    /// The two-mode network of `roster`'s people and the groups with at least one
    /// of them as a member, in `wave` (`nil`: every membership, whatever its wave).
    /// `label` turns a record's roster id into the id `roster` uses (a pseudonym
    /// under anonymization); records whose person is not in `roster` (outside a
    /// selection) are left out.
    ///
    /// Returns the network and, for each of its groups, the index in ``groups``.
    public func twoMode(over roster: Roster, wave: String? = nil, label: (String) -> String? = { $0 }) -> (network: TwoModeNetwork, groups: [Int]) {
        var pairs: [(person: Int, group: Int)] = []
        var used = [Int](repeating: -1, count: groups.count)
        var kept: [Int] = []
        for record in records where wave == nil || record.wave == wave {
            guard let id = label(record.person), let p = roster.index(of: id) else { continue }
            pairs.append((p, record.group))
        }
        // Groups in the order of `groups`, only those with a member here.
        for pair in pairs { used[pair.group] = 0 }
        for g in groups.indices where used[g] == 0 { used[g] = kept.count; kept.append(g) }
        let network = TwoModeNetwork(personCount: roster.count, groupCount: kept.count,
                                     memberships: pairs.map { ($0.person, used[$0.group]) })
        return (network, kept)
    }
}

/// Reads memberships (``Memberships``).
///
/// The CSV: a header with a person column (`person`, `id`, `person_id`,
/// `member`) and a group column (`group`, `committee`, `group_id`), or the
/// names given in ``MembershipOptions``; optional `role_in_group` and `wave`
/// (`time`, `period`). Every person must be on the roster (or
/// ``MembershipOptions/allowUnknown`` leaves their rows out, counted). A row
/// repeating an earlier person, group and wave counts once and is reported
/// (``MembershipReport``), never silently dropped.
///
/// Refused with a located error: a missing column, an empty person or group,
/// a header naming a column twice, another network format, ids not on the
/// roster, and memberships whose projection onto people or groups would
/// hold more ties than ``ReadLimits/cellsAllowed(fileBytes:)`` (a group of
/// thousands: Σ_g k_g(k_g − 1) ties).
public enum MembershipReader {
    static let personAliases = ["person", "id", "person_id", "member", "member_id"]
    static let groupAliases = ["group", "committee", "group_id", "group_name"]
    static let roleAliases = ["role_in_group"]
    static let waveAliases = ["wave", "time", "period"]

    /// Reads `path` for the people of `roster`.
    /// - Throws: ``InputError`` naming the file, line and column of the first problem.
    public static func read(_ path: String, roster: Roster, options: MembershipOptions = MembershipOptions()) throws(InputError) -> Memberships {
        var reader = try CSVReader(path: path, delimiter: options.delimiter)
        return try read(reader: &reader, roster: roster, options: options)
    }

    /// Reads memberships CSV text held in memory (`name` appears in messages and gives the memberships' name).
    public static func read(bytes: [UInt8], name: String, roster: Roster, options: MembershipOptions = MembershipOptions()) throws(InputError) -> Memberships {
        var reader = try CSVReader(path: name, bytes: bytes, delimiter: options.delimiter)
        return try read(reader: &reader, roster: roster, options: options)
    }

    /// The name memberships read from `path` go by: the file name without folders and extension.
    public static func stem(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = file.lastIndex(of: "."), dot != file.startIndex { return String(file[..<dot]) }
        return file
    }

    static func read(reader: inout CSVReader, roster: Roster, options: MembershipOptions) throws(InputError) -> Memberships {
        let path = reader.path
        var header: [String]? = nil
        var personIndex = 0, groupIndex = 1
        var roleIndex: Int? = nil, waveIndex: Int? = nil
        var builder = Builder()
        var unknown: [(id: String, line: Int, column: Int)] = []
        var unknownSeen: Set<String> = []

        try reader.refuseOtherFormats(as: "a memberships CSV")
        try reader.forEachRecord { (fields, csv) throws(InputError) in
            guard let columns = header else {
                let names = fields.map { csv.string($0).trimmingSpaces }
                let lowered = names.map { $0.lowercased() }
                func find(_ explicit: String?, _ aliases: [String], setting: IOSetting?) throws(InputError) -> Int? {
                    if let explicit {
                        guard let i = lowered.firstIndex(of: explicit.lowercased()) else {
                            throw InputError(.usage, file: path, line: 1, column: 1,
                                             "there is no column named '\(explicit.clipped)'\(setting.map { " (given with \(setting: $0))" } ?? "")",
                                             hint: "the header has: \(describeNames(names))")
                        }
                        return i
                    }
                    return aliases.lazy.compactMap { lowered.firstIndex(of: $0) }.first
                }
                guard let p = try find(options.personColumn, personAliases, setting: .personColumn) else {
                    throw InputError(file: path, line: 1, column: 1, "no person column in the header (\(describeNames(names)))",
                                     hint: "name the column of roster ids 'person' (or say which it is with \(setting: .personColumn))")
                }
                guard let g = try find(options.groupColumn, groupAliases, setting: .groupColumn) else {
                    throw InputError(file: path, line: 1, column: 1, "no group column in the header (\(describeNames(names)))",
                                     hint: "name the column of team or committee names 'group' (or say which it is with \(setting: .groupColumn))")
                }
                if p == g {
                    throw InputError(.usage, file: path, line: 1, column: 1, "person and group are the same column ('\(names[p].clipped)')",
                                     hint: "name two different columns")
                }
                try csv.refuseRepeatedColumns(names, fields)
                personIndex = p
                groupIndex = g
                roleIndex = roleAliases.lazy.compactMap { lowered.firstIndex(of: $0) }.first
                waveIndex = waveAliases.lazy.compactMap { lowered.firstIndex(of: $0) }.first
                header = names
                return
            }
            if fields.allSatisfy(\.isEmpty) { return }
            let needed = max(personIndex, groupIndex, roleIndex ?? 0, waveIndex ?? 0) + 1
            if fields.count < needed {
                let first = fields[0]
                throw InputError(file: path, line: first.line, column: csv.endColumn(line: first.lineStart),
                                 "this row has \(fields.count) field\(fields.count == 1 ? "" : "s"); the header has \(columns.count) (\(describeNames(columns)))",
                                 hint: "every row needs a person and a group")
            }
            if fields.count > columns.count {
                for extra in fields[columns.count...] where !extra.isEmpty {
                    throw InputError(file: path, line: extra.line, column: csv.column(of: extra),
                                     "this row has \(fields.count) fields; the header has \(columns.count)",
                                     hint: "quote fields that contain the separator, e.g. \"Arts, Media & Entertainment\"")
                }
            }
            builder.report.rows += 1
            let pf = fields[personIndex], gf = fields[groupIndex]
            let person = csv.string(pf).trimmingSpaces, group = csv.string(gf).trimmingSpaces
            if person.isEmpty {
                throw InputError(file: path, line: pf.line, column: csv.column(of: pf), "empty person in column '\(columns[personIndex].clipped)'",
                                 hint: "every row names a person by their roster id")
            }
            if group.isEmpty {
                throw InputError(file: path, line: gf.line, column: csv.column(of: gf), "empty group in column '\(columns[groupIndex].clipped)'",
                                 hint: "every row names the group (team, committee) the person belongs to")
            }
            var wave: String? = nil
            if let wi = waveIndex {
                let wf = fields[wi]
                wave = csv.string(wf).trimmingSpaces
                if wave?.isEmpty ?? true {
                    throw InputError(file: path, line: wf.line, column: csv.column(of: wf), "empty wave in column '\(columns[wi].clipped)'",
                                     hint: "give every row its wave, or remove the wave column")
                }
            }
            if roster.index(of: person) == nil {
                builder.report.unknownRows += 1
                if unknownSeen.insert(person).inserted { unknown.append((person, pf.line, csv.column(of: pf))) }
                return
            }
            let role = roleIndex.map { csv.string(fields[$0]).trimmingSpaces } ?? ""
            builder.add(person: person, group: group, role: role, wave: wave, line: pf.line)
        }
        guard header != nil else {
            throw InputError(file: path, line: 1, column: 1, "the file is empty",
                             hint: "a memberships file starts with a header line such as person,group,role_in_group")
        }
        if !unknown.isEmpty {
            if !options.allowUnknown {
                let first = unknown[0]
                var details = unknown.prefix(20).map { "line \($0.line), column \($0.column): '\($0.id.clipped)'" }
                if unknown.count > 20 { details.append("… and \(unknown.count - 20) more") }
                let suggestion = closestMatch(to: first.id, among: roster.ids).map { "did you mean '\($0.clipped)'? " } ?? ""
                throw InputError(file: path, line: first.line, column: first.column,
                                 "\(unknown.count) person id\(unknown.count == 1 ? " is" : "s are") not on the roster (first: '\(first.id.clipped)')",
                                 hint: "\(suggestion)fix the ids, add the people to the roster, or use \(setting: .allowUnknown) to leave their rows out",
                                 details: details)
            }
            builder.report.unknownIDs = unknown.map(\.id)
        }
        let memberships = Memberships(source: path, name: stem(of: path), groups: builder.groups, records: builder.records,
                                      waves: builder.waves, hasRoles: roleIndex != nil, report: builder.report)
        try checkSize(memberships, roster: roster, file: path, fileBytes: reader.bytes.count)
        return memberships
    }

    /// Memberships from the roster column `column` (its name matched as
    /// ``Roster/column(named:file:)`` does), each cell a `;`-separated list of
    /// groups (`Executive Team; Implementation Council`); spaces around names
    /// are trimmed, empty cells and items ignored, a group named twice in one
    /// cell counted once and reported. `file` is the roster's path, for messages.
    /// - Throws: ``InputError`` (usage) for a column the roster does not have.
    public static func read(rosterColumn column: String, of roster: Roster, file: String) throws(InputError) -> Memberships {
        let (name, cells) = try roster.column(named: column, file: file)
        var builder = Builder()
        for (p, cell) in cells.enumerated() where !cell.isEmpty {
            builder.report.rows += 1
            for item in cell.split(separator: ";") {
                let group = String(item).trimmingSpaces
                if group.isEmpty { continue }
                builder.add(person: roster.ids[p], group: group, role: "", wave: nil, line: p + 2)
            }
        }
        let memberships = Memberships(source: "\(file), column '\(name)'", name: name, groups: builder.groups, records: builder.records,
                                      waves: [], hasRoles: false, report: builder.report)
        let bytes = cells.reduce(0) { $0 + $1.utf8.count + 1 }
        try checkSize(memberships, roster: roster, file: file, fileBytes: bytes)
        return memberships
    }

    /// Refuses memberships whose projections would hold more ties than the file's size allows.
    static func checkSize(_ memberships: Memberships, roster: Roster, file: String, fileBytes: Int) throws(InputError) {
        let (network, _) = memberships.twoMode(over: roster)
        let limit = ReadLimits.cellsAllowed(fileBytes: fileBytes)
        let people = network.personProjectionTieBound, groups = network.groupProjectionTieBound
        if people > limit || groups > limit {
            let which = people > limit ? "people" : "groups"
            throw InputError(file: file, "the memberships would tie \(grouped(max(people, groups) / 2)) pairs of \(which) when projected, more than the limit of \(grouped(limit / 2)) for a file of this size",
                             hint: people > limit ? "leave out groups of (nearly) everyone, such as the whole staff: they say nothing about who works with whom"
                                                   : "leave out people who belong to (nearly) every group")
        }
    }

    /// Collects distinct memberships, counting repeats.
    struct Builder {
        var groups: [String] = []
        var groupIndex: [String: Int] = [:]
        var records: [MembershipRecord] = []
        var waves: [String] = []
        var firstLine: [MembershipKey: Int] = [:]
        var report = MembershipReport()

        struct MembershipKey: Hashable { var person: String; var group: Int; var wave: String? }

        mutating func add(person: String, group: String, role: String, wave: String?, line: Int) {
            let g: Int
            if let known = groupIndex[group] { g = known } else {
                g = groups.count
                groupIndex[group] = g
                groups.append(group)
            }
            if let wave, !waves.contains(wave) { waves.append(wave) }
            let key = MembershipKey(person: person, group: g, wave: wave)
            if let before = firstLine[key] {
                report.repeatedRows += 1
                if report.repeatedExamples.count < 5 {
                    report.repeatedExamples.append("\(person.clipped) in \(group.clipped)\(wave.map { " (\($0.clipped))" } ?? "") (line \(line); first on line \(before))")
                }
                return
            }
            firstLine[key] = line
            records.append(MembershipRecord(person: person, group: g, role: role, wave: wave))
        }
    }
}
