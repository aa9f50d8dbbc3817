import StaffGraphCore

/// Several rosters of one staff (one per survey wave, as `import survey`
/// writes them) merged into one, so that waves imported one by one analyse
/// exactly as one combined file does.
public enum RosterMerge {
    /// One roster to merge.
    public struct Part: Sendable {
        /// The roster as read.
        public var roster: Roster
        /// Its path, for notes.
        public var file: String
        /// The wave this roster was given for, if any: its plain `responded`
        /// column then becomes that wave's response column.
        public var wave: String?

        /// Creates a part.
        public init(roster: Roster, file: String, wave: String? = nil) {
            self.roster = roster
            self.file = file
            self.wave = wave
        }
    }

    /// The merged roster and what the merge noticed.
    public struct Result: Sendable {
        /// People in order of first appearance over the parts; attribute columns
        /// in order of first appearance; one response column per wave.
        public var roster: Roster
        /// Sentences for the user: cells on which the rosters disagree (the
        /// first roster's value is kept), people missing from some rosters.
        public var notes: [String]
    }

    /// Merges `parts` in order. A person's attribute value is the first
    /// non-empty one; a response status per wave is the first recorded one
    /// (an empty cell records nothing). Disagreements are kept as the first
    /// value and counted in ``Result/notes``, never dropped silently.
    /// Wave names of response columns are matched ignoring case (`responded_Fall`
    /// and `responded_fall` are one column, named as first seen).
    /// - Complexity: O(total rows × columns).
    public static func merge(_ parts: [Part]) -> Result {
        guard let first = parts.first else { return Result(roster: Roster(), notes: []) }
        if parts.count == 1 && first.wave == nil { return Result(roster: first.roster, notes: []) }
        var ids: [String] = []
        var index: [String: Int] = [:]
        for part in parts {
            for id in part.roster.ids where index[id] == nil {
                index[id] = ids.count
                ids.append(id)
            }
        }
        let n = ids.count
        var columns: [String] = []
        var values: [[String]] = []
        var waves: [String?] = []
        var statuses: [[ResponseStatus?]] = []
        var attributeConflicts: [String: Int] = [:]
        var responseConflicts: [String: Int] = [:]
        var notes: [String] = []
        for part in parts {
            let r = part.roster
            let rows = r.ids.map { index[$0] ?? 0 }
            for name in r.attributeNames {
                guard let cells = r.attribute(name) else { continue }
                let c: Int
                if let existing = columns.firstIndex(of: name) {
                    c = existing
                } else {
                    c = columns.count
                    columns.append(name)
                    values.append([String](repeating: "", count: n))
                }
                for (k, cell) in cells.enumerated() where !cell.isEmpty {
                    let row = rows[k]
                    if values[c][row].isEmpty {
                        values[c][row] = cell
                    } else if values[c][row] != cell {
                        attributeConflicts[name, default: 0] += 1
                    }
                }
            }
            for wave in r.responseColumnWaves {
                guard let cells = r.responseColumn(wave: wave) else { continue }
                let target = wave ?? part.wave
                let c: Int
                if let existing = waves.firstIndex(where: { $0?.lowercased() == target?.lowercased() }) {
                    c = existing
                } else {
                    c = waves.count
                    waves.append(target)
                    statuses.append([ResponseStatus?](repeating: nil, count: n))
                }
                for (k, status) in cells.enumerated() {
                    guard let status else { continue }
                    let row = rows[k]
                    if statuses[c][row] == nil {
                        statuses[c][row] = status
                    } else if statuses[c][row] != status {
                        responseConflicts[target.map { "responded_\($0)" } ?? "responded", default: 0] += 1
                    }
                }
            }
            let missing = n - r.count
            if missing > 0 && parts.count > 1 {
                notes.append("\(part.file): \(missing) \(missing == 1 ? "person" : "people") of the other rosters \(missing == 1 ? "is" : "are") not on this roster")
            }
        }
        var roster = Roster(ids: ids)
        for (c, name) in columns.enumerated() { roster.setAttribute(name, values: values[c]) }
        for (c, wave) in waves.enumerated() { roster.setResponses(wave: wave, values: statuses[c]) }
        for name in columns where attributeConflicts[name] != nil {
            let k = attributeConflicts[name] ?? 0
            notes.append("the rosters disagree on '\(name.clipped)' for \(k) \(k == 1 ? "person" : "people"); the first roster's value is kept")
        }
        for (name, k) in responseConflicts.sorted(by: { $0.key < $1.key }) {
            notes.append("the rosters disagree on \(name.clipped) for \(k) \(k == 1 ? "person" : "people"); the first roster's value is kept")
        }
        return Result(roster: roster, notes: notes)
    }
}
