import Foundation
import Testing
@testable import TTHCKit

/// YAML files are small: settings and holiday files are refused past 1 MiB, and a file of
/// many unknown keys says so in twenty-one lines.
@Suite struct YAMLBombTests {
    @Test func yamlFilesOverOneMebibyteAreRefused() {
        let big = Array("province: X\n".utf8) + [UInt8](repeating: 0x23, count: InputFile.yamlSizeLimit)
        let settings = SettingsReader.read(InputFile(displayPath: "settings.yaml", bytes: big))
        #expect(settings.diagnostics.map { $0.rendered(.en) } == [
            "settings.yaml: error: the file is 1,048,588 bytes, over the 1 MiB limit for a YAML file (real settings and holiday files are a few KB)",
        ])
        #expect(settings.diagnostics.map { $0.rendered(.vi) } == [
            "settings.yaml: error: tệp lớn 1.048.588 byte, quá giới hạn 1 MiB của một tệp YAML (tệp cài đặt và tệp ngày nghỉ thật chỉ vài KB)",
        ])
        let overrides = HolidayOverrides.parse(InputFile(displayPath: "overrides.yaml", bytes: big))
        #expect(overrides.diagnostics.map(\.id) == [.fileTooLarge])
        #expect(overrides.value == nil)
    }

    @Test func manyUnknownKeysAreTwentyAndACount() {
        let text = "province: X\n" + (0..<30).map { "k\($0): 1\n" }.joined()
        let result = SettingsReader.read(InputFile(displayPath: "s.yaml", bytes: Array(text.utf8)))
        let lines = result.diagnostics.map { $0.rendered(.en) }
        #expect(lines.count == 21)
        #expect(lines.first?.hasPrefix("s.yaml:2:1: error: unknown key \"k0\": expected one of") == true)
        #expect(lines[19].hasPrefix("s.yaml:21:1: error: unknown key \"k19\": expected one of"))
        #expect(lines.last == "s.yaml: error: … and 10 more errors of this kind in this file")

        // Weekdays of March and April 2026.
        let days = ["03-02", "03-03", "03-04", "03-05", "03-06", "03-09", "03-10", "03-11", "03-12", "03-13", "03-16", "03-17", "03-18",
                    "03-19", "03-20", "03-23", "03-24", "03-25", "03-26", "03-27", "03-30", "03-31", "04-01", "04-02", "04-03"]
        let entries = days.map { "  - {date: 2026-\($0), kind: holiday, name: X, source: Y, zz: 1}\n" }.joined()
        let overrides = HolidayOverrides.parse(InputFile(displayPath: "o.yaml", bytes: Array(("format: 1\nadd:\n" + entries).utf8)))
        let errors = overrides.diagnostics.map { $0.rendered(.en) }
        #expect(errors.count == 21)
        #expect(errors[19] == "o.yaml:22:59: error: unknown key \"zz\": expected one of date, kind, name, name-en, source, verification")
        #expect(errors.last == "o.yaml: error: … and 5 more errors of this kind in this file")
    }
}
