import Foundation
import Testing
@testable import TTHCKit

/// The statutory days off the binary carries (Sources/TTHCKit/Calendar/EmbeddedStatutoryDays.swift)
/// against the rules they were computed from (``StatutoryHolidays/days(in:)``).
/// `scripts/embed-tables.sh` (this suite with `TTHC_RECORD=1`) writes the file again after
/// a change to the rules or to the lunar table.
@Suite struct EmbeddedStatutoryDaysTests {
    static let sourceFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/TTHCKit/Calendar/EmbeddedStatutoryDays.swift")

    static let years = VietnameseLunarCalendar.supportedYears

    /// Every year's days, as the rules give them today.
    static let computed: [(year: Int, days: [SpecialDay])] = years.map { ($0, StatutoryHolidays.days(in: $0)) }

    /// Every day off of 1900–2199: the embedded days are the computed ones.
    @Test func embeddedDaysAreTheComputedOnes() throws {
        if GoldenFile.recording {
            try Data(Self.render().utf8).write(to: Self.sourceFile)
            return
        }
        let computed = Self.computed.flatMap { $0.days.map { Int32($0.date.dayNumber) } }
        let embedded = StatutoryHolidays.embeddedDayNumbers(skipping: [])
        #expect(embedded.count == computed.count, "run scripts/embed-tables.sh")
        for (e, c) in zip(embedded, computed) where e != c {
            Issue.record("embedded \(CivilDate(dayNumber: Int(e)).iso) but computed \(CivilDate(dayNumber: Int(c)).iso); run scripts/embed-tables.sh")
            break
        }
        // Skipping a year leaves out its days and only those.
        let without2030 = StatutoryHolidays.embeddedDayNumbers(skipping: [2030])
        #expect(without2030 == computed.filter { CivilDate(dayNumber: Int($0)).year != 2030 })
    }

    /// The file in the source tree is what the generator writes today.
    @Test func sourceFileIsTheGeneratorsOutput() throws {
        guard !GoldenFile.recording else { return }
        let onDisk = try String(contentsOf: Self.sourceFile, encoding: .utf8)
        #expect(onDisk == Self.render(), "run scripts/embed-tables.sh")
    }

    /// The standard calendar, which keeps the statutory days as day numbers and names them
    /// when asked, gives what a table of every day, schedule entry over statutory day, gives.
    @Test func standardCalendarIsTheRulesUnderTheSchedule() {
        let schedule = WorkingDayTable.standardSchedule
        let official = schedule.officialYears
        var special: [Int: SpecialDay] = [:]
        for (year, days) in Self.computed where !official.contains(year) {
            for day in days { special[day.date.dayNumber] = day }
        }
        for entry in schedule.entries { special[entry.day.date.dayNumber] = entry.day }
        let all = special.values.sorted { $0.date < $1.date }
        let calendar = WorkingCalendar.standard()
        var failures: [String] = []
        for year in (Self.years.lowerBound - 1)...(Self.years.upperBound + 1)
        where calendar.specialDays(in: year) != all.filter({ $0.date.year == year || $0.scheduleYear == year }) {
            failures.append("specialDays(in: \(year))")
        }
        var d = CivilDate(year: Self.years.lowerBound, month: 1, day: 1)!
        while d.year <= Self.years.upperBound {
            if calendar.specialDay(on: d) != special[d.dayNumber] { failures.append("specialDay(on: \(d.iso))") }
            if calendar.isWorkingDay(d) != (special[d.dayNumber]?.isWorking ?? !d.isWeekend) {
                failures.append("isWorkingDay(\(d.iso))")
            }
            d = d.adding(days: 1)
        }
        #expect(Array(failures.prefix(5)) == [])
    }

    /// An override file removes a statutory day like any other, and adds over one.
    @Test func overridesRemoveAndReplaceStatutoryDays() throws {
        let tet2030 = try #require(StatutoryHolidays.days(in: 2030).first { $0.name == StatutoryHolidays.Names.tet })
        let weekday = CivilDate(year: 2030, month: 3, day: 12)!
        let location = SourceLocation(file: "overrides.yaml")
        let added = SpecialDay(date: CivilDate(year: 2030, month: 1, day: 1)!, kind: .holiday,
                               name: LocalizedText(vi: "Ngày thử", en: "Test day"), source: "test", provisional: false)
        let overrides = HolidayOverrides(
            additions: [HolidaySchedule.Entry(day: added, verification: nil, location: location)],
            removals: [HolidayOverrides.Removal(date: tet2030.date, reason: nil, location: location),
                       HolidayOverrides.Removal(date: weekday, reason: nil, location: location)])
        let (calendar, warnings) = WorkingCalendar.build(schedule: WorkingDayTable.standardSchedule, overrides: overrides)
        #expect(warnings.map(\.id) == [.holidaysRemoveNothing])
        #expect(calendar.specialDay(on: tet2030.date) == nil)
        #expect(calendar.isWorkingDay(tet2030.date))
        #expect(!calendar.specialDays(in: 2030).contains { $0.date == tet2030.date })
        #expect(calendar.specialDay(on: added.date) == added)
        #expect(calendar.specialDays(in: 2030).filter { $0.date == added.date } == [added])
        #expect(WorkingCalendar.standard().specialDay(on: tet2030.date) == tet2030)
    }

    static func render() -> String {
        var lines: [String] = []
        for (year, days) in computed {
            precondition(days.allSatisfy { $0.date.year == year }, "a statutory day of \(year) falls in another year")
            let fields = days.map { String(format: "%02d%02d", $0.date.month, $0.date.day) }
            lines.append("    \(year) " + fields.joined(separator: " "))
        }
        return """
        // Generated by scripts/embed-tables.sh from the statutory rules (StatutoryHolidays.days(in:)).
        // Do not edit: change the rules and run the script again; EmbeddedStatutoryDaysTests
        // fails while the two differ.

        /// The days off the statutory rules give (holidays on weekdays and compensatory days)
        /// in \(years.lowerBound)–\(years.upperBound), computed once and embedded so that no process computes them
        /// again (``StatutoryHolidays/embeddedDayNumbers(skipping:)`` decodes them).
        enum EmbeddedStatutoryDays {
            static let firstYear = \(years.lowerBound)
            static let lastYear = \(years.upperBound)
            /// One line per year: the year, then the month and day (MMDD) of each of its days
            /// off, ascending.
            static let years = \"\"\"
        \(lines.joined(separator: "\n"))
            \"\"\"
        }

        """
    }
}
