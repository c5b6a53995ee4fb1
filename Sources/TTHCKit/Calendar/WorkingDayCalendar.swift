/// What the reconciler and the reminders need from a working-day calendar. The Vietnamese
/// public-sector calendar (``WorkingCalendar``) is the one the program uses; tests may use
/// simpler ones to isolate the reconciliation rules from the holiday data.
public protocol WorkingDayCalendar: Sendable {
    func isWorkingDay(_ date: CivilDate) -> Bool
    /// The `n`-th working day after `date` (the day itself is never counted).
    func adding(workingDays n: Int, to date: CivilDate) -> CivilDate
    /// Working days in (a, b]; the negative of the count in (b, a] when b < a.
    func workingDays(from a: CivilDate, to b: CivilDate) -> Int
    /// True when the year has no official schedule on file and was computed from the rules.
    func isProvisional(year: Int) -> Bool
}

extension WorkingCalendar: WorkingDayCalendar {}
