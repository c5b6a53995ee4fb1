import Testing
@testable import TTHCKit

/// Which reader a malformed input goes through.
enum InputKind: Sendable {
    case listing, register, local, settings

    var path: String {
        switch self {
        case .listing: "d.csv"
        case .register: "register.csv"
        case .local: "local.csv"
        case .settings: "settings.yaml"
        }
    }

    func diagnostics(_ bytes: [UInt8]) -> [Diagnostic] {
        let file = InputFile(displayPath: path, bytes: bytes)
        var engine = DiagnosticEngine()
        switch self {
        case .listing: engine.emit(contentsOf: DecisionCSVReader.read(file, effectiveDate: CivilDate(year: 2026, month: 12, day: 1)).diagnostics)
        case .register: engine.emit(contentsOf: RegisterCSVReader.read(file).diagnostics)
        case .local: engine.emit(contentsOf: CatalogueCSVReader.read(file).diagnostics)
        case .settings: engine.emit(contentsOf: SettingsReader.read(file).diagnostics)
        }
        return engine.sorted
    }
}

/// One malformed input and the exact diagnostics it must produce, in both languages.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    let name: String
    let kind: InputKind
    let bytes: [UInt8]
    let vi: [String]
    let en: [String]

    init(_ name: String, _ kind: InputKind, _ text: String, vi: [String], en: [String]) {
        self.init(name, kind, bytes: Array(text.utf8), vi: vi, en: en)
    }

    init(_ name: String, _ kind: InputKind, bytes: [UInt8], vi: [String], en: [String]) {
        self.name = name
        self.kind = kind
        self.bytes = bytes
        self.vi = vi
        self.en = en
    }

    var testDescription: String { name }
}

private let header = "STT,Mã TTHC,Tên thủ tục hành chính\n"
private let newSection = "1. Danh mục thủ tục hành chính mới ban hành\n"
private let registerHeader = "Số quyết định,Cơ quan ban hành,Ngày ban hành,Ngày hiệu lực\n"
private let localHeader = "STT,Mã TTHC,Tên thủ tục hành chính,Cấp thực hiện,Tình trạng,Ngày công bố\n"

private let resaveVI = "có lẽ tệp được lưu bằng bảng mã cũ (Windows-1258, TCVN3, VNI). Hãy lưu lại dạng CSV UTF-8: trong Excel chọn File › Save As › CSV UTF-8 (Comma delimited); trong LibreOffice chọn bộ ký tự Unicode (UTF-8)"
private let resaveEN = "it was probably saved in a legacy code page (Windows-1258, TCVN3, VNI). Save it again as CSV UTF-8: in Excel, File › Save As › CSV UTF-8 (Comma delimited); in LibreOffice, choose the Unicode (UTF-8) character set"
private let settingsKeys = "province, agency, deadline-working-days, trigger-policy, reminder-within, alarm-working-days-before, scope, online-service-target, email, reports, draft"

/// UTF-16 bytes of `text` with a BOM.
func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    var out: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
        let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
        out += bigEndian ? [hi, lo] : [lo, hi]
    }
    return out
}

