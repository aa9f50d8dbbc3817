import Foundation
import Testing

// The maps of issue 16 as a user sees them: the membership map (`members --map`)
// and the channels map (`draw --from --to`), read back from the SVG.

/// A temporary file path with `suffix`.
fileprivate func temporary(_ suffix: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-levelmaps-\(UUID().uuidString)\(suffix)")
}

/// Rows of a sample CSV (header dropped), cells split at commas outside double quotes (no newlines in cells).
fileprivate func rows(_ path: String) throws -> [[String]] {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
        var cells: [String] = [], cell = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { cells.append(cell); cell = "" } else { cell.append(ch) }
        }
        cells.append(cell)
        return cells
    }
}

/// The edges of a Graphviz SVG: (tail node, head node, stroke colour of the line, lower case).
fileprivate func svgEdges(_ svg: String) -> [(tail: String, head: String, stroke: String)] {
    svg.components(separatedBy: "class=\"edge\"").dropFirst().compactMap { block in
        guard let title = block.range(of: "<title>").flatMap({ a in block[a.upperBound...].range(of: "</title>").map { String(block[a.upperBound ..< $0.lowerBound]) } }),
              let path = block.range(of: "<path") else { return nil }
        let ends = title.replacingOccurrences(of: "&#45;&gt;", with: "→").split(separator: "→").map(String.init)
        guard ends.count == 2 else { return nil }
        let rest = block[path.upperBound...]
        let stroke = rest.range(of: "stroke=\"").flatMap { a in rest[a.upperBound...].firstIndex(of: "\"").map { String(rest[a.upperBound ..< $0]) } } ?? ""
        return (ends[0], ends[1], stroke.lowercased())
    }
}

/// Each node's outline: node title → (stroke colour, stroke width), from its first shape.
fileprivate func svgOutlines(_ svg: String) -> [(node: String, stroke: String, width: Double)] {
    svg.components(separatedBy: "class=\"node\"").dropFirst().compactMap { block in
        guard let a = block.range(of: "<title>"), let b = block[a.upperBound...].range(of: "</title>") else { return nil }
        let title = String(block[a.upperBound ..< b.lowerBound])
        guard let shape = block.range(of: "<ellipse") ?? block.range(of: "<polygon") else { return nil }
        let rest = block[shape.upperBound...]
        func value(_ key: String) -> String {
            rest.range(of: " \(key)=\"").flatMap { r in rest[r.upperBound...].firstIndex(of: "\"").map { String(rest[r.upperBound ..< $0]) } } ?? ""
        }
        return (title, value("stroke").lowercased(), Double(value("stroke-width")) ?? 1)
    }
}

/// The SVG's caption and legend texts (outside every node).
fileprivate func svgTexts(_ svg: String) -> String {
    svg.components(separatedBy: "<text").dropFirst().compactMap { $0.split(separator: ">", maxSplits: 1).last.flatMap { $0.split(separator: "<").first }.map(String.init) }
        .joined(separator: "\n")
}

@Suite(.serialized) struct LevelMapsCLITests {
    /// Sample school: every group a named square, one line per membership, people in no group left out, connectors ringed.
    @Test func membershipMapDrawsEveryGroupAndMembership() throws {
        let out = temporary(".svg")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try runStaffGraph(["members", "Samples/school/memberships.csv", "--nodes", "Samples/school/roster.csv", "--map", out.path, "--color-by", "level"])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        // Expected from the CSV itself.
        let memberships = try rows("Samples/school/memberships.csv").map { ($0[0], $0[1]) }
        let roster = try rows("Samples/school/roster.csv").map { $0[0] }
        var groups: [String] = []
        for (_, g) in memberships where !groups.contains(g) { groups.append(g) }
        var groupsOf: [String: Set<String>] = [:]
        for (p, g) in memberships { groupsOf[p, default: []].insert(g) }
        let pairs = Set(memberships.map { "\($0.0)|\($0.1)" })

        let names = MapNames(try Data(contentsOf: out))
        let squares = names.shapes.filter { $0.name.hasPrefix("g") }
        #expect(squares.count == groups.count && squares.allSatisfy(\.isSquare))
        let groupNames = names.names.filter { $0.owner.hasPrefix("g") }.map(\.text).sorted()
        #expect(groupNames == groups.sorted(), "every group named beside its own square")
        #expect(names.leftOut == 0)
        #expect(names.problems.isEmpty, "\(names.problems.prefix(6))")
        let people = names.shapes.filter { $0.name.hasPrefix("n") }
        #expect(people.count == groupsOf.count, "only people in a group are drawn")
        #expect(people.allSatisfy { !$0.isSquare })

        let edges = svgEdges(svg)
        #expect(edges.count == pairs.count, "one line per membership")
        #expect(edges.allSatisfy { $0.tail.hasPrefix("n") && $0.head.hasPrefix("g") })
        // Each line joins the right person and group.
        let drawn = Set(edges.compactMap { e -> String? in
            guard let p = Int(e.tail.dropFirst()), let g = Int(e.head.dropFirst()), p < roster.count, g < groups.count else { return nil }
            return "\(roster[p])|\(groups[g])"
        })
        #expect(drawn == pairs)
        let ringed = svgOutlines(svg).filter { $0.node.hasPrefix("n") && $0.width == 3 }.map(\.node)
        let connectors = roster.indices.filter { (groupsOf[roster[$0]]?.count ?? 0) >= 2 }.map { "n\($0)" }
        #expect(ringed.sorted() == connectors.sorted())
        let texts = svgTexts(svg)
        #expect(texts.contains("\(roster.count - groupsOf.count) people in no group left out"))
    }

