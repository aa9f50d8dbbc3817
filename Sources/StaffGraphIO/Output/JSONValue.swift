/// A JSON value whose objects keep their keys in the order given, so output
/// is byte-identical from run to run (no `Dictionary` order).
public enum JSONValue: Sendable, Equatable {
    /// `null`
    case null
    /// `true` / `false`
    case bool(Bool)
    /// An integer.
    case int(Int)
    /// A number; non-finite values are written as `null`.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object with ordered keys.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered(pretty: false) == rhs.rendered(pretty: false)
    }

    /// `.number(x)` or `.null` when `x` is `nil`.
    public static func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
    /// `.int(x)` or `.null` when `x` is `nil`.
    public static func int(_ x: Int?) -> JSONValue { x.map { .int($0) } ?? .null }
    /// `.string(x)` or `.null` when `x` is `nil`.
    public static func string(_ x: String?) -> JSONValue { x.map { .string($0) } ?? .null }

    /// The JSON text; `pretty` indents by two spaces.
    public func rendered(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let x): out += formatJSONNumber(x)
        case .string(let s): out += jsonQuoted(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let scalar = items.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += pretty && scalar ? ", " : "," }
                if pretty && !scalar { out += "\n" + String(repeating: " ", count: indent + 2) }
                item.write(to: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty && !scalar { out += "\n" + String(repeating: " ", count: indent) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: " ", count: indent + 2) }
                out += jsonQuoted(key)
                out += pretty ? ": " : ":"
                value.write(to: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out += "\n" + String(repeating: " ", count: indent) }
            out += "}"
        }
    }
}

/// Shortest text that reads back as the same Double (Swift's `description`),
/// with integral values written without a fraction; non-finite values as `null`.
public func formatJSONNumber(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return x.description
}

/// `s` as a JSON string literal. With `forScript`, also `<`, `>`, `&`,
/// U+2028 and U+2029 as `\uXXXX`, so the literal is safe inside an HTML
/// `<script>` element (and still the same JSON string).
public func jsonQuoted(_ s: String, forScript: Bool = false) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "<" where forScript: out += "\\u003c"
        case ">" where forScript: out += "\\u003e"
        case "&" where forScript: out += "\\u0026"
        case "\u{2028}" where forScript: out += "\\u2028"
        case "\u{2029}" where forScript: out += "\\u2029"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
