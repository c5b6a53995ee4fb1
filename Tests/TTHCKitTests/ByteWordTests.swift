import Testing
@testable import TTHCKit

/// The eight-bytes-at-a-time tests against a byte-by-byte look at the same word.
@Suite struct ByteWordTests {
    /// Words whose bytes are drawn from a few values around the one looked for (and 0x00,
    /// 0x7F, 0x80, 0xFF, where carries and borrows go wrong), from a fixed seed.
    static func words(count: Int, around byte: UInt8) -> [UInt64] {
        let values: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0x81, 0xFE, 0xFF, byte, byte &- 1, byte &+ 1, byte ^ 0x80, byte]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            var w: UInt64 = 0
            for k in 0..<8 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                w |= UInt64(values[Int(state >> 33) % values.count]) << (8 * UInt64(k))
            }
            return w
        }
    }

    static func bytes(_ w: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: w >> (8 * UInt64($0))) } }

    @Test(arguments: [UInt8(0x0A), 0x0D, 0x00, 0x22, 0x3B, 0x7F, 0x80, 0xEF, 0xFF])
    func countIsExactForEveryByteOfTheWord(_ byte: UInt8) {
        for w in Self.words(count: 20_000, around: byte) {
            let expected = Self.bytes(w).filter { $0 == byte }.count
            #expect(ByteWord.count(w, ByteWord.repeating(byte)) == expected, "word \(String(w, radix: 16))")
            #expect(ByteWord.has(w, ByteWord.repeating(byte)) == (expected > 0), "word \(String(w, radix: 16))")
        }
    }

    /// Every value of one byte, beside bytes equal to the one looked for on both sides.
    @Test func countIsExactForEachSingleByteValue() {
        for value in 0...255 {
            for position in 0..<8 {
                let w = (ByteWord.repeating(0x0A) & ~(0xFF << (8 * UInt64(position)))) | (UInt64(value) << (8 * UInt64(position)))
                #expect(ByteWord.count(w, ByteWord.repeating(0x0A)) == (value == 0x0A ? 8 : 7), "value \(value) at \(position)")
            }
        }
    }

    /// A CSV file's row bound is its line breaks plus one, counted the slow way (CRLF
    /// counts twice: a bound, not a count of records).
    @Test func theRowBoundCountsEveryLineBreak() {
        var text = ""
        for i in 0..<30_000 { text += ["a,b\n", "c,\"d\r\ne\"\r\n", "f\r", "g,h,i,j\n\n"][i % 4] }
        text += "tail"
        let bytes = Array(text.utf8)
        let expected = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
        // Past the size from which the bound is counted, with bytes that break no line
        // (and an odd length, for the bytes after the last whole word).
        let padded = bytes + [UInt8](repeating: 0x78, count: max(0, (1 << 20) - bytes.count) + 3)
        #expect(CSVTableSource(InputFile(displayPath: "l.csv", bytes: padded)).rowCountBound == expected)
    }
}
