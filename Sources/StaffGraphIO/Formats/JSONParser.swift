/// A JSON value that knows where it starts in the file, so a reader can say
/// `graph.json:14:22: error: weight "often" is not a number`.
///
/// Numbers keep their text as written (`7.500` stays `7.500`), so attributes
/// read back exactly; Python's `NaN`, `Infinity` and `-Infinity` (which
/// `json.dump` writes) are accepted as numbers (a weight must still be finite).
/// An object may not give a key twice (JSON parsers disagree on which one
/// wins, so it is an error at the second), and values nest at most
/// ``ReadLimits/nesting`` levels.
struct LocatedJSON: Sendable {
    /// The kinds of JSON value.
    enum Kind: Sendable {
        case null
        case bool(Bool)
        /// A number, as written.
        case number(String)
        case string(String)
        case array([LocatedJSON])
        /// Members in file order, each with the location of its key.
        case object([(key: String, value: LocatedJSON, keyLocation: FileLocation)])
    }

    /// The value.
    var kind: Kind
    /// Where the value starts.
    var location: FileLocation

    /// The member `key` of an object (keys are unique: the parser refuses repeats), or `nil`.
    subscript(_ key: String) -> LocatedJSON? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// "a string", "an object" …, for messages.
    var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "true or false"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The value as compact JSON text (for values kept as text).
    var compactText: String {
        switch kind {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let s): return s
        case .string(let s): return jsonQuoted(s)
        case .array(let items): return "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.map { jsonQuoted($0.key) + ":" + $0.value.compactText }.joined(separator: ",") + "}"
        }
    }
}

/// Parses JSON bytes into a ``LocatedJSON`` tree.
struct JSONParser {
    private let path: String
    private let bytes: [UInt8]
    private var p = 0
    private var locator: TextLocator
    private let start: Int
    private var depth = 0

    /// Parses `bytes` (the contents of `path`, named in messages).
    /// - Throws: ``InputError`` (`.badData`) at the first syntax error, with its line and column.
    static func parse(_ bytes: [UInt8], path: String) throws(InputError) -> LocatedJSON {
        var parser = try JSONParser(path: path, bytes: bytes)
        parser.skipSpace()
        if parser.p >= bytes.count {
            throw InputError(file: path, line: 1, column: 1, "the file is empty", hint: "a JSON network file holds one object with \"nodes\" and \"links\"")
        }
        let value = try parser.value()
        parser.skipSpace()
        if parser.p < bytes.count {
            throw parser.fail(parser.p, "unexpected text after the JSON value", hint: "a JSON file holds exactly one value; remove what follows it")
        }
        return value
    }

    private init(path: String, bytes: [UInt8]) throws(InputError) {
        self.path = path
        self.bytes = bytes
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        start = bom ? 3 : 0
        p = start
        locator = TextLocator(start: start)
        if let bad = CSVReader.firstInvalidUTF8(bytes, from: start) {
            let at = location(of: bad)
            throw InputError(file: path, line: at.line, column: at.column, "the file is not valid UTF-8: \(bytes[bad] == 0 ? "a NUL byte (UTF-16?)" : String(format2hex: bytes[bad]))",
                             hint: "JSON files are UTF-8; save it again as UTF-8")
        }
    }

    private mutating func location(of offset: Int) -> FileLocation {
        locator.location(of: offset, in: bytes)
    }

    private mutating func fail(_ offset: Int, _ message: String, hint: String) -> InputError {
        let at = location(of: offset)
        return InputError(file: path, line: at.line, column: at.column, message, hint: hint)
    }

    private mutating func skipSpace() {
        while p < bytes.count, bytes[p] == 32 || bytes[p] == 9 || bytes[p] == 10 || bytes[p] == 13 { p += 1 }
    }

    private func describe(_ offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        var end = offset + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'\(String(decoding: bytes[offset ..< end], as: UTF8.self))'"
    }