let malformedCases: [MalformedCase] = [
    MalformedCase("unterminated quote at end of file", .listing, header + newSection + "1,1.000001,\"Thủ tục A\n",
        vi: ["d.csv:3:12: error: dấu ngoặc kép mở ở đây không được đóng trước khi hết tệp"],
        en: ["d.csv:3:12: error: the quote opened here is not closed before the end of the file"]),
    MalformedCase("text after a closing quote", .listing, header + newSection + "1,1.000001,\"Thủ tục\" A\n",
        vi: ["d.csv:3:21: error: có chữ sau dấu ngoặc kép đóng; trong ô có ngoặc kép, mỗi dấu \" phải viết thành \"\""],
        en: ["d.csv:3:21: error: text after a closing quote; inside a quoted cell, write each \" as \"\""]),
    MalformedCase("missing required column", .listing, "STT,Mã TTHC,Lĩnh vực\n" + newSection + "1,1.000001,Sở hữu trí tuệ\n",
        vi: ["d.csv:1:1: error: dòng tiêu đề này thiếu cột tên thủ tục (tiêu đề được chấp nhận: \"Tên thủ tục hành chính\", \"Tên TTHC\", \"Tên thủ tục\", \"Tên\", \"name\")"],
        en: ["d.csv:1:1: error: this header row has no procedure-name column (accepted headers: \"Tên thủ tục hành chính\", \"Tên TTHC\", \"Tên thủ tục\", \"Tên\", \"name\")"]),
    MalformedCase("duplicate header", .listing, "STT,Mã TTHC,Mã số TTHC,Tên thủ tục hành chính\n" + newSection + "1,1.000001,1.000001,Thủ tục A\n",
        vi: ["d.csv:1:13: warning: cột \"Mã số TTHC\" trùng nghĩa với cột \"Mã TTHC\" ở trước; dùng cột đầu"],
        en: ["d.csv:1:13: warning: column \"Mã số TTHC\" means the same as the earlier column \"Mã TTHC\"; the first is used"]),
    MalformedCase("header split over lines, in capitals, with an unknown column", .listing,
        "STT,\"MÃ SỐ\nTTHC\",Ten thu tuc hanh chinh,Người ký\n" + newSection + "1,1.000001,Thủ tục A,\n",
        vi: ["d.csv:2:30: warning: không nhận ra cột \"Người ký\"; cột này bị bỏ qua"],
        en: ["d.csv:2:30: warning: unknown column \"Người ký\"; it is ignored"]),
    MalformedCase("procedure row without a code is kept, matched by name", .listing, header + newSection + "1,,Thủ tục A\n",
        vi: [],
        en: []),
    MalformedCase("malformed code in a listing", .listing, header + newSection + "1,1.01069,Thủ tục A\n",
        vi: ["d.csv:3:3: warning: cột \"Mã TTHC\": mã TTHC không hợp lệ \"1.01069\": cần dạng 1.010696 (một chữ số, dấu chấm, sáu chữ số), có thể kèm hậu tố như .000.00.00.H56; thủ tục được đối chiếu theo tên"],
        en: ["d.csv:3:3: warning: column \"Mã TTHC\": malformed procedure code \"1.01069\": expected 1.010696 (a digit, a dot, six digits), optionally followed by a suffix such as .000.00.00.H56; the procedure is matched by name"]),
    MalformedCase("unknown change type", .listing, "STT,Mã TTHC,Tên thủ tục hành chính,Loại thay đổi\n1,1.000001,Thủ tục A,điều chỉnh\n",
        vi: ["d.csv:2:1: warning: dòng không đọc được thành thủ tục: không biết loại thay đổi của thủ tục 1.000001: chưa có tiêu đề hay dòng mục (như \"1. Danh mục thủ tục hành chính mới ban hành\") ở trên, không có cột \"Loại thay đổi\" và trích yếu quyết định không nói: \"1 | 1.000001 | Thủ tục A | điều chỉnh\"", "d.csv:2:22: warning: cột \"Loại thay đổi\": loại thay đổi không hợp lệ \"điều chỉnh\"; chấp nhận: mới ban hành, sửa đổi, bổ sung, thay thế, bãi bỏ (hoặc new, amended, replaced, abolished)"],
        en: ["d.csv:2:1: warning: row not read as a procedure: no change type for procedure 1.000001: no title or section row (such as \"1. Danh mục thủ tục hành chính mới ban hành\") above it, no \"Loại thay đổi\" column, and the decision title does not say: \"1 | 1.000001 | Thủ tục A | điều chỉnh\"", "d.csv:2:22: warning: column \"Loại thay đổi\": unknown change type \"điều chỉnh\"; accepted: new, amended, replaced, abolished (or mới ban hành, sửa đổi, bổ sung, thay thế, bãi bỏ)"]),
    MalformedCase("row before any section heading", .listing, header + "1,1.000001,Thủ tục A\n",
        vi: ["d.csv:2:1: warning: dòng không đọc được thành thủ tục: không biết loại thay đổi của thủ tục 1.000001: chưa có tiêu đề hay dòng mục (như \"1. Danh mục thủ tục hành chính mới ban hành\") ở trên, không có cột \"Loại thay đổi\" và trích yếu quyết định không nói: \"1 | 1.000001 | Thủ tục A\""],
        en: ["d.csv:2:1: warning: row not read as a procedure: no change type for procedure 1.000001: no title or section row (such as \"1. Danh mục thủ tục hành chính mới ban hành\") above it, no \"Loại thay đổi\" column, and the decision title does not say: \"1 | 1.000001 | Thủ tục A\""]),
    MalformedCase("unknown level word", .listing, "STT,Mã TTHC,Tên thủ tục hành chính,Cấp thực hiện\n" + newSection + "1,1.000001,Thủ tục A,\"Tỉnh, vùng\"\n",
        vi: ["d.csv:3:22: warning: cột \"Cấp thực hiện\": cấp thực hiện không hợp lệ \"Tỉnh, vùng\"; chấp nhận: trung ương, tỉnh, huyện, xã (hoặc central, province, district, commune), cách nhau bởi , ; / hoặc xuống dòng"],
        en: ["d.csv:3:22: warning: column \"Cấp thực hiện\": unknown level \"Tỉnh, vùng\"; accepted: central, province, district, commune (or trung ương, tỉnh, huyện, xã), separated by , ; / or line breaks"]),
    // The district-level rule is the reconciler's, reported once as a finding: the readers are silent.
    MalformedCase("district level in a decision of 2026", .listing, header + newSection + "B. Thủ tục hành chính cấp huyện\n1,2.000001,Thủ tục A\n",
        vi: [], en: []),
    MalformedCase("unknown section row", .listing, header + newSection + "Phần II. Nội dung cụ thể\n1,1.000001,Thủ tục A\n",
        vi: ["d.csv:3:1: warning: dòng không đọc được thành thủ tục: dòng mục không hiểu được (cần loại thay đổi, cấp thực hiện hoặc \"Lĩnh vực …\"): \"Phần II. Nội dung cụ thể\""],
        en: ["d.csv:3:1: warning: row not read as a procedure: section row not understood (expected a change type, a level or \"Lĩnh vực …\"): \"Phần II. Nội dung cụ thể\""]),
    MalformedCase("Windows-1258 bytes", .listing, bytes: Array("STT,M".utf8) + [0xE3] + Array(" TTHC,Ten\n".utf8),
        vi: ["d.csv:1:6: error: tệp không phải UTF-8 (byte 0xE3); " + resaveVI],
        en: ["d.csv:1:6: error: the file is not UTF-8 (byte 0xE3); " + resaveEN]),
    MalformedCase("invalid UTF-8 on a later line", .listing, bytes: Array((header + newSection + "1,1.000001,Th").utf8) + [0xFF] + Array("\n".utf8),
        vi: ["d.csv:3:14: error: tệp không phải UTF-8 (byte 0xFF); " + resaveVI],
        en: ["d.csv:3:14: error: the file is not UTF-8 (byte 0xFF); " + resaveEN]),
    MalformedCase("truncated UTF-8 sequence at the end", .local, bytes: Array(localHeader.utf8) + [0xE1, 0xBB],
        vi: ["local.csv:2:1: error: tệp không phải UTF-8 (byte 0xE1); " + resaveVI],
        en: ["local.csv:2:1: error: the file is not UTF-8 (byte 0xE1); " + resaveEN]),
    MalformedCase("UTF-16 with BOM, impossible date located correctly", .register,
        bytes: utf16(registerHeader + "2105/QĐ-BKHCN,Bộ KH&CN,02/11/2026,31/02/2026\r\n", bigEndian: false),
        vi: ["register.csv:2:35: error: cột \"Ngày hiệu lực\": ngày không tồn tại \"31/02/2026\""],
        en: ["register.csv:2:35: error: column \"Ngày hiệu lực\": no such date \"31/02/2026\""]),
    MalformedCase("UTF-16 with an odd number of bytes", .register, bytes: utf16(registerHeader, bigEndian: true) + [0x00],
        vi: ["register.csv:2:1: error: tệp UTF-16 hỏng (nửa cặp thay thế lẻ hoặc số byte lẻ); hãy lưu lại tệp: trong Excel chọn File › Save As › CSV UTF-8 (Comma delimited)"],
        en: ["register.csv:2:1: error: broken UTF-16 (unpaired surrogate or odd byte count); save the file again: in Excel, File › Save As › CSV UTF-8 (Comma delimited)"]),
    MalformedCase("NUL byte", .listing, header + newSection + "1,1.000001,Thủ\u{0} tục A\n",
        vi: ["d.csv:3:15: error: tệp chứa byte NUL: đây không phải tệp văn bản CSV (tệp nhị phân, hoặc UTF-16 thiếu BOM?); hãy lưu lại dạng CSV UTF-8"],
        en: ["d.csv:3:15: error: the file contains a NUL byte: this is not CSV text (a binary file, or UTF-16 without a BOM?); save it again as CSV UTF-8"]),
    MalformedCase("BOM in the middle", .listing, "\u{FEFF}" + header + "\u{FEFF}" + newSection + "1,1.000001,Thủ tục A\n",
        vi: ["d.csv:2:1: error: dấu BOM (U+FEFF) giữa tệp: có lẽ hai tệp đã bị nối vào nhau; hãy xoá ký tự này hoặc tách tệp"],
        en: ["d.csv:2:1: error: a byte order mark (U+FEFF) in the middle of the file: two files were probably joined; remove it or split the file"]),
    MalformedCase("empty file", .listing, "",
        vi: ["d.csv:1:1: error: tệp rỗng: không có dòng tiêu đề và không có dữ liệu"],
        en: ["d.csv:1:1: error: the file is empty: no header row and no data"]),
    MalformedCase("header only", .listing, header,
        vi: ["d.csv:1:1: warning: danh mục không có thủ tục nào dưới dòng tiêu đề"],
        en: ["d.csv:1:1: warning: the listing has no procedures below its header row"]),
    MalformedCase("title rows but no header", .listing, "PHỤ LỤC\nDANH MỤC THỦ TỤC HÀNH CHÍNH\n",
        vi: ["d.csv:1:1: error: không tìm thấy bảng danh mục: cần một dòng tiêu đề có cột tên thủ tục (\"Tên thủ tục hành chính\", \"Tên TTHC\", \"Tên\") và ít nhất một cột khác (\"STT\", \"Mã TTHC\", \"Lĩnh vực\", …)"],
        en: ["d.csv:1:1: error: no annex table found: expected a header row with a procedure-name column (\"Tên thủ tục hành chính\", \"Tên TTHC\", \"Tên\") and at least one other known column (\"STT\", \"Mã TTHC\", \"Lĩnh vực\", …)"]),
    MalformedCase("multi-line quoted cell, next record starts on the right line", .listing,
        header + newSection + "1,1.000001,\"Thủ tục\nA\nB\"\n2,1.0002,Thủ tục C\n",
        vi: ["d.csv:6:3: warning: cột \"Mã TTHC\": mã TTHC không hợp lệ \"1.0002\": cần dạng 1.010696 (một chữ số, dấu chấm, sáu chữ số), có thể kèm hậu tố như .000.00.00.H56; thủ tục được đối chiếu theo tên"],
        en: ["d.csv:6:3: warning: column \"Mã TTHC\": malformed procedure code \"1.0002\": expected 1.010696 (a digit, a dot, six digits), optionally followed by a suffix such as .000.00.00.H56; the procedure is matched by name"]),
    MalformedCase("bad date in the register", .register, registerHeader + "2105/QĐ-BKHCN,Bộ KH&CN,2026/11/02,01/12/2026\n",
        vi: ["register.csv:2:24: error: cột \"Ngày ban hành\": ngày không hợp lệ \"2026/11/02\": cần dạng dd/mm/yyyy hoặc yyyy-mm-dd"],
        en: ["register.csv:2:24: error: column \"Ngày ban hành\": invalid date \"2026/11/02\": expected dd/mm/yyyy or yyyy-mm-dd"]),
    MalformedCase("impossible date, semicolons, CRLF", .register,
        "Số quyết định;Cơ quan ban hành;Ngày ban hành;Ngày hiệu lực\r\n2105/QĐ-BKHCN;Bộ KH&CN;29/02/2026;01/12/2026\r\n",
        vi: ["register.csv:2:24: error: cột \"Ngày ban hành\": ngày không tồn tại \"29/02/2026\""],
        en: ["register.csv:2:24: error: column \"Ngày ban hành\": no such date \"29/02/2026\""]),
    MalformedCase("empty required cell, tab delimiter", .register,
        "Số quyết định\tCơ quan ban hành\tNgày ban hành\tNgày hiệu lực\n2105/QĐ-BKHCN\t\t02/11/2026\t01/12/2026\n",
        vi: ["register.csv:2:15: error: cột \"Cơ quan ban hành\": ô bắt buộc bị trống"],
        en: ["register.csv:2:15: error: column \"Cơ quan ban hành\": required cell is empty"]),
    MalformedCase("unknown scope in the register", .register,
        "Số quyết định,Cơ quan ban hành,Ngày ban hành,Ngày hiệu lực,Phạm vi\n2105/QĐ-BKHCN,Bộ KH&CN,02/11/2026,01/12/2026,một phần\n",
        vi: ["register.csv:2:46: error: cột \"Phạm vi\": phạm vi không hợp lệ \"một phần\"; chấp nhận: đầy đủ (full-snapshot), thay đổi (changes), hoặc để trống"],
        en: ["register.csv:2:46: error: column \"Phạm vi\": unknown scope \"một phần\"; accepted: full-snapshot (đầy đủ), changes (thay đổi), or empty"]),
    MalformedCase("unknown status and a malformed code in the local catalogue", .local,
        localHeader + "1,1.00423,Thủ tục A,Tỉnh,tạm dừng,05/10/2026\n",
        vi: ["local.csv:2:3: warning: cột \"Mã TTHC\": mã TTHC không đúng dạng \"1.00423\" (cần dạng 1.010696, có thể kèm hậu tố); mục này sẽ không khớp được với quyết định của Bộ",
             "local.csv:2:26: error: cột \"Tình trạng\": tình trạng không hợp lệ \"tạm dừng\"; chấp nhận: còn hiệu lực, đã bãi bỏ (hoặc in force, abolished), hoặc để trống"],
        en: ["local.csv:2:3: warning: column \"Mã TTHC\": malformed procedure code \"1.00423\" (expected 1.010696, optionally with a suffix); the entry cannot be matched to a ministry decision",
             "local.csv:2:26: error: column \"Tình trạng\": unknown status \"tạm dừng\"; accepted: in force, abolished (or còn hiệu lực, đã bãi bỏ), or empty"]),
    MalformedCase("district level in the local catalogue after 2025-07-01", .local,
        localHeader + "1,2.000001.000.00.00.H31,Thủ tục A,\"Huyện, Xã\",Còn hiệu lực,05/10/2026\n",
        vi: [], en: []),
    MalformedCase("wrong type in settings", .settings, "province: Tỉnh Hưng Yên\ndeadline-working-days: ba\n",
        vi: ["settings.yaml:2:24: error: \"deadline-working-days\": cần một số nguyên từ 1 đến 60, nhưng có \"ba\""],
        en: ["settings.yaml:2:24: error: \"deadline-working-days\": expected a whole number from 1 to 60, found \"ba\""]),
    // An unknown key is an error, as in the holiday files: a misspelt key must not leave
    // the default silently in force.
    MalformedCase("unknown setting key", .settings, "province: Tỉnh Hưng Yên\ndeadline: 3\n",
        vi: ["settings.yaml:2:1: error: khóa không hợp lệ \"deadline\": cần một trong " + settingsKeys],
        en: ["settings.yaml:2:1: error: unknown key \"deadline\": expected one of " + settingsKeys]),
    // YAML errors point at the character, which is named, never printed raw.
    MalformedCase("NUL in the settings", .settings, bytes: Array("province: A\nagency: B".utf8) + [0] + Array("C\n".utf8),
        vi: ["settings.yaml:2:10: error: ký tự điều khiển U+0000 không được phép trong YAML; hãy xóa nó"],
        en: ["settings.yaml:2:10: error: control character U+0000 is not allowed in YAML; remove it"]),
    MalformedCase("settings in UTF-32", .settings, bytes: [0xFF, 0xFE, 0, 0] + Array("p\0\0\0".utf8),
        vi: ["settings.yaml:1:1: error: tệp mã hóa UTF-32, YAML ở đây không đọc được; hãy lưu tệp dưới dạng UTF-8"],
        en: ["settings.yaml:1:1: error: the file is encoded in UTF-32, which is not read here; save the file as UTF-8"]),
    MalformedCase("settings not UTF-8", .settings, bytes: Array("province: Tỉnh\nagency: S".utf8) + [0xE3, 0x20],
        vi: ["settings.yaml:2:10: error: tệp không phải văn bản UTF-8 (byte 0xE3); hãy lưu tệp dưới dạng UTF-8"],
        en: ["settings.yaml:2:10: error: the file is not UTF-8 text (byte 0xE3); save the file as UTF-8"]),
    MalformedCase("unknown key in a settings section", .settings, "email:\n  form: vp@example.vn\n",
        vi: ["settings.yaml:2:3: error: khóa không hợp lệ \"email.form\": cần một trong from, to, sendmail"],
        en: ["settings.yaml:2:3: error: unknown key \"email.form\": expected one of from, to, sendmail"]),
    // A reporting duty: an unknown key and a missing schedule, each at its own place.
    MalformedCase("reporting duty with an unknown key and no schedule", .settings,
        "reports:\n  - name: Báo cáo tháng\n    day: 20\n",
        vi: ["settings.yaml:2:5: error: báo cáo cần day-of-month (hằng tháng) hoặc date (một lần)",
             "settings.yaml:3:5: error: khóa không hợp lệ \"reports.day\": cần một trong name, day-of-month, date, before, working-day-rule"],
        en: ["settings.yaml:2:5: error: a report needs day-of-month (monthly) or date (once)",
             "settings.yaml:3:5: error: unknown key \"reports.day\": expected one of name, day-of-month, date, before, working-day-rule"]),
    MalformedCase("reporting duty with bad values", .settings,
        "reports:\n  - name: A\n    day-of-month: 32\n    working-day-rule: sau\n  - name: B\n    date: 31/02/2026\n    before: có\n"
            + "  - name: C\n    day-of-month: 5\n    date: 2026-05-05\n",
        vi: ["settings.yaml:3:19: error: \"reports.day-of-month\": cần một số nguyên từ 1 đến 31, nhưng có \"32\"",
             "settings.yaml:4:23: error: \"reports.working-day-rule\": cần previous, next hoặc keep, nhưng có \"sau\"",
             "settings.yaml:6:11: error: \"reports.date\": cần một ngày dạng 2019-05-30 hoặc 30/05/2019, năm 2000–2100, nhưng có \"31/02/2026\"",
             "settings.yaml:7:13: error: \"reports.before\": cần true hoặc false, nhưng có \"có\"",
             "settings.yaml:10:11: error: \"reports.date\": một báo cáo có day-of-month (hằng tháng) hoặc date (một lần), không có cả hai"],
        en: ["settings.yaml:3:19: error: \"reports.day-of-month\": expected a whole number from 1 to 31, found \"32\"",
             "settings.yaml:4:23: error: \"reports.working-day-rule\": expected previous, next or keep, found \"sau\"",
             "settings.yaml:6:11: error: \"reports.date\": expected a date such as 2019-05-30 or 30/05/2019, in 2000–2100, found \"31/02/2026\"",
             "settings.yaml:7:13: error: \"reports.before\": expected true or false, found \"có\"",
             "settings.yaml:10:11: error: \"reports.date\": a report has day-of-month (monthly) or date (once), not both"]),
    MalformedCase("unknown level in the settings scope", .settings, "scope:\n  levels: [province, region]\n",
        vi: ["settings.yaml:2:22: error: \"scope.levels\": cần province, district, commune hoặc central, nhưng có \"region\""],
        en: ["settings.yaml:2:22: error: \"scope.levels\": expected province, district, commune or central, found \"region\""]),
    MalformedCase("online-service target out of range, list where a number is due", .settings,
        "online-service-target: 80\nalarm-working-days-before: 2\n",
        vi: ["settings.yaml:1:24: error: \"online-service-target\": cần một số từ 0 đến 1 (ví dụ 0.8), nhưng có \"80\"",
             "settings.yaml:2:28: error: \"alarm-working-days-before\" cần một danh sách (mỗi mục bắt đầu bằng \"- \", hoặc dạng [a, b])"],
        en: ["settings.yaml:1:24: error: \"online-service-target\": expected a number from 0 to 1 (e.g. 0.8), found \"80\"",
             "settings.yaml:2:28: error: \"alarm-working-days-before\" expects a list (items starting with \"- \", or written [a, b])"]),
    MalformedCase("an e-mail address that would add a header", .settings,
        "email:\n  from: vp@example.vn\n  to: [\"ok@example.vn\", \"a Cc: x@evil\"]\n",
        vi: ["settings.yaml:3:25: error: \"email.to\": cần một địa chỉ e-mail dạng ten@mien.vn hoặc \"Tên <ten@mien.vn>\", nhưng có \"a Cc: x@evil\""],
        en: ["settings.yaml:3:25: error: \"email.to\": expected an e-mail address such as name@domain.vn or \"Name <name@domain.vn>\", found \"a Cc: x@evil\""]),
    MalformedCase("unknown key in the draft settings", .settings, "draft:\n  signature: CHỦ TỊCH\n",
        vi: ["settings.yaml:2:3: error: khóa không hợp lệ \"draft.signature\": cần một trong issuing-body, place, recitals, proposal, executors, recipients, signer, signer-name"],
        en: ["settings.yaml:2:3: error: unknown key \"draft.signature\": expected one of issuing-body, place, recitals, proposal, executors, recipients, signer, signer-name"]),
    MalformedCase("a draft recital that is not text", .settings, "draft:\n  recitals:\n    - Căn cứ A;\n    - {b: 1}\n",
        vi: ["settings.yaml:4:7: error: \"draft.recitals\": cần một chuỗi chữ, nhưng có \"{…}\""],
        en: ["settings.yaml:4:7: error: \"draft.recitals\": expected a text value, found \"{…}\""]),
    MalformedCase("broken YAML", .settings, "province: Tỉnh Hưng Yên\nscope: [province\n",
        vi: ["settings.yaml:3:1: error: YAML không hợp lệ: did not find expected ',' or ']'"],
        en: ["settings.yaml:3:1: error: invalid YAML: did not find expected ',' or ']'"]),
]

