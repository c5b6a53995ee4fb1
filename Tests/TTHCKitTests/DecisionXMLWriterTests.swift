import Foundation
import Testing
import TestSupport
@testable import TTHCKit

/// The canonical XML listing `tthc import` writes: it validates against the shipped XSD
/// (xmllint as the oracle) and reads back as exactly the decision read from the document,
/// for every source of the corpus; the forms the schema gained for it (no code, a code as
/// written, several replaced codes, no levels, listed procedures) are exact.
@Suite struct DecisionXMLWriterTests {
    static let root = RealAnnexCorpusTests.root

    struct Source: CustomTestStringConvertible, Sendable {
        var path: String
        var testDescription: String { path }
    }

    /// Every publication decision of the corpus, in every form (a document whose expected
    /// extraction holds no procedure gives no listing to write).
    static func sources() -> [Source] {
        var out: [Source] = []
        for folder in ["annexes", "holdout", "office", "webpdf"] {
            let dir = root.appendingPathComponent(folder)
            for name in RealAnnexCorpusTests.documents(in: dir, extensions: ["csv", "xlsx", "docx", "html", "pdf"]) {
                let stem = name[..<name.lastIndex(of: ".")!]
                let expected = (try? String(contentsOf: dir.appendingPathComponent(stem + ".expected.tsv"), encoding: .utf8)) ?? ""
                guard expected.split(separator: "\n").count > 1 else { continue }
                out.append(Source(path: folder + "/" + name))
            }
        }
        return out
    }

    static func decision(_ reading: AnnexReading) -> Decision {
        var d = Decision(number: "12/2026/QĐ-UBND", issuer: "Ủy ban nhân dân tỉnh \"Thử\" & <Kiểm>",
                         issued: CivilDate(year: 2026, month: 1, day: 5)!, effective: CivilDate(year: 2026, month: 2, day: 1)!,
                         nationalDatabase: CivilDate(year: 2026, month: 1, day: 9)!, changes: reading.changes,
                         isFullSnapshot: reading.isSnapshot, source: SourceLocation(file: "x.xml"))
        d.listed = reading.listed
        return d
    }

    @Test func corpusIsCovered() {
        let all = Self.sources()
        #expect(all.count >= 50)
        for ext in ["csv", "xlsx", "docx", "html", "pdf"] { #expect(all.contains { $0.path.hasSuffix("." + ext) }) }
    }

    @Test(arguments: sources())
    func writtenListingReadsBackTheSame(_ source: Source) throws {
        let url = RealAnnexCorpusTests.resolve(Self.root.appendingPathComponent(source.path))
        let file = try InputFile.read(url, displayPath: source.path)
        let stem = String(source.path[..<source.path.lastIndex(of: ".")!])
        let folder = String(stem[..<stem.firstIndex(of: "/")!])
        let title = RealAnnexCorpusTests.title(RealAnnexCorpusTests.Annex(directory: folder, stem: String(stem.dropFirst(folder.count + 1))))
        let document = DecisionDocument.read(file, decisionTitle: title)
        #expect(!document.failed)
        let decision = Self.decision(document.annex)
        var dropped: [String] = []
        let xml = DecisionXMLWriter.xml(decision, source: url.lastPathComponent, unplaced: document.annex.unplaced, dropped: &dropped)
        #expect(dropped.isEmpty)
        let back = DecisionXMLReader.read(InputFile(displayPath: "x.xml", bytes: Array(xml.utf8)))
        #expect(back.diagnostics.filter { $0.severity == .error }.isEmpty, "\(back.diagnostics.map { $0.rendered(.en) })")
        let read = try #require(back.value)
        #expect(DecisionImport.same(read, decision))
        // Deterministic, and a fixed point: the listing read back writes the same text.
        #expect(DecisionXMLWriter.xml(read, source: url.lastPathComponent, unplaced: document.annex.unplaced, dropped: &dropped) == xml)
        if let lint = Self.xmllint {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-writer-\(UUID().uuidString).xml")
            try Data(xml.utf8).write(to: path)
            defer { try? FileManager.default.removeItem(at: path) }
            let schema = XMLFixtures.packageRoot.appendingPathComponent("catalogs/schema/decision.xsd").path
            let r = try runProcess(lint, ["--noout", "--schema", schema, path.path])
            #expect(r.exitCode == 0, "\(r.stderr)")
        }
    }

    static let xmllint: URL? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].map(URL.init(fileURLWithPath:))
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    static let here = SourceLocation(file: "d.xml")

