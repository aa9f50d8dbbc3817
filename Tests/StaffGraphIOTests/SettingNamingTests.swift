import Foundation
import Testing
import StaffGraphCore
@testable import StaffGraphIO

/// The error `body` throws, or nil.
fileprivate func failure(_ body: () throws -> Any) -> InputError? {
    do { _ = try body(); return nil } catch { return error as? InputError }
}

fileprivate func edges(_ text: String, roster: Roster? = nil, _ configure: (inout EdgeListOptions) -> Void = { _ in }) throws(InputError) -> EdgeListImport {
    var options = EdgeListOptions()
    configure(&options)
    return try EdgeListReader.read(bytes: Array(text.utf8), name: "edges.csv", roster: roster, options: options)
}

/// Whether `text` holds "--" followed by a letter, as a command-line flag would.
fileprivate func namesAFlag(_ text: String) -> Bool {
    let c = Array(text)
    return c.indices.dropLast(2).contains { c[$0] == "-" && c[$0 + 1] == "-" && c[$0 + 2].isLetter }
}

/// A presenter's naming that shows where every placeholder went.
fileprivate func marked(_ setting: IOSetting) -> String { "<\(setting.rawValue)>" }

fileprivate let graphWithTwoLayers: Network = {
    var a = GraphBuilder(nodeCount: 2), b = GraphBuilder(nodeCount: 2)
    a.addTie(from: 0, to: 1)
    b.addTie(from: 1, to: 0)
    return Network(roster: Roster(ids: ["a", "b"]), layers: [
        Layer(key: LayerKey(relation: "advice", wave: "fall"), graph: a.build().graph),
        Layer(key: LayerKey(relation: "advice"), graph: b.build().graph),
    ])
}()

fileprivate let spec = """
shape: name_generator
respondent_column: Name
frequencies: {Daily: 4, Weekly: 3}
relations:
  - name: advice
    columns: "Advice *"

"""

fileprivate func survey(_ csv: String, spec: String = spec, options: SurveyImportOptions = SurveyImportOptions()) throws -> SurveyImport {
    let roster = try RosterReader.read(bytes: Array("id,name\na,Ana Silva\nb,Bo Chen\n".utf8), name: "roster.csv")
    let s = try SurveySpec.parse(yaml: spec, file: "spec.yaml")
    return try SurveyImporter.run(bytes: Array(csv.utf8), name: "responses.csv", roster: roster, rosterFile: "roster.csv", spec: s, options: options)
}

@Suite struct SettingNamingTests {
    // MARK: templates

    @Test func templatesKeepSettingsAsPlaceholders() {
        let t: MessageTemplate = "ids off the roster are refused; use \(setting: .allowUnknown) to add them (\(3) found)"
        #expect(t.settings == [.allowUnknown])
        #expect(t.description == "ids off the roster are refused; use allowUnknown to add them (3 found)")
        #expect(t.rendered(naming: marked) == "ids off the roster are refused; use <allowUnknown> to add them (3 found)")
        #expect(t.pieces == [.text("ids off the roster are refused; use "), .setting(.allowUnknown), .text(" to add them (3 found)")])
        // A template inside another keeps its placeholders; plain text has none.
        let outer: MessageTemplate = "the header is one field; \(t)"
        #expect(outer.settings == [.allowUnknown])
        #expect(MessageTemplate("no settings here").settings.isEmpty)
        #expect(MessageTemplate("") == MessageTemplate(pieces: [.text("")]))
    }

    @Test func errorsRenderWithTheCallersNamesAndKeepTheirLocation() throws {
        let e = try #require(failure { try edges("from,to\na,b\n") { $0.sourceColumn = "src" } })
        #expect(e.settings == [.sourceColumn])
        #expect(e.message == "there is no column named 'src' (given with sourceColumn)")
        #expect(e.description == "edges.csv:1:1: error: there is no column named 'src' (given with sourceColumn)\n  hint: the header has: from, to")
        #expect(e.description(naming: marked) == "edges.csv:1:1: error: there is no column named 'src' (given with <sourceColumn>)\n  hint: the header has: from, to")
        #expect(e.exitCode == 64)
    }

