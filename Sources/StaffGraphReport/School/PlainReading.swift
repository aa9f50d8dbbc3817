import StaffGraphCore

/// The plain-language readings of the school report: one sentence per figure,
/// with the cut-offs written down here and in the conventions document
/// (Conventions.md, "Plain-language readings"), so a reader can see exactly
/// which number gives which words.
///
/// The cut-offs are StaffGraph's reading aids, chosen by us to split the
/// usual range of each figure into a few plainly worded bands; they are not
/// statistical tests and no study fixes them. The one exception is the
/// Jaccard index, which uses RSiena's guidance (Ripley et al., *Manual for
/// RSiena*, section on the Jaccard index between waves).
public enum PlainReading {
    /// How concentrated requests are, from Freeman in-degree centralization `c`
    /// (0–1): below 0.10 "widely shared", below 0.25 "fairly widely shared",
    /// below 0.50 "concentrated on a small group", otherwise "flows to a few people".
    public static func concentration(_ c: Double?) -> String? {
        guard let c else { return nil }
        switch c {
        case ..<0.10: return "Advice is widely shared: many people are sought out, none far more than the rest."
        case ..<0.25: return "Advice is fairly widely shared, with a few people sought out more than others."
        case ..<0.50: return "Advice is concentrated on a small group of people."
        default: return "Advice flows to a few people: one or two are sought out by most of the staff."
        }
    }

    /// The band of ``concentration(_:)`` in two or three words, for tables.
    public static func concentrationWord(_ c: Double?) -> String? {
        guard let c else { return nil }
        switch c {
        case ..<0.10: return "widely shared"
        case ..<0.25: return "fairly widely shared"
        case ..<0.50: return "concentrated"
        default: return "to a few people"
        }
    }

    /// "Half of all requests go to 4 of 61 people (7 %)."
    public static func half(_ peopleForHalf: Int?, of people: Int) -> String? {
        guard let k = peopleForHalf, people > 0 else { return nil }
        let share = Double(k) / Double(people)
        return "Half of all requests go to \(k) of \(people) people (\(String(fixed: share * 100, decimals: 0)) %)."
    }

    /// Within or across groups, from the E-I index `ei` (−1 … 1): below −0.5
    /// "mostly keep to themselves", below −0.1 "most ties stay inside", up to
    /// 0.1 "about as many across as within", otherwise "most ties cross".
    /// `groups` names the grouping in the plural ("teams", "levels").
    public static func mixing(_ ei: Double?, groups: String) -> String? {
        guard let ei else { return nil }
        switch ei {
        case ..<(-0.5): return "The \(groups) mostly keep to themselves: nearly all advice stays inside each of them."
        case ..<(-0.1): return "Most advice stays inside \(groups), with some ties across them."
        case ...0.1: return "About as much advice crosses \(groups) as stays inside them."
        default: return "Most advice crosses \(groups): people often go beyond their own."
        }
    }

    /// The permutation test of the E-I index in words, or `nil` when not run.
    /// `p` below 0.05 is "clearly", otherwise "not clearly different from chance".
    public static func mixingTest(observed: Double?, chance: Double?, p: Double?, groups: String) -> String? {
        guard let observed, let chance, let p else { return nil }
        let expected = "were people placed in \(groups) at random, the E-I index would be about \(String(fixed: chance, decimals: 2)) (it is \(String(fixed: observed, decimals: 2)))"
        if p >= 0.05 { return "This is not clearly different from chance: \(expected)." }
        if observed < chance {
            return observed > 0.1
                ? "Even so, \(groups) keep more advice inside than chance would: \(expected)."
                : "That is more advice inside \(groups) than chance would give: \(expected)."
        }
        return observed < chance
            ? "\(groups) keep more advice inside than chance would: \(expected)."
            : "That is more advice across \(groups) than chance would give: \(expected)."
    }

    /// Reciprocity (edgewise, 0–1) in words.
    public static func reciprocity(_ r: Double?) -> String? {
        guard let r else { return nil }
        let pct = String(fixed: r * 100, decimals: 0)
        switch r {
        case ..<0.2: return "Advice mostly goes one way: \(pct) % of requests are returned."
        case ..<0.4: return "Some advice goes both ways: \(pct) % of requests are returned."
        default: return "Much advice goes both ways: \(pct) % of requests are returned, a sign of mutual exchange."
        }
    }

