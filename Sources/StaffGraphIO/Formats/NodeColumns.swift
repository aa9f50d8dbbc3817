import StaffGraphCore

/// The type a writer declares for a node attribute column.
enum ColumnType: Sendable, Equatable {
    /// Every non-empty value is an integer (JSON syntax, 64-bit).
    case integer
    /// Every non-empty value is a number (JSON syntax) and at least one is not an integer.
    case double
    /// Anything else, and every response column.
    case string

    /// Whether every value fits in a 32-bit Java `int` (GraphML `int`, GEXF `integer`) rather than needing `long`.
    static func fitsInt32(_ values: [String]) -> Bool {
        values.allSatisfy { $0.isEmpty || (Int64($0).map { $0 >= Int64(Int32.min) && $0 <= Int64(Int32.max) } ?? false) }
    }
}

/// One node attribute column as writers see it: the roster's attribute
/// columns, then its response columns (`responded`, `responded_<wave>`) as
/// text (`yes`, `no`, `absent`, empty when unknown).
struct NodeColumn: Sendable {
    /// The column name.
    var name: String
    /// One value per person, empty = missing.
    var values: [String]
    /// The declared type.
    var type: ColumnType
    /// Whether this is a response column.
    var isResponse: Bool

    /// All columns of `roster`, attributes first (roster order), then responses.
    static func columns(of roster: Roster) -> [NodeColumn] {
        var columns: [NodeColumn] = []
        for name in roster.attributeNames {
            let values = roster.attribute(name) ?? Array(repeating: "", count: roster.count)
            columns.append(NodeColumn(name: name, values: values, type: inferType(values), isResponse: false))
        }
        if let plain = roster.responses(wave: nil) {
            columns.append(NodeColumn(name: "responded", values: plain.map(responseText), type: .string, isResponse: true))
        }
        for wave in roster.responseWaves {
            guard let values = roster.responses(wave: wave) else { continue }
            columns.append(NodeColumn(name: "responded_\(wave)", values: values.map(responseText), type: .string, isResponse: true))
        }
        return columns
    }

    /// `.integer` when every non-empty value is an integer, `.double` when every one is a number, else `.string`
    /// (also for a column with no values at all).
    static func inferType(_ values: [String]) -> ColumnType {
        var any = false
        var allIntegers = true
        for v in values where !v.isEmpty {
            any = true
            guard isJSONNumber(v) else { return .string }
            if allIntegers && !isJSONInteger(v) { allIntegers = false }
        }
        if !any { return .string }
        return allIntegers ? .integer : .double
    }

    /// The roster CSV spelling of a response status.
    static func responseText(_ status: ResponseStatus?) -> String {
        switch status {
        case .responded: return "yes"
        case .nonrespondent: return "no"
        case .absent: return "absent"
        case nil: return ""
        }
    }
}

extension Network {
    /// Whether ties need a `relation` attribute: any layer's relation is not the default name `ties`.
    var writesRelation: Bool { layers.contains { $0.key.relation != "ties" } }

    /// Whether ties need a `wave` attribute: any layer has a wave.
    var writesWave: Bool { layers.contains { $0.key.wave != nil } }
}

/// "5 columns (name, role, team, level, years)": a count with the names, for notes.
func describeColumns(_ names: [String]) -> String {
    let shown = names.prefix(6).joined(separator: ", ")
    return "\(names.count) column\(names.count == 1 ? "" : "s") (\(shown)\(names.count > 6 ? ", …" : ""))"
}