    @Test func prefixingAMessageKeepsItsPlaceholders() throws {
        var e = try #require(failure { try edges("source,target\na,b\n") { $0.weightColumn = "w" } })
        e.message = "while reading: \(e.message)"
        #expect(e.settings == [.weightColumn])
        #expect(e.description(naming: marked).contains("error: while reading: there is no column named 'w' (given with <weightColumn>)"))
        // Text that does not contain the old message replaces it outright.
        e.message = "something else"
        #expect(e.settings.isEmpty)
        // Errors made from plain text have no settings.
        #expect(InputError(file: "f", "plain", hint: "text").settings.isEmpty)
    }

    @Test func everySettingHasALibraryName() {
        let names = IOSetting.allCases.map(\.libraryName)
        #expect(Set(names).count == IOSetting.allCases.count)
        for setting in IOSetting.allCases {
            #expect(!setting.libraryName.isEmpty && !namesAFlag(setting.libraryName), "\(setting)")
            #expect(IOSetting(rawValue: setting.rawValue) == setting)
        }
    }

    // MARK: the library speaks its own terms

    /// Representative bad inputs: each error's plain description names no
    /// command-line flag, and every setting it mentions is a placeholder a
    /// presenter fills in.
    @Test func libraryMessagesNameNoFlags() throws {
        let roster = Roster(ids: ["p01", "p02"])
        var named = Roster(ids: ["p1", "p2"])
        named.setAttribute("name", values: ["Ana", "Ben"])
        let folderFile = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-naming-\(ProcessInfo.processInfo.processIdentifier).txt").path
        #expect(FileManager.default.createFile(atPath: folderFile, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: folderFile) }
        let graphml = "<graphml><graph edgedefault=\"directed\"><node id=\"p01\"/><node id=\"zz\"/><edge source=\"p01\" target=\"zz\"/></graph></graphml>"
        let mixedWaves = "<graphml><key id=\"w\" for=\"edge\" attr.name=\"wave\" attr.type=\"string\"/><graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"><data key=\"w\">fall</data></edge><edge source=\"b\" target=\"a\"/></graph></graphml>"
        var attributes = Roster(ids: ["a", "b"])
        attributes.setAttribute("team", values: ["x", "y"])
        let withTeams = Network(roster: attributes, layers: graphWithTwoLayers.layers)

        let cases: [(String, [IOSetting], () throws -> Any)] = [
            // Unknown ids: in an edge list, named by another roster column, in another format.
            ("unknown id", [.allowUnknown], { try edges("source,target\np01,p1\n", roster: roster) }),
            ("names, not ids", [.idColumn], { try edges("source,target\nAna,Ben\n", roster: named) }),
            ("unknown id in GraphML", [.allowUnknown], {
                let imported = try GraphML.read(bytes: Array(graphml.utf8), path: "g.graphml")
                return try NetworkFormat.attach(roster, rosterPath: "roster.csv", to: imported, file: "g.graphml", allowUnknown: false)
            }),
            // Bad separators: given wrong, or a header that is one field.
            ("wrong delimiter", [.delimiter], { try edges("source,target\na,b\n") { $0.delimiter = 9 } }),
            ("wrong delimiter, column given", [.sourceColumn, .delimiter], { try edges("from;to\na;b\n") { $0.delimiter = UInt8(ascii: ","); $0.sourceColumn = "from" } }),
            // Missing columns.
            ("no target column", [.targetColumn], { try edges("source,weight\na,1\n") }),
            ("no such column", [.relationColumn], { try edges("source,target\na,b\n") { $0.relationColumn = "kind" } }),
            ("same column twice", [.sourceColumn, .targetColumn], { try edges("a,b\nx,y\n") { $0.sourceColumn = "a"; $0.targetColumn = "A" } }),
            ("no roster id column", [.idColumn], { try RosterReader.read(bytes: Array("id,name\na,Ana\n".utf8), name: "roster.csv", idColumn: "email") }),
            // Survey spec and import errors.
            ("spec not YAML", [], { try SurveySpec.parse(yaml: "relations: [\n", file: "spec.yaml") }),
            ("spec without respondent column", [], { try SurveySpec.parse(yaml: "shape: name_generator\nrelations:\n  - name: advice\n    columns: \"Advice *\"\n", file: "spec.yaml") }),
            ("spec column not in export", [], { try survey("Who,Advice 1\nAna Silva,Bo\n") }),
            ("strict import", [.strict], { try survey("Name,Advice 1\nAna Silva,Zed\n", options: SurveyImportOptions(strict: true)) }),
            // Formats and writing.
            ("GEXF read as GraphML", [.format], { try GraphML.read(bytes: Array("<gexf><graph/></gexf>".utf8), path: "x.graphml") }),
            ("GraphML read as GEXF", [.format], { try GEXF.read(bytes: Array("<graphml><graph/></graphml>".utf8), path: "x.gexf") }),
            ("mixed waves", [.wave], { try GraphML.read(bytes: Array(mixedWaves.utf8), path: "w.graphml") }),
            ("several layers to Pajek", [.relation, .wave], { try NetworkFormat.pajek.render(graphWithTwoLayers, to: "o.net") }),
            ("mixed waves to CSV", [.wave], { try NetworkFormat.csv.render(graphWithTwoLayers, to: "o.csv") }),
            ("roster over the edge list", [.nodesPath], {
                var options = FormatWriteOptions()
                options.nodesPath = "o.csv"
                return try NetworkFormat.csv.render(Network(roster: Roster(ids: ["a"]), layers: []), to: "o.csv", options: options)
            }),
            ("sizes to CSV", [.sizeBy, .colorBy], {
                var options = FormatWriteOptions()
                options.visuals = try NodeVisuals.make(for: withTeams, sizeBy: .degree, colorBy: nil, file: "o.csv")
                return try NetworkFormat.csv.render(withTeams, to: "o.csv", options: options)
            }),
            ("no such attribute", [.colorBy], { try NodeVisuals.make(for: withTeams, sizeBy: nil, colorBy: "role", file: "o.gexf") }),
            ("no attributes at all", [.sizeBy, .roster], { try NodeVisuals.make(for: graphWithTwoLayers, sizeBy: .attribute("years"), colorBy: nil, file: "o.gexf") }),
            ("sizes from text", [.sizeBy, .colorBy], { try NodeVisuals.make(for: withTeams, sizeBy: .attribute("team"), colorBy: nil, file: "o.gexf") }),
            ("output folder is a file", [.outputFolder], { try AtomicFileGroup.write([(name: "a.csv", text: "x")], into: folderFile) }),
        ]
        for (label, settings, body) in cases {
            let e = try #require(failure(body), "\(label): no error")
            #expect(!namesAFlag(e.description), "\(label): \(e.description)")
            #expect(e.settings == settings, "\(label): \(e.settings)")
            // Every setting the error mentions is shown through the presenter's naming, none as library text.
            let presented = e.description(naming: marked)
            for setting in settings {
                #expect(presented.contains(marked(setting)), "\(label): \(presented)")
            }
            #expect(!namesAFlag(presented))
        }
    }

