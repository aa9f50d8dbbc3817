/// A data table for the report: a caption, column headers (`<th scope="col">`),
/// optionally a row-header column (`<th scope="row">`), numbers right-aligned
/// in tabular figures. With the page script, clicking a header sorts the
/// rows (numeric columns by their numbers, missing values last; text
/// columns alphabetically); a second click reverses.
public struct HTMLTable: Sendable, Equatable {
    /// One column.
    public struct Column: Sendable, Equatable {
        /// Header text.
        public var title: String
        /// Right-aligned, sorted by number.
        public var numeric: Bool
        /// A longer explanation shown on hover (`title` attribute) and to screen readers, if any.
        public var explanation: String?

        /// Creates a column.
        public init(_ title: String, numeric: Bool = false, explanation: String? = nil) {
            self.title = title
            self.numeric = numeric
            self.explanation = explanation
        }
    }

    /// One cell: what it shows and, for numbers, the value it sorts by.
    public struct Cell: Sendable, Equatable {
        /// The content.
        public var content: HTMLFragment
        /// The number it sorts by (`data-sort`), `nil` for text or a missing number.
        public var sortValue: Double?
        /// Shown as a number (right-aligned, tabular figures).
        public var isNumeric: Bool

        /// A cell with any content.
        public init(content: HTMLFragment, sortValue: Double? = nil, isNumeric: Bool = false) {
            self.content = content
            self.sortValue = sortValue
            self.isNumeric = isNumeric
        }

        /// Escaped text.
        public static func text(_ text: String) -> Cell { Cell(content: .text(text)) }
        /// Trusted markup (a link to a section, a small SVG).
        public static func markup(_ fragment: HTMLFragment) -> Cell { Cell(content: fragment) }
        /// A number with fixed `decimals`; sorts by the exact value.
        public static func number(_ value: Double, decimals: Int) -> Cell {
            value.isFinite ? Cell(content: .text(NumberText.fixed(value, decimals: decimals)), sortValue: value, isNumeric: true) : missing
        }
        /// A whole number.
        public static func integer(_ value: Int) -> Cell { Cell(content: .text(String(value)), sortValue: Double(value), isNumeric: true) }
        /// A share 0…1 printed as a percentage (`0.43` → `43%`); sorts by the share.
        public static func percent(_ share: Double, decimals: Int = 0) -> Cell {
            share.isFinite ? Cell(content: .text(NumberText.percent(share, decimals: decimals)), sortValue: share, isNumeric: true) : missing
        }
        /// A number shown as `text` (e.g. "3 of 12"), sorting by `value`.
        public static func number(_ value: Double?, text: String) -> Cell { Cell(content: .text(text), sortValue: value, isNumeric: true) }
        /// A missing number: "–", sorted last.
        public static let missing = Cell(content: .text("–"), sortValue: nil, isNumeric: true)
    }

    /// The columns.
    public var columns: [Column]
    /// The rows; a row shorter than ``columns`` is padded with empty cells.
    public var rows: [[Cell]]
    /// Caption above the table (its accessible name), if any.
    public var caption: String?
    /// Whether the first column holds row headers (`<th scope="row">`), e.g. a person or team name.
    public var firstColumnIsHeader = true
    /// Clickable headers (needs the page script; without it the table is static).
    public var sortable = true
    /// An `id` for the table, if any (made safe with ``HTML/slug(_:)``).
    public var id: String?

    /// Creates a table.
    public init(columns: [Column], rows: [[Cell]], caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }

    /// The table's markup, wrapped in a horizontally scrolling box for narrow screens.
    public func html() -> HTMLFragment {
        var parts: [HTMLFragment] = []
        if let caption { parts.append(.element("caption", text: caption)) }
        let headers = columns.map { column -> HTMLFragment in
            var attributes = [HTMLAttribute("scope", "col")]
            if column.numeric { attributes.append(HTMLAttribute("class", "sg-num")) }
            if let explanation = column.explanation { attributes.append(HTMLAttribute("title", explanation)) }
            return .element("th", attributes, text: column.title)
        }
        parts.append(.element("thead", [.element("tr", headers)]))
        let body = rows.map { row -> HTMLFragment in
            let cells = columns.indices.map { c -> HTMLFragment in
                let cell = c < row.count ? row[c] : Cell.text("")
                var attributes: [HTMLAttribute] = []
                let isHeader = c == 0 && firstColumnIsHeader
                if isHeader { attributes.append(HTMLAttribute("scope", "row")) }
                if cell.isNumeric || columns[c].numeric { attributes.append(HTMLAttribute("class", "sg-num")) }
                if columns[c].numeric || cell.isNumeric { attributes.append(HTMLAttribute("data-sort", cell.sortValue.map(NumberText.plain) ?? "")) }
                return .element(isHeader ? "th" : "td", attributes, [cell.content])
            }
            return .element("tr", cells)
        }
        parts.append(.element("tbody", body))
        var attributes: [HTMLAttribute] = []
        if let id { attributes.append(HTMLAttribute("id", HTML.slug(id))) }
        attributes.append(HTMLAttribute("class", sortable ? "sg-table sg-sortable" : "sg-table"))
        return .element("div", [HTMLAttribute("class", "sg-table-wrap")], [.element("table", attributes, parts)])
    }
}