    /// Under --anonymize no roster name or id reaches the membership map; group names stay (they name no one).
    @Test func membershipMapUnderAnonymizeShowsPseudonyms() throws {
        let out = temporary(".svg")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try runStaffGraph(["members", "Samples/school/memberships.csv", "--nodes", "Samples/school/roster.csv", "--map", out.path,
                                     "--anonymize-seed", "8351", "--where", "level=school"])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        for row in try rows("Samples/school/roster.csv") {
            #expect(!svg.contains(row[1]), "\(row[1]) leaks")
            #expect(!svg.contains(">\(row[0])<") && !svg.contains("\"\(row[0]) "), "\(row[0]) leaks")
        }
        #expect(svg.contains("School Leadership Team: 10 members") && svg.contains("Person "))
        #expect(svgTexts(svg).contains("level = school"))
    }

    /// The same input gives the same PNG, byte for byte (membership map and channels map).
    @Test func mapsAreByteIdenticalTwice() throws {
        let files = (0 ..< 4).map { _ in temporary(".png") }
        defer { for f in files { try? FileManager.default.removeItem(at: f) } }
        for k in 0 ..< 2 {
            let m = try runStaffGraph(["members", "Samples/school/memberships.csv", "--nodes", "Samples/school/roster.csv", "--map", files[k].path, "--color-by", "level"])
            #expect(m.status == 0, "\(m.stderr)")
            let c = try runStaffGraph(["draw", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall",
                                       "--cluster-by", "level", "--from", "level=district", "--to", "role=department chair", "-o", files[2 + k].path])
            #expect(c.status == 0, "\(c.stderr)")
        }
        #expect(try Data(contentsOf: files[0]) == Data(contentsOf: files[1]))
        #expect(try Data(contentsOf: files[2]) == Data(contentsOf: files[3]))
    }

