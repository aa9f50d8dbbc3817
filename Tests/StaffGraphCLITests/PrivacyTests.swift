import Foundation
import StaffGraphIO
import Testing

// `--anonymize` on every command, in every output format: no byte of any
// output (stdout, stderr, every file written, PNG text chunks, PDF text) may
// hold a value that identifies a person of the roster: an id, a name or a part
// of one, an email address, an alias, a phone number.

/// One person of the test roster and the values that identify them.
fileprivate struct Person: Sendable {
    var id: String
    var name: String
    var email: String
    var alias: String
    var phone: String
}

/// The sample school's roster with email, aliases and phone columns added
/// (written once to a temporary folder), and an edge list naming one id that
/// is not on the roster.
fileprivate enum Fixture {
    static let key = "20240917"

    static let people: [Person] = {
        let text = (try? String(contentsOf: repositoryRoot.appendingPathComponent("Samples/school/roster.csv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").dropFirst().enumerated().map { k, line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let parts = cells[1].split(separator: " ").map(String.init)
            let first = parts.first ?? "", last = parts.last ?? ""
            return Person(id: cells[0], name: cells[1],
                          email: "\(first.lowercased()).\(last.lowercased().filter { $0.isLetter })@lincoln.example.org",
                          alias: "\(first.prefix(1)). \(last)", phone: "555-01\(k < 10 ? "0" : "")\(k)")
        }
    }()

    /// An id that is on no roster, named by one extra tie (with --allow-unknown).
    static let stranger = "zq77"

    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-privacy-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let school = (try? String(contentsOf: repositoryRoot.appendingPathComponent("Samples/school/roster.csv"), encoding: .utf8)) ?? ""
        var lines = school.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        lines[0] = (header.prefix(2) + ["email", "aliases", "phone"] + header.dropFirst(2)).joined(separator: ",")
        for (k, p) in people.enumerated() {
            let cells = lines[k + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            lines[k + 1] = (cells.prefix(2) + [p.email, p.alias, p.phone] + cells.dropFirst(2)).joined(separator: ",")
        }
        try? (lines.joined(separator: "\n") + "\n").write(to: url.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let edges = (try? String(contentsOf: repositoryRoot.appendingPathComponent("Samples/school/edges.csv"), encoding: .utf8)) ?? ""
        try? (edges + "p01,\(stranger),2,advice,fall\n").write(to: url.appendingPathComponent("edges_plus.csv"), atomically: true, encoding: .utf8)
        return url
    }()

    static var roster: String { folder.appendingPathComponent("roster.csv").path }
    static var edgesPlus: String { folder.appendingPathComponent("edges_plus.csv").path }

    /// Edge list and roster, anonymized with the fixed key.
    static var base: [String] { ["Samples/school/edges.csv", "--nodes", roster, "--anonymize-seed", key] }
    /// … and one layer.
    static var fall: [String] { base + ["--relation", "advice", "--wave", "fall"] }
}

/// A fresh folder (not created) for a test's outputs.
fileprivate func scratch(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("staffgraph-privacy-\(name)-\(UUID().uuidString)")
}

// MARK: - Looking for identifying values

/// Words (letters and digits) of a text, as the leak check compares them.
fileprivate func words(_ text: String) -> [String] {
    var out: [String] = [], current = ""
    for c in text {
        if c.isLetter || c.isNumber { current.append(c) } else if !current.isEmpty { out.append(current); current = "" }
    }
    if !current.isEmpty { out.append(current) }
    return out
}

/// Tokens between spaces and markup punctuation, keeping `.`, `@`, `-`, `+`
/// inside them (email addresses, phone numbers), with `.` and `-` trimmed at the ends.
fileprivate func textTokens(_ text: String) -> [String] {
    let keep: Set<Character> = [".", "@", "-", "+", "_"]
    var out: [String] = [], current = ""
    func flush() {
        while let last = current.last, last == "." || last == "-" { current.removeLast() }
        while let first = current.first, first == "." || first == "-" { current.removeFirst() }
        if !current.isEmpty { out.append(current.lowercased()) }
        current = ""
    }
    for c in text {
        if c.isLetter || c.isNumber || keep.contains(c) { current.append(c) } else { flush() }
    }
    flush()
    return out
}

/// `text` with XML/HTML character references (`&#233;`, `&#xE9;`, `&amp;` …)
/// and JSON `\uXXXX` escapes decoded, so an escaped name is still found.
fileprivate func decoded(_ text: String) -> String {
    guard text.contains("&") || text.contains("\\u") else { return text }
    var out = "", i = text.startIndex
    let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " "]
    while i < text.endIndex {
        let c = text[i]
        if c == "&", let semi = text[i...].prefix(12).firstIndex(of: ";") {
            let body = text[text.index(after: i) ..< semi]
            var scalar: Unicode.Scalar?
            if body.hasPrefix("#x") || body.hasPrefix("#X") { scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            else if body.hasPrefix("#") { scalar = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init) }
            if let scalar { out.unicodeScalars.append(scalar); i = text.index(after: semi); continue }
            if let replacement = named[String(body)] { out += replacement; i = text.index(after: semi); continue }
        }
        if c == "\\", text[i...].hasPrefix("\\u"), let end = text.index(i, offsetBy: 6, limitedBy: text.endIndex),
           let value = UInt32(text[text.index(i, offsetBy: 2) ..< end], radix: 16), let scalar = Unicode.Scalar(value) {
            out.unicodeScalars.append(scalar)
            i = end
            continue
        }
        out.append(c)
        i = text.index(after: i)
    }
    return out
}

/// The identifying values of the roster, and where they turn up in a text.
fileprivate struct LeakCheck: Sendable {
    /// Ids, lower-cased: whole words.
    let ids: Set<String>
    /// Every word of every name and alias (three letters or more), as spelled: whole words.
    let nameWords: Set<String>
    /// Emails, phone numbers and full names, lower-cased: whole tokens or substrings of the text.
    let tokens: Set<String>
    let fullNames: [String]

    init(_ people: [Person], extraIDs: [String]) {
        ids = Set((people.map(\.id) + extraIDs).map { $0.lowercased() })
        nameWords = Set(people.flatMap { words($0.name) + words($0.alias) }.filter { $0.count >= 3 })
        tokens = Set(people.flatMap { [$0.email.lowercased(), $0.phone] })
        fullNames = people.map { $0.name.lowercased() }
    }

    /// The identifying values found in `text`.
    func leaks(in raw: String) -> [String] {
        let text = decoded(raw)
        var found: [String] = []
        for w in words(text) {
            if ids.contains(w.lowercased()) || nameWords.contains(w) { found.append(w) }
        }
        for t in textTokens(text) where tokens.contains(t) { found.append(t) }
        let lower = text.lowercased()
        for name in fullNames where lower.contains(name) { found.append(name) }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }
}

fileprivate let check = LeakCheck(Fixture.people, extraIDs: [Fixture.stranger])

// MARK: - Reading every output

/// The text chunks of a PNG (tEXt, zTXt, iTXt), as "keyword: text"; a
/// compressed chunk (zTXt, or iTXt with its flag set) is returned as a marker
/// the leak check reports, since it cannot be read here without zlib.
fileprivate func pngText(_ data: [UInt8]) -> [String] {
    guard data.count > 8 else { return [] }
    var out: [String] = []
    var i = 8
    while i + 12 <= data.count {
        let length = Int(data[i]) << 24 | Int(data[i + 1]) << 16 | Int(data[i + 2]) << 8 | Int(data[i + 3])
        let type = String(decoding: data[i + 4 ..< i + 8], as: UTF8.self)
        let end = min(data.count, i + 8 + length)
        let body = Array(data[i + 8 ..< end])
        switch type {
        case "tEXt": out.append(String(body.map { Character(Unicode.Scalar($0)) }))
        case "iTXt":
            let nul = body.firstIndex(of: 0) ?? body.count
            if nul + 1 < body.count, body[nul + 1] != 0 { out.append("compressed iTXt chunk: cannot check") } else { out.append(String(decoding: body, as: UTF8.self)) }
        case "zTXt": out.append("compressed zTXt chunk: cannot check")
        default: break
        }
        i += 12 + length
    }
    return out
}

/// pdftotext (poppler-utils), if installed.
fileprivate let pdftotext: String? = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext", "/opt/homebrew/bin/pdftotext"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// A PDF's text: its dictionaries (everything outside streams: metadata,
/// font names) and, with pdftotext, the text its pages show.
fileprivate func pdfText(_ url: URL, _ data: [UInt8]) throws -> String {
    var outside: [UInt8] = []
    let start = Array("stream".utf8), stop = Array("endstream".utf8)
    var i = 0, inStream = false
    while i < data.count {
        if !inStream, data[i...].starts(with: start), i == 0 || data[i - 1] != UInt8(ascii: "d") {
            inStream = true
            i += start.count
        } else if inStream, data[i...].starts(with: stop) {
            inStream = false
            i += stop.count
        } else {
            if !inStream { outside.append(data[i]) }
            i += 1
        }
    }
    var text = String(decoding: outside, as: UTF8.self)
    if let pdftotext {
        let run = try launch(URL(fileURLWithPath: pdftotext), ["-q", url.path, "-"])
        #expect(run.status == 0, "pdftotext \(url.lastPathComponent): \(run.stderr)")
        #expect(run.stdout.contains("Person"), "pdftotext found no pseudonym in \(url.lastPathComponent): is the text extracted?")
        text += "\n" + run.stdout
    }
    return text
}

/// The checkable text of a file written by a command.
fileprivate func fileText(_ url: URL) throws -> String {
    let data = [UInt8](try Data(contentsOf: url))
    switch url.pathExtension.lowercased() {
    case "png":
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(url.lastPathComponent) is not a PNG")
        return pngText(data).joined(separator: "\n")
    case "pdf":
        #expect(data.starts(with: Array("%PDF".utf8)), "\(url.lastPathComponent) is not a PDF")
        return try pdfText(url, data)
    default:
        return String(decoding: data, as: UTF8.self)
    }
}

/// Every regular file under `url` (or `url` itself), sorted.
fileprivate func files(under url: URL) -> [URL] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return [] }
    guard isFolder.boolValue else { return [url] }
    let found = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
    return found.filter { file in
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: file.path, isDirectory: &folder) && !folder.boolValue
    }.sorted { $0.path < $1.path }
}

