import Foundation
import Testing
@testable import TTHCKit

private func day(_ s: String) -> CivilDate { try! CivilDate.parse(s) }

/// What the reference table (shared/reference/vn-holidays.md) says for one year: the
/// ranges that were off (weekends included) and the Saturdays worked.
struct ReferenceYear: Sendable, CustomTestStringConvertible {
    var year: Int
    var off: [(String, String)]
    var makeUp: [String]
    var testDescription: String { String(year) }

    /// The weekdays inside the off ranges: exactly the weekdays the calendar must not work.
    var weekdaysOff: Set<CivilDate> {
        var out = Set<CivilDate>()
        for (a, b) in off {
            var d = day(a)
            while d <= day(b) {
                if !d.isWeekend { out.insert(d) }
                d = d.adding(days: 1)
            }
        }
        return out
    }

    static let all: [ReferenceYear] = [
        ReferenceYear(year: 2019, off: [("2018-12-29", "2019-01-01"), ("2019-02-02", "2019-02-10"),
                                        ("2019-04-14", "2019-04-15"), ("2019-04-27", "2019-05-01"),
                                        ("2019-08-31", "2019-09-02")],
                      makeUp: ["2019-01-05", "2019-05-04"]),
        ReferenceYear(year: 2020, off: [("2020-01-01", "2020-01-01"), ("2020-01-23", "2020-01-29"),
                                        ("2020-04-02", "2020-04-02"), ("2020-04-30", "2020-05-03"),
                                        ("2020-09-02", "2020-09-02")], makeUp: []),
        ReferenceYear(year: 2021, off: [("2021-01-01", "2021-01-03"), ("2021-02-10", "2021-02-16"),
                                        ("2021-04-21", "2021-04-21"), ("2021-04-30", "2021-05-03"),
                                        ("2021-09-02", "2021-09-05")], makeUp: []),
        ReferenceYear(year: 2022, off: [("2022-01-01", "2022-01-03"), ("2022-01-29", "2022-02-06"),
                                        ("2022-04-10", "2022-04-11"), ("2022-04-30", "2022-05-03"),
                                        ("2022-09-01", "2022-09-04")], makeUp: []),
        ReferenceYear(year: 2023, off: [("2022-12-31", "2023-01-02"), ("2023-01-20", "2023-01-26"),
                                        ("2023-04-29", "2023-05-03"), ("2023-09-01", "2023-09-04")],
                      makeUp: []),
        ReferenceYear(year: 2024, off: [("2023-12-30", "2024-01-01"), ("2024-02-08", "2024-02-14"),
                                        ("2024-04-18", "2024-04-18"), ("2024-04-27", "2024-05-01"),
                                        ("2024-08-31", "2024-09-03")], makeUp: ["2024-05-04"]),
        ReferenceYear(year: 2025, off: [("2025-01-01", "2025-01-01"), ("2025-01-25", "2025-02-02"),
                                        ("2025-04-07", "2025-04-07"), ("2025-04-30", "2025-05-04"),
                                        ("2025-08-30", "2025-09-02")], makeUp: ["2025-04-26"]),
        ReferenceYear(year: 2026, off: [("2026-01-01", "2026-01-04"), ("2026-02-14", "2026-02-22"),
                                        ("2026-04-26", "2026-04-27"), ("2026-04-30", "2026-05-03"),
                                        ("2026-08-29", "2026-09-02")], makeUp: ["2026-01-10", "2026-08-22"]),
    ]
}

@Suite struct OfficialScheduleTests {
    let calendar = WorkingCalendar.standard()

    @Test(arguments: ReferenceYear.all)
    func referenceTableIsReproduced(reference: ReferenceYear) {
        for (a, b) in reference.off {
            var d = day(a)
            while d <= day(b) {
                #expect(!calendar.isWorkingDay(d), "\(d.iso) should be off")
                d = d.adding(days: 1)
            }
        }
        for m in reference.makeUp {
            #expect(calendar.isWorkingDay(day(m)))
            #expect(day(m).weekday == .saturday)
        }
        let special = calendar.specialDays(in: reference.year)
        #expect(Set(special.filter { !$0.isWorking }.map(\.date)) == reference.weekdaysOff)
        #expect(Set(special.filter { $0.isWorking }.map(\.date)) == Set(reference.makeUp.map(day)))
        #expect(special.allSatisfy { !$0.provisional && !$0.source.isEmpty })
        #expect(!calendar.isProvisional(year: reference.year))
    }

