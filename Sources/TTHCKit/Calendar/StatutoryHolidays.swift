/// The public holidays the law fixes (ngày nghỉ lễ, tết), computed for a year that has no
/// official schedule on file. Every day this produces is marked provisional.
///
/// Legal basis, by era (the era is chosen by calendar year):
///
/// - **2021 onwards — Labour Code 2019 (Bộ luật Lao động số 45/2019/QH14), Art. 112(1)**:
///   Tết Dương lịch 1 day (1/1); Tết Âm lịch 5 days; Ngày Chiến thắng 1 day (30/4);
///   Ngày Quốc tế lao động 1 day (1/5); Quốc khánh 2 days (2/9 and one adjacent day, before
///   or after); Giỗ Tổ Hùng Vương 1 day (10/3 lunar). Art. 112(3): the Prime Minister
///   places the Tết days and the second National Day each year.
/// - **2013–2020 — Labour Code 2012 (số 10/2012/QH13), Art. 115(1)**: as above with a
///   single National Day (2/9). (The Code took effect on 1/5/2013; Tết 2013 fell before that
///   date and is computed with the same rule as the rest of the year — provisional anyway.)
/// - **2007–2012 — Labour Code 1994, Art. 73, as amended in 2007**: Tết Âm lịch 4 days
///   (the last day of the old lunar year and the first three of the new one), Hùng Kings'
///   day added; other days as under the 2012 Code.
/// - **Before 2007 — Labour Code 1994, Art. 73**: as 2007–2012 without Hùng Kings' day.
///   Years before 1995 (when the 1994 Code took effect) are computed with the same rules:
///   an extrapolation, kept only so that arithmetic over the whole lunar range is defined.
///   The pre-2013 eras were written from the Codes as generally cited and have not been
///   checked against the gazetted text.
///
/// Weekly rest days are Saturday and Sunday throughout (public sector, 40-hour week).
///
/// Compensatory days (nghỉ bù), Labour Code 2019 Art. 111(3) (2012 Code Art. 115(3), 1994
/// Code Art. 73): a holiday that falls on a weekly rest day gives a day off on the next
/// working day. Holidays are compensated in date order, each on the first weekday after it
/// that is neither a holiday nor already a compensatory day.
///
/// Defaults for what the Prime Minister decides (used only in provisional years):
///
/// - **Tết, 5 days (2013 onwards)**: the last two days of the old lunar year and the first
///   three days of the new year ("nghỉ 2 ngày trước Tết và 3 ngày sau Tết", the option the
///   ministry has proposed and the Prime Minister has chosen in most years), with
///   compensatory days for those on a weekend. For every year 2019–2026 this gives exactly
///   the weekdays off in the official schedule (a test checks it).
/// - **Second National Day (2021 onwards)**: 1/9, except 3/9 when 2/9 is a Monday,
///   Thursday or Sunday, so that the two days join a weekend where they can. This
///   reproduces every decision 2021–2026 (Thu→3/9, Fri→1/9, Sat→1/9, Mon→3/9, Tue→1/9,
///   Wed→1/9); Sunday has no precedent yet.
public enum StatutoryHolidays {
    /// The body of law that fixes a year's holidays.
    public enum Era: String, Sendable, CaseIterable {
        case labourCode1994 = "labour-code-1994"
        case labourCode1994Amended2007 = "labour-code-1994-2007"
        case labourCode2012 = "labour-code-2012"
        case labourCode2019 = "labour-code-2019"

        /// The article that lists the holidays, as a citation.
        public var holidayArticle: String {
            switch self {
            case .labourCode1994: "Bộ luật Lao động 1994, Điều 73"
            case .labourCode1994Amended2007: "Bộ luật Lao động 1994 (sửa đổi 2007), Điều 73"
            case .labourCode2012: "Bộ luật Lao động 2012, Điều 115 khoản 1"
            case .labourCode2019: "Bộ luật Lao động 2019, Điều 112 khoản 1"
            }
        }

