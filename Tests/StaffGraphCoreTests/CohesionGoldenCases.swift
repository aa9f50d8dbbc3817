import Foundation
import StaffGraphCore

/// The golden cases of Scripts/golden_cohesion.py (networkx and R sna values),
/// loaded into graphs without StaffGraphIO: sample edge files are plain CSV
/// with `source,target[,weight,relation,wave]` columns.
enum CohesionGoldenCases {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Case: @unchecked Sendable {
        var name: String
        var graph: Graph
        var partition: Partition
        var json: [String: Any]

        func section(_ name: String) -> [String: Any] { json[name] as? [String: Any] ?? [:] }
    }

    /// Golden file names, sorted.
    static func files() -> [String] {
        let folder = root.appendingPathComponent("Tests/Golden/cohesion")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    static func load(_ file: String) throws -> Case {
        let data = try Data(contentsOf: root.appendingPathComponent("Tests/Golden/cohesion/\(file)"))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let n = json["nodes"] as? Int, let labels = json["partition"] as? [Int],
              let input = json["input"] as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
        var builder = GraphBuilder(nodeCount: n)
        if let ties = input["ties"] as? [[Int]] {
            for t in ties { builder.addTie(from: t[0], to: t[1]) }
        } else if let edges = input["edges"] as? String, let ids = json["ids"] as? [String] {
            var index: [String: Int] = [:]
            for (i, id) in ids.enumerated() { index[id] = i }
            let text = try String(contentsOf: root.appendingPathComponent(edges), encoding: .utf8)
            var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = lines.removeFirst()
            let col = { (name: String) in header.firstIndex(of: name) }
            let relation = input["relation"] as? String, wave = input["wave"] as? String
            for f in lines where f.count == header.count {
                if let r = relation, let c = col("relation"), f[c] != r { continue }
                if let w = wave, let c = col("wave"), f[c] != w { continue }
                if let c = col("weight"), Double(f[c]) == 0 { continue }
                guard let s = index[f[col("source") ?? 0]], let t = index[f[col("target") ?? 1]] else { continue }
                builder.addTie(from: s, to: t)
            }
        }
        let names = (0 ..< ((labels.max() ?? -1) + 1)).map { "g\($0)" }
        return Case(name: file, graph: builder.build().graph, partition: Partition(labels: labels, names: names), json: json)
    }

    /// `a` and `b` agree within `tolerance`, NaN/`nil` on both sides counting as equal.
    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
        let x = a.flatMap { $0.isNaN ? nil : $0 }, y = b.flatMap { $0.isNaN ? nil : $0 }
        switch (x, y) {
        case (nil, nil): return true
        case let (x?, y?): return abs(x - y) <= tolerance * max(1, abs(y))
        default: return false
        }
    }

    /// A JSON list of numbers-or-null as `[Double?]`.
    static func numbers(_ value: Any?) -> [Double?] {
        (value as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue }
    }
}
