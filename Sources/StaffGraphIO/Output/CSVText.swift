// Text conventions shared by every CSV writer (edge lists, rosters, review files, tables).

/// `s` as a CSV field: quoted (with doubled quotes) when it holds a comma, semicolon, tab, quote or line
/// break, starts or ends with a space, or could be taken for a blank row.
func csvField(_ s: String) -> String {
    var needsQuotes = false
    for c in s.unicodeScalars where c == "," || c == "\"" || c == "\n" || c == "\r" || c == ";" || c == "\t" {
        needsQuotes = true
        break
    }
    if let first = s.first, first == " " { needsQuotes = true }
    if let last = s.last, last == " " { needsQuotes = true }
    guard needsQuotes else { return s }
    var out = "\""
    for c in s.unicodeScalars {
        if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
    }
    return out + "\""
}

/// Formats a weight the way every writer does: integral values without a fraction (`3`), others in the
/// shortest form that reads back as the same number (`2.5`, `0.1`).
func formatWeight(_ w: Double) -> String { formatJSONNumber(w) }

