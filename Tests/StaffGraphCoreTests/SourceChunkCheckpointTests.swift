import Foundation
import Testing
@testable import StaffGraphCore

/// A checkpoint in memory: it hands out `initial` and records every save.
private final class RecordingCheckpoint: SourceChunkCheckpoint, @unchecked Sendable {
    private let lock = NSLock()
    private let initial: [String: SourceChunkProgress]
    private(set) var saves: [(key: String, progress: SourceChunkProgress)] = []

    init(_ initial: [String: SourceChunkProgress] = [:]) { self.initial = initial }

    func saved(_ key: String) -> SourceChunkProgress? { initial[key] }

    func save(_ key: String, _ progress: SourceChunkProgress) {
        lock.lock()
        saves.append((key, progress))
        lock.unlock()
    }

    /// What a file written after the first `k` saves would hold: the last save of each pass.
    func state(afterSaves k: Int) -> [String: SourceChunkProgress] {
        var state: [String: SourceChunkProgress] = [:]
        for save in saves.prefix(k) { state[save.key] = save.progress }
        return state
    }
}

/// Bit patterns of a table's columns, for exact comparison (NaN-safe).
private func bits(_ table: NodeMeasureTable, _ measures: [NodeMeasure]) -> [[UInt64?]] {
    measures.map { m in (table.values[m] ?? []).map { $0?.bitPattern } }
}

/// Stopping an exact table part way and resuming it from the saved chunks
/// gives the values of a run never stopped, to the last bit.
@Suite struct SourceChunkCheckpointTests {
    let graph = randomCentralityGraph(nodes: 300, averageOutDegree: 5, seed: 19)
    let measures: [NodeMeasure] = [.betweenness, .betweennessRaw, .closenessIn, .harmonicIn, .harmonicOut]

    @Test func aCheckpointChangesNoValueAndEndsComplete() {
        let plain = NodeMeasureTable(measures, on: graph, threads: 2)
        let recorder = RecordingCheckpoint()
        let checked = NodeMeasureTable(measures, on: graph, threads: 2, checkpoint: recorder)
        #expect(bits(plain, measures) == bits(checked, measures))
        let keys = Set(recorder.saves.map(\.key))
        #expect(keys == [SourceChunkCheckpointKey.brandes, SourceChunkCheckpointKey.distancesIn, SourceChunkCheckpointKey.distancesOut])
        for key in keys {
            let last = recorder.saves.last { $0.key == key }?.progress
            #expect(last?.isComplete == true)
            #expect(last?.sourcesDone == graph.nodeCount)
            #expect(last?.fits(key, sources: graph.nodeCount) == true)
        }
        // Distance passes save after every chunk, Brandes after every batch of 2.
        let chunks = SourceChunkProgress.chunkCount(sources: graph.nodeCount)
        #expect(recorder.saves.filter { $0.key == SourceChunkCheckpointKey.distancesIn }.count == chunks)
        #expect(recorder.saves.filter { $0.key == SourceChunkCheckpointKey.brandes }.count == chunks / 2)
    }

    @Test(arguments: [(1, 2), (2, 1), (2, 2), (1, 1)])
    func resumingAfterAnyNumberOfSavesGivesTheSameBits(before: Int, after: Int) {
        let plain = bits(NodeMeasureTable(measures, on: graph, threads: 1), measures)
        let recorder = RecordingCheckpoint()
        _ = NodeMeasureTable(measures, on: graph, threads: before, checkpoint: recorder)
        let total = recorder.saves.count
        for k in [1, 5, total / 3, total / 2 + 1, total - 1, total] {
            let resumed = RecordingCheckpoint(recorder.state(afterSaves: k))
            let table = NodeMeasureTable(measures, on: graph, threads: after, checkpoint: resumed)
            #expect(bits(table, measures) == plain, "stopped after \(k) saves, \(before) → \(after) threads")
            // Only what was not done is searched again: the resumed run saves the rest.
            if before == after { #expect(resumed.saves.count == total - k) }
        }
    }

    @Test func aProgressThatDoesNotFitIsIgnored() {
        let plain = bits(NodeMeasureTable([.betweenness, .harmonicIn], on: graph, threads: 2), [.betweenness, .harmonicIn])
        let chunks = SourceChunkProgress.chunkCount(sources: graph.nodeCount)
        // Wrong length, and Brandes chunks done that are not a prefix: both are started afresh.
        var gaps = [Bool](repeating: false, count: chunks)
        gaps[3] = true
        let bad = RecordingCheckpoint([
            SourceChunkCheckpointKey.brandes: SourceChunkProgress(sources: graph.nodeCount, done: gaps, vectors: [[Double](repeating: 1, count: graph.nodeCount)]),
            SourceChunkCheckpointKey.distancesIn: SourceChunkProgress(sources: 7, done: [true], vectors: [[1], [1], [1]]),
        ])
        #expect(!(bad.saved(SourceChunkCheckpointKey.brandes)?.fits(SourceChunkCheckpointKey.brandes, sources: graph.nodeCount) ?? true))
        let table = NodeMeasureTable([.betweenness, .harmonicIn], on: graph, threads: 2, checkpoint: bad)
        #expect(bits(table, [.betweenness, .harmonicIn]) == plain)
    }

    @Test func progressReportsCountResumedSources() {
        let recorder = RecordingCheckpoint()
        _ = NodeMeasureTable([.harmonicIn], on: graph, threads: 1, checkpoint: recorder)
        let state = recorder.state(afterSaves: 10)
        let resumedSources = state[SourceChunkCheckpointKey.distancesIn]?.sourcesDone ?? 0
        #expect(resumedSources > 0 && resumedSources < graph.nodeCount)
        let calls = Calls()
        _ = NodeMeasureTable([.harmonicIn], on: graph, threads: 1, checkpoint: RecordingCheckpoint(state)) { _, run in
            run { done, total in calls.append(done, total) }
        }
        let reports = calls.all
        #expect(reports.first?.0 == resumedSources)
        #expect(reports.last?.0 == graph.nodeCount && reports.last?.1 == graph.nodeCount)
        #expect(reports.count == SourceChunkProgress.chunkCount(sources: graph.nodeCount) - 10 + 1)
    }
}

private final class Calls: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Int, Int)] = []
    func append(_ done: Int, _ total: Int) { lock.lock(); items.append((done, total)); lock.unlock() }
    var all: [(Int, Int)] { lock.lock(); defer { lock.unlock() }; return items }
}
