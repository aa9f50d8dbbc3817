import StaffGraphCore
import StaffGraphIO

/// The sensitivity sections of one panel (`--thresholds`, `--missing`), computed on the
/// panel's people: thresholds on the treated view, the treatment table on the view as read.
public struct SensitivityParts: Sendable {
    /// The treatment of non-respondents the panel's figures use.
    public let treatment: MissingDataTreatment
    /// Ties added by the treatment.
    public let imputed: Int
    /// The panel's people after the treatment.
    public let treated: AnalysisView
    /// The panel's people with the answers as read.
    public let asRead: AnalysisView
    /// The threshold sweep, on the treated view.
    public let byThreshold: ThresholdSensitivity?
    /// Every treatment side by side, on the view as read.
    public let byTreatment: MissingDataSensitivity?

    /// The sections of one panel.
    /// - Parameters:
    ///   - thresholds: the tie strengths of the threshold sweep (`nil`: none).
    ///   - treatment: the treatment of non-respondents the panel's own figures use.
    ///   - comparingTreatments: whether to add the table of every treatment side by side.
    ///   - asRead: the panel's people with the answers as read.
    ///   - treated: the same after `treatment`, with `imputed` ties added.
    public init(thresholds: [Double]?, treatment: MissingDataTreatment, comparingTreatments: Bool, asRead: AnalysisView, treated: AnalysisView, imputed: Int) {
        self.treatment = treatment
        self.imputed = imputed
        self.treated = treated
        self.asRead = asRead
        byThreshold = thresholds.map { ThresholdSensitivity(treated.graph, observedRows: treated.observedRows, thresholds: $0) }
        byTreatment = comparingTreatments ? MissingDataSensitivity(asRead.graph, observedRows: asRead.observedRows) : nil
    }

    /// The JSON keys added to a panel: none with the defaults.
    public func jsonFields(roster: Roster?) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if treatment != .ignore { fields.append(("missing", .object([("treatment", .string(treatment.rawValue)), ("imputed_ties", .int(imputed))]))) }
        guard byThreshold != nil || byTreatment != nil else { return fields }
        var part: [(String, JSONValue)] = [("missing_treatment", .string(treatment.rawValue))]
        if let byThreshold { part.append(("thresholds", SensitivityRendering.json(byThreshold, view: treated, roster: roster))) }
        if let byTreatment { part.append(("missing", SensitivityRendering.json(byTreatment, view: asRead, roster: roster))) }
        fields.append(("sensitivity", .object(part)))
        return fields
    }

    /// The CSV header of ``csvRows(roster:)``.
    public var csvHeader: [String] { byThreshold != nil ? SensitivityRendering.thresholdColumns : SensitivityRendering.missingColumns }

    /// The threshold rows, else the treatment rows.
    public func csvRows(roster: Roster?) -> [[String]] {
        if let byThreshold { return SensitivityRendering.csvRows(byThreshold, missing: treatment, view: treated, roster: roster) }
        if let byTreatment { return SensitivityRendering.csvRows(byTreatment, view: asRead, roster: roster) }
        return []
    }

    /// The text blocks, each after an empty line; empty with the defaults.
    public func table(roster: Roster?, heading: String?) -> String {
        var out = ""
        if let byThreshold { out += "\n" + SensitivityRendering.table(byThreshold, missing: treatment, view: treated, roster: roster, heading: heading) }
        if let byTreatment { out += "\n" + SensitivityRendering.table(byTreatment, view: asRead, roster: roster, heading: heading) }
        return out
    }
}
