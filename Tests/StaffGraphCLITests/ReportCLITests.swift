import Foundation
import Testing

/// `staffgraph report` as a user runs it: the page's numbers against the
/// commands' own JSON, privacy, determinism, district folders, and the page
/// in a real headless Chromium.
@Suite(.serialized) struct ReportCLITests {
    static let formal = "role=principal,assistant principal,instructional coach,department chair"
    let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv"]

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes the sample school's report and returns its text.
    func sampleReport(_ folder: URL, extra: [String] = [], name: String = "school.html") throws -> String {
        let out = folder.appendingPathComponent(name)
        let run = try runStaffGraph(["report"] + school + ["--formal", Self.formal, "-o", out.path] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try String(contentsOf: out, encoding: .utf8)
    }

    /// Every `data-src` / `data-value` pair of the page.
    static func sourcedNumbers(_ html: String) -> [(src: String, value: String)] {
        var out: [(String, String)] = []
        let pattern = #/data-src="([^"]+)" data-value="([^"]+)"/#
        for match in html.matches(of: pattern) { out.append((String(match.1), String(match.2))) }
        return out
    }

    /// The value at a dotted path (`groups.2.ei_index`, `people[id=p01].in_degree`) of a JSON document.
    static func resolve(_ path: String, in document: Any) -> Any? {
        var current: Any? = document
        for part in path.split(separator: ".").map(String.init) {
            if let bracket = part.firstIndex(of: "[") {
                let key = String(part[..<bracket])
                let filter = part[part.index(after: bracket)...].dropLast()
                let pieces = filter.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2, let list = (current as? [String: Any])?[key] as? [[String: Any]] else { return nil }
                current = list.first { "\($0[pieces[0]] ?? "")" == pieces[1] }
            } else if let index = Int(part), let list = current as? [Any] {
                current = index < list.count ? list[index] : nil
            } else {
                current = (current as? [String: Any])?[part]
            }
        }
        return current
    }

    @Test func everyNumberEqualsTheCommandsJSON() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try sampleReport(folder)
        let layer = ["--relation", "advice", "--wave", "spring"]
        func json(_ arguments: [String]) throws -> Any {
            let run = try runStaffGraph(arguments)
            #expect(run.status == 0, "\(arguments.first ?? ""): \(run.stderr)")
            return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        }
        let documents: [String: Any] = [
            "summary": try json(["summary"] + school + layer + ["--cug", "--by", "team", "--thresholds", "1,2,3,4", "--missing", "all", "--format", "json"]),
            "leaders": try json(["leaders"] + school + layer + ["--formal", Self.formal, "--format", "json"]),
            "groups_team": try json(["groups"] + school + layer + ["--by", "team", "--format", "json"]),
            "groups_level": try json(["groups"] + school + layer + ["--by", "level", "--format", "json"]),
            "compare": try json(["compare"] + school + ["--relation", "advice", "--formal", Self.formal, "--format", "json"]),
            "metrics": try json(["metrics"] + school + layer + ["--measures", "in_degree,betweenness", "--format", "json"]),
            "multiplex": try json(["multiplex"] + school + ["--wave", "spring", "--permutations", "5000", "--format", "json"]),
        ]
        let numbers = Self.sourcedNumbers(html)
        #expect(numbers.count > 150, "only \(numbers.count) sourced numbers")
        var seenDocuments = Set<String>()
        for (src, shown) in numbers {
            let parts = src.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let document = documents[parts[0]] else {
                Issue.record("unknown source \(src)")
                continue
            }
            seenDocuments.insert(parts[0])
            let found = Self.resolve(parts[1], in: document)
            guard let expected = (found as? NSNumber)?.doubleValue, let value = Double(shown) else {
                Issue.record("\(src): the command's JSON has \(String(describing: found)), the page \(shown)")
                continue
            }
            #expect(abs(expected - value) <= 1e-9 * max(1, abs(expected)), "\(src): page \(value), command \(expected)")
        }
        #expect(seenDocuments == Set(documents.keys), "numbers from \(seenDocuments.sorted())")
    }

