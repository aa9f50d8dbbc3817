import Testing
import StaffGraphCore
@testable import StaffGraphIO

fileprivate func read(_ text: String, roster: Roster? = nil, _ configure: (inout EdgeListOptions) -> Void = { _ in }) throws(InputError) -> EdgeListImport {
    var options = EdgeListOptions()
    configure(&options)
    return try EdgeListReader.read(bytes: Array(text.utf8), name: "edges.csv", roster: roster, options: options)
}

fileprivate func readBytes(_ bytes: [UInt8]) throws(InputError) -> EdgeListImport {
    try EdgeListReader.read(bytes: bytes, name: "edges.csv")
}

/// The error `body` throws, or nil.
fileprivate func failure(_ body: () throws -> EdgeListImport) -> InputError? {
    do { _ = try body(); return nil } catch { return error as? InputError }
}

fileprivate func ties(_ imported: EdgeListImport, layer: Int = 0) -> [String] {
    let ids = imported.network.roster.ids
    return imported.network.layers[layer].graph.ties.map { "\(ids[$0.source])>\(ids[$0.target]):\(formatJSONNumber($0.weight))" }
}

@Suite struct EdgeListReaderTests {
    @Test func plainCommaSeparated() throws {
        let r = try read("source,target,weight\na,b,2\nb,c,1.5\n")
        #expect(r.network.roster.ids == ["a", "b", "c"])
        #expect(ties(r) == ["a>b:2", "b>c:1.5"])
        #expect(r.report.rows == 2)
        #expect(r.network.layers[0].key == LayerKey(relation: "ties"))
    }

    @Test func semicolonAndTabAreDetected() throws {
        #expect(ties(try read("source;target;weight\na;b;3\n")) == ["a>b:3"])
        #expect(ties(try read("source\ttarget\na\tb\n")) == ["a>b:1"])
        #expect(try read("source;target\na;b\n").report.delimiter == UInt8(ascii: ";"))
    }

