import Testing
@testable import TTHCKit

private func day(_ iso: String) -> CivilDate {
    try! CivilDate.parse(iso)
}

@Suite struct LunarCalendarTests {
    // MARK: Dates where the UTC+7 calendar and China's UTC+8 calendar differ

    @Test(arguments: [
        (1985, "1985-01-21"),  // China: 1985-02-20
        (2007, "2007-02-17"),  // China: 2007-02-18
        (2030, "2030-02-02"),  // China: 2030-02-03
        (2053, "2053-02-18"),  // China: 2053-02-19
    ])
    func tetWhereVietnamDiffersFromChina(year: Int, expected: String) {
        #expect(VietnameseLunarCalendar.tet(year) == day(expected))
        #expect(VietnameseLunarCalendar.lunarDate(of: day(expected)) == LunarDate(year: year, month: 1, day: 1))
    }

    @Test(arguments: [
        (2009, "2009-04-04"),  // China: 2009-04-05
        (2037, "2037-04-24"),
        (2038, "2038-04-13"),
        (2023, "2023-04-29"),
        (2024, "2024-04-18"),
        (2025, "2025-04-07"),
        (2026, "2026-04-26"),
    ])
    func hungKingsDay(year: Int, expected: String) {
        // Giỗ Tổ Hùng Vương, 10/3 lunar.
        let lunar = LunarDate(year: year, month: 3, day: 10)
        #expect(VietnameseLunarCalendar.civilDate(of: lunar) == day(expected))
        #expect(VietnameseLunarCalendar.lunarDate(of: day(expected)) == lunar)
    }

    @Test func theSameRulesAtUTCPlus8GiveChinasDates() {
        // The differences come from the meridian alone: the same computation for UTC+8
        // lands on the dates of China's calendar.
        let china = LunarTable(lunarYears: 1984...2054, utcOffsetHours: 8)
        func tet(_ year: Int) -> CivilDate { CivilDate(dayNumber: china.months[china.firstMonthIndex(ofYear: year)].start) }
        #expect(tet(1985) == day("1985-02-20"))
        #expect(tet(2007) == day("2007-02-18"))
        #expect(tet(2030) == day("2030-02-03"))
        #expect(tet(2053) == day("2053-02-19"))
        let hung2009 = china.months[china.monthIndex(year: 2009, month: 3, isLeap: false)!].start + 9
        #expect(CivilDate(dayNumber: hung2009) == day("2009-04-05"))
        // Years where the meridians agree.
        #expect(tet(2024) == VietnameseLunarCalendar.tet(2024))
        #expect(tet(2026) == VietnameseLunarCalendar.tet(2026))
    }

    // MARK: Well-known dates

    @Test(arguments: [
        (1968, "1968-01-29"),  // Tết Mậu Thân, first year of the UTC+7 calendar in the North
        (2000, "2000-02-05"),
        (2010, "2010-02-14"),
        (2015, "2015-02-19"),
        (2016, "2016-02-08"),
        (2019, "2019-02-05"),
        (2020, "2020-01-25"),
        (2021, "2021-02-12"),
        (2022, "2022-02-01"),
        (2023, "2023-01-22"),
        (2024, "2024-02-10"),
        (2025, "2025-01-29"),
        (2026, "2026-02-17"),
        (2027, "2027-02-06"),
        (2028, "2028-01-26"),
    ])
    func knownTet(year: Int, expected: String) {
        #expect(VietnameseLunarCalendar.tet(year) == day(expected))
    }

    @Test(arguments: [
        (2001, 4), (2004, 2), (2006, 7), (2009, 5), (2012, 4), (2014, 9), (2017, 6),
        (2020, 4), (2023, 2), (2025, 6), (2028, 5), (2031, 3), (2033, 11), (2036, 6),
    ])
    func knownLeapMonths(year: Int, month: Int) {
        #expect(VietnameseLunarCalendar.leapMonth(ofLunarYear: year) == month)
    }

    @Test(arguments: [2018, 2019, 2021, 2022, 2024, 2026, 2027, 2029, 2030])
    func yearsWithoutLeapMonth(year: Int) {
        #expect(VietnameseLunarCalendar.leapMonth(ofLunarYear: year) == nil)
    }

