import Testing
import StaffGraphCore
@testable import StaffGraphIO

/// Differential tests of the edge-list reader's parallel fast path against
/// the general reader (the fast path turned off), on randomized CSV files.
@Suite struct EdgeListFastPathTests {
    /// One randomized file and the options and roster to read it with.
    struct Case {
        var text: String
        var options: EdgeListOptions
        var roster: Roster?
        /// Only features the fast path takes (so it must not give up).
        var plain: Bool
    }

    /// Everything a read produces, or its error, as comparable text and values.
    struct Outcome: Equatable {
        var ids: [String] = []
        var added = 0
        var layers: [LayerKey] = []
        var graphs: [Graph] = []
        var builds: [BuildReport] = []
        var report = ImportReport()
        var error: String?
    }

    static func outcome(_ c: Case, fast: Bool, threads: Int) -> Outcome {
        var options = c.options
        options.fastPath = fast
        options.threads = threads
        options.bytesPerChunk = 0
        do {
            let r = try EdgeListReader.read(bytes: Array(c.text.utf8), name: "edges.csv", roster: c.roster, options: options)
            return Outcome(ids: r.network.roster.ids, added: r.network.roster.addedCount, layers: r.network.layers.map(\.key),
                           graphs: r.network.layers.map(\.graph), builds: r.network.layers.map(\.buildReport), report: r.report)
        } catch {
            return Outcome(error: "\(error.file):\(error.line ?? 0):\(error.column ?? 0): \(error.message) | \(error.hint ?? "") | \(error.details)")
        }
    }

    /// A random file: plain rows, or with quotes, spaces, non-ASCII ids, CR
    /// line ends, blank and empty rows, missing targets, relations, waves and
    /// (rarely) a bad row.
    static func randomCase(_ rng: inout SeededRandom) -> Case {
        let plain = rng.nextInt(below: 2) == 0
        let delimiters: [Character] = [",", ";", "\t"]
        let d = String(delimiters[rng.nextInt(below: 3)])
        let people = 2 + rng.nextInt(below: 40)
        let withWeight = rng.nextInt(below: 4) != 0
        let layered = !plain && rng.nextInt(below: 3) == 0
        let extra = rng.nextInt(below: 4) == 0
        var header = ["source", "target"]
        if withWeight { header.append(rng.nextInt(below: 2) == 0 ? "weight" : "Value") }
        if layered { header.append("relation"); header.append("wave") }
        if extra { header.append("note") }
        if rng.nextInt(below: 3) == 0 { header.reverse() }
        let crlf = rng.nextInt(below: 4) == 0
        let eol = crlf ? "\r\n" : "\n"
        func id(_ rng: inout SeededRandom) -> String {
            let k = rng.nextInt(below: people)
            if !plain {
                switch rng.nextInt(below: 12) {
                case 0: return "\"p\(k)\""
                case 1: return " p\(k) "
                case 2: return "Zoë\(k % 3)"
                case 3: return "\"O\"\"Brien \(k % 2)\""
                default: break
                }
            }
            return "p\(k)"
        }
        let weightTexts = ["1", "2", "3", "0", "4", "2.5", "007", "+3", "1e1", "0.0", "10", "123456789012"]
        var text = header.joined(separator: d) + eol
        let rows = rng.nextInt(below: 120)
        for _ in 0 ..< rows {
            if rng.nextInt(below: 20) == 0 { text += eol; continue }
            if !plain && rng.nextInt(below: 25) == 0 { text += "  " + eol; continue }
            if !plain && rng.nextInt(below: 30) == 0 { text += String(repeating: d, count: header.count - 1) + eol; continue }
            var fields: [String: String] = [:]
            let source = id(&rng)
            fields["source"] = source
            fields["target"] = rng.nextInt(below: 8) == 0 ? source : id(&rng)   // self-loops
            if !plain && rng.nextInt(below: 20) == 0 { fields["target"] = "" }
            let w = weightTexts[rng.nextInt(below: weightTexts.count)]
            fields["weight"] = w
            fields["Value"] = w
            fields["relation"] = ["advice", "\"advice\"", "help"][rng.nextInt(below: 3)]
            fields["wave"] = ["fall", "spring"][rng.nextInt(below: 2)]
            fields["note"] = rng.nextInt(below: 2) == 0 ? "" : "x"
            if !plain && rng.nextInt(below: 150) == 0 { fields["weight"] = "-1"; fields["Value"] = "abc" }
            text += header.map { fields[$0] ?? "" }.joined(separator: d) + eol
        }
        if rng.nextInt(below: 3) == 0 { text.removeLast(eol.count) }   // no line end at the end
        var options = EdgeListOptions()
        options.parallelTies = ParallelTieRule.allCases[rng.nextInt(below: 3)]
        options.selfLoops = rng.nextInt(below: 2) == 0 ? .drop : .keep
        if rng.nextInt(below: 3) == 0 { options.minimumWeight = Double(rng.nextInt(below: 4)) }
        var roster: Roster? = nil
        if rng.nextInt(below: 4) == 0 {
            // A roster of every plain id (plus isolates), or of only some of them.
            let listed = rng.nextInt(below: 2) == 0 ? people + 3 : people / 2
            roster = Roster(ids: (0 ..< listed).map { "p\($0)" })
            options.allowUnknown = rng.nextInt(below: 2) == 0
        }
        return Case(text: text, options: options, roster: roster, plain: plain)
    }

