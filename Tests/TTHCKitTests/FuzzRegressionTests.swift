import Foundation
import Testing
@testable import TTHCKit

/// Inputs the fuzz targets (Fuzz/) stopped on, with the exact diagnostic each must give.
/// The files under Fixtures/fuzz are the fuzzers' own inputs, byte for byte.
@Suite struct FuzzRegressionTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz/" + name)))
    }

    /// The grid path checks UTF-8 as it tokenises: of this file (a stray BOM starting its
    /// second line, bytes that are not UTF-8 in a quoted cell after it) it hands over the
    /// first row, then the error the whole-file check gives; the readers keep nothing.
    /// (The fuzz target had expected the same rows as the whole-file path.)
    @Test func aFileNotUTF8HandsOverOnlyTheRowsBeforeItsBadByte() {
        let bytes: [UInt8] = [0x61, 0x2C, 0x62, 0x0A, 0xEF, 0xBB, 0xBF, 0x63, 0x2C, 0x22, 0xBF, 0xBB, 0x78, 0xEF, 0x79, 0x22, 0x2C, 0x7A]
        let file = InputFile(displayPath: "t.csv", bytes: bytes)
        var rows: [Int] = []
        let diagnostics = CSVTableSource(file).forEachRow { rows.append($0.line) }
        let whole = CSVReader.forEachRecord(file) { _ in Issue.record("a record handed over") }
        #expect(rows == [1])
        #expect(diagnostics.map { $0.rendered(.en) } == whole.1.map { $0.rendered(.en) })
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.rendered(.en).hasPrefix("t.csv:2:5: error: the file is not UTF-8 (byte 0xBF)") == true)
        #expect(DecisionCSVReader.read(file).value?.isEmpty ?? true)
        #expect(CatalogueCSVReader.read(file).value?.entries.isEmpty ?? true)
    }

    /// A file with lone CRs for line ends (and NULs, a stray quote): the bad byte was put
    /// on line 2, counting LFs only, where the tokenizer had handed over rows of lines 1
    /// to 4. Lines are now counted as the tokenizer counts them, and a BOM at the start is
    /// no column (the bad byte after "ab,ế" is at column 5, not 6).
    @Test func aBadByteIsPlacedAsTheTokenizerPlacesCells() {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\rc,\re".utf8) + [UInt8](repeating: 0, count: 7) + Array("\"d\re".utf8)
        bytes += [UInt8](repeating: 0, count: 10) + [0x0A] + [UInt8](repeating: 0, count: 12) + [0x22, 0xFB]
        let file = InputFile(displayPath: "t.csv", bytes: bytes)
        var rows: [Int] = []
        let diagnostics = CSVTableSource(file).forEachRow { rows.append($0.line) }
        let whole = CSVReader.forEachRecord(file) { _ in }
        #expect(rows == [1, 2, 3, 4])
        #expect(diagnostics.map { $0.rendered(.en) } == whole.1.map { $0.rendered(.en) })
        #expect(diagnostics.first?.rendered(.en).hasPrefix("t.csv:5:14: error: the file is not UTF-8 (byte 0xFB)") == true,
                "\(diagnostics.map { $0.rendered(.en) })")
        let crlf = InputFile(displayPath: "c.csv", bytes: Array("a,b\r\n\"c\r\nd\",".utf8) + [0xFF])
        #expect(CSVReader.forEachRecord(crlf) { _ in }.1.first?.rendered(.en).hasPrefix("c.csv:3:4: error: the file is not UTF-8") == true)
    }

    /// Bytes the tokenizer takes out of a cell can join two bad fragments into a good
    /// letter: E1 BA, then a closing quote with text after it starting A5 (found by the
    /// fuzzer), or E1 and BA A5 on either side of a stray BOM, read as "ấ" once the quote
    /// or the BOM is gone. Checked cell by cell, such a file was read; it is refused, at
    /// the byte the whole-file check names, whichever way it is read.
    static let joinedFragments: [(bytes: [UInt8], expected: String)] = {
        let quoted: [UInt8] = Array("a,b\n1,\"c".utf8), plain: [UInt8] = Array("a,b\n1,c".utf8)
        let aroundBOM: [UInt8] = [0xE1, 0xEF, 0xBB, 0xBF, 0xBA, 0xA5]
        var cases: [(bytes: [UInt8], expected: String)] = []
        cases.append((quoted + [0xE1, 0xBA, 0x22, 0xA5] + Array("p b\n".utf8), "t.csv:2:5: error: the file is not UTF-8 (byte 0xE1)"))
        cases.append((plain + aroundBOM + [0x0A], "t.csv:2:4: error: the file is not UTF-8 (byte 0xE1)"))
        cases.append((quoted + aroundBOM + [0x22, 0x0A], "t.csv:2:5: error: the file is not UTF-8 (byte 0xE1)"))
        cases.append((quoted + aroundBOM, "t.csv:2:5: error: the file is not UTF-8 (byte 0xE1)"))
        return cases
    }()

    @Test(arguments: 0..<joinedFragments.count)
    func bytesTakenOutOfACellJoinNoBadFragments(_ index: Int) {
        let (bytes, expected) = Self.joinedFragments[index]
        let file = InputFile(displayPath: "t.csv", bytes: bytes)
        let grid = CSVTableSource(file).forEachRow { _ in }
        let whole = CSVReader.forEachRecord(file) { _ in }
        #expect(whole.0 == nil)
        #expect(whole.1.count == 1)
        #expect(whole.1.first?.rendered(.en).hasPrefix(expected) == true, "\(whole.1.map { $0.rendered(.en) })")
        #expect(grid.map { $0.rendered(.en) } == whole.1.map { $0.rendered(.en) })
        #expect(DecisionCSVReader.read(file).value?.isEmpty ?? true)
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
