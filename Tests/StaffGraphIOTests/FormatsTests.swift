import Foundation
import Testing
import StaffGraphCore
@testable import StaffGraphIO

/// The repository root, found from this file's path.
fileprivate let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

fileprivate func sample(_ path: String) -> String { root.appendingPathComponent(path).path }

/// A CSV edge list with its roster, as `convert` reads them.
fileprivate func load(_ edges: String, roster: String?, relation: String? = nil, wave: String? = nil) throws -> Network {
    var options = FormatReadOptions()
    options.relation = relation
    options.wave = wave
    if let roster { options.roster = try RosterReader.read(sample(roster)) }
    let network = try NetworkFormat.csv.read(sample(edges), options: options).network
    return try NetworkFormat.selecting(network, relation: relation, wave: wave, file: edges)
}

/// The school sample, one layer or all.
fileprivate func school(relation: String? = nil, wave: String? = nil) throws -> Network {
    try load("Samples/school/edges.csv", roster: "Samples/school/roster.csv", relation: relation, wave: wave)
}

/// Reads `text` as `format` from memory.
fileprivate func reread(_ text: String, as format: NetworkFormat, options: FormatReadOptions = FormatReadOptions(), name: String = "file") throws -> FormatImport {
    let bytes = Array(text.utf8)
    switch format {
    case .graphml: return try GraphML.read(bytes: bytes, path: name, options: options)
    case .gexf: return try GEXF.read(bytes: bytes, path: name, options: options)
    case .pajek: return try Pajek.read(bytes: bytes, path: name, options: options)
    case .dl: return try UCINETDL.read(bytes: bytes, path: name, options: options)
    case .json: return try NodeLinkJSON.read(bytes: bytes, path: name, options: options)
    case .csv, .dot: throw InputError(.usage, file: name, "not read from memory here")
    }
}

/// Writes `network` as `format` and reads it back (CSV through both files).
fileprivate func roundTrip(_ network: Network, _ format: NetworkFormat, options: FormatWriteOptions = FormatWriteOptions(), read: FormatReadOptions = FormatReadOptions()) throws -> Network {
    let rendered = try format.render(network, to: "out.\(format.extensions[0])", options: options)
    if format == .csv {
        let roster = try RosterReader.read(bytes: Array(rendered.files[0].text.utf8), name: "out_nodes.csv")
        var edgeOptions = EdgeListOptions()
        edgeOptions.relation = read.relation
        edgeOptions.wave = read.wave
        return try EdgeListReader.read(bytes: Array(rendered.files[1].text.utf8), name: "out.csv", roster: roster, options: edgeOptions).network
    }
    return try reread(rendered.files[0].text, as: format, options: read).network
}

/// Every tie as "source>target:weight@relation/wave", in layer order.
fileprivate func tieList(_ network: Network) -> [String] {
    let ids = network.roster.ids
    return network.layers.flatMap { layer in
        layer.graph.ties.map { "\(ids[$0.source])>\(ids[$0.target]):\(formatWeight($0.weight))@\(layer.key.relation)/\(layer.key.wave ?? "-")" }
    }
}

/// Every node column as "name=v1|v2|…".
fileprivate func columnList(_ network: Network) -> [String] {
    NodeColumn.columns(of: network.roster).map { "\($0.name)=\($0.values.joined(separator: "|"))" }
}

/// The error `body` throws, or nil.
fileprivate func failure(_ body: () throws -> Any) -> InputError? {
    do { _ = try body(); return nil } catch { return error as? InputError }
}

fileprivate let everyFormat: [NetworkFormat] = [.csv, .graphml, .gexf, .json, .pajek, .dl]
fileprivate let attributeFormats: [NetworkFormat] = [.csv, .graphml, .gexf, .json]

@Suite struct FormatsTests {
    // MARK: Round trips

    @Test(arguments: everyFormat)
    func schoolAdviceFallRoundTrips(format: NetworkFormat) throws {
        let network = try school(relation: "advice", wave: "fall")
        var read = FormatReadOptions()
        if !format.keepsNodeAttributes { read.relation = "advice"; read.wave = "fall" }
        let back = try roundTrip(network, format, read: read)
        #expect(back.roster.ids == network.roster.ids)
        #expect(tieList(back) == tieList(network))
        #expect(tieList(back).count == 407)
        if format.keepsNodeAttributes {
            #expect(columnList(back) == columnList(network))
        } else {
            #expect(back.roster.attributeNames.isEmpty)
        }
    }

    @Test(arguments: attributeFormats)
    func wholeSchoolWithEveryLayerRoundTrips(format: NetworkFormat) throws {
        let network = try school()
        let back = try roundTrip(network, format)
        #expect(back.layers.map(\.key) == network.layers.map(\.key))
        #expect(back.layers.count == 6)
        #expect(tieList(back) == tieList(network))
        #expect(columnList(back) == columnList(network))
        #expect(back.roster.responseWaves == ["fall", "winter", "spring"])
        #expect(back.roster.responses(wave: "spring") == network.roster.responses(wave: "spring"))
    }

