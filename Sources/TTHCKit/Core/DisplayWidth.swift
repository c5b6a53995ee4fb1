/// How many terminal columns text takes.
///
/// Foundation has no `wcwidth`, and the C library's depends on the process locale, so the
/// rule is written out here: combining marks (the Vietnamese tone marks when text is not
/// precomposed), format characters and controls take no column; East Asian wide and
/// full-width characters take two; everything else one. Reports are NFC, where Vietnamese
/// letters are single precomposed scalars, and the count is the same for NFD text.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        var text = text
        return text.withUTF8(of(utf8:))
    }

    /// The width of UTF-8 text (well-formed, as a `String` holds it), read byte by byte:
    /// ASCII without decoding, every other scalar by ``of(_:)-(Unicode.Scalar)``.
    static func of(utf8 p: UnsafeBufferPointer<UInt8>) -> Int {
        var width = 0, i = 0
        while i < p.count {
            let b = p[i]
            if b < 0x80 {
                if b >= 0x20 && b != 0x7F { width += 1 }
                i += 1
                continue
            }
            let (value, length) = scalar(p, at: i)
            width += of(Unicode.Scalar(value) ?? " ")
            i += length
        }
        return width
    }

    /// The width of each line of `text`, in order, as `text.split(separator: "\n",
    /// omittingEmptySubsequences: false)` gives the lines: LF ends a line, but not after CR
    /// ("\r\n" is one character, which is not "\n"). Read on the bytes.
    static func forEachLineWidth(_ text: String, _ body: (Int) -> Void) {
        var text = text
        text.withUTF8 { p in
            // A line feed or a carriage return left in a line is 0 wide, as in ``of(utf8:)``.
            var start = 0
            for i in p.indices where p[i] == 0x0A && (i == 0 || p[i - 1] != 0x0D) {
                body(of(utf8: UnsafeBufferPointer(rebasing: p[start..<i])))
                start = i + 1
            }
            body(of(utf8: UnsafeBufferPointer(rebasing: p[start...])))
        }
    }

    /// The scalar value whose UTF-8 starts with the lead byte at `i` (not ASCII), and its
    /// length in bytes.
    @inline(__always)
    static func scalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let b = UInt32(p[i])
        if b < 0xE0 { return ((b & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b < 0xF0 { return ((b & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3) }
        return ((b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// Whether every scalar of the UTF-8 text is printable ASCII, in U+00A0–U+02FF (Latin-1
    /// and Latin Extended letters, the soft hyphen among them) or a precomposed Vietnamese
    /// letter (U+1EA0–U+1EFF): the text of nearly every report. In such text each scalar is
    /// a grapheme cluster of its own (none of them extends, joins or prepends, and there is
    /// no control, so no CR LF), one column wide but the soft hyphen (none): what is said of
    /// its characters can be said of its scalars, and of its bytes for ASCII.
    static func isSimple(utf8 p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < p.count {
            let b = p[i]
            if b < 0x80 {
                if b < 0x20 || b == 0x7F { return false }
                i += 1
            } else if b >= 0xC2 && b <= 0xCB {
                // U+0080–U+02FF; below U+00A0 are the C1 controls.
                if b == 0xC2 && p[i + 1] < 0xA0 { return false }
                i += 2
            } else if b == 0xE1 && (p[i + 1] == 0xBB || (p[i + 1] == 0xBA && p[i + 2] >= 0xA0)) {
                i += 3
            } else {
                return false
            }
        }
        return true
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
        var lines = WrappedLines()
        lines.append(wrapping: text, width: width)
        return lines.indices.map { lines.text(of: $0) }
    }

    /// ``wrap(_:width:)`` character by character: the rule itself, for text that is not
    /// simple (``isSimple(utf8:)``), where a space or a scalar may be part of a larger
    /// character.
    static func wrapByCharacter(_ text: String, width: Int) -> [String] {
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

/// Lines of text as a text report draws them: their bytes end to end, with where each line
/// ends and how wide it is. Filled again for every cell (``removeAll()``), it makes no
/// allocation once its arrays have grown, where a line as a `String` and each word of it
/// as another cost more than the rest of a national text report together.
struct WrappedLines {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = []
    private(set) var widths: [Int] = []

    var count: Int { ends.count }
    var indices: Range<Int> { ends.indices }

    /// The bytes of line `k`.
    func range(of k: Int) -> Range<Int> { (k == 0 ? 0 : ends[k - 1])..<ends[k] }

    func text(of k: Int) -> String { String(decoding: bytes[range(of: k)], as: UTF8.self) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        widths.removeAll(keepingCapacity: true)
    }

    private mutating func endLine(width: Int) {
        ends.append(bytes.count)
        widths.append(width)
    }

    /// `text` as one line, as it is.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { p in
            bytes.append(contentsOf: p)
            endLine(width: DisplayWidth.of(utf8: p))
        }
    }

    /// The lines ``DisplayWidth/wrap(_:width:)`` makes of `text`: for simple text
    /// (``DisplayWidth/isSimple(utf8:)``) found on its bytes, word by word, with the same
    /// rule as ``DisplayWidth/wrapByCharacter(_:width:)`` (the tests hold the two to the same
    /// lines), for any other text by that rule itself.
    mutating func append(wrapping text: String, width: Int) {
        var text = text
        let simple = text.withUTF8 { p in
            guard DisplayWidth.isSimple(utf8: p) else { return false }
            appendWrapping(simple: p, width: width)
            return true
        }
        if !simple {
            for line in DisplayWidth.wrapByCharacter(text, width: width) { append(line) }
        }
    }

    /// The soft hyphen, U+00AD, in UTF-8: the one scalar of simple text that takes no column.
    private static func isSoftHyphen(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        p[i] == 0xC2 && p[i + 1] == 0xAD
    }

    /// The width of simple text: its scalars (the bytes that are not continuation bytes),
    /// less its soft hyphens.
    private static func simpleWidth(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var width = 0
        for i in range where p[i] & 0xC0 != 0x80 {
            if !isSoftHyphen(p, i) { width += 1 }
        }
        return width
    }

    private mutating func appendWrapping(simple p: UnsafeBufferPointer<UInt8>, width: Int) {
        let total = Self.simpleWidth(p, 0..<p.count)
        guard width > 0, total > width else {
            bytes.append(contentsOf: p)
            endLine(width: total)
            return
        }
        // The line being filled starts at `lineStart` in `bytes`; `lineWidth` 0 with bytes
        // after `lineStart` is a line of soft hyphens only, which the rule drops when the
        // next word comes.
        var lineStart = bytes.count, lineWidth = 0
        var i = 0
        while i < p.count {
            if p[i] == 0x20 { i += 1; continue }
            var end = i
            while end < p.count && p[end] != 0x20 { end += 1 }
            let word = UnsafeBufferPointer(rebasing: p[i..<end])
            let w = Self.simpleWidth(p, i..<end)
            i = end
            if lineWidth > 0 && lineWidth + 1 + w <= width {
                bytes.append(0x20)
                bytes.append(contentsOf: word)
                lineWidth += 1 + w
                continue
            }
            if lineWidth > 0 {
                endLine(width: lineWidth)
            } else {
                bytes.removeSubrange(lineStart...)
            }
            lineStart = bytes.count
            guard w > width else {
                bytes.append(contentsOf: word)
                lineWidth = w
                continue
            }
            // A word wider than the column, cut into pieces of the column's width; the
            // last piece is the line that goes on.
            lineWidth = 0
            var j = 0
            while j < word.count {
                let length = word[j] < 0x80 ? 1 : (word[j] < 0xE0 ? 2 : 3)
                let cw = Self.isSoftHyphen(word, j) ? 0 : 1
                if lineWidth + cw > width && bytes.count > lineStart {
                    endLine(width: lineWidth)
                    lineStart = bytes.count
                    lineWidth = 0
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: word[j..<j + length]))
                lineWidth += cw
                j += length
            }
        }
        if bytes.count > lineStart { endLine(width: lineWidth) }
    }
}
