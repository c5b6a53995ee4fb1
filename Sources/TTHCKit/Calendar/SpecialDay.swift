/// What makes a day special on the public-sector calendar.
///
/// Every kind but ``makeUpWorkingDay`` is a weekday on which civil servants do not work;
/// ``makeUpWorkingDay`` is a Saturday (or Sunday) on which they do.
public enum DayKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// A public holiday (ngày nghỉ lễ, tết) of Labour Code 2019 Art. 112 or its predecessors.
    case holiday
    /// A compensatory day off (nghỉ bù) for a holiday that fell on a weekly rest day,
    /// Labour Code 2019 Art. 111(3).
    case compensatory
    /// A working day swapped for a Saturday (hoán đổi ngày làm việc), so that a holiday
    /// becomes one unbroken block.
    case swapped
    /// A Saturday worked to pay for a swapped weekday (ngày làm bù).
    case makeUpWorkingDay = "make-up"

    /// Whether civil servants work on a day of this kind.
    public var isWorking: Bool { self == .makeUpWorkingDay }

    public var label: LocalizedText {
        switch self {
        case .holiday: LocalizedText(vi: "nghỉ lễ, tết", en: "public holiday")
        case .compensatory: LocalizedText(vi: "nghỉ bù", en: "compensatory day off")
        case .swapped: LocalizedText(vi: "nghỉ hoán đổi", en: "swapped day off")
        case .makeUpWorkingDay: LocalizedText(vi: "làm bù", en: "make-up working day")
        }
    }

    private var rank: Int {
        switch self {
        case .holiday: 0
        case .compensatory: 1
        case .swapped: 2
        case .makeUpWorkingDay: 3
        }
    }

    public static func < (a: DayKind, b: DayKind) -> Bool { a.rank < b.rank }
}

/// One day that departs from the Monday-to-Friday week: a weekday off, or a weekend day
/// worked. The calendar's schedules, rules and override files all produce these.
public struct SpecialDay: Hashable, Sendable {
    public var date: CivilDate
    public var kind: DayKind
    /// What the day is, e.g. "Giỗ Tổ Hùng Vương (10/3 âm lịch)".
    public var name: LocalizedText
    /// The legal text or notice that decided the day.
    public var source: String
    /// True when the day was computed from the statutory rules because no official
    /// schedule for its year is on file.
    public var provisional: Bool
    /// The holiday season (year) whose schedule decided the day. Differs from
    /// `date.year` for a day decided with the next year's holidays (31/12/2018 was swapped
    /// for New Year 2019).
    public var scheduleYear: Int

    public init(date: CivilDate, kind: DayKind, name: LocalizedText, source: String,
                provisional: Bool, scheduleYear: Int? = nil) {
        self.date = date
        self.kind = kind
        self.name = name
        self.source = source
        self.provisional = provisional
        self.scheduleYear = scheduleYear ?? date.year
    }

    /// Whether civil servants work on this day.
    public var isWorking: Bool { kind.isWorking }
}

/// One day in the explanation of a working-day count (``WorkingCalendar/explainAdding(workingDays:to:)``).
public struct ExplainedDay: Hashable, Sendable {
    public enum Role: String, Sendable {
        /// The day of the triggering event: never counted (Civil Code 2015 Art. 147).
        case trigger
        /// A working day that counts towards the period.
        case counted
        /// A day skipped because nobody works on it.
        case skipped
        /// With zero working days from a day off: the next working day, on which the
        /// period ends (Civil Code 2015 Art. 148(5)).
        case rolledForward = "rolled-forward"
    }

    public var date: CivilDate
    public var role: Role
    /// For counted days, how many working days have been counted so far (1, 2, …).
    public var count: Int?
    public var reason: LocalizedText
    /// True when the day's status comes from a provisional (rule-computed) year.
    public var provisional: Bool

    public init(date: CivilDate, role: Role, count: Int?, reason: LocalizedText, provisional: Bool) {
        self.date = date
        self.role = role
        self.count = count
        self.reason = reason
        self.provisional = provisional
    }
}
