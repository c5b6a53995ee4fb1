import Foundation
import Testing
@testable import TTHCKit

/// ``PrettyJSON`` against its oracle, Foundation's `JSONEncoder` with the same options:
/// the same bytes for every value, over random trees that use every kind of container
/// call a `Codable` conformance can make.
@Suite struct PrettyJSONTests {
    static func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// A JSON-ish value that encodes itself through every container API.
    indirect enum Tree: Encodable {
        case string(String), int(Int), int8(Int8), uint64(UInt64), double(Double), float(Float), bool(Bool), null
        case object([(String, Tree)])
        /// The same members through `nestedContainer(keyedBy:forKey:)` under one key.
        case nestedObject(String, [(String, Tree)])
        case array([Tree])
        /// Elements through `nestedUnkeyedContainer()` / `nestedContainer(keyedBy:)`.
        case nestedArrays([[Tree]])
        case wrapped(Box)
        case nothing
        case data(Data), url(URL), decimal(Decimal)
        case dictionary([String: Int]), intDictionary([Int: String])

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .string(let s): var c = encoder.singleValueContainer(); try c.encode(s)
            case .int(let i): var c = encoder.singleValueContainer(); try c.encode(i)
            case .int8(let i): var c = encoder.singleValueContainer(); try c.encode(i)
            case .uint64(let i): var c = encoder.singleValueContainer(); try c.encode(i)
            case .double(let d): var c = encoder.singleValueContainer(); try c.encode(d)
            case .float(let f): var c = encoder.singleValueContainer(); try c.encode(f)
            case .bool(let b): var c = encoder.singleValueContainer(); try c.encode(b)
            case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
            case .object(let members):
                var c = encoder.container(keyedBy: Key.self)
                for (k, v) in members {
                    switch v {
                    case .string(let s): try c.encode(s, forKey: Key(k))
                    case .int(let i): try c.encode(i, forKey: Key(k))
                    case .double(let d): try c.encode(d, forKey: Key(k))
                    case .bool(let b): try c.encode(b, forKey: Key(k))
                    case .null: try c.encodeNil(forKey: Key(k))
                    default: try c.encode(v, forKey: Key(k))
                    }
                }
            case .nestedObject(let key, let members):
                var outer = encoder.container(keyedBy: Key.self)
                var inner = outer.nestedContainer(keyedBy: Key.self, forKey: Key(key))
                for (k, v) in members { try inner.encode(v, forKey: Key(k)) }
            case .array(let elements):
                var c = encoder.unkeyedContainer()
                for e in elements {
                    switch e {
                    case .string(let s): try c.encode(s)
                    case .int(let i): try c.encode(i)
                    case .double(let d): try c.encode(d)
                    case .null: try c.encodeNil()
                    default: try c.encode(e)
                    }
                }
            case .nestedArrays(let rows):
                var c = encoder.unkeyedContainer()
                for (i, row) in rows.enumerated() {
                    if i % 2 == 0 {
                        var inner = c.nestedUnkeyedContainer()
                        for e in row { try inner.encode(e) }
                    } else {
                        var inner = c.nestedContainer(keyedBy: Key.self)
                        for (j, e) in row.enumerated() { try inner.encode(e, forKey: Key("k\(j)")) }
                    }
                }
            case .wrapped(let box): var c = encoder.singleValueContainer(); try c.encode(box.tree)
            case .nothing: break
            case .data(let d): var c = encoder.singleValueContainer(); try c.encode(d)
            case .url(let u): var c = encoder.singleValueContainer(); try c.encode(u)
            case .decimal(let d): var c = encoder.singleValueContainer(); try c.encode(d)
            case .dictionary(let d): var c = encoder.singleValueContainer(); try c.encode(d)
            case .intDictionary(let d): var c = encoder.singleValueContainer(); try c.encode(d)
            }
        }
    }

    final class Box: Encodable {
        let tree: Tree
        init(_ tree: Tree) { self.tree = tree }
        func encode(to encoder: any Encoder) throws { try tree.encode(to: encoder) }
    }

    struct Generator {
        var random: SplitMix
        // Keys that sort differently by UTF-8 bytes and by other orders (case, digits,
        // prefixes, non-ASCII), and repeat so that later values replace earlier ones.
        let keys = ["a", "B", "b", "aa", "a1", "a10", "a2", "Z", "đ", "e", "é", "", "key with space", "x\"y", "tab\t", "/"]
        let strings = ["", "plain", "Thủ tục \"cấp\" lại", "2345/QĐ-BKHCN", "back\\slash", "line\nbreak\r\n", "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}", "tab\there", "😀 emoji", "\u{FEFF}bom", "e\u{301}",
                       // Escapes after whole words of plain bytes (the writer skips eight at a time).
                       "12345678", "abcdefgh\\", "1234567890abcdef\"", "Giấy chứng nhận đăng ký\u{1F}", "Thủ tục hành chính cấp tỉnh\tx"]
        let doubles: [Double] = [0, -0.0, 1, 0.5, 0.1, 1.0 / 3, 100, 1e-5, 1e21, 123456789.125, -2.5, .leastNonzeroMagnitude, 1.7976931348623157e308]

        mutating func pick<T>(_ a: [T]) -> T { a[Int(random.next() % UInt64(a.count))] }

        mutating func tree(_ depth: Int) -> Tree {
            let leafOnly = depth > 3
            switch random.next() % (leafOnly ? 9 : 20) {
            case 0: return .string(pick(strings))
            case 1: return .int(Int(bitPattern: UInt(random.next())) >> Int(random.next() % 64))
            case 2: return .double(pick(doubles))
            case 3: return .bool(random.next() % 2 == 0)
            case 4: return .null
            case 5: return .int8(Int8(truncatingIfNeeded: random.next()))
            case 6: return .uint64(random.next())
            case 7: return .float(Float(pick(doubles.filter { abs($0) < 1e30 && abs($0) > 1e-30 || $0 == 0 })))
            case 8: return .decimal(Decimal(string: pick(["0", "1.5", "-12.25", "1000000000000000000000"]))!)
            case 9, 10: return .object((0..<Int(random.next() % 5)).map { _ in (pick(keys), tree(depth + 1)) })
            case 11, 12: return .array((0..<Int(random.next() % 5)).map { _ in tree(depth + 1) })
            case 13: return .nestedObject(pick(keys), (0..<Int(random.next() % 4)).map { _ in (pick(keys), tree(depth + 1)) })
            case 14: return .nestedArrays((0..<Int(random.next() % 4)).map { _ in (0..<Int(random.next() % 3)).map { _ in tree(depth + 1) } })
            case 15: return .wrapped(Box(tree(depth + 1)))
            case 16: return .nothing
            case 17: return .data(Data((0..<Int(random.next() % 7)).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
            case 18: return .url(URL(string: pick(["https://dichvucong.gov.vn/p/home/dvc-tthc.html?a=1&b=/x", "file:///tmp/a%20b"]))!)
            default:
                return random.next() % 2 == 0
                    ? .dictionary(Dictionary((0..<Int(random.next() % 4)).map { _ in (pick(keys), Int(random.next() % 100)) }, uniquingKeysWith: { $1 }))
                    : .intDictionary(Dictionary((0..<Int(random.next() % 4)).map { _ in (Int(random.next() % 20) - 10, pick(strings)) }, uniquingKeysWith: { $1 }))
            }
        }
    }

    @Test func sameBytesAsJSONEncoderOverRandomTrees() throws {
        var generator = Generator(random: SplitMix(seed: 7))
        var compared = 0
        for _ in 0..<5_000 {
            let tree = generator.tree(0)
            let expected: [UInt8]
            do { expected = try Self.foundation(tree) } catch {
                // Only a top-level value that encodes nothing is refused: both refuse it.
                #expect(throws: EncodingError.self) { try PrettyJSON.encode(tree) }
                continue
            }
            let actual = try PrettyJSON.encode(tree)
            #expect(actual == expected, "\(String(decoding: expected, as: UTF8.self))\n---\n\(String(decoding: actual, as: UTF8.self))")
            // Handed over in pieces as small as can be: the same bytes.
            var streamed: [UInt8] = []
            try PrettyJSON.encode(tree, to: { streamed += $0 }, pieceSize: 1)
            #expect(streamed == expected)
            compared += 1
            if actual != expected || streamed != expected { break }
        }
        #expect(compared > 4_000)
    }

    /// A nested container written to after a later value replaced it: the later value
    /// stands, and writing into the orphan is harmless, at the top level and below it.
    struct LateWrite: Encodable {
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Tree.Key.self)
            var orphan = c.nestedContainer(keyedBy: Tree.Key.self, forKey: Tree.Key("a"))
            try c.encode(1, forKey: Tree.Key("a"))
            try orphan.encode("x", forKey: Tree.Key("b"))
            var list = c.nestedUnkeyedContainer(forKey: Tree.Key("z"))
            try c.encode("later", forKey: Tree.Key("z"))
            try list.encode(2)
        }
    }

    @Test func aReplacedContainerStaysWritable() throws {
        #expect(try PrettyJSON.encode(LateWrite()) == (try Self.foundation(LateWrite())))
        #expect(try PrettyJSON.encode([LateWrite(), LateWrite()]) == (try Self.foundation([LateWrite(), LateWrite()])))
    }

    @Test func nonFiniteNumbersAreRefusedWithTheirPath() {
        for value in [Double.nan, .infinity, -.infinity] {
            let tree = Tree.object([("a", .array([.double(value)]))])
            #expect(throws: EncodingError.self) { try Self.foundation(tree) }
            do {
                _ = try PrettyJSON.encode(tree)
                Issue.record("\(value) was encoded")
            } catch let EncodingError.invalidValue(_, context) {
                #expect(context.codingPath.map(\.stringValue) == ["a", "Index 0"])
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func theReportIsWhatJSONEncoderWrites() throws {
        let reconciliation = ReportFixture.reconciliation
        #expect(JSONReport().render(reconciliation, language: .vi) == (try Self.foundation(reconciliation)) + [0x0A])
    }

    /// The report's content is handed over in pieces (about one per change row with a
    /// one-byte piece size), not as one buffer, and they add up to the report.
    @Test func theReportIsHandedOverInPieces() throws {
        let reconciliation = ReportFixture.reconciliation
        var pieces: [[UInt8]] = []
        try PrettyJSON.encode(reconciliation, to: { pieces.append(Array($0)) }, pieceSize: 1)
        #expect(pieces.count > reconciliation.changes.count)
        #expect(pieces.flatMap { $0 } == (try Self.foundation(reconciliation)))
    }
}