/// Runs `staffgraph arguments` (expecting success) and checks its stdout,
/// stderr and every file under `outputs` for identifying values. Returns the
/// run and the texts checked (file name → text).
@discardableResult
fileprivate func expectAnonymous(_ arguments: [String], outputs: [URL] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> (run: CLIRun, texts: [String: String]) {
    let run = try runStaffGraph(arguments)
    let label = arguments.prefix(1).joined() + " " + arguments.dropFirst().filter { !$0.hasPrefix("/") }.joined(separator: " ")
    #expect(run.status == 0, "\(label): \(run.stderr)", sourceLocation: sourceLocation)
    var texts = ["stdout": run.stdout, "stderr": run.stderr]
    var written = 0
    for output in outputs {
        for file in files(under: output) {
            texts[file.lastPathComponent == output.lastPathComponent ? file.lastPathComponent : file.path.replacingOccurrences(of: output.path + "/", with: "")] = try fileText(file)
            written += 1
        }
    }
    #expect(written >= outputs.count, "\(label): an output was not written", sourceLocation: sourceLocation)
    for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
        let leaks = check.leaks(in: text)
        #expect(leaks.isEmpty, "\(label): \(name) holds \(leaks.prefix(12).joined(separator: ", "))", sourceLocation: sourceLocation)
    }
    return (run, texts)
}

