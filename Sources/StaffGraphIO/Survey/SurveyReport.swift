import StaffGraphCore

/// One cell or row a survey import set aside or could not resolve, for
/// `review.csv` and the screen summary.
public struct ReviewItem: Sendable, Equatable {
    /// What is wrong.
    public enum Problem: String, Sendable, CaseIterable {
        /// A typed colleague name that matches no one on the roster.
        case unmatchedName = "unmatched name"
        /// A typed colleague name that fits several people.
        case ambiguousName = "ambiguous name"
        /// A respondent who is not on the roster: the row's answers are set aside.
        case unknownRespondent = "respondent not on roster"
        /// A respondent whose name fits several people: the row's answers are set aside.
        case ambiguousRespondent = "ambiguous respondent"
        /// A row with answers but nothing in the respondent column: its answers are set aside.
        case missingRespondent = "no respondent"
        /// A roster-matrix column whose colleague matches no one on the roster.
        case unmatchedColumn = "unmatched column"
        /// A roster-matrix column whose colleague fits several people.
        case ambiguousColumn = "ambiguous column"
        /// An earlier submission by someone who submitted again: dropped, the latest is kept.
        case duplicateSubmission = "duplicate submission"
        /// A respondent who named themselves: dropped.
        case selfNomination = "self-nomination"

        /// Whether a strict import (``SurveyImportOptions/strict``) refuses to write output because of it (names and
        /// respondents that could not be resolved; duplicates and self-nominations
        /// are handled by rule and only reported).
        public var isUnresolved: Bool {
            switch self {
            case .duplicateSubmission, .selfNomination: return false
            default: return true
            }
        }
    }

    /// 1-based line of the export (the spreadsheet row when no answer spans lines).
    public var line: Int
    /// 1-based character column of the cell on that line.
    public var column: Int
    /// The column's header (first header row).
    public var columnName: String
    /// The text as typed (respondent, colleague name, or the colleague of a matrix column).
    public var text: String
    /// What is wrong.
    public var problem: Problem
    /// People it could be (roster indices): the ambiguous candidates, or the closest names.
    public var candidates: [Int]
    /// A sentence saying why, or what was done.
    public var note: String

    /// Creates an item.
    public init(line: Int, column: Int, columnName: String, text: String, problem: Problem, candidates: [Int] = [], note: String = "") {
        self.line = line
        self.column = column
        self.columnName = columnName
        self.text = text
        self.problem = problem
        self.candidates = candidates
        self.note = note
    }
}

/// How many names were matched by each rule, and how many were not.
public struct MatchTally: Sendable, Equatable {
    /// Matches per rule, indexed like `NameMatchRule.allCases`.
    public private(set) var byRule: [Int] = Array(repeating: 0, count: NameMatchRule.allCases.count)
    /// Names that matched no one.
    public var unmatched = 0
    /// Names that fit several people.
    public var ambiguous = 0
    /// Answers that said "no one" ("none", "n/a", "-").
    public var placeholders = 0

    /// An empty tally.
    public init() {}

    /// Matches by `rule`.
    public func count(_ rule: NameMatchRule) -> Int {
        byRule[NameMatchRule.allCases.firstIndex(of: rule) ?? 0]
    }

    /// Counts one match by `rule`.
    public mutating func add(_ rule: NameMatchRule) {
        byRule[NameMatchRule.allCases.firstIndex(of: rule) ?? 0] += 1
    }

    /// Matches by any rule.
    public var matched: Int { byRule.reduce(0, +) }

    /// Matches by the rules after exact, folded and alias (reversed, nickname, initials, surname, first name).
    public var byHeuristicRules: Int {
        NameMatchRule.allCases.filter(\.isHeuristic).reduce(0) { $0 + count($1) }
    }

    /// Names looked at (matched, unmatched or ambiguous; placeholders excluded).
    public var total: Int { matched + unmatched + ambiguous }
}

/// How duplicate submissions were ordered to keep the latest.
public enum SubmissionOrder: Sendable, Equatable {
    /// By the times in this column (ties broken by file order).
    case timestamps(column: String)
    /// By position in the file (later rows are later); `reason` says why times were not used, if a column existed.
    case fileOrder(reason: String?)
}

/// Ties written for one relation.
public struct RelationCount: Sendable, Equatable {
    /// The relation.
    public var relation: String
    /// Ties written.
    public var ties: Int

    /// Creates a count.
    public init(relation: String, ties: Int) {
        self.relation = relation
        self.ties = ties
    }
}

/// Everything a survey import read, matched, and set aside.
public struct SurveyImportReport: Sendable, Equatable {
    /// The export's layout.
    public var shape: SurveySpec.Shape
    /// The wave written (`nil` = no wave: the roster gets a plain `responded` column).
    public var wave: String?
    /// Rows after the header rows, blank lines and blank rows included.
    public var rows = 0
    /// Rows with nothing in the respondent column and the answer columns, and blank lines: skipped.
    public var blankRows = 0
    /// Rows with answers and no respondent.
    public var rowsWithoutRespondent = 0
    /// Rows whose respondent is not on the roster.
    public var unknownRespondents = 0
    /// Rows whose respondent fits several people.
    public var ambiguousRespondents = 0
    /// Earlier submissions dropped because the same person submitted again.
    public var duplicatesDropped = 0
    /// People on the roster whose submission was kept.
    public var respondents = 0
    /// People on the roster (not absent this wave) with no submission: their out-ties are missing.
    public var nonrespondents = 0
    /// People the roster marks absent this wave (no submission).
    public var absent = 0
    /// People the roster marked absent this wave who submitted: marked as respondents.
    public var absentButSubmitted = 0
    /// The roster column respondents were compared with (`respondent_roster_column`), or `nil` when matched as names.
    public var respondentRosterColumn: String?
    /// How respondents were identified (one count per row with a respondent).
    public var respondentMatches = MatchTally()
    /// How typed colleague names were matched (name generator).
    public var nameMatches = MatchTally()
    /// How colleague columns were matched (roster matrix).
    public var columnMatches = MatchTally()
    /// Respondents naming themselves: dropped.
    public var selfNominations = 0
    /// The same colleague named twice by one respondent for one relation: merged (strongest kept).
    public var repeatedNamesMerged = 0
    /// Typed names with an empty frequency beside them: given the default weight.
    public var namesWithoutFrequency = 0
    /// Frequencies given beside an empty name: ignored.
    public var frequenciesWithoutName = 0
    /// Answers whose label means strength 0 ("Never"): not ties.
    public var zeroStrengthAnswers = 0
    /// Answers in roster-matrix columns whose colleague could not be resolved.
    public var answersInUnresolvedColumns = 0
    /// Ties to people the roster marks absent this wave (kept).
    public var tiesToAbsent = 0
    /// How the latest of duplicate submissions was chosen.
    public var order: SubmissionOrder = .fileOrder(reason: nil)
    /// Ties written per relation, in spec order.
    public var ties: [RelationCount] = []
    /// Everything to look at, by line then column.
    public var review: [ReviewItem] = []

    /// An empty report.
    public init(shape: SurveySpec.Shape, wave: String?) {
        self.shape = shape
        self.wave = wave
    }

    /// Review items a strict import (``SurveyImportOptions/strict``) refuses (unresolved names and respondents).
    public var unresolved: [ReviewItem] { review.filter(\.problem.isUnresolved) }
}
