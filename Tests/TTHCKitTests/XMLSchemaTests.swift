import Foundation
import Testing
@testable import TTHCKit

/// The binary validates with exactly the XSDs shipped in `catalogs/schema`.
@Suite struct XMLSchemaTests {
    @Test(arguments: ["decision.xsd", "catalogue.xsd"])
    func embeddedCopyIsIdenticalToTheCatalogueFile(_ name: String) throws {
        let embedded = name == "decision.xsd" ? EmbeddedSchemas.decision : EmbeddedSchemas.catalogue
        let url = XMLFixtures.packageRoot.appendingPathComponent("catalogs/schema/" + name)
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        #expect(embedded == onDisk, "run scripts/embed-schemas.sh after editing catalogs/schema/\(name)")
    }

    @Test(arguments: [
        ("1.010696", true), ("2.000674.000.00.00.H56", true), ("1.000001.", false), ("1.000001.a.", true),
        ("1.00001", false), ("11.000001", false), ("1-000001", false), ("1.000001.H 56", false),
    ])
    func schemaPatternForNationalCodes(_ code: String, _ matches: Bool) {
        // Mirrors the XSD's pattern; the one case it lets through that ProcedureCode does
        // not accept (a suffix ending with a dot) is what xml.code reports.
        #expect(DecisionXMLReader.matchesCodePattern(code) == matches)
        // and libxml2 agrees with the mirror.
        let xml = """
        <decision xmlns="urn:tthc:decision:1" number="1" issuer="x" issued="2026-10-20" effective="2026-11-01">\
        <procedure code="\(code)" change="new"><name>A</name><levels><level>province</level></levels></procedure></decision>
        """
        let ids = DecisionXMLReader.read(InputFile(displayPath: "c.xml", bytes: Array(xml.utf8))).diagnostics.map(\.id.rawValue)
        #expect(ids.contains("xml.schema") == !matches)
        #expect(ids.contains("xml.code") == (matches && !ProcedureCode(code).isWellFormed))
    }
}
