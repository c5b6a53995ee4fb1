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

/// The wording of reminders, in one place per language.
enum ReminderText {
    static func triggerSource(_ source: TriggerSource?) -> LocalizedText {
        switch source {
        case .nationalDatabase?: LocalizedText(vi: "ngày Bộ cập nhật lên CSDL quốc gia", en: "national database update")
        case .received?: LocalizedText(vi: "ngày nhận quyết định", en: "date the decision was received")
        case nil: LocalizedText(vi: "không rõ", en: "unknown")
        }
    }

    static func summary(_ row: ChangeRow) -> LocalizedText {
        let overdue = row.status.kind == .overdue
        return LocalizedText(
            vi: (overdue ? "QUÁ HẠN – " : "") + "Hạn công bố TTHC \(row.code.label.vi) – \(row.name)",
            en: (overdue ? "OVERDUE – " : "") + "Publication deadline \(row.code.label.en) – \(row.name)")
    }

    /// "Còn 2 ngày làm việc." / "QUÁ HẠN 3 ngày làm việc."
    static func status(_ row: ChangeRow) -> LocalizedText {
        switch row.status {
        case .overdue(let n):
            LocalizedText(vi: "QUÁ HẠN \(n) ngày làm việc.", en: "OVERDUE by \(n) working day\(n == 1 ? "" : "s").")
        case .pending(0):
            LocalizedText(vi: "Hôm nay là hạn cuối.", en: "Due today.")
        case .pending(let n):
            LocalizedText(vi: "Còn \(n) ngày làm việc.", en: "\(n) working day\(n == 1 ? "" : "s") left.")
        default:
            LocalizedText(vi: "", en: "")
        }
    }

    static func decision(_ row: ChangeRow) -> LocalizedText {
        LocalizedText(
            vi: "Quyết định: \(row.decision) của \(row.issuer) (\(row.change.label.vi)), hiệu lực từ \(row.effective.vietnamese)",
            en: "Decision: \(row.decision) of \(row.issuer) (\(row.change.label.en)), in force from \(row.effective.vietnamese)")
    }

    static func trigger(_ row: ChangeRow) -> LocalizedText {
        let date = row.trigger?.vietnamese ?? "?"
        let source = triggerSource(row.triggerSource)
        return LocalizedText(vi: "Ngày bắt đầu tính hạn: \(date) (\(source.vi))",
                             en: "Clock started: \(date) (\(source.en))")
    }

    static func deadline(_ row: ChangeRow) -> LocalizedText {
        guard let d = row.deadline else { return LocalizedText(vi: "", en: "") }
        return LocalizedText(vi: "Hạn công bố: \(d.vietnamese) (\(d.weekday.vietnameseName))",
                             en: "Publication deadline: \(d.vietnamese) (\(d.weekday.englishName))")
    }

    static let provisional = LocalizedText(
        vi: "Lưu ý: hạn tính theo lịch nghỉ dự kiến (năm chưa có lịch chính thức).",
        en: "Note: the deadline was counted on a provisional holiday schedule (no official schedule for the year yet).")

    static func source(_ row: ChangeRow) -> LocalizedText {
        LocalizedText(vi: "Nguồn: \(row.location.compilerStyle)", en: "Source: \(row.location.compilerStyle)")
    }

    /// The lines of a reminder's description, shared by the calendar event and the e-mail.
    static func details(_ row: ChangeRow) -> [LocalizedText] {
        var lines = [
            LocalizedText(vi: "Thủ tục: \(row.code.label.vi) – \(row.name)", en: "Procedure: \(row.code.label.en) – \(row.name)"),
            decision(row), trigger(row), deadline(row), status(row),
        ]
        if row.provisional { lines.append(provisional) }
        lines.append(source(row))
        return lines
    }

    static func alarm(_ row: ChangeRow, workingDaysBefore k: Int) -> LocalizedText {
        k == 0
            ? LocalizedText(vi: "Hôm nay là hạn công bố TTHC \(row.code.label.vi) – \(row.name)",
                            en: "Publication deadline today: \(row.code.label.en) – \(row.name)")
            : LocalizedText(vi: "Còn \(k) ngày làm việc đến hạn công bố TTHC \(row.code.label.vi) – \(row.name)",
                            en: "\(k) working day\(k == 1 ? "" : "s") to the publication deadline: \(row.code.label.en) – \(row.name)")
    }

    static func calendarName(agency: String, province: String) -> LocalizedText {
        // Joined with a dash, not a comma: some readers of X-WR-CALNAME do not unescape "\\,".
        let who = [agency, province].filter { !$0.isEmpty }.joined(separator: " – ")
        let suffix = who.isEmpty ? "" : " – " + who
        return LocalizedText(vi: "Hạn công bố TTHC" + suffix, en: "Procedure publication deadlines" + suffix)
    }

    // MARK: E-mail digest

    static func subject(overdue: Int, dueSoon: Int, asOf: CivilDate) -> LocalizedText {
        LocalizedText(
            vi: "[TTHC] Nhắc hạn công bố: \(overdue) quá hạn, \(dueSoon) sắp đến hạn – \(asOf.vietnamese)",
            en: "[TTHC] Publication reminders: \(overdue) overdue, \(dueSoon) due soon – \(asOf.vietnamese)")
    }

    static let digestTitle = LocalizedText(vi: "Nhắc hạn công bố thủ tục hành chính",
                                           en: "Reminders of procedure publication deadlines")

    static func asOf(_ d: CivilDate) -> LocalizedText {
        LocalizedText(vi: "Tính đến ngày \(d.vietnamese) (\(d.weekday.vietnameseName)).",
                      en: "As of \(d.vietnamese) (\(d.weekday.englishName)).")
    }

    static func overdueHeading(_ n: Int) -> LocalizedText {
        LocalizedText(vi: "QUÁ HẠN (\(n))", en: "OVERDUE (\(n))")
    }

    static func dueSoonHeading(_ n: Int, within: Int) -> LocalizedText {
        LocalizedText(vi: "SẮP ĐẾN HẠN – trong \(within) ngày làm việc (\(n))",
                      en: "DUE SOON – within \(within) working day\(within == 1 ? "" : "s") (\(n))")
    }

    static let nothingDue = LocalizedText(vi: "Không có thủ tục nào quá hạn hoặc sắp đến hạn công bố.",
                                          en: "No procedure is overdue or due soon for publication.")

    static func attachment(_ name: String) -> LocalizedText {
        LocalizedText(vi: "Lịch nhắc hạn đính kèm: \(name) (mở bằng ứng dụng lịch để nhận nhắc việc).",
                      en: "Reminder calendar attached: \(name) (open it in a calendar application to get the alarms).")
    }
}
