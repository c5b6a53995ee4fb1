import Foundation
import Testing
@testable import TTHCKit
import CPDFTextABICheck

/// Saved web pages and PDFs with a text layer: the grid each source fills, the decision's
/// own metadata, the real documents of `Tests/Corpus/webpdf/`, and hostile input.
@Suite struct WebPageAndPDFTests {
    static let corpus = RealAnnexCorpusTests.root.appendingPathComponent("webpdf")

    static func html(_ text: String, path: String = "page.html") -> InputFile {
        InputFile(displayPath: path, bytes: Array(text.utf8))
    }

    static func rows(_ source: some TableSource) -> ([GridRow], [Diagnostic]) {
        var rows: [GridRow] = []
        let diagnostics = source.forEachRow { rows.append($0) }
        return (rows, diagnostics)
    }

    // MARK: HTML grid

    @Test func htmlSpansGiveBlankCoveredCellsAndSpansOnTheFirst() {
        let page = """
        <html><head><title>ignored</title></head><body>
        <p>DANH MỤC THỦ TỤC HÀNH CHÍNH</p>
        <table>
        <tr><td rowspan="2">STT</td><td rowspan="2">Tên TTHC</td><td colspan="2">Mức độ DVC</td></tr>
        <tr><td>Toàn trình</td><td>Một phần</td></tr>
        <tr><td>1</td><td>Cấp&nbsp;phép<br>hoạt   động</td><td>x</td><td></td></tr>
        </table></body></html>
        """
        let (rows, diagnostics) = Self.rows(HTMLTableSource(file: Self.html(page)))
        #expect(diagnostics.isEmpty)
        #expect(rows.count == 4)
        // The paragraph: one cell, its element's line.
        #expect(rows[0].cells == [GridCell(text: "DANH MỤC THỦ TỤC HÀNH CHÍNH", line: 2, column: 1)])
        // The header: spans on the first cells, a blank where the colspan covers.
        #expect(rows[1].cells.map(\.text) == ["STT", "Tên TTHC", "Mức độ DVC", ""])
        #expect(rows[1].cells.map(\.rowSpan) == [2, 2, 1, 1])
        #expect(rows[1].cells.map(\.columnSpan) == [1, 1, 2, 1])
        // The second header row: blanks under the rowspans, its cells in columns 3 and 4.
        #expect(rows[2].cells.map(\.text) == ["", "", "Toàn trình", "Một phần"])
        #expect(rows[2].cells.map(\.column) == [1, 2, 3, 4])
        #expect(rows[2].line == 5)
        // White space collapsed, <br> a line break, &nbsp; a space.
        #expect(rows[3].cells[1].text == "Cấp phép\nhoạt động")
    }