    @Test(arguments: everyFormat)
    func realDatasetsRoundTrip(format: NetworkFormat) throws {
        // Krackhardt's managers (decimal tenure such as 7.500) and the UK faculty (weights up to 16).
        for (edges, nodes) in [("Samples/data/krackhardt/edges_advice.csv", "Samples/data/krackhardt/nodes.csv"),
                               ("Samples/data/ukfaculty/edges_friendship.csv", "Samples/data/ukfaculty/nodes.csv"),
                               ("Samples/data/knecht/edges_friendship_w2.csv", "Samples/data/knecht/roster.csv")] {
            let network = try load(edges, roster: nodes)
            let back = try roundTrip(network, format)
            #expect(back.roster.ids == network.roster.ids, "\(edges)")
            #expect(tieList(back) == tieList(network), "\(edges)")
            if format.keepsNodeAttributes { #expect(columnList(back) == columnList(network), "\(edges)") }
        }
    }

    @Test func dlFullMatrixRoundTrips() throws {
        let network = try load("Samples/data/ukfaculty/edges_friendship.csv", roster: "Samples/data/ukfaculty/nodes.csv")
        var options = FormatWriteOptions()
        options.dlLayout = .fullmatrix
        let text = try NetworkFormat.dl.render(network, to: "uk.dl", options: options).files[0].text
        #expect(text.hasPrefix("dl n=81\nformat = fullmatrix\nlabels embedded:\ndata:\nf01 f02 f03"))
        let back = try roundTrip(network, .dl, options: options)
        #expect(tieList(back) == tieList(network))
        #expect(back.roster.ids == network.roster.ids)
    }

    @Test func isolatesAndRosterOrderSurviveEveryFormat() throws {
        let network = try load("Samples/tiny/edges.csv", roster: "Samples/tiny/roster.csv")
        #expect(network.roster.ids.count == 7)
        for format in everyFormat {
            let back = try roundTrip(network, format)
            #expect(back.roster.ids == network.roster.ids, "\(format)")
            #expect(tieList(back) == tieList(network), "\(format)")
        }
    }

    @Test func outputIsDeterministic() throws {
        let network = try school()
        for format in [NetworkFormat.csv, .graphml, .gexf, .json, .dot] {
            let a = try format.render(network, to: "a.x").files.map(\.text)
            let b = try format.render(try school(), to: "a.x").files.map(\.text)
            #expect(a == b, "\(format)")
        }
    }

    // MARK: Typed attributes

    @Test func numericColumnsAreTypedAndReadBackAsText() throws {
        let network = try load("Samples/data/krackhardt/edges_advice.csv", roster: "Samples/data/krackhardt/nodes.csv")
        let graphml = try NetworkFormat.graphml.render(network, to: "k.graphml").files[0].text
        #expect(graphml.contains("attr.name=\"age\" attr.type=\"int\""))
        #expect(graphml.contains("attr.name=\"tenure\" attr.type=\"double\""))
        #expect(graphml.contains("<data key=\"d2\">7.500</data>"))
        let gexf = try NetworkFormat.gexf.render(network, to: "k.gexf").files[0].text
        #expect(gexf.contains("title=\"age\" type=\"integer\""))
        #expect(gexf.contains("title=\"tenure\" type=\"double\""))
        let json = try NetworkFormat.json.render(network, to: "k.json").files[0].text
        #expect(json.contains("{\"id\": \"m04\", \"original_label\": 4, \"age\": 33, \"tenure\": 7.500, \"level\": 3, \"dept\": 4}"))
        for format in [NetworkFormat.graphml, .gexf, .json] {
            let back = try roundTrip(network, format)
            #expect(back.roster.attribute("tenure")?[3] == "7.500", "\(format)")
        }
    }

    @Test func typeInference() {
        #expect(NodeColumn.inferType(["1", "", "-3"]) == .integer)
        #expect(NodeColumn.inferType(["1", "2.5", "1e3"]) == .double)
        #expect(NodeColumn.inferType(["1", "05"]) == .string)
        #expect(NodeColumn.inferType(["1", ".5"]) == .string)
        #expect(NodeColumn.inferType(["NaN"]) == .string)
        #expect(NodeColumn.inferType(["", ""]) == .string)
        #expect(ColumnType.fitsInt32(["2147483647"]) && !ColumnType.fitsInt32(["2147483648"]))
    }

    // MARK: Escaping

    fileprivate static let awkward = ["O\"Brien", "back\\slash", "R&D <lab>", "Zoë Núñez", "李雷", "Smith, Ana", " padded ", "semi;colon", "tab\there"]

    fileprivate func awkwardNetwork() -> Network {
        var roster = Roster(ids: FormatsTests.awkward)
        roster.setAttribute("name", values: FormatsTests.awkward.map { "name of \($0)" })
        roster.setAttribute("note", values: ["a \"quote\"", "x\\y", "&amp; literal", "é", "", "line\nbreak", "<b>", "'single'", "tab\tin"])
        var builder = GraphBuilder(nodeCount: roster.count)
        for i in 0 ..< roster.count { builder.addTie(from: i, to: (i + 1) % roster.count, weight: Double(i) + 0.5) }
        return Network(roster: roster, layers: [Layer(key: LayerKey(relation: "advice & help", wave: "fall \"22\""), graph: builder.build().graph)])
    }

    @Test(arguments: attributeFormats)
    func awkwardIDsAndValuesRoundTrip(format: NetworkFormat) throws {
        let network = awkwardNetwork()
        let back = try roundTrip(network, format)
        #expect(back.roster.ids == FormatsTests.awkward)
        #expect(columnList(back) == columnList(network))
        #expect(tieList(back) == tieList(network))
    }

    @Test func awkwardIDsInPajek() throws {
        let network = awkwardNetwork()
        let text = try NetworkFormat.pajek.render(network, to: "a.net").files[0].text
        #expect(text.contains("1 \"O\\\"Brien\"\n2 \"back\\\\slash\"\n3 \"R&D <lab>\""))
        var read = FormatReadOptions()
        read.relation = "advice & help"; read.wave = "fall \"22\""
        let back = try roundTrip(network, .pajek, read: read)
        #expect(back.roster.ids == FormatsTests.awkward)
        #expect(tieList(back) == tieList(network))
    }

    @Test func dlQuotesLabelsWithSpacesAndRefusesDoubleQuotes() throws {
        let e = failure { try NetworkFormat.dl.render(self.awkwardNetwork(), to: "a.dl") }
        #expect(e?.exitCode == 64)
        #expect(e?.message == "the id 'O\"Brien' holds a double quote, which UCINET DL labels cannot carry")
        var roster = Roster(ids: ["Smith, Ana", "Zoë", "R&D"])
        roster.setAttribute("x", values: ["1", "2", "3"])
        var builder = GraphBuilder(nodeCount: 3)
        builder.addTie(from: 0, to: 1, weight: 2)
        let network = Network(roster: roster, layers: [Layer(key: LayerKey(relation: "ties"), graph: builder.build().graph)])
        let text = try NetworkFormat.dl.render(network, to: "a.dl").files[0].text
        #expect(text == "dl n=3\nformat = edgelist1\nlabels:\n\"Smith, Ana\",Zoë,R&D\nlabels embedded:\ndata:\n\"Smith, Ana\" Zoë 2\n")
        let back = try roundTrip(network, .dl)
        #expect(back.roster.ids == ["Smith, Ana", "Zoë", "R&D"])
        #expect(tieList(back) == ["Smith, Ana>Zoë:2@ties/-"])
    }

    @Test func dotQuotesEveryIDAndEscapesLabels() throws {
        let text = try NetworkFormat.dot.render(awkwardNetwork(), to: "a.dot").files[0].text
        #expect(text.hasPrefix("digraph \"staffgraph\" {\n"))
        #expect(text.contains("  \"O\\\"Brien\" [label=\"name of O\\\"Brien\", \"name\"=\"name of O\\\"Brien\", \"note\"=\"a \\\"quote\\\"\"];"))
        #expect(text.contains("  \"back\\\\slash\" [label=\"name of back\\\\slash\""))
        #expect(text.contains("  \"R&D <lab>\" [label=\"name of R&amp;D <lab>\", \"name\"=\"name of R&D <lab>\""))
        #expect(text.contains("\"李雷\" -> \"Smith, Ana\" [weight=\"4.5\", \"relation\"=\"advice & help\", \"wave\"=\"fall \\\"22\\\"\"];"))
        // Every id is quoted, with \ and " escaped.
        for id in FormatsTests.awkward { #expect(text.contains("\n  " + DOTWriter.quoted(id) + " [label=")) }
        #expect(DOTWriter.quoted("a\\b\"c") == "\"a\\\\b\\\"c\"")
    }

    @Test func dotKeepsGraphvizNamesFromChangingTheDrawing() throws {
        let network = try load("Samples/data/ukfaculty/edges_friendship.csv", roster: "Samples/data/ukfaculty/nodes.csv")
        let rendered = try NetworkFormat.dot.render(network, to: "u.dot")
        #expect(rendered.files[0].text.contains("\"data_group\"=\"3\""))
        #expect(rendered.notes.contains { $0.contains("data_<name>") && $0.contains("group") })
    }

    @Test func xmlEscapesMarkupAndControlWhitespace() throws {
        let text = try NetworkFormat.graphml.render(awkwardNetwork(), to: "a.graphml").files[0].text
        #expect(text.contains("<node id=\"O&quot;Brien\">"))
        #expect(text.contains("<node id=\"R&amp;D &lt;lab&gt;\">"))
        #expect(text.contains("<data key=\"d1\">&amp;amp; literal</data>"))
        let gexf = try NetworkFormat.gexf.render(awkwardNetwork(), to: "a.gexf").files[0].text
        #expect(gexf.contains("value=\"tab&#9;in\""))
        #expect(gexf.contains("value=\"line&#10;break\""))
        var roster = Roster(ids: ["bell\u{7}"])
        roster.setAttribute("x", values: ["1"])
        let bad = Network(roster: roster, layers: [Layer(key: LayerKey(relation: "ties"), graph: Graph(isolates: 1))])
        let e = failure { try NetworkFormat.graphml.render(bad, to: "b.graphml") }
        #expect(e?.message.contains("U+0007") == true)
        #expect(e?.exitCode == 64)
    }

    @Test func tsvPathsGetTabs() throws {
        let network = try load("Samples/tiny/edges.csv", roster: "Samples/tiny/roster.csv")
        let files = try NetworkFormat.csv.render(network, to: "out/t.tsv").files
        #expect(files.map(\.path) == ["out/t_nodes.tsv", "out/t.tsv"])
        #expect(files[1].text.hasPrefix("source\ttarget\tweight\nana\tben\t3\n"))
        #expect(files[0].text.hasPrefix("id\tname\trole\tteam\tresponded\nana\tAna\tdepartment chair\tMath\tyes\n"))
    }

    @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
        #expect(CSVWriter.field("p01") == "p01")
        #expect(CSVWriter.field("Smith, Ana") == "\"Smith, Ana\"")
        #expect(CSVWriter.field("O\"Brien") == "\"O\"\"Brien\"")
        #expect(CSVWriter.field(" lead") == "\" lead\"")
        #expect(CSVWriter.field("Zoë") == "Zoë")
    }

    // MARK: Errors with locations

    @Test func malformedXMLSaysWhereAndWhat() {
        let mismatched = "<?xml version=\"1.0\"?>\n<graphml>\n  <graph edgedefault=\"directed\">\n    <node id=\"a\">\n  </graph>\n</graphml>\n"
        var e = failure { try reread(mismatched, as: .graphml, name: "g.graphml") }
        #expect(e?.description.hasPrefix("g.graphml:5:3: error: expected </node> to close <node> (opened on line 4, column 5), found </graph>") == true)
        #expect(e?.exitCode == 65)
        #expect(e?.hint != nil)

        let truncated = "<graphml>\n  <graph>\n    <node id=\"a\"/>\n"
        e = failure { try reread(truncated, as: .graphml, name: "g.graphml") }
        #expect(e?.line == 4 && e?.column == 1)
        #expect(e?.message == "the file ends before <graph> (opened on line 2, column 3) is closed")

        e = failure { try reread("<graphml>\n<graph>\n<node id=\"R&D\"/>\n</graph>\n</graphml>", as: .graphml) }
        #expect(e?.line == 3 && e?.column == 12)
        #expect(e?.hint?.contains("&amp;") == true)

        e = failure { try reread("<graphml><graph><node id=a/></graph></graphml>", as: .graphml) }
        #expect(e?.line == 1 && e?.column == 26)
        #expect(e?.message == "the value of 'id' in <node> is not quoted")

        e = failure { try reread("<graphml>\n  <graph>&nbsp;</graph>\n</graphml>", as: .graphml) }
        #expect(e?.line == 2 && e?.column == 10)
        #expect(e?.message == "unknown entity '&nbsp;'")

        e = failure { try reread("<gexf><graph><nodes><node id=\"a\" id=\"b\"/></nodes></graph></gexf>", as: .gexf) }
        #expect(e?.line == 1 && e?.column == 34)
        #expect(e?.message.contains("appears twice") == true)

        e = failure { try reread("<graphml></graphml>\n<graphml></graphml>", as: .graphml) }
        #expect(e?.line == 2 && e?.column == 1)
    }

    @Test func xmlPositionsCountCharactersNotBytes() {
        let e = failure { try reread("<graphml>\n<!-- Zoë Núñez -->\t<graph>é</grph>\n</graphml>", as: .graphml) }
        #expect(e?.line == 2 && e?.column == 28)
    }

    @Test func graphmlDataErrorsAreLocated() {
        let undeclared = "<graphml>\n<graph>\n<node id=\"a\">\n  <data key=\"d7\">x</data>\n</node>\n</graph>\n</graphml>\n"
        var e = failure { try reread(undeclared, as: .graphml) }
        #expect(e?.line == 4 && e?.column == 14)
        #expect(e?.message == "no <key> with id 'd7' is declared")
        let badWeight = "<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n<graph>\n<edge source=\"a\" target=\"b\">\n   <data key=\"w\">often</data>\n</edge>\n</graph></graphml>"
        e = failure { try reread(badWeight, as: .graphml) }
        #expect(e?.line == 4 && e?.column == 4)
        #expect(e?.message == "weight 'often' is not a number")
        let negative = "<gexf><graph><edges><edge id=\"0\" source=\"a\" target=\"b\" weight=\"-2\"/></edges></graph></gexf>"
        e = failure { try reread(negative, as: .gexf) }
        #expect(e?.line == 1 && e?.column == 64)
        #expect(e?.message == "weight -2 is negative")
        let duplicate = "<graphml><graph>\n<node id=\"a\"/>\n<node id=\"a\"/>\n</graph></graphml>"
        e = failure { try reread(duplicate, as: .graphml) }
        #expect(e?.line == 3 && e?.column == 1)
        #expect(e?.message == "node id 'a' appears twice (first on line 2)")
        e = failure { try reread("<gexf><graph/></gexf>", as: .graphml) }
        #expect(e?.hint == "it looks like GEXF: name it .gexf, or read it as GEXF (format gexf)")
        #expect(e?.settings == [.format])
    }

    @Test func dlHeaderThatDisagreesWithItsData() {
        // Four labels for n=5: the error points at the statement that follows them.
        let fewLabels = "dl n=5\nformat = edgelist1\nlabels:\na,b,c,d\nlabels embedded:\ndata:\na b\n"
        var e = failure { try reread(fewLabels, as: .dl, name: "k.dl") }
        #expect(e?.description.hasPrefix("k.dl:5:1: error: the header says n=5, but gives 4 labels") == true)
        #expect(e?.exitCode == 65)
        // An embedded edge list naming a fourth person when n=3.
        let tooMany = "dl n=3 format=edgelist1\nlabels embedded:\ndata:\na b 1\nb c 2\nc dan 1\n"
        e = failure { try reread(tooMany, as: .dl) }
        #expect(e?.line == 6 && e?.column == 3)
        #expect(e?.message == "the header says n=3, but the data names a 4th person, 'dan'")
        // A numeric edge list naming vertex 4 of 3.
        e = failure { try reread("DL N=3\nFORMAT=EDGELIST1\nDATA:\n1 2\n2 4\n", as: .dl) }
        #expect(e?.line == 5 && e?.column == 3)
        #expect(e?.message == "the target is person 4, but the header says n=3")
        // nm=2 but one edge list.
        e = failure { try reread("dl n=2 nm=2 format=edgelist1\ndata:\n1 2\n", as: .dl) }
        #expect(e?.message == "the header says nm=2, but the data hold 1 edge list")
    }

    @Test func dlMatrixOfTheWrongSize() {
        let shortRow = "dl n=3\nlabels embedded\ndata:\na b c\na 0 1 0\nb 1 0\nc 0 0 0\n"
        var e = failure { try reread(shortRow, as: .dl, name: "m.dl") }
        #expect(e?.description.hasPrefix("m.dl:6:6: error: row 2 of matrix 1 has 2 values; the header says n=3") == true)
        let longRow = "dl n=2\ndata:\n0 1 1\n1 0\n"
        e = failure { try reread(longRow, as: .dl) }
        #expect(e?.line == 3 && e?.column == 5)
        let missingRow = "dl n=3\nformat = fullmatrix\ndata:\n0 1 0\n1 0 0\n"
        e = failure { try reread(missingRow, as: .dl) }
        #expect(e?.line == 6 && e?.column == 1)
        #expect(e?.message == "the data end after 2 rows; the header says n=3")
        let extraRow = "dl n=2\ndata:\n0 1\n1 0\n1 1\n"
        e = failure { try reread(extraRow, as: .dl) }
        #expect(e?.line == 5 && e?.column == 1)
        let labelRow = "dl n=3\nlabels embedded:\ndata:\na b\n"
        e = failure { try reread(labelRow, as: .dl) }
        #expect(e?.line == 4 && e?.column == 4)
        #expect(e?.message == "the label row has 2 labels; the header says n=3")
        let wrongOrder = "dl n=2\nlabels embedded\ndata:\na b\nb 0 1\na 1 0\n"
        e = failure { try reread(wrongOrder, as: .dl) }
        #expect(e?.line == 5 && e?.column == 1)
        #expect(e?.message == "row 1 is labelled 'b', but column 1 is 'a'")
    }

    @Test func pajekArcNamingAVertexOutOfRange() {
        let text = "*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Arcs\n1 2 1\n2 4 1\n"
        let e = failure { try reread(text, as: .pajek, name: "g.net") }
        #expect(e?.description.hasPrefix("g.net:7:3: error: the arc's target is vertex 4, but *Vertices declares 3 (1 to 3)") == true)
        #expect(e?.hint == "check the *Vertices count on line 1, or the vertex numbers of the ties")
        #expect(e?.exitCode == 65)
        let unclosed = "*Vertices 2\n1 \"a\n2 \"b\"\n"
        let u = failure { try reread(unclosed, as: .pajek) }
        #expect(u?.line == 2 && u?.column == 3)
        let m = failure { try reread("*Vertices 2\n*Matrix\n0 1\n1\n", as: .pajek) }
        #expect(m?.line == 4 && m?.column == 2)
    }

    @Test func jsonErrorsAreLocated() {
        var e = failure { try reread("{\"nodes\": [{\"id\": \"a\"},]}", as: .json, name: "g.json") }
        #expect(e?.description.hasPrefix("g.json:1:24: error: expected a value, found ']'") == true)
        e = failure { try reread("{\n  \"nodes\": [],\n  \"links\": [{\"source\": \"a\", \"target\": \"b\", \"weight\": \"often\"}]\n}", as: .json) }
        #expect(e?.line == 3 && e?.column == 54)
        #expect(e?.message == "weight \"often\" is not a number")
        e = failure { try reread("{\"nodes\": [{\"name\": \"Ana\"}]}", as: .json) }
        #expect(e?.line == 1 && e?.column == 12)
        e = failure { try reread("{\"nodes\": [{\"id\": \"a\"}], \"links\": [", as: .json) }
        #expect(e?.message.contains("ends") == true)
        e = failure { try reread("[1, 2]", as: .json) }
        #expect(e?.message.contains("expected an object") == true)
    }

    @Test func mixingTiesWithAndWithoutAWaveIsAnError() {
        let text = "{\"links\": [{\"source\": \"a\", \"target\": \"b\", \"wave\": \"fall\"},\n {\"source\": \"b\", \"target\": \"a\"}]}"
        let e = failure { try reread(text, as: .json) }
        #expect(e?.line == 2 && e?.column == 2)
        #expect(e?.message == "this tie has no wave, but the tie on line 1 has one")
        var options = FormatReadOptions()
        options.wave = "spring"
        let ok = try? reread(text, as: .json, options: options)
        #expect(ok?.network.layers.map(\.key.description) == ["ties, wave fall", "ties, wave spring"])
    }

    // MARK: Reading other tools' files

    @Test func graphmlFromNetworkxWithDefaultsAndUndirectedEdges() throws {
        let text = """
        <?xml version='1.0' encoding='utf-8'?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="d0" for="node" attr.name="team" attr.type="string"><default>none</default></key>
          <key id="d1" for="node" attr.name="years" attr.type="long"/>
          <key id="d2" for="edge" attr.name="weight" attr.type="double"/>
          <key id="d3" for="edge" attr.name="color" attr.type="string"/>
          <key id="d4" for="graph" attr.name="name" attr.type="string"/>
          <graph edgedefault="undirected">
            <data key="d4">staff</data>
            <node id="a"><data key="d0">Math</data><data key="d1">3</data></node>
            <node id="b"/>
            <edge source="a" target="b"><data key="d2">2.0</data><data key="d3">red</data></edge>
            <edge source="b" target="c" directed="true"/>
          </graph>
        </graphml>
        """
        let imported = try reread(text, as: .graphml)
        let n = imported.network
        #expect(n.roster.ids == ["a", "b", "c"])
        #expect(n.roster.attribute("team") == ["Math", "none", "none"])
        #expect(n.roster.attribute("years") == ["3", "", ""])
        #expect(tieList(n) == ["a>b:2@ties/-", "b>a:2@ties/-", "b>c:1@ties/-"])
        #expect(imported.notes.contains("1 id named by ties but not declared as a node was added"))
        #expect(imported.notes.contains("1 undirected edge was read as two ties each (one each way)"))
        #expect(imported.notes.contains("GraphML edge attributes other than weight, relation and wave are not kept: color (1 edge)"))
        #expect(imported.notes.contains("GraphML graph attributes are not kept: name"))
    }

    @Test func gexfFromGephiWithLabelsVizAndWeightAsAttribute() throws {
        let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
          <graph mode="static" defaultedgetype="directed">
            <attributes class="node"><attribute id="0" title="role" type="string"/></attributes>
            <attributes class="edge"><attribute id="w" title="weight" type="float"/><attribute id="r" title="relation" type="string"/></attributes>
            <nodes>
              <node id="1" label="Ana"><attvalues><attvalue for="0" value="teacher"/></attvalues><viz:size value="10"/><viz:position x="1" y="2"/></node>
              <node id="2" label="2"/>
            </nodes>
            <edges>
              <edge id="0" source="1" target="2"><attvalues><attvalue for="w" value="3.5"/><attvalue for="r" value="advice"/></attvalues></edge>
              <edge id="1" source="2" target="1" type="mutual" weight="2" label="x"/>
            </edges>
          </graph>
        </gexf>
        """
        let imported = try reread(text, as: .gexf)
        let n = imported.network
        #expect(n.roster.ids == ["1", "2"])
        #expect(n.roster.attribute("role") == ["teacher", ""])
        #expect(n.roster.attribute("label") == ["Ana", "2"])
        #expect(tieList(n) == ["1>2:3.5@advice/-", "1>2:2@ties/-", "2>1:2@ties/-"])
        #expect(imported.notes.contains { $0.contains("viz") })
        #expect(imported.notes.contains { $0.contains("label (1 edge)") })
    }

    @Test func pajekWithCoordinatesEdgesCommentsAndMatrix() throws {
        let text = "% made by hand\r\n*Network staff\r\n*Vertices 4\r\n1 \"Ana B\" 0.1 0.2 0.5 ic Red\r\n2 ben\r\n3 \"cai\"\r\n*Arcs :1 \"advice\"\r\n1 2 3 c Blue\r\n*Edges :2 \"collab\"\r\n2 3\r\n*Arcslist\r\n3 1 2\r\n"
        let imported = try reread(text, as: .pajek)
        let n = imported.network
        #expect(n.roster.ids == ["Ana B", "ben", "cai", "4"])
        #expect(tieList(n) == ["Ana B>ben:3@advice/-", "ben>cai:1@collab/-", "cai>ben:1@collab/-", "cai>Ana B:1@ties/-", "cai>ben:1@ties/-"])
        #expect(imported.notes.contains { $0.contains("coordinates") })
        let matrix = try reread("*Vertices 3\n*Matrix\n0 2 0\n0 0 1.5\n1 0 0\n", as: .pajek).network
        #expect(tieList(matrix) == ["1>2:2@ties/-", "2>3:1.5@ties/-", "3>1:1@ties/-"])
    }

    @Test func dlWithSeveralNamedMatricesAsUCINETWritesThem() throws {
        let text = """
        dl nr=3, nc=3, nm=2 format = fullmatrix
        row labels:
        "Ana B" BEN CAI
        column labels:
        "Ana B" BEN CAI
        matrix labels:
        ADVICE, FRIENDSHIP
        data:
        0 1 0
        0 0 1
        1 0 0
        !
        0 0 1
        0 0 0
        0 2.5 0
        """
        let n = try reread(text, as: .dl).network
        #expect(n.roster.ids == ["Ana B", "BEN", "CAI"])
        #expect(tieList(n) == ["Ana B>BEN:1@ADVICE/-", "BEN>CAI:1@ADVICE/-", "CAI>Ana B:1@ADVICE/-", "Ana B>CAI:1@FRIENDSHIP/-", "CAI>BEN:2.5@FRIENDSHIP/-"])
        let nodelist = try reread("dl n=3\nformat=nodelist1\nlabels embedded\ndata:\na b c\nc a\n", as: .dl).network
        #expect(tieList(nodelist) == ["a>b:1@ties/-", "a>c:1@ties/-", "c>a:1@ties/-"])
    }

    @Test func jsonFromNetworkxWithNumericIDsAndAnUndirectedGraph() throws {
        let text = "{\"directed\": false, \"multigraph\": false, \"graph\": {\"name\": \"k\"}, \"nodes\": [{\"club\": \"Mr. Hi\", \"age\": 1.50, \"ok\": true, \"tags\": [1, 2], \"none\": null, \"id\": 0}, {\"id\": 1}], \"edges\": [{\"weight\": 4, \"source\": 0, \"target\": 1, \"kind\": \"x\"}]}"
        let imported = try reread(text, as: .json)
        let n = imported.network
        #expect(n.roster.ids == ["0", "1"])
        #expect(n.roster.attribute("age") == ["1.50", ""])
        #expect(n.roster.attribute("ok") == ["true", ""])
        #expect(n.roster.attribute("tags") == ["[1,2]", ""])
        #expect(n.roster.attribute("none") == nil)
        #expect(tieList(n) == ["0>1:4@ties/-", "1>0:4@ties/-"])
        #expect(imported.notes.contains("JSON graph attributes are not kept: name"))
    }

    @Test func respondedAttributesBecomeResponseColumns() throws {
        let text = "{\"nodes\": [{\"id\": \"a\", \"responded_fall\": \"yes\", \"responded\": \"no\"}, {\"id\": \"b\", \"responded_fall\": \"absent\"}], \"links\": []}"
        let n = try reread(text, as: .json).network
        #expect(n.roster.responses(wave: "fall") == [.responded, .absent])
        #expect(n.roster.responses(wave: nil) == [.nonrespondent, nil])
        #expect(n.roster.attributeNames.isEmpty)
        let bad = "{\"nodes\": [{\"id\": \"a\"},\n {\"id\": \"b\", \"responded_fall\": \"maybe\"}], \"links\": []}"
        let e = failure { try reread(bad, as: .json) }
        #expect(e?.line == 2 && e?.column == 32)
        #expect(e?.message == "'maybe' is not a response status (attribute 'responded_fall' of node 'b')")
    }

    @Test func attributeNamedIDIsRenamed() throws {
        let text = "<graphml><key id=\"k\" for=\"node\" attr.name=\"id\" attr.type=\"string\"/><key id=\"t\" for=\"node\" attr.name=\"Team\" attr.type=\"string\"/><key id=\"u\" for=\"node\" attr.name=\"team\" attr.type=\"string\"/><graph><node id=\"a\"><data key=\"k\">7</data><data key=\"t\">A</data><data key=\"u\">B</data></node></graph></graphml>"
        let imported = try reread(text, as: .graphml)
        #expect(imported.network.roster.attributeNames == ["id_2", "Team", "team_2"])
        let csv = try NetworkFormat.csv.render(imported.network, to: "o.csv").files[0].text
        #expect(csv == "id,id_2,Team,team_2\na,7,A,B\n")
    }

    // MARK: Layers in one-layer formats

    @Test func oneLayerFormatsRefuseSeveralLayersAndSaySo() throws {
        let network = try school(wave: "fall")
        for format in [NetworkFormat.pajek, .dl] {
            let e = failure { try format.render(network, to: "o.x") }
            #expect(e?.exitCode == 64)
            #expect(e?.message.contains("holds one relation and wave; the network has 2 ('advice, wave fall'; 'collaboration, wave fall')") == true)
            #expect(e?.hint?.hasPrefix("pick one with relation and wave, or write") == true)
            #expect(e?.settings == [.relation, .wave])
        }
        let one = try school(relation: "collaboration", wave: "fall")
        let notes = try NetworkFormat.pajek.render(one, to: "o.net").notes
        #expect(notes == ["Pajek keeps no relation or wave names: wrote the ties of 'collaboration, wave fall'",
                          "Pajek keeps no node attributes: 8 columns (name, role, team, level, years, responded_fall, …) dropped"])
    }

    @Test func selectingALayerThatDoesNotExist() {
        let e = failure { try NetworkFormat.selecting(try school(), relation: "trust", wave: nil, file: "edges.csv") }
        #expect(e?.exitCode == 64)
        #expect(e?.hint?.hasPrefix("the file has: 'advice, wave fall'") == true)
    }

    // MARK: Formats, files and rosters

    @Test func formatsByExtensionAndName() {
        #expect(NetworkFormat(path: "out/School.GraphML") == .graphml)
        #expect(NetworkFormat(path: "a.net") == .pajek)
        #expect(NetworkFormat(path: "a.gv") == .dot)
        #expect(NetworkFormat(path: "a.tsv") == .csv)
        #expect(NetworkFormat(path: "a.xml") == nil)
        #expect(NetworkFormat(path: "dir.d/file") == nil)
        #expect(NetworkFormat(name: "UCINET") == .dl)
        #expect(NetworkFormat(name: "node-link") == .json)
        #expect(NetworkFormat.siblingRosterPath(for: "out/edges.csv") == "out/edges_nodes.csv")
        #expect(NetworkFormat.siblingRosterPath(for: "edges") == "edges_nodes.csv")
    }

    @Test func aRosterAddsColumnsToAFileWithoutThem() throws {
        let pajek = "*Vertices 3\n1 \"cai\"\n2 \"ana\"\n3 \"ben\"\n*Arcs\n1 2 2\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-formats-\(UUID().uuidString).net")
        try pajek.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var options = FormatReadOptions()
        options.roster = try RosterReader.read(bytes: Array("id,team\nana,Math\nben,Arts\ncai,Math\ndev,Arts\n".utf8), name: "roster.csv")
        let imported = try NetworkFormat.pajek.read(file.path, options: options)
        #expect(imported.network.roster.ids == ["ana", "ben", "cai", "dev"])
        #expect(imported.network.roster.attribute("team") == ["Math", "Arts", "Math", "Arts"])
        #expect(tieList(imported.network) == ["cai>ana:2@ties/-"])
        options.roster = try RosterReader.read(bytes: Array("id\nana\nben\n".utf8), name: "roster.csv")
        let e = failure { try NetworkFormat.pajek.read(file.path, options: options) }
        #expect(e?.message == "1 id is not on the roster roster")
        #expect(e?.details == ["'cai'"])
        options.allowUnknown = true
        #expect(try NetworkFormat.pajek.read(file.path, options: options).network.roster.ids == ["ana", "ben", "cai"])
    }

    @Test func gexfVizFromDrawOptions() throws {
        let network = try school(relation: "advice", wave: "fall")
        var options = FormatWriteOptions()
        options.visuals = try NodeVisuals.make(for: network, sizeBy: .inDegree, colorBy: "team", file: "o.gexf")
        let rendered = try NetworkFormat.gexf.render(network, to: "o.gexf", options: options)
        let text = rendered.files[0].text
        #expect(text.contains("xmlns:viz=\"http://gexf.net/1.3/viz\""))
        // p04, the literacy coach, is among the most sought; p09 is rarely sought.
        // English, the fourth team in name order: Paul Tol's green #117733, as on the maps.
        #expect(text.contains("<viz:color r=\"17\" g=\"119\" b=\"51\" a=\"1.0\"/>"))
        let sizes = text.split(separator: "\n").filter { $0.contains("<viz:size") }
        #expect(sizes.count == 62)
        #expect(rendered.notes.contains { $0.hasPrefix("node sizes from in-degree:") })
        // The file still reads back to the same network (viz dropped, with a note).
        let back = try reread(text, as: .gexf)
        #expect(tieList(back.network) == tieList(network))
        #expect(back.notes.contains { $0.contains("viz") })
        let e = failure { try NodeVisuals.make(for: network, sizeBy: .attribute("team"), colorBy: nil, file: "o.gexf") }
        #expect(e?.exitCode == 64)
        #expect(failure { try NodeVisuals.make(for: network, sizeBy: nil, colorBy: "department", file: "o.gexf") }?.hint?.contains("team") == true)
        // GraphML carries them as Gephi's node keys r, g, b and size, dropped (with a note) when read back.
        let graphml = try NetworkFormat.graphml.render(network, to: "o.graphml", options: options).files[0].text
        #expect(graphml.contains("attr.name=\"r\" attr.type=\"int\"") && graphml.contains("attr.name=\"size\" attr.type=\"double\""))
        let graphmlBack = try reread(graphml, as: .graphml)
        #expect(tieList(graphmlBack.network) == tieList(network))
        #expect(graphmlBack.network.roster.attributeNames == network.roster.attributeNames)
        #expect(graphmlBack.notes.contains { $0.contains("Gephi drawing data") })
        #expect(failure { try NetworkFormat.pajek.render(network, to: "o.net", options: options) }?.exitCode == 64)
    }

    @Test func readAndWriteFilesByExtension() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let network = try school()
        for ext in ["graphml", "gexf", "json", "csv"] {
            let path = dir.appendingPathComponent("school.\(ext)").path
            try NetworkFormat.write(network, to: path)
            var options = FormatReadOptions()
            if ext == "csv" { options.roster = try RosterReader.read(NetworkFormat.siblingRosterPath(for: path)) }
            let back = try NetworkFormat.read(path, options: options).network
            #expect(tieList(back) == tieList(network), "\(ext)")
            #expect(columnList(back) == columnList(network), "\(ext)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["school.csv", "school.gexf", "school.graphml", "school.json", "school_nodes.csv"])
        #expect(failure { try NetworkFormat.read(dir.appendingPathComponent("school.xlsx").path) }?.exitCode == 64)
    }

    @Test func layersWithoutTiesAreReported() throws {
        let text = "dl n=2 nm=2\nformat = fullmatrix\nmatrix labels:\nadvice, trust\ndata:\n0 1\n0 0\n0 0\n0 0\n"
        let network = try reread(text, as: .dl).network
        #expect(network.layers.map(\.key.relation) == ["advice", "trust"])
        let notes = try NetworkFormat.graphml.render(network, to: "o.graphml").notes
        #expect(notes == ["GraphML keeps relations and waves through their ties: 'trust' has none and will not appear when the file is read"])
    }

    @Test func selfLoopsKeptOnRequestTravelAndAreNoted() throws {
        var builder = GraphBuilder(nodeCount: 2)
        builder.addTie(from: 0, to: 0, weight: 2)
        builder.addTie(from: 0, to: 1)
        let network = Network(roster: Roster(ids: ["a", "b"]), layers: [Layer(key: LayerKey(relation: "ties"), graph: builder.build(selfLoops: .keep).graph)])
        var keep = FormatReadOptions()
        keep.selfLoops = .keep
        for format in [NetworkFormat.graphml, .gexf, .json, .pajek, .dl] {
            #expect(tieList(try roundTrip(network, format, read: keep)) == ["a>a:2@ties/-", "a>b:1@ties/-"], "\(format)")
            let dropped = try reread(try format.render(network, to: "o.x").files[0].text, as: format)
            #expect(tieList(dropped.network) == ["a>b:1@ties/-"])
            #expect(dropped.notes.contains("1 tie from a person to themselves dropped (selfLoops = .keep keeps them)"), "\(format)")
        }
        #expect(try NetworkFormat.csv.render(network, to: "o.csv").notes.contains { $0.contains("read it back with selfLoops = .keep to keep it") })
        // (Notes worded with a presenter's names: the CLI tests, which see `--keep-self-loops`;
        // the naming is process-wide, so no test here binds it while others run.)
    }
}