    /// Transitivity (0–1) in words: how often a colleague's source is also one's own.
    public static func transitivity(_ t: Double?) -> String? {
        guard let t else { return nil }
        let pct = String(fixed: t * 100, decimals: 0)
        return "When one person goes to a second, and the second to a third, the first also goes to the third in \(pct) % of cases"
            + (t >= 0.3 ? ": advice circulates in close-knit groups." : ": advice travels along chains more than in closed circles.")
    }

    /// Density (0–1) in words.
    public static func density(_ d: Double?, people: Int) -> String? {
        guard let d else { return nil }
        let perPerson = d * Double(max(0, people - 1))
        return "Each person goes to about \(String(fixed: perPerson, decimals: 1)) colleagues on average (density \(String(fixed: d, decimals: 3)): the share of all possible requests that were made)."
    }

    /// The Jaccard index between two waves with RSiena's reading: 0.3 or more
    /// "stable enough", 0.2–0.3 "a lot of change", below 0.2 "very much change".
    public static func jaccard(_ j: Double?) -> String? {
        guard let j else { return nil }
        switch j {
        case 0.3...: return "Much of the network carried over: the ties are stable enough to study how they change (RSiena: 0.3 or more)."
        case 0.2...: return "A lot changed: about as many ties were made or dropped as kept (RSiena: 0.2 to 0.3)."
        default: return "Very much changed: most ties were new or gone (RSiena: below 0.2 is more change than its models can follow)."
        }
    }

    /// The percentile `p` (0–100) of a figure among `count` networks, in words.
    public static func standing(_ p: Double, count: Int) -> String {
        let rank: String
        switch p {
        case ..<25: rank = "among the lowest"
        case ..<50: rank = "below the middle"
        case ...50: rank = "in the middle"
        case ..<75: rank = "above the middle"
        default: rank = "among the highest"
        }
        return "\(rank) of the \(count) (percentile \(String(fixed: p, decimals: 0)))"
    }

    /// The percentile of `value` among `values` (others below plus half of those
    /// equal, over the count, times 100), the mid-rank convention.
    public static func percentile(_ value: Double, among values: [Double]) -> Double {
        guard !values.isEmpty else { return 50 }
        var below = 0.0, equal = 0.0
        for v in values {
            if v < value { below += 1 } else if v == value { equal += 1 }
        }
        return (below + equal / 2) / Double(values.count) * 100
    }

    /// One CUG result in words for a principal: what the index shows, and whether
    /// random staffs of the same size with as many ties reach it. `p` below 0.05
    /// (in the direction of the observed value) is "more (or less) than chance",
    /// below 0.001 "far more"; otherwise "about what chance gives".
    public static func chance(_ r: CUGIndexResult, groups: String?) -> String? {
        guard r.observed != nil, let pge = r.pGreaterOrEqual, let ple = r.pLessOrEqual, r.nullMean != nil else { return nil }
        if (r.nullSD ?? 0) <= 1e-12 && pge == 1 && ple == 1 { return nil }
        let higher = pge <= ple
        let p = higher ? pge : ple
        let strength = p >= 0.05 ? nil : (p < 0.001 ? "far " : "")
        switch r.statistic {
        case .inDegreeCentralization:
            guard let strength else { return "Advice is about as concentrated as chance alone would make it in a staff this size with this many ties." }
            return higher ? "Advice is \(strength)more concentrated on a few people than chance gives: this is how the staff works, not an effect of its size."
                          : "Advice is \(strength)more evenly spread than chance gives."
        case .betweennessCentralization:
            guard let strength else { return "A few people bridge the others about as much as chance gives." }
            return higher ? "A few people are the bridges between colleagues \(strength)more than chance gives: many chains of advice run through them."
                          : "Chains of advice run through many people, \(strength)more evenly than chance gives."
        case .reciprocity:
            guard let strength else { return "Requests are returned about as often as chance gives." }
            return higher ? "Requests are returned (A goes to B and B to A) \(strength)more often than chance gives: much advice is an exchange."
                          : "Requests are returned \(strength)less often than chance gives: advice mostly flows one way."
        case .transitivity:
            guard let strength else { return "Colleagues of colleagues go to each other about as often as chance gives." }
            return higher ? "A colleague's source is also one's own \(strength)more often than chance gives: advice circulates in close-knit circles."
                          : "A colleague's source is \(strength)less often one's own than chance gives."
        case .eiIndex:
            let g = groups ?? "groups"
            guard let strength else { return "Advice stays inside \(g) about as much as chance gives." }
            return higher ? "Advice crosses \(g) \(strength)more than chance gives."
                          : "Advice stays inside \(g) \(strength)more than chance gives."
        }
    }
}
