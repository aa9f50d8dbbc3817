import StaffGraphCore

/// A number for people to read: integers without a fraction, others to 4 significant decimals.
public func formatNumber(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    var s = String(format4: x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}

extension String {
    /// `x` rounded to four decimals.
    public init(format4 x: Double) { self.init(fixed: x, decimals: 4) }

    /// `x` rounded half away from zero to `decimals` decimals, always printed with that many.
    public init(fixed x: Double, decimals: Int) {
        var scale = 1.0
        for _ in 0 ..< decimals { scale *= 10 }
        let scaled = (x * scale).rounded()
        let negative = scaled < 0
        let magnitude = Int64(abs(scaled))
        let unit = Int64(scale)
        let whole = magnitude / unit
        let digits = String(magnitude % unit)
        let fraction = decimals > 0 ? "." + String(repeating: "0", count: decimals - digits.count) + digits : ""
        self = (negative ? "-" : "") + "\(whole)" + fraction
    }
}

/// "Carmen Ortiz (p38)" when the roster has a name column, else the id.
public func displayName(_ roster: Roster, _ index: Int) -> String {
    let id = roster.ids[index]
    if let names = roster.attribute("name"), !names[index].isEmpty, names[index] != id { return "\(names[index]) (\(id))" }
    return id
}

/// Left- or right-aligned text in a column of `width` characters.
public func padded(_ s: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return right ? fill + s : s + fill
}

/// Rows of cells as aligned text columns (numbers right-aligned when `rightAligned[c]`).
public func alignedTable(header: [String], rows: [[String]], rightAligned: [Bool], indent: String = "  ") -> String {
    var widths = header.map(\.count)
    for r in rows { for (c, cell) in r.enumerated() where c < widths.count { widths[c] = max(widths[c], cell.count) } }
    func line(_ cells: [String]) -> String {
        var s = indent + cells.enumerated().map { padded($0.element, widths[$0.offset], right: rightAligned[$0.offset]) }.joined(separator: "  ")
        while s.hasSuffix(" ") { s.removeLast() }
        return s + "\n"
    }
    return line(header) + rows.map(line).joined()
}

/// A share as a percentage with one decimal, or "–".
public func percent(_ x: Double?) -> String {
    guard let x else { return "–" }
    return String(fixed: x * 100, decimals: 1) + "%"
}

/// A number to four decimals (trailing zeros kept), or "–" when undefined.
public func fixed4(_ x: Double?) -> String {
    guard let x, x.isFinite else { return "–" }
    return String(format4: x)
}

