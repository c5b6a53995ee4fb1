/// XML 1.0 text as every writer of the project spells it: the JUnit report, the Word and
/// Excel parts.
public enum XMLText {
    /// Escapes XML 1.0 character data or an attribute value. Characters XML 1.0 cannot
    /// carry at all (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) become U+FFFD; in an
    /// attribute, tab, LF and CR are written as character references so a parser keeps them.
    public static func escape(_ text: String, attribute: Bool = true) -> String {
        var out = ""
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t", "\n": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