// MARK: - Every command, every format

@Suite struct PrivacyTests {
    /// The check itself finds what it should (so that a pass means something).
    @Test func theCheckFindsIdentifyingValues() {
        #expect(check.leaks(in: "id,in_degree\np05,27\n") == ["p05"])
        #expect(check.leaks(in: "<text>Zo&#235; Martin</text>").contains("Zoë"))
        #expect(check.leaks(in: "\"name\": \"Jos\\u00e9 N\\u00fa\\u00f1ez\"").contains("José"))
        #expect(check.leaks(in: "mail: hannah.goldberg@lincoln.example.org;").contains("hannah.goldberg@lincoln.example.org"))
        #expect(check.leaks(in: "call 555-0100.") == ["555-0100"])
        #expect(check.leaks(in: "Liam O'Sullivan").contains("Sullivan"))
        #expect(check.leaks(in: "Person 05 and Person 62, p010, 0.0100, team Leadership").isEmpty)
        #expect(Fixture.people.count == 62 && Fixture.people[0].id == "p01")
    }

    @Test func summary() throws {
        try expectAnonymous(["summary"] + Fixture.base)
        try expectAnonymous(["summary"] + Fixture.fall + ["--format", "json"])
        try expectAnonymous(["summary"] + Fixture.fall + ["--per", "team", "--format", "csv"])
        try expectAnonymous(["summary"] + Fixture.fall + ["--per", "team", "--format", "json"])
        let out = scratch("summary").appendingPathComponent("math.txt")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        try expectAnonymous(["summary"] + Fixture.fall + ["--where", "team=Math", "-o", out.path], outputs: [out])
    }

