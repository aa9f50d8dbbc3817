import Testing
import StaffGraphCore
@testable import StaffGraphIO

/// A recorder for the import's progress calls (made on the reading thread).
fileprivate final class ImportProgressLog: @unchecked Sendable {
    private(set) var calls: [(Int, Int)] = []
    var handler: ProgressHandler { { [self] done, total in calls.append((done, total)) } }
}

/// An edge list of `rows` ties among 1,000 people, deterministic.
fileprivate func edgeList(rows: Int) -> [UInt8] {
    var text = "source,target,weight\n"
    for i in 0 ..< rows { text += "p\(i % 997),p\((i * 31 + 7) % 1000),\(1 + i % 4)\n" }
    return Array(text.utf8)
}

@Suite struct ScaleImportTests {
    @Test func importProgressReportsBytesAndChangesNothing() throws {
        let bytes = edgeList(rows: 140_000)
        let log = ImportProgressLog()
        // One thread: one part, so a call every 65,536 rows of the file (with more, of each part).
        var oneThread = EdgeListOptions()
        oneThread.threads = 1
        let with = try EdgeListReader.read(bytes: bytes, name: "edges.csv", options: oneThread, progress: log.handler)
        let without = try EdgeListReader.read(bytes: bytes, name: "edges.csv")
        #expect(with.network.layers[0].graph == without.network.layers[0].graph)
        #expect(with.network.roster.ids == without.network.roster.ids)
        #expect(with.report == without.report)
        // Every 65,536 rows, then once at the end.
        #expect(log.calls.count == 3)
        #expect(log.calls.allSatisfy { $0.1 == bytes.count })
        #expect(zip(log.calls, log.calls.dropFirst()).allSatisfy { $0.0 < $1.0 })
        #expect(log.calls.last?.0 == bytes.count)
        // Parts parsed in parallel report increasing byte counts, one call at a time, ending at the total.
        for threads in [2, 3] {
            let parallelLog = ImportProgressLog()
            var options = EdgeListOptions()
            options.threads = threads
            let parallel = try EdgeListReader.read(bytes: bytes, name: "edges.csv", options: options, progress: parallelLog.handler)
            #expect(parallel.network.layers[0].graph == without.network.layers[0].graph && parallel.report == without.report)
            #expect(parallelLog.calls.allSatisfy { $0.1 == bytes.count })
            #expect(zip(parallelLog.calls, parallelLog.calls.dropFirst()).allSatisfy { $0.0 < $1.0 })
            #expect(parallelLog.calls.last?.0 == bytes.count)
        }
    }

    @Test func aSmallFileReportsOnceAtTheEnd() throws {
        let bytes = Array("source,target\na,b\n".utf8)
        let log = ImportProgressLog()
        _ = try EdgeListReader.read(bytes: bytes, name: "edges.csv", progress: log.handler)
        #expect(log.calls.count == 1)
        #expect(log.calls.first?.0 == bytes.count)
    }

    @Test func errorLocationsAreUnchangedWithProgress() {
        let bytes = Array("source,target,weight\na,b,1\nb,c,lots\n".utf8)
        let log = ImportProgressLog()
        do {
            _ = try EdgeListReader.read(bytes: bytes, name: "edges.csv", progress: log.handler)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 5)
        }
    }
}
