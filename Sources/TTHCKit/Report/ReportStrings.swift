/// Every word the reconciliation reports (báo cáo đối chiếu) show, one value per language.
///
/// The reporters never spell user-facing text themselves: they ask ``ReportStrings/for(_:)``
/// and format what they get. Domain labels that the model already owns (`ChangeType.label`,
/// `ComparedField.label`, `AdministrativeLevel.label`, `OnlineServiceLevel.label`) are used
/// as they are, so a word is spelled in exactly one place in the package.
struct ReportStrings: StringTable {
    var language: Language

    // Header
    var reportTitle: String
    var provinceLabel: String
    var agencyLabel: String
    var asOfLabel: String
    var ruleLabel: String
    /// The deadline rule: N working days, and which date starts the clock.
    var rule: @Sendable (_ workingDays: Int, _ policy: TriggerPolicy) -> String
    var dueSoonLabel: String
    var dueSoonRule: @Sendable (_ workingDays: Int) -> String
    var none: String

    // Section titles
    var summaryTitle: String
    var urgentTitle: String
    var expiredTitle: String
    var notPublishedTitle: String
    var lateTitle: String
    var undatedTitle: String
    var differencesTitle: String
    var findingsTitle: String
    var otherChangesTitle: String
    var scorecardTitle: String
    var calendarTitle: String
    var unreadTitle: String
    var unreadNote: String
    var unplacedTitle: String
    var unplacedNote: String
    var fileColumn: String
    var rowColumn: String
    var rowTextColumn: String

    // Summary
    var summaryItem: String
    var summaryCount: String
    var totalChanges: String
    var statusKind: @Sendable (ChangeStatus.Kind) -> String
    var dueSoonCount: @Sendable (_ within: Int) -> String
    var expiredCount: String
    var differencesCount: String
    var findingsCount: String

    // Change rows
    var statusColumn: String
    var deadlineColumn: String
    var codeColumn: String
    var nameColumn: String
    var decisionColumn: String
    var triggerColumn: String
    var publicationColumn: String
    var status: @Sendable (ChangeStatus) -> String
    var triggerSource: @Sendable (TriggerSource) -> String
    var replacesCode: @Sendable (_ code: String) -> String
    var provincialDecision: @Sendable (_ number: String) -> String
    var probableLocalMatch: @Sendable (_ code: String?, _ name: String) -> String
    var notPublished: String

    // Expired entries
    var reasonColumn: String
    var sinceColumn: String
    var locationColumn: String
    var expiredReason: @Sendable (ExpiredEntry.Reason, _ replacement: String?) -> String

    // Differences
    var fieldColumn: String
    var localColumn: String
    var ministryColumn: String
    var emptyValue: String

    // Findings
    var kindColumn: String
    var messageColumn: String
    /// The report's short label of a finding's rule (the check's own title for a rule the
    /// reconciler does not report as a finding).
    var findingKind: @Sendable (CheckRule) -> String

    // Scorecard
    var monthColumn: String
    var totalRow: String
    var indicator11Column: String
    var indicator12Column: String
    var indicatorNotes: [String]
    var noMonths: String
    var onlineShare: @Sendable (_ online: Int, _ total: Int, _ percent: String, _ full: Int, _ partial: Int) -> String
    var onlineTarget: @Sendable (_ target: String, _ met: Bool, _ missing: Int) -> String
    var noOnlineTarget: String
    /// Decimal separator in percentages ("85,7%" in Vietnamese, "85.7%" in English).
    var decimalSeparator: String

    // Calendar notes
    var noProvisionalYears: String
    var provisionalYears: @Sendable (_ years: String) -> String
    var provisionalMark: String
    var dateNote: String

    // CSV
    var csvHeaders: [String]
    var yes: String
    var no: String

