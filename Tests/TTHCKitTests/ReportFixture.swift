@testable import TTHCKit

/// A hand-made reconciliation as of Tuesday 29/12/2026 with every status, every expiry
/// reason, differences in several fields, every finding kind, a two-month scorecard with
/// an online-service target, and deadlines counted into 2027 (a provisional year).
/// The rows are deliberately out of report order, so the reporters' sorting is exercised.
enum ReportFixture {
    static func date(_ iso: String) -> CivilDate { try! CivilDate.parse(iso) }

    static let decisionFile = "catalogs/decisions/2345-QD-BKHCN.xml"
    static let csvListing = "catalogs/decisions/1120-QD-BTP.csv"
    static let catalogue = "catalogs/local/so-khcn.csv"

    static func loc(_ file: String, _ line: Int, _ column: Int? = nil) -> TTHCKit.SourceLocation {
        TTHCKit.SourceLocation(file: file, line: line, column: column)
    }

    static func row(
        _ decision: String = "2345/QĐ-BKHCN", issuer: String = "Bộ Khoa học và Công nghệ",
        effective: String = "2027-01-15", code: String, name: String, change: ChangeType = .amended,
        replaces: String? = nil, levels: [AdministrativeLevel] = [.province],
        trigger: String? = nil, source: TriggerSource? = nil, deadline: String? = nil,
        provincialDecision: String? = nil, publishedOn: String? = nil, status: ChangeStatus,
        local: LocalReference? = nil, provisional: Bool = false, line: Int
    ) -> ChangeRow {
        ChangeRow(
            decision: decision, issuer: issuer, effective: date(effective), code: ProcedureCode(code),
            name: name, change: change, replaces: replaces.map { [ProcedureCode($0)] } ?? [], levels: levels,
            trigger: trigger.map(date), triggerSource: source, deadline: deadline.map(date),
            provincialDecision: provincialDecision, publishedOn: publishedOn.map(date), status: status,
            local: local, provisional: provisional,
            location: loc(decision.hasPrefix("1120") ? csvListing : decisionFile, line, decision.hasPrefix("1120") ? nil : 5))
    }

