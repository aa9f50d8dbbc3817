/// Caption wording shared by the maps that draw a backbone.
public enum BackboneCaption {
    /// "backbone at α = 0.05: 212 of 410 ties kept (52 %)": the disparity
    /// filter's level and the share of ties it kept; `what` names the ties
    /// ("ties", "lines between teams").
    public static func line(level: Double, kept: Int, of total: Int, what: String = "ties") -> String {
        let percent = total > 0 ? Int((100 * Double(kept) / Double(total)).rounded()) : 0
        return "backbone at α = \(levelText(level)): \(kept) of \(total) \(what) kept (\(percent) %) · disparity filter, Serrano et al. 2009"
    }

    /// `level` as typed: up to six decimals, no trailing zeros (0.05, 0.001).
    public static func levelText(_ level: Double) -> String {
        var text = String(rounded: level, decimals: 6)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
