/// Every word of the office's reminders (the iCalendar feed, the e-mail digest and the
/// terminal list), one table per language.
struct RemindStrings: StringTable {
    var language: Language
    var triggerSource: @Sendable (TriggerSource?) -> String
    var overdueMark: String
    var summary: @Sendable (_ code: String, _ name: String) -> String
    /// "Còn 2 ngày làm việc." / "QUÁ HẠN 3 ngày làm việc."
    var overdueBy: @Sendable (Int) -> String
    var dueToday: String
    var daysLeft: @Sendable (Int) -> String
    var procedure: @Sendable (_ code: String, _ name: String) -> String
    var decision: @Sendable (_ number: String, _ issuer: String, _ change: String, _ effective: CivilDate) -> String
    var clockStarted: @Sendable (_ date: String, _ source: String) -> String
    var deadline: @Sendable (CivilDate) -> String
    var provisionalNote: String
    var source: @Sendable (_ location: String) -> String
    var alarm: @Sendable (_ workingDays: Int, _ code: String, _ name: String) -> String
    var calendarName: String
    var subject: @Sendable (_ overdue: Int, _ dueSoon: Int, _ asOf: CivilDate) -> String
    var digestTitle: String
    var asOf: @Sendable (CivilDate) -> String
    var overdueHeading: @Sendable (Int) -> String
    var dueSoonHeading: @Sendable (_ count: Int, _ within: Int) -> String
    var nothingDue: String
    var attachment: @Sendable (_ name: String) -> String
    // The terminal list.
    var listOverdue: @Sendable (Int) -> String
    var listDueToday: String
    var listDaysLeft: @Sendable (Int) -> String
    var provisionalMark: String
    // Reporting duties.
    var dutiesHeading: @Sendable (Int) -> String
    var dutySummary: @Sendable (_ name: String) -> String
    var dutyDue: @Sendable (CivilDate) -> String
    var dutyRuleLine: @Sendable (_ rule: String) -> String
    var dutyAlarm: @Sendable (_ workingDays: Int, _ name: String) -> String

    static let vietnamese = RemindStrings(
        language: .vi,
        triggerSource: { source in
            switch source {
            case .nationalDatabase?: "ngày Bộ cập nhật lên CSDL quốc gia"
            case .received?: "ngày nhận quyết định"
            case nil: "không rõ"
            }
        },
        overdueMark: "QUÁ HẠN – ",
        summary: { code, name in "Hạn công bố TTHC \(code) – \(name)" },
        overdueBy: { n in "QUÁ HẠN \(n) ngày làm việc." },
        dueToday: "Hôm nay là hạn cuối.",
        daysLeft: { n in "Còn \(n) ngày làm việc." },
        procedure: { code, name in "Thủ tục: \(code) – \(name)" },
        decision: { number, issuer, change, effective in
            "Quyết định: \(number) của \(issuer) (\(change)), hiệu lực từ \(effective.vietnamese)"
        },
        clockStarted: { date, source in "Ngày bắt đầu tính hạn: \(date) (\(source))" },
        deadline: { d in "Hạn công bố: \(d.vietnamese) (\(d.weekday.vietnameseName))" },
        provisionalNote: "Lưu ý: hạn tính theo lịch nghỉ dự kiến (năm chưa có lịch chính thức).",
        source: { at in "Nguồn: \(at)" },
        alarm: { k, code, name in
            k == 0 ? "Hôm nay là hạn công bố TTHC \(code) – \(name)"
                : "Còn \(k) ngày làm việc đến hạn công bố TTHC \(code) – \(name)"
        },
        calendarName: "Hạn công bố TTHC",
        subject: { overdue, dueSoon, asOf in
            "[TTHC] Nhắc hạn công bố: \(overdue) quá hạn, \(dueSoon) sắp đến hạn – \(asOf.vietnamese)"
        },
        digestTitle: "Nhắc hạn công bố thủ tục hành chính",
        asOf: { d in "Tính đến ngày \(d.vietnamese) (\(d.weekday.vietnameseName))." },
        overdueHeading: { n in "QUÁ HẠN (\(n))" },
        dueSoonHeading: { n, within in "SẮP ĐẾN HẠN – trong \(within) ngày làm việc (\(n))" },
        nothingDue: "Không có thủ tục nào quá hạn hoặc sắp đến hạn công bố.",
        attachment: { name in "Lịch nhắc hạn đính kèm: \(name) (mở bằng ứng dụng lịch để nhận nhắc việc)." },
        listOverdue: { n in "quá hạn \(n) ngày làm việc" },
        listDueToday: "hạn cuối hôm nay",
        listDaysLeft: { n in "còn \(n) ngày làm việc" },
        provisionalMark: " " + CalendarStrings.vietnamese.provisional,
        dutiesHeading: { n in "NGHĨA VỤ BÁO CÁO (\(n))" },
        dutySummary: { name in "Hạn nộp báo cáo – \(name)" },
        dutyDue: { d in "Hạn nộp: \(d.vietnamese) (\(d.weekday.vietnameseName))" },
        dutyRuleLine: { rule in "Thời hạn quy định: \(rule)" },
        dutyAlarm: { k, name in
            k == 0 ? "Hôm nay là hạn nộp báo cáo – \(name)" : "Còn \(k) ngày làm việc đến hạn nộp báo cáo – \(name)"
        }
    )

