import Testing
@testable import TTHCKit

/// The byte-level paths of the text and Markdown reports against the rules they stand for,
/// which work character by character: the same lines, widths and escapes for every text.
@Suite struct TextLayoutTests {
    /// Pieces that texts are made of: simple ones (ASCII, Latin-1, precomposed Vietnamese,
    /// the soft hyphen, runs of spaces, Markdown's special characters) and, in `mixed`,
    /// pieces that make the text not simple (combining marks, also after a space or a `*`,
    /// wide characters, a tab, a zero-width joiner).
    static let simplePieces = ["a", "bc", "xyz", "ấ", "Đ", "ườ", "é", "ǅ", "\u{AD}", " ", "  ", "   ", "-", "*", "|",
                               "[", "]", "_", "`", "\\", "<", ">", "&", "ỹỹỹỹỹỹỹ", "abcdefghijkl"]
    static let mixedPieces = simplePieces + ["a\u{301}", " \u{301}", "*\u{301}", "日本", "\t", "\u{200D}", "\u{0600} "]

    static func texts(_ pieces: [String], count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in
            let length = Int(generator.next() % 14)
            return (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
    }

    static func isSimple(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(DisplayWidth.isSimple(utf8:))
    }

    /// Simple text is exactly the scalars the rule names, one by one, whole range.
    @Test func simpleTextIsExactlyItsScalars() {
        var wrong: [UInt32] = []
        for v in UInt32(0)...0x2FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            let expected = (0x20..<0x7F).contains(v) || (0xA0..<0x300).contains(v) || (0x1EA0...0x1EFF).contains(v)
            if Self.isSimple("a" + String(u) + "b") != expected { wrong.append(v) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { String($0, radix: 16) })")
        #expect(Self.isSimple(""))
        #expect(!Self.isSimple("a\r\nb"))
    }

    /// The width read from the bytes is the width scalar by scalar, for every scalar.
    @Test func widthFromBytesIsTheWidthOfEachScalar() {
        var wrong: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if DisplayWidth.of("x" + String(u)) != 1 + DisplayWidth.of(u) { wrong.append(v) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { String($0, radix: 16) })")
        for text in Self.texts(Self.mixedPieces, count: 2_000, seed: 3) {
            #expect(DisplayWidth.of(text) == text.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) })
        }
    }

    /// Wrapping on bytes gives the lines the rule gives character by character, with
    /// their widths, at every width from 1 to 16: words joined by one space, spaces runs
    /// and soft hyphens dropped as the rule drops them, long words cut into pieces.
    @Test func wrappingOnBytesGivesTheLinesOfTheRule() {
        let texts = Self.texts(Self.simplePieces, count: 4_000, seed: 5)
        #expect(texts.allSatisfy(Self.isSimple))
        var lines = WrappedLines()
        var differ: [(String, Int)] = []
        for text in texts + Self.texts(Self.mixedPieces, count: 1_000, seed: 9) {
            for width in 0...16 {
                lines.removeAll()
                lines.append(wrapping: text, width: width)
                let byRule = DisplayWidth.wrapByCharacter(text, width: width)
                if lines.indices.map({ lines.text(of: $0) }) != byRule
                    || lines.widths != byRule.map(DisplayWidth.of) { differ.append((text, width)) }
            }
        }
        #expect(differ.isEmpty, "\(differ.prefix(5))")
    }

    /// Cases the random texts may miss, spelled out.
    @Test(arguments: [
        ("\u{AD} ab cd", 3, ["ab", "cd"]),
        ("ab \u{AD} cd", 5, ["ab \u{AD}", "cd"]),
        ("  một   hai  ", 3, ["một", "hai"]),
        ("abcdefg", 3, ["abc", "def", "g"]),
        ("ab\u{AD}cd", 2, ["ab\u{AD}", "cd"]),
        ("xin chào", 0, ["xin chào"]),
    ])
    func wrappingEdges(text: String, width: Int, expected: [String]) {
        #expect(DisplayWidth.wrap(text, width: width) == expected)
        #expect(DisplayWidth.wrapByCharacter(text, width: width) == expected)
    }

    /// Escaping into the output gives the bytes of the rule character by character: a
    /// special character after which a combining mark comes is another character, and is
    /// not escaped.
    @Test func markdownEscapeOnBytesIsTheRule() {
        for text in Self.texts(Self.mixedPieces, count: 4_000, seed: 13) {
            let escaped = ChunkedOutput.produced { out in MarkdownReport.escape(text, into: out) }.collected
            #expect(escaped == Array(MarkdownReport.escape(text).utf8), "\(text.debugDescription)")
        }
        #expect(MarkdownReport.escape("a*b|c") == "a\\*b\\|c")
        #expect(MarkdownReport.escape("*\u{301}") == "*\u{301}")
    }

    /// The HTML report's escape into the output, with and without the breaks after `.` in
    /// codes and `/` in locations, is the rule on the escaped text: no break after a
    /// separator that a combining mark makes another character.
    @Test func htmlEscapeOnBytesIsTheRule() {
        let pieces = Self.mixedPieces + [".", "/", "1.004227", "a/b/", ".\u{301}", "/\u{301}", "\"", "'"]
        for text in Self.texts(pieces, count: 4_000, seed: 17) {
            let plain = ChunkedOutput.produced { out in HTMLReport.escape(text, into: out) }.collected
            #expect(plain == Array(HTMLReport.escape(text).utf8), "\(text.debugDescription)")
            for (separator, keepingFirst) in [("." as Unicode.Scalar, true), ("/", false), (".", false)] {
                let broken = ChunkedOutput.produced { out in
                    HTMLReport.escape(text, into: out, breakingAfter: separator, keepingFirst: keepingFirst)
                }.collected
                let rule = HTMLReport.breakable(HTMLReport.escape(text), after: Character(separator), keepingFirst: keepingFirst)
                #expect(broken == Array(rule.utf8), "\(text.debugDescription)")
            }
        }
        let code = ChunkedOutput.produced { out in HTMLReport.escape("1.004227.000.00.H12", into: out, breakingAfter: ".", keepingFirst: true) }
        #expect(String(decoding: code.collected, as: UTF8.self) == "1.004227.<wbr>000.<wbr>00.<wbr>H12")
    }

    /// XML escaping that gives a text back untouched does so only where the rule, scalar by
    /// scalar, would change nothing: every scalar, in character data and in attributes.
    @Test func xmlTextGivenBackOnlyWhereTheRuleChangesNothing() {
        var wrong: [UInt32] = []
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            let text = "a" + String(u) + "b"
            for attribute in [false, true] where XMLText.escape(text, attribute: attribute) != XMLText.escapeByScalar(text, attribute: attribute) {
                wrong.append(v)
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { String($0, radix: 16) })")
        #expect(XMLText.escape("a\u{FFFE}&\"", attribute: true) == "a\u{FFFD}&amp;&quot;")
    }

    /// Line widths read on the bytes are those of the lines `split` makes on characters:
    /// "\r\n" is one character and ends no line, a line may be empty.
    @Test func lineWidthsAreThoseOfTheSplitLines() {
        let pieces = Self.mixedPieces + ["\n", "\n\n", "\r\n", "\r", "\n\u{301}", "日"]
        for text in Self.texts(pieces, count: 4_000, seed: 19) {
            var widths: [Int] = []
            DisplayWidth.forEachLineWidth(text) { widths.append($0) }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(widths == lines.map { DisplayWidth.of(String($0)) }, "\(text.debugDescription)")
            #expect(XLSXReport.longestLine(text) == (text.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0))
        }
    }

    /// The workbook's rows written as bytes are the markup `XMLBuilder` makes of them: every
    /// kind of cell, missing cells, columns past Z, rows that wrap to a set height.
    @Test func workbookRowBytesAreTheBuildersMarkup() {
        var generator = SplitMix(seed: 23)
        let pieces = Self.mixedPieces + ["\n", "\r\n", "&", "\"", "'", "\u{FFFE}", "\u{1}"]
        let texts = Self.texts(pieces, count: 300, seed: 29)
        let styles = Workbook.Style.allCases
        let number = { (s: String) in s.utf8.count * 7 + s.unicodeScalars.count }
        for _ in 0..<2_000 {
            let columns = Int(generator.next() % 32)
            let row: [Workbook.Cell?] = (0..<columns).map { _ in
                let style = styles[Int(generator.next() % UInt64(styles.count))]
                let date = CivilDate(year: 1990 + Int(generator.next() % 60), month: 1 + Int(generator.next() % 12), day: 1 + Int(generator.next() % 28))!
                switch generator.next() % 6 {
                case 0: return nil
                case 1: return Workbook.Cell(.number(Int(truncatingIfNeeded: generator.next()) >> Int(generator.next() % 64)), style)
                case 2: return Workbook.Cell(.share(Double(generator.next() % 10_001) / 10_000), style)
                case 3: return Workbook.Cell(.date(date), style)
                case 4: return Workbook.Cell(.month(date), style)
                default: return Workbook.Cell(.text(texts[Int(generator.next() % UInt64(texts.count))]), style)
                }
            }
            let widths = (0..<Int(generator.next() % 34)).map { _ in Double(generator.next() % 600) / 10 }
            let r = Int(generator.next() % 2_000_000)
            var bytes: [UInt8] = []
            Workbook.appendRow(row, r, widths, number, to: &bytes)
            #expect(bytes == Array(Workbook.rowXML(row, r, widths, number).text.utf8))
        }
    }

    /// The integers and column names the rows are made of, written as bytes, are those of
    /// `String(_:)` and `columnName`: whole ranges and both ends of `Int`.
    @Test func workbookNumbersAndColumnNamesAsBytes() {
        var wrong: [Int] = []
        for n in Array(-1_000...100_000) + [Int.max, Int.min, Int.max - 1, 999_999_999, 1_000_000_000] {
            var bytes: [UInt8] = []
            Workbook.appendDecimal(n, to: &bytes)
            if bytes != Array(String(n).utf8) { wrong.append(n) }
        }
        for c in 0..<20_000 {
            var bytes: [UInt8] = []
            Workbook.appendColumnName(c, to: &bytes)
            if bytes != Array(Workbook.columnName(c).utf8) { wrong.append(c) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
        #expect(Workbook.columnName(26) == "AA" && Workbook.columnName(701) == "ZZ" && Workbook.columnName(702) == "AAA")
    }

    /// A shared-string item written from the table's bytes is the item built from its text:
    /// spaces at either end, line breaks (also in "\r\n", and before a combining mark)
    /// keep `xml:space`, escapes are made.
    @Test func sharedStringItemsFromBytesAreTheRule() {
        let pieces = Self.mixedPieces + ["\n", "\r\n", "\r", "\n\u{301}", "&", "\"", "'", "\u{FFFE}", "\u{1}", " \u{301}"]
        let fixed = ["", " ", "a ", " a", "a\nb", "\r\n", "\n\u{301}", "a \u{301}", "&<>", "\u{FFFF}"]
        for text in fixed + Self.texts(pieces, count: 6_000, seed: 31) {
            var bytes: [UInt8] = []
            var utf8 = text
            utf8.withUTF8 { Workbook.SharedStrings.appendItem($0, to: &bytes) }
            #expect(bytes == Array(Workbook.SharedStrings.item(text).utf8), "\(text.debugDescription)")
        }
        #expect(Workbook.SharedStrings.item("a\nb") == "<si><t xml:space=\"preserve\">a\nb</t></si>")
        #expect(Workbook.SharedStrings.item("Đ&") == "<si><t>Đ&amp;</t></si>")
    }

    @Test(arguments: [
        ("Quá hạn 3 ngày làm việc (từ 01/12/2026)", ["Quá hạn 3 ngày làm việc", "(từ 01/12/2026)"]),
        ("Đúng hạn", ["Đúng hạn"]),
        ("Chờ (chưa rõ", ["Chờ (chưa rõ"]),
        ("(đầu) và (cuối)", ["(đầu) và", "(cuối)"]),
        ("a (b) (c)", ["a", "(b) (c)"]),
    ])
    func statusSplitsAtItsFirstParenthesis(text: String, lines: [String]) {
        #expect(ReportDocument.statusLines(text) == lines)
    }
}
