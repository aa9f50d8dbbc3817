/// The limits every reader checks before it allocates, so that a small file
/// cannot make StaffGraph use memory or time out of proportion to its size.
///
/// Each reader's memory is proportional to the size of the file it reads,
/// except for one documented allowance: a Pajek `*Vertices n` or a UCINET DL
/// `n=` may declare people the file does not list (Pajek's `*Vertices 50` with
/// no vertex lines is fifty isolates), up to ``unlistedPeople``. A file that
/// declares more must be large enough to list them (``peopleAllowed(fileBytes:)``).
///
/// Errors name the limit, with the line and column of the count that breaks it.
public enum ReadLimits {
    /// How many people (vertices) a file may declare by a count alone,
    /// without listing them: 100,000, about 25 MB once read (and 2.3 MB of
    /// JSON when converted). Real networks this large list their people or
    /// their ties, which makes the file large enough for
    /// ``peopleAllowed(fileBytes:)`` to allow them; a count far beyond what the
    /// file holds is a mistake or an attack (`*Vertices 1099511627776`, 40 bytes,
    /// asked for 35 TB).
    public static let unlistedPeople = 100_000

    /// How deeply XML elements and JSON arrays and objects may nest: 64.
    /// Network files nest a handful of levels (GraphML four, yEd's GraphML
    /// about eight, node-link JSON four). (Survey specs have their own bounds:
    /// `SurveySpec.parse(yaml:file:)`.)
    public static let nesting = 64

    /// How many YAML aliases (`*name`) a survey spec may use: 8. An alias
    /// repeats a whole subtree, so each multiplies how deep the tree can be.
    public static let yamlAliases = 8

    /// The most cells a network read from a small file may have in its dense
    /// tables: attribute columns × people, and relation-and-wave layers ×
    /// people (each layer keeps offsets per person): 2,000,000, about 32 MB
    /// of attribute cells or 64 MB of layer offsets. Files over 500 KB may
    /// have four cells per byte (``cellsAllowed(fileBytes:)``), which any
    /// file that gives its values one by one stays well within.
    public static let cells = 2_000_000

    /// The most people a file of `fileBytes` bytes may declare: ``unlistedPeople``,
    /// or half the file's size when that is more (a listed vertex takes at least
    /// two bytes: a number and a line end), and never more than 2³¹ − 1, the
    /// largest node index a graph holds.
    public static func peopleAllowed(fileBytes: Int) -> Int {
        min(Int(Int32.max), max(unlistedPeople, fileBytes / 2))
    }

    /// The most table cells (columns × people, layers × people) for a file of `fileBytes` bytes:
    /// ``cells``, or four per byte of the file when that is more.
    public static func cellsAllowed(fileBytes: Int) -> Int {
        let (scaled, overflow) = fileBytes.multipliedReportingOverflow(by: 4)
        return max(cells, overflow ? Int.max : scaled)
    }
}

/// A number with thousands separators, for messages: 1,000,000.
public func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (k, c) in digits.enumerated() {
        if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return n < 0 ? "-" + out : out
}

extension String {
    /// The text as messages echo it: whole when it has at most 80 characters,
    /// else its first 80 followed by `… (N characters)`, so that a 5 MB id in a
    /// file cannot make a 5 MB message.
    var clipped: String {
        clipped(to: 80)
    }

    /// The text clipped to `limit` characters as ``clipped`` does.
    func clipped(to limit: Int) -> String {
        // Cheap test first: a string of at most `limit` UTF-8 bytes has at most `limit` characters.
        if utf8.count <= limit { return self }
        var count = 0
        var end = startIndex
        var index = startIndex
        while index < endIndex {
            count += 1
            if count == limit { end = self.index(after: index) }
            index = self.index(after: index)
        }
        if count <= limit { return self }
        return String(self[..<end]) + "… (\(grouped(count)) characters)"
    }
}

extension Substring {
    /// The text as messages echo it (see `String.clipped`).
    var clipped: String { String(self).clipped }
}

/// Names from a file for a note or message: the first ten, each clipped, then "and N more".
func describeNames(_ names: [String]) -> String {
    var text = names.prefix(10).map(\.clipped).joined(separator: ", ")
    if names.count > 10 { text += " and \(grouped(names.count - 10)) more" }
    return text
}
