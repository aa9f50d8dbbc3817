import ArgumentParser
import StaffGraphCore
import StaffGraphIO
import StaffGraphReport
import StaffGraphRender

/// `draw --from COLUMN=VALUE --to COLUMN=VALUE`: the channels of `staffgraph
/// channels` highlighted on the influence map (composition only: the paths and
/// the cut are ``Channels``'s, the drawing ``ChannelHighlight``'s).
extension Draw {
    /// `--from` and `--to` as rules, for the privacy check of identifying columns.
    var channelRules: [(flag: String, rule: ColumnValues)] {
        [from.map { ("--from", $0) }, to.map { ("--to", $0) }].compactMap { $0 }
    }

    /// The checks of `--from`, `--to` and `--direction` (usage errors, exit 64).
    func validateChannels() throws {
        if (from == nil) != (to == nil) { throw ValidationError("give both --from and --to (the two sets of people whose channels are highlighted)") }
        if direction != nil && from == nil { throw ValidationError("--direction says how channels run: it needs --from and --to") }
        guard from != nil else { return }
        if input.nodes == nil { throw ValidationError("--from and --to need a roster (--nodes ROSTER) with the columns they name") }
        if aggregate != nil { throw ValidationError("--from/--to highlight people's channels, and --aggregate draws groups: choose one") }
        if ego != nil { throw ValidationError("--from/--to highlight channels across the whole map, --ego draws one neighbourhood: choose one") }
        if backbone != nil { throw ValidationError("--from/--to highlight channels over every tie; --backbone hides some of them: leave out --backbone") }
    }

    /// The highlight of the channels from `--from` to `--to` in `layer`
    /// (people absent in the wave left out, as `channels` does), or `nil` without them.
    func channelHighlight(_ network: Network, layer: Layer, notes: inout [String]) throws(InputError) -> ChannelHighlight? {
        guard let from, let to else { return nil }
        let roster = network.roster
        let view = AnalysisView(layer: layer, roster: roster)
        let (fromRule, inFrom, toRule, inTo) = try input.channelSets(from: from, to: to, in: network, view: view, notes: &notes)
        let chosen = direction ?? .either
        let channels = Channels(view.graph, from: inFrom, to: inTo, direction: chosen)
        var fromFlags = [Bool](repeating: false, count: roster.count)
        var toFlags = fromFlags
        for (i, v) in view.people.enumerated() {
            fromFlags[v] = inFrom[i]
            toFlags[v] = inTo[i]
        }
        let note: String
        switch chosen {
        case .either: note = "ties followed either way"
        case .named: note = "ties followed as named"
        case .adviceFlow: note = "advice flow: against the naming"
        }
        return ChannelHighlight(from: fromFlags, to: toFlags, fromRule: fromRule.description, toRule: toRule.description,
                                paths: channels.channelPaths.map { $0.map { view.people[$0] } },
                                cut: channels.cut.map { view.people[$0] }, directionNote: note)
    }
}
