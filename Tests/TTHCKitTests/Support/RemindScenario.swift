@testable import TTHCKit

/// One province's state on Friday 2026-11-20, shared by the reminder and CI-gate tests.
/// Monday 2026-11-23 is a day off in this calendar, so counting must skip it.
///
/// - 2105/QĐ-BKHCN (national database Thu 05/11 → deadline Tue 10/11): 1.000001 overdue
///   by 8 working days; 1.000006 published on time.
/// - 2290/QĐ-BKHCN (national database Wed 18/11 → deadline Tue 24/11): 1.000002 and
///   1.000003 (replacing 1.000004) pending, 1 working day left.
/// - 2301/QĐ-BKHCN (received Fri 20/11 → deadline Thu 26/11): 1.000005 pending, 3 left.
/// - 9/QĐ-BKHCN (national database Wed 25/11 → deadline Mon 30/11): 1.000007 pending, 5 left.
/// - 12/QĐ-BKHCN (no date): 1.000008 cannot be computed.
/// - 1520/QĐ-BKHCN (effective 01/11): abolishes 1.000009, still in force locally (expired).
/// - The catalogue also has a processing-time difference (1.000006), a late publication
///   (1.000011), a malformed code, a district-level entry and a duplicate code.
enum RemindScenario {
    static let asOf = date("2026-11-20")
    static let calendar = TestCalendar(holidays: [date("2026-11-23")])

    static var settings: Settings {
        var s = Settings()
        s.province = "Tỉnh Hưng Yên"
        s.agency = "Sở Khoa học và Công nghệ"
        return s
    }

    static let longName = "Thủ tục cấp Giấy chứng nhận đủ điều kiện hoạt động dịch vụ đánh giá sự phù hợp "
        + "đối với tổ chức thử nghiệm, giám định, kiểm định, chứng nhận"

    static var decisions: [Decision] {
        [
            decision("2105/QĐ-BKHCN", issued: "2026-11-02", national: "2026-11-05", [
                change("1.000001", .amended, name: "Thủ tục đăng ký hoạt động; cấp lại, điều chỉnh \\ nội dung", line: 12),
                change("1.000006", .amended, name: "Thủ tục công bố hợp chuẩn", time: "15 ngày làm việc", line: 13),
                change("1.000011", .amended, name: "Thủ tục công bố hợp quy", line: 14),
            ]),
            decision("2290/QĐ-BKHCN", issued: "2026-11-16", national: "2026-11-18", [
                change("1.000002", .new, name: longName, line: 7),
                change("1.000003", .replaced, name: "Thủ tục xác nhận doanh nghiệp khởi nghiệp sáng tạo", replaces: "1.000004", line: 8),
            ]),
            decision("2301/QĐ-BKHCN", issued: "2026-11-17", national: nil, received: "2026-11-20", [
                change("1.000005", .new, name: "Thủ tục cấp phép tiến hành công việc bức xạ", line: 4),
            ]),
            decision("9/QĐ-BKHCN", issued: "2026-11-18", national: "2026-11-25", [
                change("1.000007", .new, name: "Thủ tục khai báo thiết bị X-quang", line: 3),
            ]),
            decision("12/QĐ-BKHCN", issued: "2026-11-19", national: nil, received: nil, [
                change("1.000008", .new, name: "Thủ tục đăng ký chuyển giao công nghệ", line: 5),
            ]),
            decision("1520/QĐ-BKHCN", issued: "2026-10-01", effective: "2026-11-01", national: "2026-10-05", [
                change("1.000009", .abolished, name: "Thủ tục cũ về đo lường", line: 6),
            ]),
        ]
    }

    static var entries: [LocalEntry] {
        [
            entry("1.000006", name: "Thủ tục công bố hợp chuẩn", time: "15 ngày", published: "2026-11-09",
                  ministry: "2105/QĐ-BKHCN", line: 2),
            entry("1.000004", name: "Thủ tục xác nhận doanh nghiệp khởi nghiệp sáng tạo (cũ)", line: 3),
            entry("1.000009", name: "Thủ tục cũ về đo lường", published: "2020-01-10", line: 4),
            entry("1.000010", name: "Thủ tục cấp chứng chỉ, \"kiểm định viên\" <đo lường> & chất lượng", line: 5),
            entry("1.000011", name: "Thủ tục công bố hợp quy", published: "2026-11-16", ministry: "2105/QĐ-BKHCN", line: 6),
            entry("1.00423", name: "Thủ tục có mã sai | dạng", line: 7),
            entry("1.000012", name: "Thủ tục còn ghi cấp huyện", levels: [.district], line: 8),
            entry("1.000010.000.00.00.H56", name: "Thủ tục cấp chứng chỉ kiểm định viên (bản trùng)", line: 9),
        ]
    }

    static func reconciliation() -> Reconciliation {
        reconcile(decisions, entries, asOf: "2026-11-20", settings: settings, calendar: calendar)
    }

    static func reminders(within: Int? = nil) -> Reminders {
        Reminders(reconciliation(), within: within)
    }
}
