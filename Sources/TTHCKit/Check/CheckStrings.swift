/// Every word of the CI gate (the rules' titles, descriptions and help, the findings'
/// messages, the GitHub job summary), one table per language. Findings carry both
/// languages (``StringTable/both(_:)``): JUnit, SARIF and the terminal choose at the edge.
struct CheckStrings: StringTable {
    var ruleTitle: @Sendable (CheckRule) -> String
    var ruleDescription: @Sendable (CheckRule) -> String
    var ruleHelp: @Sendable (CheckRule) -> String
    var unknownRule: @Sendable (_ id: String, _ valid: String) -> String
    var emptyCatalogue: @Sendable (_ directory: String) -> String
    var abolished: @Sendable (_ decision: String, _ since: String) -> String
    var replaced: @Sendable (_ by: String, _ decision: String, _ since: String) -> String
    var validUntilPassed: @Sendable (_ since: String) -> String
    var overdue: @Sendable (_ change: String, _ decision: String, _ deadline: String, _ workingDays: Int) -> String
    var late: @Sendable (_ workingDays: Int, _ decision: String, _ deadline: String, _ published: String) -> String
    var noDeadline: @Sendable (_ decision: String) -> String
    var difference: @Sendable (_ field: String, _ decision: String, _ local: String?, _ ministry: String?) -> String
    // The reconciler's findings on the catalogue itself.
    var noCode: String
    var malformedCode: @Sendable (_ code: String) -> String
    var duplicateCode: @Sendable (_ code: String, _ first: String) -> String
    var districtLevel: String
    var decisionDistrictLevel: @Sendable (_ decision: String) -> String
    var unexplained: @Sendable (_ snapshots: String) -> String
    var probableMatch: @Sendable (_ code: String) -> String
    // The opt-in rules: complete publication, online-service review, reporting duties.
    var incomplete: @Sendable (_ parts: String) -> String
    var onlineCandidate: @Sendable (_ current: String, _ proposed: String, _ ministryOffers: Bool, _ decision: String) -> String
    var reportDue: @Sendable (_ rule: String, _ due: CivilDate, _ left: Int) -> String
    var language: Language
    // The GitHub job summary.
    var summaryTitle: String
    var summaryCounts: @Sendable (_ errors: Int, _ warnings: Int, _ notes: Int, _ asOf: CivilDate) -> String
    var summaryTruncated: @Sendable (_ shown: Int, _ total: Int) -> String
    var summaryColumns: [String]

