/// Edit distance between two strings over Unicode scalars, counting an
/// insertion, deletion, substitution or swap of two neighbouring characters as
/// one edit (optimal string alignment, the restricted Damerau–Levenshtein
/// distance: typed names often swap letters). Returns `limit + 1` as soon as
/// the distance must exceed `limit`.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0 ... b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1 ... a.count {
        current[0] = i
        var rowMin = current[0]
        for j in 1 ... b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = min(d, beforePrevious[j - 2] + 1)
            }
            current[j] = d
            rowMin = min(rowMin, d)
        }
        if rowMin > limit { return limit + 1 }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}

/// The candidate closest to `text` (case-insensitive edit distance, ties broken
/// by candidate order), if any is within half the length of `text` (at least 2).
public func closestMatch(to text: String, among candidates: [String]) -> String? {
    let target = Array(text.lowercased().unicodeScalars)
    let limit = max(2, target.count / 2)
    var best: (distance: Int, candidate: String)?
    for candidate in candidates {
        let bound = min(limit, (best?.distance ?? limit + 1) - 1)
        if bound < 0 { break }
        let d = editDistance(target, Array(candidate.lowercased().unicodeScalars), limit: bound)
        if d <= bound { best = (d, candidate) }
        if best?.distance == 0 { break }
    }
    return best?.candidate
}