    static let changes: [ChangeRow] = [
        row(code: "1.010696", name: "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế",
            trigger: "2026-12-22", source: .nationalDatabase, deadline: "2026-12-25",
            provincialDecision: "420/QĐ-UBND", publishedOn: "2026-12-24", status: .onTime, line: 14),
        row(code: "1.004227.000.00.00.H56", name: "Cấp chứng chỉ \"nhân viên bức xạ\" <người phụ trách an toàn> & kiểm định",
            trigger: "2026-12-22", source: .nationalDatabase, deadline: "2026-12-25",
            status: .overdue(workingDays: 2), line: 31),
        row(code: "2.001234", name: "Cấp giấy phép vận chuyển chất phóng xạ",
            trigger: "2026-12-21", source: .received, deadline: "2026-12-24",
            status: .overdue(workingDays: 3), line: 48),
        row("1120/QĐ-BTP", issuer: "Bộ Tư pháp", effective: "2027-01-01", code: "2.000908",
            name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản", levels: [.commune],
            trigger: "2026-12-24", source: .nationalDatabase, deadline: "2026-12-29",
            status: .pending(workingDaysLeft: 0), line: 7),
        row("1120/QĐ-BTP", issuer: "Bộ Tư pháp", effective: "2027-01-01", code: "2.000815",
            name: "Chứng thực chữ ký trong các giấy tờ, văn bản", levels: [.commune],
            trigger: "2026-12-28", source: .received, deadline: "2026-12-31",
            status: .pending(workingDaysLeft: 2), line: 8),
        row(code: "1.011020", name: "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ", change: .new,
            trigger: "2026-12-29", source: .nationalDatabase, deadline: "2027-01-04",
            status: .pending(workingDaysLeft: 3), provisional: true, line: 65),
        row(code: "1.011021", name: "Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ", change: .replaced,
            replaces: "1.000123", trigger: "2026-12-29", source: .received, deadline: "2027-01-05",
            status: .pending(workingDaysLeft: 4),
            local: LocalReference(code: "1.000123.000.00.00.H56", name: "Cấp Giấy chứng nhận doanh nghiệp KH&CN",
                                  location: loc(catalogue, 40), match: .probableByName),
            provisional: true, line: 80),
        row("1120/QĐ-BTP", issuer: "Bộ Tư pháp", effective: "2027-01-01", code: "2.002165",
            name: "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
            levels: [.commune], status: .cannotCompute, line: 9),
        row(code: "1.009820", name: "Thẩm định công nghệ dự án đầu tư", trigger: "2026-12-01", source: .nationalDatabase,
            deadline: "2026-12-04", provincialDecision: "398/QĐ-UBND", publishedOn: "2026-12-09",
            status: .late(workingDays: 3), line: 97),
        row(code: "1.009821", name: "Cấp giấy chứng nhận đăng ký chuyển giao công nghệ", trigger: "2026-12-01",
            source: .nationalDatabase, deadline: "2026-12-04", provincialDecision: "401/QĐ-UBND",
            publishedOn: "2026-12-07", status: .late(workingDays: 1), line: 112),
        row(code: "1.008300", name: "Công bố sử dụng dấu định lượng trên nhãn hàng đóng gói sẵn",
            trigger: "2026-12-01", source: .nationalDatabase, deadline: "2026-12-04",
            provincialDecision: "395/QĐ-UBND", status: .publishedUndated, line: 128),
        row(code: "1.001100", name: "Cấp giấy phép xuất khẩu, nhập khẩu vật liệu hạt nhân", levels: [.central],
            status: .notApplicable(.centralOnly), line: 140),
        row(code: "1.002200", name: "Công nhận kết quả đánh giá sự phù hợp của tổ chức nước ngoài", change: .abolished,
            status: .notApplicable(.notListedLocally), line: 152),
        row("1120/QĐ-BTP", issuer: "Bộ Tư pháp", effective: "2027-01-01", code: "2.000500",
            name: "Đăng ký khai sinh có yếu tố nước ngoài", levels: [.province],
            status: .notApplicable(.outOfScope), line: 10),
    ]

    static let differences: [Difference] = [
        Difference(code: ProcedureCode("1.009820"), name: "Thẩm định công nghệ dự án đầu tư", decision: "2345/QĐ-BKHCN",
                   field: .processingTime, local: .text("15 ngày làm việc"), ministry: .text("15 ngày"), location: loc(catalogue, 22, 7)),
        Difference(code: ProcedureCode("1.009820"), name: "Thẩm định công nghệ dự án đầu tư", decision: "2345/QĐ-BKHCN",
                   field: .fees, local: .text("1.500.000 đồng/hồ sơ"), ministry: .text("2.000.000 đồng/hồ sơ"), location: loc(catalogue, 22, 9)),
        Difference(code: ProcedureCode("1.010696"), name: "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế",
                   decision: "2345/QĐ-BKHCN", field: .onlineService, local: .onlineService(.partial), ministry: .onlineService(.full),
                   location: loc(catalogue, 18, 10)),
        Difference(code: ProcedureCode("1.009821"), name: "Cấp giấy chứng nhận đăng ký chuyển giao công nghệ",
                   decision: "2345/QĐ-BKHCN", field: .agency, local: nil, ministry: .text("Sở Khoa học và Công nghệ"),
                   location: loc(catalogue, 25, 6)),
        Difference(code: ProcedureCode("1.009821"), name: "Cấp giấy chứng nhận đăng ký chuyển giao công nghệ",
                   decision: "2345/QĐ-BKHCN", field: .levels, local: .levels([.province, .district]), ministry: .levels([.province]),
                   location: loc(catalogue, 25, 4)),
        Difference(code: ProcedureCode("1.009821"), name: "Cấp giấy chứng nhận đăng ký chuyển giao công nghệ",
                   decision: "2345/QĐ-BKHCN", field: .name, local: .text("Cấp GCN đăng ký chuyển giao công nghệ"),
                   ministry: .text("Cấp giấy chứng nhận đăng ký chuyển giao công nghệ"), location: loc(catalogue, 25, 2)),
    ]

