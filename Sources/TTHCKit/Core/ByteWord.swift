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
    static func hasZeroByte(_ w: UInt64) -> Bool {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 != 0
    }

    /// True when one of the word's bytes is `byte` (given as ``repeating(_:)``).
    @inline(__always)
    static func has(_ w: UInt64, _ byte: UInt64) -> Bool { hasZeroByte(w ^ byte) }

    /// How many of the word's bytes start a character: all but the continuation bytes
    /// (10xxxxxx: the top bit set, the next one clear).
    @inline(__always)
    static func characterStarts(_ w: UInt64) -> Int {
        8 - (w & ~(w << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
    }

    /// The word at `pointer`, whatever its alignment.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
    }
}
