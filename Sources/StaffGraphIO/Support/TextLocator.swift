/// A 1-based line and character column in a text file.
struct FileLocation: Sendable, Equatable {
    /// 1-based line.
    var line: Int
    /// 1-based column, counted in Unicode scalars (characters for most text).
    var column: Int
}

/// Turns byte offsets into line and column, for error messages of every reader
/// (CSV, JSON, XML). LF, CRLF and a lone CR end a line; columns count UTF-8
/// scalars, not bytes. It scans forward from its last answer, so asking for
/// increasing offsets over a whole file is linear.
struct TextLocator {
    private let start: Int
    private var offset: Int
    private var line = 1
    private var column = 1

    /// A locator for text beginning at byte `start` (after a byte-order mark).
    init(start: Int) {
        self.start = start
        offset = start
    }

    /// Line and column of byte `target` of `bytes`.
    mutating func location(of target: Int, in bytes: [UInt8]) -> FileLocation {
        if target < offset { offset = start; line = 1; column = 1 }
        var i = offset
        while i < target && i < bytes.count {
            let b = bytes[i]
            if b == 10 { line += 1; column = 1 }
            else if b == 13 { if !(i + 1 < bytes.count && bytes[i + 1] == 10) { line += 1; column = 1 } }
            else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        offset = i
        return FileLocation(line: line, column: column)
    }
}
