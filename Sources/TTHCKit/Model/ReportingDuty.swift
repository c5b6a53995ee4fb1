/// What to do when a reporting duty's day is not a working day (`working-day-rule` in
/// `settings.yaml`).
public enum WorkingDayRule: String, Sendable, Codable, CaseIterable {
    /// The working day before (the default: a report due on a Sunday goes in on Friday).
    case previous
    /// The working day after.
    case next
    /// The day itself, working or not.
    case keep
}

/// A recurring or one-off report the agency owes (nghĩa vụ báo cáo): "báo cáo UBND tỉnh
/// trước ngày 20 hằng tháng", "trước ngày 30/5/2019". Read from the `reports:` list of
/// `settings.yaml`.
public struct ReportingDuty: Hashable, Sendable, Codable {
    public enum Schedule: Hashable, Sendable, Codable {
        /// Every month on this day (1–31; a day the month does not have is its last day).
        case monthly(day: Int)
        /// Once, on this day.
        case once(CivilDate)
    }

    public var name: String
    public var schedule: Schedule
    /// "trước ngày D": the report is due the day before D; otherwise on D itself.
    public var before: Bool
    public var workingDayRule: WorkingDayRule
    /// Where the duty is written in `settings.yaml`.
    public var location: SourceLocation

    public init(name: String, schedule: Schedule, before: Bool = true, workingDayRule: WorkingDayRule = .previous,
                location: SourceLocation = SourceLocation(file: "settings.yaml")) {
        self.name = name
        self.schedule = schedule
        self.before = before
        self.workingDayRule = workingDayRule
        self.location = location
    }

    /// The day the duty names in `year`/`month` (a monthly duty's day clamped to the month).
    static func namedDay(_ day: Int, year: Int, month: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: min(day, CivilDate.daysInMonth(year: year, month: month)))!
    }

    /// The day the report is due for a named day: the day before it when `before`, then
    /// moved by the working-day rule when that day is not a working day.
    public func dueDay(for named: CivilDate, calendar: some WorkingDayCalendar) -> CivilDate {
        var day = before ? named.adding(days: -1) : named
        switch workingDayRule {
        case .keep: break
        case .previous: while !calendar.isWorkingDay(day) { day = day.adding(days: -1) }
        case .next: while !calendar.isWorkingDay(day) { day = day.adding(days: 1) }
        }
        return day
    }

    /// The first occurrence due on or after `asOf`; for a one-off duty, its only one (which
    /// may have passed).
    public func occurrence(onOrAfter asOf: CivilDate, calendar: some WorkingDayCalendar) -> (named: CivilDate, due: CivilDate) {
        switch schedule {
        case .once(let date):
            return (date, dueDay(for: date, calendar: calendar))
        case .monthly(let d):
            // The due day of a month can move into the month before (the 1st, "before",
            // after a holiday), so the search starts one month back.
            var year = asOf.year, month = asOf.month - 1
            if month == 0 { year -= 1; month = 12 }
            while true {
                let named = Self.namedDay(d, year: year, month: month)
                let due = dueDay(for: named, calendar: calendar)
                if due >= asOf { return (named, due) }
                month += 1
                if month == 13 { year += 1; month = 1 }
            }
        }
    }
}
