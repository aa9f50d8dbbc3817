import StaffGraphCore

/// Colours, sizes and widths of influence maps.
public enum Style {
    /// The group colours: ``GroupColors/palette`` (one assignment for every output).
    public static var palette: [String] { GroupColors.palette }
    /// Fill for people with no value in the colour column (``GroupColors/missingColor``).
    public static var missingFill: String { GroupColors.missingColor }
    /// Fill when nothing is coloured.
    public static let plainFill = "#88CCEE"
    /// Fill for groups beyond the palette, merged as "other" (``GroupColors/otherColor``).
    public static var otherFill: String { GroupColors.otherColor }

    /// Node diameters in inches for `values`: area proportional to the value
    /// between `minimum` and `maximum` diameter (zero and negatives get the minimum).
    public static func diameters(_ values: [Double], minimum: Double = 0.14, maximum: Double = 0.7) -> [Double] {
        let top = values.filter(\.isFinite).max() ?? 0
        return values.map { v in
            guard top > 0, v.isFinite, v > 0 else { return minimum }
            let share = (v / top).squareRoot()
            return minimum + (maximum - minimum) * share
        }
    }

    /// Line widths in points for tie weights: 0.6 for the weakest, 3 for the strongest.
    public static func lineWidths(_ weights: [Double]) -> [Double] {
        let finite = weights.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max(), high > low else { return weights.map { _ in 1.0 } }
        return weights.map { 0.6 + 2.4 * ($0 - low) / (high - low) }
    }
}
