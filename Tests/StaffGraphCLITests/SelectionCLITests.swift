import Foundation
import Testing

/// `--where`, `--per` and per-wave rosters, checked the way a user would: the
/// result for one group must be what the same command gives on that group's
/// rows cut out of the files by hand.
@Suite(.serialized) struct SelectionCLITests {
    /// A generated district (schools of 40–120 staff), made once per run.
    static let district: URL? = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-selection-district-\(getpid())")
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("edges.csv").path) { return folder }
        let python = URL(fileURLWithPath: "/usr/bin/env")
        guard let run = try? launch(python, ["python3", "Scripts/generate_network.py", "--scale", "district", "--out", folder.path]), run.status == 0 else { return nil }
        return folder
    }()

    /// The rows of `edges` and `roster` (CSV with a header) among the people whose
    /// `column` is `value`, written to a fresh folder: the cut a user makes by hand.
    func cutByHand(edges: URL, roster: URL, column: String, value: String) throws -> (edges: String, roster: String) {
        let rosterLines = try String(contentsOf: roster, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = rosterLines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let c = try #require(header.firstIndex(of: column))
        var members = Set<String>()
        var keptRoster = [rosterLines[0]]
        for line in rosterLines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells[c] == value {
                members.insert(cells[0])
                keptRoster.append(line)
            }
        }
        let edgeLines = try String(contentsOf: edges, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        var keptEdges = [edgeLines[0]]
        for line in edgeLines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if members.contains(String(cells[0])) && members.contains(String(cells[1])) { keptEdges.append(line) }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-cut-\(getpid())-\(column)-\(value)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let e = folder.appendingPathComponent("edges.csv"), r = folder.appendingPathComponent("roster.csv")
        try (keptEdges.joined(separator: "\n") + "\n").write(to: e, atomically: true, encoding: .utf8)
        try (keptRoster.joined(separator: "\n") + "\n").write(to: r, atomically: true, encoding: .utf8)
        return (e.path, r.path)
    }

    /// A JSON object without the keys that name the selection.
    func withoutSelection(_ value: Any?) throws -> NSDictionary {
        var object = try #require(value as? [String: Any])
        object["group"] = nil
        object["selection"] = nil
        return object as NSDictionary
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func perSchoolEqualsEachSchoolCutByHand() throws {
        let district = try #require(Self.district, "python3 Scripts/generate_network.py must run")
        let edges = district.appendingPathComponent("edges.csv"), roster = district.appendingPathComponent("roster.csv")
        let base = [edges.path, "--nodes", roster.path]
        let metrics = try runStaffGraph(["metrics"] + base + ["--per", "school", "--measures", "in_degree,betweenness,pagerank,clustering", "--format", "json"])
        #expect(metrics.status == 0, "\(metrics.stderr)")
        // The resilience baseline and key players are left out: 62 schools of them take minutes in a debug build.
        let leaders = try runStaffGraph(["leaders"] + base + ["--per", "school", "--formal", "role=principal,assistant principal", "--random-sets", "0", "--key-players", "0", "--format", "json"])
        #expect(leaders.status == 0, "\(leaders.stderr)")
        let metricGroups = try #require(try json(metrics.stdout)["groups"] as? [[String: Any]])
        let leaderGroups = try #require(try json(leaders.stdout)["groups"] as? [[String: Any]])
        #expect(metricGroups.count > 20 && metricGroups.count == leaderGroups.count)
        let names = metricGroups.compactMap { $0["group"] as? String }
        #expect(names == names.sorted())
        for school in [names[0], names[names.count / 2], names[names.count - 1]] {
            let cut = try cutByHand(edges: edges, roster: roster, column: "school", value: school)
            let alone = try runStaffGraph(["metrics", cut.edges, "--nodes", cut.roster, "--measures", "in_degree,betweenness,pagerank,clustering", "--format", "json"])
            #expect(alone.status == 0, "\(alone.stderr)")
            let group = metricGroups.first { $0["group"] as? String == school }
            #expect(try withoutSelection(group) == withoutSelection(try json(alone.stdout)), "metrics, school \(school)")
            let aloneLeaders = try runStaffGraph(["leaders", cut.edges, "--nodes", cut.roster, "--formal", "role=principal,assistant principal", "--random-sets", "0", "--key-players", "0", "--format", "json"])
            let leaderGroup = leaderGroups.first { $0["group"] as? String == school }
            #expect(try withoutSelection(leaderGroup) == withoutSelection(try json(aloneLeaders.stdout)), "leaders, school \(school)")
            // --where gives the same as the group of --per.
            let selected = try runStaffGraph(["metrics"] + base + ["--where", "school=\(school.lowercased())", "--measures", "in_degree,betweenness,pagerank,clustering", "--format", "json"])
            let selectedJSON = try json(selected.stdout)
            #expect(selectedJSON["selection"] as? [String] == ["school = \(school)"])
            #expect(try withoutSelection(selectedJSON) == withoutSelection(group))
        }
    }

    @Test func perGroupOutputsAreDeterministicAndWrittenPerGroup() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-per-out-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]
        let one = try runStaffGraph(["metrics"] + school + ["--per", "team", "--threads", "1"])
        let two = try runStaffGraph(["metrics"] + school + ["--per", "team", "--threads", "2"])
        #expect(one.status == 0 && one.stdout == two.stdout)
        #expect(one.stdout.hasPrefix("group,id,in_degree"))
        let written = try runStaffGraph(["leaders"] + school + ["--per", "team", "--formal", "role=department chair", "-o", folder.path])
        #expect(written.status == 0, "\(written.stderr)")
        let index = try String(contentsOf: folder.appendingPathComponent("index.csv"), encoding: .utf8)
        #expect(index.hasPrefix("team,people,file\nArts,5,Arts.txt\n"))
        #expect(index.contains("Social Studies,") && index.contains(",Social_Studies.txt"))
        let math = try String(contentsOf: folder.appendingPathComponent("Math.txt"), encoding: .utf8)
        #expect(math.contains("team = Math"))
        // Maps: one per group, the same as drawing the group alone (but for the selection in the
        // caption and title, and for the colours, which follow the whole school's teams on a
        // --per map and only the group's own on the cut file: --color-by none leaves them out here;
        // MapsTrustTests checks that they are the school's).
        let maps = folder.appendingPathComponent("maps")
        let draw = try runStaffGraph(["draw"] + school + ["--per", "level", "--map-format", "dot", "--color-by", "none", "-o", maps.path])
        #expect(draw.status == 0, "\(draw.stderr)")
        let cut = try cutByHand(edges: repositoryRoot.appendingPathComponent("Samples/school/edges.csv"),
                                roster: repositoryRoot.appendingPathComponent("Samples/school/roster.csv"), column: "level", value: "district")
        let alone = folder.appendingPathComponent("district-alone.dot")
        let drawAlone = try runStaffGraph(["draw", cut.edges, "--nodes", cut.roster, "--relation", "advice", "--wave", "fall", "--color-by", "none", "-o", alone.path])
        #expect(drawAlone.status == 0, "\(drawAlone.stderr)")
        let perGroup = try String(contentsOf: maps.appendingPathComponent("district.dot"), encoding: .utf8)
            .replacingOccurrences(of: " · level = district", with: "").replacingOccurrences(of: " (level = district)", with: "")
        #expect(perGroup == (try String(contentsOf: alone, encoding: .utf8)))
    }

    @Test func compareOfATeamEqualsTheTeamCutByHand() throws {
        let edges = repositoryRoot.appendingPathComponent("Samples/school/edges.csv"), roster = repositoryRoot.appendingPathComponent("Samples/school/roster.csv")
        let per = try runStaffGraph(["compare", edges.path, "--nodes", roster.path, "--relation", "advice", "--per", "team", "--format", "json"])
        #expect(per.status == 0, "\(per.stderr)")
        let groups = try #require(try json(per.stdout)["groups"] as? [[String: Any]])
        let cut = try cutByHand(edges: edges, roster: roster, column: "team", value: "Math")
        let alone = try runStaffGraph(["compare", cut.edges, "--nodes", cut.roster, "--relation", "advice", "--format", "json"])
        #expect(alone.status == 0, "\(alone.stderr)")
        let math = try #require(groups.first { $0["group"] as? String == "Math" })
        var a = try withoutSelection(math) as? [String: Any] ?? [:], b = try withoutSelection(try json(alone.stdout)) as? [String: Any] ?? [:]
        a["files"] = nil
        b["files"] = nil
        // The waves name their file, which differs; everything else must not.
        func waves(_ o: [String: Any]) -> NSArray {
            ((o["waves"] as? [[String: Any]]) ?? []).map { w -> NSDictionary in
                var w = w
                w["file"] = nil
                return w as NSDictionary
            } as NSArray
        }
        #expect(waves(a) == waves(b))
        for key in ["pairs", "trend", "people", "leavers"] {
            #expect((a[key] as? NSArray) == (b[key] as? NSArray), "\(key)")
        }
    }

    @Test func wavesImportedOneByOneCompareAsTheCombinedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-waves-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        let fall = folder.appendingPathComponent("fall"), winter = folder.appendingPathComponent("winter")
        let a = try runStaffGraph(["import", "survey", "Samples/survey/name_generator.csv", "--roster", "Samples/survey/staff.csv", "--spec", "Samples/survey/name_generator.yaml", "-o", fall.path])
        let b = try runStaffGraph(["import", "survey", "Samples/survey/roster_matrix.csv", "--roster", "Samples/survey/staff.csv", "--spec", "Samples/survey/roster_matrix.yaml", "-o", winter.path])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        // The combined files, as one file with a wave column and one roster with both response columns.
        let fallEdges = try String(contentsOf: fall.appendingPathComponent("edges.csv"), encoding: .utf8)
        let winterEdges = try String(contentsOf: winter.appendingPathComponent("edges.csv"), encoding: .utf8)
        let combined = folder.appendingPathComponent("combined.csv")
        try (fallEdges + winterEdges.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n").write(to: combined, atomically: true, encoding: .utf8)
        let fallRoster = try String(contentsOf: fall.appendingPathComponent("roster.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        let winterRoster = try String(contentsOf: winter.appendingPathComponent("roster.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(fallRoster[0].hasSuffix("responded_fall,responded_winter,responded_spring"))
        let merged = zip(fallRoster, winterRoster).map { f, w -> String in
            var cells = f.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let other = w.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[cells.count - 2] = other[other.count - 2]
            return cells.joined(separator: ",")
        }
        let combinedRoster = folder.appendingPathComponent("combined_roster.csv")
        try (merged.joined(separator: "\n") + "\n").write(to: combinedRoster, atomically: true, encoding: .utf8)

        let one = try runStaffGraph(["compare", combined.path, "--nodes", combinedRoster.path, "--relation", "advice", "--format", "json"])
        let perWave = try runStaffGraph(["compare", fall.appendingPathComponent("edges.csv").path, winter.appendingPathComponent("edges.csv").path,
                                         "--nodes", fall.appendingPathComponent("roster.csv").path, "--nodes", winter.appendingPathComponent("roster.csv").path,
                                         "--relation", "advice", "--format", "json"])
        let beside = try runStaffGraph(["compare", fall.appendingPathComponent("edges.csv").path, winter.appendingPathComponent("edges.csv").path, "--relation", "advice", "--format", "json"])
        #expect(one.status == 0 && perWave.status == 0 && beside.status == 0, "\(one.stderr)\(perWave.stderr)\(beside.stderr)")
        #expect(beside.stderr.contains("rosters found beside the edge files"))
        let x = try json(one.stdout), y = try json(perWave.stdout), z = try json(beside.stdout)
        for key in ["pairs", "trend", "people"] {
            #expect((x[key] as? NSArray) == (y[key] as? NSArray), "\(key)")
            #expect((x[key] as? NSArray) == (z[key] as? NSArray), "\(key)")
        }
        let pair = try #require((x["pairs"] as? [[String: Any]])?.first)
        #expect(abs((pair["jaccard"] as? Double ?? 0) - 0.72) < 0.0005)
        // One roster only: the winter wave's answers are unknown, and the output says so.
        let lost = try runStaffGraph(["compare", fall.appendingPathComponent("edges.csv").path, winter.appendingPathComponent("edges.csv").path,
                                      "--nodes", fall.appendingPathComponent("roster.csv").path, "--relation", "advice"])
        #expect(lost.status == 0 && lost.stderr.contains("who answered is not known for this wave") && !lost.stdout.contains("0 of 0"))
    }

    @Test func selectionErrorsNameTheColumnValuesAndClosestOne() throws {
        let school = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"]
        let value = try runStaffGraph(["metrics"] + school + ["--where", "role=principle"])
        #expect(value.status == 64 && value.stderr.contains("--where: no one on the roster has role 'principle'") && value.stderr.contains("did you mean 'principal'?"))
        let column = try runStaffGraph(["summary"] + school + ["--where", "teem=Math"])
        #expect(column.status == 64 && column.stderr.contains("did you mean 'team'?"), "\(column.stderr)")
        let per = try runStaffGraph(["groups"] + school + ["--by", "team", "--per", "levle"])
        #expect(per.status == 64 && per.stderr.contains("--per") && per.stderr.contains("did you mean 'level'?"), "\(per.stderr)")
        let never = try runStaffGraph(["metrics"] + school + ["--where", "team=Math", "--where", "level=district"])
        #expect(never.status == 64 && never.stderr.contains("no one on the roster matches all of"))
        // Accents and case do not matter; the roster's value is echoed.
        let accent = try runStaffGraph(["summary", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "FALL", "--where", "level=SCHOOL", "--format", "json"])
        #expect(accent.status == 0 && accent.stdout.contains("\"level = school\""), "\(accent.stderr)")
    }
}

/// Small things a new user hits: a misspelt command or column, and metrics' budget options.
@Suite struct NewUserCLITests {
    @Test func misspeltCommandAndColumnsSuggestTheClosest() throws {
        let command = try runStaffGraph(["sumary", "Samples/tiny/edges.csv"])
        #expect(command.status == 64 && command.stderr.contains("Did you mean 'summary'?"), "\(command.stderr)")
        let sort = try runStaffGraph(["metrics", "Samples/tiny/edges.csv", "--sort", "in_degre"])
        #expect(sort.status == 64 && sort.stderr.contains("did you mean 'in_degree'?"))
        let measure = try runStaffGraph(["metrics", "Samples/tiny/edges.csv", "--measures", "pagerak"])
        #expect(measure.status == 64 && measure.stderr.contains("did you mean 'pagerank'?"))
        let help = try runStaffGraph(["--help"])
        #expect(help.stdout.contains("70 internal error or Graphviz failure") && help.stdout.contains("Conventions.md"))
        let conventions = repositoryRoot.appendingPathComponent("Sources/StaffGraphCore/StaffGraphCore.docc/Conventions.md")
        #expect(FileManager.default.fileExists(atPath: conventions.path))
    }

    @Test func smallNetworksAreExactAndSayNothingOfEstimates() throws {
        let run = try runStaffGraph(["metrics", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall", "--format", "json"])
        #expect(run.status == 0 && !run.stderr.contains("estimated"))
        let exact = try runStaffGraph(["metrics", "Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall", "--format", "json", "--exact"])
        #expect(exact.status == 0 && exact.stdout == run.stdout)
        #expect(run.stdout.contains("\"estimated\": {}") || run.stdout.contains("\"estimated\": {\n"))
    }
}
