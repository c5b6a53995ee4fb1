/// XML 1.0 text as every writer of the project spells it: the JUnit report, the Word and
/// Excel parts.
public enum XMLText {
    /// Escapes XML 1.0 character data or an attribute value. Characters XML 1.0 cannot
    /// carry at all (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) become U+FFFD; in an
    /// attribute, tab, LF and CR are written as character references so a parser keeps them.
    public static func escape(_ text: String, attribute: Bool = true) -> String {
        // Most texts (every code, date and name of a workbook's rows) need nothing: they
        // are given back as they are, without a scalar-by-scalar copy.
        mayNeedEscaping(text) ? escapeByScalar(text, attribute: attribute) : text
    }

    /// ``escape(_:attribute:)`` scalar by scalar: the rule itself.
    static func escapeByScalar(_ text: String, attribute: Bool) -> String {
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

    /// Whether `text` holds a byte that ``escape(_:attribute:)`` may change: a C0 control,
    /// `&`, `<`, `>`, a quote or apostrophe, or the lead byte 0xEF of U+FFFE and U+FFFF (and
    /// of other scalars, which the slow path copies as they are). False means the text is
    /// its own escape, in character data and in attributes.
    static func mayNeedEscaping(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { mayNeedEscaping(utf8: $0) }
    }

    /// ``mayNeedEscaping(_:)`` of the text whose UTF-8 is `bytes`.
    static func mayNeedEscaping(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes {
            switch b {
            case 0x00..<0x20, 0x26, 0x3C, 0x3E, 0x22, 0x27, 0xEF: return true
            default: continue
            }
        }
        return false
    }
}
