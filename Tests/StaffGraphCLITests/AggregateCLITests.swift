import Foundation
import Testing

/// `draw --aggregate`, `--min-group-size` and `--backbone`, checked against
/// counts made by hand from the CSV files.
@Suite(.serialized) struct AggregateCLITests {
    let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]

    /// A generated district (5,000 people, 62 schools of 40–120 staff), made once per run.
    static let district: URL? = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-aggregate-district-\(getpid())")
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("edges.csv").path) { return folder }
        guard let run = try? launch(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "Scripts/generate_network.py", "--scale", "district", "--out", folder.path]),
              run.status == 0 else { return nil }
        return folder
    }()

    /// A fresh temporary folder, removed by the caller.
    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sg-aggregate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Rows of a CSV without quoted fields, as column → value.
    func rows(_ path: String) throws -> [[String: String]] {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : repositoryRoot.appendingPathComponent(path)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0 < f.count ? f[$0] : "") })
        }
    }

    /// By hand: the groups of `column` among the people present in the wave,
    /// and the ordered pairs of different groups with at least one tie sent by
    /// someone who answered (`--where`: only people whose `whereColumn` is in `whereValues`).
    func expectedGroups(edges: String, roster: String, column: String, relation: String? = nil, wave: String? = nil,
                        whereColumn: String? = nil, whereValues: Set<String> = []) throws -> (groups: Set<String>, sizes: [String: Int], pairs: Set<[String]>) {
        let people = try rows(roster).filter { row in whereColumn.map { whereValues.contains(row[$0] ?? "") } ?? true }
        let status = Dictionary(uniqueKeysWithValues: people.map { row in (row["id"] ?? "", wave.flatMap { row["responded_\($0)"] } ?? "") })
        let group = Dictionary(uniqueKeysWithValues: people.map { ($0["id"] ?? "", $0[column] ?? "") })
        var ties: [(String, String)] = []
        for row in try rows(edges) {
            if let relation, row["relation"] != relation { continue }
            if let wave, row["wave"] != wave { continue }
            let s = row["source"] ?? "", t = row["target"] ?? ""
            if s != t, group[s] != nil, group[t] != nil { ties.append((s, t)) }
        }
        var tied = Set<String>()
        for (s, t) in ties { tied.insert(s); tied.insert(t) }
        let present = people.filter { status[$0["id"] ?? ""] != "absent" || tied.contains($0["id"] ?? "") }.map { $0["id"] ?? "" }
        var sizes: [String: Int] = [:]
        for id in present { sizes[group[id] ?? "", default: 0] += 1 }
        var pairs = Set<[String]>()
        for (s, t) in ties where status[s] != "no" {
            let g = group[s] ?? "", h = group[t] ?? ""
            if g != h { pairs.insert([g, h]) }
        }
        return (Set(sizes.keys), sizes, pairs)
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func teamsOfTheSampleSchool() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("teams.svg")
        let run = try runStaffGraph(["draw"] + school + ["--aggregate", "team", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        let expected = try expectedGroups(edges: "Samples/school/edges.csv", roster: "Samples/school/roster.csv", column: "team", relation: "advice", wave: "fall")
        #expect(count("class=\"node\"", in: svg) == expected.groups.count)
        #expect(count("class=\"edge\"", in: svg) == expected.pairs.count)
        for (team, size) in expected.sizes { #expect(svg.contains(">\(team) (\(size))</text>"), "\(team) (\(size))") }
        #expect(svg.contains("ties inside the team (density)"))
        #expect(svg.contains("\(expected.groups.count) teams, 61 people"))
        #expect(run.stderr.contains("wrote \(out.path) (\(expected.groups.count) groups, \(expected.pairs.count) lines"))
    }

    @Test func sameBytesTwice() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.png", "b.png", "a.svg", "b.svg"] {
            let run = try runStaffGraph(["draw"] + school + ["--aggregate", "team", "--backbone", "0.2", "-o", folder.appendingPathComponent(name).path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        for ext in ["png", "svg"] {
            let a = try Data(contentsOf: folder.appendingPathComponent("a.\(ext)")), b = try Data(contentsOf: folder.appendingPathComponent("b.\(ext)"))
            #expect(a == b, "\(ext)")
            #expect(a.count > 1000)
        }
    }

    /// Counts from Tests/Golden/backbone (Scripts/golden_backbone.py): at α = 0.05
    /// 1 of the 60 lines between teams is kept; at α = 0.2, 22 of the 407 ties between people.
    @Test func backboneCaptions() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let teams = folder.appendingPathComponent("teams.svg")
        let run = try runStaffGraph(["draw"] + school + ["--aggregate", "team", "--backbone", "0.05", "-o", teams.path])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: teams, encoding: .utf8)
        #expect(svg.contains("backbone at α = 0.05: 1 of 60 lines between teams kept (2 %)"))
        #expect(count("class=\"edge\"", in: svg) == 1)
        #expect(count("class=\"node\"", in: svg) == 10)

        let people = folder.appendingPathComponent("people.svg")
        let person = try runStaffGraph(["draw"] + school + ["--backbone", "0.2", "-o", people.path])
        #expect(person.status == 0, "\(person.stderr)")
        let map = try String(contentsOf: people, encoding: .utf8)
        #expect(map.contains("backbone at α = 0.2: 22 of 407 ties kept (5 %)"))
        #expect(map.contains("people, 22 ties"))
        // Mutual pairs are one line, so at most 22 lines.
        #expect(count("class=\"edge\"", in: map) <= 22 && count("class=\"edge\"", in: map) > 10)

        // Nothing significant at 0.05 between people: said on stderr, not an error.
        let none = try runStaffGraph(["draw"] + school + ["--backbone", "0.05", "-o", folder.appendingPathComponent("none.svg").path])
        #expect(none.status == 0)
        #expect(none.stderr.contains("no tie is significant at α = 0.05"), "\(none.stderr)")
        // Binary ties: the note says why.
        let lazega = try runStaffGraph(["draw", "Samples/data/lazega/edges_advice.csv", "--backbone", "0.05", "-o", folder.appendingPathComponent("lazega.svg").path])
        #expect(lazega.status == 0)
        #expect(lazega.stderr.contains("every tie has the same strength"), "\(lazega.stderr)")
    }

    @Test func badValuesAreUsageErrors() throws {
        let out = "/tmp/sg-aggregate-never-written.svg"
        let cases: [([String], String)] = [
            (["--backbone", "1.5"], "between 0 and 1"),
            (["--backbone", "0"], "between 0 and 1"),
            (["--backbone", "1"], "between 0 and 1"),
            (["--backbone", "nan"], "between 0 and 1"),
            (["--aggregate", "team", "--min-group-size", "0"], "1 or more"),
            (["--min-group-size", "5"], "--aggregate"),
            (["--aggregate", "team", "--ego", "p01"], "--ego"),
            (["--aggregate", "team", "--color-by", "role"], "--color-by"),
            (["--aggregate", "team", "--cluster-by", "team"], "--cluster-by"),
            (["--aggregate", "team", "--formal", "role=principal"], "--formal"),
            (["--aggregate", "taem"], "did you mean 'team'"),
            (["--aggregate", "team", "--min-group-size", "70"], "the map would be empty"),
        ]
        for (options, message) in cases {
            let run = try runStaffGraph(["draw"] + school + options + ["-o", out])
            #expect(run.status == 64, "\(options): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(options): \(run.stderr)")
        }
        let noRoster = try runStaffGraph(["draw", "Samples/school/edges.csv", "--relation", "advice", "--wave", "fall", "--aggregate", "team", "-o", out])
        #expect(noRoster.status == 64 && noRoster.stderr.contains("roster"), "\(noRoster.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func smallGroupsAreMergedOrLeftOut() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Teams under 5: Community 4, District Office 4, Leadership 3, Student Support 2 (13 people).
        let merged = folder.appendingPathComponent("merged.svg")
        let run = try runStaffGraph(["draw"] + school + ["--aggregate", "team", "--min-group-size", "5", "-o", merged.path])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: merged, encoding: .utf8)
        #expect(count("class=\"node\"", in: svg) == 7)
        #expect(svg.contains(">4 teams of fewer than 5 (13)</text>"))
        #expect(!svg.contains("Leadership") && !svg.contains("Student Support"))
        #expect(run.stderr.contains("drawn together as one grey circle"))
        // Only Student Support (2) is under 3, and alone it is still under 3: left out.
        let left = folder.appendingPathComponent("left.svg")
        let leftRun = try runStaffGraph(["draw"] + school + ["--aggregate", "team", "--min-group-size", "3", "-o", left.path])
        #expect(leftRun.status == 0, "\(leftRun.stderr)")
        let leftSVG = try String(contentsOf: left, encoding: .utf8)
        #expect(count("class=\"node\"", in: leftSVG) == 9)
        #expect(!leftSVG.contains("Student Support"))
        #expect(leftSVG.contains("1 team of fewer than 3 people (2 in all) left out"))
    }

    @Test func anonymizedAggregateMap() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("anon.svg")
        let run = try runStaffGraph(["draw"] + school + ["--aggregate", "team", "--anonymize", "--anonymize-seed", "8351", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        // The default --min-group-size is 5 under --anonymize.
        #expect(svg.contains(">4 teams of fewer than 5 (13)</text>"))
        for row in try rows("Samples/school/roster.csv") {
            for part in (row["name"] ?? "").split(separator: " ") where part.count > 3 { #expect(!svg.contains(String(part)), "\(part)") }
            #expect(!svg.contains(">\(row["id"] ?? "")<"))
        }
        // A column that identifies people is refused.
        let refused = try runStaffGraph(["draw"] + school + ["--aggregate", "name", "--anonymize", "-o", folder.appendingPathComponent("no.svg").path])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--aggregate name") && refused.stderr.contains("identifies people"), "\(refused.stderr)")
    }

    @Test func districtSelectionByTeamAndSchool() throws {
        let district = try #require(Self.district, "python3 Scripts/generate_network.py must run")
        let edges = district.appendingPathComponent("edges.csv").path, roster = district.appendingPathComponent("roster.csv").path
        let schools = ["S00001", "S00002", "S00003", "S00004", "S00005", "S00006", "S00007", "S00008"]
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        for column in ["team", "school"] {
            let out = folder.appendingPathComponent("\(column).svg")
            let run = try runStaffGraph(["draw", edges, "--nodes", roster, "--where", "school=" + schools.joined(separator: ","), "--aggregate", column, "-o", out.path])
            #expect(run.status == 0, "\(run.stderr)")
            let expected = try expectedGroups(edges: edges, roster: roster, column: column, whereColumn: "school", whereValues: Set(schools))
            let people = expected.sizes.values.reduce(0, +)
            #expect(people > 600 && people < 700)
            let svg = try String(contentsOf: out, encoding: .utf8)
            #expect(count("class=\"node\"", in: svg) == expected.groups.count, "\(column)")
            #expect(count("class=\"edge\"", in: svg) == expected.pairs.count, "\(column)")
            #expect(svg.contains("\(expected.groups.count) \(column == "team" ? "teams" : "schools"), \(people) people"))
            if column == "school" { #expect(expected.groups.count == 8) }
        }
        // The same 644 people drawn person by person: the map is drawn (readable, names of
        // the most sought at 9 pt), and the run says how to draw maps where everyone can be read.
        let people = folder.appendingPathComponent("people.svg")
        let whole = try runStaffGraph(["draw", edges, "--nodes", roster, "--where", "school=" + schools.joined(separator: ","), "-o", people.path])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(whole.stderr.contains("draw one school at a time (--per school -o maps/) and the schools as one circle each (--aggregate school"), "\(whole.stderr)")
        #expect(try String(contentsOf: people, encoding: .utf8).contains("transform=\"scale(1 1)"), "drawn at full size")

        // --per: one aggregate map per school, and index.csv.
        let maps = folder.appendingPathComponent("maps")
        let per = try runStaffGraph(["draw", edges, "--nodes", roster, "--where", "school=S00001,S00002,S00003", "--per", "school",
                                     "--aggregate", "team", "--map-format", "svg", "-o", maps.path])
        #expect(per.status == 0, "\(per.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: maps.path).sorted()
        #expect(files.filter { $0.hasSuffix(".svg") }.count == 3)
        #expect(files.contains("index.csv"))
    }

    /// The whole district by school: drawn (62 circles), with the backbone.
    @Test func wholeDistrictBySchool() throws {
        let district = try #require(Self.district, "python3 Scripts/generate_network.py must run")
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("district.svg")
        let run = try runStaffGraph(["draw", district.appendingPathComponent("edges.csv").path, "--nodes", district.appendingPathComponent("roster.csv").path,
                                     "--aggregate", "school", "--backbone", "0.05", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        #expect(count("class=\"node\"", in: svg) == 62)
        #expect(svg.contains("62 schools, 5000 people"))
        #expect(svg.contains("backbone at α = 0.05: "))
    }
}
