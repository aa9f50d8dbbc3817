import Testing
@testable import StaffGraphCore

/// Bit patterns, so that a column compares to the last bit (and `nil` to itself).
fileprivate func bits(_ xs: [Double?]?) -> [UInt64?]? { xs?.map { $0?.bitPattern } }
fileprivate func bits(_ xs: [Double]) -> [UInt64?] { xs.map { $0.bitPattern } }

/// A recorder of the steps a table announces and the progress calls of each.
/// Steps run one at a time and the test reads the log after the table is
/// built, so the lock-free appends are safe.
fileprivate final class StepLog: @unchecked Sendable {
    private(set) var steps: [NodeMeasureTable.Step] = []
    private(set) var calls: [[(Int, Int)]] = []

    func run(_ step: NodeMeasureTable.Step, _ body: (ProgressHandler?) -> Void) {
        steps.append(step)
        calls.append([])
        let index = calls.count - 1
        body { [self] done, total in calls[index].append((done, total)) }
    }
}

/// The shape of the command-line tool's `withProgress(_:_:)`: it wraps a body
/// that receives a handler (here, the table's `run`).
fileprivate func withLabel<T, E: Error>(_ label: String, _ body: (ProgressHandler?) throws(E) -> T) throws(E) -> T {
    try body(nil)
}

/// BFS-tie steps a Brandes search costs per tie.
fileprivate let brandesCost = NodeMeasureTable.betweennessStepsPerTie
fileprivate let distanceCost = NodeMeasureTable.distanceStepsPerTie

/// Every all-sources column.
fileprivate let allSources: [NodeMeasure] = [.betweenness, .betweennessRaw, .closenessIn, .closenessOut, .harmonicIn, .harmonicOut]

@Suite struct NodeMeasureBudgetTests {
    let small = randomCentralityGraph(nodes: 300, averageOutDegree: 5, seed: 5)
    let medium = randomCentralityGraph(nodes: 1500, averageOutDegree: 5, seed: 11)

    // MARK: Work estimate

    @Test func workIsPeopleTimesTiesPerPassWithBrandesCountedTwice() {
        let g = small
        let nm = Double(g.nodeCount) * Double(g.edgeCount)
        #expect(NodeMeasureTable.estimatedWork([.inDegree, .pagerank, .core], on: g) == 0)
        #expect(NodeMeasureTable.estimatedWork([.betweenness], on: g) == brandesCost * nm)
        // Both scales come from one Brandes pass.
        #expect(NodeMeasureTable.estimatedWork([.betweenness, .betweennessRaw], on: g) == brandesCost * nm)
        #expect(NodeMeasureTable.estimatedWork([.closenessIn], on: g) == distanceCost * nm)
        // Closeness and harmonic closeness of one direction share one distance pass.
        #expect(NodeMeasureTable.estimatedWork([.closenessIn, .harmonicIn], on: g) == distanceCost * nm)
        #expect(NodeMeasureTable.estimatedWork([.harmonicIn, .harmonicOut], on: g) == 2 * distanceCost * nm)
        // The passes' work added in plan order (Brandes, then each direction).
        #expect(NodeMeasureTable.estimatedWork(NodeMeasure.allCases, on: g) == brandesCost * nm + distanceCost * nm + distanceCost * nm)
        // The example of the documentation: the state network, every column, about 19 minutes on two cores.
        let state = 200_000.0 * 3_000_000 * (brandesCost + 2 * distanceCost)
        #expect(abs(state - 9.6e11) < 1e3)
        #expect(NodeMeasureTable.estimatedSeconds(work: state, threads: 1) == state / NodeMeasureTable.stepsPerSecondPerThread)
        if Parallelism.availableCores >= 2 {
            #expect(durationText(seconds: NodeMeasureTable.estimatedSeconds(work: state, threads: 2)) == "about 19 minutes")
        }
        // The default limit is about a minute on two cores.
        let minute = NodeMeasureTable.defaultWorkLimit / (2 * NodeMeasureTable.stepsPerSecondPerThread)
        #expect(minute > 45 && minute < 75)
    }

