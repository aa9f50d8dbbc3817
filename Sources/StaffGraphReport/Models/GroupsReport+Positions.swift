import StaffGraphCore
import StaffGraphIO

/// The positions and core–periphery sections of `groups` (`--positions K`, `--core`).
extension GroupsReport {
    /// Finds `count` positions of structurally equivalent people among the view's
    /// people (non-respondents' rows missing), as R sna `equiv.clust` + `cutree`.
    /// - Precondition: `1 ≤ count ≤` the number of people.
    public mutating func findPositions(_ count: Int, distance: StructuralDistance, linkage: Linkage) {
        positions = Positions(view.graph, positions: count, method: distance, linkage: linkage, observedRows: view.observedRows)
    }

    /// Finds the positions left when the clustering tree is cut at `height`
    /// (R's `cutree(hc, h = height)`; for correlation, heights are `−r`).
    public mutating func findPositions(atHeight height: Double, distance: StructuralDistance, linkage: Linkage) {
        positions = Positions(view.graph, height: height, method: distance, linkage: linkage, observedRows: view.observedRows)
    }

    /// Finds the Borgatti–Everett core (seeded search) and everyone's coreness.
    public mutating func findCore(pattern: CorePeripheryPattern, seed: UInt64) {
        corePeriphery = CorePeriphery(view.graph, pattern: pattern, seed: seed, observedRows: view.observedRows)
    }

    /// Per-person columns the sections add (CSV and table with `--per-person`).
    var positionColumns: [String] {
        (positions == nil ? [] : ["position"]) + (corePeriphery == nil ? [] : ["core", "coreness"])
    }

    /// Person `i`'s cells for ``positionColumns``.
    func positionCells(_ i: Int, decimals: Int? = nil) -> [String] {
        var cells: [String] = []
        if let p = positions { cells.append(String(p.membership[i] + 1)) }
        if let c = corePeriphery {
            cells.append(c.isCore[i] ? "core" : "periphery")
            cells.append(decimals.map { String(fixed: c.coreness[i], decimals: $0) } ?? formatJSONNumber(c.coreness[i]))
        }
        return cells
    }

