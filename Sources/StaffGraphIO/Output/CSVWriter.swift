/// Writes CSV text (RFC 4180): a field is quoted, with quotes doubled, when it
/// holds a comma, semicolon, tab, quote or line break, or starts or ends with a
/// space (so any reader, whatever separator it guesses, reads it back the
/// same); rows end in `\n`. Every CSV StaffGraph writes goes through here.
///
/// ```swift
/// CSVWriter.row(["p01", "Okonkwo, Margaret", "say \"hi\""])
/// // p01,"Okonkwo, Margaret","say ""hi"""
/// ```
public enum CSVWriter {
    /// One field, quoted when needed.
    public static func field(_ value: String, separator: Character = ",") -> String {
        // Unicode scalars, not characters: a quote or comma followed by a combining mark is one
        // character in Swift, but still a quote or comma to every CSV reader.
        let separatorScalars = separator.unicodeScalars
        let needsQuotes = value.unicodeScalars.contains { s in
            s == "," || s == ";" || s == "\t" || s == "\"" || s == "\n" || s == "\r" || (separatorScalars.count == 1 && separatorScalars.first == s)
        } || value.unicodeScalars.first == " " || value.unicodeScalars.last == " "
        guard needsQuotes else { return value }
        return "\"" + value.replacingQuotes() + "\""
    }

    /// One row, without the line end.
    public static func row(_ fields: [String], separator: Character = ",") -> String {
        fields.map { field($0, separator: separator) }.joined(separator: String(separator))
    }

    /// A header and rows, each line ending in `\n`.
    public static func table(header: [String], rows: [[String]], separator: Character = ",") -> String {
        var out = row(header, separator: separator) + "\n"
        for r in rows { out += row(r, separator: separator) + "\n" }
        return out
    }
}

extension String {
    /// The string with every `"` doubled.
    fileprivate func replacingQuotes() -> String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "\"" { out.append(scalar) }
            out.append(scalar)
        }
        return String(out)
    }
}
