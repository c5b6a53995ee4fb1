import TTHCKit

/// Every word the commands themselves print (summary lines, their own errors, the calendar
/// listings), one table per language, as ``ReportStrings`` is for the reports. The library's
/// diagnostics carry their own text in both languages; the commands never spell a word
/// outside this table.
struct CLIStrings: StringTable {
    // Summary lines on standard error.
    var reconcileSummary: @Sendable (_ path: String, _ changes: Int, _ overdue: Int, _ pending: Int, _ expired: Int) -> String
    var checkSummary: @Sendable (_ directory: String, _ errors: Int, _ warnings: Int, _ notes: Int, _ asOf: CivilDate) -> String
    var validateSummary: @Sendable (_ directory: String, _ errors: Int, _ warnings: Int) -> String

    // Options.
    var optionValue: @Sendable (_ option: String, _ problem: String) -> String
    var negativeWithin: String
    var icsStateAlone: String
    var emailNeedsSettings: @Sendable (_ missing: String) -> String
    var binaryToTerminal: @Sendable (_ format: String) -> String

    // Draft.
    var draftSelection: String
    var draftNoSuchDecision: @Sendable (_ number: String, _ known: [String]) -> String
    var draftNothingInScope: @Sendable (_ number: String) -> String
    var draftNothingPending: @Sendable (_ asOf: CivilDate) -> String
    var draftSummary: @Sendable (_ path: String, _ procedures: Int, _ decisions: [String], _ published: Int) -> String

    // sendmail.
    var sendmailCannotRun: @Sendable (_ path: String, _ reason: String) -> String
    var sendmailKilled: @Sendable (_ signal: Int32) -> String
    var sendmailExited: @Sendable (_ status: Int32) -> String
    var sendmailDidNotRead: String
    var sendmailFailed: @Sendable (_ path: String, _ how: String) -> String

    // Calendar.
    var yearOutOfRange: @Sendable (_ year: Int, _ range: ClosedRange<Int>) -> String
    var lunarYearOutOfRange: @Sendable (_ year: Int, _ range: ClosedRange<Int>) -> String
    var countOutOfRange: @Sendable (_ range: ClosedRange<Int>, _ found: Int) -> String
    var invalidLunarDate: @Sendable (_ text: String) -> String
    var noSuchLunarDate: @Sendable (_ day: Int, _ month: Int, _ year: Int, _ leap: Bool) -> String
    var provisionalYears: @Sendable (_ years: String) -> String
    var explainRole: @Sendable (ExplainedDay.Role, _ count: Int) -> String
    var provisionalMark: String
    var workingDay: String
    var notWorkingDay: String
    var leapMonth: String
    /// A date as the calendar commands print it.
    var date: @Sendable (CivilDate) -> String

    static let vietnamese = CLIStrings(
        reconcileSummary: { path, changes, overdue, pending, expired in
            "\(path): \(changes) thay đổi, \(overdue) quá hạn, \(pending) đang chờ, \(expired) hết hiệu lực"
        },
        checkSummary: { dir, e, w, n, asOf in "\(dir): \(e) lỗi, \(w) cảnh báo, \(n) ghi chú (tính đến ngày \(asOf.vietnamese))" },
        validateSummary: { dir, e, w in "\(dir): \(e) lỗi, \(w) cảnh báo" },
        optionValue: { option, problem in "\(option): \(problem)" },
        negativeWithin: "cần số ngày làm việc không âm",
        icsStateAlone: "cần --ics, --email hoặc --sendmail",
        emailNeedsSettings: { missing in "--email/--sendmail cần \(missing) trong settings.yaml" },
        binaryToTerminal: { format in "tệp \(format) là tệp nhị phân, không in ra màn hình: cần --output TỆP" },
        draftSelection: "cần đúng một trong hai: --decision SỐ hoặc --all-pending",
        draftNoSuchDecision: { number, known in
            "không có quyết định \"\(number)\" trong danh mục; các quyết định có: " + (known.isEmpty ? "(không có)" : known.joined(separator: ", "))
        },
        draftNothingInScope: { number in "quyết định \(number) không có thủ tục nào thuộc phạm vi của tỉnh" },
        draftNothingPending: { day in "không có thay đổi nào thuộc phạm vi đang chờ công bố (tính đến ngày \(day.vietnamese))" },
        draftSummary: { path, n, decisions, published in
            "\(path): dự thảo quyết định công bố \(n) thủ tục theo quyết định " + decisions.joined(separator: ", ")
                + (published > 0 ? "; \(published) thủ tục trong số đó tỉnh đã công bố" : "")
        },
        sendmailCannotRun: { path, reason in "không chạy được sendmail \"\(path)\": \(reason)" },
        sendmailKilled: { sig in "bị dừng bởi tín hiệu \(sig)" },
        sendmailExited: { status in "kết thúc với mã \(status)" },
        sendmailDidNotRead: "không nhận hết thư",
        sendmailFailed: { path, how in "sendmail \"\(path)\" \(how); thư chưa được gửi" },
        yearOutOfRange: { y, r in "năm \(y) nằm ngoài phạm vi lịch (\(r.lowerBound)–\(r.upperBound))" },
        lunarYearOutOfRange: { y, r in "năm \(y) nằm ngoài phạm vi lịch âm (\(r.lowerBound)–\(r.upperBound))" },
        countOutOfRange: { r, n in "cần số ngày làm việc từ \(r.lowerBound) đến \(r.upperBound), nhưng có \(n)" },
        invalidLunarDate: { text in "ngày âm lịch không hợp lệ \"\(text)\": cần dạng d/m/yyyy" },
        noSuchLunarDate: { d, m, y, leap in "không có ngày âm lịch \(d)/\(m)/\(y)" + (leap ? " (nhuận)" : "") },
        provisionalYears: { list in "cảnh báo: chưa có lịch nghỉ chính thức cho năm \(list); kết quả tạm tính theo Bộ luật Lao động" },
        explainRole: { role, n in
            switch role {
            case .trigger: "bắt đầu"
            case .counted: "tính \(n)"
            case .skipped: "bỏ qua"
            case .rolledForward: "hết hạn"
            }
        },
        provisionalMark: " " + CalendarStrings.vietnamese.provisional,
        workingDay: "ngày làm việc",
        notWorkingDay: "không phải ngày làm việc",
        leapMonth: " (tháng nhuận)",
        date: { $0.vietnamese }
    )