    /// Person `i`'s JSON fields for the sections.
    func positionFields(_ i: Int) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if let p = positions { fields.append(("position", .int(p.membership[i] + 1))) }
        if let c = corePeriphery {
            fields.append(("core", .bool(c.isCore[i])))
            fields.append(("coreness", .number(c.coreness[i])))
        }
        return fields
    }

    /// How many of each group are in each of `blocks` blocks (`blocks × groups`).
    func composition(_ membership: [Int], blocks: Int) -> [[Int]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: partition.count), count: blocks)
        for (i, b) in membership.enumerated() { counts[b][partition.labels[i]] += 1 }
        return counts
    }

    /// Group counts as JSON, suppressed groups `null`.
    func compositionJSON(_ counts: [Int]) -> JSONValue {
        .object(partition.names.enumerated().map { g, name in (name, isSuppressed(g) ? .null : .int(counts[g])) })
    }

    /// The top-level JSON keys of the sections (none when not asked).
    func positionsJSON() -> [(String, JSONValue)] {
        var keys: [(String, JSONValue)] = []
        if let p = positions {
            let k = p.blockmodel.image.groups.count
            let counts = composition(p.membership, blocks: k)
            keys.append(("positions", .object([
                ("count", .int(k)),
                ("distance", .string(p.distances.method.rawValue)),
                ("linkage", .string(p.dendrogram.linkage.rawValue)),
                ("sizes", .array(p.blockmodel.image.sizes.map { .int($0) })),
                ("composition", .array(counts.map(compositionJSON))),
                ("block_ties", .array(p.blockmodel.image.ties.map { .array($0.map { .int($0) }) })),
                ("block_density", .array(p.blockmodel.image.density.map { .array($0.map { .number($0) }) })),
            ])))
        }
        if let c = corePeriphery {
            let counts = composition(c.isCore.map { $0 ? 0 : 1 }, blocks: 2)
            keys.append(("core_periphery", .object([
                ("pattern", .string(c.pattern == .coreOnly ? "core-only" : "core-and-links")),
                ("core_size", .int(c.isCore.filter { $0 }.count)),
                ("fit", .number(c.fit)),
                ("continuous_fit", .number(c.continuousFit)),
                ("core_composition", compositionJSON(counts[0])),
            ])))
        }
        return keys
    }

    /// Group counts as "Leadership 6, Math 2" (largest first, then by name;
    /// groups below the minimum size summed as "smaller groups").
    func compositionText(_ counts: [Int], of totals: [Int]? = nil) -> String {
        var parts: [(String, Int, Int)] = []
        var hidden = 0
        for g in 0 ..< partition.count where counts[g] > 0 {
            if isSuppressed(g) { hidden += counts[g]; continue }
            parts.append((partition.names[g], counts[g], totals?[g] ?? 0))
        }
        parts.sort { ($0.1, $1.0) > ($1.1, $0.0) }
        var text = parts.map { totals == nil ? "\($0.0) \($0.1)" : "\($0.0) \($0.1) of \($0.2)" }.joined(separator: ", ")
        if hidden > 0 { text += (text.isEmpty ? "" : ", ") + "smaller groups \(hidden)" }
        return text
    }

    /// The sections as `groups` prints them (empty when not asked).
    func positionsTable(roster: Roster) -> String {
        var out = ""
        if let p = positions {
            let image = p.blockmodel.image
            let k = image.groups.count
            out += "\nPositions: \(k) sets of people with similar ties (structural equivalence: \(p.distances.method.rawValue) distance between "
            out += "whom they name and who names them, \(p.dendrogram.linkage.rawValue) linkage; as R sna equiv.clust + cutree)\n"
            let counts = composition(p.membership, blocks: k)
            let rows = (0 ..< k).map { b in [String(b + 1), String(image.sizes[b]), compositionText(counts[b])] }
            out += alignedTable(header: ["position", "size", "made of (\(column))"], rows: rows, rightAligned: [true, true, false])
            out += "\nPosition image: share of possible ties from the row position to the column position (self-ties excluded)\n"
            let dRows = image.density.enumerated().map { b, row in [String(b + 1)] + row.map { x in x.map { String(fixed: $0, decimals: 2) } ?? "–" } }
            out += alignedTable(header: [""] + (1 ... k).map(String.init), rows: dRows, rightAligned: [true] + [Bool](repeating: true, count: k))
        }
        if let c = corePeriphery {
            let core = c.isCore.indices.filter { c.isCore[$0] }
            out += "\nCore and periphery (Borgatti–Everett): \(core.count) of \(c.isCore.count) people in the core, fit r = \(fixed4(c.fit))"
            out += c.pattern == .coreOnly
                ? " (the core densely tied among itself, the periphery not; ties between them not scored)\n"
                : " (the core densely tied among itself and to the periphery, the periphery not among itself)\n"
            let counts = composition(c.isCore.map { $0 ? 0 : 1 }, blocks: 2)
            out += "  the core by \(column): \(compositionText(counts[0], of: partition.sizes))\n"
            out += "  continuous coreness fits r = \(fixed4(c.continuousFit)) (c_i c_j against the ties; 0 = no core at all)\n"
            let ranked = core.sorted { (c.coreness[$0], -$0) > (c.coreness[$1], -$1) }
            // A group below the minimum size is not named next to a person (it could single them out).
            let rows = ranked.map { i in
                [displayName(roster, view.people[i]), isSuppressed(partition.labels[i]) ? "(small group)" : partition.names[partition.labels[i]],
                 String(fixed: c.coreness[i], decimals: 3)]
            }
            out += alignedTable(header: ["in the core", column, "coreness"], rows: rows, rightAligned: [false, false, true])
        }
        return out
    }
}
