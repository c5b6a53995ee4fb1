/// Positions in YAML diagnostics, kept inside the text.
///
/// At the end of a text whose last line has no line break, libyaml (under Yams) moves its
/// mark to the start of the next line, one that an editor does not show: an error found
/// there would send the reader to line 7 of a six-line file. Such a position is moved to
/// the end of the last line.
enum YAMLPosition {
    /// `line`/`column` (1-based, as Yams' marks are) inside `text`.
    static func clamped(line: Int, column: Int, in text: String) -> (line: Int, column: Int) {
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
        guard line > lines else { return (line, column) }
        return (lines, lastLineLength + 1)
    }
}
