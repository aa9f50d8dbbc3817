import Foundation
import StaffGraphCore

/// Loading helpers for golden tests: repository paths, a tiny edge-list
/// loader and the JSON files written by `Scripts/golden_*.py`.
enum GoldenSupport {
    /// Errors while loading test inputs.
    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    /// The repository root, found from this file's path
    /// (`<root>/Tests/StaffGraphCoreTests/GoldenSupport.swift`).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A repository file from its path relative to the root.
    static func url(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent(relativePath)
    }

    /// The lines of a text file, without a trailing empty line.
    static func lines(_ relativePath: String) throws -> [Substring] {
        let text = try String(contentsOf: url(relativePath), encoding: .utf8)
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        while let last = result.last, last.isEmpty { result.removeLast() }
        return result
    }

    /// Node ids in order from a CSV whose header has an `id` column.
    static func nodeIDs(_ relativePath: String) throws -> [String] {
        let rows = try lines(relativePath)
        guard let header = rows.first else { throw LoadError(description: "\(relativePath): empty") }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false)
        guard let idColumn = columns.firstIndex(of: "id") else { throw LoadError(description: "\(relativePath): no id column") }
        return try rows.dropFirst().map { row in
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard idColumn < fields.count else { throw LoadError(description: "\(relativePath): short row \(row)") }
            return String(fields[idColumn])
        }
    }

    /// A graph from an edge list (`source,target,weight`) over the nodes of a
    /// node file, isolates included, built with ``GraphBuilder``.
    static func loadGraph(edges edgesPath: String, nodes nodesPath: String) throws -> (graph: Graph, ids: [String]) {
        let ids = try nodeIDs(nodesPath)
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        let rows = try lines(edgesPath)
        guard rows.first == "source,target,weight" else { throw LoadError(description: "\(edgesPath): unexpected header") }
        var builder = GraphBuilder(nodeCount: ids.count)
        for row in rows.dropFirst() {
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == 3, let s = index[String(f[0])], let t = index[String(f[1])], let w = Double(f[2]) else {
                throw LoadError(description: "\(edgesPath): bad row \(row)")
            }
            builder.addTie(from: s, to: t, weight: w)
        }
        return (builder.build().graph, ids)
    }

    /// Names of the golden files in `Tests/Golden/<folder>` (without `.json`), sorted.
    static func goldenNames(_ folder: String) -> [String] {
        let dir = url("Tests/Golden/\(folder)")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}

/// A scalar in a golden file's `network` section.
enum GoldenScalar: Decodable, Equatable {
    case bool(Bool)
    case number(Double)
    case null

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else {
            self = .number(try c.decode(Double.self))
        }
    }

    var number: Double? {
        if case let .number(x) = self { return x }
        return nil
    }

    var bool: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }
}

/// One file of `Tests/Golden/centrality/` (see `Scripts/golden_centrality.py`).
struct CentralityGolden: Decodable {
    struct Inputs: Decodable {
        var edges: String
        var nodes: String
        var betweenness_pivots: [String]
        var personalization: [String: Double]
        var katz_custom_alpha: Double
    }

    var graph: String
    var nodes: Int
    var ties: Int
    var inputs: Inputs
    /// measure -> node id -> value (`nil` = undefined).
    var measures: [String: [String: Double?]]
    var network: [String: GoldenScalar]

    static func load(_ name: String) throws -> CentralityGolden {
        let data = try Data(contentsOf: GoldenSupport.url("Tests/Golden/centrality/\(name).json"))
        return try JSONDecoder().decode(CentralityGolden.self, from: data)
    }

    /// The golden values of `measure`, in node order of `ids`.
    func values(_ measure: String, ids: [String]) -> [Double?]? {
        guard let column = measures[measure] else { return nil }
        return ids.map { column[$0] ?? nil }
    }
}

/// Whether `actual` is within `tolerance` of `expected`, absolutely for
/// magnitudes up to 1 and relatively above.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * max(1, abs(expected))
}

/// The first mismatch between two per-node vectors, described, or `nil`.
func firstMismatch(_ actual: [Double?], _ expected: [Double?], ids: [String], tolerance: Double) -> String? {
    guard actual.count == expected.count else { return "length \(actual.count) vs \(expected.count)" }
    for i in actual.indices {
        switch (actual[i], expected[i]) {
        case (nil, nil): continue
        case let (a?, e?): if !isClose(a, e, tolerance: tolerance) { return "\(ids[i]): \(a) vs \(e)" }
        case let (a, e): return "\(ids[i]): \(String(describing: a)) vs \(String(describing: e))"
        }
    }
    return nil
}