    @Test func yearsOnFileAreExactly2019To2026() {
        #expect((1900...2199).filter { !calendar.isProvisional(year: $0) } == Array(2019...2026))
        #expect(calendar.provisionalYears(between: day("2030-01-05"), and: day("2018-06-01")) == [2018, 2027, 2028, 2029, 2030])
        #expect(calendar.provisionalYears(between: day("2020-01-05"), and: day("2026-12-31")) == [])
    }

    @Test func kindsAndSourcesOfNotableDays() throws {
        let swapped = try #require(calendar.specialDay(on: day("2026-08-31")))
        #expect(swapped.kind == .swapped)
        #expect(swapped.source == "Thông báo 9441/TB-BNV của Bộ Nội vụ về nghỉ Tết Âm lịch và Quốc khánh 2026")
        let newYear = try #require(calendar.specialDay(on: day("2026-01-02")))
        #expect(newYear.kind == .swapped)
        #expect(newYear.source.hasPrefix("Công văn 12729/VPCP-KGVX ngày 25/12/2025"))
        // 31/12/2018 was decided with New Year 2019 and is listed under both years.
        #expect(calendar.specialDays(in: 2018).map(\.date).contains(day("2018-12-31")))
        #expect(calendar.specialDays(in: 2019).first?.date == day("2018-12-31"))
        #expect(calendar.specialDay(on: day("2018-12-31"))?.provisional == false)
    }

    /// 24/11/2026 (Ngày Văn hóa Việt Nam) is not a day off until a document says so.
    @Test func vietnameseCultureDay2026IsAWorkingDay() {
        #expect(calendar.isWorkingDay(day("2026-11-24")))
        #expect(calendar.specialDay(on: day("2026-11-24")) == nil)
    }
}

@Suite struct CompensatoryAndCountingTests {
    let calendar = WorkingCalendar.standard()

    @Test func hungKings2026OnSundayGivesMonday() throws {
        #expect(day("2026-04-26").weekday == .sunday)
        let monday = try #require(calendar.specialDay(on: day("2026-04-27")))
        #expect(monday.kind == .compensatory)
        #expect(monday.name.vi == "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) (trùng Chủ nhật 26/04/2026)")
        #expect(calendar.adding(workingDays: 1, to: day("2026-04-24")) == day("2026-04-28"))
    }

    @Test(arguments: [
        // Friday before Tết 2026: the nine-day break is skipped.
        ("2026-02-13", 1, "2026-02-23"), ("2026-02-13", 3, "2026-02-25"),
        // Trigger on a Saturday: counting starts on Monday.
        ("2026-03-07", 1, "2026-03-09"), ("2026-03-07", 3, "2026-03-11"),
        // The day before a make-up Saturday: the Saturday counts.
        ("2026-01-09", 1, "2026-01-10"), ("2026-01-09", 2, "2026-01-12"),
        ("2026-08-21", 1, "2026-08-22"),
        // Before a swapped Monday.
        ("2026-08-28", 1, "2026-09-03"), ("2024-04-26", 1, "2024-05-02"), ("2024-04-26", 2, "2024-05-03"),
        ("2024-04-26", 3, "2024-05-04"),
        // Zero: the day itself when working, else the next working day.
        ("2026-03-11", 0, "2026-03-11"), ("2026-03-07", 0, "2026-03-09"), ("2026-02-16", 0, "2026-02-23"),
        // Negative: working days before.
        ("2026-02-23", -1, "2026-02-13"), ("2026-01-12", -1, "2026-01-10"), ("2026-01-12", -2, "2026-01-09"),
    ])
    func civilCodeCounting(trigger: String, n: Int, expected: String) {
        #expect(calendar.adding(workingDays: n, to: day(trigger)) == day(expected))
    }

    @Test func countingIsSignedAndHalfOpen() {
        #expect(calendar.workingDays(from: day("2026-02-13"), to: day("2026-02-25")) == 3)
        #expect(calendar.workingDays(from: day("2026-02-25"), to: day("2026-02-13")) == -3)
        #expect(calendar.workingDays(from: day("2026-02-13"), to: day("2026-02-13")) == 0)
        #expect(calendar.workingDays(from: day("2025-12-31"), to: day("2026-12-31")) == 250)
        #expect(calendar.nextWorkingDay(after: day("2026-02-13")) == day("2026-02-23"))
        #expect(calendar.previousWorkingDay(before: day("2026-02-23")) == day("2026-02-13"))
    }

