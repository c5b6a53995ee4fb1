import Foundation

/// The Vietnamese public-sector working calendar (lịch làm việc của cơ quan hành chính nhà
/// nước): which days civil servants work, and working-day arithmetic on it.
///
/// A day is a working day when it is Monday to Friday and not a day off, or when it is a
/// make-up working day (ngày làm bù). Days off come, per year, from the official schedule
/// when one is on file (``HolidaySchedule``), otherwise from the statutory rules
/// (``StatutoryHolidays``, marked provisional), then from the user's override file.
///
/// Counting follows the Civil Code 2015 (Bộ luật Dân sự): the day of the triggering event
/// is not counted (Art. 147(1)); "N working days from D" ends at the end of the N-th
/// working day after D (Art. 148(1)); a period whose last day is a rest day or holiday ends
/// on the next working day (Art. 148(5)), which is what zero working days from a day off
/// gives.
///
/// The calendar covers ``VietnameseLunarCalendar/supportedYears``. A table of working days
/// over that range is built once per calendar (lazily and once for ``standard()``, which
/// Swift's thread-safe static initialisation guards) and shared by every copy of the value:
/// membership, counting and adding are constant-time lookups in it. Outside the range only
/// weekends are rest days, every year is provisional, and adding walks day by day.
public struct WorkingCalendar: Sendable {
    let table: WorkingDayTable

    init(table: WorkingDayTable) { self.table = table }

    /// The embedded official schedules and the statutory rules, without overrides.
    public static func standard() -> WorkingCalendar { WorkingCalendar(table: WorkingDayTable.standard) }

    /// The standard calendar with an override file applied, with every diagnostic.
    public static func read(overrideFile: InputFile?) -> ReadResult<WorkingCalendar> {
        guard let overrideFile else { return ReadResult(value: standard(), diagnostics: []) }
        let parsed = HolidayOverrides.parse(overrideFile)
        guard let overrides = parsed.value else { return ReadResult(value: nil, diagnostics: parsed.diagnostics) }
        let (calendar, warnings) = build(schedule: WorkingDayTable.standardSchedule, overrides: overrides)
        return ReadResult(value: calendar, diagnostics: parsed.diagnostics + warnings)
    }

    /// A calendar from any schedule and overrides, with warnings about removals that
    /// changed nothing.
    public static func build(schedule: HolidaySchedule, overrides: HolidayOverrides?) -> (WorkingCalendar, [Diagnostic]) {
        let (table, warnings) = WorkingDayTable.build(schedule: schedule, overrides: overrides)
        return (WorkingCalendar(table: table), warnings)
    }

    // MARK: Queries

    public func isWorkingDay(_ d: CivilDate) -> Bool { table.isWorking(d.dayNumber) }

    /// The day `n` working days after `d` (Civil Code Art. 147: `d` itself is never
    /// counted). `n = 0` gives `d` when it is a working day, else the next working day
    /// (Art. 148(5)). A negative `n` gives the |n|-th working day before `d`.
    public func adding(workingDays n: Int, to d: CivilDate) -> CivilDate {
        CivilDate(dayNumber: table.adding(n, to: d.dayNumber))
    }

    /// The number of working days in (a, b]; the negative of the count in (b, a] when
    /// b < a; 0 when equal.
    public func workingDays(from a: CivilDate, to b: CivilDate) -> Int {
        table.workingCount(through: b.dayNumber) - table.workingCount(through: a.dayNumber)
    }

    public func nextWorkingDay(after d: CivilDate) -> CivilDate { adding(workingDays: 1, to: d) }

    public func previousWorkingDay(before d: CivilDate) -> CivilDate { adding(workingDays: -1, to: d) }

    /// True when `year` has no official schedule on file: its days off are computed from
    /// the statutory rules.
    public func isProvisional(year: Int) -> Bool { !table.officialYears.contains(year) }

    /// The provisional years from the earlier of the two dates to the later, ascending.
    public func provisionalYears(between a: CivilDate, and b: CivilDate) -> [Int] {
        let (lo, hi) = a <= b ? (a.year, b.year) : (b.year, a.year)
        return (lo...hi).filter { isProvisional(year: $0) }
    }

    /// Every weekday off and every weekend day worked of `year`, sorted by date; also the
    /// days decided with `year`'s schedule that fall in an adjacent year (31/12/2018 for
    /// New Year 2019).
    public func specialDays(in year: Int) -> [SpecialDay] { table.specialDays(in: year) }

    /// The special day on `d`, if any.
    public func specialDay(on d: CivilDate) -> SpecialDay? { table.special(on: d.dayNumber) }

    /// Why `d` is, or is not, a working day.
    public func reason(for d: CivilDate) -> LocalizedText {
        let special = specialDay(on: d)
        return CalendarStrings.both { words in
            let what = special.map { "\($0.kind.label[words.language]) — \($0.name[words.language])" }
            return d.weekday.label[words.language] + ": " + (what ?? (d.isWeekend ? words.weeklyRestDay : words.workingDay))
        }
    }