    @Test func metrics() throws {
        for format in ["csv", "json", "table"] {
            let (_, texts) = try expectAnonymous(["metrics"] + Fixture.fall + ["--format", format, "--by", "team"])
            #expect(texts["stdout"]?.contains("Person 01") == true, "\(format): pseudonyms shown")
            #expect(texts["stderr"]?.contains("left out of every output: name, email, aliases, phone") == true)
        }
        let folder = scratch("metrics")
        try expectAnonymous(["metrics"] + Fixture.fall + ["--per", "team", "--format", "json", "-o", folder.path], outputs: [folder])
        // An id that is not on the roster is named in a note: as its pseudonym.
        let (run, _) = try expectAnonymous(["metrics", Fixture.edgesPlus, "--nodes", Fixture.roster, "--anonymize-seed", Fixture.key,
                                            "--relation", "advice", "--wave", "fall", "--allow-unknown"])
        // (The stranger is one of the 63 people read, with a pseudonym drawn among theirs.)
        let key = try #require(UInt64(Fixture.key))
        let label = try #require(Pseudonyms(ids: Fixture.people.map(\.id) + [Fixture.stranger], key: key).label(of: Fixture.stranger))
        #expect(run.stderr.contains("1 id not on the roster added (\(label))"), "\(run.stderr)")
    }

    @Test func groups() throws {
        for format in ["table", "json", "csv"] {
            try expectAnonymous(["groups"] + Fixture.fall + ["--by", "team", "--format", format, "--permutations", "200"])
        }
        for format in ["table", "csv"] {
            let (_, texts) = try expectAnonymous(["groups"] + Fixture.fall + ["--by", "role", "--format", format, "--per-person", "--permutations", "0"])
            #expect(texts["stdout"]?.contains("Person 01") == true)
        }
    }

    @Test func leaders() throws {
        for format in ["table", "json"] {
            let (_, texts) = try expectAnonymous(["leaders"] + Fixture.fall + ["--format", format,
                                                  "--formal", "role=principal,assistant principal,instructional coach,department chair"])
            #expect(texts["stdout"]?.contains("Person ") == true)
        }
        let folder = scratch("leaders")
        try expectAnonymous(["leaders"] + Fixture.fall + ["--formal", "role=principal", "--per", "level", "-o", folder.path], outputs: [folder])
    }

    @Test func draw() throws {
        let folder = scratch("draw")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for ext in ["png", "svg", "dot"] {
            let out = folder.appendingPathComponent("map.\(ext)")
            try expectAnonymous(["draw"] + Fixture.fall + ["--formal", "role=principal,assistant principal", "--title", "Advice", "-o", out.path], outputs: [out])
        }
        let svg = try String(contentsOf: folder.appendingPathComponent("map.svg"), encoding: .utf8)
        #expect(svg.contains("Person 01") && svg.contains("names replaced by pseudonyms"))
        // The ego given by id; its pseudonym in the title, not the id.
        let ego = folder.appendingPathComponent("ego.svg")
        let (_, texts) = try expectAnonymous(["draw"] + Fixture.fall + ["--ego", "p33", "--radius", "2", "-o", ego.path], outputs: [ego])
        #expect(texts["ego.svg"]?.contains("Within 2 steps of Person ") == true)
        let clusters = folder.appendingPathComponent("teams.svg")
        try expectAnonymous(["draw"] + Fixture.fall + ["--cluster-by", "team", "--color-by", "role", "--labels", "all", "-o", clusters.path], outputs: [clusters])
        let maps = folder.appendingPathComponent("per-level")
        try expectAnonymous(["draw"] + Fixture.fall + ["--per", "level", "--map-format", "svg", "-o", maps.path], outputs: [maps])
    }