    @Test func explanationWalksEveryDay() {
        let steps = calendar.explainAdding(workingDays: 2, to: day("2026-04-24"))
        #expect(steps.map(\.date.iso) == ["2026-04-24", "2026-04-25", "2026-04-26", "2026-04-27", "2026-04-28", "2026-04-29"])
        #expect(steps.map(\.role) == [.trigger, .skipped, .skipped, .skipped, .counted, .counted])
        #expect(steps.map(\.count) == [nil, nil, nil, nil, 1, 2])
        #expect(steps[0].reason.vi == "ngày xảy ra sự kiện: không tính (Điều 147 Bộ luật Dân sự 2015)")
        #expect(steps[1].reason.en == "Saturday: weekly rest day")
        #expect(steps[3].reason.vi == "Thứ Hai: nghỉ bù — Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) (trùng Chủ nhật 26/04/2026)")
        #expect(steps[4].reason.en == "Tuesday: working day")
        #expect(steps.allSatisfy { !$0.provisional })

        let zero = calendar.explainAdding(workingDays: 0, to: day("2026-03-07"))
        #expect(zero.map(\.role) == [.trigger, .skipped, .rolledForward])
        #expect(zero.last?.date == day("2026-03-09"))

        let provisional = calendar.explainAdding(workingDays: 1, to: day("2027-01-01"))
        #expect(provisional.allSatisfy { $0.provisional })
        #expect(provisional.last?.date == day("2027-01-04"))
    }

    @Test func makeUpSaturdayIsCountedWithItsReason() {
        let steps = calendar.explainAdding(workingDays: 1, to: day("2026-01-09"))
        #expect(steps.count == 2)
        #expect(steps[1].role == .counted)
        #expect(steps[1].reason.vi == "Thứ Bảy: làm bù — Làm bù cho ngày nghỉ hoán đổi Thứ Sáu 02/01/2026 (dịp Tết Dương lịch 2026)")
    }
}

/// Invariants over the whole supported range.
@Suite struct CalendarPropertyTests {
    let calendar = WorkingCalendar.standard()
    let first = CivilDate(year: 1900, month: 1, day: 1)!
    let last = CivilDate(year: 2199, month: 12, day: 31)!

    @Test func nextWorkingDayIsTheFirstWorkingDayAfterEveryDay() {
        // Walk backwards: `next` is the nearest working day strictly after `d`.
        var failures: [String] = []
        var next: CivilDate? = nil
        var d = last
        while d >= first {
            if let next, calendar.adding(workingDays: 1, to: d) != next { failures.append(d.iso) }
            if calendar.isWorkingDay(d) { next = d }
            d = d.adding(days: -1)
        }
        #expect(Array(failures.prefix(5)) == [])
    }

    @Test func countMatchesIterationOverTheWholeRange() {
        var failures: [String] = []
        var running = 0
        var d = first
        while d <= last {
            if calendar.isWorkingDay(d) && d != first { running += 1 }
            if calendar.workingDays(from: first, to: d) != running { failures.append(d.iso) }
            if calendar.workingDays(from: d, to: first) != -running { failures.append("-" + d.iso) }
            d = d.adding(days: 1)
        }
        #expect(Array(failures.prefix(5)) == [])
        #expect(running > 70_000)
    }

    @Test func weekendsWorkOnlyAsMakeUpDaysAndWeekdaysRestOnlyAsSpecialDays() {
        var failures: [String] = []
        var d = first
        while d <= last {
            let special = calendar.specialDay(on: d)
            if calendar.isWorkingDay(d) {
                if d.isWeekend && special?.kind != .makeUpWorkingDay { failures.append(d.iso) }
            } else if !d.isWeekend && (special == nil || special!.isWorking) {
                failures.append(d.iso)
            }
            d = d.adding(days: 1)
        }
        #expect(Array(failures.prefix(5)) == [])
    }

    @Test(arguments: [1950, 2010, 2020, 2100])
    func addingThenCountingGivesBackN(decadeStart: Int) {
        var failures: [String] = []
        var a = CivilDate(year: decadeStart, month: 1, day: 1)!
        let end = CivilDate(year: decadeStart + 9, month: 12, day: 31)!
        while a <= end {
            for n in 1...40 {
                let b = calendar.adding(workingDays: n, to: a)
                if calendar.workingDays(from: a, to: b) != n || !calendar.isWorkingDay(b) {
                    failures.append("\(a.iso)+\(n)")
                }
                let back = calendar.adding(workingDays: -n, to: b)
                // Going back n from the n-th working day after a lands on the last working day ≤ a.
                if calendar.workingDays(from: back, to: a) != 0 || !calendar.isWorkingDay(back) || back > a {
                    failures.append("\(b.iso)-\(n)")
                }
            }
            let zero = calendar.adding(workingDays: 0, to: a)
            if calendar.workingDays(from: a, to: zero) != (calendar.isWorkingDay(a) ? 0 : 1) { failures.append("\(a.iso)+0") }
            a = a.adding(days: 1)
        }
        #expect(Array(failures.prefix(5)) == [])
    }

