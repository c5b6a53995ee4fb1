import Foundation

/// Vietnamese-aware text normalisation shared by importers and the reconciler.
public enum TextNormalization {
    /// Unicode NFC with runs of whitespace (including NBSP and line breaks) collapsed to one
    /// space and the ends trimmed. This is the form every free-text field is stored in.
    public static func clean(_ s: String) -> String {
        let nfc = s.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in nfc.unicodeScalars {
            if u.properties.isWhitespace || u == "\u{200B}" || u == "\u{FEFF}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(u)
            }
        }
        return String(out)
    }

    /// A folded key for matching headers, section titles and names: no diacritics,
    /// "đ" → "d", lower case, punctuation dropped, whitespace collapsed.
    /// "Mã số  TTHC" and "MA SO TTHC" fold to the same key.
    public static func fold(_ s: String) -> String {
        let decomposed = s.decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in decomposed.unicodeScalars {
            if u.properties.generalCategory == .nonspacingMark { continue }
            var scalar = u
            if u == "đ" || u == "Đ" { scalar = "d" }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                for l in String(scalar).lowercased().unicodeScalars { out.append(l) }
            } else {
                pendingSpace = !out.isEmpty
            }
        }
        return String(out)
    }
}
