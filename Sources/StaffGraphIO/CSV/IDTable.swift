import StaffGraphCore

/// An open-addressing hash table from id bytes to dense indices, so that
/// millions of CSV fields can be matched without creating a `String` for each.
///
/// Ids are stored once in a byte arena; lookups hash the raw bytes (FNV-1a)
/// and compare bytes. Each slot is two words: the index (low 32 bits, +1 so
/// that 0 is empty) packed with the hash's top 32 bits, and the id itself
/// when it has at most 7 bytes (``shortKey(_:_:_:)``), so most mismatches are
/// rejected, and short ids matched, without touching the arena: one cache
/// miss per lookup. Iteration order is insertion order.
struct IDTable {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var keys: [UInt64] = []
    /// Two words per slot: tag and index, then the short key.
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * size)
        mask = size - 1
    }

    /// The key standing for a long id (8 bytes or more): compare the arena.
    private static let longKey = UInt64.max

    /// An id of at most 7 bytes as one word (its bytes, and its length in the
    /// top byte), equal for two ids exactly when they are equal; ``longKey``
    /// for longer ids.
    @inline(__always)
    static func shortKey(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        let length = end - start
        if length > 7 { return longKey }
        var key = UInt64(length) << 56
        var k = 0
        while k < length {
            key |= UInt64(p[start + k]) << (8 * UInt64(k))
            k += 1
        }
        return key
    }

    /// Number of ids.
    var count: Int { hashes.count }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 }

    @inline(__always)
    static func hash(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = start
        while i < end {
            h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3
            i += 1
        }
        // Final avalanche (murmur3 fmix64) so the low bits used for the slot
        // and the high bits used for the tag are both well mixed.
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }

    /// The index of the id `p[start..<end]`, or -1.
    @inline(__always)
    func find(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, hash: UInt64) -> Int32 {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let length = end - start
        let wanted = Self.tag(hash)
        let key = Self.shortKey(p, start, end)
        return slots.withUnsafeBufferPointer { slotBuffer -> Int32 in
            while true {
                let entry = slotBuffer[2 * slot]
                if entry == 0 { return -1 }
                if entry & 0xFFFF_FFFF_0000_0000 == wanted && slotBuffer[2 * slot + 1] == key {
                    let i = Int(entry & 0xFFFF_FFFF) - 1
                    if key != Self.longKey { return Int32(i) }
                    let s = starts[i]
                    if starts[i + 1] - s == length {
                        let equal = arena.withUnsafeBufferPointer { a -> Bool in
                            var k = 0
                            while k < length {
                                if a[s + k] != p[start + k] { return false }
                                k += 1
                            }
                            return true
                        }
                        if equal { return Int32(i) }
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Adds an id known to be absent and returns its index.
    @discardableResult
    mutating func insert(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, hash: UInt64) -> Int32 {
        let index = Int32(hashes.count)
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: p[start ..< end]))
        starts.append(arena.count)
        hashes.append(hash)
        keys.append(Self.shortKey(p, start, end))
        if hashes.count * 2 > mask + 1 { grow() } else { place(index) }
        return index
    }

    /// Adds a `String` id (if absent) and returns its index.
    @discardableResult
    mutating func insert(_ id: String) -> Int32 {
        var utf8 = Array(id.utf8)
        return utf8.withUnsafeMutableBufferPointer { mp in
            let p = UnsafeBufferPointer(mp)
            let h = Self.hash(p, 0, p.count)
            let found = find(p, 0, p.count, hash: h)
            return found >= 0 ? found : insert(p, 0, p.count, hash: h)
        }
    }

    /// Adds the ids of `other` that are absent here, in `other`'s order, and
    /// returns, for each index of `other`, the id's index here. Merging the
    /// tables of consecutive parts of a file in order gives the table of the
    /// whole file (order of first appearance). The ids of `other` are first
    /// looked up here on `threads` threads, then the missing ones added in
    /// order (the ids of `other` are distinct, so an id missing before the
    /// additions is still missing when its turn comes): the same result for
    /// any number of threads.
    mutating func merge(_ other: IDTable, threads: Int = 1) -> [Int32] {
        if count == 0 {
            self = other
            return (0 ..< Int32(other.count)).map { $0 }
        }
        var map: [Int32]
        do {
            let table = self
            let workers = other.count < 1 << 14 ? 1 : max(1, threads)
            let parts = parallelChunks(count: other.count, chunks: workers, threads: workers) { range -> [Int32] in
                other.arena.withUnsafeBufferPointer { a in
                    range.map { i in table.find(a, other.starts[i], other.starts[i + 1], hash: other.hashes[i]) }
                }
            }
            map = parts.flatMap { $0 }
        }
        other.arena.withUnsafeBufferPointer { a in
            for i in 0 ..< other.count where map[i] < 0 {
                map[i] = insert(a, other.starts[i], other.starts[i + 1], hash: other.hashes[i])
            }
        }
        return map
    }

    /// The id at `index`, as text.
    func string(at index: Int) -> String {
        String(decoding: arena[starts[index] ..< starts[index + 1]], as: UTF8.self)
    }

    private mutating func place(_ index: Int32) {
        let hash = hashes[Int(index)]
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
        slots[2 * slot] = Self.tag(hash) | UInt64(index + 1)
        slots[2 * slot + 1] = keys[Int(index)]
    }

    private mutating func grow() {
        let size = (mask + 1) * 2
        slots = [UInt64](repeating: 0, count: 2 * size)
        mask = size - 1
        for i in hashes.indices { place(Int32(i)) }
    }
}