    static let english = CLIStrings(
        reconcileSummary: { path, changes, overdue, pending, expired in
            "\(path): \(English.count(changes, "change")), \(overdue) overdue, \(pending) pending, \(expired) expired"
        },
        checkSummary: { dir, e, w, n, asOf in
            "\(dir): \(English.count(e, "error")), \(English.count(w, "warning")), \(English.count(n, "note")) (as of \(asOf.vietnamese))"
        },
        validateSummary: { dir, e, w in "\(dir): \(English.count(e, "error")), \(English.count(w, "warning"))" },
        optionValue: { option, problem in "\(option): \(problem)" },
        negativeWithin: "expected a non-negative number of working days",
        icsStateAlone: "needs --ics, --email or --sendmail",
        emailNeedsSettings: { missing in "--email/--sendmail need \(missing) in settings.yaml" },
        binaryToTerminal: { format in "an \(format) file is binary and is not printed to a terminal: give --output FILE" },
        draftSelection: "give exactly one of --decision NUMBER and --all-pending",
        draftNoSuchDecision: { number, known in
            "no decision \"\(number)\" in the catalogue; it has: " + (known.isEmpty ? "(none)" : known.joined(separator: ", "))
        },
        draftNothingInScope: { number in "decision \(number) has no procedure in the province's scope" },
        draftNothingPending: { day in "no change in scope is waiting to be published (as of \(day.vietnamese))" },
        draftSummary: { path, n, decisions, published in
            "\(path): draft decision publishing \(English.count(n, "procedure")) of " + decisions.joined(separator: ", ")
                + (published > 0 ? "; the province has already published \(published) of them" : "")
        },
        sendmailCannotRun: { path, reason in "cannot run sendmail \"\(path)\": \(reason)" },
        sendmailKilled: { sig in "was killed by signal \(sig)" },
        sendmailExited: { status in "exited with status \(status)" },
        sendmailDidNotRead: "did not read the whole message",
        sendmailFailed: { path, how in "sendmail \"\(path)\" \(how); the message was not sent" },
        yearOutOfRange: { y, r in "year \(y) is outside the calendar's range (\(r.lowerBound)–\(r.upperBound))" },
        lunarYearOutOfRange: { y, r in "year \(y) is outside the lunar calendar's range (\(r.lowerBound)–\(r.upperBound))" },
        countOutOfRange: { r, n in "expected a number of working days from \(r.lowerBound) to \(r.upperBound), found \(n)" },
        invalidLunarDate: { text in "invalid lunar date \"\(text)\": expected d/m/yyyy" },
        noSuchLunarDate: { d, m, y, leap in "no such lunar date \(d)/\(m)/\(y)" + (leap ? " (leap month)" : "") },
        provisionalYears: { list in "warning: no official schedule on file for \(list); the result is provisional, computed from the Labour Code" },
        explainRole: { role, n in
            switch role {
            case .trigger: "start"
            case .counted: "day \(n)"
            case .skipped: "skipped"
            case .rolledForward: "ends"
            }
        },
        provisionalMark: " " + CalendarStrings.english.provisional,
        workingDay: "working day",
        notWorkingDay: "not a working day",
        leapMonth: " (leap month)",
        date: { $0.iso }
    )
}