    static let english = RemindStrings(
        language: .en,
        triggerSource: { source in
            switch source {
            case .nationalDatabase?: "national database update"
            case .received?: "date the decision was received"
            case nil: "unknown"
            }
        },
        overdueMark: "OVERDUE – ",
        summary: { code, name in "Publication deadline \(code) – \(name)" },
        overdueBy: { n in "OVERDUE by \(English.count(n, "working day"))." },
        dueToday: "Due today.",
        daysLeft: { n in "\(English.count(n, "working day")) left." },
        procedure: { code, name in "Procedure: \(code) – \(name)" },
        decision: { number, issuer, change, effective in
            "Decision: \(number) of \(issuer) (\(change)), in force from \(effective.vietnamese)"
        },
        clockStarted: { date, source in "Clock started: \(date) (\(source))" },
        deadline: { d in "Publication deadline: \(d.vietnamese) (\(d.weekday.englishName))" },
        provisionalNote: "Note: the deadline was counted on a provisional holiday schedule (no official schedule for the year yet).",
        source: { at in "Source: \(at)" },
        alarm: { k, code, name in
            k == 0 ? "Publication deadline today: \(code) – \(name)"
                : "\(English.count(k, "working day")) to the publication deadline: \(code) – \(name)"
        },
        calendarName: "Procedure publication deadlines",
        subject: { overdue, dueSoon, asOf in
            "[TTHC] Publication reminders: \(overdue) overdue, \(dueSoon) due soon – \(asOf.vietnamese)"
        },
        digestTitle: "Reminders of procedure publication deadlines",
        asOf: { d in "As of \(d.vietnamese) (\(d.weekday.englishName))." },
        overdueHeading: { n in "OVERDUE (\(n))" },
        dueSoonHeading: { n, within in "DUE SOON – within \(English.count(within, "working day")) (\(n))" },
        nothingDue: "No procedure is overdue or due soon for publication.",
        attachment: { name in "Reminder calendar attached: \(name) (open it in a calendar application to get the alarms)." },
        listOverdue: { n in "overdue by \(English.count(n, "working day"))" },
        listDueToday: "due today",
        listDaysLeft: { n in "\(English.count(n, "working day")) left" },
        provisionalMark: " " + CalendarStrings.english.provisional,
        dutiesHeading: { n in "REPORTING DUTIES (\(n))" },
        dutySummary: { name in "Report due – \(name)" },
        dutyDue: { d in "Due: \(d.vietnamese) (\(d.weekday.englishName))" },
        dutyRuleLine: { rule in "Rule: \(rule)" },
        dutyAlarm: { k, name in
            k == 0 ? "Report due today – \(name)" : "\(English.count(k, "working day")) to the report's due day – \(name)"
        }
    )
}

