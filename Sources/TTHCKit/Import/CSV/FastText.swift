/// A fast path for ``TextNormalization/clean(_:)`` on cells that are already clean.
///
/// Large listings have millions of cells, and nearly all of them are already NFC (Excel
/// writes precomposed Vietnamese) with single interior spaces. Normalising each through
/// Foundation costs more than the rest of reading, so this scan proves "already clean" on
/// the UTF-8 bytes and returns the string unchanged; anything it cannot prove goes through
/// ``TextNormalization/clean(_:)``. The result is always identical to `clean`.
enum FastText {
    static func clean(_ s: String) -> String {
        isAlreadyClean(s) ? s : TextNormalization.clean(s)
    }

    /// True when `s` has no leading, trailing or repeated spaces, no whitespace but U+0020,
    /// and only scalars whose NFC form is themselves in any context: Latin (U+0000–U+02FF),
    /// Latin Extended Additional (U+1E00–U+1EFF, Vietnamese tones), general punctuation
    /// (U+2010–U+2027, U+2030–U+205E) and the đồng sign U+20AB.
    static func isAlreadyClean(_ s: String) -> Bool {
        var previousSpace = true // a leading space is not clean
        var utf8 = s.utf8.makeIterator()
        while let b = utf8.next() {
            if b < 0x80 {
                if b == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                    continue
                }
                if b >= 0x09 && b <= 0x0D { return false }
                previousSpace = false
                continue
            }
            previousSpace = false
            let scalar: UInt32
            if b & 0xE0 == 0xC0 {
                guard let b1 = utf8.next() else { return false }
                scalar = UInt32(b & 0x1F) << 6 | UInt32(b1 & 0x3F)
            } else if b & 0xF0 == 0xE0 {
                guard let b1 = utf8.next(), let b2 = utf8.next() else { return false }
                scalar = UInt32(b & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
            } else {
                return false
            }
            switch scalar {
            case 0x85, 0xA0: return false
            case 0x80...0x2FF, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E, 0x20AB: continue
            default: return false
            }
        }
        return !previousSpace || s.isEmpty
    }
}
