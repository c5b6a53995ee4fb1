import Foundation
import Testing
@testable import TTHCKit

/// The malformed corpus under `Fixtures/xml/malformed`: each file, read as a decision
/// listing, gives exactly these diagnostics (rendered in English) and no value.
@Suite struct XMLMalformedTests {
    static let dtd = "error: DTDs are not allowed (<!DOCTYPE …>): the file may not declare a DTD or entities, so nothing outside it is read"

    static let corpus: [(String, [String])] = [
        ("truncated.xml", [
            "xml/malformed/truncated.xml:5:24: error: the file ends with 4 elements still open (truncated?)",
        ]),
        ("mismatched-tags.xml", [
            "xml/malformed/mismatched-tags.xml:4:28: error: malformed XML: Opening and ending tag mismatch: name line 4 and field",
        ]),
        ("unknown-element.xml", [
            "xml/malformed/unknown-element.xml:6:14: error: XSD schema violation: Element 'deadline': This element is not expected. Expected is one of ( agency, processing-time, fees, online-service, legal-basis ).",
        ]),
        ("missing-attribute.xml", [
            "xml/malformed/missing-attribute.xml:3:3: error: the procedure has no change=; only a full snapshot (scope=\"full-snapshot\") lists procedures without a change",
        ]),
        ("bad-enum.xml", [
            "xml/malformed/bad-enum.xml:3:47: error: XSD schema violation: Element 'procedure', attribute 'change': [facet 'enumeration'] The value 'modified' is not an element of the set {'new', 'amended', 'replaced', 'abolished'}.",
            "xml/malformed/bad-enum.xml:5:34: error: XSD schema violation: Element 'level': [facet 'enumeration'] The value 'county' is not an element of the set {'central', 'province', 'district', 'commune'}.",
        ]),
        ("bad-date.xml", [
            "xml/malformed/bad-date.xml:3:53: error: XSD schema violation: Element 'decision', attribute 'issued': '20/10/2026' is not a valid value of the atomic type 'Date'.",
        ]),
        // xs:date itself rejects days that do not exist.
        ("impossible-date.xml", [
            "xml/malformed/impossible-date.xml:3:53: error: XSD schema violation: Element 'decision', attribute 'effective': '2024-02-30' is not a valid value of the atomic type 'Date'.",
        ]),
        ("xxe-file.xml", ["xml/malformed/xxe-file.xml:2:1: " + dtd]),
        ("xxe-http.xml", ["xml/malformed/xxe-http.xml:2:1: " + dtd]),
        ("billion-laughs.xml", ["xml/malformed/billion-laughs.xml:2:1: " + dtd]),
        ("parameter-entities.xml", ["xml/malformed/parameter-entities.xml:2:1: " + dtd]),
        ("external-dtd.xml", ["xml/malformed/external-dtd.xml:3:3: " + dtd]),
        // Without XML_PARSE_XINCLUDE an xi:include is an element like any other, and the
        // XSD has no place for it.
        ("xinclude.xml", [
            "xml/malformed/xinclude.xml:4:55: error: XSD schema violation: Element '{http://www.w3.org/2001/XInclude}include': This element is not expected. Expected is ( procedure ).",
        ]),
        ("invalid-utf8.xml", [
            "xml/malformed/invalid-utf8.xml:4:19: error: XML files must be encoded in UTF-8; found invalid bytes (Bytes: 0xC3 0x28 0x3C 0x2F)",
        ]),
        ("latin1.xml", [
            "xml/malformed/latin1.xml:2:50: error: XML files must be encoded in UTF-8; found invalid bytes (Bytes: 0xD0 0x22 0x20 0x69)",
        ]),
        ("utf16-no-bom.xml", [
            "xml/malformed/utf16-no-bom.xml:1:1: error: XML files must be encoded in UTF-8 (this one looks like UTF-16)",
        ]),
        ("deep-nesting.xml", [
            "xml/malformed/deep-nesting.xml:3:22: error: XSD schema violation: Element 'procedure': This element is not expected. Expected is one of ( replaces, name ).",
            "xml/malformed/deep-nesting.xml:3:2827: error: elements nested too deeply: libxml2 allows 256 levels",
        ]),
        ("replaces-not-replaced.xml", [
            "xml/malformed/replaces-not-replaced.xml:4:5: error: <replaces> is only allowed with change=\"replaced\"; this procedure has change=\"amended\"",
            "xml/malformed/replaces-not-replaced.xml:8:3: warning: a procedure with change=\"replaced\" does not give <replaces> (the code it replaces)",
        ]),
        ("code-trailing-dot.xml", [
            "xml/malformed/code-trailing-dot.xml:3:3: error: invalid procedure code \"1.000001.H56.\": a national code is d.dddddd, and a suffix may not end with a dot",
        ]),
        ("empty.xml", ["xml/malformed/empty.xml:1:1: error: the file holds no XML element (empty file?)"]),
    ]