    @Test func leapMonthDatesOf2023() {
        // 2023 had two second months: 2/2 from 20 February, 2/2 nhuận from 22 March.
        #expect(VietnameseLunarCalendar.lunarDate(of: day("2023-02-20")) == LunarDate(year: 2023, month: 2, day: 1))
        #expect(VietnameseLunarCalendar.lunarDate(of: day("2023-03-21")) == LunarDate(year: 2023, month: 2, day: 30))
        #expect(VietnameseLunarCalendar.lunarDate(of: day("2023-03-22"))
                == LunarDate(year: 2023, month: 2, day: 1, isLeapMonth: true))
        #expect(VietnameseLunarCalendar.lunarDate(of: day("2023-04-20")) == LunarDate(year: 2023, month: 3, day: 1))
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2023, month: 2, day: 15, isLeapMonth: true))
                == day("2023-04-05"))
        #expect(VietnameseLunarCalendar.monthLength(year: 2023, month: 2, isLeapMonth: false) == 30)
        #expect(VietnameseLunarCalendar.monthLength(year: 2023, month: 2, isLeapMonth: true) == 29)
    }

    @Test func leapElevenOf2033FallsBeforeTet() {
        // 2033 doubles month 11, so Tết 2034 is the third month after month 11.
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2033, month: 11, day: 1)) == day("2033-11-22"))
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2033, month: 11, day: 1, isLeapMonth: true))
                == day("2033-12-22"))
        #expect(VietnameseLunarCalendar.lunarDate(of: day("2034-01-20")) == LunarDate(year: 2033, month: 12, day: 1))
        #expect(VietnameseLunarCalendar.tet(2034) == day("2034-02-19"))
    }

    @Test func lastMonthOfTheYearBeforeTet() {
        // Whether the eve of Tết is the 29th or the 30th of month 12 (tháng Chạp).
        #expect(VietnameseLunarCalendar.monthLength(year: 2023, month: 12, isLeapMonth: false) == 30)
        #expect(VietnameseLunarCalendar.monthLength(year: 2024, month: 12, isLeapMonth: false) == 29)
        #expect(VietnameseLunarCalendar.monthLength(year: 2025, month: 12, isLeapMonth: false) == 29)
        #expect(VietnameseLunarCalendar.lunarDate(of: day("2024-02-09")) == LunarDate(year: 2023, month: 12, day: 30))
        #expect(VietnameseLunarCalendar.lunarDate(of: day("2025-01-28")) == LunarDate(year: 2024, month: 12, day: 29))
    }

    @Test func dateBoundariesOfTheRange() {
        #expect(VietnameseLunarCalendar.lunarDate(of: day("1900-01-01")) == LunarDate(year: 1899, month: 12, day: 1))
        #expect(VietnameseLunarCalendar.tet(1900) == day("1900-01-31"))
        #expect(VietnameseLunarCalendar.lunarDate(of: day("2199-12-31")).year == 2199)
    }

    // MARK: Dates that do not exist

    @Test func nonexistentLunarDatesHaveNoCivilDate() {
        // Month 12 of 2024 has 29 days.
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2024, month: 12, day: 30)) == nil)
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2024, month: 12, day: 29)) == day("2025-01-28"))
        // 2024 has no leap month; 2023's is month 2, not 3.
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2024, month: 4, day: 1, isLeapMonth: true)) == nil)
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2023, month: 3, day: 1, isLeapMonth: true)) == nil)
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2024, month: 13, day: 1)) == nil)
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2024, month: 0, day: 1)) == nil)
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2024, month: 1, day: 0)) == nil)
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2024, month: 1, day: 31)) == nil)
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 1898, month: 12, day: 1)) == nil)
        #expect(VietnameseLunarCalendar.civilDate(of: LunarDate(year: 2200, month: 1, day: 1)) == nil)
        #expect(VietnameseLunarCalendar.monthLength(year: 2024, month: 6, isLeapMonth: true) == nil)
        #expect(VietnameseLunarCalendar.monthLength(year: 2200, month: 1, isLeapMonth: false) == nil)
    }

    // MARK: The value type

    @Test func descriptionAndOrder() {
        #expect(LunarDate(year: 2026, month: 3, day: 10).description == "10/3/2026 (âm lịch)")
        #expect(LunarDate(year: 2023, month: 2, day: 1, isLeapMonth: true).description == "1/2 nhuận/2023 (âm lịch)")
        let regular = LunarDate(year: 2023, month: 2, day: 30)
        let leap = LunarDate(year: 2023, month: 2, day: 1, isLeapMonth: true)
        let next = LunarDate(year: 2023, month: 3, day: 1)
        #expect(regular < leap)
        #expect(leap < next)
        #expect(LunarDate(year: 2022, month: 12, day: 30) < LunarDate(year: 2023, month: 1, day: 1))
        #expect(!(leap < regular))
    }

    // MARK: Invariants over the whole range

    @Test func everyMonthAndYearHasAPossibleLength() {
        var problems: [String] = []
        for year in VietnameseLunarCalendar.supportedLunarYears {
            let leap = VietnameseLunarCalendar.leapMonth(ofLunarYear: year)
            var yearLength = 0
            var monthCount = 0
            for month in 1...12 {
                for isLeap in [false, true] {
                    guard let length = VietnameseLunarCalendar.monthLength(year: year, month: month, isLeapMonth: isLeap)
                    else {
                        if !isLeap || leap == month { problems.append("\(year)/\(month)\(isLeap ? "L" : ""): missing") }
                        continue
                    }
                    if isLeap && leap != month { problems.append("\(year)/\(month)L: unexpected") }
                    if length != 29 && length != 30 { problems.append("\(year)/\(month): \(length) days") }
                    yearLength += length
                    monthCount += 1
                }
            }
            // 12 months: 353–355 days; 13 months: 383–385 days; 13 exactly when leap.
            let allowed = leap == nil ? 353...355 : 383...385
            if monthCount != (leap == nil ? 12 : 13) { problems.append("\(year): \(monthCount) months, leap \(String(describing: leap))") }
            if !allowed.contains(yearLength) { problems.append("\(year): \(yearLength) days") }
            // The year's days run from its Tết to the day before the next Tết.
            if year < VietnameseLunarCalendar.supportedLunarYears.upperBound,
               VietnameseLunarCalendar.tet(year).days(to: VietnameseLunarCalendar.tet(year + 1)) != yearLength {
                problems.append("\(year): months do not add up to the span between Tết")
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20))")
    }

    @Test func tetFallsBetween21JanuaryAnd20February() {
        var outside: [String] = []
        for year in VietnameseLunarCalendar.supportedLunarYears {
            let tet = VietnameseLunarCalendar.tet(year)
            let earliest = CivilDate(year: year, month: 1, day: 21)!
            let latest = CivilDate(year: year, month: 2, day: 20)!
            if tet < earliest || tet > latest { outside.append(tet.iso) }
            if VietnameseLunarCalendar.lunarDate(of: tet) != LunarDate(year: year, month: 1, day: 1) {
                outside.append("\(tet.iso) is not 1/1/\(year)")
            }
        }
        #expect(outside.isEmpty, "\(outside)")
    }

    @Test func leapMonthsAreSparseAndNeverFirstMonth() {
        // 7 leap years in every 19 (Metonic cycle): 111 leap years in 1899–2199; never two
        // in a row. Counted independently of the table's own bookkeeping above.
        let years = VietnameseLunarCalendar.supportedLunarYears
        let leapYears = years.filter { VietnameseLunarCalendar.leapMonth(ofLunarYear: $0) != nil }
        #expect(leapYears.count == 111)
        #expect(zip(leapYears, leapYears.dropFirst()).allSatisfy { $1 - $0 >= 2 })
        #expect(leapYears.allSatisfy { VietnameseLunarCalendar.leapMonth(ofLunarYear: $0)! >= 1 })
    }

    @Test func everyDayRoundTripsAndLunarDatesIncrease() {
        let first = CivilDate(year: VietnameseLunarCalendar.supportedYears.lowerBound, month: 1, day: 1)!
        let last = CivilDate(year: VietnameseLunarCalendar.supportedYears.upperBound, month: 12, day: 31)!
        var failures: [String] = []
        var previous: LunarDate?
        for number in first.dayNumber...last.dayNumber {
            let civil = CivilDate(dayNumber: number)
            let lunar = VietnameseLunarCalendar.lunarDate(of: civil)
            if VietnameseLunarCalendar.civilDate(of: lunar) != civil {
                failures.append("\(civil.iso) → \(lunar) → \(String(describing: VietnameseLunarCalendar.civilDate(of: lunar)))")
            }
            if let previous {
                if !(previous < lunar) { failures.append("\(civil.iso): \(lunar) not after \(previous)") }
                // Consecutive days: the next day of the month, or day 1 of the next month.
                let next = lunar.day == previous.day + 1 && lunar.month == previous.month
                    && lunar.isLeapMonth == previous.isLeapMonth && lunar.year == previous.year
                if !next && lunar.day != 1 { failures.append("\(civil.iso): \(previous) then \(lunar)") }
            }
            previous = lunar
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func monthElevenContainsTheDecemberSolstice() {
        // The day on which the Sun reaches 270° falls within month 11, every year.
        var problems: [String] = []
        for year in 1900...2198 {
            let solstice = VietnameseLunarCalendar.table.months.first {
                $0.year == year && $0.number == 11 && !$0.isLeap
            }!
            let index = VietnameseLunarCalendar.table.monthIndex(year: year, month: 11, isLeap: false)!
            #expect(VietnameseLunarCalendar.table.months[index] == solstice)
            let start = solstice.start
            let end = start + VietnameseLunarCalendar.table.length(ofMonthAt: index)
            let jde = Astronomy.solarLongitudeInstant(270, near: 2_451_900.059_52 + 365.242_740 * Double(year - 2000))
            let solsticeDay = Astronomy.civilDayNumber(jde, utcOffsetHours: 7)
            if !(start..<end).contains(solsticeDay) { problems.append("\(year)") }
        }
        #expect(problems.isEmpty, "\(problems)")
    }
}

@Suite struct LunarAstronomyTests {
    @Test func newMoonOfFebruary1977MatchesMeeusExample() {
        // Meeus, Astronomical Algorithms, example 49.a: k = −283, JDE 2443192.65118.
        #expect(abs(Astronomy.newMoon(lunation: -283) - 2_443_192.651_18) < 0.000_01)
    }

    @Test func apparentSolarLongitudeMatchesMeeusExample() {
        // Example 25.b: 1992 October 13.0 TD, apparent longitude 199°54′21.818″ (computed
        // there with the full nutation series; the four-term nutation here is within 0.5″).
        let lambda = Astronomy.apparentSolarLongitude(2_448_908.5)
        let expected = 199 + 54 / 60.0 + 21.818 / 3600
        #expect(abs(lambda - expected) * 3600 < 1.0)
    }

    @Test(arguments: [
        // New moons and solar terms from JPL DE421 (UT1), in Julian Days.
        (2_460_350.457_76, true),   // new moon 2024-02-09 22:59:10 UT (Tết 2024)
        (2_460_665.889_29, false),  // December solstice 2024-12-21 09:20:35 UT
        (2_439_679.208_38, true),   // new moon 1967-07-07 17:00:04 UT
    ])
    func instantsAgreeWithAHighPrecisionEphemerisWithinAMinute(jdUT: Double, isNewMoon: Bool) {
        let computedUT: Double
        if isNewMoon {
            let k = Astronomy.lunation(near: jdUT)
            computedUT = Astronomy.universalTime(Astronomy.newMoon(lunation: k))
        } else {
            computedUT = Astronomy.universalTime(Astronomy.solarLongitudeInstant(270, near: jdUT))
        }
        #expect(abs(computedUT - jdUT) * 86_400 < 60)
    }

    @Test func deltaTIsContinuousAndNearObservedValues() {
        #expect(abs(Astronomy.deltaT(decimalYear: 2000) - 63.83) < 0.5)
        #expect(abs(Astronomy.deltaT(decimalYear: 1950) - 29.07) < 0.5)
        #expect(abs(Astronomy.deltaT(decimalYear: 2020) - 69.4) < 0.1)
        #expect(abs(Astronomy.deltaT(decimalYear: 1900) - (-2.79)) < 0.5)
        // No jump larger than 1.5 s from one month to the next, 1800–2300.
        var y = 1800.0
        var jumps: [Double] = []
        while y < 2300 {
            if abs(Astronomy.deltaT(decimalYear: y + 1 / 12) - Astronomy.deltaT(decimalYear: y)) > 1.5 { jumps.append(y) }
            y += 1 / 12
        }
        #expect(jumps.isEmpty, "\(jumps)")
    }
}