    /// The walk behind ``adding(workingDays:to:)``: the trigger day, then each day in the
    /// direction of travel, counted or skipped, up to and including the result.
    public func explainAdding(workingDays n: Int, to d: CivilDate) -> [ExplainedDay] {
        var out = [ExplainedDay(
            date: d, role: .trigger, count: nil,
            reason: n == 0 && isWorkingDay(d) ? CalendarStrings.both(\.eventDayEndsPeriod) : CalendarStrings.both(\.eventDayNotCounted),
            provisional: isProvisional(year: d.year))]
        if n == 0 && isWorkingDay(d) { return out }
        let step = n < 0 ? -1 : 1
        let target = Swift.max(abs(n), 1)
        var counted = 0
        var day = d
        while counted < target {
            day = day.adding(days: step)
            let provisional = specialDay(on: day)?.provisional ?? isProvisional(year: day.year)
            if isWorkingDay(day) {
                counted += 1
                if n == 0 {
                    out.append(ExplainedDay(
                        date: day, role: .rolledForward, count: nil,
                        reason: CalendarStrings.both { $0.nextWorkingDay(reason(for: day)[$0.language]) },
                        provisional: provisional))
                } else {
                    out.append(ExplainedDay(date: day, role: .counted, count: counted,
                                            reason: reason(for: day), provisional: provisional))
                }
            } else {
                out.append(ExplainedDay(date: day, role: .skipped, count: nil,
                                        reason: reason(for: day), provisional: provisional))
            }
        }
        return out
    }
}

/// The immutable table behind a ``WorkingCalendar``: a running count of working days over
/// the supported range and the list of working days, so that every query is an array
/// lookup. Shared by reference between copies of the calendar.
///
/// The days off the statutory rules give (years without an official schedule) are kept as
/// day numbers only; their ``SpecialDay``s, with names and sources, are computed from the
/// rules when asked for (``special(on:)``, ``specialDays(in:)``), a year at a time.
final class WorkingDayTable: Sendable {
    /// Day number of 1 January of the first supported year.
    let firstDay: Int
    /// Day number after 31 December of the last supported year.
    let endDay: Int
    /// `before[i]`: working days in [firstDay, firstDay + i); day `firstDay + i` is a
    /// working day when `before[i + 1] > before[i]`.
    let before: [Int32]
    /// The working days, as offsets from `firstDay`, ascending.
    let workingOffsets: [Int32]
    /// The days the schedule and the override file give, by day number; they take the
    /// place of a statutory day on the same date.
    let listed: [Int: SpecialDay]
    /// The day numbers of the statutory days off of the years without an official schedule
    /// (less those an override file removed), ascending.
    let statutory: [Int32]
    let officialYears: Set<Int>

    init(listed: [Int: SpecialDay], statutory: [Int32], officialYears: Set<Int>) {
        let years = VietnameseLunarCalendar.supportedYears
        let firstDay = CivilDate(year: years.lowerBound, month: 1, day: 1)!.dayNumber
        let endDay = CivilDate(year: years.upperBound, month: 12, day: 31)!.dayNumber + 1
        let count = endDay - firstDay
        // The days that are not what their weekday makes them by default, ascending by
        // offset: the statutory days, each replaced by the listed day on its date, if any.
        var exceptions: [(offset: Int, isWorking: Bool)] = []
        exceptions.reserveCapacity(statutory.count + listed.count)
        let listedInRange = listed.filter { $0.key >= firstDay && $0.key < endDay }.sorted { $0.key < $1.key }
        var l = 0
        for n in statutory.lazy.map(Int.init) where n >= firstDay && n < endDay {
            while l < listedInRange.count && listedInRange[l].key < n {
                exceptions.append((listedInRange[l].key - firstDay, listedInRange[l].value.isWorking))
                l += 1
            }
            if l < listedInRange.count && listedInRange[l].key == n { continue }
            exceptions.append((n - firstDay, false))
        }
        for (n, day) in listedInRange[l...] { exceptions.append((n - firstDay, day.isWorking)) }
        // One pass over the range: the weekday by a counter (1970-01-01, day 0, was a
        // Thursday: remainder 2 is a Saturday, 3 a Sunday), the exceptions in step.
        var before = [Int32](repeating: 0, count: count + 1)
        var offsets: [Int32] = []
        offsets.reserveCapacity(count * 5 / 7 + 16)
        var remainder = ((firstDay % 7) + 7) % 7
        var next = 0
        var working: Int32 = 0
        before.withUnsafeMutableBufferPointer { before in
            for i in 0..<count {
                var isWorking = remainder != 2 && remainder != 3
                if next < exceptions.count && exceptions[next].offset == i {
                    isWorking = exceptions[next].isWorking
                    next += 1
                }
                if isWorking {
                    working += 1
                    offsets.append(Int32(i))
                }
                before[i + 1] = working
                remainder = remainder == 6 ? 0 : remainder + 1
            }
        }
        self.firstDay = firstDay
        self.endDay = endDay
        self.before = before
        self.workingOffsets = offsets
        self.listed = listed
        self.statutory = statutory
        self.officialYears = officialYears
    }

