private let exactPowersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

/// Parses a decimal number from bytes, correctly rounded.
///
/// Plain decimals with at most 15 significant digits and no exponent are
/// computed as `mantissa / 10^k`, which is exact-then-rounded-once and hence
/// correctly rounded (Clinger's fast path); anything else goes to the
/// standard library's parser. Returns `nil` for text that is not a number.
@inline(__always)
func parseDecimal(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    var i = start
    var negative = false
    if i < end && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
        negative = p[i] == UInt8(ascii: "-")
        i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    var sawDot = false
    var fast = i < end
    while i < end {
        let c = p[i]
        if c >= 48 && c <= 57 {
            if mantissa == 0 && c == 48 && !sawDot { i += 1; digits += 0; continue }
            mantissa = mantissa &* 10 &+ UInt64(c - 48)
            digits += 1
            if sawDot { fraction += 1 }
            if digits > 15 { fast = false; break }
        } else if c == UInt8(ascii: ".") && !sawDot {
            sawDot = true
        } else {
            fast = false
            break
        }
        i += 1
    }
    if fast && fraction <= 22 && !(sawDot && end - start == 1 + (negative ? 1 : 0)) {
        if end - start == (negative ? 1 : 0) + (sawDot ? 1 : 0) { return nil }
        let value = Double(mantissa) / exactPowersOfTen[fraction]
        return negative ? -value : value
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: p[start ..< end]), as: UTF8.self)
    guard !text.isEmpty, let value = Double(text) else { return nil }
    // Double("") and hex/inf/nan spellings: accept only what a person would call a number.
    if text.lowercased().contains("x") { return nil }
    return value
}