extension RemindStrings {
    /// The event's title: "QUÁ HẠN – Hạn công bố TTHC 1.013010 – …".
    func summary(_ row: ChangeRow) -> String {
        (row.status.kind == .overdue ? overdueMark : "") + summary(row.code.label[language], row.name)
    }

    /// The working days left or past, as a sentence ("" for other statuses).
    func status(_ row: ChangeRow) -> String {
        switch row.status {
        case .overdue(let n): overdueBy(n)
        case .pending(0): dueToday
        case .pending(let n): daysLeft(n)
        default: ""
        }
    }

    /// The lines of a reminder's description, shared by the calendar event and the e-mail.
    func details(_ row: ChangeRow) -> [String] {
        var lines = [
            procedure(row.code.label[language], row.name),
            decision(row.decision, row.issuer, row.change.label[language], row.effective),
            clockStarted(row.trigger?.vietnamese ?? "?", triggerSource(row.triggerSource)),
            row.deadline.map(deadline) ?? "",
            status(row),
        ]
        if row.provisional { lines.append(provisionalNote) }
        lines.append(source(row.location.compilerStyle))
        return lines
    }

    func alarm(_ row: ChangeRow, workingDaysBefore k: Int) -> String {
        alarm(k, row.code.label[language], row.name)
    }

    /// The feed's name, with the agency and province joined by a dash, not a comma: some
    /// readers of X-WR-CALNAME do not unescape "\\,".
    func calendarName(agency: String, province: String) -> String {
        let who = [agency, province].filter { !$0.isEmpty }.joined(separator: " – ")
        return calendarName + (who.isEmpty ? "" : " – " + who)
    }

    /// The lines the terminal list and the e-mail body both are made of: the title, the
    /// agency and province, the as-of day; then "nothing due", or the overdue and the
    /// due-soon section, each a blank line, its heading and the lines `rows` gives for its
    /// changes.
    func digest(_ reminders: Reminders, rows: ([ChangeRow]) -> [String],
                duties: ([DutyOccurrence]) -> [String]) -> [String] {
        var lines = [digestTitle]
        let who = [reminders.agency, reminders.province].filter { !$0.isEmpty }.joined(separator: ", ")
        if !who.isEmpty { lines.append(who) }
        lines.append(asOf(reminders.asOf))
        let overdue = reminders.overdue, dueSoon = reminders.dueSoon
        if overdue.isEmpty && dueSoon.isEmpty { lines += ["", nothingDue] }
        if !overdue.isEmpty { lines += ["", overdueHeading(overdue.count)] + rows(overdue) }
        if !dueSoon.isEmpty { lines += ["", dueSoonHeading(dueSoon.count, reminders.within)] + rows(dueSoon) }
        if !reminders.duties.isEmpty { lines += ["", dutiesHeading(reminders.duties.count)] + duties(reminders.duties) }
        return lines
    }

    /// The rule of a duty in words ("trước ngày 20 hằng tháng"), as the reports say it.
    func dutyRule(_ d: DutyOccurrence) -> String {
        ReportDocument.dutyRule(d, ReportStrings.for(language))
    }

    /// "còn 5 ngày làm việc" / "hạn hôm nay", as the reports say it.
    func dutyLeft(_ d: DutyOccurrence) -> String {
        ReportStrings.for(language).dutyLeft(d.workingDaysLeft)
    }

    /// The lines of a duty's description, shared by the calendar event and the e-mail.
    func details(_ d: DutyOccurrence) -> [String] {
        let s = ReportStrings.for(language)
        var lines = [dutySummary(d.name), dutyRuleLine(dutyRule(d)), dutyDue(d.due)]
        if let move = ReportDocument.dutyMove(d, s) { lines.append("(" + move + ")") }
        lines.append(dutyLeft(d))
        lines.append(source(d.location.compilerStyle))
        return lines
    }

    /// The terminal list's "quá hạn 8 ngày làm việc" / "còn 1 ngày làm việc" / "hạn cuối hôm nay".
    func listStatus(_ row: ChangeRow) -> String {
        switch row.status {
        case .overdue(let n): listOverdue(n)
        case .pending(0): listDueToday
        case .pending(let n): listDaysLeft(n)
        default: ""
        }
    }
}
