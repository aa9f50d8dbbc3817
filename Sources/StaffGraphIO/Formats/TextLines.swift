/// A token of a line-oriented text format (Pajek, UCINET DL), with where it starts.
struct LineToken: Sendable {
    /// The token's text (quotes removed, escapes undone).
    var text: String
    /// 1-based character column where it starts (its opening quote, if quoted).
    var column: Int
    /// Whether it was quoted.
    var quoted: Bool
}

/// One line of a text file.
struct TextLine: Sendable {
    /// 1-based line number.
    var number: Int
    /// The line without its line end.
    var text: Substring
}

/// Splits a UTF-8 text file into lines (LF, CRLF or CR), after checking the encoding.
func textLines(_ bytes: [UInt8], path: String, format: String) throws(InputError) -> [TextLine] {
    if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
        throw InputError(file: path, line: 1, column: 1, "the file is UTF-16 encoded, not UTF-8",
                         hint: "save it again as UTF-8 (in a shell: iconv -f UTF-16 -t UTF-8 in out)")
    }
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    let start = bom ? 3 : 0
    if let bad = CSVReader.firstInvalidUTF8(bytes, from: start) {
        let (line, column) = CSVReader.location(of: bad, in: bytes, from: start)
        throw InputError(file: path, line: line, column: column, "the file is not valid UTF-8: \(bytes[bad] == 0 ? "a NUL byte" : String(format2hex: bytes[bad]))",
                         hint: "\(format) files written on Windows are often Windows-1252 or Latin-2: convert them first (iconv -f WINDOWS-1252 -t UTF-8 in out)")
    }
    let text = String(decoding: bytes[start...], as: UTF8.self)
    var lines: [TextLine] = []
    var number = 1
    var lineStart = text.startIndex
    let scalars = text.unicodeScalars
    var si = scalars.startIndex
    while si < scalars.endIndex {
        let s = scalars[si]
        if s == "\n" || s == "\r" {
            lines.append(TextLine(number: number, text: text[lineStart ..< si]))
            number += 1
            var next = scalars.index(after: si)
            if s == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
            si = next
            lineStart = si
            continue
        }
        si = scalars.index(after: si)
    }
    if lineStart < text.endIndex { lines.append(TextLine(number: number, text: text[lineStart...])) }
    return lines
}

/// Splits `line` into tokens separated by spaces, tabs and (when `commas`) commas.
/// A token may be quoted with `"`; inside quotes, with `backslashEscapes`, `\"` is a quote and `\\` a backslash
/// (other backslashes are kept), the convention of networkx and Python's `shlex`.
/// - Returns: the tokens, or the column of an unclosed quote.
func tokens(of line: Substring, commas: Bool, backslashEscapes: Bool) -> Result<[LineToken], UnclosedQuote> {
    var result: [LineToken] = []
    let scalars = Array(line.unicodeScalars)
    var i = 0
    func isSeparator(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || (commas && s == ",") }
    while i < scalars.count {
        if isSeparator(scalars[i]) { i += 1; continue }
        let column = i + 1
        if scalars[i] == "\"" {
            var text = String.UnicodeScalarView()
            var j = i + 1
            var closed = false
            while j < scalars.count {
                let s = scalars[j]
                if backslashEscapes && s == "\\" && j + 1 < scalars.count && (scalars[j + 1] == "\"" || scalars[j + 1] == "\\") {
                    text.append(scalars[j + 1]); j += 2; continue
                }
                if s == "\"" { closed = true; j += 1; break }
                text.append(s)
                j += 1
            }
            if !closed { return .failure(UnclosedQuote(column: column)) }
            result.append(LineToken(text: String(text), column: column, quoted: true))
            i = j
            continue
        }
        var text = String.UnicodeScalarView()
        while i < scalars.count && !isSeparator(scalars[i]) {
            text.append(scalars[i])
            i += 1
        }
        result.append(LineToken(text: String(text), column: column, quoted: false))
    }
    return .success(result)
}

/// A quote that is not closed on its line.
struct UnclosedQuote: Error {
    /// 1-based column of the opening quote.
    var column: Int
}

/// The column just past the last character of `line` (for "this line ends too early" messages).
func endColumn(of line: Substring) -> Int { line.unicodeScalars.count + 1 }