    static let vietnamese = CheckStrings(
        ruleTitle: { rule in
            switch rule {
            case .expired: "Thủ tục hết hiệu lực vẫn còn trong danh mục"
            case .overdue: "Quá hạn công bố"
            case .difference: "Nội dung khác quyết định của Bộ"
            case .unpublishedLate: "Công bố muộn"
            case .duplicateCode: "Mã thủ tục trùng"
            case .malformedCode: "Mã thủ tục sai dạng hoặc thiếu"
            case .districtLevel: "Còn ghi cấp huyện sau 01/07/2025"
            case .unexplained: "Thủ tục không có trong danh mục đầy đủ của Bộ"
            case .probableMatch: "Ghép theo tên, mã không khớp"
            case .noDeadline: "Không tính được hạn công bố"
            case .emptyCatalogue: "Danh mục không có thủ tục nào"
            case .incompletePublication: "Công bố thiếu bộ phận tạo thành"
            case .onlineServiceCandidate: "Có thể nâng mức dịch vụ công trực tuyến"
            case .reportDue: "Sắp đến hạn nộp báo cáo"
            }
        },
        ruleDescription: { rule in
            switch rule {
            case .expired: "Danh mục ghi thủ tục còn hiệu lực trong khi quyết định của Bộ đã bãi bỏ hoặc thay thế nó và đã có hiệu lực, hoặc đã quá ngày hết hiệu lực ghi trong danh mục."
            case .overdue: "Thay đổi theo quyết định của Bộ chưa được công bố và đã quá hạn (số ngày làm việc kể từ ngày Bộ cập nhật lên CSDL quốc gia hoặc ngày nhận quyết định)."
            case .difference: "Một trường của thủ tục trong danh mục (tên, lĩnh vực, cấp thực hiện, cơ quan, thời hạn, phí, dịch vụ công trực tuyến) khác phiên bản hiện hành của Bộ."
            case .unpublishedLate: "Thay đổi đã được công bố nhưng sau hạn công bố."
            case .duplicateCode: "Cùng một mã quốc gia xuất hiện nhiều lần trong danh mục."
            case .malformedCode: "Mã thủ tục không có dạng mã quốc gia (ví dụ 1.010696), hoặc thủ tục không có mã."
            case .districtLevel: "Từ ngày 01/07/2025 chính quyền địa phương có hai cấp (tỉnh, xã); dữ liệu còn ghi cấp huyện."
            case .unexplained: "Thủ tục còn hiệu lực trong danh mục nhưng không có trong danh mục đầy đủ mà Bộ công bố."
            case .probableMatch: "Thủ tục được ghép với thủ tục của Bộ theo tên vì mã không khớp; cần kiểm tra lại mã."
            case .noDeadline: "Quyết định không có ngày Bộ cập nhật lên CSDL quốc gia hay ngày nhận, nên không tính được hạn công bố."
            case .emptyCatalogue: "Thư mục local/ không có thủ tục nào được đọc: mọi quy tắc khác sẽ đạt mà không kiểm tra gì (thư mục rỗng, sai đường dẫn --catalogs, hoặc tệp không đọc được)."
            case .incompletePublication: "Thủ tục đang có hiệu lực để trống một bộ phận tạo thành mà danh mục có cột (thời hạn, phí, cơ quan, căn cứ pháp lý, mức độ DVC trực tuyến…; Nghị định 63/2010/NĐ-CP, Điều 8, sửa đổi bởi Nghị định 92/2017/NĐ-CP; chỉ số 1.3 của Quyết định 766/QĐ-TTg)."
            case .onlineServiceCandidate: "Bộ công bố mức dịch vụ công trực tuyến cao hơn mức tỉnh đang ghi, hoặc tỉnh chưa đạt chỉ tiêu và thủ tục chưa có dịch vụ công trực tuyến."
            case .reportDue: "Một báo cáo trong danh sách reports: của settings.yaml đến hạn nộp trong số ngày làm việc nhắc trước (reminder-within)."
            }
        },
        ruleHelp: { rule in
            switch rule {
            case .expired: "Chuyển trạng thái thủ tục sang \"đã bãi bỏ\" kèm quyết định công bố của tỉnh, hoặc sửa ngày hết hiệu lực."
            case .overdue: "Trình quyết định công bố của tỉnh và cập nhật danh mục (ngày công bố, quyết định của Bộ)."
            case .difference: "Sửa trường trong danh mục theo quyết định của Bộ, hoặc công bố lại thủ tục."
            case .unpublishedLate: "Không cần sửa dữ liệu; chỉ tiêu 766 ghi nhận công bố muộn."
            case .duplicateCode: "Giữ một dòng cho mỗi mã."
            case .malformedCode: "Ghi mã theo CSDL quốc gia về TTHC."
            case .districtLevel: "Chuyển thẩm quyền cấp huyện sang cấp tỉnh hoặc cấp xã."
            case .unexplained: "Kiểm tra thủ tục còn được thực hiện hay phải bãi bỏ."
            case .probableMatch: "Sửa mã trong danh mục cho khớp mã của Bộ."
            case .noDeadline: "Ghi ngày nhận quyết định (số đến) vào sổ theo dõi văn bản đến."
            case .emptyCatalogue: "Kiểm tra đường dẫn --catalogs và các tệp trong local/."
            case .incompletePublication: "Bổ sung bộ phận còn trống theo quyết định công bố (\"Không\" nếu thủ tục không có phí)."
            case .onlineServiceCandidate: "Rà soát và đề xuất nâng mức, hoặc ghi lý do giữ nguyên vào danh sách rà soát."
            case .reportDue: "Chuẩn bị và gửi báo cáo trước hạn."
            }
        },
        unknownRule: { id, valid in "không có quy tắc \"\(id)\"; các quy tắc: \(valid), all" },
        emptyCatalogue: { dir in "không có thủ tục nào trong \(dir)/local/" },
        abolished: { decision, since in "vẫn ghi còn hiệu lực nhưng đã bị bãi bỏ theo Quyết định \(decision) từ ngày \(since)" },
        replaced: { by, decision, since in
            "vẫn ghi còn hiệu lực nhưng đã bị thay thế bởi thủ tục\(by) theo Quyết định \(decision) từ ngày \(since)"
        },
        validUntilPassed: { since in "vẫn ghi còn hiệu lực nhưng đã hết hiệu lực từ ngày \(since)" },
        overdue: { change, decision, deadline, n in
            "chưa công bố (\(change)) theo Quyết định \(decision): hạn \(deadline), quá hạn \(n) ngày làm việc"
        },
        late: { n, decision, deadline, published in
            "công bố muộn \(n) ngày làm việc theo Quyết định \(decision): hạn \(deadline), công bố \(published)"
        },
        noDeadline: { decision in
            "Quyết định \(decision) không có ngày cập nhật CSDL quốc gia hay ngày nhận: không tính được hạn công bố"
        },
        difference: { field, decision, local, ministry in
            "\(field) khác Quyết định \(decision): danh mục ghi \(local.map { "\"\($0)\"" } ?? "(trống)"), Bộ ghi \(ministry.map { "\"\($0)\"" } ?? "(trống)")"
        },
        noCode: "thủ tục không có mã",
        malformedCode: { code in "mã \"\(code)\" không đúng dạng mã quốc gia (ví dụ 1.010696)" },
        duplicateCode: { code, first in "mã \(code) đã có ở \(first)" },
        districtLevel: "còn ghi cấp huyện sau ngày 01/07/2025 (chính quyền địa phương hai cấp)",
        decisionDistrictLevel: { decision in "quyết định \(decision) còn ghi cấp huyện sau ngày 01/07/2025" },
        unexplained: { snapshots in "không có trong danh mục đầy đủ của \(snapshots)" },
        probableMatch: { code in "ghép theo tên với thủ tục \(code) của Bộ (mã không khớp): cần kiểm tra" },
        incomplete: { parts in "công bố thiếu bộ phận tạo thành: \(parts) để trống" },
        onlineCandidate: { current, proposed, ministryOffers, decision in
            ministryOffers ? "tỉnh ghi \(current), Quyết định \(decision) của Bộ công bố \(proposed): đề nghị nâng lên \(proposed)"
                : "tỉnh chưa đạt chỉ tiêu dịch vụ công trực tuyến, thủ tục đang ghi \(current): đề nghị nâng lên \(proposed)"
        },
        reportDue: { rule, due, left in
            "báo cáo \(rule): hạn nộp \(due.vietnamese) (\(due.weekday.vietnameseName)), " + (left == 0 ? "hạn hôm nay" : "còn \(left) ngày làm việc")
        },
        language: .vi,
        summaryTitle: "Kiểm tra danh mục TTHC",
        summaryCounts: { e, w, n, asOf in "Tính đến ngày \(asOf.vietnamese): \(e) lỗi, \(w) cảnh báo, \(n) ghi chú." },
        summaryTruncated: { shown, total in
            "Chỉ \(shown) trong \(total) kết quả được chú thích trên mã nguồn; bảng dưới đây có đủ."
        },
        summaryColumns: ["Mức", "Quy tắc", "Vị trí", "Mã", "Thủ tục", "Nội dung"]
    )

    static let english = CheckStrings(
        ruleTitle: { rule in
            switch rule {
            case .expired: "Procedure no longer in force is still listed"
            case .overdue: "Publication overdue"
            case .difference: "Content differs from the ministry's decision"
            case .unpublishedLate: "Published late"
            case .duplicateCode: "Duplicate procedure code"
            case .malformedCode: "Malformed or missing procedure code"
            case .districtLevel: "District level named after 01/07/2025"
            case .unexplained: "Procedure not in the ministry's full listing"
            case .probableMatch: "Paired by name, codes differ"
            case .noDeadline: "Publication deadline cannot be computed"
            case .emptyCatalogue: "The catalogue holds no procedure"
            case .incompletePublication: "Published without a constituent part"
            case .onlineServiceCandidate: "Online-service level could be raised"
            case .reportDue: "Report due soon"
            }
        },
        ruleDescription: { rule in
            switch rule {
            case .expired: "The catalogue lists the procedure as in force although a ministry decision in force abolished or replaced it, or its valid-until date has passed."
            case .overdue: "A change made by a ministry decision is not published and its deadline (working days from the national database update or the date the decision was received) has passed."
            case .difference: "A field of the local entry (name, field, levels, agency, processing time, fees, online service) differs from the ministry's current version."
            case .unpublishedLate: "The change was published, but after its deadline."
            case .duplicateCode: "The same national code appears more than once in the catalogue."
            case .malformedCode: "The procedure code is not a national code (e.g. 1.010696), or the procedure has no code."
            case .districtLevel: "Since 01/07/2025 local government has two tiers (province, commune); the data still names the district level."
            case .unexplained: "An in-force local entry that the ministry's full listing does not mention."
            case .probableMatch: "The entry was paired with a ministry procedure by name because the codes differ; check the code."
            case .noDeadline: "The decision has neither a national database date nor a received date, so no deadline can be computed."
            case .emptyCatalogue: "No procedure was read from local/: every other rule would pass without checking anything (an empty directory, a wrong --catalogs path, or files that could not be read)."
            case .incompletePublication: "An in-force procedure leaves empty a constituent part the catalogue has a column for (processing time, fees, agency, legal basis, online-service level…; Decree 63/2010/NĐ-CP Art. 8 as amended by Decree 92/2017/NĐ-CP; Decision 766/QĐ-TTg indicator 1.3)."
            case .onlineServiceCandidate: "The ministry gives a higher online-service level than the province lists, or the province misses its target and the procedure has no online service."
            case .reportDue: "A report of the reports: list in settings.yaml is due within the reminder window (reminder-within working days)."
            }
        },
        ruleHelp: { rule in
            switch rule {
            case .expired: "Mark the entry abolished with the province's publishing decision, or correct its valid-until date."
            case .overdue: "Have the province's publishing decision issued and update the catalogue (publication date, ministry decision)."
            case .difference: "Correct the field from the ministry's decision, or publish the procedure again."
            case .unpublishedLate: "No data to fix; the Decision 766 scorecard records the late publication."
            case .duplicateCode: "Keep one row per code."
            case .malformedCode: "Write the code as the national database gives it."
            case .districtLevel: "Move district-level competence to the province or the commune."
            case .unexplained: "Check whether the procedure is still carried out or should be abolished."
            case .probableMatch: "Correct the code in the catalogue to the ministry's code."
            case .noDeadline: "Record the received date (incoming number) in the decision register."
            case .emptyCatalogue: "Check the --catalogs path and the files in local/."
            case .incompletePublication: "Fill in the empty part from the publication decision (\"Không\" when the procedure has no fee)."
            case .onlineServiceCandidate: "Review the level and propose raising it, or write why it is kept in the review listing."
            case .reportDue: "Prepare and send the report before it is due."
            }
        },
        unknownRule: { id, valid in "no rule \"\(id)\"; the rules are: \(valid), all" },
        emptyCatalogue: { dir in "no procedure in \(dir)/local/" },
        abolished: { decision, since in "still listed as in force but abolished by decision \(decision) from \(since)" },
        replaced: { by, decision, since in
            "still listed as in force but replaced by procedure\(by) under decision \(decision) from \(since)"
        },
        validUntilPassed: { since in "still listed as in force but no longer valid from \(since)" },
        overdue: { change, decision, deadline, n in
            "not published (\(change)) under decision \(decision): due \(deadline), overdue by \(English.count(n, "working day"))"
        },
        late: { n, decision, deadline, published in
            "published \(English.count(n, "working day")) late under decision \(decision): due \(deadline), published \(published)"
        },
        noDeadline: { decision in
            "decision \(decision) has no national database date and no received date: no deadline can be computed"
        },
        difference: { field, decision, local, ministry in
            "\(field) differs from decision \(decision): the catalogue says \(local.map { "\"\($0)\"" } ?? "(nothing)"), the ministry says \(ministry.map { "\"\($0)\"" } ?? "(nothing)")"
        },
        noCode: "the procedure has no code",
        malformedCode: { code in "code \"\(code)\" is not a national code (e.g. 1.010696)" },
        duplicateCode: { code, first in "code \(code) is already listed at \(first)" },
        districtLevel: "still names the district level after 01/07/2025 (two-tier local government)",
        decisionDistrictLevel: { decision in "decision \(decision) still names the district level after 01/07/2025" },
        unexplained: { snapshots in "not in the full listing of \(snapshots)" },
        probableMatch: { code in "paired by name with the ministry's procedure \(code) (codes differ): please check" },
        incomplete: { parts in "published without every constituent part: \(parts) empty" },
        onlineCandidate: { current, proposed, ministryOffers, decision in
            ministryOffers ? "the province lists \(current), ministry decision \(decision) gives \(proposed): propose raising it to \(proposed)"
                : "the province misses its online-service target and the procedure lists \(current): propose raising it to \(proposed)"
        },
        reportDue: { rule, due, left in
            "report \(rule): due \(due.vietnamese) (\(due.weekday.englishName)), " + (left == 0 ? "due today" : English.count(left, "working day") + " left")
        },
        language: .en,
        summaryTitle: "Procedure catalogue check",
        summaryCounts: { e, w, n, asOf in
            "As of \(asOf.vietnamese): \(English.count(e, "error")), \(English.count(w, "warning")), \(English.count(n, "note"))."
        },
        summaryTruncated: { shown, total in
            "Only \(shown) of \(total) findings are annotated in the files; the table below has them all."
        },
        summaryColumns: ["Level", "Rule", "Location", "Code", "Procedure", "Message"]
    )
}

extension CheckStrings {
    func expired(_ e: ExpiredEntry) -> String {
        let since = e.since.vietnamese, decision = e.decision ?? "?"
        switch e.reason {
        case .abolished: return abolished(decision, since)
        case .replaced: return replaced(e.replacement.map { " \($0.raw)" } ?? "", decision, since)
        case .validUntilPassed: return validUntilPassed(since)
        }
    }

    func overdue(_ row: ChangeRow, _ n: Int) -> String {
        overdue(row.change.label[language], row.decision, row.deadline?.vietnamese ?? "?", n)
    }

    func late(_ row: ChangeRow, _ n: Int) -> String {
        late(n, row.decision, row.deadline?.vietnamese ?? "?", row.publishedOn?.vietnamese ?? "?")
    }

    func difference(_ d: Difference) -> String {
        difference(d.field.label[language], d.decision, d.local?.label[language], d.ministry?.label[language])
    }
}
