/// The thresholds that make someone an informal leader or a rarely-sought
/// formal leader (<doc:Conventions>; Sun, Frank, Penuel & Kim 2013).
public struct LeaderCriteria: Sendable, Equatable {
    /// An informal leader is in this top share of people by in-degree (default 0.10).
    public var topFraction: Double
    /// … and is named by at least this many people (default 3).
    public var minimumNominations: Int
    /// A formal leader is "rarely sought" when named by fewer people than this;
    /// `nil` (default) = fewer than the median in-degree of everyone.
    public var rarelySoughtBelow: Int?

    /// The defaults of <doc:Conventions>: top 10 %, at least 3 nominations; rarely sought = below the median.
    public init(topFraction: Double = 0.10, minimumNominations: Int = 3, rarelySoughtBelow: Int? = nil) {
        self.topFraction = topFraction
        self.minimumNominations = minimumNominations
        self.rarelySoughtBelow = rarelySoughtBelow
    }
}

/// One person in the leaders report.
public struct LeaderEntry: Sendable, Equatable {
    /// Index of the person (roster order).
    public var person: Int
    /// Number of people who name them.
    public var inDegree: Int
    /// Rank by in-degree, 1 = most sought; ties share the best rank ("1224" ranking).
    public var rank: Int
}

/// Formal and informal leaders (Spillane's distributed leadership; Sun, Frank,
/// Penuel & Kim 2013): who holds a title, who is actually sought out, and where
/// the two differ. Ties are binary, self-loops ignored, in-degree = times named.
///
/// - **Formal leaders**: people holding a role the user names (principal, coach,
///   chair …), with their in-degree and rank.
/// - **Informal leaders**: no such role, yet in the top ``LeaderCriteria/topFraction``
///   by in-degree — in-degree at least that of the person at position
///   `⌈fraction · n⌉` when everyone is sorted by in-degree, ties included — and
///   named by at least ``LeaderCriteria/minimumNominations`` people.
/// - **Rarely sought formal leaders**: formal leaders named by fewer people than
///   ``LeaderCriteria/rarelySoughtBelow``, or than the median in-degree by default.
/// - **Share of requests to formal leaders**: Σ their in-degrees / all ties.
///
/// Example: 10 people; p0 (principal) named by 1, p1 (teacher) named by 5, the
/// rest by 0–2, median 1: with top 10 % (the 1st person) and at least 3
/// nominations, p1 is an informal leader; p0 is not rarely sought (1 is not
/// below the median 1).
public struct FormalInformalLeaders: Sendable, Equatable {
    /// In-degree of every person.
    public var inDegrees: [Int]
    /// Rank of every person by in-degree (1 = most sought, ties share).
    public var ranks: [Int]
    /// Formal leaders, most sought first (ties in roster order).
    public var formal: [LeaderEntry]
    /// Informal leaders, most sought first.
    public var informal: [LeaderEntry]
    /// Formal leaders who are rarely sought, least sought first.
    public var rarelySought: [LeaderEntry]
    /// The in-degree an informal leader needs (the larger of the top-fraction cut and the minimum).
    public var informalThreshold: Int
    /// The in-degree below which a formal leader is rarely sought.
    public var rarelySoughtThreshold: Double
    /// Median in-degree of everyone.
    public var medianInDegree: Double
    /// Share of all requests that go to formal leaders (`nil` without ties).
    public var formalShare: Double?
    /// The criteria used.
    public var criteria: LeaderCriteria

    /// Classifies everyone.
    /// - Parameter isFormal: one flag per person, true for holders of a named role.
    /// - Complexity: O(n log n + m).
    public init(_ graph: Graph, isFormal: [Bool], criteria: LeaderCriteria = LeaderCriteria()) {
        precondition(isFormal.count == graph.nodeCount, "one flag per person")
        let g = graph.droppingSelfLoops()
        let n = g.nodeCount
        let inDegrees = (0 ..< n).map { g.inDegree($0) }
        let descending = inDegrees.sorted(by: >)
        var ranks = [Int](repeating: 0, count: n)
        for v in 0 ..< n {
            // 1 + number of people with a strictly larger in-degree (binary search on the sorted list).
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if descending[mid] > inDegrees[v] { lo = mid + 1 } else { hi = mid }
            }
            ranks[v] = lo + 1
        }
        let ascending = descending.reversed().map { $0 }
        let median: Double = n == 0 ? 0 : (n % 2 == 1 ? Double(ascending[n / 2]) : Double(ascending[n / 2 - 1] + ascending[n / 2]) / 2)
        let position = max(1, Int((criteria.topFraction * Double(n)).rounded(.up)))
        let topCut = n == 0 ? Int.max : descending[min(n, position) - 1]
        let threshold = max(topCut, criteria.minimumNominations)
        let rarely = criteria.rarelySoughtBelow.map(Double.init) ?? median

        func entries(_ people: [Int]) -> [LeaderEntry] {
            people.map { LeaderEntry(person: $0, inDegree: inDegrees[$0], rank: ranks[$0]) }
        }
        let byDegree = (0 ..< n).sorted { inDegrees[$0] != inDegrees[$1] ? inDegrees[$0] > inDegrees[$1] : $0 < $1 }
        formal = entries(byDegree.filter { isFormal[$0] })
        informal = entries(byDegree.filter { !isFormal[$0] && inDegrees[$0] >= threshold && inDegrees[$0] > 0 })
        rarelySought = entries(byDegree.reversed().filter { isFormal[$0] && Double(inDegrees[$0]) < rarely })
            .sorted { $0.inDegree != $1.inDegree ? $0.inDegree < $1.inDegree : $0.person < $1.person }
        let formalRequests = (0 ..< n).filter { isFormal[$0] }.reduce(0) { $0 + inDegrees[$1] }
        formalShare = g.edgeCount > 0 ? Double(formalRequests) / Double(g.edgeCount) : nil
        self.inDegrees = inDegrees
        self.ranks = ranks
        self.informalThreshold = threshold
        self.rarelySoughtThreshold = rarely
        self.medianInDegree = median
        self.criteria = criteria
    }
}
