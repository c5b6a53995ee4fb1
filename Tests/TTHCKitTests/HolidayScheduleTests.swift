import Foundation
import Testing
@testable import TTHCKit

private func file(_ text: String, _ path: String = "overrides.yaml") -> InputFile {
    InputFile(displayPath: path, bytes: Array(text.utf8))
}

private func rendered(_ ds: [Diagnostic]) -> [String] { ds.map { $0.rendered(.vi) } }

@Suite struct EmbeddedScheduleTests {
    static let catalogueFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("catalogs/holidays/vn-public-sector.yaml")

    static let embeddedSource = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/TTHCKit/Calendar/EmbeddedSchedule.swift")

    /// Fails when catalogs/holidays/vn-public-sector.yaml was edited without running
    /// scripts/embed-holidays.sh: the generated source must be what the YAML file parses
    /// to, field by field. `TTHC_RECORD=1` (which the script sets) writes it.
    @Test func embeddedScheduleIsTheCatalogueFileParsed() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.catalogueFile))
        let schedule = try HolidaySchedule.parse(InputFile(displayPath: EmbeddedSchedule.path, bytes: bytes)).get()
        let source = EmbeddedScheduleSource.render(schedule)
        if ProcessInfo.processInfo.environment["TTHC_RECORD"] == "1" {
            try source.write(to: Self.embeddedSource, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: Self.embeddedSource, encoding: .utf8) == source, "run scripts/embed-holidays.sh")
        // And the compiled literal is that schedule (the source could be stale in the build).
        #expect(EmbeddedScheduleSource.render(EmbeddedSchedule.schedule) == source)
    }

    @Test func catalogueFileParsesCleanly() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.catalogueFile))
        let result = HolidaySchedule.parse(InputFile(displayPath: "vn-public-sector.yaml", bytes: bytes))
        #expect(result.diagnostics.isEmpty, "\(rendered(result.diagnostics))")
        let schedule = try result.get()
        #expect(schedule.years.map(\.year) == Array(2019...2026))
        #expect(schedule.entries.count == 98)
        #expect(schedule.entries.allSatisfy { $0.verification != nil })
        #expect(schedule.entries.filter { $0.verification == .press }.count == 47)
    }
}

@Suite struct HolidayFileDiagnosticTests {
    @Test func yamlSyntaxErrorHasLineAndColumn() {
        let r = HolidayOverrides.parse(file("format: 1\nadd:\n  - date: [2026-11-24\n"))
        #expect(r.value == nil)
        #expect(r.diagnostics.count == 1)
        #expect(r.diagnostics.first?.id == .holidaysYAMLSyntax)
        #expect(r.diagnostics.first?.location.line == 4)
        #expect(r.diagnostics.first?.message.en.hasPrefix("invalid YAML: ") == true)
        #expect(r.diagnostics.first?.message.vi.hasPrefix("YAML không hợp lệ: ") == true)
    }

