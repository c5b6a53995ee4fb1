import Foundation
import Testing
@testable import TTHCKit

/// Valid listings and catalogues: the model that comes out, compared to golden JSON
/// (re-record with `TTHC_RECORD=1 swift test --filter XMLReaderTests`).
@Suite struct XMLReaderTests {
    @Test func decisionListingMatchesGolden() throws {
        let result = DecisionXMLReader.read(try XMLFixtures.file("decision-valid.xml"))
        #expect(result.diagnostics.isEmpty)
        let decision = try #require(result.value)
        let json = try XMLFixtures.json(decision)
        #expect(json == (try XMLFixtures.golden("decision-valid.golden.json", actual: json)))
        // The points the golden file encodes, spelled out.
        #expect(decision.number == "2345/QĐ-BKHCN")
        #expect(decision.effective == CivilDate(year: 2026, month: 11, day: 1))
        #expect(decision.changes.map(\.code.raw) == ["1.010696", "1.012001", "2.000674.000.00.00.H56", "1.003011"])
        #expect(decision.changes[0].content.name == "Thủ tục cấp Giấy chứng nhận đăng ký nhãn hiệu")
        #expect(decision.changes[1].replaces == [ProcedureCode("1.004227")])
        #expect(decision.changes[1].content.name == "Thủ tục đăng ký <hợp đồng> chuyển giao công nghệ")
        #expect(decision.changes[2].content.name == "Thủ tục thẩm định công nghệ dự án đầu tư & cấp phép")
        #expect(decision.changes.map(\.location.line) == [6, 17, 23, 28])
        #expect(decision.source == SourceLocation(file: "xml/decision-valid.xml", line: 3, column: 1))
    }