    /// A codebook (here also labelling names) and the SVG tooltips' key numbers
    /// leak nothing: notes give counts, not values, and tooltips give pseudonyms.
    @Test func codebookAndTooltips() throws {
        let folder = scratch("codebook")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let codebook = folder.appendingPathComponent("codebook.csv")
        try "column,value,label\nteam,Math,Mathematics\nrole,teacher,classroom teacher\nname,Margaret Okonkwo,the principal\nname,Nobody Here,x\nemail,x@example.org,y\n"
            .write(to: codebook, atomically: true, encoding: .utf8)
        let map = folder.appendingPathComponent("map.svg")
        let (run, texts) = try expectAnonymous(["draw"] + Fixture.fall + ["--codebook", codebook.path, "-o", map.path], outputs: [map])
        #expect(run.stderr.contains("note: codebook") && !run.stderr.contains("Nobody"))
        let svg = texts["map.svg"] ?? ""
        #expect(svg.contains("team: Mathematics") && svg.contains("xlink:title=\"Person ") && svg.contains("sought out by"))
        let dot = folder.appendingPathComponent("map.dot")
        try expectAnonymous(["draw"] + Fixture.fall + ["--codebook", codebook.path, "--color-by", "role", "-o", dot.path], outputs: [dot])
        try expectAnonymous(["summary"] + Fixture.fall + ["--codebook", codebook.path, "--per", "team", "--format", "json"])
        let gexf = folder.appendingPathComponent("school.gexf")
        try expectAnonymous(["convert", "Samples/school/edges.csv", gexf.path, "--nodes", Fixture.roster, "--anonymize-seed", Fixture.key,
                             "--codebook", codebook.path, "--color-by", "team"], outputs: [gexf])
    }

    @Test(.enabled(if: pdftotext != nil, "pdftotext (poppler-utils) is not installed, so PDF text cannot be checked: Scripts/install-deps.sh installs it"))
    func drawPDF() throws {
        let out = scratch("pdf").appendingPathComponent("map.pdf")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        try expectAnonymous(["draw"] + Fixture.fall + ["--formal", "role=principal", "--title", "Advice", "-o", out.path], outputs: [out])
    }

    @Test func compare() throws {
        for format in ["table", "json"] {
            let (_, texts) = try expectAnonymous(["compare"] + Fixture.base + ["--relation", "advice", "--format", format,
                                                  "--formal", "role=principal,assistant principal,instructional coach,department chair"])
            #expect(texts["stdout"]?.contains("Person ") == true)
        }
        for format in ["png", "svg"] {
            let folder = scratch("compare-\(format)")
            let (_, texts) = try expectAnonymous(["compare"] + Fixture.base + ["--relation", "advice", "--map-format", format, "--formal", "role=principal", "-o", folder.path],
                                                 outputs: [folder])
            #expect(texts.keys.contains("map_fall.\(format)") && texts.keys.contains("people.csv") && texts.keys.contains("ties.csv"))
            #expect(texts["people.csv"]?.contains("Person 01,,") == true, "people.csv: pseudonyms, no names")
        }
        let folder = scratch("compare-per")
        try expectAnonymous(["compare"] + Fixture.base + ["--relation", "advice", "--per", "level", "--no-maps", "-o", folder.path], outputs: [folder])
    }

    @Test func convert() throws {
        let folder = scratch("convert")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let all = ["Samples/school/edges.csv"]
        let tail = ["--nodes", Fixture.roster, "--anonymize-seed", Fixture.key]
        for (ext, extra) in [("csv", []), ("graphml", []), ("gexf", ["--color-by", "team", "--size-by", "in-degree"]), ("json", []), ("dot", ["--color-by", "team"])] {
            let out = folder.appendingPathComponent("school.\(ext)")
            let outputs = ext == "csv" ? [out, folder.appendingPathComponent("school_nodes.csv")] : [out]
            let (_, texts) = try expectAnonymous(["convert"] + all + [out.path] + tail + extra, outputs: outputs)
            #expect(texts["school.\(ext)"]?.contains("Person 01") == true, "\(ext): node ids are pseudonyms")
        }
        let nodes = try String(contentsOf: folder.appendingPathComponent("school_nodes.csv"), encoding: .utf8)
        #expect(nodes.hasPrefix("id,role,team,level,years,responded_fall"), "identifying columns dropped: \(nodes.prefix(80))")
        for ext in ["net", "dl"] {
            let out = folder.appendingPathComponent("fall.\(ext)")
            try expectAnonymous(["convert"] + all + [out.path] + tail + ["--relation", "advice", "--wave", "fall"], outputs: [out])
        }
        let per = folder.appendingPathComponent("per-team")
        try expectAnonymous(["convert"] + all + [per.path] + tail + ["--per", "team", "--to", "graphml"], outputs: [per])
        // A GraphML input with the names in it: the same pseudonyms, the names left out.
        let back = folder.appendingPathComponent("named.graphml")
        let named = try runStaffGraph(["convert"] + all + [back.path, "--nodes", Fixture.roster])
        #expect(named.status == 0, "\(named.stderr)")
        let again = folder.appendingPathComponent("again.json")
        try expectAnonymous(["convert", back.path, again.path, "--anonymize-seed", Fixture.key], outputs: [again])
    }

