/// The changes the office must be reminded of (nhắc hạn công bố) as of one day: every
/// overdue change, and every pending change with at most ``within`` working days left.
///
/// Sorted overdue first, then by deadline, procedure code and decision, so every
/// renderer (iCalendar, e-mail) lists them in the same order.
public struct Reminders: Sendable, Equatable {
    public var asOf: CivilDate
    /// Pending changes with at most this many working days left are included.
    public var within: Int
    public var province: String
    public var agency: String
    public var items: [ChangeRow]
    /// The next due day of every reporting duty that has not passed, soonest first.
    public var duties: [DutyOccurrence]

    /// Selects from a reconciliation. `within` defaults to the reconciliation's
    /// due-soon window (the `reminder-within` setting).
    public init(_ reconciliation: Reconciliation, within: Int? = nil) {
        let window = within ?? reconciliation.dueSoonWithin
        asOf = reconciliation.asOf
        self.within = window
        province = reconciliation.province
        agency = reconciliation.agency
        items = reconciliation.changes.filter { row in
            guard row.deadline != nil else { return false }
            switch row.status {
            case .overdue: return true
            case .pending(let left): return left <= window
            default: return false
            }
        }.sorted(by: Reminders.precedes)
        duties = reconciliation.reportingDuties.filter { $0.workingDaysLeft != nil }
            .sorted { ($0.due, $0.name, $0.uid) < ($1.due, $1.name, $1.uid) }
    }

    public var overdue: [ChangeRow] { items.filter { $0.status.kind == .overdue } }
    public var dueSoon: [ChangeRow] { items.filter { $0.status.kind == .pending } }

    static func precedes(_ a: ChangeRow, _ b: ChangeRow) -> Bool {
        let ao = a.status.kind == .overdue ? 0 : 1, bo = b.status.kind == .overdue ? 0 : 1
        if ao != bo { return ao < bo }
        if a.deadline != b.deadline, let x = a.deadline, let y = b.deadline { return x < y }
        if a.code != b.code { return a.code < b.code }
        return a.decision < b.decision
    }

    /// The stable identifier of a reminder: one per (national procedure code, decision),
    /// so a deadline that moves updates the same calendar event.
    /// `1.011736-2105-qd-bkhcn@tthc`. A procedure without a code is named by its folded
    /// name: `name-thu-tuc-ho-tro-chi-phi-2105-qd-bkhcn@tthc`.
    public static func uid(_ row: ChangeRow) -> String {
        let decision = TextNormalization.fold(row.decision).split(separator: " ").joined(separator: "-")
        let procedure = row.code.isUncoded
            ? "name-" + TextNormalization.fold(row.name).split(separator: " ").joined(separator: "-")
            : row.code.key
        return "\(procedure)-\(decision)@tthc"
    }
}
