import Foundation
import Testing
@testable import TTHCKit

/// The shortcuts that make large listings fast answer exactly what the general code they
/// stand in front of answers, over text built from what annexes hold and what breaks
/// shortcuts: spaces everywhere, decomposed marks, marks outside the fold table, odd
/// whitespace, codes whole and broken.
@Suite struct ReadingShortcutTests {
    static let pieces = ["a", "t", "T", "Tổng", "tong", " ", "  ", "số", "so", "cộng", "1", "12", "0", ".", "1.000123", "2.001234.000.00.00.H56",
                         "(", ")", "\n", "\t", "\u{A0}", "e\u{301}", "o\u{903}", "\u{903}", "\u{1D165}", "ệ", "Đ", "đ", "ﬁ", "Ω", "\u{200B}",
                         "-", "–", "x", "Thủ tục", "Sở Khoa học và Công nghệ", "😀", "\u{FEFF}"]

    static func texts(seed: UInt64, count: Int = 20_000, length: Int = 6) -> [String] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in
            (0..<Int(generator.next() % UInt64(length + 1))).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
    }

    /// The beginning of a fold is the fold's beginning, and the totals test reads the same
    /// on it (and is skipped only for cells whose fold cannot start with "t").
    @Test func foldedPrefixAnswersAsTheWholeFold() {
        for s in Self.texts(seed: 5) {
            let whole = TextNormalization.fold(s)
            for bytes in [0, 3, 9] {
                let prefix = TextNormalization.foldedPrefix(s, bytes: bytes)
                #expect(whole.utf8.starts(with: prefix.utf8), "\(s.debugDescription)")
                #expect(prefix.utf8.count > bytes || prefix == whole, "\(s.debugDescription)")
            }
            let prefix = TextNormalization.foldedPrefix(s, bytes: 9)
            for key in ["tong so", "tong cong", "t"] {
                #expect(prefix.hasPrefix(key) == whole.hasPrefix(key), "\(s.debugDescription) \(key)")
            }
            if !AnnexInterpreter.mayFoldToT(s) { #expect(!whole.hasPrefix("t"), "\(s.debugDescription)") }
        }
    }

    /// The code cell read as it was read before its shortcut (the code below is that
    /// reading, kept here as the reference).
    static func codesReference(_ text: String) -> [ProcedureCode] {
        let compact = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        let whole = ProcedureCode(compact)
        if whole.isWellFormed, compact.count > 8 || AnnexVocabulary.codes(in: text).isEmpty { return [whole] }
        return AnnexVocabulary.codes(in: TextNormalization.clean(text)).map(\.code)
    }

    @Test func codeCellsAndRowNumbersReadAsWithoutTheShortcut() {
        for s in Self.texts(seed: 6, length: 3) + ["1.000123", "2.001234.000.00.00.H56", "1.00012", "1.000123.", "1.0001234", "12345", "123456", "(12)", "12."] {
            #expect(AnnexInterpreter.codes(inCodeCell: s).map(\.code) == Self.codesReference(s), "\(s.debugDescription)")
            #expect(AnnexInterpreter.isPlainNumber(cell: s) == AnnexInterpreter.isPlainNumber(TextNormalization.clean(s)), "\(s.debugDescription)")
        }
    }

    /// Remembering the cleaned cell above gives what cleaning each cell gives, whatever
    /// repeats and in which column.
    /// The tokenizer runs over eight bytes at a time while none of them ends the cell:
    /// each cell's text and its character column are those a byte-wise count gives, for
    /// cells of every length around the word size, quoted or not, with the delimiter,
    /// quotes, line breaks, NUL-free stray BOMs and multi-byte letters at every offset.
    @Test func tokenizerWordSkipKeepsTextsAndColumns() {
        let pieces = ["a", "ệ", "Đ", "😀", " ", ";", "\"", "\n", "\r\n", "x\u{FEFF}", "Thủ tục", "0123456789", "e\u{301}"]
        var generator = SplitMix(seed: 77)
        for _ in 0..<4_000 {
            let cellCount = 1 + Int(generator.next() % 4)
            var cells: [String] = []
            for _ in 0..<cellCount {
                let length = Int(generator.next() % 20)
                cells.append((0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
            }
            cells[0] = "k" + cells[0] // a record, not an empty line
            // Quote every cell that needs it, as Excel writes them.
            let written = cells.map { cell -> String in
                let plain = cell.replacingOccurrences(of: "\u{FEFF}", with: "")
                guard plain.unicodeScalars.contains(where: { ";\"\n\r".unicodeScalars.contains($0) }) else { return cell }
                return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            let line = written.joined(separator: ";") + "\n"
            let file = InputFile(displayPath: "w.csv", bytes: Array(("A;B;C;D\n" + line).utf8))
            var records: [CSVRecord] = []
            _ = CSVReader.forEachRecord(file) { records.append($0) }
            guard records.count == 2 else {
                Issue.record("\(line.debugDescription): \(records.count) records")
                continue
            }
            let row = records[1]
            #expect(row.cells.map(\.text) == cells.map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }, "\(line.debugDescription)")
            // Columns counted in scalars from the line's start, lines from the record's,
            // as the byte-wise tokenizer counted them.
            var lineNumber = 2, column = 1
            for (k, text) in written.enumerated() where k < row.cells.count {
                #expect(row.cells[k].line == lineNumber && row.cells[k].column == column, "\(line.debugDescription) cell \(k)")
                for scalar in text.unicodeScalars {
                    if scalar == "\n" { lineNumber += 1; column = 1 } else if scalar != "\r" { column += 1 }
                }
                column += 1 // the delimiter
            }
        }
    }

    /// The vocabulary caches key cells by their bytes: a decomposed spelling is its own
    /// entry and reads as the precomposed one, cached or not.
    @Test func vocabularyCellsReadTheSameWhateverTheSpelling() {
        for text in ["Tỉnh", "Tỉnh, Xã", "Cấp tỉnh; cấp xã", "Toàn trình", "Một phần", "x"] {
            let decomposed = String(String.UnicodeScalarView(text.decomposedStringWithCanonicalMapping.unicodeScalars))
            #expect(AnnexVocabulary.levels(cell: decomposed) == AnnexVocabulary.levels(cell: text), "\(text)")
            #expect(AnnexVocabulary.levels(cell: text) == AnnexVocabulary.levels(cell: text), "\(text)")
            #expect(AnnexVocabulary.onlineService(cell: decomposed) == AnnexVocabulary.onlineService(cell: text), "\(text)")
        }
        #expect(AnnexVocabulary.levels(cell: "Tỉnh, Xã") == [.province, .commune])
        #expect(CellText("Tỉnh") != CellText("Ti\u{309}nh"))
        #expect(CellText("Tỉnh") == CellText(String("xTỉnh".dropFirst())))
    }

    @Test func cleanedAboveIsClean() {
        var above = CleanedAbove()
        var generator = SplitMix(seed: 8)
        let texts = Self.texts(seed: 7, count: 400, length: 8)
        for _ in 0..<20_000 {
            let text = texts[Int(generator.next() % 400)]
            let column = Int(generator.next() % 70)
            #expect(above.clean(text, column: column) == TextNormalization.clean(text), "\(text.debugDescription)")
        }
        // Canonically equivalent but different bytes: not the text above.
        #expect(above.clean("Thủ tục hành chính cấp tỉnh", column: 1) == "Thủ tục hành chính cấp tỉnh")
        #expect(TextNormalization.sameBytes("Thủ tục hành chính cấp tỉnh", "Thu\u{309} tục hành chính cấp tỉnh") == false)
    }

    /// The first invalid byte of UTF-8, told by the standard library alone: the end of
    /// the longest valid beginning (a valid beginning ends between scalars, and none
    /// reaches past the first ill-formed sequence), nil when that is the whole.
    static func firstInvalidReference(_ p: [UInt8], from start: Int) -> Int? {
        let end = (start...p.count).last { String(validating: p[start..<$0], as: UTF8.self) != nil }!
        return end == p.count ? nil : end
    }

    /// Over bytes that are mostly UTF-8 with every kind of fault: stray continuation
    /// bytes, overlong forms, surrogates, truncation at the end, bytes above F4.
    @Test func firstInvalidUTF8AsTheStandardLibrarySays() {
        let good = Array("Thủ tục 1.000123 cấp tỉnh, 😀 abcdefghijklmnop".utf8)
        let bad: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xE1, 0xBB],
                              [0xE1, 0x41, 0x80], [0xF0, 0x8F, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF], [0xEF, 0xBB]]
        var generator = SplitMix(seed: 9)
        var invalid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 6) {
                if generator.next() % 4 == 0 {
                    bytes += bad[Int(generator.next() % UInt64(bad.count))]
                } else {
                    let from = Int(generator.next() % UInt64(good.count))
                    bytes += good[from..<min(good.count, from + Int(generator.next() % 24))]
                }
            }
            let start = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(min(bytes.count, 3)))
            let found = CSVReader.firstInvalidUTF8(bytes, from: start)
            #expect(found == Self.firstInvalidReference(bytes, from: start), "\(bytes) from \(start)")
            if found != nil { invalid += 1 }
        }
        #expect(invalid > 1_000 && invalid < 19_000)
    }

    /// The phrase search on folded keys answers as Foundation's `contains`, on folded and
    /// raw texts (non-ASCII ones go through Foundation) and on phrases of every kind.
    @Test func phraseSearchAnswersAsFoundation() {
        let phrases = [" bai bo ", " thay the ", " muc do 4 ", "a", "t", " ", "so", "tổng", "e\u{301}", "é", "\u{301}", "",
                       " ngay ", "1.000123"]
        for s in Self.texts(seed: 11, count: 5_000) {
            for text in [s, " " + TextNormalization.fold(s) + " "] {
                for phrase in phrases + [String(text.prefix(3)), String(text.suffix(2))] {
                    #expect(TextNormalization.contains(text, phrase) == text.contains(phrase),
                            "\(text.debugDescription) \(phrase.debugDescription)")
                }
            }
        }
    }

    /// Levels given sorted and without repeats are kept as given; others are sorted once.
    @Test func procedureLevelsAreSortedAndUnique() {
        let all = AdministrativeLevel.allCases
        var generator = SplitMix(seed: 10)
        for _ in 0..<2_000 {
            let levels = (0..<Int(generator.next() % 5)).map { _ in all[Int(generator.next() % UInt64(all.count))] }
            #expect(ProcedureContent(name: "A", levels: levels).levels == Array(Set(levels)).sorted(), "\(levels)")
        }
    }

    /// What a grid cell tells of its text as it is made (on the source reader's thread)
    /// is what the general code says: clean only when cleaning gives the same bytes (and
    /// whenever the quick test proves it), blank as a CSV cell is; and again when its
    /// text is set.
    @Test func gridCellsTellCleanAndBlankAsTheGeneralCode() {
        let texts = Self.texts(seed: 11) + ["", " ", "\u{A0}", "\u{200B}", "a ", " a", "a  b", "a\nb", "Thu\u{309} tục"]
        var clean = 0
        for text in texts {
            let cell = GridCell(text: text, line: 1, column: 1)
            if cell.isClean {
                clean += 1
                #expect(TextNormalization.sameBytes(TextNormalization.clean(text), text), "\(text.debugDescription)")
            }
            #expect(cell.isClean == TextNormalization.isAlreadyClean(text), "\(text.debugDescription)")
            #expect(cell.isBlank == CSVCell.isBlank(text), "\(text.debugDescription)")
        }
        #expect(clean > 1_000)
        for text in ["", "Thủ tục cấp giấy chứng nhận đăng ký \"chuyển giao\" công nghệ", "Lệ phí: 500.000 đồng; 15 ngày – Sở", "1.000123"] {
            #expect(GridCell(text: text, line: 1, column: 1).isClean, "\(text.debugDescription)")
        }
        var cell = GridCell(text: "Thủ tục", line: 1, column: 1)
        cell.text = "  Thủ  tục "
        #expect(!cell.isClean && !cell.isBlank)
        cell.text = "\u{A0}"
        #expect(!cell.isClean && cell.isBlank)
        cell.text = "Thủ tục"
        #expect(cell.isClean && !cell.isBlank)
    }

    /// The national part of a code, read on the string's bytes, as the reading on a copy
    /// of them says (the reference below).
    static func nationalPartReference(_ s: String) -> String? {
        let b = Array(s.utf8)
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        guard b.count >= 8, isDigit(b[0]), b[1] == UInt8(ascii: "."), b[2..<8].allSatisfy(isDigit) else { return nil }
        if b.count == 8 { return s }
        guard b[8] == UInt8(ascii: "."), b.count > 9 else { return nil }
        let suffixOK = b[9...].allSatisfy { isDigit($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2E }
        guard suffixOK, b.last != UInt8(ascii: ".") else { return nil }
        return String(decoding: b[0..<8], as: UTF8.self)
    }

    @Test func nationalPartsReadAsOnACopy() {
        let pieces = ["1", "2", "0", "9", ".", "000", "123456", "H56", "h", "ố", " ", "-", "00.00"]
        var generator = SplitMix(seed: 12)
        var texts = ["1.000123", "2.001234.000.00.00.H56", "1.000123.", "1.00012", "1.0001234", "1.000123.ố", "1.000123.H", ""]
        for _ in 0..<20_000 {
            texts.append((0..<Int(generator.next() % 8)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        for text in texts {
            #expect(ProcedureCode.nationalPart(of: text) == Self.nationalPartReference(text), "\(text.debugDescription)")
        }
        #expect(ProcedureCode("2.001234.000.00.00.H56").national == "2.001234")
    }
}