    // MARK: - Options that would reveal an identifying column

    static let refused: [(arguments: [String], flag: String, column: String)] = [
        (["draw"] + Fixture.fall + ["--color-by", "name", "-o", "/tmp/never.png"], "--color-by", "name"),
        (["draw"] + Fixture.fall + ["--color-by", "EMAIL", "-o", "/tmp/never.png"], "--color-by", "EMAIL"),
        (["draw"] + Fixture.fall + ["--cluster-by", "name", "-o", "/tmp/never.svg"], "--cluster-by", "name"),
        (["draw"] + Fixture.fall + ["--formal", "name=Margaret Okonkwo", "-o", "/tmp/never.svg"], "--formal", "name"),
        (["metrics"] + Fixture.fall + ["--by", "aliases"], "--by", "aliases"),
        (["metrics"] + Fixture.fall + ["--sort", "name"], "--sort", "name"),
        (["metrics"] + Fixture.fall + ["--where", "name=Margaret Okonkwo"], "--where", "name"),
        (["metrics"] + Fixture.fall + ["--per", "phone"], "--per", "phone"),
        (["summary"] + Fixture.fall + ["--per", "email"], "--per", "email"),
        (["groups"] + Fixture.fall + ["--by", "name"], "--by", "name"),
        (["leaders"] + Fixture.fall + ["--formal", "email=x@y.org"], "--formal", "email"),
        (["compare"] + Fixture.base + ["--relation", "advice", "--by", "name"], "--by", "name"),
        (["compare"] + Fixture.base + ["--relation", "advice", "--breakdown", "team,phone"], "--breakdown", "phone"),
        (["convert", "Samples/school/edges.csv", "/tmp/never.gexf", "--nodes", Fixture.roster, "--anonymize", "--color-by", "name"], "--color-by", "name"),
        (["convert", "Samples/school/edges.csv", "/tmp/never.csv", "--nodes", Fixture.roster, "--anonymize", "--where", "email=a@b.org"], "--where", "email"),
    ]

    @Test(arguments: refused.indices)
    func identifyingColumnsAreRefused(_ k: Int) throws {
        let (arguments, flag, column) = Self.refused[k]
        let run = try runStaffGraph(arguments)
        #expect(run.status == 64, "\(arguments.joined(separator: " ")): \(run.stderr)")
        #expect(run.stderr.contains("error: \(flag) \(column): the roster column") && run.stderr.contains("identifies people"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(check.leaks(in: run.stderr).isEmpty, "\(run.stderr)")
    }

    // MARK: - Pseudonyms: reproducible, consistent, not in roster order