    static let expired: [ExpiredEntry] = [
        ExpiredEntry(code: "1.000123.000.00.00.H56", name: "Cấp Giấy chứng nhận doanh nghiệp KH&CN", reason: .replaced,
                     decision: "2345/QĐ-BKHCN", replacement: ProcedureCode("1.011021"), since: date("2026-12-20"),
                     location: loc(catalogue, 40)),
        ExpiredEntry(code: "1.003000", name: "Cấp phép hoạt động của tổ chức khoa học và công nghệ (thí điểm)",
                     reason: .validUntilPassed, decision: nil, replacement: nil, since: date("2026-12-01"),
                     location: loc(catalogue, 52)),
        ExpiredEntry(code: nil, name: "Xác nhận hợp đồng chuyển giao công nghệ (không mã)", reason: .abolished,
                     decision: "1890/QĐ-BKHCN", replacement: nil, since: date("2026-11-15"),
                     location: loc(catalogue, 61)),
    ]

    static let findings: [Finding] = [
        Finding(kind: .unexplained, code: "1.007777", name: "Thủ tục không có trong danh mục quốc gia",
                message: LocalizedText(vi: "mã 1.007777 không có trong ảnh chụp danh mục quốc gia",
                                       en: "code 1.007777 is not in the national snapshot"),
                location: loc(catalogue, 70)),
        Finding(kind: .duplicateCode, code: "1.009820", name: "Thẩm định công nghệ dự án đầu tư",
                message: LocalizedText(vi: "mã 1.009820 đã có ở dòng 22", en: "code 1.009820 already listed on line 22"),
                location: loc(catalogue, 23, 1)),
        Finding(kind: .malformedCode, code: "1.00982", name: "Thẩm định giá công nghệ",
                message: LocalizedText(vi: "mã \"1.00982\" không đúng dạng d.dddddd", en: "code \"1.00982\" is not of the form d.dddddd"),
                location: loc(catalogue, 30, 1)),
        Finding(kind: .districtLevel, code: "2.001500", name: "Cấp giấy phép kinh doanh karaoke",
                message: LocalizedText(vi: "còn ghi cấp huyện sau ngày 01/07/2025", en: "still names the district level after 01/07/2025"),
                location: loc(catalogue, 44, 4)),
        Finding(kind: .probableMatch, code: "1.000123.000.00.00.H56", name: "Cấp Giấy chứng nhận doanh nghiệp KH&CN",
                message: LocalizedText(vi: "khớp theo tên với 1.011021 (mã khác nhau)", en: "matches 1.011021 by name (codes differ)"),
                location: loc(catalogue, 40)),
    ]

    static let scorecard = Scorecard(
        months: [
            Scorecard.Month(month: "2026-12", publishedOnTime: 2, publishedTotal: 3, postedOnTime: 1, postedTotal: 2,
                            publishedComplete: 2, completeTotal: 3),
            Scorecard.Month(month: "2026-11", publishedOnTime: 4, publishedTotal: 5, postedOnTime: 5, postedTotal: 5,
                            publishedComplete: 5, completeTotal: 5),
        ],
        onlineFull: 30, onlinePartial: 15, inForceTotal: 80, onlineTarget: 0.6)

    /// Two incomplete entries (one with characters every format must escape).
    static let completeness = Completeness(
        heldParts: [.processingTime, .fees, .agency, .legalBasis, .onlineService, .dossier], inForceTotal: 80, complete: 78,
        incomplete: [
            IncompleteEntry(code: "1.000300.000.00.00.H56", name: "Cấp chứng chỉ <đo lường> & | thử nghiệm", missing: [.fees, .legalBasis],
                            provincialDecision: "1890/QĐ-UBND", publishedOn: date("2026-12-04"), location: loc(catalogue, 44)),
            IncompleteEntry(code: nil, name: "Xác nhận hợp đồng chuyển giao công nghệ", missing: [.dossier],
                            provincialDecision: nil, publishedOn: nil, location: loc(catalogue, 45)),
        ])

