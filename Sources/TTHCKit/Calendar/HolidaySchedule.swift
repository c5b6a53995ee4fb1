/// How far a schedule entry has been checked against what decided it.
public enum Verification: String, Sendable, CaseIterable {
    /// The text of the deciding document itself was read.
    case document
    /// A press report of the official notice, giving the dates, was read.
    case press
    /// Taken from the project's reference table only, not yet checked.
    case reference
}

/// The official public-sector schedules (lịch nghỉ lễ, tết của cán bộ, công chức, viên
/// chức) read from `catalogs/holidays/vn-public-sector.yaml`: for each year on file, every
/// weekday off and every weekend day worked, with the document that decided it.
///
/// The format is documented in `docs/holidays.md`; the reader is `HolidayScheduleReader.swift`.
public struct HolidaySchedule: Sendable {
    /// One year whose schedule is official: its days replace the statutory rules.
    public struct Year: Sendable {
        public var year: Int
        public var note: String?
        public var entries: [Entry]
    }

    /// One reviewed day.
    public struct Entry: Sendable {
        public var day: SpecialDay
        public var verification: Verification?
        public var location: SourceLocation
    }

    public var years: [Year]

    public init(years: [Year]) { self.years = years }

    /// The years with an official schedule.
    public var officialYears: Set<Int> { Set(years.map(\.year)) }

    /// Every entry of every year, sorted by date.
    public var entries: [Entry] { years.flatMap(\.entries).sorted { $0.day.date < $1.day.date } }
}

/// A user's changes to the calendar (tệp điều chỉnh lịch nghỉ): days to add (a day off
/// the data does not know yet, such as a newly decided holiday) and days to remove (a
/// swap that was cancelled). Format in `docs/holidays.md`:
///
/// ```yaml
/// format: 1
/// add:
///   - date: 2026-11-24
///     kind: holiday
///     name: Ngày Văn hóa Việt Nam
///     source: "…"
/// remove:
///   - date: 2026-08-31
///     reason: "…"
/// ```
public struct HolidayOverrides: Sendable {
    public struct Removal: Sendable {
        public var date: CivilDate
        public var reason: String?
        public var location: SourceLocation
    }

    public var additions: [HolidaySchedule.Entry]
    public var removals: [Removal]

    public init(additions: [HolidaySchedule.Entry] = [], removals: [Removal] = []) {
        self.additions = additions
        self.removals = removals
    }
}
