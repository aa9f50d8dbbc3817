/// A field of a CSV record: a byte range in the file plus where it starts.
struct CSVField {
    /// First byte of the value (after an opening quote, after leading spaces).
    var start: Int
    /// One past the last byte of the value.
    var end: Int
    /// The value was quoted and contains doubled quotes that must be undone.
    var hasEscapes: Bool
    /// The value was quoted in the file.
    var quoted: Bool
    /// 1-based line where the field starts.
    var line: Int
    /// Byte offset of the start of that line.
    var lineStart: Int
    /// Byte offset where the field starts in the file (its opening quote, if any).
    var origin: Int

    var isEmpty: Bool { start == end }
}

/// A byte-level, RFC 4180 CSV reader built for speed and for precise error
/// locations: it never allocates per field, and every field knows its line
/// and column.
///
/// Accepted: comma, semicolon or tab (sniffed from the header, or given);
/// quoted fields with doubled quotes and embedded newlines; a UTF-8 byte
/// order mark; LF, CRLF or CR line ends; blank lines (counted). Rejected with
/// a located ``InputError``: files that are not UTF-8 (UTF-16, Latin-1, Excel
/// workbooks), unterminated quotes, text after a closing quote.
struct CSVReader {
    let path: String
    /// The file's bytes (emptied by ``releaseBytes()`` once a reader has consumed them).
    private(set) var bytes: [UInt8]
    /// Offset of the first byte after the BOM.
    let bodyStart: Int
    /// The field separator.
    let delimiter: UInt8
    /// Blank lines seen so far.
    private(set) var blankLines = 0

    /// Reads `path` and checks its encoding.
    /// - Parameter delimiter: the separator, or `nil` to sniff it from the first line.
    init(path: String, delimiter: UInt8? = nil) throws(InputError) {
        try self.init(path: path, bytes: readFileBytes(path), delimiter: delimiter)
    }