    @Test func sameInputSameBytes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try sampleReport(folder, name: "a.html")
        let b = try sampleReport(folder, extra: ["--threads", "1"], name: "b.html")
        #expect(a == b)
        let c = try sampleReport(folder, extra: ["--anonymize-seed", "7"], name: "c.html")
        let d = try sampleReport(folder, extra: ["--anonymize-seed", "7"], name: "d.html")
        #expect(c == d)
    }

    @Test func anonymizedReportHoldsNoNameOrId() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("key.csv")
        let page = try sampleReport(folder, extra: ["--anonymize-seed", "11", "--anonymize-key", key.path])
        let keyText = try String(contentsOf: key, encoding: .utf8)
        #expect(keyText.hasPrefix("pseudonym,id,name\nPerson 01,"))
        #expect(keyText.split(separator: "\n").count == 63)
        let noAnonymize = try runStaffGraph(["report"] + school + ["--anonymize-key", key.path, "-o", folder.appendingPathComponent("x.html").path])
        #expect(noAnonymize.status == 64)
        // The map's neutral keys (p1, p2 … in name order, i.e. pseudonym order) look like the sample's ids: take them out first.
        let html = page.replacing(#/(data-person|data-from|data-to)="p\d+"|"key":"p\d+"|"p\d+":\[/#, with: "")
        let roster = try String(contentsOf: repositoryRoot.appendingPathComponent("Samples/school/roster.csv"), encoding: .utf8)
        let rows = roster.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 62)
        for row in rows {
            let id = row[0], name = row[1]
            #expect(!html.contains(name), "name \(name) in the anonymized report")
            #expect(html.firstMatch(of: try Regex("[^A-Za-z0-9]\(id)[^0-9]")) == nil, "id \(id) in the anonymized report")
        }
        #expect(html.contains("Person "))
    }

    @Test func smallGroupsAreSuppressed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = try sampleReport(folder, extra: ["--min-group-size", "9"])
        #expect(html.contains("fewer than 9"))
        // Math (11 people, group 5) is shown; Science (8, group 6) is not given a size.
        #expect(!html.contains("data-src=\"groups_team:groups.7.size\""), "Science's size shown")
        #expect(html.contains("data-src=\"groups_team:groups.5.size\""), "Math's size missing")
    }

    @Test func districtRunWritesAnIndexAndOneReportPerGroup() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("levels")
        let run = try runStaffGraph(["report"] + school + ["--per", "level", "--by", "none", "--permutations", "200", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.contains("index.html"))
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        for file in files where file.hasSuffix(".html") && file != "index.html" {
            #expect(index.contains("href=\"\(file)\""), "\(file) not linked from the index")
            let page = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            #expect(page.contains("Compared with the other groups"), "\(file) has no standing")
        }
    }

    @Test func badOptionsAreUsageErrors() throws {
        let noHTML = try runStaffGraph(["report"] + school + ["-o", "/tmp/report.txt"])
        #expect(noHTML.status == 64)
        #expect(noHTML.stderr.contains("HTML"))
        let relation = try runStaffGraph(["report"] + school + ["--relation", "advise", "-o", "/tmp/never.html"])
        #expect(relation.status == 64)
        #expect(relation.stderr.contains("did you mean 'advice'"), "\(relation.stderr)")
    }

    @Test func pageWorksInHeadlessChromium() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try sampleReport(folder)
        let shot = folder.appendingPathComponent("shot.png")
        let check = try launch(URL(fileURLWithPath: "/usr/bin/env"),
                               ["python3", "Scripts/browser_check.py", folder.appendingPathComponent("school.html").path,
                                "--search", "Carmen", "--expect-text", "Who is sought out", "--expect-text", "How this was measured",
                                "--expect-text", "What changed over the year", "--screenshot", shot.path])
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
        #expect(check.stdout.contains("\"ok\": true"))
        #expect(FileManager.default.fileExists(atPath: shot.path))
    }
}