    @Test func theSameKeyGivesTheSameBytes() throws {
        let folder = scratch("same")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, arguments) in [("metrics.csv", ["metrics"] + Fixture.fall + ["--measures", "in_degree,betweenness"]),
                                  ("map.svg", ["draw"] + Fixture.fall),
                                  ("school.graphml", ["convert", "Samples/school/edges.csv"]),
                                  ("compare.json", ["compare"] + Fixture.base + ["--relation", "advice", "--format", "json"])] {
            var outputs: [[UInt8]] = []
            for k in 0 ..< 2 {
                let out = folder.appendingPathComponent("\(k)-\(name)")
                var full = arguments
                if name.hasSuffix(".svg") { full += ["-o", out.path] }
                if name.hasSuffix(".graphml") { full += [out.path, "--nodes", Fixture.roster, "--anonymize-seed", Fixture.key] }
                let run = try runStaffGraph(full)
                #expect(run.status == 0, "\(run.stderr)")
                outputs.append(name.hasSuffix(".csv") || name.hasSuffix(".json") ? Array(run.stdout.utf8) : [UInt8](try Data(contentsOf: out)))
            }
            #expect(outputs[0] == outputs[1], "\(name): the same key gave different bytes")
            #expect(!outputs[0].isEmpty)
        }
    }

    /// metrics --format csv of the fall advice in-degrees: (first column, in_degree) per row.
    func inDegrees(_ extra: [String], nodes: String = Fixture.roster) throws -> [(String, String)] {
        let run = try runStaffGraph(["metrics", "Samples/school/edges.csv", "--nodes", nodes, "--relation", "advice", "--wave", "fall",
                                     "--measures", "in_degree"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return (String(cells[0]), String(cells[1]))
        }
    }

    @Test func pseudonymsFollowTheKeyNotTheRoster() throws {
        let named = try inDegrees([])
        let anonymous = try inDegrees(["--anonymize-seed", Fixture.key])
        let ids = named.map(\.0)
        #expect(ids.count == 61 && anonymous.count == 61)
        // The mapping is the library's for the whole roster (62 people: p29 is absent in the fall).
        let pseudonyms = Pseudonyms(ids: Fixture.people.map(\.id), key: try #require(UInt64(Fixture.key)))
        let byLabel = Dictionary(uniqueKeysWithValues: anonymous.map { ($0.0, $0.1) })
        for (id, degree) in named {
            let label = try #require(pseudonyms.label(of: id))
            #expect(byLabel[label] == degree, "\(id) is \(label): in-degree \(degree) vs \(byLabel[label] ?? "none")")
        }
        // Rows come in pseudonym order …
        #expect(anonymous.map(\.0) == anonymous.map(\.0).sorted())
        // … which is not the roster's: roster row k is rarely Person k, and the numbers are not increasing along the roster.
        let ranks = Fixture.people.map { pseudonyms.rank(of: $0.id) ?? -1 }
        #expect(Set(ranks) == Set(0 ..< 62))
        #expect(ranks.enumerated().filter { $0.offset == $0.element }.count < 6, "\(ranks)")
        #expect(zip(ranks, ranks.dropFirst()).filter { $0 < $1 }.count < 45, "\(ranks)")
        // Another key, other pseudonyms; the same people and values.
        let other = try inDegrees(["--anonymize-seed", "7"])
        #expect(other.map(\.1) != anonymous.map(\.1))
        #expect(other.map(\.1).sorted() == anonymous.map(\.1).sorted())
        // The roster's row order does not matter: the same ids, shuffled rows, the same pseudonyms.
        let text = try String(contentsOfFile: Fixture.roster, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        let reversed = scratch("reversed-roster.csv")
        try ([header] + lines.reversed()).joined(separator: "\n").appending("\n").write(to: reversed, atomically: true, encoding: .utf8)
        let fromReversed = try inDegrees(["--anonymize-seed", Fixture.key], nodes: reversed.path)
        #expect(fromReversed.map(\.0) == anonymous.map(\.0) && fromReversed.map(\.1) == anonymous.map(\.1))
    }

    @Test func withoutAKeyEveryRunDrawsNewPseudonyms() throws {
        let first = try inDegrees(["--anonymize"])
        let second = try inDegrees(["--anonymize"])
        #expect(first.map(\.1) != second.map(\.1), "two runs without --anonymize-seed gave the same pseudonyms")
        let run = try runStaffGraph(["summary"] + Fixture.fall.filter { $0 != "--anonymize-seed" && $0 != Fixture.key } + ["--anonymize"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("fresh random key"), "\(run.stderr)")
    }

    /// One person is the same pseudonym in every group of --per, in every command of a run.
    @Test func groupsShareTheRunsPseudonyms() throws {
        let whole = try runStaffGraph(["metrics"] + Fixture.fall + ["--measures", "in_degree", "--format", "json"])
        let perTeam = try runStaffGraph(["metrics"] + Fixture.fall + ["--measures", "in_degree", "--format", "json", "--per", "team"])
        #expect(whole.status == 0 && perTeam.status == 0)
        let pseudonyms = Pseudonyms(ids: Fixture.people.map(\.id), key: try #require(UInt64(Fixture.key)))
        let team = try #require(Fixture.people.first { $0.id == "p05" })
        let label = try #require(pseudonyms.label(of: team.id))
        #expect(whole.stdout.contains("\"id\": \"\(label)\"") || whole.stdout.contains("\"id\":\"\(label)\""), "\(label)")
        #expect(perTeam.stdout.contains("\"id\": \"\(label)\"") || perTeam.stdout.contains("\"id\":\"\(label)\""), "\(label)")
    }
}
