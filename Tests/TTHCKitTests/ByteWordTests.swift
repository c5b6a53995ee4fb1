import Testing
@testable import TTHCKit

/// The word-at-a-time tests the scanners rely on, against a byte-by-byte reading of the
/// same eight bytes.
@Suite struct ByteWordTests {
    static func bytes(_ w: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: w >> (8 * UInt64($0))) } }

    /// Words of bytes drawn from a few that matter (zero, one, the delimiters and their
    /// neighbours, UTF-8 lead and continuation bytes) so that zeros, borrows and
    /// continuation bytes meet in every arrangement.
    static func words(count: Int, seed: UInt64) -> [UInt64] {
        let alphabet: [UInt8] = [0x00, 0x01, 0x02, 0x3C, 0x3D, 0x3B, 0x0A, 0x0B, 0x0D, 0x41, 0x7F, 0x80, 0xBF, 0xC3, 0xE1, 0xFF]
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in
            (0..<8).reduce(UInt64(0)) { w, i in w | UInt64(alphabet[Int(generator.next() % 16)]) << (8 * UInt64(i)) }
        }
    }

    @Test func theFirstMarkedByteIsTheFirstZeroByte() {
        for w in Self.words(count: 50_000, seed: 7) {
            let naive = Self.bytes(w).firstIndex(of: 0) ?? 8
            #expect(ByteWord.firstMarked(ByteWord.zeroBytes(w)) == naive, "\(String(w, radix: 16))")
            #expect(ByteWord.hasZeroByte(w) == (naive < 8))
        }
    }

    /// What the XML scanner asks: the first of several delimiters, through the marks of
    /// each joined.
    @Test func theFirstOfSeveralDelimitersIsFound() {
        let delimiters: [UInt8] = [0x3C, 0x0A, 0x0D]
        for w in Self.words(count: 50_000, seed: 11) {
            let joined = delimiters.reduce(UInt64(0)) { $0 | ByteWord.zeroBytes(w ^ ByteWord.repeating($1)) }
            let naive = Self.bytes(w).firstIndex(where: delimiters.contains) ?? 8
            #expect(ByteWord.firstMarked(joined) == naive, "\(String(w, radix: 16))")
        }
    }

    /// What the JSON writer asks: is there a control byte (below 0x20), and below any
    /// other limit up to 0x80.
    @Test func aByteBelowALimitIsFound() {
        let alphabet: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x5C, 0x7F, 0x80, 0x81, 0xC3, 0xFF, 0x41]
        var generator = SplitMix(seed: 17)
        for _ in 0..<50_000 {
            let bytes = (0..<8).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let w = bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            for limit: UInt8 in [0x01, 0x20, 0x22, 0x80] {
                #expect(ByteWord.hasByteBelow(w, ByteWord.repeating(limit)) == bytes.contains { $0 < limit }, "\(bytes) below \(limit)")
            }
        }
    }

    @Test func characterStartsAreCountedInTheFirstBytes() {
        for w in Self.words(count: 20_000, seed: 13) {
            let bytes = Self.bytes(w)
            for count in 0...8 {
                let naive = bytes.prefix(count).filter { $0 & 0xC0 != 0x80 }.count
                #expect(ByteWord.characterStarts(w, first: count) == naive, "\(String(w, radix: 16)) first \(count)")
            }
            #expect(ByteWord.characterStarts(w) == ByteWord.characterStarts(w, first: 8))
            #expect(ByteWord.marked(w & 0x8080_8080_8080_8080) == (w & 0x8080_8080_8080_8080).nonzeroBitCount)
        }
    }
}