    /// Advice, fall, district → department chairs: the dark lines form as many
    /// person-disjoint FROM → TO paths as `channels` counts; the cut is ringed
    /// red and named in the caption; the ends are ringed black; names by their own person.
    @Test func channelsMapHighlightsTheIndependentChannels() throws {
        let out = temporary(".svg")
        defer { try? FileManager.default.removeItem(at: out) }
        let common = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall",
                      "--from", "level=district", "--to", "role=department chair"]
        let json = try runStaffGraph(["channels"] + common + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let channels = try #require(document["channels"] as? [String: Any])
        let count = try #require(channels["independent_channels"] as? Int)
        let cutIDs = try #require(channels["cut"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(count == 4)

        let run = try runStaffGraph(["draw"] + common + ["--cluster-by", "level", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        let roster = try rows("Samples/school/roster.csv")
        let ids = roster.map { $0[0] }
        let inFrom = roster.map { $0[4] == "district" }, inTo = roster.map { $0[2] == "department chair" }
        func index(_ node: String) -> Int { Int(node.dropFirst()) ?? -1 }

        // The dark lines: degree ≤ 2, and they make `count` paths from FROM to TO.
        let dark = svgEdges(svg).filter { $0.stroke == "#1a1a1a" }
        var neighbours: [Int: [Int]] = [:]
        for e in dark { neighbours[index(e.tail), default: []].append(index(e.head)); neighbours[index(e.head), default: []].append(index(e.tail)) }
        #expect(neighbours.values.allSatisfy { $0.count <= 2 })
        var seen = Set<Int>()
        var paths = 0
        for start in neighbours.keys.sorted() where !seen.contains(start) && neighbours[start]?.count == 1 && inFrom[start] {
            var previous = -1, v = start, length = 0
            seen.insert(v)
            while let next = neighbours[v]?.first(where: { $0 != previous }), !seen.contains(next) { previous = v; v = next; seen.insert(v); length += 1 }
            #expect(inTo[v], "a channel ends at \(ids[v]), not in TO")
            paths += 1
            #expect(length >= 1)
        }
        #expect(paths == count, "\(paths) dark paths, \(count) channels")
        #expect(seen.count == neighbours.count, "every dark line is on a channel")
        // Every other line is faded.
        #expect(svgEdges(svg).filter { $0.stroke != "#1a1a1a" }.allSatisfy { $0.stroke == "#555555" })

        let outlines = svgOutlines(svg).filter { $0.node.hasPrefix("n") }
        let red = outlines.filter { $0.stroke == "#d00000" }.map { ids[index($0.node)] }.sorted()
        #expect(red == cutIDs.sorted())
        let black = outlines.filter { $0.stroke == "#000000" && $0.width == 3 }.map { index($0.node) }
        let ends = ids.indices.filter { (inFrom[$0] || inTo[$0]) && !cutIDs.contains(ids[$0]) }
        #expect(black.sorted() == ends)

        let texts = svgTexts(svg)
        #expect(texts.contains("4 independent channels from level = district to role = department chair"))
        let cutNames = cutIDs.compactMap { id in roster.first { $0[0] == id }?[1] }
        #expect(texts.contains(cutNames.joined(separator: ", ")))
        let names = MapNames(try Data(contentsOf: out))
        #expect(names.problems.isEmpty, "\(names.problems.prefix(6))")
    }

    /// Under --anonymize the caption names the cut by pseudonyms only; with --labels none it only counts them.
    @Test func channelsCaptionRespectsAnonymizeAndLabels() throws {
        let out = temporary(".svg")
        defer { try? FileManager.default.removeItem(at: out) }
        let common = ["draw", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall",
                      "--from", "level=district", "--to", "role=department chair", "-o", out.path]
        let roster = try rows("Samples/school/roster.csv")
        let anonymous = try runStaffGraph(common + ["--anonymize-seed", "8351"])
        #expect(anonymous.status == 0, "\(anonymous.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        for row in roster { #expect(!svg.contains(row[1]), "\(row[1]) leaks"); #expect(!svg.contains(">\(row[0])<")) }
        #expect(svgTexts(svg).contains("the cut, 4 people whose removal leaves no channel (the cut closest to the FROM people): Person"))
        let unnamed = try runStaffGraph(common + ["--labels", "none"])
        #expect(unnamed.status == 0, "\(unnamed.stderr)")
        let texts = svgTexts(try String(contentsOf: out, encoding: .utf8))
        #expect(texts.contains("the cut, 4 people whose removal leaves no channel (the cut closest to the FROM people)"))
        #expect(!texts.contains("Gloria"))
    }

    /// Usage errors say what to give.
    @Test func badCombinationsAreUsageErrors() throws {
        let base = ["draw", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall", "-o", temporary(".svg").path]
        let half = try runStaffGraph(base + ["--from", "level=district"])
        #expect(half.status == 64 && half.stderr.contains("give both --from and --to"))
        let aggregate = try runStaffGraph(base + ["--from", "level=district", "--to", "level=school", "--aggregate", "team"])
        #expect(aggregate.status == 64 && aggregate.stderr.contains("--aggregate"))
        let misspelt = try runStaffGraph(base + ["--from", "level=distrct", "--to", "level=school"])
        #expect(misspelt.status != 0 && misspelt.stderr.contains("district"))
        let mapOnly = try runStaffGraph(["members", "Samples/school/memberships.csv", "--nodes", "Samples/school/roster.csv", "--color-by", "level"])
        #expect(mapOnly.status == 64 && mapOnly.stderr.contains("--map"))
        let badMap = try runStaffGraph(["members", "Samples/school/memberships.csv", "--nodes", "Samples/school/roster.csv", "--map", "x.jpg"])
        #expect(badMap.status == 64 && badMap.stderr.contains(".png"))
    }
}
