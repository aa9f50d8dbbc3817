import StaffGraphCore
import StaffGraphIO
import Testing
@testable import StaffGraphReport

/// `QAPReport` and `MultiplexReport`: one model, rendered as table, JSON and CSV.
@Suite struct QAPReportTests {
    /// Six people, two teams; i names j mostly within the team.
    static func graph(_ ties: [(Int, Int)], n: Int = 6) -> Graph {
        var builder = GraphBuilder(nodeCount: n)
        for (s, t) in ties { builder.addTie(from: s, to: t) }
        return builder.build().graph
    }

    static let advice = graph([(0, 1), (1, 0), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (0, 3), (4, 1)])
    static let friends = graph([(0, 1), (1, 2), (3, 4), (5, 4), (2, 5)])

    static func report() throws -> QAPReport {
        let team = ["a", "a", "a", "b", "b", "b"]
        let design = QAPDesign(response: DyadicMatrix(advice, valued: false),
                               predictors: [QAPPredictor(name: "friends", matrix: DyadicMatrix(friends, valued: false)),
                                            QAPPredictor(name: "same:team", matrix: .same(team))])
        let result = try QAPRegression.fit(design, model: .linear, null: .qapspp, permutations: 50, seed: 3, threads: 1)
        return QAPReport(result: result, relation: "advice", wave: nil, valued: false, people: 6, nonRespondents: 0,
                         selection: ["team=a,b"], kinds: [("friends", .relation), ("same:team", .same)])
    }

    @Test func oneModelThreeRenderings() throws {
        let report = try Self.report()
        let csv = report.csv()
        #expect(csv.header == QAPReport.csvColumns && csv.rows.count == 3 && csv.rows.map(\.[0]) == ["intercept", "friends", "same:team"])
        #expect(csv.rows.allSatisfy { $0.count == csv.header.count && $0[7] == "linear" && $0[11] == "3" && $0[15] == "" })
        guard case .object(let fields) = report.json() else { Issue.record("JSON is not an object"); return }
        let keys = fields.map(\.0)
        for key in ["terms", "r_squared", "adj_r_squared", "deviance", "null_deviance", "aic", "dyads", "permutations", "seed"] {
            #expect(keys.contains(key), "missing \(key)")
        }
        let text = report.table(source: "edges.csv")
        #expect(text.hasPrefix("QAP regression of advice, linear (sna netlm) — edges.csv\n30 ordered pairs of 6 people; 50 permutations"))
        #expect(report.kind(of: "same:team") == .same && report.kind(of: "intercept") == nil)
        // Each term's sentence follows its kind.
        #expect(text.contains("  friends: ") && text.contains("  same:team: "))
        #expect(!text.contains("goes with"))
    }

    @Test func multiplexUndefinedCorrelationRendersAsUnknown() {
        // Among three people all tied in `all`, that relation is constant: r and its p-values are undefined.
        let all = Self.graph([(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)], n: 3)
        let some = Self.graph([(0, 1), (1, 2)], n: 3)
        let roster = Roster(ids: ["x", "y", "z"])
        let report = MultiplexReport(layers: [Layer(key: LayerKey(relation: "all"), graph: all), Layer(key: LayerKey(relation: "some"), graph: some)],
                                     roster: roster, wave: nil, permutations: 20, seed: 1, threads: 1)
        #expect(report.pairs.count == 1 && report.pairs[0].overlap.both == 2 && report.people == [0, 1, 2])
        #expect(report.pairs[0].test.pGreater.isNaN)
        let row = report.csv().rows[0]
        #expect(row[9] == "" && row[10] == "" && row[11] == "" && row[4] == "2")
        let text = report.table(roster: roster, source: "e.csv")
        #expect(text.contains("Multiplexity of all, some — e.csv") && !text.contains("nan"))
        #expect(report.json(roster: roster).rendered().contains("\"p_greater\": null"))
    }
}
