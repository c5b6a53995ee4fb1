/// How many terminal columns text takes.
///
/// Foundation has no `wcwidth`, and the C library's depends on the process locale, so the
/// rule is written out here: combining marks (the Vietnamese tone marks when text is not
/// precomposed), format characters and controls take no column; East Asian wide and
/// full-width characters take two; everything else one. Reports are NFC, where Vietnamese
/// letters are single precomposed scalars, and the count is the same for NFD text.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        var width = 0
        for u in text.unicodeScalars { width += of(u) }
        return width
    }

    /// `text` followed by spaces up to `width` columns (never cut): the one padding rule of
    /// every text listing (reports, reminders, holidays, the calendar's explanations).
    public static func padded(_ text: String, to width: Int) -> String {
        let w = of(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }

    static func of(_ u: Unicode.Scalar) -> Int {
        // Printable ASCII, Latin-1 and Latin Extended (but the soft hyphen, a format
        // character), and the precomposed Vietnamese letters take one column: the text of
        // every report, answered without the Unicode property lookup.
        let v = u.value
        if (v >= 0x20 && v < 0x7F) || (v >= 0xA0 && v < 0x300 && v != 0xAD) || (v >= 0x1EA0 && v <= 0x1EFF) { return 1 }
        return general(u)
    }

    /// The rule itself, for every scalar.
    static func general(_ u: Unicode.Scalar) -> Int {
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Greedy word wrap at spaces; a word wider than `width` is cut between characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0, of(text) > width else { return [text] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var w = of(word)
            if currentWidth > 0 && currentWidth + 1 + w <= width {
                current += " " + word
                currentWidth += 1 + w
                continue
            }
            if currentWidth > 0 { lines.append(current) }
            if w > width {
                // A word wider than the column is cut into pieces of the column's width, in
                // one pass over its characters (cutting and measuring the rest again for
                // each piece took 43 s for a 160 KB word). A character wider than the column
                // stands alone.
                var piece = "", pieceWidth = 0
                for c in word {
                    let cw = of(String(c))
                    if pieceWidth + cw > width, !piece.isEmpty {
                        lines.append(piece)
                        piece = ""
                        pieceWidth = 0
                    }
                    piece.append(c)
                    pieceWidth += cw
                }
                word = piece
                w = pieceWidth
            }
            current = word
            currentWidth = w
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