    /// Wraps bytes already in memory (`path` is used in messages only).
    init(path: String, bytes: [UInt8], delimiter: UInt8? = nil) throws(InputError) {
        self.path = path
        self.bytes = bytes
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw InputError(file: path, line: 1, column: 1, "the file is UTF-16 encoded, not UTF-8",
                             hint: "save it again as \"CSV UTF-8\" (Excel: File › Save As › CSV UTF-8)")
        }
        if bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04 {
            throw InputError(file: path, line: 1, column: 1, "this is a zip archive (an Excel .xlsx workbook?), not a CSV file",
                             hint: "open it in the spreadsheet and export the sheet as \"CSV UTF-8\"")
        }
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        bodyStart = bom ? 3 : 0
        if let bad = Self.firstInvalidUTF8(bytes, from: bodyStart) {
            let (line, column) = Self.location(of: bad, in: bytes, from: bodyStart)
            let what = bytes[bad] == 0 ? "a NUL byte (binary or UTF-16 data)" : String(format2hex: bytes[bad])
            throw InputError(file: path, line: line, column: column, "the file is not valid UTF-8: \(what)",
                             hint: "save it again as \"CSV UTF-8\"; files from older Excel are often Windows-1252 (in a shell: iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv)")
        }
        self.delimiter = delimiter ?? Self.sniffDelimiter(bytes, from: bom ? 3 : 0)
    }

    /// The separator that occurs most often (outside quotes) on the first non-blank line; comma on a tie or when none occurs.
    static func sniffDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        var seenContent = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if !inQuotes && (b == 10 || b == 13) { if seenContent { break } }
            else if !inQuotes, counts[b] != nil { counts[b, default: 0] += 1 }
            if b != 10 && b != 13 && b != 32 { seenContent = true }
            i += 1
        }
        let comma = counts[UInt8(ascii: ",")] ?? 0, semicolon = counts[UInt8(ascii: ";")] ?? 0, tab = counts[UInt8(ascii: "\t")] ?? 0
        if tab > comma && tab >= semicolon { return UInt8(ascii: "\t") }
        if semicolon > comma { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }

    /// Offset of the first byte that breaks UTF-8, or `nil` if the text is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress else { return nil }
            let n = p.count
            var i = start
            while i < n {
                // ASCII fast path, 8 bytes at a time.
                while i + 8 <= n {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    // NUL bytes are valid UTF-8 but never valid in a text CSV.
                    if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                if i >= n { break }
                let b = p[i]
                if b == 0 { return i }
                if b < 0x80 { i += 1; continue }
                var need = 0
                var minimum: UInt32 = 0
                var scalar: UInt32 = 0
                if b & 0xE0 == 0xC0 { need = 1; minimum = 0x80; scalar = UInt32(b & 0x1F) }
                else if b & 0xF0 == 0xE0 { need = 2; minimum = 0x800; scalar = UInt32(b & 0x0F) }
                else if b & 0xF8 == 0xF0 { need = 3; minimum = 0x10000; scalar = UInt32(b & 0x07) }
                else { return i }
                if i + need >= n { return i }
                for k in 1 ... need {
                    guard i + k < n, p[i + k] & 0xC0 == 0x80 else { return i }
                    scalar = scalar << 6 | UInt32(p[i + k] & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return i }
                i += need + 1
            }
            return nil
        }
    }

    /// 1-based line and character column of byte `offset`.
    static func location(of offset: Int, in bytes: [UInt8], from start: Int) -> (line: Int, column: Int) {
        var locator = TextLocator(start: start)
        let at = locator.location(of: offset, in: bytes)
        return (at.line, at.column)
    }

    /// 1-based character column of `offset` on a line starting at `lineStart` (UTF-8 aware).
    static func characterColumn(_ bytes: [UInt8], lineStart: Int, offset: Int) -> Int {
        var column = 1
        var i = lineStart
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    /// The 1-based character column where `field` starts.
    func column(of field: CSVField) -> Int {
        Self.characterColumn(bytes, lineStart: field.lineStart, offset: field.origin)
    }

    /// The column just past the last byte of a line that starts at `lineStart`.
    func endColumn(line lineStart: Int) -> Int {
        var i = lineStart
        while i < bytes.count && bytes[i] != 10 && bytes[i] != 13 { i += 1 }
        return Self.characterColumn(bytes, lineStart: lineStart, offset: i)
    }

    /// The field's text, with doubled quotes undone.
    func string(_ field: CSVField) -> String {
        if !field.hasEscapes {
            return String(decoding: bytes[field.start ..< field.end], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(field.end - field.start)
        var i = field.start
        while i < field.end {
            out.append(bytes[i])
            if bytes[i] == UInt8(ascii: "\"") { i += 1 } // skip the second quote of a pair
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Calls `body` with the fields of each record in order, the header
    /// included (it is the first record). Blank lines are skipped and counted.
    /// The fields array is reused between calls.
    mutating func forEachRecord(_ body: (_ fields: [CSVField], _ reader: borrowing CSVReader) throws(InputError) -> Void) throws(InputError) {
        blankLines = try records(from: bodyStart, line: 1, limit: Int.max, body).blankLines
    }

    /// Frees the file's bytes, for a reader that has taken everything it needs
    /// from them (fields and locations of this reader are invalid afterwards).
    mutating func releaseBytes() { bytes = [] }

    /// Calls `body` with the fields of at most `limit` records that start at
    /// or after byte `start` (which begins line `line`), as ``forEachRecord(_:)``
    /// does, and returns where reading stopped: the byte offset and line of the
    /// next record and the blank lines skipped on the way.
    func records(from start: Int, line startLine: Int, limit: Int, _ body: (_ fields: [CSVField], _ reader: borrowing CSVReader) throws(InputError) -> Void) throws(InputError) -> (next: Int, line: Int, blankLines: Int) {
        var fields: [CSVField] = []
        fields.reserveCapacity(16)
        var p = start
        var line = startLine
        var done = 0
        let n = bytes.count
        let quote = UInt8(ascii: "\""), lf: UInt8 = 10, cr: UInt8 = 13, space: UInt8 = 32, tab: UInt8 = 9
        let delimiter = self.delimiter
        let trimTabs = delimiter != tab
        var blank = 0
        try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(InputError) in
            while p < n && done < limit {
                let recordLineStart = p
                // Blank (or whitespace-only) line?
                var q = p
                while q < n && (b[q] == space || (trimTabs && b[q] == tab)) { q += 1 }
                if q >= n { p = n; blank += 1; break }
                if b[q] == lf || b[q] == cr {
                    if b[q] == cr && q + 1 < n && b[q + 1] == lf { q += 1 }
                    p = q + 1
                    line += 1
                    blank += 1
                    continue
                }
                fields.removeAll(keepingCapacity: true)
                var lineStart = recordLineStart
                // Parse fields until the end of the record.
                while true {
                    let origin = p
                    var s = p
                    while s < n && (b[s] == space || (trimTabs && b[s] == tab)) { s += 1 }
                    if s < n && b[s] == quote {
                        let fieldLine = line, fieldLineStart = lineStart
                        let quoteAt = s
                        var i = s + 1
                        var escapes = false
                        var closed = false
                        while i < n {
                            let c = b[i]
                            if c == quote {
                                if i + 1 < n && b[i + 1] == quote { escapes = true; i += 2; continue }
                                closed = true
                                break
                            }
                            if c == lf || (c == cr && !(i + 1 < n && b[i + 1] == lf)) { line += 1; lineStart = i + 1 }
                            i += 1
                        }
                        if !closed {
                            throw InputError(file: path, line: fieldLine, column: Self.characterColumn(bytes, lineStart: fieldLineStart, offset: quoteAt),
                                             "this quoted field is never closed",
                                             hint: "add the closing \" or remove the opening one; a quote inside a quoted field is written twice (\"\")")
                        }
                        fields.append(CSVField(start: quoteAt + 1, end: i, hasEscapes: escapes, quoted: true, line: fieldLine, lineStart: fieldLineStart, origin: origin))
                        p = i + 1
                        while p < n && (b[p] == space || (trimTabs && b[p] == tab)) { p += 1 }
                        if p < n && b[p] != delimiter && b[p] != lf && b[p] != cr {
                            throw InputError(file: path, line: line, column: Self.characterColumn(bytes, lineStart: lineStart, offset: p),
                                             "unexpected text after a closing quote",
                                             hint: "quote the whole field and write inner quotes twice, e.g. \"say \"\"hi\"\"\"")
                        }
                    } else {
                        var e = s
                        while e < n {
                            let c = b[e]
                            if c == delimiter || c == lf || c == cr { break }
                            e += 1
                        }
                        p = e
                        var end = e
                        while end > s && (b[end - 1] == space || (trimTabs && b[end - 1] == tab)) { end -= 1 }
                        fields.append(CSVField(start: s, end: end, hasEscapes: false, quoted: false, line: line, lineStart: lineStart, origin: origin))
                    }
                    if p < n && b[p] == delimiter { p += 1; continue }
                    // End of record.
                    if p < n && b[p] == cr { p += 1 }
                    if p < n && b[p] == lf { p += 1 }
                    line += 1
                    break
                }
                done += 1
                try body(fields, self)
            }
        }
        return (p, line, blank)
    }
}

extension String {
    /// `byte 0xE9` style description of an invalid byte.
    init(format2hex byte: UInt8) {
        let digits = Array("0123456789ABCDEF")
        self = "byte 0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 15)])"
    }
}
