/// Colours, sizes and widths of influence maps.
public enum Style {
    /// Paul Tol's "muted" qualitative palette (colour-blind safe, distinct in
    /// grey-scale print), then a pale grey: ten group colours.
    /// Reference: P. Tol, "Colour schemes", SRON/EPS/TN/09-002 (2021).
    public static let palette = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
                                 "#DDCC77", "#CC6677", "#882255", "#AA4499", "#DDDDDD"]
    /// Fill for people with no value in the colour column.
    public static let missingFill = "#FFFFFF"
    /// Fill when nothing is coloured.
    public static let plainFill = "#88CCEE"
    /// Fill for groups beyond the palette, merged as "other".
    public static let otherFill = "#BBBBBB"

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