        /// The provision that gives a compensatory day, as a citation.
        public var compensationArticle: String {
            switch self {
            case .labourCode1994: "Bộ luật Lao động 1994, Điều 73"
            case .labourCode1994Amended2007: "Bộ luật Lao động 1994 (sửa đổi 2007), Điều 73"
            case .labourCode2012: "Bộ luật Lao động 2012, Điều 115 khoản 3"
            case .labourCode2019: "Bộ luật Lao động 2019, Điều 111 khoản 3"
            }
        }

        var tetLength: Int { self == .labourCode2012 || self == .labourCode2019 ? 5 : 4 }
        var hasHungKingsDay: Bool { self != .labourCode1994 }
        var hasSecondNationalDay: Bool { self == .labourCode2019 }
    }

    public static func era(for year: Int) -> Era {
        switch year {
        case 2021...: .labourCode2019
        case 2013...2020: .labourCode2012
        case 2007...2012: .labourCode1994Amended2007
        default: .labourCode1994
        }
    }

    /// The statutory holidays of `year` with their legal names, before compensation:
    /// weekend days included, one entry per date, sorted. Lunar holidays are left out for a year outside
    /// ``VietnameseLunarCalendar/supportedYears``.
    public static func holidays(in year: Int) -> [(date: CivilDate, name: LocalizedText)] {
        let era = era(for: year)
        var out: [(CivilDate, LocalizedText)] = []
        func solar(_ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }
        out.append((solar(1, 1), Names.newYear))
        if VietnameseLunarCalendar.supportedYears.contains(year) {
            for d in tetDays(year) { out.append((d, Names.tet)) }
            if era.hasHungKingsDay, let d = hungKingsDay(year) { out.append((d, Names.hungKings)) }
        }
        out.append((solar(4, 30), Names.reunification))
        out.append((solar(5, 1), Names.labourDay))
        out.append((solar(9, 2), Names.nationalDay))
        if era.hasSecondNationalDay { out.append((secondNationalDay(year), Names.nationalDaySecond)) }
        // Two holidays on one date (Hùng Kings' day can reach 30/4 after a leap month)
        // give one day off, named after both: the Code grants no extra day for it.
        var merged: [(date: CivilDate, name: LocalizedText)] = []
        for (date, name) in out.sorted(by: { ($0.0, $0.1.en) < ($1.0, $1.1.en) }) {
            if let last = merged.last, last.date == date {
                merged[merged.count - 1].name = LocalizedText(vi: last.name.vi + "; " + name.vi,
                                                              en: last.name.en + "; " + name.en)
            } else {
                merged.append((date, name))
            }
        }
        return merged
    }

    /// The weekdays off and the compensatory days of `year`, computed from the rules, all
    /// marked provisional, sorted by date.
    public static func days(in year: Int) -> [SpecialDay] {
        let era = era(for: year)
        let holidays = holidays(in: year)
        var occupied = Set(holidays.map(\.date))
        var out: [SpecialDay] = []
        for h in holidays where !h.date.isWeekend {
            out.append(SpecialDay(date: h.date, kind: .holiday, name: h.name,
                                  source: source(for: h.name, era: era), provisional: true))
        }
        for h in holidays where h.date.isWeekend {
            var d = h.date.adding(days: 1)
            while d.isWeekend || occupied.contains(d) { d = d.adding(days: 1) }
            occupied.insert(d)
            out.append(SpecialDay(
                date: d, kind: .compensatory,
                name: LocalizedText(
                    vi: "Nghỉ bù \(h.name.vi) (trùng \(h.date.weekday.vietnameseName) \(h.date.vietnamese))",
                    en: "Compensatory day for \(h.name.en) (on \(h.date.weekday.englishName) \(h.date.iso))"),
                source: era.compensationArticle, provisional: true))
        }
        return out.sorted { $0.date < $1.date }
    }