    @Test func explanationAgreesWithAdding() {
        var failures: [String] = []
        var a = CivilDate(year: 2018, month: 12, day: 1)!
        while a <= CivilDate(year: 2027, month: 3, day: 1)! {
            for n in [-3, -1, 0, 1, 3, 10] {
                let steps = calendar.explainAdding(workingDays: n, to: a)
                let counted = steps.filter { $0.role == .counted }.count
                if steps.last?.date != calendar.adding(workingDays: n, to: a) || counted != abs(n)
                    || steps.dropFirst().contains(where: { ($0.role == .skipped) == calendar.isWorkingDay($0.date) }) {
                    failures.append("\(a.iso)+\(n)")
                }
            }
            a = a.adding(days: 1)
        }
        #expect(Array(failures.prefix(5)) == [])
    }

    @Test func everyProvisionalYearGivesOneWeekdayOffPerStatutoryHoliday() {
        var failures: [Int] = []
        for year in 1901...2198 where calendar.isProvisional(year: year) {
            let holidays = StatutoryHolidays.holidays(in: year)
            let off = calendar.specialDays(in: year).filter { !$0.isWorking && $0.scheduleYear == year }
            if off.count != holidays.count || off.contains(where: { $0.date.isWeekend }) || !off.allSatisfy({ $0.provisional }) {
                failures.append(year)
            }
        }
        #expect(Array(failures.prefix(5)) == [])
    }
}

@Suite struct StatutoryHolidayTests {
    /// The default placement reproduces every official year's statutory days off.
    @Test(arguments: 2019...2026)
    func rulesReproduceTheOfficialDaysExceptSwaps(year: Int) {
        let official = WorkingCalendar.standard().specialDays(in: year)
            .filter { ($0.kind == .holiday || $0.kind == .compensatory) && $0.date.year == year }
        #expect(Set(StatutoryHolidays.days(in: year).map(\.date)) == Set(official.map(\.date)))
    }

    @Test func eras() {
        #expect(StatutoryHolidays.holidays(in: 2026).count == 11 + 4 - 4) // 1/1, Tết×5, Hùng, 30/4, 1/5, 2/9×2
        #expect(StatutoryHolidays.holidays(in: 2020).count == 10)
        #expect(StatutoryHolidays.holidays(in: 2010).count == 9)
        #expect(StatutoryHolidays.holidays(in: 2000).count == 8)
        #expect(StatutoryHolidays.era(for: 2021) == .labourCode2019)
        #expect(StatutoryHolidays.era(for: 2013) == .labourCode2012)
        #expect(StatutoryHolidays.era(for: 2007) == .labourCode1994Amended2007)
        #expect(StatutoryHolidays.era(for: 2006) == .labourCode1994)
    }

    @Test(arguments: [(2021, "2021-09-03"), (2022, "2022-09-01"), (2023, "2023-09-01"), (2024, "2024-09-03"),
                      (2025, "2025-09-01"), (2026, "2026-09-01"), (2030, "2030-09-03")])
    func secondNationalDay(year: Int, expected: String) {
        #expect(StatutoryHolidays.secondNationalDay(year) == day(expected))
    }

    /// Dates where the Vietnamese (UTC+7) and Chinese (UTC+8) calendars differ.
    @Test func lunarHolidaysFollowTheVietnameseMeridian() {
        #expect(StatutoryHolidays.tetDays(2030).contains(day("2030-02-02")))
        #expect(StatutoryHolidays.tetDays(2030)[2] == day("2030-02-02"))
        #expect(StatutoryHolidays.tetDays(2007)[1] == day("2007-02-17")) // 4-day Tết: one day before
        #expect(StatutoryHolidays.hungKingsDay(2009) == day("2009-04-04"))
        #expect(StatutoryHolidays.hungKingsDay(2037) == day("2037-04-24"))
        #expect(StatutoryHolidays.hungKingsDay(2038) == day("2038-04-13"))
        #expect(StatutoryHolidays.tetDays(2010) == [day("2010-02-13"), day("2010-02-14"), day("2010-02-15"), day("2010-02-16")])
    }

    @Test func provisional2027() {
        let days = StatutoryHolidays.days(in: 2027)
        #expect(days.map(\.date.iso) == ["2027-01-01", "2027-02-04", "2027-02-05", "2027-02-08", "2027-02-09",
                                         "2027-02-10", "2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02", "2027-09-03"])
        #expect(days[4].kind == .compensatory)
        #expect(days[4].source == "Bộ luật Lao động 2019, Điều 111 khoản 3")
        #expect(days.allSatisfy { $0.provisional })
    }
}
