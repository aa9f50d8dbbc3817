/// StaffGraphReport: what a command or the school report says.
///
/// Report models are built once from the core's measures and rendered many
/// ways (text, JSON, CSV, HTML), so the HTML report and the terminal table
/// can never disagree. The module knows no command-line flags: renderers take
/// their wording choices as parameters.
public enum ReportLibrary {
    /// The version written into reports ("made with StaffGraph 0.x").
    public static let version = "0.1.0"
}
