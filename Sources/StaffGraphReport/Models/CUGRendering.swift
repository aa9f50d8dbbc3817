import StaffGraphCore
import StaffGraphIO

/// The renderings of a CUG test in `summary --cug`: the JSON object (also
/// the CSV columns of `--per`, nested keys joined with `_`) and the
/// plain-language text block.
public enum CUGRendering {
    /// The indices a CUG test compares for a network: betweenness left out when the panel skipped it
    /// or when draws × people × ties exceeds the panel's work limit; E-I only with a partition.
    public static func statistics(graph: Graph, draws: Int, betweennessSkipped: Bool, partition: Bool) -> [CUGStatistic] {
        let work = Double(draws) * Double(graph.nodeCount) * Double(max(1, graph.edgeCount))
        return CUGStatistic.allCases.filter { s in
            switch s {
            case .betweennessCentralization: return !betweennessSkipped && work <= CohesionPanel.defaultBetweennessWorkLimit
            case .eiIndex: return partition
            default: return true
            }
        }
    }

    /// What the null model holds fixed, in words ("the same size and number of ties").
    public static func heldFixed(_ conditioning: CUGConditioning) -> String {
        switch conditioning {
        case .size: return "the same number of people (each tie present with probability 1/2)"
        case .edges: return "the same size and number of ties"
        case .dyadCensus: return "the same size and numbers of mutual, one-way and empty pairs"
        }
    }

    /// The index's name in the text block.
    public static func label(_ statistic: CUGStatistic) -> String {
        switch statistic {
        case .inDegreeCentralization: return "In-degree centralization"
        case .betweennessCentralization: return "Betweenness centralization"
        case .reciprocity: return "Reciprocity (edgewise)"
        case .transitivity: return "Transitivity (directed, weak)"
        case .eiIndex: return "E-I index"
        }
    }

    /// The `cug` object of `summary --format json`: `mode`, `draws`, `seed`, `partition`
    /// (the `--by` column of the E-I index, or null), then one object per index
    /// with `observed`, `null_mean`, `null_sd`, `z`, `p_greater_or_equal`, `p_less_or_equal`.
    public static func json(_ test: CUGTest, partition: String?) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("mode", .string(test.conditioning.rawValue)),
            ("draws", .int(test.draws)),
            ("seed", .int(Int(truncatingIfNeeded: test.seed))),
            ("partition", partition.map { .string($0) } ?? .null),
        ]
        for r in test.results {
            fields.append((r.statistic.rawValue, .object([
                ("observed", .number(r.observed)),
                ("null_mean", .number(r.nullMean)),
                ("null_sd", .number(r.nullSD)),
                ("z", .number(r.z)),
                ("p_greater_or_equal", .number(r.pGreaterOrEqual)),
                ("p_less_or_equal", .number(r.pLessOrEqual)),
            ])))
        }
        return .object(fields)
    }

    /// A p-value as text: three decimals, or "< 1/draws" when no random network reached the observed value.
    static func pText(_ p: Double, draws: Int) -> String {
        if p == 0 { return "p < " + trimmed(1 / Double(max(1, draws))) }
        return "p = " + String(fixed: p, decimals: 3)
    }

    static func trimmed(_ x: Double) -> String {
        var s = String(fixed: x, decimals: 6)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    static func percent(_ share: Double) -> String {
        let pct = share * 100
        // 99.96 % is not "100 %": keep one decimal near the ends.
        if pct > 99 && pct < 100 || pct > 0 && pct < 1 { return String(fixed: pct, decimals: 1) + " %" }
        return String(fixed: pct, decimals: 0) + " %"
    }

    /// One sentence for one index, e.g. "In-degree centralization 0.4200 — higher than in
    /// 99.7 % of random networks with the same size and number of ties (p = 0.003);
    /// random networks: mean 0.2100, SD 0.0500, z = 4.20".
    public static func sentence(_ r: CUGIndexResult, conditioning: CUGConditioning, draws: Int) -> String {
        let name = label(r.statistic)
        guard let obs = r.observed else { return "\(name): not defined for this network" }
        guard let pge = r.pGreaterOrEqual, let ple = r.pLessOrEqual, let mean = r.nullMean else {
            return "\(name) \(String(format4: obs)): not defined in the random networks"
        }
        let fixed = heldFixed(conditioning)
        var text = "\(name) \(String(format4: obs)) — "
        if r.nullSD.map({ $0 <= 1e-12 }) ?? true && pge == 1 && ple == 1 {
            text += "the same in every random network with \(fixed) (fixed by them, so no test)"
            return text
        }
        let p: Double
        let higher = pge <= ple
        p = higher ? pge : ple
        let share = p == 0 ? "all \(draws)" : percent(1 - p) + " of"
        text += "\(higher ? "higher" : "lower") than in \(share) random networks with \(fixed)"
        text += " (\(pText(p, draws: draws))\(p >= 0.05 ? ", within what chance gives" : ""))"
        text += "; random networks: mean \(String(format4: mean))"
        if let sd = r.nullSD { text += ", SD \(String(format4: sd))" }
        if let z = r.z { text += ", z = \(String(fixed: z, decimals: 2))" }
        return text
    }

    /// The text block: a heading naming the test, one sentence per index, and the key.
    public static func block(_ test: CUGTest, heading: String, partition: String?) -> String {
        var out = "\(heading): is it more than chance? CUG test, \(test.draws) random networks with \(heldFixed(test.conditioning)) (seed \(test.seed))\n"
        for r in test.results {
            var line = sentence(r, conditioning: test.conditioning, draws: test.draws)
            if r.statistic == .eiIndex, let partition { line += " [groups: \(partition)]" }
            out += "  " + line + "\n"
        }
        return out
    }

    /// The key printed once below the CUG blocks.
    public static let key = """

        CUG (conditional uniform graph) test, as R sna cug.test: p = share of random networks at least as high \
        (or as low) as the observed value, the observed network not counted; small p = unlikely by chance alone. \
        Every answer is read as given (binary ties, non-respondents' rows as sent)

        """
}