    /// libxml2's SAX interface hands an attribute's `&` over as `&#38;` when entities are
    /// not substituted; every other reference comes decoded. The values read must be the
    /// characters written, however they were escaped, and a literal `&#38;` (written
    /// `&amp;#38;`) must stay as it is.
    @Test func attributeValuesAreDecodedWhateverTheEscape() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <decision xmlns="urn:tthc:decision:1" number="12&amp;13/Q&#272;-&#x42;X&#38;Y &lt;a&gt; &quot;b&quot; &apos;c&apos; &amp;#38;" \
        issuer="B&#7897; A &amp; B" issued="2026-10-20" effective="2026-11-01">
          <procedure code="1.000001" change="new"><name>A &amp; B</name></procedure>
        </decision>
        """
        let result = DecisionXMLReader.read(InputFile(displayPath: "d.xml", bytes: Array(xml.utf8)))
        #expect(result.diagnostics.isEmpty)
        let decision = try #require(result.value)
        #expect(decision.number == "12&13/QĐ-BX&Y <a> \"b\" 'c' &#38;")
        #expect(decision.issuer == "Bộ A & B")
        #expect(decision.changes.map(\.content.name) == ["A & B"])
    }

    @Test func catalogueMatchesGolden() throws {
        let result = CatalogueXMLReader.read(try XMLFixtures.file("catalogue-valid.xml"))
        #expect(result.diagnostics.isEmpty)
        let catalogue = try #require(result.value)
        let json = try XMLFixtures.json(catalogue)
        #expect(json == (try XMLFixtures.golden("catalogue-valid.golden.json", actual: json)))
        #expect(catalogue.entries.map(\.code?.raw) == ["1.004227.000.00.00.H56", "1.010696", "HY-KHCN-07", nil])
        #expect(catalogue.entries.map(\.status) == [.inForce, .abolished, .inForce, .inForce])
        #expect(catalogue.entries[2].code?.isWellFormed == false)
        #expect(catalogue.entries[2].content.levels == [.province, .commune])
        #expect(catalogue.entries[0].publishedOn == CivilDate(year: 2026, month: 11, day: 5))
    }

    @Test func textIsNormalisedToNFCWithCollapsedWhitespace() throws {
        // "Thủ" written with a combining hook above (decomposed), tabs and NBSP around.
        let decomposed = "Thu\u{309}"
        let xml = """
        <catalogue xmlns="urn:tthc:catalogue:1"><procedure code=" 1.000001 "><name>\t\(decomposed)\u{A0} tục\n\n A </name>\
        <agency>   </agency></procedure></catalogue>
        """
        let result = CatalogueXMLReader.read(InputFile(displayPath: "nfc.xml", bytes: Array(xml.utf8)))
        let entry = try #require(result.value?.entries.first)
        #expect(entry.content.name == "Thủ tục A")
        #expect(entry.content.name.unicodeScalars.count == 9)
        #expect(entry.content.name == entry.content.name.precomposedStringWithCanonicalMapping)
        #expect(entry.code?.raw == "1.000001")
        #expect(entry.content.agency == nil)
    }

    @Test(arguments: [
        "", "   ", "Thủ tục", "  Thủ\ttục\r\n\u{A0}A  ", "Thu\u{309} tục", "Ångström \u{212B}", "a\u{200B}b", "x\u{FEFF}",
        "Đăng ký\u{85}kết hôn", "Phí: 500.000 đồng", "ﬁle", "e\u{301}", "\u{1EA0}\u{1EF9}", "日本\u{3000}語", "ǅ", "ĳ ℌ",
    ])
    func fastCleanAgreesWithTextNormalization(_ s: String) {
        #expect(TextNormalization.clean(s) == TextNormalization.normalisedByFoundation(s))
        #expect(Array(TextNormalization.clean(s).utf8) == Array(TextNormalization.normalisedByFoundation(s).utf8))
    }

    /// libxml2's messages are made one line on bytes; the result is the Character-based
    /// reference's over random strings of line breaks (CR LF too), spaces, the qualifier,
    /// pieces of it, combining marks and other scripts. Not tried: a combining mark right
    /// after the qualifier, which Foundation's search does not match and ours does; in
    /// libxml2's messages a name follows, and no XML name starts with a mark.
    @Test func libxml2MessagesAreMadeOneLineAsTheReferenceDoes() {
        let qualifier = "{urn:tthc:x}"
        #expect(DiagnosticCollector.oneLine("Element '{urn:tthc:x}ma':\n bad.\n\n", removing: qualifier) == "Element 'ma':  bad.")
        #expect(DiagnosticCollector.oneLine("\r\nx\u{2028}\u{85}y \r\n ", removing: qualifier) == "x y")
        let alphabet: [String] = ["a", "ệ", "e\u{301}", "\u{301}", "日", qualifier, "{urn:", "x}", "{", "}", " ", "  ", "\n", "\r",
                                  "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\t", "'"]
        var generator = SplitMix(seed: 11)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 10)
            var pieces: [String] = []
            while pieces.count < length {
                let piece = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                if piece == "\u{301}", pieces.last == qualifier { continue }
                pieces.append(piece)
            }
            let s = pieces.joined()
            #expect(DiagnosticCollector.oneLine(s, removing: qualifier) == DiagnosticCollector.oneLineByCharacters(s, removing: qualifier),
                    "\(Array(s.unicodeScalars))")
        }
    }

    @Test func fastCleanAgreesOverLatinAndVietnameseRanges() {
        // Every scalar of the fast path's ranges, alone and between spaces.
        let scalars = (0x20..<0x300).compactMap(Unicode.Scalar.init) + (0x1E00...0x1EFF).compactMap(Unicode.Scalar.init)
        for u in scalars {
            let s = " a\(Character(u)) b "
            #expect(Array(TextNormalization.clean(s).utf8) == Array(TextNormalization.normalisedByFoundation(s).utf8), "U+\(String(u.value, radix: 16))")
        }
    }

    /// The district-level rule is the reconciler's (a `district-level` finding); the XML
    /// readers read the level and say nothing, so `check` does not report it twice.
    @Test func districtLevelIsReadWithoutAWarning() {
        let xml = """
        <decision xmlns="urn:tthc:decision:1" number="9/QĐ-BNV" issuer="Bộ Nội vụ" issued="2019-01-01" effective="2026-01-15">
          <procedure code="2.000001" change="new"><name>Thủ tục ở cấp huyện</name><levels><level>district</level></levels></procedure>
        </decision>
        """
        let result = DecisionXMLReader.read(InputFile(displayPath: "d.xml", bytes: Array(xml.utf8)))
        #expect(result.value?.changes.first?.content.levels == [.district])
        #expect(result.diagnostics.isEmpty)
        let catalogue = """
        <catalogue xmlns="urn:tthc:catalogue:1">
        <procedure><name>A</name><levels><level>province</level><level>district</level></levels><posted>2025-09-09</posted></procedure>
        </catalogue>
        """
        let local = CatalogueXMLReader.read(InputFile(displayPath: "c.xml", bytes: Array(catalogue.utf8)))
        #expect(local.value?.entries.first?.content.levels == [.province, .district])
        #expect(local.diagnostics.isEmpty)
    }

    @Test func catalogueSchemaErrorsAreReported() {
        let xml = """
        <catalogue xmlns="urn:tthc:catalogue:1">
          <procedure status="retired"><name>A</name><posted>2026-02-29</posted></procedure>
        </catalogue>
        """
        let result = CatalogueXMLReader.read(InputFile(displayPath: "c.xml", bytes: Array(xml.utf8)))
        #expect(result.value == nil)
        #expect(XMLFixtures.rendered(result.diagnostics) == [
            "c.xml:2:30: error: XSD schema violation: Element 'procedure', attribute 'status': [facet 'enumeration'] The value 'retired' is not an element of the set {'in-force', 'abolished'}.",
            "c.xml:2:72: error: XSD schema violation: Element 'posted': '2026-02-29' is not a valid value of the atomic type 'Date'.",
        ])
    }

    @Test func aDecisionIsNotACatalogue() throws {
        let result = CatalogueXMLReader.read(try XMLFixtures.file("decision-valid.xml"))
        #expect(result.value == nil)
        #expect(XMLFixtures.rendered(result.diagnostics) == [
            "xml/decision-valid.xml:5:26: error: XSD schema violation: Element '{urn:tthc:decision:1}decision': No matching global declaration available for the validation root.",
        ])
    }

    @Test func streamingFromDiskGivesTheSameProcedures() throws {
        let whole = try #require(DecisionXMLReader.read(try XMLFixtures.file("decision-valid.xml")).value)
        var streamed: [ProcedureChange] = []
        let path = XMLFixtures.directory.appendingPathComponent("decision-valid.xml").path
        let result = DecisionXMLReader.stream(path: path, displayPath: "xml/decision-valid.xml") { streamed.append($0) }
        var header = try #require(result.value)
        #expect(header.changes.isEmpty)
        header.changes = streamed
        #expect(header == whole)
    }

    @Test func concurrentReadsKeepTheirDiagnosticsApart() async throws {
        let names = XMLMalformedTests.corpus.map(\.0)
        let files = try names.map { try XMLFixtures.file("malformed/" + $0) }
        let expected = files.map { XMLFixtures.rendered(DecisionXMLReader.read($0).diagnostics) }
        let results = await withTaskGroup(of: (Int, [String]).self) { group in
            for _ in 0..<4 {
                for (i, file) in files.enumerated() {
                    group.addTask { (i, XMLFixtures.rendered(DecisionXMLReader.read(file).diagnostics)) }
                }
            }
            var out: [(Int, [String])] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(results.count == files.count * 4)
        for (i, rendered) in results { #expect(rendered == expected[i]) }
    }
}
