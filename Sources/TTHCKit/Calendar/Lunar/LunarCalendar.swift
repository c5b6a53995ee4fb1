/// A date in the Vietnamese lunar calendar (âm lịch).
///
/// `year` is the lunar year named by the Gregorian year in which its first day (Tết) falls;
/// `month` is 1…12; `isLeapMonth` marks the second of two months with the same number
/// (tháng nhuận), which follows the regular one. The initializer does not validate: ask
/// ``VietnameseLunarCalendar/civilDate(of:)`` whether the date exists.
///
/// `description` is `d/m/yyyy (âm lịch)`, e.g. `10/3/2026 (âm lịch)`, and for a leap month
/// `d/m nhuận/yyyy (âm lịch)`, e.g. `1/2 nhuận/2023 (âm lịch)`.
///
/// Dates order chronologically: by year, then month, then the regular month before its
/// leap month, then day.
public struct LunarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    public let isLeapMonth: Bool

    public init(year: Int, month: Int, day: Int, isLeapMonth: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeapMonth = isLeapMonth
    }

    public static func < (lhs: LunarDate, rhs: LunarDate) -> Bool {
        (lhs.year, lhs.month, lhs.isLeapMonth ? 1 : 0, lhs.day)
            < (rhs.year, rhs.month, rhs.isLeapMonth ? 1 : 0, rhs.day)
    }

    public var description: String {
        "\(day)/\(month)\(isLeapMonth ? " nhuận" : "")/\(year) (âm lịch)"
    }
}

/// The Vietnamese lunisolar calendar (lịch âm dương Việt Nam), computed astronomically for
/// the meridian of UTC+7, the rule in force in Vietnam since 1968.
///
/// Rules (see docs/lunar-calendar.md):
/// - a month begins on the civil day, at UTC+7, that contains the instant of a new moon;
/// - month 11 is the month that contains the day of the December solstice;
/// - when 13 months begin between two consecutive months 11, the first of them (after the
///   first month 11) that contains no major solar term (trung khí, the Sun's apparent
///   longitude reaching a multiple of 30°) is a leap month, numbered like the month before;
/// - month 1 (Tết) is the second month after month 11, or the third when month 11 or 12 is
///   doubled.
///
/// Foundation's calendars are not used: `.chinese` follows China's meridian (UTC+8), which
/// gives other dates in some years (Tết 1985, 2007, 2030), and `.vietnamese` returns
/// Gregorian values on Linux. The month starts of the whole range are computed from the
/// astronomy ahead of time into ``EmbeddedLunarTable`` (scripts/embed-tables.sh; a test
/// checks it against the computation over the whole range), so a process only decodes
/// them; each conversion after that is a binary search or an index.
public enum VietnameseLunarCalendar {
    /// The Gregorian years whose every day converts.
    public static let supportedYears: ClosedRange<Int> = 1900...2199

    /// The lunar years that are complete in the table: 1899 (which ends in January 1900)
    /// to 2199.
    public static let supportedLunarYears: ClosedRange<Int> = 1899...2199

    /// The UTC offset of the meridian the calendar is computed for.
    static let utcOffsetHours = 7.0

    static let table = LunarTable(embedded: EmbeddedLunarTable.self)

    /// The lunar date of a civil day. Precondition: the day lies in one of the
    /// ``supportedLunarYears``, from Tết 1899 (1899-02-10) to the eve of Tết 2200; every day
    /// of the ``supportedYears`` does.
    public static func lunarDate(of date: CivilDate) -> LunarDate {
        table.lunarDate(dayNumber: date.dayNumber)
    }

    /// The civil day of a lunar date, or `nil` when that date does not exist: a day outside
    /// 1…29/30 of that month, a month outside 1…12, a leap month the year does not have, or
    /// a year outside ``supportedLunarYears``.
    public static func civilDate(of lunar: LunarDate) -> CivilDate? {
        guard let index = table.monthIndex(year: lunar.year, month: lunar.month, isLeap: lunar.isLeapMonth),
              lunar.day >= 1, lunar.day <= table.length(ofMonthAt: index)
        else { return nil }
        return CivilDate(dayNumber: table.months[index].start + lunar.day - 1)
    }

