import Foundation
import Testing
@testable import TTHCKit

/// Nothing outside the file is ever read, and DTDs are refused before libxml2 sees them.
@Suite struct XMLSecurityTests {
    static let dtdMessage = "error: DTDs are not allowed (<!DOCTYPE …>): the file may not declare a DTD or entities, so nothing outside it is read"

    /// A secret file, and an XML document that tries to pull it in through an external
    /// entity in an attribute, in text, and through an external DTD.
    private static func secretAndAttack(padding: Int) throws -> (secret: String, url: URL, xml: String) {
        let secret = "TTHC-SECRET-\(UUID().uuidString)"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-secret-\(UUID().uuidString).txt")
        try secret.write(to: url, atomically: true, encoding: .utf8)
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!--\(String(repeating: "x", count: padding))-->
        <!DOCTYPE decision SYSTEM "\(url.absoluteString)" [
          <!ENTITY secret SYSTEM "\(url.absoluteString)">
          <!ENTITY % remote SYSTEM "\(url.absoluteString)">
          %remote;
        ]>
        <decision xmlns="urn:tthc:decision:1" number="&secret;" issuer="&secret;" issued="2026-10-20" effective="2026-11-01">
          <procedure code="1.000001" change="new"><name>&secret;</name><levels><level>province</level></levels></procedure>
        </decision>
        """
        return (secret, url, xml)
    }

    /// Paddings put the DOCTYPE at every offset around the first reads and libxml2's
    /// 4 KiB blocks, so the keyword is split across reads in some of them.
    @Test(arguments: [0, 1, 2, 3, 7, 100, 497, 498, 499, 500, 501, 502, 503, 504, 505, 4072, 4079, 4080, 4081, 4082, 4083, 4084, 4085, 4086, 4087, 4088, 4089, 5000])
    func fileXXEDoesNotLeak(padding: Int) throws {
        let (secret, url, xml) = try Self.secretAndAttack(padding: padding)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = InputFile(displayPath: "xxe.xml", bytes: Array(xml.utf8))
        let decision = DecisionXMLReader.read(file)
        let catalogue = CatalogueXMLReader.read(file)
        for diagnostics in [decision.diagnostics, catalogue.diagnostics] {
            #expect(XMLFixtures.rendered(diagnostics) == ["xxe.xml:3:1: " + Self.dtdMessage])
            for d in diagnostics {
                #expect(!d.rendered(.vi).contains(secret))
                #expect(!d.rendered(.en).contains(secret))
            }
        }
        #expect(decision.value == nil)
        #expect(catalogue.value == nil)
        // Streaming from disk goes through the same guard.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-xxe-\(UUID().uuidString).xml")
        try xml.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        var seen: [ProcedureChange] = []
        let streamed = DecisionXMLReader.stream(path: path.path, displayPath: "xxe.xml") { seen.append($0) }
        #expect(XMLFixtures.rendered(streamed.diagnostics) == ["xxe.xml:3:1: " + Self.dtdMessage])
        #expect(seen.isEmpty)
    }

    @Test func doctypeInsideTheDocumentIsRefusedToo() throws {
        let xml = """
        <decision xmlns="urn:tthc:decision:1" number="1" issuer="x" issued="2026-10-20" effective="2026-11-01">
          <!DOCTYPE decision [ <!ENTITY secret SYSTEM "file:///etc/hostname"> ]>
        </decision>
        """
        let result = DecisionXMLReader.read(InputFile(displayPath: "inner.xml", bytes: Array(xml.utf8)))
        #expect(XMLFixtures.rendered(result.diagnostics) == ["inner.xml:2:3: " + Self.dtdMessage])
    }

    @Test func doctypeInCommentsAndCDATAIsText() throws {
        let xml = """
        <?xml version="1.0"?><!-- <!DOCTYPE x> --><?note <!DOCTYPE y>?>
        <decision xmlns="urn:tthc:decision:1" number="1" issuer="x" issued="2026-10-20" effective="2026-11-01">
          <procedure code="1.000001" change="new"><name><![CDATA[<!DOCTYPE z> ]] ]>]]></name><levels><level>province</level></levels></procedure>
        </decision>
        """
        let result = DecisionXMLReader.read(InputFile(displayPath: "text.xml", bytes: Array(xml.utf8)))
        #expect(result.diagnostics.isEmpty)
        #expect(result.value?.changes.first?.content.name == "<!DOCTYPE z> ]] ]>")
    }

    @Test func undeclaredEntitiesAreErrorsNotLookups() {
        let xml = #"<decision xmlns="urn:tthc:decision:1" number="&nbsp;" issuer="x" issued="2026-10-20" effective="2026-11-01"/>"#
        let result = DecisionXMLReader.read(InputFile(displayPath: "ent.xml", bytes: Array(xml.utf8)))
        #expect(result.value == nil)
        #expect(XMLFixtures.rendered(result.diagnostics) == ["ent.xml:1:53: error: malformed XML: Entity 'nbsp' not defined"])
    }
}

/// The byte scanner's positions agree however the input is cut into blocks.
@Suite struct MarkupScannerTests {
    static let document = Array("""
    \u{FEFF}<?xml version="1.0"?>\r\n<!-- <x> --><a k=">" j='/>'>ủ<b/>\r<c><![CDATA[<d>]]></c>\n\t<e\n/><f>x</f></a>
    """.utf8)

    @Test(arguments: [1, 2, 3, 5, 7, 64, 4096])
    func elementStartsDoNotDependOnBlockSize(_ size: Int) {
        var scanner = MarkupScanner()
        var handed = 0
        var starts: [String] = []
        Self.document.withUnsafeBufferPointer { all in
            var i = 0
            while i < all.count {
                let n = min(size, all.count - i)
                handed += scanner.scan(UnsafeBufferPointer(rebasing: all[i..<(i + n)]))
                // Taken with each block, as the parser is given them.
                starts += scanner.takeElementStarts().map { "\($0.line):\($0.column)" }
                i += n
            }
        }
        #expect(handed == Self.document.count)
        #expect(scanner.takeElementStarts().isEmpty)
        // The BOM takes no column; CR LF and a lone CR each end one line; ủ is one column.
        #expect(starts == ["2:13", "2:30", "3:1", "4:2", "5:3"])
        #expect(scanner.openElements == 0)
        #expect(scanner.stop == nil)
    }

    /// Random documents (text, attributes and line ends of every kind, multi-byte
    /// letters, cut into random blocks): each start tag's position is the one counted a
    /// scalar at a time, as libxml2 counts (CR LF and a lone CR each end one line), however
    /// the word skip meets it.
    @Test func elementStartsMatchAScalarCountOnRandomDocuments() {
        let texts = ["a", "ệ", "Đ", "😀", " ", "\n", "\r\n", "\r", "\t", "Thủ tục", "0123456789", "&amp;", ">", "'", "\""]
        let values = ["v", "ủ", "\n", "\r\n", ">", "/>", "'", "x y", "0123456789abcdef"]
        var generator = SplitMix(seed: 2026)
        func pick(_ options: [String]) -> String { options[Int(generator.next() % UInt64(options.count))] }
        for round in 0..<1_500 {
            var document = ""
            var line = 1, column = 1, lastWasCR = false
            var expected: [String] = []
            func add(_ piece: String) {
                document += piece
                for scalar in piece.unicodeScalars {
                    switch scalar {
                    case "\n":
                        if !lastWasCR { line += 1 }
                        column = 1
                        lastWasCR = false
                    case "\r":
                        line += 1
                        column = 1
                        lastWasCR = true
                    default:
                        column += 1
                        lastWasCR = false
                    }
                }
            }
            func startTag(empty: Bool) {
                expected.append("\(line):\(column)")
                add("<e")
                for _ in 0..<Int(generator.next() % 3) {
                    let quote = generator.next() % 2 == 0 ? "\"" : "'"
                    let value = (0..<Int(generator.next() % 4)).map { _ in pick(values) }.joined()
                        .replacingOccurrences(of: quote, with: "")
                    add(pick([" ", "\n  ", "\r\n\t"]) + "k=" + quote + value + quote)
                }
                add(empty ? "/>" : ">")
            }
            startTag(empty: false)
            var open = 1
            for _ in 0..<Int(generator.next() % 24) {
                switch generator.next() % 4 {
                case 0: startTag(empty: false); open += 1
                case 1: startTag(empty: true)
                case 2 where open > 1: add("</e>"); open -= 1
                default: add((0..<Int(generator.next() % 12)).map { _ in pick(texts) }.joined())
                }
            }
            while open > 0 { add("</e>"); open -= 1 }
            let bytes = Array(document.utf8)
            var scanner = MarkupScanner()
            var handed = 0
            var starts: [String] = []
            bytes.withUnsafeBufferPointer { all in
                var i = 0
                while i < all.count {
                    let n = min(1 + Int(generator.next() % 40), all.count - i)
                    handed += scanner.scan(UnsafeBufferPointer(rebasing: all[i..<(i + n)]))
                    starts += scanner.takeElementStarts().map { "\($0.line):\($0.column)" }
                    i += n
                }
            }
            #expect(handed == bytes.count, "round \(round)")
            #expect(starts == expected, "round \(round): \(document.debugDescription)")
            #expect(scanner.openElements == 0, "round \(round)")
            if starts != expected { return }
        }
    }

    @Test(arguments: [
        ([0xFF, 0xFE, 0x3C, 0x00], "UTF-16"), ([0xFE, 0xFF, 0x00, 0x3C], "UTF-16"), ([0x3C, 0x00, 0x3F, 0x00], "UTF-16"),
        ([0x00, 0x3C, 0x00, 0x3F], "UTF-16"), ([0x00, 0x00, 0xFE, 0xFF], "UTF-32"), ([0x3C, 0x00, 0x00, 0x00], "UTF-32"),
    ] as [([UInt8], String)])
    func nonUTF8SignaturesStopAtTheFirstByte(_ bytes: [UInt8], _ encoding: String) {
        var scanner = MarkupScanner()
        let handed = bytes.withUnsafeBufferPointer { scanner.scan($0) }
        #expect(handed == 0)
        #expect(scanner.stop == .notUTF8(encoding))
    }
}