    /// Each form, written exactly.
    @Test func everyFormIsWrittenAsTheSchemaSays() throws {
        var d = Decision(number: "5/QĐ-BYT", issuer: "Bộ Y tế", issued: CivilDate(year: 2026, month: 3, day: 2)!,
                         effective: CivilDate(year: 2026, month: 4, day: 1)!, isFullSnapshot: true, source: Self.here)
        d.changes = [
            ProcedureChange(code: .uncoded(name: "Thủ tục mới chưa có mã"), change: .new,
                            content: ProcedureContent(name: "Thủ tục mới chưa có mã", levels: [.commune, .province]), location: Self.here),
            ProcedureChange(code: ProcedureCode("1.01069"), change: .amended,
                            content: ProcedureContent(name: "Cấp phép \"A\" & <B>", onlineService: .partial), location: Self.here),
            ProcedureChange(code: ProcedureCode("2.000001.000.00.00.H56"), change: .replaced,
                            replaces: [ProcedureCode("2.001023"), ProcedureCode("2.002621")],
                            content: ProcedureContent(name: "Thay thế hai thủ tục", field: "Hộ tịch", agency: "UBND cấp xã",
                                                      processingTime: "05 ngày", fees: "Không"),
                            legalBasis: "Nghị định 1/2026/NĐ-CP", location: Self.here),
            ProcedureChange(code: ProcedureCode("1.000002"), change: .replaced, content: ProcedureContent(name: "Thay thế, không ghi mã"),
                            location: Self.here),
        ]
        d.listed = [ListedProcedure(code: ProcedureCode("3.000001"), content: ProcedureContent(name: "Đang có hiệu lực"), location: Self.here)]
        var dropped: [String] = []
        let xml = DecisionXMLWriter.xml(d, unplaced: [UnplacedRow(location: SourceLocation(file: "a.pdf", line: 3, column: 7),
                                                                  text: "Ghi chú -- xem", reason: LocalizedText(vi: "lạ", en: "odd"))],
                                        language: .en, dropped: &dropped)
        #expect(xml == """
            <?xml version="1.0" encoding="UTF-8"?>
            <decision xmlns="urn:tthc:decision:1" number="5/QĐ-BYT" issuer="Bộ Y tế" issued="2026-03-02" effective="2026-04-01" scope="full-snapshot">
              <procedure change="new">
                <name>Thủ tục mới chưa có mã</name>
                <levels><level>province</level><level>commune</level></levels>
              </procedure>
              <procedure written-code="1.01069" change="amended">
                <name>Cấp phép "A" &amp; &lt;B&gt;</name>
                <online-service>partial</online-service>
              </procedure>
              <procedure code="2.000001.000.00.00.H56" change="replaced">
                <replaces>2.001023</replaces>
                <replaces>2.002621</replaces>
                <name>Thay thế hai thủ tục</name>
                <field>Hộ tịch</field>
                <agency>UBND cấp xã</agency>
                <processing-time>05 ngày</processing-time>
                <fees>Không</fees>
                <legal-basis>Nghị định 1/2026/NĐ-CP</legal-basis>
              </procedure>
              <procedure code="1.000002" change="replaced">
                <name>Thay thế, không ghi mã</name>
              </procedure>
              <procedure code="3.000001">
                <name>Đang có hiệu lực</name>
              </procedure>
              <!-- not read as a procedure (3:7): Ghi chú - - xem — odd -->
            </decision>

            """)
        let back = DecisionXMLReader.read(InputFile(displayPath: "d.xml", bytes: Array(xml.utf8)))
        #expect(back.diagnostics.map { $0.rendered(.en) } == [
            "d.xml:21:3: warning: a procedure with change=\"replaced\" does not give <replaces> (the code it replaces)",
        ])
        #expect(DecisionImport.same(try #require(back.value), d))
        #expect(back.value?.changes.first?.code.isUncoded == true)
    }

    @Test func aControlCharacterIsLeftOutAndNamed() {
        let d = Decision(number: "1/QĐ", issuer: "X", issued: CivilDate(year: 2026, month: 1, day: 1)!,
                         effective: CivilDate(year: 2026, month: 1, day: 1)!,
                         changes: [ProcedureChange(code: ProcedureCode("1.000001"), change: .new,
                                                   content: ProcedureContent(name: "A\u{1}B"), location: Self.here)],
                         source: Self.here)
        var dropped: [String] = []
        let xml = DecisionXMLWriter.xml(d, dropped: &dropped)
        #expect(xml.contains("<name>AB</name>"))
        #expect(dropped == ["1.000001"])
    }

    /// The checks the schema's new freedoms need.
    @Test(arguments: [
        (#"<procedure code="1.000001" written-code="1.0001" change="new"><name>A</name></procedure>"#, "changes",
         "d.xml:2:1: error: the procedure has both code and written-code; written-code stands for a code not in national form, instead of code"),
        (#"<procedure code="1.000001"><name>A</name></procedure>"#, "changes",
         "d.xml:2:1: error: the procedure has no change=; only a full snapshot (scope=\"full-snapshot\") lists procedures without a change"),
        (#"<procedure code="1.000001"><replaces>1.000002</replaces><name>A</name></procedure>"#, "full-snapshot",
         "d.xml:2:28: error: <replaces> is only allowed with change=\"replaced\"; this procedure has no change="),
    ])
    func newFormsAreChecked(_ procedure: String, _ scope: String, _ message: String) {
        let xml = """
        <decision xmlns="urn:tthc:decision:1" number="1" issuer="x" issued="2026-10-20" effective="2026-11-01" scope="\(scope)">
        \(procedure)
        </decision>
        """
        let result = DecisionXMLReader.read(InputFile(displayPath: "d.xml", bytes: Array(xml.utf8)))
        #expect(result.diagnostics.map { $0.rendered(.en) } == [message])
    }

    @Test(arguments: [("2729/QĐ-BCT", "2729-QD-BCT"), ("09/2025/QĐ-UBND", "09-2025-QD-UBND"), ("  /QĐ-ƯBND ", "QD-UBND"), ("", "quyet-dinh")])
    func listingNames(_ number: String, _ name: String) {
        #expect(DecisionImport.listingName(number) == name)
    }
}