    @Test func badValuesAreLocatedAndBilingual() {
        let text = """
        format: 1
        add:
          - date: 31/02/2026
            kind: holiday
            name: Sai ngày
            source: thử
          - date: 2026-11-24
            kind: day-off
            name: Ngày Văn hóa Việt Nam
            source: thử
          - date: 2026-11-28
            kind: holiday
            name: Thứ Bảy
            source: thử
          - date: 2026-11-25
            kind: make-up
            name: Thứ Tư
            source: thử
          - date: 2026-11-26
            kind: holiday
            nam: lỗi chính tả
            source: thử
        remove:
          - date: 2026-13-01
        """
        let r = HolidayOverrides.parse(file(text))
        #expect(r.value == nil)
        #expect(rendered(r.diagnostics) == [
            "overrides.yaml:3:11: error: ngày không tồn tại \"31/02/2026\"",
            "overrides.yaml:8:11: error: loại ngày không hợp lệ \"day-off\": cần holiday, compensatory, swapped hoặc make-up",
            "overrides.yaml:11:11: error: ngày nghỉ 28/11/2026 là Thứ Bảy, vốn đã là ngày nghỉ hằng tuần: chỉ ghi ngày nghỉ rơi vào thứ Hai đến thứ Sáu",
            "overrides.yaml:15:11: error: ngày làm bù 25/11/2026 là Thứ Tư: cần thứ Bảy hoặc Chủ nhật",
            "overrides.yaml:21:5: error: khóa không hợp lệ \"nam\": cần một trong date, kind, name, name-en, source, verification",
            "overrides.yaml:19:5: error: thiếu khóa \"name\"",
            "overrides.yaml:24:11: error: ngày không tồn tại \"2026-13-01\"",
        ])
        #expect(r.diagnostics[1].message.en == "unknown kind \"day-off\": expected holiday, compensatory, swapped or make-up")
        #expect(r.diagnostics[0].message.en == "no such date \"31/02/2026\"")
    }

    @Test func scheduleRequiresVerificationAndRejectsDuplicates() {
        let text = """
        format: 1
        years:
          - year: 2030
            status: official
            days:
              - date: 2030-01-01
                kind: holiday
                name: Tết Dương lịch
                source: Bộ luật Lao động 2019
                verification: press
              - date: 2030-01-01
                kind: holiday
                name: Tết Dương lịch
                source: Bộ luật Lao động 2019
                verification: press
              - date: 2030-01-02
                kind: holiday
                name: Thiếu mức kiểm tra
                source: thử
              - date: 2033-01-03
                kind: holiday
                name: Sai năm
                source: thử
                verification: press
              - date: 2030-01-04
                kind: holiday
                name: Mức kiểm tra lạ
                source: thử
                verification: rumour
          - year: 2030
            status: draft
            days: []
        """
        let r = HolidaySchedule.parse(file(text, "vn.yaml"))
        #expect(r.value == nil)
        #expect(rendered(r.diagnostics) == [
            "vn.yaml:11:9: error: ngày 01/01/2030 đã có ở dòng 6",
            "vn.yaml:16:9: error: thiếu khóa \"verification\"",
            "vn.yaml:20:15: error: ngày 03/01/2033 không thuộc lịch nghỉ năm 2030 (cho phép năm trước và năm sau liền kề)",
            "vn.yaml:29:23: error: mức kiểm tra không hợp lệ \"rumour\": cần document, press hoặc reference",
            "vn.yaml:31:13: error: trạng thái năm không hợp lệ \"draft\": cần \"official\"",
            "vn.yaml:30:11: error: năm 2030 đã khai báo ở dòng 3",
        ])
    }

    @Test func shapeErrors() {
        #expect(rendered(HolidayOverrides.parse(file("")).diagnostics)
                == ["overrides.yaml:1:1: error: tệp rỗng: cần một bảng có khóa \"format\""])
        #expect(rendered(HolidayOverrides.parse(file("- 1\n")).diagnostics)
                == ["overrides.yaml:1:1: error: cần một bảng khóa: giá trị (format, add, remove)"])
        #expect(rendered(HolidayOverrides.parse(file("format: 2\nadd: 2026-11-24\n")).diagnostics) == [
            "overrides.yaml:1:9: error: phiên bản định dạng không hỗ trợ \"2\": cần 1",
            "overrides.yaml:2:6: error: \"add\" cần một danh sách (mỗi mục bắt đầu bằng \"- \", hoặc dạng [a, b])",
        ])
        // The same walker as settings.yaml: UTF-16 with a BOM is read, NUL is named at its place.
        let utf16 = [UInt8]([0xFF, 0xFE]) + "format: 1\nremove:\n  - date: 2026-08-31\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let read = HolidayOverrides.parse(InputFile(displayPath: "x.yaml", bytes: utf16))
        #expect(read.diagnostics.isEmpty)
        #expect(read.value?.removals.map(\.date.iso) == ["2026-08-31"])
        #expect(rendered(HolidayOverrides.parse(file("format: 1\u{0}\n")).diagnostics)
                == ["overrides.yaml:1:10: error: ký tự điều khiển U+0000 không được phép trong YAML; hãy xóa nó"])
        #expect(rendered(HolidayOverrides.parse(InputFile(displayPath: "x.yaml", bytes: [0x66, 0xFF])).diagnostics)
                == ["x.yaml:1:2: error: tệp không phải văn bản UTF-8 (byte 0xFF); hãy lưu tệp dưới dạng UTF-8"])
    }
}

@Suite struct OverrideTests {
    static let cultureDay = """
    format: 1
    add:
      - date: 24/11/2026
        kind: holiday
        name: Ngày Văn hóa Việt Nam
        name-en: Vietnamese Culture Day
        source: Văn bản của cơ quan có thẩm quyền (điền số khi được ban hành)
    remove:
      - date: 2026-08-31
        reason: ví dụ bỏ một ngày hoán đổi
      - date: 2026-08-22
      - date: 2026-03-10
    """

