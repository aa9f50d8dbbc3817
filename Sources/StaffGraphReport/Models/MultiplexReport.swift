import StaffGraphCore
import StaffGraphIO

/// Everything `multiplex` computes for the relations of one wave: for every pair
/// of relations the overlap of their ties and the graph correlation with its QAP
/// p-values, and per person how many of their ties are multiplex. Built once and
/// rendered as the text table, JSON or CSV.
public struct MultiplexReport: Sendable {
    /// One pair of relations.
    public struct Pair: Sendable {
        /// The first relation.
        public let a: String
        /// The second relation.
        public let b: String
        /// Their ties, shared and not.
        public let overlap: RelationOverlap
        /// Their graph correlation with QAP p-values.
        public let test: QAPCorrelation
    }

    /// The wave compared (nil: a file without waves).
    public let wave: String?
    /// The relations, in file order.
    public let relations: [String]
    /// Roster indices of the people present in any relation of the wave.
    public let people: [Int]
    /// Non-respondents among them (their rows are left out).
    public let nonRespondents: Int
    /// Permutations per correlation.
    public let permutations: Int
    /// The permutations' seed.
    public let seed: UInt64
    /// Every pair of relations, (0, 1), (0, 2) … in relation order.
    public let pairs: [Pair]
    /// Per person of ``people``: ties in any relation and how many of them are
    /// in two or more; nil for non-respondents.
    public let perPerson: [(ties: Int, multiplex: Int)?]

    /// Computes the report over `layers` (the relations of one wave, at least two)
    /// of `roster`'s people: present people are those present in any relation
    /// (as each command's analysis view decides it); non-respondents' rows are left out.
    public init(layers: [Layer], roster: Roster, wave: String?, permutations: Int, seed: UInt64, threads: Int) {
        let responses = roster.responses(wave: wave)
        var present = [Bool](repeating: false, count: roster.count)
        for layer in layers {
            let presence = WavePresence(graph: layer.graph, responses: responses)
            for i in 0 ..< roster.count where presence.present[i] { present[i] = true }
        }
        let people = (0 ..< roster.count).filter { present[$0] }
        let observed: [Bool]? = responses.map { r in people.map { r[$0] != .nonrespondent } }
        let graphs = layers.map { $0.graph.subgraph(members: people) }
        let names = layers.map(\.key.relation)
        let matrices = graphs.map { DyadicMatrix($0, valued: false, observedRows: observed) }
        var pairs: [Pair] = []
        for x in 0 ..< layers.count {
            for y in (x + 1) ..< layers.count {
                pairs.append(Pair(a: names[x], b: names[y], overlap: RelationOverlap(graphs[x], graphs[y], observedRows: observed),
                                  test: QAPCorrelation(matrices[x], matrices[y], permutations: permutations, seed: seed, threads: threads)))
            }
        }
        self.wave = wave
        self.relations = names
        self.people = people
        self.nonRespondents = observed?.filter { !$0 }.count ?? 0
        self.permutations = permutations
        self.seed = seed
        self.pairs = pairs
        self.perPerson = multiplexTies(graphs, observedRows: observed)
    }

    /// The share of a person's ties that are multiplex (NaN without ties).
    static func share(_ t: (ties: Int, multiplex: Int)) -> Double { t.ties == 0 ? .nan : Double(t.multiplex) / Double(t.ties) }

    /// The CSV header (one row per pair of relations).
    public static let csvColumns = ["a", "b", "ties_a", "ties_b", "multiplex", "jaccard", "share_of_a", "share_of_b", "correlation",
                                    "p_two_sided", "p_greater", "p_less", "dyads", "permutations", "seed"]

    /// The report as `multiplex --format json` writes it; `roster` names the people.
    public func json(roster: Roster) -> JSONValue {
        .object([
            ("wave", .string(wave)),
            ("relations", .array(relations.map { .string($0) })),
            ("people", .int(people.count)),
            ("non_respondents", .int(nonRespondents)),
            ("permutations", .int(permutations)),
            ("seed", .string(String(seed))),
            ("pairs", .array(pairs.map { p in
                .object([("a", .string(p.a)), ("b", .string(p.b)), ("ties_a", .int(p.overlap.tiesA)), ("ties_b", .int(p.overlap.tiesB)),
                         ("multiplex", .int(p.overlap.both)), ("jaccard", .number(p.overlap.jaccard)),
                         ("share_of_a", .number(p.overlap.shareOfA)), ("share_of_b", .number(p.overlap.shareOfB)),
                         ("correlation", .number(p.test.correlation)), ("p_two_sided", .number(p.test.pTwoSided)),
                         ("p_greater", .number(p.test.pGreater)), ("p_less", .number(p.test.pLess)), ("dyads", .int(p.test.dyads))])
            })),
            ("people_ties", .array(zip(people, perPerson).map { person, t in
                .object([("id", .string(roster.ids[person])), ("ties", .int(t?.ties)), ("multiplex", .int(t?.multiplex)),
                         ("share", t.map { .number(Self.share($0)) } ?? .null)])
            })),
            ("conventions", .string("Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md#QAP")),
        ])
    }

    /// The report as `multiplex --format csv` writes it: one row per pair (``csvColumns``).
    public func csv() -> (header: [String], rows: [[String]]) {
        let n = QAPReport.csvNumber
        return (Self.csvColumns, pairs.map { p in
            [p.a, p.b, String(p.overlap.tiesA), String(p.overlap.tiesB), String(p.overlap.both), n(p.overlap.jaccard),
             n(p.overlap.shareOfA), n(p.overlap.shareOfB), n(p.test.correlation), n(p.test.pTwoSided),
             n(p.test.pGreater), n(p.test.pLess), String(p.test.dyads), String(permutations), String(seed)]
        })
    }

    /// The report as `multiplex` prints it; `roster` names the people, `source` the edge list.
    public func table(roster: Roster, source: String) -> String {
        func f(_ x: Double) -> String { x.isFinite ? String(format4: x) : "–" }
        var out = "Multiplexity of \(relations.joined(separator: ", "))\(wave.map { " (\($0))" } ?? "") — \(source)\n"
        out += "\(people.count) people\(nonRespondents > 0 ? " (\(nonRespondents) non-respondents' rows left out)" : ""); \(permutations) permutations per correlation (QAP), seed \(seed)\n\n"
        out += alignedTable(header: ["a", "b", "ties a", "ties b", "both", "jaccard", "of a", "of b", "r", "p(>=)", "p(|r|>=)"], rows: pairs.map { p in
            [p.a, p.b, String(p.overlap.tiesA), String(p.overlap.tiesB), String(p.overlap.both), f(p.overlap.jaccard), f(p.overlap.shareOfA),
             f(p.overlap.shareOfB), f(p.test.correlation), f(p.test.pGreater), f(p.test.pTwoSided)]
        }, rightAligned: [false, false, true, true, true, true, true, true, true, true, true])
        out += "  both = pairs tied in both (i names j in each); of a = share of a's ties that are also b's.\n\n"
        out += "Per person: the people they name in any relation, and how many in two or more:\n"
        out += alignedTable(header: ["id", "ties", "multiplex", "share"], rows: zip(people, perPerson).map { person, t in
            [roster.ids[person], t.map { String($0.ties) } ?? "–", t.map { String($0.multiplex) } ?? "–", t.map { f(Self.share($0)) } ?? "–"]
        }, rightAligned: [false, true, true, true])
        out += "– = unknown (did not respond) or undefined. --format json gives every number in full.\n"
        return out
    }
}
