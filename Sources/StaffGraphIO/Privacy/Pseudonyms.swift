import StaffGraphCore

/// Stable pseudonyms for the people of a roster: "Person 01", "Person 02" …,
/// handed out in a seeded random order that owes nothing to the roster's row
/// order.
///
/// The ids are sorted (by their UTF-8 bytes, so the roster's row order does not
/// matter) and shuffled with the project's ``SeededRandom``; the person at
/// position `k` of the shuffle is "Person k+1", zero-padded to the number of
/// people. The same ids and the same key always give the same pseudonyms, on
/// every platform and Swift release.
///
/// The key is what keeps the pseudonyms from being undone: anyone who has it
/// and the roster's ids can recompute the mapping. Never print it.
///
/// ```swift
/// let p = Pseudonyms(ids: ["p01", "p02", "p03"], key: 7)
/// p.label(of: "p02")   // "Person 03", say
/// ```
public struct Pseudonyms: Sendable {
    /// Position in pseudonym order (0 = "Person 01") by id.
    private let rankByID: [String: Int]
    /// Distinct id lengths in characters, longest first (for ``redacting(_:)``).
    private let idLengths: [Int]
    /// Digits of every label's number.
    private let width: Int

    /// The word before every number.
    public static let prefix = "Person"

    /// Number of people with a pseudonym.
    public var count: Int { rankByID.count }

    /// Pseudonyms for `ids` (duplicates count once), shuffled with `key`.
    public init(ids: [String], key: UInt64) {
        var seen = Set<String>()
        var sorted = ids.filter { seen.insert($0).inserted }
        sorted.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var random = SeededRandom(seed: key)
        random.shuffle(&sorted)
        var ranks: [String: Int] = [:]
        ranks.reserveCapacity(sorted.count)
        for (k, id) in sorted.enumerated() { ranks[id] = k }
        rankByID = ranks
        idLengths = Set(sorted.map(\.count)).sorted(by: >)
        width = max(2, String(sorted.count).count)
    }

    /// The position of `id` in pseudonym order (0 for "Person 01"), if it has one.
    public func rank(of id: String) -> Int? { rankByID[id] }

    /// The pseudonym of `id`, if it has one.
    public func label(of id: String) -> String? { rankByID[id].map(label(rank:)) }

    /// The pseudonym at position `rank` (0 → "Person 01").
    public func label(rank: Int) -> String {
        let digits = String(rank + 1)
        return Self.prefix + " " + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `text` with every id that stands alone (not inside a longer word or
    /// number) replaced by its pseudonym, for messages made before the
    /// pseudonyms were applied ("2 ids not on the roster added (p98, p99)").
    /// - Complexity: O(c · l) for c characters and l distinct id lengths.
    public func redacting(_ text: String) -> String {
        guard !rankByID.isEmpty else { return text }
        let chars = Array(text)
        func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        var out = ""
        var i = 0
        scan: while i < chars.count {
            if i == 0 || !isWordCharacter(chars[i - 1]) {
                for length in idLengths where length > 0 && i + length <= chars.count {
                    if i + length < chars.count && isWordCharacter(chars[i + length]) { continue }
                    if let rank = rankByID[String(chars[i ..< i + length])] {
                        out += label(rank: rank)
                        i += length
                        continue scan
                    }
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }
}
