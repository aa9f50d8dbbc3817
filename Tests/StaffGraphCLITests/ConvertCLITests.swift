import Foundation
import Testing

/// A fresh folder for one test's files.
fileprivate func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-convert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

fileprivate func write(_ text: String, _ name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

fileprivate func contents(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
}

/// The files in `dir`, sorted.
fileprivate func listing(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
}

@Suite struct ConvertCLITests {
    /// CSV → every format → CSV gives back the same two files, byte for byte.
    @Test(arguments: ["graphml", "gexf", "json"])
    func schoolThroughEachFormatAndBack(ext: String) throws {
        let dir = try folder()
        let base = dir.appendingPathComponent("school.csv").path
        let first = try runStaffGraph(["convert", "Samples/school/edges.csv", base, "--nodes", "Samples/school/roster.csv"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "wrote \(base) (CSV edge list) from Samples/school/edges.csv (CSV edge list): 62 people, 1949 ties in 6 relations and waves\n")
        let middle = dir.appendingPathComponent("school.\(ext)").path
        let there = try runStaffGraph(["convert", base, middle, "--nodes", dir.appendingPathComponent("school_nodes.csv").path])
        #expect(there.status == 0, "\(there.stderr)")
        let back = dir.appendingPathComponent("back.csv").path
        let again = try runStaffGraph(["convert", middle, back])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try contents(back) == contents(base))
        #expect(try contents(dir.appendingPathComponent("back_nodes.csv").path) == contents(dir.appendingPathComponent("school_nodes.csv").path))
    }

    @Test(arguments: ["net", "dl"])
    func oneLayerFormatsRoundTripOneLayer(ext: String) throws {
        let dir = try folder()
        let out = dir.appendingPathComponent("advice.\(ext)").path
        let run = try runStaffGraph(["convert", "Samples/school/edges.csv", out, "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("note: \(ext == "net" ? "Pajek" : "UCINET DL") keeps no node attributes: 8 columns (name, role, team, level, years, responded_fall, …) dropped"))
        #expect(run.stderr.contains("keeps no relation or wave names: wrote the ties of 'advice, wave fall'"))
        let back = dir.appendingPathComponent("back.csv").path
        let again = try runStaffGraph(["convert", out, back, "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall"])
        #expect(again.status == 0, "\(again.stderr)")
        let lines = try contents(back).split(separator: "\n")
        #expect(lines.first == "source,target,weight,relation,wave")
        #expect(lines.count == 408)
        #expect(lines[1] == "p01,p03,3,advice,fall")
    }

    @Test func csvOutputWritesTheRosterBesideItOrWhereAsked() throws {
        let dir = try folder()
        let out = dir.appendingPathComponent("tiny.csv").path
        let run = try runStaffGraph(["convert", "Samples/tiny/edges.csv", out, "--nodes", "Samples/tiny/roster.csv"])
        #expect(run.status == 0)
        #expect(try listing(dir) == ["tiny.csv", "tiny_nodes.csv"])
        #expect(try contents(dir.appendingPathComponent("tiny_nodes.csv").path) == contents(repositoryRoot.appendingPathComponent("Samples/tiny/roster.csv").path))
        #expect(run.stderr.contains("note: the roster (people and their attributes) is in \(dir.appendingPathComponent("tiny_nodes.csv").path)"))
        let other = dir.appendingPathComponent("people.csv").path
        let asked = try runStaffGraph(["convert", "Samples/tiny/edges.csv", dir.appendingPathComponent("t2.csv").path, "--nodes", "Samples/tiny/roster.csv", "--nodes-out", other])
        #expect(asked.status == 0)
        #expect(FileManager.default.fileExists(atPath: other))
    }

    @Test func malformedXMLExits65WithALocationAndWritesNothing() throws {
        let dir = try folder()
        let input = try write("<?xml version=\"1.0\"?>\n<graphml>\n  <graph edgedefault=\"directed\">\n    <node id=\"a\">\n    <node id=\"b\"/>\n  </graph>\n</graphml>\n", "broken.graphml", in: dir)
        let out = dir.appendingPathComponent("out.gexf").path
        let run = try runStaffGraph(["convert", input, out])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("\(input):6:3: error: expected </node> to close <node> (opened on line 4, column 5), found </graph>\n  hint: "))
        #expect(run.stdout.isEmpty)
        #expect(try listing(dir) == ["broken.graphml"])
    }

    @Test func dlHeaderDisagreeingWithItsDataExits65() throws {
        let dir = try folder()
        let input = try write("dl n=4\nformat = fullmatrix\nlabels embedded:\ndata:\na b c d\na 0 1 0 0\nb 0 0 1 0\nc 1 0 0\n", "m.dl", in: dir)
        let run = try runStaffGraph(["convert", input, dir.appendingPathComponent("m.csv").path])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("\(input):8:8: error: row 3 of matrix 1 has 3 values; the header says n=4"))
        #expect(run.stderr.contains("hint: a full matrix has one value per person on every row, 0 for no tie"))
        #expect(try listing(dir) == ["m.dl"])
    }

    @Test func pajekArcOutOfRangeExits65() throws {
        let dir = try folder()
        let input = try write("*Vertices 2\n1 \"a\"\n2 \"b\"\n*Arcs\n1 3\n", "g.net", in: dir)
        let run = try runStaffGraph(["convert", input, dir.appendingPathComponent("g.graphml").path])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("\(input):5:3: error: the arc's target is vertex 3, but *Vertices declares 2 (1 to 2)"))
        #expect(try listing(dir) == ["g.net"])
    }

    /// The edge-reading options of the analysing commands work in convert too:
    /// --min-weight on any input format, column names and separator on a CSV.
    @Test func edgeReadingOptionsOnEveryInput() throws {
        let dir = try folder()
        let graphml = dir.appendingPathComponent("school.graphml").path
        #expect(try runStaffGraph(["convert", "Samples/school/edges.csv", graphml, "--nodes", "Samples/school/roster.csv"]).status == 0)
        let fromCSV = dir.appendingPathComponent("a.csv").path, fromGraphML = dir.appendingPathComponent("b.csv").path
        let csvRun = try runStaffGraph(["convert", "Samples/school/edges.csv", fromCSV, "--nodes", "Samples/school/roster.csv", "--min-weight", "4", "--relation", "advice", "--wave", "fall"])
        let xmlRun = try runStaffGraph(["convert", graphml, fromGraphML, "--min-weight", "4", "--relation", "advice", "--wave", "fall"])
        #expect(csvRun.status == 0 && xmlRun.status == 0, "\(csvRun.stderr)\(xmlRun.stderr)")
        #expect(csvRun.stderr.contains("note: 1631 ties below --min-weight 4 removed"))
        #expect(xmlRun.stderr.contains("note: 1631 ties below --min-weight 4 removed"))
        #expect(try contents(fromGraphML) == contents(fromCSV))
        #expect(try contents(fromCSV).split(separator: "\n").count == 51)

        // A semicolon file with its own column names.
        let odd = try write("from;to;strength\na;b;2\nb;c;5\n", "odd.csv", in: dir)
        let renamed = dir.appendingPathComponent("renamed.graphml").path
        let named = try runStaffGraph(["convert", odd, renamed, "--source-column", "from", "--target-column", "to", "--weight-column", "strength", "--delimiter", "semicolon", "--min-weight", "3"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.hasSuffix(": 3 people, 1 tie\n"))

        // CSV-only options on another format: a usage error, nothing written.
        let out = dir.appendingPathComponent("x.csv").path
        let wrong = try runStaffGraph(["convert", graphml, out, "--source-column", "from", "--delimiter", "tab"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--source-column, --delimiter apply to a CSV edge list; \(graphml) is GraphML"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func severalLayersIntoPajekIsAUsageError() throws {
        let dir = try folder()
        let run = try runStaffGraph(["convert", "Samples/school/edges.csv", dir.appendingPathComponent("s.net").path, "--wave", "fall"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Pajek holds one relation and wave; the network has 2 ('advice, wave fall'; 'collaboration, wave fall')"))
        #expect(run.stderr.contains("hint: pick one with --relation and --wave"))
        #expect(try listing(dir).isEmpty)
    }

    @Test func unknownExtensionsAndBadOptionsExit64() throws {
        let unknown = try runStaffGraph(["convert", "Samples/tiny/edges.csv", "/tmp/out.xlsx"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("cannot tell the output format of '/tmp/out.xlsx'"))
        let dotInput = try runStaffGraph(["convert", "in.dot", "/tmp/out.csv"])
        #expect(dotInput.status == 64)
        let sameFile = try runStaffGraph(["convert", "Samples/tiny/edges.csv", "Samples/tiny/edges.csv"])
        #expect(sameFile.status == 64)
        let drawOnCSV = try runStaffGraph(["convert", "Samples/tiny/edges.csv", "/tmp/x.graphml", "--color-by", "team"])
        #expect(drawOnCSV.status == 64)
        let forced = try runStaffGraph(["convert", "Samples/tiny/edges.csv", "/tmp/staffgraph-nonexistent-dir/x.txt", "--to", "gexf"])
        #expect(forced.status == 66)
    }

    @Test func missingInputExits66() throws {
        let run = try runStaffGraph(["convert", "no/such/file.graphml", "/tmp/x.csv"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("no/such/file.graphml: error: cannot open the file: no such file"))
    }

    @Test func gexfWithDrawOptionsAndDeterministicBytes() throws {
        let dir = try folder()
        let a = dir.appendingPathComponent("a.gexf").path, b = dir.appendingPathComponent("b.gexf").path
        let arguments = ["Samples/school/edges.csv", "--nodes", "Samples/school/roster.csv", "--relation", "advice", "--wave", "fall", "--size-by", "in-degree", "--color-by", "team"]
        let first = try runStaffGraph(["convert"] + [arguments[0], a] + arguments.dropFirst())
        let second = try runStaffGraph(["convert"] + [arguments[0], b] + arguments.dropFirst())
        #expect(first.status == 0 && second.status == 0)
        #expect(try contents(a) == contents(b))
        #expect(try contents(a).contains("<viz:size value="))
        #expect(first.stderr.contains("note: node colours from 'team', as on the maps: Arts #332288"))
    }

    @Test func gephiStyleInputWithARosterAndDroppedData() throws {
        let dir = try folder()
        let input = try write("""
        <gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="directed">
        <nodes><node id="ana" label="Ana"/><node id="ben" label="Ben"/></nodes>
        <edges><edge id="0" source="ana" target="ben" weight="2" label="asks"/></edges>
        </graph></gexf>
        """, "g.gexf", in: dir)
        let roster = try write("id,team\nana,Math\nben,Arts\ncai,Math\n", "roster.csv", in: dir)
        let out = dir.appendingPathComponent("out.json").path
        let run = try runStaffGraph(["convert", input, out, "--nodes", roster])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("note: GEXF edge attributes other than weight, relation and wave are not kept: label (1 edge)"))
        let json = try contents(out)
        #expect(json.contains("{\"id\": \"cai\", \"team\": \"Math\"}"))
        #expect(json.contains("{\"id\": \"ana\", \"team\": \"Math\", \"label\": \"Ana\"}"))
        #expect(json.contains("{\"source\": \"ana\", \"target\": \"ben\", \"weight\": 2}"))
    }

    @Test func helpDocumentsTheFormats() throws {
        let run = try runStaffGraph(["help", "convert"])
        #expect(run.status == 0)
        for word in [".graphml", ".gexf", ".net", ".dl", ".json", ".dot", "_nodes.csv", "--nodes-out", "--dl-format"] {
            #expect(run.stdout.contains(word), "\(word)")
        }
    }
}