    @Test func addAndRemoveDays() throws {
        let r = WorkingCalendar.read(overrideFile: file(Self.cultureDay))
        let calendar = try r.get()
        #expect(rendered(r.diagnostics) == [
            "overrides.yaml:12:5: warning: ngày 10/03/2026 không phải ngày nghỉ hay ngày làm bù: không có gì để bỏ",
        ])
        let standard = WorkingCalendar.standard()
        #expect(standard.isWorkingDay(CivilDate(year: 2026, month: 11, day: 24)!))
        #expect(!calendar.isWorkingDay(CivilDate(year: 2026, month: 11, day: 24)!))
        #expect(calendar.specialDay(on: CivilDate(year: 2026, month: 11, day: 24)!)?.name.en == "Vietnamese Culture Day")
        #expect(calendar.isWorkingDay(CivilDate(year: 2026, month: 8, day: 31)!))
        #expect(!calendar.isWorkingDay(CivilDate(year: 2026, month: 8, day: 22)!))
        #expect(calendar.adding(workingDays: 1, to: CivilDate(year: 2026, month: 11, day: 23)!)
                == CivilDate(year: 2026, month: 11, day: 25)!)
        #expect(calendar.workingDays(from: CivilDate(year: 2025, month: 12, day: 31)!, to: CivilDate(year: 2026, month: 12, day: 31)!)
                == 250 - 1 + 1 - 1)
        // The standard calendar is untouched by another calendar's overrides.
        #expect(standard.isWorkingDay(CivilDate(year: 2026, month: 8, day: 22)!))
    }

    @Test func aBrokenOverrideFileGivesNoCalendar() {
        let read = WorkingCalendar.read(overrideFile: file("format: 1\nadd:\n  - date: x\n"))
        #expect(read.value == nil)
        #expect(read.diagnostics.map { $0.rendered(.en) } == [
            "overrides.yaml:3:5: error: missing key \"kind\"", "overrides.yaml:3:5: error: missing key \"name\"",
            "overrides.yaml:3:5: error: missing key \"source\"",
        ])
    }

    /// The pipeline's calendar is the standard one, with `holidays/overrides.yaml` applied
    /// when the catalogue directory has it.
    @Test func catalogueDirectoryOverridesAreOptional() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-cal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: XMLFixtures.packageRoot.appendingPathComponent("catalogs"), to: dir)
        let day = CivilDate(year: 2026, month: 11, day: 24)!
        let before = try #require(CataloguePipeline.read(dir, displayPath: "catalogs").pipeline)
        #expect(before.input.calendar.isWorkingDay(day))
        try Data(Self.cultureDay.utf8).write(to: dir.appendingPathComponent("holidays/overrides.yaml"))
        let after = try #require(CataloguePipeline.read(dir, displayPath: "catalogs").pipeline)
        #expect(!after.input.calendar.isWorkingDay(day))
    }
}

/// Writes Sources/TTHCKit/Calendar/EmbeddedSchedule.swift: the official schedule as a
/// Swift value, every field of every entry spelled out.
enum EmbeddedScheduleSource {
    static func render(_ schedule: HolidaySchedule) -> String {
        var out = """
            // Generated by scripts/embed-holidays.sh from catalogs/holidays/vn-public-sector.yaml.
            // Do not edit: edit the YAML file and run the script again.

            /// The reviewed public-sector schedule, parsed when the project is built, so that the
            /// binary needs no data files and no start pays for parsing it (reading the YAML with
            /// Yams was a quarter of `tthc calendar add`). EmbeddedScheduleTests checks that this is
            /// what catalogs/holidays/vn-public-sector.yaml parses to.
            enum EmbeddedSchedule {
                static let path = "catalogs/holidays/vn-public-sector.yaml"

                static let schedule = HolidaySchedule(years: [

            """
        for year in schedule.years {
            out += "        HolidaySchedule.Year(year: \(year.year), note: \(literal(year.note)), entries: [\n"
            for e in year.entries {
                let d = e.day
                out += "            entry(\"\(d.date.iso)\", .\(caseName(d.kind)), \(literal(d.name.vi)), \(literal(d.name.en)),\n"
                out += "                  \(literal(d.source)), provisional: \(d.provisional), scheduleYear: \(d.scheduleYear),\n"
                out += "                  \(e.verification.map { ".\($0.rawValue)" } ?? "nil"), line: \(e.location.line.map(String.init) ?? "nil"), "
                out += "column: \(e.location.column.map(String.init) ?? "nil"), field: \(literal(e.location.field))),\n"
            }
            out += "        ]),\n"
        }
        out += """
                ])

                private static func entry(_ date: String, _ kind: DayKind, _ vi: String, _ en: String, _ source: String,
                                          provisional: Bool, scheduleYear: Int, _ verification: Verification?,
                                          line: Int?, column: Int?, field: String?) -> HolidaySchedule.Entry {
                    HolidaySchedule.Entry(
                        day: SpecialDay(date: try! CivilDate.parse(date), kind: kind, name: LocalizedText(vi: vi, en: en),
                                        source: source, provisional: provisional, scheduleYear: scheduleYear),
                        verification: verification, location: SourceLocation(file: path, line: line, column: column, field: field))
                }
            }

            """
        return out
    }

    static func caseName(_ kind: DayKind) -> String {
        switch kind {
        case .holiday: "holiday"
        case .compensatory: "compensatory"
        case .swapped: "swapped"
        case .makeUpWorkingDay: "makeUpWorkingDay"
        }
    }

    /// A Swift string literal (or `nil`): quotes, backslashes and every scalar below
    /// U+0020 escaped.
    static func literal(_ s: String?) -> String {
        guard let s else { return "nil" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where u.value < 0x20 || u.value == 0x7F: out += "\\u{\(String(u.value, radix: 16))}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