    @Test func bomCRLFAndBlankLines() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("source,target\r\n\r\na,b\r\n   \r\nb,a\r\n\r\n".utf8)
        let r = try readBytes(bytes)
        #expect(ties(r) == ["a>b:1", "b>a:1"])
        #expect(r.report.blankLines == 3)
    }

    @Test func oldMacLineEnds() throws {
        #expect(ties(try read("source,target\ra,b\rb,c")) == ["a>b:1", "b>c:1"])
    }

    @Test func quotedFieldsWithSeparatorsQuotesAndNewlines() throws {
        let r = try read("source,target\n\"Smith, Ana\",\"O\"\"Brien\"\n\"two\nlines\",b\n")
        #expect(r.network.roster.ids == ["Smith, Ana", "O\"Brien", "two\nlines", "b"])
        #expect(r.network.layers[0].graph.edgeCount == 2)
    }

    @Test func idsWithSpacesAndNonASCII() throws {
        let r = try read("source,target\nAna María,Zoë Núñez\n  Ana María  ,李雷\n")
        #expect(r.network.roster.ids == ["Ana María", "Zoë Núñez", "李雷"])
        #expect(r.network.layers[0].graph.edgeCount == 2)
    }

    @Test func composedAndDecomposedAccentsAreOnePerson() throws {
        let r = try read("source,target\nJos\u{E9},b\nJose\u{301},c\n")
        #expect(r.network.roster.count == 3)
        #expect(r.network.layers[0].graph.outDegree(0) == 2)
    }

    @Test func headerAliasesAndCase() throws {
        let r = try read("From,To,Value\na,b,4\n")
        #expect(ties(r) == ["a>b:4"])
        #expect(r.report.columns["source"] == "From")
    }

    @Test func columnsMappedByOption() throws {
        let r = try read("giver,receiver_name,freq\na,b,2\n") {
            $0.sourceColumn = "giver"; $0.targetColumn = "receiver_name"; $0.weightColumn = "freq"
        }
        #expect(ties(r) == ["a>b:2"])
    }

    @Test func relationsAndWavesBecomeLayers() throws {
        let r = try read("source,target,relation,wave\na,b,advice,fall\na,c,advice,spring\nb,a,collab,fall\na,b,advice,fall\n")
        #expect(r.network.layers.map(\.key) == [LayerKey(relation: "advice", wave: "fall"), LayerKey(relation: "advice", wave: "spring"), LayerKey(relation: "collab", wave: "fall")])
        #expect(r.network.layers[0].buildReport.parallelTiesMerged == 1)
        #expect(r.network.relations == ["advice", "collab"])
        #expect(r.network.waves == ["fall", "spring"])
        #expect(r.network.layers.allSatisfy { $0.graph.nodeCount == 3 })
    }

    @Test func labelsForFilesWithoutRelationOrWave() throws {
        let r = try read("source,target\na,b\n") { $0.relation = "advice"; $0.wave = "w1" }
        #expect(r.network.layers[0].key == LayerKey(relation: "advice", wave: "w1"))
    }

    @Test func duplicatesLoopsZeroWeightsAndMissingTargetsAreCounted() throws {
        let r = try read("source,target,weight\na,b,1\na,b,3\nc,c,2\nd,,1\ne,f,0\n,,\n")
        #expect(ties(r) == ["a>b:3"])
        #expect(r.network.layers[0].buildReport.parallelTiesMerged == 1)
        #expect(r.network.layers[0].buildReport.selfLoopsDropped == 1)
        #expect(r.report.rowsWithoutTarget == 1)
        #expect(r.report.zeroWeightRows == 1)
        #expect(r.report.emptyRows == 1)
        #expect(r.network.roster.ids == ["a", "b", "c", "d", "e", "f"])
    }

    @Test(arguments: [(ParallelTieRule.max, "a>b:3"), (.sum, "a>b:4"), (.last, "a>b:1")])
    func mergeRules(rule: ParallelTieRule, expected: String) throws {
        #expect(ties(try read("source,target,weight\na,b,3\na,b,1\n") { $0.parallelTies = rule }) == [expected])
    }

    @Test func minimumWeightAppliesAfterMerging() throws {
        let r = try read("source,target,weight\na,b,1\na,b,1\nb,a,1\n") { $0.parallelTies = .sum; $0.minimumWeight = 2 }
        #expect(ties(r) == ["a>b:2"])
        #expect(r.report.tiesBelowMinimumWeight == 1)
    }

    @Test func decimalWeightsAreCorrectlyRounded() throws {
        let r = try read("source,target,weight\na,b,0.1\nb,c,2.675\nc,a,1e-3\nc,b,007.50\n")
        let w = r.network.layers[0].graph.outWeights
        #expect(w == [0.1, 2.675, 0.001, 7.5])
    }

    // MARK: errors

    @Test func missingTargetColumn() {
        let e = failure { try read("source,weight\na,1\n") }
        #expect(e?.line == 1 && e?.column == 1)
        #expect(e?.message.contains("no target column") == true)
        #expect(e?.hint == "name it 'target', or give its name with targetColumn; the first line must be a header")
        #expect(e?.settings == [.targetColumn])
        #expect(e?.exitCode == 65)
    }

    @Test func unknownColumnOptionIsAUsageError() {
        let e = failure { try read("source,target\na,b\n") { $0.weightColumn = "freq" } }
        #expect(e?.exitCode == 64)
        #expect(e?.hint?.contains("source, target") == true)
    }

    @Test func nonNumericWeightIsLocated() {
        let e = failure { try read("source,target,weight\na,b,1\nc,d,often\n") }
        #expect(e?.description.hasPrefix("edges.csv:3:5: error: weight 'often' is not a number") == true)
    }

    @Test func decimalCommaGetsAHint() {
        let e = failure { try read("source;target;weight\na;b;2,5\n") }
        #expect(e?.hint?.contains("dot") == true)
    }

    @Test(arguments: ["-1", "NaN", "nan", "inf", "-inf", "0x10", "1.2.3", "."])
    func badWeights(text: String) {
        let e = failure { try read("source,target,weight\na,b,\(text)\n") }
        #expect(e != nil)
        #expect(e?.line == 2 && e?.column == 5)
    }

    @Test func emptyWeight() {
        let e = failure { try read("source,target,weight\na,b,\n") }
        #expect(e?.message.contains("empty weight") == true)
    }

    @Test func raggedRows() {
        let short = failure { try read("source,target,weight\na,b\n") }
        #expect(short?.line == 2 && short?.column == 4)
        #expect(short?.message.contains("2 fields; the header has 3") == true)
        let long = failure { try read("source,target\na,b,c\n") }
        #expect(long?.line == 2 && long?.column == 5)
        // Trailing empty fields (a spreadsheet's extra commas) are harmless.
        #expect(failure { try read("source,target\na,b,,\n") } == nil)
    }

    @Test func emptyFileAndHeaderOnly() throws {
        #expect(failure { try read("") }?.message == "the file is empty")
        #expect(failure { try read("\n\n") }?.message == "the file is empty")
        let headerOnly = try read("source,target\n")
        #expect(headerOnly.network.roster.count == 0 && headerOnly.network.layers[0].graph.edgeCount == 0)
    }

    @Test func emptySourceIsAnError() {
        let e = failure { try read("source,target\n,b\n") }
        #expect(e?.line == 2 && e?.column == 1)
    }

    @Test func unterminatedQuote() {
        let e = failure { try read("source,target\na,\"b\nc,d\n") }
        #expect(e?.line == 2 && e?.column == 3)
        #expect(e?.message.contains("never closed") == true)
    }

    @Test func textAfterClosingQuote() {
        let e = failure { try read("source,target\n\"a\"x,b\n") }
        #expect(e?.line == 2 && e?.column == 4)
    }

    @Test func encodings() {
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("s".utf8)
        #expect(failure { try readBytes(utf16) }?.message.contains("UTF-16") == true)
        let latin1: [UInt8] = Array("source,target\nJos".utf8) + [0xE9] + Array(",b\n".utf8)
        let e = failure { try readBytes(latin1) }
        #expect(e?.line == 2 && e?.column == 4)
        #expect(e?.hint?.contains("iconv") == true)
        let xlsx: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0, 0]
        #expect(failure { try readBytes(xlsx) }?.message.contains("xlsx") == true)
        let nul: [UInt8] = Array("source,target\na,b".utf8) + [0] + Array("\n".utf8)
        #expect(failure { try readBytes(nul) }?.message.contains("NUL") == true)
    }

    @Test func errorColumnsCountCharactersNotBytes() {
        let e = failure { try read("source,target,weight\nZoë,Núñez,x\n") }
        #expect(e?.column == 11)
    }

    @Test func unknownIDsAreListedWithSuggestions() {
        let roster = Roster(ids: ["p01", "p02", "p03"])
        let e = failure { try read("source,target\np01,p02\np1,p03\np01,P03\np1,p02\n", roster: roster) }
        #expect(e?.message == "2 ids are not on the roster")
        #expect(e?.line == 3 && e?.column == 1)
        #expect(e?.details.count == 2)
        #expect(e?.details.first?.contains("'p1' (line 3, column 1, 2 rows): did you mean 'p01'?") == true)
        #expect(e?.details.last?.contains("did you mean 'p03'") == true)
        #expect(e?.hint == "fix the ids, add the people to the roster, or use allowUnknown to add them as people not on the roster")
        #expect(e?.settings == [.allowUnknown])
    }

    @Test func namesInsteadOfIDsGetAHint() {
        var roster = Roster(ids: ["p1", "p2"])
        roster.setAttribute("name", values: ["Ana", "Ben"])
        let e = failure { try read("source,target\nAna,Ben\n", roster: roster) }
        #expect(e?.hint == "2 of these match the roster's 'name' column: use idColumn name if the edge list names people by name")
        #expect(e?.settings == [.idColumn])
    }

    @Test func unknownIDsListShowsTwentyAtMost() {
        let roster = Roster(ids: ["a"])
        let rows = (0 ..< 30).map { "a,x\($0)" }.joined(separator: "\n")
        let e = failure { try read("source,target\n" + rows + "\n", roster: roster) }
        #expect(e?.details.count == 21)
        #expect(e?.details.last == "… and 10 more")
    }

    @Test func unknownIDsCanBeAdded() throws {
        var roster = Roster(ids: ["a", "b"])
        roster.setAttribute("team", values: ["x", "y"])
        let r = try read("source,target\na,z\nz,b\ny,a\n", roster: roster) { $0.allowUnknown = true }
        #expect(r.network.roster.ids == ["a", "b", "z", "y"])
        #expect(r.report.addedIDs == ["z", "y"])
        #expect(r.network.roster.attribute("team") == ["x", "y", "", ""])
        #expect(r.network.layers[0].graph.edgeCount == 3)
    }

    @Test func rosterIsolatesAreKept() throws {
        let r = try read("source,target\na,b\n", roster: Roster(ids: ["a", "b", "c"]))
        #expect(r.network.roster.count == 3)
        #expect(r.network.layers[0].graph.nodeCount == 3)
    }
}
