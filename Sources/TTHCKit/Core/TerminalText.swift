/// Text from the data made safe for a terminal or a CI log: every control character but
/// the line break and the tab becomes visible instead of acting (an ESC would start an
/// escape sequence that clears the screen, sets the window title or hides a link), and so
/// do the invisible bidirectional overrides that reorder what is shown.
///
/// C0 controls become their Control Pictures (U+2400–U+241F: ESC shows as ␛), DEL shows as
/// ␡, C1 controls (U+0080–U+009F) and the bidi embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) as U+FFFD. Text without any of these is returned as it
/// is, without copying.
public enum TerminalText {
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            guard needsReplacing(u) else { out.append(u); continue }
            switch u.value {
            case 0x00...0x1F: out.append(Unicode.Scalar(0x2400 + u.value)!)
            case 0x7F: out.append("\u{2421}")
            default: out.append("\u{FFFD}")
            }
        }
        return String(out)
    }

    @inline(__always)
    static func needsReplacing(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