@Suite struct MalformedInputTests {
    @Test(arguments: malformedCases)
    func diagnosticsAreExact(_ c: MalformedCase) {
        let diagnostics = c.kind.diagnostics(c.bytes)
        #expect(diagnostics.map { $0.rendered(.vi) } == c.vi)
        #expect(diagnostics.map { $0.rendered(.en) } == c.en)
    }

    @Test func corpusIsLargeEnough() {
        #expect(malformedCases.count >= 22)
        #expect(Set(malformedCases.map(\.name)).count == malformedCases.count)
    }

    @Test(arguments: malformedCases.filter { c in c.vi.contains { $0.contains(": error: ") } })
    func errorsWithholdTheValue(_ c: MalformedCase) {
        let file = InputFile(displayPath: c.kind.path, bytes: c.bytes)
        switch c.kind {
        case .listing: #expect(DecisionCSVReader.read(file).value == nil)
        case .register: #expect(RegisterCSVReader.read(file).value == nil)
        case .local: #expect(CatalogueCSVReader.read(file).value == nil)
        case .settings: #expect(SettingsReader.read(file).value == nil)
        }
    }
}

/// Without a "!" in the text, Yams composes it without its default tag rules (regular
/// expressions compiled at first use; ``composeYAML(_:)``); with one, with them. A "!" in a
/// comment changes nothing else, so each text here is read both ways and must give the
/// same settings and the same diagnostics.
@Suite struct YAMLTagRuleTests {
    static func readBothWays(_ text: String) -> [(value: Settings?, diagnostics: [String])] {
        [text, text + "# !\n"].map { variant in
            let r = SettingsReader.read(InputFile(displayPath: "settings.yaml", bytes: Array(variant.utf8)))
            return (r.value, r.diagnostics.map { $0.rendered(.en) })
        }
    }

    @Test(arguments: ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                      "on", "On", "ON", "off", "Off", "OFF", "tRue", "y", "n", "1", "0", "~", "''", "'true'", "\"yes\"", "[true]"])
    func booleansReadTheSameWithAndWithoutTheRules(_ word: String) {
        let both = Self.readBothWays("reports:\n  - name: A\n    day-of-month: 5\n    before: \(word)\n")
        #expect(both[0].value == both[1].value)
        #expect(both[0].diagnostics == both[1].diagnostics)
    }

    @Test(arguments: ["province: a\nprovince: b\n", "province: a\n'province': b\n", "true: a\nTrue: b\n",
                      "1: a\n01: b\n", "~: a\nnull: b\n", "province: a: b\n", "deadline-working-days: 0x10\n",
                      "online-service-target: .5\nreminder-within: 1_0\n"])
    func keysAndNumbersReadTheSameWithAndWithoutTheRules(_ text: String) {
        let both = Self.readBothWays(text)
        #expect(both[0].value == both[1].value)
        #expect(both[0].diagnostics == both[1].diagnostics)
    }
}