    @Test func htmlLayoutTableCellsArePagraphsAndInnerTablesTables() {
        let page = """
        <table><tr><td><b>BỘ TƯ PHÁP</b><br>Số: 3303/QĐ-BTP</td><td>Hà Nội, ngày 19 tháng 11 năm 2025</td></tr>
        <tr><td colspan="2"><table><tr><td>STT</td><td>Tên thủ tục</td></tr></table></td></tr></table>
        """
        let (rows, _) = Self.rows(HTMLTableSource(file: Self.html(page)))
        #expect(rows.map { $0.cells.map(\.text) } == [
            ["BỘ TƯ PHÁP\nSố: 3303/QĐ-BTP"], ["Hà Nội, ngày 19 tháng 11 năm 2025"], ["STT", "Tên thủ tục"],
        ])
    }

    @Test func htmlDecisionMetadataWithPlaces() {
        let page = """
        <table><tr><td>BỘ KHOA HỌC VÀ CÔNG NGHỆ<br>-------<br>Số: 2105/QĐ-BKHCN</td>
        <td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Hà Nội, ngày 05 tháng 3 năm 2026</td></tr>
        <tr><td colspan="2">x</td></tr></table>
        <p>QUYẾT ĐỊNH</p>
        <p>Về việc công bố thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực khoa học</p>
        <p>BỘ TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ</p>
        <p>Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 01/4/2026.</p>
        """
        let reading = DocumentListingReader.read(Self.html(page), kind: .html)
        let m = reading.header
        #expect(m.number?.value == "2105/QĐ-BKHCN")
        #expect(m.number?.location.compilerStyle == "page.html:1:1")
        #expect(m.issuer?.value == "BỘ KHOA HỌC VÀ CÔNG NGHỆ")
        #expect(m.place?.value == "Hà Nội")
        #expect(m.issued?.value == CivilDate(year: 2026, month: 3, day: 5))
        #expect(m.effective?.value == CivilDate(year: 2026, month: 4, day: 1))
        #expect(m.effective?.location.compilerStyle == "page.html:7:1")
        #expect(m.title?.value == "Về việc công bố thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực khoa học")
        #expect(InspectReport.headerLines(m, language: .en)[1] == "  number: 2105/QĐ-BKHCN  ← page.html:1:1: \"Số: 2105/QĐ-BKHCN\"")
    }

    @Test func effectiveOnSigningAndBlankNumbers() {
        let rows = [
            GridRow(cells: [GridCell(text: "ỦY BAN NHÂN DÂN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", line: 1, column: 1)], line: 1),
            GridRow(cells: [GridCell(text: "TỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc", line: 1, column: 8)], line: 1),
            GridRow(cells: [GridCell(text: "Số:\t/QĐ-UBND\tLai Châu, ngày\ttháng\tnăm 2025", line: 1, column: 20)], line: 1),
            GridRow(cells: [GridCell(text: "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.", line: 2, column: 82)], line: 2),
            GridRow(cells: [GridCell(text: "(Kèm theo Quyết định số 1696 /QĐ-UBND ngày 15/5/2026)", line: 3, column: 4)], line: 3),
        ]
        let m = DecisionHeader.readDocument(rows, file: "d.pdf")
        #expect(m.number == nil)
        #expect(m.numberLeftBlank?.compilerStyle == "d.pdf:1:20")
        #expect(m.issuer?.value == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU")
        #expect(m.place?.value == "Lai Châu")
        #expect(m.issued == nil && m.dateLeftBlank?.compilerStyle == "d.pdf:1:20") // the day is left blank
        #expect(m.effectiveFromSigning?.location.compilerStyle == "d.pdf:2:82")
        #expect(m.effectiveDate == nil) // on signing, and the signing date is not known
    }

    // MARK: Real documents

    struct Document: CustomTestStringConvertible, Sendable {
        var name: String
        var testDescription: String { name }
    }

    static let shared = RealAnnexCorpusTests.shared

    static func documents() -> [Document] {
        RealAnnexCorpusTests.documents(in: corpus, extensions: ["html", "htm", "pdf"]).map(Document.init)
    }

    @Test func corpusHoldsFiveDocumentsOfBothKinds() {
        let all = Self.documents()
        #expect(all.filter { $0.name.hasSuffix(".pdf") }.count >= 5)
        #expect(all.filter { $0.name.hasSuffix(".html") }.count >= 3)
    }

    @Test(arguments: documents())
    func documentReadsAsExpected(_ document: Document) throws {
        let name = document.name
        let url = RealAnnexCorpusTests.resolve(Self.corpus.appendingPathComponent(name))
        let file = try InputFile.read(url, displayPath: "webpdf/" + name)
        let kind = try #require(DocumentListingReader.kind(forPath: name))
        let stem = String(name[..<name.lastIndex(of: ".")!])
        let reading = DocumentListingReader.read(file, kind: kind, decisionTitle: RealAnnexCorpusTests.title(
            RealAnnexCorpusTests.Annex(directory: "webpdf", stem: stem)))
        let expected = try String(contentsOf: Self.corpus.appendingPathComponent(stem + ".expected.tsv"), encoding: .utf8)
        #expect(RealAnnexCorpusTests.lines(InspectReport.tsv(reading.annex)) == RealAnnexCorpusTests.lines(expected))
        #expect(!reading.annex.diagnostics.contains { $0.severity == .error })
        if RealAnnexCorpusTests.lines(expected).isEmpty { #expect(reading.annex.notAPublication != nil) }
    }

    @Test func laiChauPublishesOneProcedureAndSkipsItsWorkflowTable() throws {
        let url = Self.shared.appendingPathComponent("laichau-2025-09-QD-UBND-cong-bo-TTHC-ho-tro-dau-tu.pdf")
        let reading = DocumentListingReader.read(try InputFile.read(url, displayPath: "lc.pdf"), kind: .pdf)
        let p = try #require(reading.annex.procedures.first)
        #expect(reading.annex.procedures.count == 1)
        #expect(p.change.code.written == nil)
        // Page 3, and the section rows it took its change type and level from.
        #expect(p.change.location.line == 3)
        #expect(p.changeOrigin == .section(line: 3, text: "A THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"))
        #expect(reading.annex.tables.count == 2)
        let workflow = try #require(reading.annex.diagnostics.first { $0.id == .annexWorkflowTable })
        #expect(workflow.rendered(.en).hasPrefix("lc.pdf:4:1: warning: a table of internal workflows (title at line 4: \"QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"))
        #expect(workflow.rendered(.vi).hasPrefix("lc.pdf:4:1: warning: bảng quy trình nội bộ (tiêu đề ở dòng 4:"))
        let m = reading.header
        #expect(m.issuer?.value == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU")
        #expect(m.number == nil && m.numberLeftBlank?.line == 1)
        #expect(m.effectiveFromSigning?.text == "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.")
        #expect(m.title?.value.hasPrefix("Về việc công bố danh mục thủ tục hành chính mới ban hành và phê duyệt quy trình nội bộ") == true)
    }

    /// The Lào Cai delegation decision, from the shared real documents beside the
    /// repository (CI has them there too).
    @Test func laoCaiDelegationIsSaidToBeNoPublication() throws {
        let url = Self.shared.appendingPathComponent("laocai-1696-QD-UBND-2026-uy-quyen-ATVSLD-HHNH.pdf")
        let reading = DocumentListingReader.read(try InputFile.read(url, displayPath: "lc1696.pdf"), kind: .pdf)
        #expect(reading.annex.procedures.isEmpty)
        #expect(reading.annex.notAPublication == LocalizedText(vi: "danh mục ủy quyền giải quyết", en: "a list of delegated procedures"))
        #expect(reading.header.issuer?.value == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    }

    /// Hà Nội's 453-page annex of internal workflows, whole: its forms carry "Số: …", date
    /// lines and tables of trades that look like annex rows, and none of them is read as the
    /// decision's header or as a change.
    @Test func haNoiWorkflowAnnexIsNoPublicationAndItsFormsGiveNothing() throws {
        let url = Self.shared.appendingPathComponent("hanoi-PL-QD-1072-2024-quy-trinh-noi-bo-LDTBXH.pdf")
        let reading = DocumentListingReader.read(try InputFile.read(url, displayPath: "hn.pdf"), kind: .pdf)
        #expect(reading.annex.procedures.isEmpty && reading.annex.listed.isEmpty && reading.annex.unplaced.isEmpty)
        #expect(reading.annex.notAPublication == LocalizedText(vi: "danh mục ủy quyền giải quyết", en: "a list of delegated procedures"))
        #expect(reading.header.isEmpty && reading.header.place == nil && reading.header.numberLeftBlank == nil)
        let rows = try #require(reading.annex.diagnostics.first { $0.id == .annexNotAPublicationRows })
        #expect(rows.rendered(.en).hasPrefix("hn.pdf:1:1: warning: "))
        #expect(rows.rendered(.en).hasSuffix(" table rows are not read as procedures, since the document's titles say it is no publication decision"))
    }

    // MARK: Hostile and unreadable input

    static func fixture(_ name: String) throws -> InputFile {
        InputFile(displayPath: name, bytes: try GoldenFile.fixture("documents/" + name))
    }

    static func only(_ reading: DocumentListingReader.Reading) -> [String] {
        reading.annex.diagnostics.flatMap { [$0.rendered(.vi), $0.rendered(.en)] }
    }

    @Test func scannedPDFAsksForTheWordFileOrOCR() throws {
        let reading = DocumentListingReader.read(try Self.fixture("scanned.pdf"), kind: .pdf)
        #expect(Self.only(reading) == [
            "scanned.pdf: error: tệp PDF không có lớp chữ (1 trang, có lẽ là bản quét): hãy xin tệp Word, hoặc nhận dạng chữ (OCR) trước",
            "scanned.pdf: error: the PDF has no text layer (1 page, a scan perhaps): ask for the Word file, or OCR it first",
        ])
        #expect(reading.annex.procedures.isEmpty)
    }

    @Test func encryptedPDFIsRefusedByName() throws {
        let reading = DocumentListingReader.read(try Self.fixture("encrypted.pdf"), kind: .pdf)
        #expect(Self.only(reading) == [
            "encrypted.pdf: error: tệp PDF được mã hoá (cần mật khẩu): không đọc được; hãy xin bản không đặt mật khẩu hoặc tệp Word",
            "encrypted.pdf: error: the PDF is encrypted (a password is needed): it cannot be read; ask for a copy without a password, or the Word file",
        ])
    }

    @Test(arguments: [Array("%PDF-1.4\ngarbage".utf8), [], Array("<html>not a pdf</html>".utf8)])
    func brokenPDFIsDamaged(_ bytes: [UInt8]) {
        let reading = DocumentListingReader.read(InputFile(displayPath: "bad.pdf", bytes: bytes), kind: .pdf)
        #expect(reading.annex.diagnostics.count == 1)
        #expect(reading.annex.diagnostics.first?.id == .pdfDamaged)
        #expect(reading.annex.diagnostics.first?.rendered(.en).hasPrefix("bad.pdf: error: not a readable PDF (damaged, or not a PDF at all): ") == true)
    }

    @Test func deepHTMLIsRefused() {
        let page = String(repeating: "<div>", count: 300) + "x" + String(repeating: "</div>", count: 300)
        let reading = DocumentListingReader.read(Self.html(page, path: "deep.html"), kind: .html)
        #expect(Self.only(reading) == [
            "deep.html:1: error: các thẻ HTML lồng nhau quá 256 mức: không đọc trang này",
            "deep.html:1: error: HTML elements nested more than 256 levels deep: the page is not read",
        ])
    }

    @Test func hugeHTMLIsRefusedBeforeParsing() {
        let page = InputFile(displayPath: "huge.html", bytes: [UInt8](repeating: 0x20, count: LibXMLHTML.maximumBytes + 1))
        let reading = DocumentListingReader.read(page, kind: .html)
        #expect(Self.only(reading) == [
            "huge.html: error: trang web lớn 20000001 byte, quá giới hạn 20000000 byte; hãy lưu riêng phần quyết định",
            "huge.html: error: the web page is 20000001 bytes, more than the limit of 20000000; save the decision alone",
        ])
    }

    @Test func giantHTMLTableIsRefusedWithItsPlace() {
        let page = "<table>\n<tr><td colspan=\"1000\">a</td><td colspan=\"1000\">b</td></tr></table>"
        let reading = DocumentListingReader.read(Self.html(page, path: "wide.html"), kind: .html)
        #expect(Self.only(reading) == [
            "wide.html:2:1001: error: bảng quá lớn (hơn 1000 cột hoặc 2000000 ô): không đọc trang này",
            "wide.html:2:1001: error: the table is too large (more than 1000 columns or 2000000 cells): the page is not read",
        ])
        #expect(reading.annex.procedures.isEmpty)
    }

    @Test func hugeRowspanCostsNothing() {
        let page = "<table><tr><td rowspan=\"99999999\">STT</td><td>Tên TTHC</td></tr><tr><td>1. Lĩnh vực X</td></tr></table>"
        let (rows, diagnostics) = Self.rows(HTMLTableSource(file: Self.html(page)))
        #expect(diagnostics.isEmpty)
        #expect(rows.map { $0.cells.map(\.text) } == [["STT", "Tên TTHC"], ["", "1. Lĩnh vực X"]])
        #expect(rows[0].cells[0].rowSpan == 2) // cut to the rows there are
    }

    // MARK: Lattice

    @Test func latticeMergesCellsWhereAGridLineIsMissing() {
        // A 2×2 grid whose top row has no middle rule: one cell spanning two columns.
        let rules = [
            PDFRule(x0: 0, y0: 0, x1: 100, y1: 0), PDFRule(x0: 0, y0: 20, x1: 100, y1: 20), PDFRule(x0: 0, y0: 40, x1: 100, y1: 40),
            PDFRule(x0: 0, y0: 0, x1: 0, y1: 40), PDFRule(x0: 100, y0: 0, x1: 100, y1: 40), PDFRule(x0: 50, y0: 20, x1: 50, y1: 40),
        ]
        let tables = Lattice.tables(rules, tolerance: 3)
        #expect(tables.count == 1)
        let words = [
            PDFWord(text: "PHẦN", x0: 30, y0: 5, x1: 60, y1: 15, order: 1),
            PDFWord(text: "1", x0: 10, y0: 25, x1: 15, y1: 35, order: 2),
            PDFWord(text: "Tên", x0: 60, y0: 25, x1: 80, y1: 35, order: 3),
        ]
        let rows = tables[0].rows(words, page: 7)
        #expect(rows.map { $0.cells.map(\.text) } == [["PHẦN", ""], ["1", "Tên"]])
        #expect(rows[0].cells[0].columnSpan == 2)
        #expect(rows[1].cells.map(\.column) == [2, 3])
        #expect(rows.allSatisfy { $0.line == 7 })
    }

    // MARK: Catalogue directory

    @Test func decisionsFolderReadsPagesAndNamesUnreadPDFs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-webpdf-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("decisions"), withIntermediateDirectories: true)
        let page = """
        <p>BỘ TƯ PHÁP</p><p>Số: 3303/QĐ-BTP</p><p>Hà Nội, ngày 19 tháng 11 năm 2025</p>
        <p>QUYẾT ĐỊNH</p><p>Về việc công bố thủ tục hành chính được sửa đổi, bổ sung</p><p>BỘ TRƯỞNG BỘ TƯ PHÁP</p>
        <p>Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.</p>
        <table><tr><td>STT</td><td>Mã TTHC</td><td>Tên TTHC</td></tr><tr><td>1</td><td>1.011423</td><td>Đăng ký biện pháp bảo đảm</td></tr></table>
        """
        try Data(page.utf8).write(to: dir.appendingPathComponent("decisions/3303.html"))
        try Data(try GoldenFile.fixture("documents/scanned.pdf")).write(to: dir.appendingPathComponent("decisions/scan.pdf"))
        let result = CatalogueDirectory.load(dir, displayPath: "cat")
        let data = try #require(result.value)
        let decision = try #require(data.decisions.first)
        #expect(data.decisions.count == 1)
        #expect(decision.number == "3303/QĐ-BTP" && decision.issuer == "BỘ TƯ PHÁP")
        #expect(decision.issued == CivilDate(year: 2025, month: 11, day: 19) && decision.effective == decision.issued)
        #expect(decision.changes.map(\.change) == [.amended]) // from the decision's own title
        #expect(data.unreadListings.map(\.file) == ["cat/decisions/scan.pdf"])
        #expect(data.unreadListings.first?.errors.map(\.id.rawValue) == ["pdf.no-text-layer"])
    }

    /// A draft page with its number left blank and no effective date, and no register row:
    /// the listing is unread, and the error names what is missing with the same words as
    /// the Word reader's and import's (``DecisionFact``).
    @Test func incompletePageNamesWhatIsMissing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-webpdf-draft-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("decisions"), withIntermediateDirectories: true)
        let page = """
        <p>BỘ TƯ PHÁP</p><p>Số:      /QĐ-BTP</p><p>Hà Nội, ngày 19 tháng 11 năm 2025</p>
        <table><tr><td>STT</td><td>Mã TTHC</td><td>Tên TTHC</td><td>Loại</td></tr><tr><td>1</td><td>1.011423</td><td>Đăng ký</td><td>bãi bỏ</td></tr></table>
        """
        try Data(page.utf8).write(to: dir.appendingPathComponent("decisions/draft.html"))
        let result = CatalogueDirectory.load(dir, displayPath: "cat")
        let errors = result.diagnostics.filter { $0.id == .catalogueDocumentMetadataMissing }
        #expect(errors.map { $0.rendered(.vi) } == [
            "cat/decisions/draft.html: error: văn bản không ghi đủ thông tin quyết định (thiếu: số quyết định (để trống), ngày hiệu lực) và không có dòng nào trong register.csv ghi tệp này ở cột \"Tệp danh mục\"; hãy thêm một dòng với Tệp danh mục = decisions/draft.html",
        ])
        #expect(errors.map { $0.rendered(.en) } == [
            "cat/decisions/draft.html: error: the document does not give the whole decision (missing: number (left blank), effective date) and no row of register.csv names this file in its \"listing file\" column; add a row with listing file = decisions/draft.html",
        ])
        #expect(result.value?.unreadListings.map(\.file) == ["cat/decisions/draft.html"])
    }
}

/// The PDF shim declares the part of poppler it calls instead of including poppler's
/// headers (so that tthc does not load poppler at start); CPDFTextABICheck compares every
/// declaration with the real headers when it is compiled, and names them all.
@Suite struct PopplerDeclarationTests {
    @Test func everyFunctionTheShimCallsWasCheckedAgainstPopplersHeaders() {
        #expect(tthc_pdf_abi_checked_functions() == 24)
    }
}