    @Test(arguments: corpus)
    func diagnosticsAreExact(_ name: String, _ expected: [String]) throws {
        let result = DecisionXMLReader.read(try XMLFixtures.file("malformed/" + name))
        #expect(result.value == nil)
        #expect(XMLFixtures.rendered(result.diagnostics) == expected)
    }

    @Test func everyFixtureIsInTheCorpus() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: XMLFixtures.directory.appendingPathComponent("malformed").path).sorted()
        #expect(names == Self.corpus.map(\.0).sorted())
        #expect(names.count >= 12)
    }

    @Test func vietnameseMessagesQuoteLibxml2AfterAVietnamesePrefix() throws {
        let mismatched = DecisionXMLReader.read(try XMLFixtures.file("malformed/mismatched-tags.xml"))
        #expect(XMLFixtures.rendered(mismatched.diagnostics, .vi) == [
            "xml/malformed/mismatched-tags.xml:4:28: error: XML không hợp lệ — libxml2 báo: Opening and ending tag mismatch: name line 4 and field",
        ])
        let schema = DecisionXMLReader.read(try XMLFixtures.file("malformed/bad-date.xml"))
        #expect(XMLFixtures.rendered(schema.diagnostics, .vi) == [
            "xml/malformed/bad-date.xml:3:53: error: sai lược đồ XSD — libxml2 báo: Element 'decision', attribute 'issued': '20/10/2026' is not a valid value of the atomic type 'Date'.",
        ])
        let dtd = DecisionXMLReader.read(try XMLFixtures.file("malformed/billion-laughs.xml"))
        #expect(XMLFixtures.rendered(dtd.diagnostics, .vi) == [
            "xml/malformed/billion-laughs.xml:2:1: error: không cho phép DTD (<!DOCTYPE …>): tệp không được khai báo DTD hay thực thể, để không đọc gì ngoài tệp",
        ])
        let deep = DecisionXMLReader.read(try XMLFixtures.file("malformed/deep-nesting.xml"))
        #expect(deep.diagnostics.last?.rendered(.vi)
            == "xml/malformed/deep-nesting.xml:3:2827: error: phần tử lồng nhau quá sâu: libxml2 chỉ cho phép 256 mức")
    }

    @Test func diagnosticIdsNameTheKindOfProblem() throws {
        let ids = try Self.corpus.map { name, _ in
            DecisionXMLReader.read(try XMLFixtures.file("malformed/" + name)).diagnostics.map(\.id.rawValue)
        }
        #expect(ids == [
            ["xml.truncated"], ["xml.malformed"], ["xml.schema"], ["xml.change-missing"], ["xml.schema", "xml.schema"],
            ["xml.schema"], ["xml.schema"], ["xml.dtd-forbidden"], ["xml.dtd-forbidden"], ["xml.dtd-forbidden"],
            ["xml.dtd-forbidden"], ["xml.dtd-forbidden"], ["xml.schema"], ["xml.encoding"], ["xml.encoding"],
            ["xml.encoding"], ["xml.schema", "xml.too-deep"],
            ["xml.replaces-unexpected", "xml.replaces-missing"], ["xml.code"], ["xml.no-root"],
        ])
    }

    @Test func errorsStopAfterAHundred() {
        var xml = #"<decision xmlns="urn:tthc:decision:1" number="1" issuer="x" issued="2026-10-20" effective="2026-11-01">"#
        for _ in 0..<150 {
            xml += #"<procedure code="1.000001" change="new"><name>A</name><levels><level>county</level></levels></procedure>"#
            xml += "\n"
        }
        xml += "</decision>\n"
        let result = DecisionXMLReader.read(InputFile(displayPath: "many.xml", bytes: Array(xml.utf8)))
        #expect(result.diagnostics.count == 101)
        #expect(result.diagnostics.filter { $0.id == .xmlSchema }.count == 100)
        #expect(result.diagnostics.last?.id == .xmlTooManyErrors)
        #expect(result.diagnostics.last?.location.line == 101)
    }
}