    // Complete publication (indicator 1.3), the online-service review, reporting duties
    var incompleteTitle: String
    var missingPartsColumn: String
    var incompleteCount: String
    var completenessShare: @Sendable (_ complete: Int, _ total: Int, _ percent: String) -> String
    var completenessScope: @Sendable (_ parts: String) -> String
    var indicator13Column: String
    var indicator13Note: String
    var onlineReviewTitle: String
    var currentLevelColumn: String
    var ministryLevelColumn: String
    var proposalColumn: String
    var groundColumn: String
    var raiseCount: String
    var noLevel: String
    var proposal: @Sendable (_ raise: Bool, _ level: String) -> String
    var ground: @Sendable (OnlineReviewItem.Ground?) -> String
    var onlineReviewNote: String
    var dutiesTitle: String
    var dutyColumn: String
    var dutyRuleColumn: String
    var dueColumn: String
    var daysLeftColumn: String
    var noDuties: String
    var dutyRule: @Sendable (_ monthly: Bool, _ before: Bool, _ day: String) -> String
    var dutyMoved: @Sendable (_ from: String, _ weekday: String, _ rule: WorkingDayRule) -> String
    var dutyLeft: @Sendable (Int?) -> String
    var dutyRuleNote: String
    var deskReasonColumn: String
    var levelColumn: String
    var settingsLocationColumn: String

    // Workbook
    /// "STT", the row-number column of a listing.
    var rowNumberColumn: String
    /// The first sheet's name: the title and the header lines.
    var workbookFrontSheet: String
    /// The column beside a date column for what its cells say besides the date.
    var workbookDetailColumn: @Sendable (_ column: String) -> String
}

/// "1 working day", "2 working days".
private func englishDays(_ n: Int) -> String { English.count(n, "working day") }