    /// The day numbers of every day ``days(in:)`` gives for the years of
    /// ``VietnameseLunarCalendar/supportedYears`` other than `skipped`, ascending. They are
    /// read from ``EmbeddedStatutoryDays``, computed ahead of time from these rules
    /// (scripts/embed-tables.sh; a test checks it against ``days(in:)`` over the whole
    /// range), so that no process computes 300 years of holidays to know which days are off.
    static func embeddedDayNumbers(skipping skipped: Set<Int>) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(13 * VietnameseLunarCalendar.supportedYears.count)
        // "YYYY MMDD MMDD …", one line per year.
        var year = 0, value = 0, digits = 0, atLineStart = true, keep = false
        func endField() {
            guard digits > 0 else { return }
            precondition(digits == 4, "embedded statutory days: bad field after \(year)")
            if atLineStart {
                year = value
                keep = !skipped.contains(year)
                atLineStart = false
            } else if keep {
                out.append(Int32(CivilDate(year: year, month: value / 100, day: value % 100)!.dayNumber))
            }
            value = 0
            digits = 0
        }
        for byte in EmbeddedStatutoryDays.years.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                value = value * 10 + Int(byte - 0x30)
                digits += 1
            } else {
                endField()
                if byte == UInt8(ascii: "\n") { atLineStart = true }
            }
        }
        endField()
        precondition(year == EmbeddedStatutoryDays.lastYear, "embedded statutory days: years end at \(year)")
        return out
    }

    /// The Tết days of lunar year `year` (the year whose first day falls in Gregorian
    /// `year`), weekend days included: the last two days of the old year and the first
    /// three of the new (5 days), or the last day and the first three (4 days, before 2013).
    public static func tetDays(_ year: Int) -> [CivilDate] {
        let era = era(for: year)
        let newYear = VietnameseLunarCalendar.tet(year)
        let before = era.tetLength == 5 ? 2 : 1
        return (0..<era.tetLength).map { newYear.adding(days: $0 - before) }
    }

    /// Giỗ Tổ Hùng Vương: the 10th day of the (non-leap) 3rd lunar month.
    public static func hungKingsDay(_ year: Int) -> CivilDate? {
        VietnameseLunarCalendar.civilDate(of: LunarDate(year: year, month: 3, day: 10))
    }

    /// The default second National Day (from 2021): 1/9, or 3/9 when 2/9 is a Monday,
    /// Thursday or Sunday.
    public static func secondNationalDay(_ year: Int) -> CivilDate {
        let nationalDay = CivilDate(year: year, month: 9, day: 2)!
        switch nationalDay.weekday {
        case .monday, .thursday, .sunday: return nationalDay.adding(days: 1)
        default: return nationalDay.adding(days: -1)
        }
    }

    private static func source(for name: LocalizedText, era: Era) -> String {
        if name == Names.tet || name == Names.nationalDaySecond {
            return era.holidayArticle + "; ngày cụ thể theo mặc định của chương trình, chờ Thủ tướng quyết định"
        }
        return era.holidayArticle
    }

    /// The holidays' names, in one place.
    public enum Names {
        public static let newYear = LocalizedText(vi: "Tết Dương lịch", en: "New Year's Day")
        public static let tet = LocalizedText(vi: "Tết Nguyên đán", en: "Lunar New Year (Tết)")
        public static let hungKings = LocalizedText(
            vi: "Giỗ Tổ Hùng Vương (10/3 âm lịch)", en: "Hùng Kings' Commemoration (10/3 lunar)")
        public static let reunification = LocalizedText(
            vi: "Ngày Chiến thắng (30/4)", en: "Reunification Day (30 April)")
        public static let labourDay = LocalizedText(
            vi: "Ngày Quốc tế Lao động (1/5)", en: "International Workers' Day (1 May)")
        public static let nationalDay = LocalizedText(vi: "Quốc khánh (2/9)", en: "National Day (2 September)")
        public static let nationalDaySecond = LocalizedText(
            vi: "Quốc khánh (ngày liền kề 2/9)", en: "National Day (day adjacent to 2 September)")
    }
}
