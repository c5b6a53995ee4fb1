import Foundation
import Testing
@testable import TTHCKit

/// Inputs the fuzz targets (Fuzz/) stopped on, with the exact diagnostic each must give.
/// The files under Fixtures/fuzz are the fuzzers' own inputs, byte for byte.
@Suite struct FuzzRegressionTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz/" + name)))
    }

    /// libyaml puts an error found at the end of a file without a final line break at the
    /// start of the next line, which does not exist: line 7 of a six-line settings file.
    /// The position is now the end of the last line.
    @Test func settingsErrorAtTheEndStaysInsideTheFile() throws {
        let file = InputFile(displayPath: "settings.yaml", bytes: try Self.fixture("settings-error-past-the-end.yaml"))
        let result = SettingsReader.read(file)
        #expect(result.diagnostics.map { $0.rendered(.en) } == ["settings.yaml:6:12: error: invalid YAML: could not find expected ':'"])
        #expect(result.diagnostics.map { $0.rendered(.vi) } == ["settings.yaml:6:12: error: YAML không hợp lệ: could not find expected ':'"])
        #expect(result.value == nil)
    }

    @Test(arguments: [
        // The smallest form of the same: "online-seu" is line 2, ten characters long.
        ("province: Tỉnh\nonline-seu", "settings.yaml:2:11: error: invalid YAML: could not find expected ':'"),
        // Ending with a line break, the empty line after it is where the error is.
        ("province: Tỉnh\nonline-seu\n", "settings.yaml:3:1: error: invalid YAML: could not find expected ':'"),
    ])
    func settingsErrorPositions(_ text: String, _ expected: String) {
        let result = SettingsReader.read(InputFile(displayPath: "settings.yaml", bytes: Array(text.utf8)))
        #expect(result.diagnostics.map { $0.rendered(.en) } == [expected])
    }

    @Test(arguments: [
        // CR LF, then a lone CR: three lines; the unclosed "[" is reported after "[2026".
        ("format: 1\r\nadd:\r  - date: [2026", "overrides.yaml:3:16: error: invalid YAML: did not find expected ',' or ']'"),
    ])
    func overrideErrorPositions(_ text: String, _ expected: String) {
        let result = HolidayOverrides.parse(InputFile(displayPath: "overrides.yaml", bytes: Array(text.utf8)))
        #expect(result.diagnostics.map { $0.rendered(.en) } == [expected])
    }

    /// 125 lone CRs are 125 line ends (old Mac files), so line 126 exists and is reported.
    @Test func loneCarriageReturnsCountAsLines() throws {
        let file = InputFile(displayPath: "overrides.yaml", bytes: try Self.fixture("overrides-error-past-the-end.yaml"))
        #expect(HolidayOverrides.parse(file).diagnostics.map { $0.rendered(.en) }
            == ["overrides.yaml:126:8: error: invalid YAML: mapping values are not allowed in this context"])
    }

    /// "---" alone: an empty document, whose node libyaml places on line 2 of a one-line
    /// file. The error is now at the end of line 1.
    @Test func emptyDocumentIsLocatedOnItsOwnLine() throws {
        let file = InputFile(displayPath: "overrides.yaml", bytes: try Self.fixture("overrides-empty-document.yaml"))
        let result = HolidayOverrides.parse(file)
        #expect(result.diagnostics.map { $0.rendered(.en) } == ["overrides.yaml:1:4: error: expected a mapping of keys (format, add, remove)"])
        #expect(result.diagnostics.map { $0.rendered(.vi) } == ["overrides.yaml:1:4: error: cần một bảng khóa: giá trị (format, add, remove)"])
    }

    /// UTF-16 with a NEL (U+0085) in it: YAML counts NEL as a line end, so line 2 exists.
    @Test func nextLineCharacterEndsALine() throws {
        let file = InputFile(displayPath: "settings.yaml", bytes: try Self.fixture("settings-utf16-nel.yaml"))
        #expect(SettingsReader.read(file).diagnostics.map { $0.rendered(.en) }
            == ["settings.yaml:2:3: error: invalid YAML: could not find expected ':'"])
    }

    /// Positions past the end move to the end of the last line, whatever ends the lines.
    @Test(arguments: [
        ("ab", 2, 1, 1, 3), ("ab\n", 2, 1, 2, 1), ("ab\ncd", 3, 1, 2, 3), ("ab\r\ncd", 3, 1, 2, 3),
        ("ab\rcd\r", 4, 1, 3, 1), ("ab\u{2028}ủ", 3, 1, 2, 2), ("ab", 1, 2, 1, 2), ("", 2, 1, 1, 1),
    ])
    func clamping(_ text: String, _ line: Int, _ column: Int, _ expectedLine: Int, _ expectedColumn: Int) {
        let at = YAMLPosition.clamped(line: line, column: column, in: text)
        #expect(at.line == expectedLine)
        #expect(at.column == expectedColumn)
    }
}