    /// Tết Nguyên đán: 1/1 of the lunar year that begins in Gregorian `year`.
    /// Precondition: `year` is in ``supportedLunarYears``.
    public static func tet(_ year: Int) -> CivilDate {
        precondition(supportedLunarYears.contains(year), "lunar calendar: year \(year) outside \(supportedLunarYears)")
        return CivilDate(dayNumber: table.months[table.firstMonthIndex(ofYear: year)].start)
    }

    /// The number of the month that is doubled in lunar year `year` (the leap month follows
    /// the regular month of that number), or `nil` in a 12-month year.
    /// Precondition: `year` is in ``supportedLunarYears``.
    public static func leapMonth(ofLunarYear year: Int) -> Int? {
        precondition(supportedLunarYears.contains(year), "lunar calendar: year \(year) outside \(supportedLunarYears)")
        return table.leapMonths[year - table.firstYear]
    }

    /// The number of days (29 or 30) of a lunar month, or `nil` when the year has no such
    /// month or lies outside ``supportedLunarYears``.
    public static func monthLength(year: Int, month: Int, isLeapMonth: Bool) -> Int? {
        table.monthIndex(year: year, month: month, isLeap: isLeapMonth).map(table.length(ofMonthAt:))
    }
}

/// The month starts of a range of complete lunar years, computed from the astronomy or
/// decoded from ``EmbeddedLunarTable``.
struct LunarTable: Sendable, Equatable {
    struct Month: Sendable, Equatable {
        /// ``CivilDate/dayNumber`` of day 1.
        let start: Int
        let year: Int
        let number: Int
        let isLeap: Bool
    }

    /// Every month of the range, in order; month `i` ends the day before month `i + 1`
    /// starts, and the last one the day before ``end``.
    let months: [Month]
    /// The day number after the last day of the range.
    let end: Int
    let firstYear: Int
    /// Index into ``months`` of month 1 of each year, from ``firstYear``.
    let yearStarts: [Int]
    /// The doubled month of each year, from ``firstYear``.
    let leapMonths: [Int?]

    init(lunarYears: ClosedRange<Int>, utcOffsetHours: Double) {
        let first = lunarYears.lowerBound, last = lunarYears.upperBound
        let day = { (jde: Double) in Astronomy.civilDayNumber(jde, utcOffsetHours: utcOffsetHours) }

        // Major solar terms, from the December solstice of `first - 2` to past the one of
        // `last + 1`: longitude 270° + 30° i. Mean December solstice: Meeus ch. 27.
        let meanSolstice = { (year: Int) in 2_451_900.059_52 + 365.242_740 * Double(year - 2000) }
        var termDays: [Int] = []
        var solsticeDays: [Int: Int] = [:]
        var guess = meanSolstice(first - 2)
        let termCount = (last + 1 - (first - 2)) * 12 + 3
        for i in 0..<termCount {
            let longitude = Double((270 + 30 * i) % 360)
            let jde = Astronomy.solarLongitudeInstant(longitude, near: guess)
            termDays.append(day(jde))
            if i % 12 == 0 { solsticeDays[first - 2 + i / 12] = day(jde) }
            guess = jde + 30.436_875
        }

        // New moons from before the solstice of `first - 1` to after the one of `last + 1`.
        let kFirst = Astronomy.lunation(near: meanSolstice(first - 1)) - 2
        let kLast = Astronomy.lunation(near: meanSolstice(last + 1)) + 3
        let newMoonDays = (kFirst...kLast).map { day(Astronomy.newMoon(lunation: $0)) }

        /// Index of the month containing day `d`.
        func monthContaining(_ d: Int) -> Int {
            let i = newMoonDays.lastIndex(where: { $0 <= d })!
            precondition(i + 1 < newMoonDays.count, "lunar table: new moons do not cover day \(d)")
            return i
        }
        func hasMajorTerm(_ i: Int) -> Bool {
            termDays.contains { $0 >= newMoonDays[i] && $0 < newMoonDays[i + 1] }
        }

        var months: [Month] = []
        var end = 0
        var leapMonths = [Int?](repeating: nil, count: lunarYears.count)
        // Each pass runs from month 11 of `suiYear - 1` up to month 11 of `suiYear`.
        for suiYear in first...(last + 1) {
            let from = monthContaining(solsticeDays[suiYear - 1]!)
            let to = monthContaining(solsticeDays[suiYear]!)
            precondition(to - from == 12 || to - from == 13, "lunar table: \(to - from) months before \(suiYear)")
            let leapIndex = to - from == 13 ? (from + 1..<to).first { !hasMajorTerm($0) } : nil
            var number = 11
            for i in from..<to {
                let isLeap = i == leapIndex
                if i > from && !isLeap { number = number % 12 + 1 }
                let year = number >= 11 ? suiYear - 1 : suiYear
                if year > last {
                    end = newMoonDays[i]
                    break
                }
                guard year >= first else { continue }
                if isLeap { leapMonths[year - first] = number }
                months.append(Month(start: newMoonDays[i], year: year, number: number, isLeap: isLeap))
            }
        }
        self.months = months
        self.end = end
        self.firstYear = first
        self.leapMonths = leapMonths
        var yearStarts: [Int] = []
        for (index, month) in months.enumerated() where month.number == 1 && !month.isLeap {
            yearStarts.append(index)
        }
        self.yearStarts = yearStarts
    }