extension ReportStrings {
    static let vietnamese = ReportStrings(
        language: .vi,
        reportTitle: "Báo cáo đối chiếu thủ tục hành chính",
        provinceLabel: "Địa phương",
        agencyLabel: "Cơ quan",
        asOfLabel: "Ngày đối chiếu",
        ruleLabel: "Hạn công bố",
        rule: { n, policy in
            switch policy {
            case .nationalDatabaseFirst:
                "chậm nhất \(n) ngày làm việc kể từ ngày TTHC được cập nhật lên CSDL quốc gia; "
                    + "chưa cập nhật thì kể từ ngày nhận quyết định công bố"
            case .earliest:
                "chậm nhất \(n) ngày làm việc kể từ ngày cập nhật lên CSDL quốc gia "
                    + "hoặc ngày nhận quyết định công bố, tùy ngày nào sớm hơn"
            }
        },
        dueSoonLabel: "Sắp đến hạn",
        dueSoonRule: { n in "còn không quá \(n) ngày làm việc" },
        none: "Không có.",

        summaryTitle: "Tóm tắt",
        urgentTitle: "Quá hạn và sắp đến hạn công bố",
        expiredTitle: "Thủ tục đã hết hiệu lực nhưng còn trong danh mục",
        notPublishedTitle: "Chưa công bố hoặc chưa xác định được hạn",
        lateTitle: "Đã công bố chậm",
        undatedTitle: "Đã công bố nhưng thiếu ngày công bố",
        differencesTitle: "Sai khác giữa danh mục của tỉnh và quyết định của Bộ",
        findingsTitle: "Vấn đề khác trong danh mục",
        otherChangesTitle: "Đã công bố đúng hạn và không áp dụng",
        scorecardTitle: "Chỉ số đánh giá (Quyết định 766/QĐ-TTg)",
        calendarTitle: "Ghi chú về lịch ngày làm việc",
        unreadTitle: "Danh mục không đọc được",
        unreadNote: "Báo cáo này KHÔNG gồm các quyết định trong những tệp dưới đây, vì không đọc được; các số liệu chỉ tính các quyết định còn lại. Sửa tệp rồi chạy lại.",
        unplacedTitle: "Dòng trong danh mục không đọc được thành thủ tục",
        unplacedNote: "Các dòng này không phải thủ tục, tiêu đề hay dòng mục mà chương trình hiểu được; hãy kiểm tra bằng tthc inspect.",
        fileColumn: "Tệp",
        rowColumn: "Vị trí",
        rowTextColumn: "Nội dung dòng",

        summaryItem: "Nội dung",
        summaryCount: "Số lượng",
        totalChanges: "Tổng số thay đổi trong các quyết định của Bộ",
        statusKind: { kind in
            switch kind {
            case .overdue: "Quá hạn chưa công bố"
            case .pending: "Chưa công bố, còn hạn"
            case .cannotCompute: "Chưa xác định được hạn"
            case .late: "Đã công bố chậm"
            case .publishedUndated: "Đã công bố, thiếu ngày công bố"
            case .onTime: "Đã công bố đúng hạn"
            case .notApplicable: "Không áp dụng"
            }
        },
        dueSoonCount: { n in "trong đó sắp đến hạn (còn không quá \(n) ngày làm việc)" },
        expiredCount: "Thủ tục hết hiệu lực còn trong danh mục",
        differencesCount: "Sai khác với quyết định của Bộ",
        findingsCount: "Vấn đề khác",

        statusColumn: "Tình trạng",
        deadlineColumn: "Hạn công bố",
        codeColumn: "Mã TTHC",
        nameColumn: "Tên thủ tục",
        decisionColumn: "Quyết định của Bộ",
        triggerColumn: "Ngày bắt đầu tính hạn",
        publicationColumn: "Công bố của tỉnh",
        status: { status in
            switch status {
            case .onTime: "Đúng hạn"
            case .late(let n): "Chậm \(n) ngày làm việc"
            case .pending(let n): n == 0 ? "Đến hạn hôm nay" : "Còn \(n) ngày làm việc"
            case .overdue(let n): "Quá hạn \(n) ngày làm việc"
            case .publishedUndated: "Đã công bố, thiếu ngày công bố"
            case .cannotCompute: "Chưa xác định được hạn (thiếu ngày kích hoạt)"
            case .notApplicable(.centralOnly): "Không áp dụng (chỉ cấp trung ương)"
            case .notApplicable(.outOfScope): "Không áp dụng (ngoài phạm vi của tỉnh)"
            case .notApplicable(.notListedLocally): "Không áp dụng (tỉnh chưa có thủ tục này)"
            }
        },
        triggerSource: { source in
            switch source {
            case .nationalDatabase: "cập nhật CSDL quốc gia"
            case .received: "nhận quyết định"
            }
        },
        replacesCode: { code in "thay thế \(code)" },
        provincialDecision: { number in "QĐ \(number)" },
        probableLocalMatch: { code, name in
            "khớp theo tên với: " + (code.map { "\($0) " } ?? "") + name
        },
        notPublished: "chưa công bố",

        reasonColumn: "Lý do",
        sinceColumn: "Hết hiệu lực từ",
        locationColumn: "Vị trí trong danh mục",
        expiredReason: { reason, replacement in
            switch reason {
            case .abolished: "Đã bị bãi bỏ"
            case .replaced: replacement.map { "Đã bị thay thế bởi \($0)" } ?? "Đã bị thay thế"
            case .validUntilPassed: "Đã hết thời hạn hiệu lực"
            }
        },

        fieldColumn: "Nội dung",
        localColumn: "Tỉnh đang ghi",
        ministryColumn: "Bộ công bố",
        emptyValue: "(để trống)",

        kindColumn: "Loại vấn đề",
        messageColumn: "Chi tiết",
        findingKind: { kind in
            switch kind {
            case .duplicateCode: "Trùng mã TTHC"
            case .malformedCode: "Mã TTHC sai định dạng"
            case .districtLevel: "Còn ghi cấp huyện sau 01/07/2025"
            case .unexplained: "Không có trong danh mục quốc gia"
            case .probableMatch: "Khớp theo tên, cần kiểm tra mã"
            default: CheckStrings.vietnamese.ruleTitle(kind)
            }
        },

        monthColumn: "Tháng",
        totalRow: "Cộng",
        indicator11Column: "Chỉ số 1.1: công bố đúng hạn",
        indicator12Column: "Chỉ số 1.2: công khai đúng hạn",
        indicatorNotes: [
            "Chỉ số 1.1: quyết định công bố của tỉnh ban hành chậm nhất 5 ngày làm việc trước ngày văn bản có hiệu lực.",
            "Chỉ số 1.2: thủ tục được công khai trên Cổng dịch vụ công chậm nhất 5 ngày làm việc sau ngày công bố.",
        ],
        noMonths: "Chưa có quyết định công bố nào để tính chỉ số.",
        onlineShare: { online, total, percent, full, partial in
            "Thủ tục đang có hiệu lực có dịch vụ công trực tuyến: \(online)/\(total) (\(percent)); "
                + "toàn trình \(full), một phần \(partial)."
        },
        onlineTarget: { target, met, missing in
            met ? "Chỉ tiêu được giao: \(target). Đã đạt."
                : "Chỉ tiêu được giao: \(target). Chưa đạt, còn thiếu \(missing) thủ tục."
        },
        noOnlineTarget: "Chưa cấu hình chỉ tiêu dịch vụ công trực tuyến.",
        decimalSeparator: ",",

        noProvisionalYears: "Mọi năm dùng để tính hạn đều có lịch nghỉ chính thức.",
        provisionalYears: { years in
            "Năm \(years) chưa có lịch nghỉ chính thức: các hạn tính qua năm này được tính theo "
                + "quy định của Bộ luật Lao động và có thể thay đổi khi Thủ tướng Chính phủ công bố lịch nghỉ."
        },
        provisionalMark: "Dấu * sau một hạn công bố: hạn tạm tính.",
        dateNote: "Ngày ghi theo dạng ngày/tháng/năm; ngày làm việc không tính thứ Bảy, Chủ nhật, ngày lễ, Tết và ngày nghỉ bù.",

        csvHeaders: [
            "Mục", "Loại", "Mô tả", "Số ngày làm việc", "Mã TTHC", "Tên thủ tục", "Quyết định của Bộ",
            "Cơ quan ban hành", "Loại thay đổi", "Cấp thực hiện", "Ngày hiệu lực", "Ngày bắt đầu tính hạn",
            "Nguồn ngày bắt đầu", "Hạn công bố", "Hạn tạm tính", "Quyết định công bố của tỉnh", "Ngày công bố",
            "Tỉnh đang ghi", "Bộ công bố", "Thay thế thủ tục", "Được thay thế bởi", "Hết hiệu lực từ",
            "Vị trí",
        ],
        yes: "có",
        no: "không",

        incompleteTitle: "Công bố thiếu bộ phận tạo thành (chỉ số 1.3)",
        missingPartsColumn: "Bộ phận còn trống",
        incompleteCount: "Thủ tục thiếu bộ phận tạo thành",
        completenessShare: { complete, total, percent in
            "Thủ tục đang có hiệu lực ghi đủ các bộ phận trên: \(complete)/\(total) (\(percent))."
        },
        completenessScope: { parts in
            "Chỉ xét các bộ phận mà danh mục có cột: \(parts). Các bộ phận khác của Nghị định 63/2010/NĐ-CP, Điều 8 "
                + "(sửa đổi bởi Nghị định 92/2017/NĐ-CP) chỉ được kiểm tra khi danh mục có cột tương ứng; "
                + "\"Không\" là một giá trị, ô để trống thì không."
        },
        indicator13Column: "Chỉ số 1.3: công bố đầy đủ (phần danh mục có)",
        indicator13Note: "Chỉ số 1.3: thủ tục đang có hiệu lực, công bố trong tháng, ghi đủ các bộ phận tạo thành mà danh mục có cột; không thay cho việc đối chiếu toàn văn quyết định công bố.",
        onlineReviewTitle: "Rà soát mức độ dịch vụ công trực tuyến",
        currentLevelColumn: "Tỉnh đang ghi",
        ministryLevelColumn: "Bộ công bố",
        proposalColumn: "Đề xuất",
        groundColumn: "Căn cứ đề xuất",
        raiseCount: "Thủ tục đề nghị nâng mức dịch vụ công trực tuyến",
        noLevel: "chưa ghi",
        proposal: { raise, level in raise ? "Nâng lên \(level)" : "Giữ nguyên" },
        ground: { ground in
            switch ground {
            case .ministryOffers?: "Bộ công bố mức cao hơn"
            case .targetNotMet?: "chưa đạt chỉ tiêu của tỉnh"
            case nil: "phòng chuyên môn ghi lý do"
            }
        },
        onlineReviewNote: "Danh sách để các phòng ghi lý do giữ nguyên hoặc mức đề xuất: tthc reconcile --online-review TỆP.csv.",
        dutiesTitle: "Nghĩa vụ báo cáo",
        dutyColumn: "Báo cáo",
        dutyRuleColumn: "Thời hạn quy định",
        dueColumn: "Hạn nộp",
        daysLeftColumn: "Còn lại",
        noDuties: "Chưa cấu hình nghĩa vụ báo cáo (danh sách reports: trong settings.yaml).",
        dutyRule: { monthly, before, day in
            (before ? "trước ngày " : "chậm nhất ngày ") + day + (monthly ? " hằng tháng" : "")
        },
        dutyMoved: { from, weekday, rule in
            switch rule {
            case .previous: "\(from) là \(weekday), không phải ngày làm việc: nộp vào ngày làm việc liền trước"
            case .next: "\(from) là \(weekday), không phải ngày làm việc: nộp vào ngày làm việc liền sau"
            case .keep: "\(from) là \(weekday)"
            }
        },
        dutyLeft: { left in
            switch left {
            case nil: "đã qua"
            case 0?: "hạn hôm nay"
            case let n?: "còn \(n) ngày làm việc"
            }
        },
        dutyRuleNote: "\"Trước ngày D\" là hạn ngày D − 1; ngày hạn không phải ngày làm việc thì lùi về ngày làm việc liền trước (working-day-rule: previous, mặc định), hoặc theo quy tắc đã cấu hình.",
        deskReasonColumn: "Lý do (phòng chuyên môn ghi)",
        levelColumn: "Mức đề xuất",
        settingsLocationColumn: "Vị trí trong settings.yaml",

        rowNumberColumn: "STT",
        workbookFrontSheet: "Thông tin chung",
        workbookDetailColumn: { "\($0) (ghi chú)" }
    )

