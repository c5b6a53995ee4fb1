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
