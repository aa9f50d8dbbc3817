/// Reads the submission times that survey tools write, to keep the latest of
/// several submissions by one person.
///
/// Understood (time optional, seconds optional, fractions ignored):
/// - `2024-09-23 08:14:03`, `2024-09-23T08:14:03Z`, `2024-09-23T08:14:03+02:00`
///   (Qualtrics `RecordedDate`/`EndDate`, ISO 8601; an offset is applied, no offset means local time);
/// - `2024/09/23 08:14`;
/// - `9/23/2024 8:14:03` (Google Forms `Timestamp`, US order) and `23/09/2024 08:14:03`
///   (day first), two-digit years as 20xx (Microsoft Forms), with `AM`/`PM`;
/// - `23.09.2024 08:14` (always day first).
///
/// The value is seconds since 0000-03-01 on the proleptic Gregorian calendar:
/// only the order matters.
enum SurveyTimestamp {
    /// Which of the first two numbers of a slashed date is the month.
    enum SlashOrder: Sendable {
        case monthFirst, dayFirst
    }

    /// The two numbers before the first and second slash of a `a/b/yyyy` date, if `text` is one.
    static func slashParts(_ text: String) -> (Int, Int)? {
        let s = Array(text.utf8)
        var i = 0
        skipSpaces(s, &i)
        guard let a = number(s, &i, maxDigits: 2), i < s.count, s[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        guard let b = number(s, &i, maxDigits: 2), i < s.count, s[i] == UInt8(ascii: "/") else { return nil }
        return (a, b)
    }

    /// Seconds for `text`, or `nil` if it is not a date and time in a known form.
    static func parse(_ text: String, slashOrder: SlashOrder) -> Int64? {
        let s = Array(text.utf8)
        var i = 0
        skipSpaces(s, &i)
        let start = i
        guard let first = number(s, &i, maxDigits: 4) else { return nil }
        var year = 0, month = 0, day = 0
        guard i < s.count else { return nil }
        let separator = s[i]
        let firstDigits = i - start
        if separator == UInt8(ascii: "-") || (separator == UInt8(ascii: "/") && firstDigits >= 4) {
            // yyyy-mm-dd or yyyy/mm/dd
            guard firstDigits >= 4 else { return nil }
            year = first
            i += 1
            guard let m = number(s, &i, maxDigits: 2), i < s.count, s[i] == separator else { return nil }
            i += 1
            guard let d = number(s, &i, maxDigits: 2) else { return nil }
            month = m; day = d
        } else if separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") {
            i += 1
            guard let second = number(s, &i, maxDigits: 2), i < s.count, s[i] == separator else { return nil }
            i += 1
            let yearStart = i
            guard let y = number(s, &i, maxDigits: 4) else { return nil }
            year = i - yearStart <= 2 ? 2000 + y : y
            if separator == UInt8(ascii: ".") || slashOrder == .dayFirst { day = first; month = second } else { month = first; day = second }
        } else {
            return nil
        }
        guard (1 ... 12).contains(month), (1 ... daysIn(month: month, year: year)).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, offsetMinutes = 0
        if i < s.count && (s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") || s[i] == UInt8(ascii: ",")) {
            if s[i] == UInt8(ascii: ",") { i += 1 }
            if i < s.count && s[i] == UInt8(ascii: "T") { i += 1 } else { skipSpaces(s, &i) }
            if i < s.count {
                guard let h = number(s, &i, maxDigits: 2), i < s.count, s[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let m = number(s, &i, maxDigits: 2) else { return nil }
                hour = h; minute = m
                if i < s.count && s[i] == UInt8(ascii: ":") {
                    i += 1
                    guard let sec = number(s, &i, maxDigits: 2) else { return nil }
                    second = sec
                    if i < s.count && (s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",")) {
                        i += 1
                        guard number(s, &i, maxDigits: 9) != nil else { return nil }
                    }
                }
                skipSpaces(s, &i)
                if i + 1 < s.count, let meridiem = meridiem(s[i], s[i + 1]) {
                    guard (1 ... 12).contains(hour) else { return nil }
                    hour = hour % 12 + (meridiem ? 12 : 0)
                    i += 2
                    if i < s.count && s[i] == UInt8(ascii: ".") { i += 1 }
                } else if i < s.count && (s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z")) {
                    i += 1
                } else if i < s.count && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
                    let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    let start = i
                    guard let hh = number(s, &i, maxDigits: 4) else { return nil }
                    var total = i - start > 2 ? (hh / 100) * 60 + hh % 100 : hh * 60
                    if i - start <= 2 && i < s.count && s[i] == UInt8(ascii: ":") {
                        i += 1
                        guard let mm = number(s, &i, maxDigits: 2) else { return nil }
                        total += mm
                    }
                    offsetMinutes = sign * total
                }
                guard hour < 24, minute < 60, second < 61 else { return nil }
            }
        }
        skipSpaces(s, &i)
        guard i == s.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
    }

    private static func meridiem(_ a: UInt8, _ b: UInt8) -> Bool? {
        guard b | 0x20 == UInt8(ascii: "m") else { return nil }
        switch a | 0x20 {
        case UInt8(ascii: "a"): return false
        case UInt8(ascii: "p"): return true
        default: return nil
        }
    }

    private static func skipSpaces(_ s: [UInt8], _ i: inout Int) {
        while i < s.count && (s[i] == 32 || s[i] == 9) { i += 1 }
    }

    private static func number(_ s: [UInt8], _ i: inout Int, maxDigits: Int) -> Int? {
        var value = 0, digits = 0
        while i < s.count, s[i] >= 48, s[i] <= 57, digits < maxDigits {
            value = value * 10 + Int(s[i] - 48)
            digits += 1
            i += 1
        }
        if digits == 0 || (i < s.count && s[i] >= 48 && s[i] <= 57) { return nil }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 0000-03-01 (Howard Hinnant's `days_from_civil`, shifted).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe
    }
}
