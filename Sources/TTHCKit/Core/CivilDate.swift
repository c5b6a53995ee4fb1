/// A civil (calendar) date in Vietnam: a year, a month and a day, with no time and no zone.
///
/// The domain never uses `Foundation.Date`: deadlines, publication dates and holidays are
/// all whole days in Asia/Ho_Chi_Minh. Arithmetic goes through ``dayNumber``, the number of
/// days since 1970-01-01 in the proleptic Gregorian calendar (negative before it).
public struct CivilDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or `nil` when the triple does not name a real day (31/02, 29/02/2023…).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        // Days-from-civil inverse over 400-year eras (proleptic Gregorian), after the
        // derivation in H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601 weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let r = ((dayNumber % 7) + 7) % 7
        return Weekday(rawValue: (r + 3) % 7 + 1)!
    }

    public var isWeekend: Bool { Self.isWeekend(dayNumber: dayNumber) }

    /// Whether day `dayNumber` (see ``dayNumber``) is a Saturday or a Sunday, without
    /// computing its year, month and day.
    public static func isWeekend(dayNumber: Int) -> Bool {
        // 1970-01-01 was a Thursday: remainder 2 is a Saturday, 3 a Sunday.
        let r = ((dayNumber % 7) + 7) % 7
        return r == 2 || r == 3
    }

    public func adding(days n: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + n) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.dayNumber - dayNumber }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `yyyy-mm-dd`.
    public var iso: String {
        // Written into the string's own ten bytes: joining padded parts made four strings
        // for every date a report writes or a scorecard groups by month.
        guard (0...9999).contains(year) else { return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
        let (y, m, d) = (year, month, day)
        return String(unsafeUninitializedCapacity: 10) { b in
            b[0] = 0x30 &+ UInt8(y / 1000)
            b[1] = 0x30 &+ UInt8(y / 100 % 10)
            b[2] = 0x30 &+ UInt8(y / 10 % 10)
            b[3] = 0x30 &+ UInt8(y % 10)
            b[4] = 0x2D
            b[5] = 0x30 &+ UInt8(m / 10)
            b[6] = 0x30 &+ UInt8(m % 10)
            b[7] = 0x2D
            b[8] = 0x30 &+ UInt8(d / 10)
            b[9] = 0x30 &+ UInt8(d % 10)
            return 10
        }
    }

    /// `dd/mm/yyyy`, the Vietnamese administrative form.
    public var vietnamese: String {
        pad(day, 2) + "/" + pad(month, 2) + "/" + pad(year, 4)
    }

    /// Parses `dd/mm/yyyy`, `d/m/yyyy` (also with `-` or `.` between the parts) and ISO
    /// `yyyy-mm-dd`. Surrounding whitespace is ignored. Throws ``DateParseError`` saying
    /// whether the text was malformed or named an impossible day.
    public static func parse(_ text: some StringProtocol) throws(DateParseError) -> CivilDate {
        var s = text.trimmingWhitespace()
        // Read in place: the bytes copied into an array and split into arrays of slices
        // were most of the cost of the dates in every catalogue row.
        guard let (y, m, d) = s.withUTF8({ fields($0) }) else {
            throw DateParseError(text: s, reason: .malformed)
        }
        guard let date = CivilDate(year: y, month: m, day: d) else {
            throw DateParseError(text: s, reason: .impossible)
        }
        return date
    }

    /// Year, month and day as written (not yet checked to name a real day), or nil when
    /// `bytes` is in neither accepted form.
    private static func fields(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        func number(_ range: Range<Int>) -> Int? {
            guard !range.isEmpty, range.count <= 4 else { return nil }
            var v = 0
            for i in range {
                let b = bytes[i]
                guard b >= 0x30, b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        let n = bytes.count
        // ISO: exactly yyyy-mm-dd
        if n == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) {
            return (y, m, d)
        }
        // Vietnamese: d/m/yyyy with one separator kind; the first kind that cuts the text
        // in three parts decides.
        for sep in [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")] {
            var first = -1, second = -1, count = 0
            for i in 0..<n where bytes[i] == sep {
                count += 1
                if count == 1 { first = i } else if count == 2 { second = i }
            }
            guard count == 2 else { continue }
            guard (1...2).contains(first), (1...2).contains(second - first - 1), n - second - 1 == 4,
                  let d = number(0..<first), let m = number(first + 1..<second), let y = number(second + 1..<n)
            else { return nil }
            return (y, m, d)
        }
        return nil
    }
}

extension CivilDate: CustomStringConvertible {
    public var description: String { iso }
}

extension CivilDate: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        do { self = try CivilDate.parse(s) } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.message.en)
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// ISO 8601 weekday numbers.
public enum Weekday: Int, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// "Thứ Hai" … "Chủ nhật".
    public var vietnameseName: String {
        switch self {
        case .monday: "Thứ Hai"
        case .tuesday: "Thứ Ba"
        case .wednesday: "Thứ Tư"
        case .thursday: "Thứ Năm"
        case .friday: "Thứ Sáu"
        case .saturday: "Thứ Bảy"
        case .sunday: "Chủ nhật"
        }
    }

    public var englishName: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }

    /// The name in both languages, a domain label like ``ChangeType/label``.
    public var label: LocalizedText {
        LocalizedText(vi: vietnameseName, en: englishName)
    }
}

/// Why a text is not a date.
public struct DateParseError: Error, Equatable, Sendable {
    public enum Reason: Sendable, Equatable { case malformed, impossible }
    public let text: String
    public let reason: Reason

    public var message: LocalizedText {
        switch reason {
        case .malformed:
            LocalizedText(
                vi: "ngày không hợp lệ \"\(text)\": cần dạng dd/mm/yyyy hoặc yyyy-mm-dd",
                en: "invalid date \"\(text)\": expected dd/mm/yyyy or yyyy-mm-dd")
        case .impossible:
            LocalizedText(
                vi: "ngày không tồn tại \"\(text)\"",
                en: "no such date \"\(text)\"")
        }
    }
}

@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension StringProtocol {
    /// The text without leading and trailing Unicode whitespace (including NBSP).
    func trimmingWhitespace() -> String {
        // Fast path: text that starts and ends with a visible ASCII character has nothing to trim.
        let whole = String(self)
        if let first = whole.utf8.first, let last = whole.utf8.last,
           (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return whole
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