    @Test func wrongSeparatorIsExplained() throws {
        let given = try #require(failure { try edges("source,target\na,b\n") { $0.delimiter = 9 } })
        #expect(given.hint == "the header is a single field; it seems separated by ',', not by tab (given with delimiter): give ',' as delimiter, or leave it unset to detect the separator")
        #expect(given.line == 1 && given.column == 1 && given.exitCode == 65)
        // A header of one field with no other separator keeps the usual hint.
        let plain = try #require(failure { try edges("source|target\na|b\n") })
        #expect(plain.hint == "name it 'source', or give its name with sourceColumn; the first line must be a header")
    }

    @Test func notesNameSettingsInLibraryTerms() throws {
        let text = "source,target,weight\na,a,1\na,b,2\nb,a,5\n"
        var options = FormatReadOptions()
        options.minimumWeight = 3
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-notes-\(ProcessInfo.processInfo.processIdentifier).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plain = try NetworkFormat.csv.read(path, options: options).notes
        #expect(plain.contains("1 tie below minimumWeight 3 removed"))
        #expect(plain.contains("1 tie from a person to themselves dropped (selfLoops = .keep keeps them)"))
        #expect(plain.contains("no roster given (roster): people are the ids in the edge list, without attributes"))
        #expect(!plain.contains(where: namesAFlag))
        // Bound names (`IOSetting.withNaming`) are process-wide, so they are checked through the
        // command line (CLI tests: "below --min-weight"), never here while other tests run.
        let report = try edges(text) { $0.minimumWeight = 3 }.report
        #expect(report.notes(minimumWeight: 3) == ["1 tie from a person to themselves dropped (selfLoops = .keep keeps them)", "1 tie below minimumWeight 3 removed"])
    }
}