    static let english = ReportStrings(
        language: .en,
        reportTitle: "Administrative procedure reconciliation report",
        provinceLabel: "Province",
        agencyLabel: "Agency",
        asOfLabel: "As of",
        ruleLabel: "Publication deadline",
        rule: { n, policy in
            switch policy {
            case .nationalDatabaseFirst:
                "\(englishDays(n)) from the day the procedure was updated on the national database; "
                    + "if it was not, from the day the decision was received"
            case .earliest:
                "\(englishDays(n)) from the national-database update or the receipt of the decision, "
                    + "whichever is earlier"
            }
        },
        dueSoonLabel: "Due soon",
        dueSoonRule: { n in "at most \(englishDays(n)) left" },
        none: "None.",

        summaryTitle: "Summary",
        urgentTitle: "Overdue and due soon",
        expiredTitle: "Procedures no longer in force still listed",
        notPublishedTitle: "Not yet published, or no deadline",
        lateTitle: "Published late",
        undatedTitle: "Published without a publication date",
        differencesTitle: "Differences between the provincial catalogue and the ministry decisions",
        findingsTitle: "Other catalogue findings",
        otherChangesTitle: "Published on time and not applicable",
        scorecardTitle: "Scorecard (Decision 766/QĐ-TTg)",
        calendarTitle: "Calendar notes",
        unreadTitle: "Listings that could not be read",
        unreadNote: "This report does NOT cover the decisions in the files below, which could not be read; every figure counts the other decisions only. Fix the files and run again.",
        unplacedTitle: "Listing rows not read as procedures",
        unplacedNote: "These rows are neither a procedure nor a title or section row the program understood; check them with tthc inspect.",
        fileColumn: "File",
        rowColumn: "Location",
        rowTextColumn: "Row",

        summaryItem: "Item",
        summaryCount: "Count",
        totalChanges: "Changes in the ministry decisions",
        statusKind: { kind in
            switch kind {
            case .overdue: "Overdue, not published"
            case .pending: "Not yet published, within deadline"
            case .cannotCompute: "Deadline unknown"
            case .late: "Published late"
            case .publishedUndated: "Published, no publication date"
            case .onTime: "Published on time"
            case .notApplicable: "Not applicable"
            }
        },
        dueSoonCount: { n in "of which due soon (at most \(englishDays(n)) left)" },
        expiredCount: "Procedures no longer in force still listed",
        differencesCount: "Differences from the ministry decisions",
        findingsCount: "Other findings",

        statusColumn: "Status",
        deadlineColumn: "Deadline",
        codeColumn: "Code",
        nameColumn: "Procedure",
        decisionColumn: "Ministry decision",
        triggerColumn: "Clock started",
        publicationColumn: "Provincial publication",
        status: { status in
            switch status {
            case .onTime: "On time"
            case .late(let n): "Late by \(englishDays(n))"
            case .pending(let n): n == 0 ? "Due today" : "\(englishDays(n)) left"
            case .overdue(let n): "Overdue by \(englishDays(n))"
            case .publishedUndated: "Published, no publication date"
            case .cannotCompute: "Deadline unknown (no trigger date)"
            case .notApplicable(.centralOnly): "Not applicable (central level only)"
            case .notApplicable(.outOfScope): "Not applicable (outside the province's scope)"
            case .notApplicable(.notListedLocally): "Not applicable (never listed by the province)"
            }
        },
        triggerSource: { source in
            switch source {
            case .nationalDatabase: "national database"
            case .received: "decision received"
            }
        },
        replacesCode: { code in "replaces \(code)" },
        provincialDecision: { number in "Decision \(number)" },
        probableLocalMatch: { code, name in
            "matched by name with: " + (code.map { "\($0) " } ?? "") + name
        },
        notPublished: "not published",

        reasonColumn: "Reason",
        sinceColumn: "Not in force since",
        locationColumn: "Catalogue location",
        expiredReason: { reason, replacement in
            switch reason {
            case .abolished: "Abolished"
            case .replaced: replacement.map { "Replaced by \($0)" } ?? "Replaced"
            case .validUntilPassed: "Valid-until date passed"
            }
        },

        fieldColumn: "Field",
        localColumn: "Provincial catalogue says",
        ministryColumn: "Ministry decision says",
        emptyValue: "(empty)",

        kindColumn: "Finding",
        messageColumn: "Details",
        findingKind: { kind in
            switch kind {
            case .duplicateCode: "Duplicate code"
            case .malformedCode: "Malformed code"
            case .districtLevel: "District level after 01/07/2025"
            case .unexplained: "Not in the national listing"
            case .probableMatch: "Matched by name, check the code"
            default: CheckStrings.english.ruleTitle(kind)
            }
        },

        monthColumn: "Month",
        totalRow: "Total",
        indicator11Column: "Indicator 1.1: published on time",
        indicator12Column: "Indicator 1.2: posted on time",
        indicatorNotes: [
            "Indicator 1.1: the provincial decision is issued at least 5 working days before the legal document takes effect.",
            "Indicator 1.2: the procedure is posted on the public-service portal within 5 working days of publication.",
        ],
        noMonths: "No provincial publication to score yet.",
        onlineShare: { online, total, percent, full, partial in
            "Procedures in force with online public service: \(online)/\(total) (\(percent)); "
                + "full \(full), partial \(partial)."
        },
        onlineTarget: { target, met, missing in
            met ? "Target: \(target). Met."
                : "Target: \(target). Not met, \(missing) more procedures needed."
        },
        noOnlineTarget: "No online-service target configured.",
        decimalSeparator: ".",

        noProvisionalYears: "Every year used in a deadline has an official holiday schedule on file.",
        provisionalYears: { years in
            "No official holiday schedule on file for \(years): deadlines counted through it are computed "
                + "from the statutory rules of the Labour Code and may move when the Prime Minister announces the schedule."
        },
        provisionalMark: "An asterisk * after a deadline marks it as provisional.",
        dateNote: "Dates are written day/month/year; working days exclude Saturdays, Sundays, public holidays and compensatory days off.",

        csvHeaders: [
            "Section", "Kind", "Description", "Working days", "Code", "Procedure", "Ministry decision",
            "Issuer", "Change", "Levels", "Effective", "Clock started",
            "Clock source", "Deadline", "Provisional", "Provincial decision", "Published on",
            "Provincial catalogue says", "Ministry decision says", "Replaces", "Replaced by", "Not in force since",
            "Location",
        ],
        yes: "yes",
        no: "no",

        incompleteTitle: "Published without every constituent part (indicator 1.3)",
        missingPartsColumn: "Empty parts",
        incompleteCount: "Procedures missing a constituent part",
        completenessShare: { complete, total, percent in
            "Procedures in force stating every part above: \(complete)/\(total) (\(percent))."
        },
        completenessScope: { parts in
            "Covers only the parts the catalogue has a column for: \(parts). The other parts of Decree 63/2010/NĐ-CP "
                + "Art. 8 (as amended by Decree 92/2017/NĐ-CP) are checked only where the catalogue carries their column; "
                + "\"Không\" (none) is a value, an empty cell is not."
        },
        indicator13Column: "Indicator 1.3: complete (parts held)",
        indicator13Note: "Indicator 1.3: procedures in force published in the month that state every constituent part the catalogue has a column for; it does not replace reading the publication decision itself.",
        onlineReviewTitle: "Online-service review",
        currentLevelColumn: "Province lists",
        ministryLevelColumn: "Ministry gives",
        proposalColumn: "Proposal",
        groundColumn: "Ground",
        raiseCount: "Procedures proposed for a higher online-service level",
        noLevel: "not stated",
        proposal: { raise, level in raise ? "Raise to \(level)" : "Keep" },
        ground: { ground in
            switch ground {
            case .ministryOffers?: "the ministry gives a higher level"
            case .targetNotMet?: "the province's target is not met"
            case nil: "the department writes the reason"
            }
        },
        onlineReviewNote: "The listing on which departments write why a level is kept or what they propose: tthc reconcile --online-review FILE.csv.",
        dutiesTitle: "Reporting duties",
        dutyColumn: "Report",
        dutyRuleColumn: "Rule",
        dueColumn: "Due",
        daysLeftColumn: "Left",
        noDuties: "No reporting duty configured (the reports: list in settings.yaml).",
        dutyRule: { monthly, before, day in
            (before ? "before " : "by ") + (monthly ? "the \(day) of every month" : day)
        },
        dutyMoved: { from, weekday, rule in
            switch rule {
            case .previous: "\(from) is a \(weekday), not a working day: due the working day before"
            case .next: "\(from) is a \(weekday), not a working day: due the working day after"
            case .keep: "\(from) is a \(weekday)"
            }
        },
        dutyLeft: { left in
            switch left {
            case nil: "passed"
            case 0?: "due today"
            case let n?: "\(English.count(n, "working day")) left"
            }
        },
        dutyRuleNote: "\"Before day D\" means due on D − 1; a due day that is not a working day moves to the working day before (working-day-rule: previous, the default), or as configured.",
        deskReasonColumn: "Reason (written by the department)",
        levelColumn: "Proposed level",
        settingsLocationColumn: "Place in settings.yaml",

        rowNumberColumn: "No",
        workbookFrontSheet: "About",
        workbookDetailColumn: { "\($0) (note)" }
    )
}