    /// The special day on day `n`, if any.
    func special(on n: Int) -> SpecialDay? {
        if let day = listed[n] { return day }
        guard isStatutory(n) else { return nil }
        let date = CivilDate(dayNumber: n)
        return StatutoryHolidays.days(in: date.year).first { $0.date == date }
    }

    /// The special days of `year`, and those decided with `year`'s schedule that fall in
    /// an adjacent year, sorted by date.
    func specialDays(in year: Int) -> [SpecialDay] {
        var out = listed.values.filter { $0.date.year == year || $0.scheduleYear == year }
        if VietnameseLunarCalendar.supportedYears.contains(year) {
            out += StatutoryHolidays.days(in: year).filter {
                let n = $0.date.dayNumber
                return listed[n] == nil && isStatutory(n)
            }
        }
        return out.sorted { $0.date < $1.date }
    }

    private func isStatutory(_ n: Int) -> Bool {
        guard let key = Int32(exactly: n) else { return false }
        var low = 0, high = statutory.count
        while low < high {
            let middle = (low + high) / 2
            if statutory[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < statutory.count && statutory[low] == key
    }

    func isWorking(_ n: Int) -> Bool {
        if n >= firstDay && n < endDay { return before[n - firstDay + 1] > before[n - firstDay] }
        return !CivilDate(dayNumber: n).isWeekend
    }

    /// Working days in [firstDay, n] (negative for days before the range, counting
    /// the weekdays between).
    func workingCount(through n: Int) -> Int {
        if n < firstDay { return -Self.weekdays(from: n + 1, to: firstDay - 1) }
        if n < endDay { return Int(before[n - firstDay + 1]) }
        return Int(before[endDay - firstDay]) + Self.weekdays(from: endDay, to: n)
    }

    func adding(_ k: Int, to n: Int) -> Int {
        if k == 0 { return isWorking(n) ? n : adding(1, to: n) }
        if n >= firstDay && n < endDay {
            // Index of the result in workingOffsets.
            let index = k > 0 ? Int(before[n - firstDay + 1]) + k - 1 : Int(before[n - firstDay]) + k
            if index >= 0 && index < workingOffsets.count { return firstDay + Int(workingOffsets[index]) }
        }
        // Outside the table: walk.
        var day = n, left = abs(k)
        let step = k > 0 ? 1 : -1
        while left > 0 {
            day += step
            if isWorking(day) { left -= 1 }
        }
        return day
    }

    /// Monday-to-Friday days in [a, b] (0 when b < a).
    static func weekdays(from a: Int, to b: Int) -> Int {
        guard b >= a else { return 0 }
        let total = b - a + 1
        var count = total / 7 * 5
        var d = a + total / 7 * 7
        while d <= b {
            if !CivilDate(dayNumber: d).isWeekend { count += 1 }
            d += 1
        }
        return count
    }

    // MARK: Building

    /// The official schedule the binary carries (see ``EmbeddedSchedule``).
    static let standardSchedule: HolidaySchedule = EmbeddedSchedule.schedule

    static let standard: WorkingDayTable = build(schedule: standardSchedule, overrides: nil).0

    static func build(schedule: HolidaySchedule, overrides: HolidayOverrides?) -> (WorkingDayTable, [Diagnostic]) {
        let official = schedule.officialYears
        var statutory = StatutoryHolidays.embeddedDayNumbers(skipping: official)
        var listed: [Int: SpecialDay] = [:]
        for entry in schedule.entries { listed[entry.day.date.dayNumber] = entry.day }
        var warnings: [Diagnostic] = []
        if let overrides {
            for removal in overrides.removals {
                let n = removal.date.dayNumber
                let wasListed = listed.removeValue(forKey: n) != nil
                let wasStatutory = Int32(exactly: n).flatMap { statutory.firstIndex(of: $0) }.map { statutory.remove(at: $0) } != nil
                if !wasListed && !wasStatutory {
                    warnings.append(Diagnostic(.warning, .holidaysRemoveNothing, at: removal.location, LocalizedText(
                        vi: "ngày \(removal.date.vietnamese) không phải ngày nghỉ hay ngày làm bù: không có gì để bỏ",
                        en: "\(removal.date.iso) is neither a day off nor a make-up working day: nothing to remove")))
                }
            }
            for entry in overrides.additions { listed[entry.day.date.dayNumber] = entry.day }
        }
        return (WorkingDayTable(listed: listed, statutory: statutory, officialYears: official), warnings)
    }
}