    @Test func exactStepsAreOnePassPerFamilyAndDirection() {
        let steps = NodeMeasureTable.steps(NodeMeasure.allCases, on: small)
        #expect(steps.map(\.name) == ["betweenness, betweenness_raw", "closeness_in, harmonic_in", "closeness_out, harmonic_out"])
        #expect(steps.allSatisfy { !$0.isSampled && $0.searches == small.nodeCount })
        #expect(NodeMeasureTable.steps([.harmonicOut, .betweennessRaw], on: small).map(\.name) == ["betweenness_raw", "harmonic_out"])
        #expect(NodeMeasureTable.steps([.inDegree, .eigenvector], on: small).isEmpty)
    }

    @Test func pivotCountFillsTheBudget() {
        let g = small, m = Double(g.edgeCount)
        // Brandes + two harmonic directions (searched 64 pivots at a time, at the cost of an exact distance pass a person).
        let limit = 25.5 * m * (brandesCost + 2 * distanceCost)
        let plan = NodeMeasureTable.plan(allSources, on: g, budget: .automatic(limit: limit, seed: 1))
        #expect(plan.pivots == 25)
        #expect(plan.skipped == [.closenessIn, .closenessOut])
        #expect(plan.steps.map(\.name) == ["betweenness, betweenness_raw", "harmonic_in", "harmonic_out"])
        #expect(plan.steps.allSatisfy { $0.isSampled && $0.searches == 25 })
        #expect(plan.steps.reduce(0) { $0 + $1.work } <= limit)
        // A tiny budget still searches from 2 pivots; a budget the estimable passes fit runs them exactly.
        #expect(NodeMeasureTable.plan([.betweenness], on: g, budget: .automatic(limit: 1, seed: 1)).pivots == 2)
        #expect(NodeMeasureTable.plan([.betweenness], on: g, budget: .automatic(limit: -.infinity, seed: 1)).pivots == 2)
        #expect(NodeMeasureTable.plan([.betweenness], on: g, budget: .automatic(limit: .nan, seed: 1)).pivots == nil)
        let roomy = NodeMeasureTable.plan([.betweenness, .closenessIn], on: g, budget: .automatic(limit: (brandesCost + distanceCost / 2) * Double(g.nodeCount) * m, seed: 1))
        #expect(roomy.pivots == nil)
        #expect(roomy.skipped == [.closenessIn])
        #expect(roomy.steps.map(\.isSampled) == [false])
        // At or under the limit nothing changes.
        let nm = Double(g.nodeCount) * m
        let fits = NodeMeasureTable.plan(allSources, on: g, budget: .automatic(limit: brandesCost * nm + distanceCost * nm + distanceCost * nm, seed: 1))
        #expect(fits.pivots == nil && fits.skipped.isEmpty && fits.steps.count == 3)
    }

    // MARK: Exact

