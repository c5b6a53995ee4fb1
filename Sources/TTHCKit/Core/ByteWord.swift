/// Eight bytes of UTF-8 text read as one `UInt64`, for the loops that run through long
/// texts looking for a few delimiters (the CSV tokenizer, the XML byte guard): a word in
/// which no byte is a delimiter is passed over at once.
enum ByteWord {
    /// `byte` in each of a word's eight bytes.
    @inline(__always)
    static func repeating(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// True when one of the word's bytes is zero. The classic test ((w − 0x01…) & ~w &
    /// 0x80…): it may mark the wrong byte above a zero one, but it is exact for "any".
    @inline(__always)
    static func hasZeroByte(_ w: UInt64) -> Bool { zeroBytes(w) != 0 }

    /// The high bit of each zero byte of the word, and perhaps of bytes above the lowest
    /// zero one (the borrow of ``hasZeroByte(_:)``): its lowest set bit is exact, the first
    /// zero byte's (words are loaded little-endian, so the first byte is the lowest).
    @inline(__always)
    static func zeroBytes(_ w: UInt64) -> UInt64 {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
    }

    /// Where the first byte marked in `mask` (as ``zeroBytes(_:)`` marks) is, 0 to 7; 8
    /// when none is.
    @inline(__always)
    static func firstMarked(_ mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }

    /// How many of the word's first `count` bytes (0 to 8) start a character.
    @inline(__always)
    static func characterStarts(_ w: UInt64, first count: Int) -> Int {
        let within: UInt64 = count >= 8 ? ~0 : (1 << UInt64(count &* 8)) &- 1
        return count - marked(w & ~(w << 1) & 0x8080_8080_8080_8080 & within)
    }

    /// How many bytes `mask` marks (high bits only). A multiplication adds the eight
    /// bytes into the top one: the machine's baseline (x86-64 without POPCNT) has no
    /// population count instruction, and `nonzeroBitCount` compiled to a dozen
    /// instructions, a fifth of the XML scanner.
    @inline(__always)
    static func marked(_ mask: UInt64) -> Int { Int(((mask >> 7) &* 0x0101_0101_0101_0101) >> 56) }

    /// True when one of the word's bytes is below `limit` (at most 0x80, given as
    /// ``repeating(_:)``): the zero-byte test with the limit subtracted, exact for "any".
    @inline(__always)
    static func hasByteBelow(_ w: UInt64, _ limit: UInt64) -> Bool {
        (w &- limit) & ~w & 0x8080_8080_8080_8080 != 0
    }

    /// True when one of the word's bytes is `byte` (given as ``repeating(_:)``).
    @inline(__always)
    static func has(_ w: UInt64, _ byte: UInt64) -> Bool { hasZeroByte(w ^ byte) }

    /// How many of the word's bytes start a character: all but the continuation bytes
    /// (10xxxxxx: the top bit set, the next one clear).
    @inline(__always)
    static func characterStarts(_ w: UInt64) -> Int { characterStarts(w, first: 8) }

    /// The word at `pointer`, whatever its alignment.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
    }
}