    private mutating func value() throws(InputError) -> LocatedJSON {
        skipSpace()
        let at = p
        guard p < bytes.count else {
            throw fail(p, "the file ends where a value is expected", hint: "the file may be cut short; export it again")
        }
        let here = location(of: at)
        switch bytes[p] {
        case UInt8(ascii: "{"):
            depth += 1
            if depth > ReadLimits.nesting {
                throw fail(at, "the JSON nests more than \(ReadLimits.nesting) levels deep here", hint: "a network file nests a few levels at most")
            }
            defer { depth -= 1 }
            p += 1
            var members: [(key: String, value: LocatedJSON, keyLocation: FileLocation)] = []
            var keyLines: [String: Int] = [:]
            skipSpace()
            if p < bytes.count && bytes[p] == UInt8(ascii: "}") { p += 1; return LocatedJSON(kind: .object(members), location: here) }
            while true {
                skipSpace()
                guard p < bytes.count, bytes[p] == UInt8(ascii: "\"") else {
                    throw fail(p, "expected a quoted key, found \(describe(p))", hint: p < bytes.count && bytes[p] == UInt8(ascii: "}") ? "remove the comma before '}'" : "object keys are strings in double quotes")
                }
                let keyLocation = location(of: p)
                let key = try string()
                if let before = keyLines[key] {
                    throw InputError(file: path, line: keyLocation.line, column: keyLocation.column,
                                     "the key \"\(key.clipped)\" appears twice in this object (first on line \(before))",
                                     hint: "JSON readers disagree on which of two equal keys wins; keep one of them")
                }
                keyLines[key] = keyLocation.line
                skipSpace()
                guard p < bytes.count, bytes[p] == UInt8(ascii: ":") else {
                    throw fail(p, "expected ':' after the key \"\(key.clipped)\", found \(describe(p))", hint: "write \"key\": value")
                }
                p += 1
                let v = try value()
                members.append((key, v, keyLocation))
                skipSpace()
                guard p < bytes.count else { throw fail(p, "the file ends inside an object (opened on line \(here.line), column \(here.column))", hint: "the file may be cut short; close it with '}'") }
                if bytes[p] == UInt8(ascii: ",") { p += 1; continue }
                if bytes[p] == UInt8(ascii: "}") { p += 1; break }
                throw fail(p, "expected ',' or '}' after a member, found \(describe(p))", hint: "separate members with commas")
            }
            return LocatedJSON(kind: .object(members), location: here)
        case UInt8(ascii: "["):
            depth += 1
            if depth > ReadLimits.nesting {
                throw fail(at, "the JSON nests more than \(ReadLimits.nesting) levels deep here", hint: "a network file nests a few levels at most")
            }
            defer { depth -= 1 }
            p += 1
            var items: [LocatedJSON] = []
            skipSpace()
            if p < bytes.count && bytes[p] == UInt8(ascii: "]") { p += 1; return LocatedJSON(kind: .array(items), location: here) }
            while true {
                skipSpace()
                if p < bytes.count && bytes[p] == UInt8(ascii: "]") {
                    throw fail(p, "expected a value, found ']'", hint: "remove the comma before ']'")
                }
                items.append(try value())
                skipSpace()
                guard p < bytes.count else { throw fail(p, "the file ends inside an array (opened on line \(here.line), column \(here.column))", hint: "the file may be cut short; close it with ']'") }
                if bytes[p] == UInt8(ascii: ",") { p += 1; continue }
                if bytes[p] == UInt8(ascii: "]") { p += 1; break }
                throw fail(p, "expected ',' or ']' after an array item, found \(describe(p))", hint: "separate items with commas")
            }
            return LocatedJSON(kind: .array(items), location: here)
        case UInt8(ascii: "\""):
            return LocatedJSON(kind: .string(try string()), location: here)
        case UInt8(ascii: "t"):
            try literal("true", at: at)
            return LocatedJSON(kind: .bool(true), location: here)
        case UInt8(ascii: "f"):
            try literal("false", at: at)
            return LocatedJSON(kind: .bool(false), location: here)
        case UInt8(ascii: "n"):
            try literal("null", at: at)
            return LocatedJSON(kind: .null, location: here)
        case UInt8(ascii: "N"):
            try literal("NaN", at: at)
            return LocatedJSON(kind: .number("NaN"), location: here)
        case UInt8(ascii: "I"):
            try literal("Infinity", at: at)
            return LocatedJSON(kind: .number("Infinity"), location: here)
        default:
            if bytes[p] == UInt8(ascii: "-") && p + 1 < bytes.count && bytes[p + 1] == UInt8(ascii: "I") {
                p += 1
                try literal("Infinity", at: at)
                return LocatedJSON(kind: .number("-Infinity"), location: here)
            }
            var end = p
            while end < bytes.count, let c = Optional(bytes[end]),
                  (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { end += 1 }
            let text = String(decoding: bytes[p ..< end], as: UTF8.self)
            guard end > p, isJSONNumber(text) else {
                if end == p {
                    throw fail(p, "expected a value, found \(describe(p))", hint: bytes[p] == UInt8(ascii: "'") ? "JSON strings use double quotes" : "values are strings, numbers, true, false, null, arrays or objects")
                }
                throw fail(p, "'\(text.clipped)' is not a JSON number", hint: "numbers are written like 3, -1.5 or 2e3 (no leading zeros, no trailing dot)")
            }
            p = end
            return LocatedJSON(kind: .number(text), location: here)
        }
    }

    private mutating func literal(_ word: StaticString, at: Int) throws(InputError) {
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { w -> Bool in
            guard p + count <= bytes.count else { return false }
            for k in 0 ..< count where bytes[p + k] != w[k] { return false }
            return true
        }
        guard matches else {
            throw fail(at, "expected a value, found \(describe(at))", hint: "values are strings, numbers, true, false, null, arrays or objects")
        }
        p += count
    }

    /// A string starting at `p` (which is `"`).
    private mutating func string() throws(InputError) -> String {
        let open = p
        p += 1
        var out: [UInt8] = []
        while true {
            guard p < bytes.count else {
                throw fail(open, "this string is never closed", hint: "add the closing \"")
            }
            let b = bytes[p]
            if b == UInt8(ascii: "\"") { p += 1; break }
            if b < 0x20 {
                throw fail(p, b == 10 ? "a line break inside a string" : "a control character inside a string", hint: "write it as an escape (\\n, \\t, \\u0001)")
            }
            if b != UInt8(ascii: "\\") { out.append(b); p += 1; continue }
            guard p + 1 < bytes.count else { throw fail(open, "this string is never closed", hint: "add the closing \"") }
            let e = bytes[p + 1]
            switch e {
            case UInt8(ascii: "\""): out.append(e)
            case UInt8(ascii: "\\"): out.append(e)
            case UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "u"):
                let escapeAt = p
                guard var unit = hex4(at: p + 2) else { throw fail(escapeAt, "'\\u' needs four hex digits", hint: "write e.g. \\u00e9") }
                p += 6
                if unit >= 0xD800 && unit <= 0xDBFF {
                    guard p + 1 < bytes.count, bytes[p] == UInt8(ascii: "\\"), bytes[p + 1] == UInt8(ascii: "u"), let low = hex4(at: p + 2), low >= 0xDC00 && low <= 0xDFFF else {
                        throw fail(escapeAt, "a lone surrogate '\\u\(String(unit, radix: 16))'", hint: "characters above U+FFFF are written as a surrogate pair")
                    }
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    p += 6
                } else if unit >= 0xDC00 && unit <= 0xDFFF {
                    throw fail(escapeAt, "a lone surrogate '\\u\(String(unit, radix: 16))'", hint: "characters above U+FFFF are written as a surrogate pair")
                }
                guard let scalar = Unicode.Scalar(unit) else { throw fail(escapeAt, "an invalid \\u escape", hint: "write e.g. \\u00e9") }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                continue
            default:
                throw fail(p, "unknown escape '\\\(String(decoding: [e], as: UTF8.self))'", hint: "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\")
            }
            p += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The four hex digits at `offset` as a number, or `nil` if they are not four hex digits.
    private func hex4(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for b in bytes[offset ..< offset + 4] {
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
