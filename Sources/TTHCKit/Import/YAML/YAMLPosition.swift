import Yams

/// The YAML node tree of `text`, composed by Yams from UTF-8.
///
/// The encoding is named rather than left to `Parser.Encoding.default`, which reads the
/// whole process environment on every call (for `YAMS_DEFAULT_ENCODING`): that was a tenth
/// of the time spent on a small settings or holiday file, and a reader's behaviour should
/// not hang on an environment variable.
///
/// Yams' default tag rules are regular expressions (bool, int, float, null, timestamp…),
/// compiled at first use, and that was a tenth of `tthc reconcile` on the bundled
/// catalogue. The readers never ask for a resolved tag: Yams resolves only the keys' tags
/// (to find duplicate keys), and `Node.bool`, `.int` and `.float` read the text of a
/// value whose tag is still unresolved. So the rules are used only when the text can hold
/// an explicit tag (it has a "!"). Without one, every key's tag is implicit and so a
/// function of its text under either resolver: keys are equal, and duplicate, under both
/// exactly when their texts are.
func composeYAML(_ text: String) throws -> Node? {
    let explicitTags = text.utf8.contains(UInt8(ascii: "!"))
    return try Yams.compose(yaml: text, explicitTags ? .default : .basic, .default, .utf8)
}

/// Positions in YAML diagnostics, kept inside the text.
///
/// At the end of a text whose last line has no line break, libyaml (under Yams) moves its
/// marks to the start of the next line, one that an editor does not show: an error or an
/// empty document found there would send the reader to line 7 of a six-line file. Such a
/// position is moved to the end of the last line. Line ends are those YAML knows: CR LF,
/// CR, LF, NEL, LS and PS.
struct YAMLPosition: Sendable {
    /// Lines in the text (an empty last line after a final line break counts).
    let lines: Int
    /// Characters (Unicode scalars) on the last line.
    let lastLineLength: Int

    init(_ text: String) {
        var lines = 1
        var lastLineLength = 0
        var afterCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r":
                lines += 1
                lastLineLength = 0
                afterCR = true
                continue
            case "\n":
                if !afterCR { lines += 1 }
                lastLineLength = 0
            case "\u{85}", "\u{2028}", "\u{2029}":
                lines += 1
                lastLineLength = 0
            default:
                lastLineLength += 1
            }
            afterCR = false
        }
        self.lines = lines
        self.lastLineLength = lastLineLength
    }

    /// `line`/`column` (1-based, as Yams' marks are), or the end of the last line when
    /// they are past it.
    func clamp(line: Int, column: Int) -> (line: Int, column: Int) {
        line > lines ? (lines, lastLineLength + 1) : (line, column)
    }

    static func clamped(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
        YAMLPosition(text).clamp(line: line, column: column)
    }
}