    /// A candidate the ministry offers, one for the missed target, one kept.
    static let onlineReview: [OnlineReviewItem] = [
        OnlineReviewItem(code: "1.000301.000.00.00.H56", name: "Đăng ký hợp đồng chuyển giao công nghệ", current: .partial,
                         ministry: .full, ministryDecision: "2345/QĐ-BKHCN", proposal: .raise, proposed: .full,
                         ground: .ministryOffers, location: loc(catalogue, 46)),
        OnlineReviewItem(code: "1.000302.000.00.00.H56", name: "Cấp giấy phép \"tiến hành\" công việc bức xạ", current: OnlineServiceLevel.none,
                         ministry: nil, ministryDecision: nil, proposal: .keep, proposed: nil, ground: nil, location: loc(catalogue, 47)),
        OnlineReviewItem(code: nil, name: "Thẩm định công nghệ dự án đầu tư", current: nil, ministry: nil, ministryDecision: nil,
                         proposal: .raise, proposed: .partial, ground: .targetNotMet, location: loc(catalogue, 48)),
    ]

    /// A monthly duty moved off a Saturday, a one-off duty moved off a Sunday to the next
    /// working day, and one that has passed (as of 29/12/2026, with 01/01/2027 off).
    static let reportingDuties: [DutyOccurrence] = [
        DutyOccurrence(name: "Báo cáo UBND tỉnh hằng tháng", kind: .monthly, named: date("2027-01-10"), due: date("2027-01-08"),
                       before: true, workingDayRule: .previous, workingDaysLeft: 7,
                       uid: "report-bao-cao-ubnd-tinh-hang-thang-2027-01@tthc", location: loc("catalogs/settings.yaml", 22, 5)),
        DutyOccurrence(name: "Báo cáo rà soát DVCTT", kind: .once, named: date("2027-01-03"), due: date("2027-01-04"),
                       before: false, workingDayRule: .next, workingDaysLeft: 3,
                       uid: "report-bao-cao-ra-soat-dvctt-2027-01-03@tthc", location: loc("catalogs/settings.yaml", 26, 5)),
        DutyOccurrence(name: "Báo cáo năm 2019", kind: .once, named: date("2019-05-30"), due: date("2019-05-29"),
                       before: true, workingDayRule: .previous, workingDaysLeft: nil,
                       uid: "report-bao-cao-nam-2019-2019-05-30@tthc", location: loc("catalogs/settings.yaml", 29, 5)),
    ]

    static let reconciliation = Reconciliation(
        schemaVersion: Reconciliation.schemaVersion,
        asOf: date("2026-12-29"),
        province: "Tỉnh Hưng Yên",
        agency: "Sở Khoa học và Công nghệ",
        deadlineWorkingDays: 3,
        triggerPolicy: .nationalDatabaseFirst,
        dueSoonWithin: 2,
        changes: changes,
        differences: differences,
        expired: expired,
        findings: findings,
        scorecard: scorecard,
        provisionalYears: [2027],
        unreadListings: [
            UnreadListing(file: "catalogs/decisions/2400-QD-BKHCN.csv", errors: [
                Diagnostic(.error, .csvEncoding, at: SourceLocation(file: "catalogs/decisions/2400-QD-BKHCN.csv", line: 7, column: 12),
                           LocalizedText(vi: "tệp không phải UTF-8 (byte 0xE3)", en: "the file is not UTF-8 (byte 0xE3)")),
            ]),
        ],
        unplacedRows: [
            UnplacedRow(location: SourceLocation(file: "catalogs/decisions/2105-QD-BKHCN.csv", line: 31, column: 1),
                        text: "Phần II | Nội dung cụ thể <của> thủ tục",
                        reason: LocalizedText(vi: "dòng mục không hiểu được", en: "section row not understood")),
        ],
        completeness: completeness,
        onlineReview: onlineReview,
        reportingDuties: reportingDuties)
}