    /// The table ``EmbeddedLunarTable`` holds: each year's line gives its leap month and
    /// the length of each of its months, in order from month 1.
    init(embedded: EmbeddedLunarTable.Type) {
        var months: [Month] = []
        var leapMonths: [Int?] = []
        var yearStarts: [Int] = []
        var start = embedded.firstStart
        months.reserveCapacity(embedded.lastYear - embedded.firstYear + 1 + 13 * (embedded.lastYear - embedded.firstYear + 1) / 12)
        var year = embedded.firstYear
        for line in embedded.years.utf8.split(separator: UInt8(ascii: "\n")) {
            // "YYYY L MMMMMMMMMMMM[M]": L is the leap month in hex (0: none), M is 0 for a
            // month of 29 days, 1 for 30.
            let bytes = Array(line)
            precondition(bytes.count >= 19 && bytes[4] == 0x20 && bytes[6] == 0x20, "embedded lunar table: bad line for \(year)")
            let leapDigit = Int(bytes[5] >= 0x61 ? bytes[5] - 0x61 + 10 : bytes[5] - 0x30)
            let leap = leapDigit == 0 ? nil : leapDigit
            leapMonths.append(leap)
            yearStarts.append(months.count)
            var number = 1, isLeap = false
            for length in bytes[7...] {
                months.append(Month(start: start, year: year, number: number, isLeap: isLeap))
                start += length == 0x31 ? 30 : 29
                if number == leap && !isLeap { isLeap = true } else { isLeap = false; number += 1 }
            }
            year += 1
        }
        precondition(year == embedded.lastYear + 1, "embedded lunar table: years end at \(year - 1)")
        self.months = months
        self.end = start
        self.firstYear = embedded.firstYear
        self.leapMonths = leapMonths
        self.yearStarts = yearStarts
    }

    func firstMonthIndex(ofYear year: Int) -> Int { yearStarts[year - firstYear] }

    func length(ofMonthAt index: Int) -> Int {
        (index + 1 < months.count ? months[index + 1].start : end) - months[index].start
    }

    func monthIndex(year: Int, month: Int, isLeap: Bool) -> Int? {
        guard year >= firstYear, year - firstYear < yearStarts.count, (1...12).contains(month) else { return nil }
        let leap = leapMonths[year - firstYear]
        if isLeap && leap != month { return nil }
        var index = yearStarts[year - firstYear] + month - 1
        if let leap, month > leap || (month == leap && isLeap) { index += 1 }
        return index
    }

    func lunarDate(dayNumber: Int) -> LunarDate {
        precondition(dayNumber >= months[0].start && dayNumber < end,
                     "lunar calendar: \(CivilDate(dayNumber: dayNumber).iso) outside the lunar years \(firstYear)…\(firstYear + yearStarts.count - 1)")
        // Binary search for the last month starting on or before the day.
        var low = 0, high = months.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if months[middle].start <= dayNumber { low = middle } else { high = middle }
        }
        let month = months[low]
        return LunarDate(year: month.year, month: month.number, day: dayNumber - month.start + 1,
                         isLeapMonth: month.isLeap)
    }
}