    @Test func fastPathEqualsGeneralReaderOnRandomFiles() throws {
        var rng = SeededRandom(seed: 20_261_205)
        var fastTaken = 0
        for _ in 0 ..< 400 {
            let c = Self.randomCase(&rng)
            let general = Self.outcome(c, fast: false, threads: 1)
            for threads in [1, 2, 3] {
                let fast = Self.outcome(c, fast: true, threads: threads)
                #expect(fast == general, "threads \(threads):\n\(c.text)")
                if fast != general { return }
            }
            // The fast path itself reads every plain file whose ids are all known.
            var reader = try CSVReader(path: "edges.csv", bytes: Array(c.text.utf8))
            let taken = EdgeListReader.readFast(reader: &reader, roster: c.roster, options: c.options, threads: 2, bytesPerChunk: 0, progress: nil) != nil
            if taken { fastTaken += 1 }
            if c.plain && c.roster == nil { #expect(taken, "plain file not taken:\n\(c.text)") }
        }
        #expect(fastTaken > 100)
    }

    @Test func chunkBoundariesAnywhere() throws {
        // Every chunk count from 1 to 7 over a file with blank lines and CRLF gives the same people and ties.
        var text = "source,target,weight\r\n"
        for k in 0 ..< 200 { text += "p\(k % 17),p\((k * 7) % 23),\(k % 5)\r\n"; if k % 13 == 0 { text += "\r\n" } }
        var reference: Outcome?
        for threads in 1 ... 7 {
            let c = Case(text: text, options: EdgeListOptions(), roster: nil, plain: true)
            let o = Self.outcome(c, fast: true, threads: threads)
            #expect(o.error == nil)
            if let reference { #expect(o == reference) } else { reference = o }
        }
        #expect(reference == Self.outcome(Case(text: text, options: EdgeListOptions(), roster: nil, plain: true), fast: false, threads: 1))
    }

    @Test func largeTablesMergedInParallel() {
        // Over 16,384 ids a chunk: its table is looked up in the merged one on several threads;
        // same people, order and ties as the general reader.
        var text = "source,target,weight\n"
        for k in 0 ..< 60_000 { text += "p\((k * 7_919) % 45_000),q\((k * 104_729) % 50_000),\(1 + k % 3)\n" }
        let c = Case(text: text, options: EdgeListOptions(), roster: nil, plain: true)
        let general = Self.outcome(c, fast: false, threads: 1)
        #expect(general.error == nil)
        for threads in 1 ... 3 { #expect(Self.outcome(c, fast: true, threads: threads) == general, "threads \(threads)") }
    }

    @Test func errorsAreTheGeneralReadersWithLocations() {
        // A bad weight far into a file the fast path starts on: same located error.
        var text = "source,target,weight\n"
        for k in 0 ..< 500 { text += "p\(k % 31),p\(k % 29),2\n" }
        text += "p1,p2,often\n"
        let c = Case(text: text, options: EdgeListOptions(), roster: nil, plain: false)
        let fast = Self.outcome(c, fast: true, threads: 2)
        #expect(fast == Self.outcome(c, fast: false, threads: 1))
        #expect(fast.error?.hasPrefix("edges.csv:502:7: weight 'often' is not a number") == true)
    }
}
