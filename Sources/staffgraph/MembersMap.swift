import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport
import StaffGraphRender

/// What `members --map` draws from: the memberships read, the (selected,
/// pseudonymised) network, the wave and how roster ids become the network's.
struct MembershipDrawing: Sendable {
    var read: Memberships
    var network: Network
    var wave: String?
    var label: @Sendable (String) -> String?
    var anonymized: Bool
}

/// `members … --map FILE`: the membership map (composition only; the look is
/// ``MembershipMapBuilder``'s, the drawing ``GraphvizSession``'s).
extension Members {
    /// The checks of the map options (usage errors, exit 64).
    func validateMap() throws {
        guard let map else {
            for (flag, given) in [("--color-by", colorBy != nil), ("--labels", labels != nil), ("--layout", layout != nil)] where given {
                throw ValidationError("\(flag) is for the membership map: add --map FILE")
            }
            return
        }
        if MapFormat(path: map) == nil { throw ValidationError("--map must end in .png, .svg, .pdf or .dot (got '\(map)')") }
        if selection.per != nil { throw ValidationError("--map draws one map of the memberships; leave out --per (or draw one selection with --where)") }
        if let labels, LabelMode(argument: labels) == nil { throw ValidationError("--labels takes all, none or top:N (got '\(labels)')") }
        if let layout, layout != .neato && layout != .sfdp && layout != .fdp {
            throw ValidationError("--layout for a membership map: neato, fdp or sfdp (got \(layout.rawValue))")
        }
    }

    /// The membership map of `drawing`.
    func membershipMap(_ drawing: MembershipDrawing, format: MapFormat) throws(InputError) -> InfluenceMap {
        let roster = drawing.network.roster
        let (twoMode, kept) = drawing.read.twoMode(over: roster, wave: drawing.wave, label: drawing.label)
        let names = roster.attribute("name") ?? roster.ids
        let personLabels = zip(names, roster.ids).map { $0.isEmpty ? $1 : $0 }
        var request = MembershipMapRequest(network: twoMode, groupNames: kept.map { drawing.read.groups[$0] }, personLabels: personLabels)
        let drawn = (0 ..< twoMode.personCount).filter { twoMode.groupCount(of: $0) > 0 }.count
        request.labelMode = labels.flatMap(LabelMode.init(argument:)) ?? (drawn <= 80 ? .all : .top(30))
        request.layout = layout
        request.seed = seed
        let colorColumn: String? = {
            if let colorBy { return colorBy.lowercased() == "none" ? nil : colorBy }
            return roster.attribute("team") != nil ? "team" : nil
        }()
        if let colorColumn {
            let file = nodes
            let (colors, values) = try forOption("--color-by") { () throws(InputError) in
                (try roster.groupColors(by: colorColumn, file: file), try roster.column(named: colorColumn, file: file).values)
            }
            request.colors = GroupColoring(values: values, colors: colors)
        }
        var what = "memberships: \(drawing.read.source.split(separator: "/").last.map(String.init) ?? drawing.read.source)"
        if let wave = drawing.wave { what += ", wave \(wave)" }
        request.title = "Who sits where: \(drawing.read.name)"
        for selection in drawing.network.selection { what += " · \(selection)" }
        if drawing.anonymized { what += " · names replaced by pseudonyms" }
        request.caption = [what]
        if format == .svg || format == .dot {
            request.tooltips = (0 ..< roster.count).map { v in
                let groups = twoMode.groups(of: v).map { request.groupNames[Int($0)] }
                return "\(personLabels[v]) · in \(groups.count): \(groups.joined(separator: ", "))"
            }
        }
        return MembershipMapBuilder.build(request)
    }

    /// Lays out, renders and writes the map (atomically).
    func drawMap(_ drawing: MembershipDrawing) async throws {
        guard let path = map else { return }
        let format = MapFormat(path: path) ?? .png
        let built = try reportingInputErrors { try membershipMap(drawing, format: format) }
        do {
            let (bytes, warnings) = try await GraphvizSession.shared.render(built, format: format)
            for warning in warnings { printError("note: graphviz: \(warning)") }
            try reportingInputErrors { try AtomicFile.write(bytes, to: path) }
            let groups = built.people.filter { $0.shape == .square }.count
            printError("wrote \(path) (\(built.people.count - groups) people, \(groups) groups, \(built.lines.count) memberships, layout \(built.layout.rawValue))")
        } catch let error as RenderError {
            printError(error.description)
            throw ExitCode(70)
        }
    }
}