    @Test func exactIsTodaysComputation() {
        let g = small
        for budget in [MeasureBudget.exact, .automatic()] {
            let table = NodeMeasureTable(NodeMeasure.allCases, on: g, threads: 2, budget: budget)
            #expect(table.estimated.isEmpty)
            #expect(table.skipped.isEmpty)
            #expect(bits(table.values[.betweenness]) == bits(betweenness(g, threads: 1)))
            #expect(bits(table.values[.betweennessRaw]) == bits(betweenness(g, options: BetweennessOptions(scale: .raw), threads: 1)))
            #expect(bits(table.values[.closenessIn]) == bits(wassermanFaustCloseness(g, direction: .incoming, threads: 1)))
            #expect(bits(table.values[.closenessOut]) == bits(wassermanFaustCloseness(g, direction: .outgoing, threads: 1)))
            #expect(bits(table.values[.harmonicIn]) == bits(harmonicCloseness(g, direction: .incoming, threads: 1)))
            #expect(bits(table.values[.harmonicOut]) == bits(harmonicCloseness(g, direction: .outgoing, threads: 1)))
            // The columns that do not search from every person are untouched by the budget.
            let plain = NodeMeasureTable(NodeMeasure.allCases, on: g, threads: 1)
            for measure in NodeMeasure.allCases { #expect(bits(table.values[measure]) == bits(plain.values[measure])) }
            #expect(table.notes == plain.notes)
        }
        #expect(bits(nodeMeasures([.harmonicIn], on: g)[.harmonicIn]) == bits(harmonicCloseness(g)))
    }

    @Test func exactBudgetIgnoresTheLimit() {
        let table = NodeMeasureTable([.betweenness, .closenessIn], on: small, threads: 1, budget: .exact)
        #expect(table.estimated.isEmpty && table.skipped.isEmpty)
        #expect(bits(table.values[.closenessIn]) == bits(wassermanFaustCloseness(small, threads: 1)))
    }

    // MARK: Automatic

    @Test func automaticAboveTheLimitSamplesAsTheSampledFunctionsDo() throws {
        let g = small, n = g.nodeCount, m = Double(g.edgeCount)
        let table = NodeMeasureTable(allSources + [.inDegree], on: g, threads: 2, budget: .automatic(limit: 40.5 * m * (brandesCost + 2 * distanceCost), seed: 7))
        let sampled = sampledBetweenness(g, pivotCount: 40, seed: 7, threads: 1)
        #expect(sampled.pivots.count == 40)
        #expect(bits(table.values[.betweenness]) == bits(sampled.values))
        let raw = try betweenness(g, pivots: sampled.pivots, options: BetweennessOptions(scale: .raw), threads: 1)
        #expect(bits(table.values[.betweennessRaw]) == bits(raw))
        for direction in [PathDirection.incoming, .outgoing] {
            let harmonic = sampledHarmonicCloseness(g, direction: direction, pivotCount: 40, seed: 7, threads: 1)
            #expect(harmonic.pivots == sampled.pivots)
            #expect(bits(table.values[direction == .incoming ? .harmonicIn : .harmonicOut]) == bits(harmonic.values))
        }
        // Wasserman–Faust closeness has no estimator: left empty, and said so.
        #expect(table.skipped == [.closenessIn, .closenessOut])
        #expect(table.values[.closenessIn]?.count == n)
        #expect(table.values[.closenessIn]?.allSatisfy { $0 == nil } == true)
        #expect(bits(table.values[.inDegree]) == bits(degreeCentrality(g, direction: .incoming)))

        let estimate = try #require(table.estimated[.betweenness])
        #expect(estimate.pivots == 40 && estimate.people == n && estimate.seed == 7 && estimate.confidence == 0.95)
        #expect(estimate.errorBound == NodeMeasureTable.Estimate.betweennessBound(pivots: 40))
        #expect(estimate.exactWork == NodeMeasureTable.estimatedWork([.betweenness], on: g))
        let rawEstimate = try #require(table.estimated[.betweennessRaw])
        #expect(abs(rawEstimate.errorBound - estimate.errorBound * Double((n - 1) * (n - 2))) <= 1e-9 * rawEstimate.errorBound)
        let harmonicEstimate = try #require(table.estimated[.harmonicOut])
        #expect(harmonicEstimate.errorBound == NodeMeasureTable.Estimate.harmonicBound(pivots: 40, people: n))
        #expect(table.estimated[.closenessIn] == nil)
        #expect(Set(table.estimated.keys) == [.betweenness, .betweennessRaw, .harmonicIn, .harmonicOut])

        // Notes in measure order: betweenness, betweenness_raw, closeness_in, closeness_out, harmonic_in, harmonic_out.
        #expect(table.notes.count == 6)
        #expect(table.notes.map { String($0.prefix { $0 != ":" }) } == allSources.map(\.rawValue))
        let note = table.notes[0]
        #expect(note.hasPrefix("betweenness: estimated from 40 of 300 people (seed 7); each value is within ±0.22 of the exact one with 95% probability"))
        #expect(note.contains("pass the exact budget to compute it exactly (about "))
        #expect(table.notes[2].hasPrefix("closeness_in: left empty: it needs a search from every person"))
        #expect(table.notes[2].hasSuffix("or use harmonic_in, which can be estimated"))
    }

    @Test func sampledValuesAreTheSameForOneAndTwoThreads() {
        let g = medium, m = Double(g.edgeCount)
        let budget = MeasureBudget.automatic(limit: 60.5 * m * (brandesCost + 2 * distanceCost), seed: 3)
        let one = NodeMeasureTable(NodeMeasure.allCases, on: g, threads: 1, budget: budget)
        let two = NodeMeasureTable(NodeMeasure.allCases, on: g, threads: 2, budget: budget)
        #expect(one.estimated[.betweenness]?.pivots == 60)
        for measure in NodeMeasure.allCases { #expect(bits(one.values[measure]) == bits(two.values[measure])) }
        // The notes differ only in the thread count of their time estimates.
        #expect(one.notes.contains { $0.contains("on 1 thread)") })
        #expect(one.notes == two.notes.map { $0.replacing("on 2 threads)", with: "on 1 thread)") })
        #expect(one.estimated == two.estimated)
        // Another seed, other pivots.
        let other = NodeMeasureTable([.betweenness], on: g, threads: 2, budget: .automatic(limit: 60.5 * m * brandesCost, seed: 4))
        #expect(bits(other.values[.betweenness]) != bits(one.values[.betweenness]))
    }

    // MARK: Stated bounds

    @Test func betweennessErrorStaysWithinTheStatedBound() throws {
        let g = medium, n = g.nodeCount, m = Double(g.edgeCount)
        let exact = betweenness(g, threads: 2)
        let exactRaw = betweenness(g, options: BetweennessOptions(scale: .raw), threads: 2)
        for (k, seed) in [(30, UInt64(1)), (150, 2), (600, 3)] {
            let table = NodeMeasureTable([.betweenness, .betweennessRaw], on: g, threads: 2, budget: .automatic(limit: (Double(k) + 0.5) * m * brandesCost, seed: seed))
            let estimate = try #require(table.estimated[.betweenness])
            let rawEstimate = try #require(table.estimated[.betweennessRaw])
            #expect(estimate.pivots == k)
            let values = try #require(table.values[.betweenness]), raw = try #require(table.values[.betweennessRaw])
            var worst = 0.0, worstRaw = 0.0, within = 0
            for v in 0 ..< n {
                let error = abs((values[v] ?? .nan) - exact[v])
                worst = max(worst, error)
                worstRaw = max(worstRaw, abs((raw[v] ?? .nan) - exactRaw[v]))
                if error <= estimate.errorBound { within += 1 }
            }
            #expect(worst <= estimate.errorBoundAllPeople)
            #expect(worst <= estimate.errorBound)
            #expect(worstRaw <= rawEstimate.errorBound)
            #expect(Double(within) >= 0.95 * Double(n))
        }
    }

    @Test func harmonicEstimatorIsUnbiasedAndWithinTheStatedBound() throws {
        let g = medium, n = g.nodeCount
        for direction in [PathDirection.incoming, .outgoing] {
            let exact = harmonicCloseness(g, direction: direction, threads: 2)
            let k = 60, seeds = 40
            var mean = [Double](repeating: 0, count: n)
            let bound = NodeMeasureTable.Estimate.harmonicBound(pivots: k, people: n)
            let boundAll = NodeMeasureTable.Estimate.hoeffding(pivots: k, events: n, confidence: 0.95) * Double(n - 1)
            var worst = 0.0
            for seed in 0 ..< UInt64(seeds) {
                let estimate = sampledHarmonicCloseness(g, direction: direction, pivotCount: k, seed: seed, threads: 2)
                #expect(estimate.pivots.count == k)
                for v in 0 ..< n {
                    mean[v] += estimate.values[v] / Double(seeds)
                    worst = max(worst, abs(estimate.values[v] - exact[v]))
                }
            }
            #expect(worst <= boundAll)
            #expect(worst <= bound)
            // Unbiased: the mean over 40 draws is close to the exact values, in total and person by person.
            let totalExact = exact.reduce(0, +), totalMean = mean.reduce(0, +)
            #expect(abs(totalMean - totalExact) <= 0.01 * totalExact)
            var meanError = 0.0
            for v in 0 ..< n { meanError = max(meanError, abs(mean[v] - exact[v])) }
            #expect(meanError <= bound / Double(seeds).squareRoot())
        }
    }

    /// The pivots are searched 64 at a time; the estimate is still the sum of
    /// `1/d(pivot, u)` over the pivots, searched one by one here (to rounding:
    /// a batch adds `c / d` for the `c` pivots at distance `d` at once), and
    /// the same to the bit at any thread count.
    @Test func sampledHarmonicIsTheSumOverPivotsSearchedOneByOne() {
        let g = medium, n = g.nodeCount
        for direction in [PathDirection.incoming, .outgoing] {
            for k in [2, 63, 64, 65, 200] {
                let estimate = sampledHarmonicCloseness(g, direction: direction, pivotCount: k, seed: 5, threads: 1)
                #expect(estimate.pivots.count == k)
                var sums = [Double](repeating: 0, count: n)
                for p in estimate.pivots {
                    // Breadth-first from the pivot: along ties for incoming, against them for outgoing.
                    var distance = [Int](repeating: -1, count: n)
                    distance[p] = 0
                    var queue = [p], head = 0
                    while head < queue.count {
                        let v = queue[head]
                        head += 1
                        let neighbours = direction == .incoming ? g.outNeighbors(v) : g.inNeighbors(v)
                        for w32 in neighbours where distance[Int(w32)] < 0 {
                            distance[Int(w32)] = distance[v] + 1
                            queue.append(Int(w32))
                        }
                    }
                    for u in 0 ..< n where distance[u] > 0 { sums[u] += 1 / Double(distance[u]) }
                }
                let isPivot = Set(estimate.pivots)
                var worst = 0.0
                for u in 0 ..< n {
                    let scale = Double(n - 1) / Double(isPivot.contains(u) ? k - 1 : k)
                    worst = max(worst, abs(estimate.values[u] - sums[u] * scale) / max(1, sums[u] * scale))
                }
                #expect(worst < 1e-12, "k = \(k), \(direction): relative error \(worst)")
                for t in [2, 3] {
                    let again = sampledHarmonicCloseness(g, direction: direction, pivotCount: k, seed: 5, threads: t)
                    #expect(again.values.map(\.bitPattern) == estimate.values.map(\.bitPattern), "k = \(k), \(t) threads")
                }
            }
        }
    }

    @Test func sampledHarmonicWithEveryPivotIsExact() {
        let g = small, n = g.nodeCount
        for direction in [PathDirection.incoming, .outgoing] {
            let all = sampledHarmonicCloseness(g, direction: direction, pivotCount: n + 5, seed: 9, threads: 2)
            #expect(all.pivots == Array(0 ..< n))
            #expect(bits(all.values) == bits(harmonicCloseness(g, direction: direction, threads: 1)))
        }
        // n − 1 pivots: every person's estimate is (n − 1)/(k') times the sum of k' exact terms, and
        // the one non-pivot has every term: its estimate is exact up to rounding.
        let exact = harmonicCloseness(g, threads: 1)
        let most = sampledHarmonicCloseness(g, pivotCount: n - 1, seed: 9, threads: 1)
        let left = Set(0 ..< n).subtracting(most.pivots)
        for v in left { #expect(abs(most.values[v] - exact[v]) <= 1e-9 * max(1, exact[v])) }
    }

    @Test func sampledHarmonicWorkedExample() {
        // The in-star where 4 people name a centre: H_in(centre) = 4. Two leaf pivots give 4/2 · (1 + 1) = 4.
        var b = GraphBuilder(nodeCount: 5)
        for leaf in 1 ... 4 { b.addTie(from: leaf, to: 0) }
        let g = b.build().graph
        for seed in 0 ..< UInt64(20) {
            let estimate = sampledHarmonicCloseness(g, pivotCount: 2, seed: seed, threads: 1)
            // As a pivot, the centre's own term is left out: 4/(2 − 1) · 1 from the one leaf pivot.
            #expect(estimate.values[0] == 4)
            for leaf in 1 ... 4 { #expect(estimate.values[leaf] == 0) }
        }
        #expect(sampledHarmonicCloseness(Graph(isolates: 0), pivotCount: 3, seed: 1).values.isEmpty)
    }

    @Test func samePivotsAsSampledBetweenness() {
        for (n, k, seed) in [(10, 3, UInt64(1)), (300, 40, 7), (1000, 999, 12)] {
            let g = randomCentralityGraph(nodes: n, averageOutDegree: 2, seed: seed)
            #expect(samplePivots(nodeCount: n, count: k, seed: seed) == sampledBetweenness(g, pivotCount: k, seed: seed, threads: 1).pivots)
        }
    }

    // MARK: Progress

    @Test func progressWrapsEveryStepInOrderAndChangesNothing() {
        let g = small
        let log = StepLog()
        let table = NodeMeasureTable(NodeMeasure.allCases, on: g, threads: 2, budget: .exact, progress: log.run)
        #expect(log.steps == NodeMeasureTable.steps(NodeMeasure.allCases, on: g))
        for (step, calls) in zip(log.steps, log.calls) {
            #expect(!calls.isEmpty)
            #expect(calls.allSatisfy { $0.1 == step.searches })
            #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 <= $1.0 })
            #expect(calls.last?.0 == step.searches)
        }
        let plain = NodeMeasureTable(NodeMeasure.allCases, on: g, threads: 1)
        for measure in NodeMeasure.allCases { #expect(bits(table.values[measure]) == bits(plain.values[measure])) }

        // Sampled steps count pivots.
        let sampledLog = StepLog()
        _ = NodeMeasureTable(allSources, on: g, threads: 2, budget: .automatic(limit: 30.5 * Double(g.edgeCount) * (brandesCost + 2 * distanceCost), seed: 1), progress: sampledLog.run)
        #expect(sampledLog.steps.map(\.name) == ["betweenness, betweenness_raw", "harmonic_in", "harmonic_out"])
        #expect(sampledLog.calls.allSatisfy { $0.last.map { $0 == (30, 30) } == true })
    }

    @Test func aWrapperThatDoesNotRunLosesOnlyTheReports() {
        let g = small
        let lazy = NodeMeasureTable(allSources, on: g, threads: 1) { _, _ in }
        let twice = NodeMeasureTable(allSources, on: g, threads: 1) { _, run in
            run(nil)
            run(nil)
        }
        // The command-line tool's pattern compiles and runs the step once.
        let wrapped = NodeMeasureTable(allSources, on: g, threads: 1) { step, run in
            withLabel(step.name) { handler in run(handler) }
        }
        let plain = NodeMeasureTable(allSources, on: g, threads: 1)
        for measure in allSources {
            #expect(bits(lazy.values[measure]) == bits(plain.values[measure]))
            #expect(bits(twice.values[measure]) == bits(plain.values[measure]))
            #expect(bits(wrapped.values[measure]) == bits(plain.values[measure]))
        }
    }

    // MARK: Words

    @Test func numbersInNotes() {
        #expect(groupedDigits(0) == "0")
        #expect(groupedDigits(999) == "999")
        #expect(groupedDigits(1200) == "1,200")
        #expect(groupedDigits(200_000) == "200,000")
        #expect(groupedDigits(1_234_567) == "1,234,567")
        // Bounds round up at two significant digits.
        #expect(boundText(0.03921) == "0.040")
        #expect(boundText(0.04) == "0.040")
        #expect(boundText(0.0996) == "0.10")
        #expect(boundText(0.00071) == "0.00071")
        #expect(boundText(3.51) == "3.6")
        #expect(boundText(9.99) == "10")
        #expect(boundText(8612.3) == "8,700")
        #expect(boundText(42) == "42")
        #expect(durationText(seconds: 40) == "about 40 seconds")
        #expect(durationText(seconds: 1) == "about 1 second")
        #expect(durationText(seconds: 720) == "about 12 minutes")
        #expect(durationText(seconds: 3 * 3600) == "about 3 hours")
        #expect(durationText(seconds: 50 * 3600) == "about 2 days")
    }

    @Test func boundsMatchTheBenchmarkFormula() {
        // staffgraph-bench: ε₁ = √(ln(2/δ) / (2(k − 1))), ε = √(ln(2n/δ) / (2(k − 1))), δ = 0.05.
        let k = 1200, n = 200_000
        let one = NodeMeasureTable.Estimate.betweennessBound(pivots: k)
        #expect(abs(one - 0.039_221) < 1e-5)
        let all = NodeMeasureTable.Estimate.hoeffding(pivots: k, events: n, confidence: 0.95)
        #expect(abs(all - 0.081_415) < 1e-5)
        #expect(abs(NodeMeasureTable.Estimate.harmonicBound(pivots: k, people: n) - one * Double(n - 1)) < 1e-9)
    }
}
