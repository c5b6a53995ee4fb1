import Foundation
import Testing
@testable import TTHCKit

/// Inputs built to cost time or memory out of proportion to their use (docs/hardening.md,
/// "Second round", class 7): each is refused at its place by a limit of ``TableLimits``
/// (or of its reader), or read in time that grows with its size alone.
@Suite struct TableLimitTests {
    static let header = HostileCSVTests.header, newSection = HostileCSVTests.newSection
    static let cellTooLong = "error: a cell longer than 1,048,576 bytes (1 MiB), where real annex cells hold a few thousand (was a whole file pasted into one cell?); not read further"
    static let tooManyRows = "error: more than 100,000 rows in one file, where real annexes and catalogues have a few thousand; not read further (split the file)"
    static let tooManyCells = "error: more than 2,000,000 cells in one file, where real annexes have a few thousand; not read further (split the file)"
    static let tooWide = "warning: a row of more than 1,024 cells; the cells after column 1,024 are not read (annex tables have under 20 columns)"

    static func file(_ text: String, _ path: String = "d.csv") -> InputFile { InputFile(displayPath: path, bytes: Array(text.utf8)) }
    static func rendered(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map { $0.rendered(.en) } }

    /// 1,048,576 bytes of "ấ" and one "a".
    static let mebibyte = String(repeating: "ấ", count: 349_525) + "a"

    /// A cell of 1 MiB is read whole; one byte more, quoted or not, is refused at the cell,
    /// and the procedure read before it is not used either: the file is not read.
    @Test func aCellOfOneMebibyteIsReadAndOneByteMoreIsRefused() {
        #expect(Self.mebibyte.utf8.count == TableLimits.cellBytes)
        let whole = DecisionCSVReader.read(Self.file(Self.header + Self.newSection + "1,1.000001,\"" + Self.mebibyte + "\"\n"))
        #expect(whole.diagnostics.isEmpty)
        #expect(whole.value?.first?.content.name == Self.mebibyte)

        for cell in ["\"" + Self.mebibyte + "b\"", Self.mebibyte + "b"] {
            let text = Self.header + Self.newSection + "1,1.000001,A\n2,1.000002," + cell + "\n3,1.000003,C\n"
            let reading = DecisionCSVReader.interpret(Self.file(text))
            #expect(Self.rendered(reading.diagnostics) == ["d.csv:4:12: " + Self.cellTooLong])
            #expect(reading.diagnostics.map { $0.rendered(.vi) } == [
                "d.csv:4:12: error: ô dài hơn 1.048.576 byte (1 MiB), trong khi ô của phụ lục thật chỉ vài nghìn byte (có dán nhầm cả một tệp vào một ô?); không đọc tiếp",
            ])
            #expect(reading.changes.isEmpty && reading.tables.isEmpty)
        }
        // The catalogue and the register keep the limit too, and report nothing else.
        let local = CatalogueCSVReader.read(Self.file("Mã TTHC,Tên thủ tục hành chính\n1.000001,A\n1.000002," + Self.mebibyte + "b\n", "l.csv"))
        #expect(Self.rendered(local.diagnostics) == ["l.csv:3:10: " + Self.cellTooLong])
        #expect(local.value == nil)
        let register = RegisterCSVReader.read(Self.file("Số quyết định,Cơ quan ban hành,Ngày ban hành,Ngày hiệu lực,Trích yếu\n"
            + "1/QĐ-X,Bộ X,01/01/2026,02/01/2026," + Self.mebibyte + "b\n", "r.csv"))
        #expect(Self.rendered(register.diagnostics) == ["r.csv:2:35: " + Self.cellTooLong])
    }

    /// A million unknown header columns: the cells past column 1,024 are one warning, the
    /// unknown ones within it twenty warnings and a count, and the data row is read. Before,
    /// each of the million was a warning of its own.
    @Test func aMillionHeaderColumnsAreTwentyTwoWarnings() {
        let prefix = "STT,Mã TTHC,Tên thủ tục hành chính,"
        let extra = (0..<1_000_000).map { "c\($0)" }
        let text = prefix + extra.joined(separator: ",") + "\n" + Self.newSection + "1,1.000001,A\n"
        let result = DecisionCSVReader.read(Self.file(text))
        #expect(result.value?.map(\.code.raw) == ["1.000001"])
        // Where each extra column starts: after the prefix, each name and its comma.
        var columns: [Int] = []
        var column = prefix.unicodeScalars.count + 1
        for name in extra.prefix(1_022) {
            columns.append(column)
            column += name.count + 1
        }
        let shown = AnnexInterpreter.warningsPerKind
        #expect(Self.rendered(result.diagnostics) == ["d.csv:1:\(columns[1_021]): " + Self.tooWide]
            + (0..<shown).map { "d.csv:1:\(columns[$0]): warning: unknown column \"c\($0)\"; it is ignored" }
            + ["d.csv: warning: … and \(1_021 - shown) more warnings of this kind in this file (see tthc inspect)"])
        // 10,000 cells in a data row under a three-column header: the first 1,024 are read.
        let wide = Self.header + Self.newSection + "1,1.000001,A" + String(repeating: ",", count: 10_000) + "\n"
        let row = DecisionCSVReader.read(Self.file(wide))
        #expect(Self.rendered(row.diagnostics) == ["d.csv:3:\(11 + 1_024): " + Self.tooWide])
        #expect(row.value?.map(\.content.name) == ["A"])
    }

    /// The 100,001st record and the 2,000,001st cell stop the tokenizer, which says where.
    @Test func rowsAndCellsPastTheLimitsStopTheFile() {
        var records = 0
        let (_, rows) = CSVReader.forEachRecord(Self.file(String(repeating: "a\n", count: 100_001), "r.csv")) { _ in records += 1 }
        #expect(records == 100_000)
        #expect(Self.rendered(rows) == ["r.csv:100001:1: " + Self.tooManyRows])
        #expect(rows.map { $0.rendered(.vi) } == [
            "r.csv:100001:1: error: tệp có hơn 100.000 dòng, trong khi phụ lục và danh mục thật chỉ có vài nghìn dòng; không đọc tiếp (hãy tách tệp)",
        ])

        records = 0
        let thousand = String(repeating: ",", count: 999) + "\n"
        let (_, cells) = CSVReader.forEachRecord(Self.file(String(repeating: thousand, count: 2_001), "c.csv")) { _ in records += 1 }
        #expect(records == 2_000)
        #expect(Self.rendered(cells) == ["c.csv:2001:1: " + Self.tooManyCells])
    }

    // MARK: Excel

    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook of one sheet, or of two sheets that are the same part.
    static func workbook(_ sheet: String, sheets: Int = 1, path: String = "w.xlsx") throws -> XLSXWorkbook {
        let names = ["S", "T"].prefix(sheets).map { "<sheet name=\"\($0)\" r:id=\"s\"/>" }.joined()
        return try XLSXWorkbook(parts: [
            "_rels/.rels": Array("<Relationships><Relationship Id=\"r\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8),
            "xl/workbook.xml": Array("<workbook xmlns:r=\"\(relationships)\"><sheets>\(names)</sheets></workbook>".utf8),
            "xl/_rels/workbook.xml.rels": Array("<Relationships><Relationship Id=\"s\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8),
            "xl/worksheets/sheet1.xml": Array(sheet.utf8),
        ], displayPath: path)
    }

    static func inline(_ ref: String, _ text: String) -> String { "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>" }

    static func rows(_ source: some TableSource) -> (rows: [GridRow], diagnostics: [Diagnostic]) {
        var rows: [GridRow] = []
        let diagnostics = source.forEachRow { rows.append($0) }
        return (rows, diagnostics)
    }

    /// Ten thousand merged ranges over the same column (Excel never writes overlapping
    /// ranges): each row visited every range, so a long sheet cost ranges × rows. The
    /// covered cells now count against the cell limit.
    @Test func overlappingMergedRangesCountAsCells() throws {
        let merges = "<mergeCells>" + String(repeating: "<mergeCell ref=\"A1:A1048576\"/>", count: 10_000) + "</mergeCells>"
        let body = (1...200).map { "<row r=\"\($0)\">" + Self.inline("A\($0)", "x") + "</row>" }.joined()
        let workbook = try Self.workbook("<worksheet><sheetData>" + body + "</sheetData>" + merges + "</worksheet>", path: "m.xlsx")
        let (rows, diagnostics) = Self.rows(workbook.source(workbook.sheets[0]))
        #expect(rows.count == 100)
        #expect(Self.rendered(diagnostics) == ["m.xlsx:101:1: " + Self.tooManyCells])
    }

    /// A range the size of the sheet (A1:XFD1048576) over a three-row sheet: read as
    /// three rows, the first cell spanning what a grid can hold.
    @Test func aMergedRangeAsLargeAsTheSheet() throws {
        let body = (1...3).map { "<row r=\"\($0)\">" + Self.inline("A\($0)", "r\($0)") + Self.inline("B\($0)", "s\($0)") + "</row>" }.joined()
        let workbook = try Self.workbook("<worksheet><sheetData>" + body + "</sheetData><mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells></worksheet>")
        let (rows, diagnostics) = Self.rows(workbook.source(workbook.sheets[0]))
        #expect(diagnostics.isEmpty)
        #expect(rows.map { $0.cells.map(\.text) } == [["r1", ""], ["", ""], ["", ""]])
        #expect(rows[0].cells[0].columnSpan == TableLimits.columns && rows[0].cells[0].rowSpan == TableLimits.rows)
    }

    /// The row limit is the file's: two sheets of 50,001 rows pass it on the second.
    @Test func everySheetOfAWorkbookDrawsOnOneBudget() throws {
        let body = "<row r=\"1\">" + Self.inline("A1", "Mã TTHC") + Self.inline("B1", "Tên thủ tục hành chính") + "</row>"
            + (2...50_001).map { "<row r=\"\($0)\">" + Self.inline("A\($0)", "1.000001") + Self.inline("B\($0)", "A") + "</row>" }.joined()
        let workbook = try Self.workbook("<worksheet><sheetData>" + body + "</sheetData></worksheet>", sheets: 2)
        let result = CatalogueXLSXReader.read(workbook, file: "w.xlsx")
        #expect(Self.rendered(result.diagnostics) == ["w.xlsx[T]:50000:1: " + Self.tooManyRows])
        #expect(result.value == nil)
        // One sheet alone is read.
        let one = try Self.workbook("<worksheet><sheetData>" + body + "</sheetData></worksheet>")
        #expect(CatalogueXLSXReader.read(one, file: "w.xlsx").value?.entries.count == 50_000)
    }

    /// A shared string longer than 1 MiB is refused at the cell that shows it.
    @Test func aLongSharedStringIsRefusedAtItsCell() throws {
        let parts: [String: [UInt8]] = [
            "_rels/.rels": Array("<Relationships><Relationship Id=\"r\" Type=\"\(Self.relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8),
            "xl/workbook.xml": Array("<workbook xmlns:r=\"\(Self.relationships)\"><sheets><sheet name=\"S\" r:id=\"s\"/></sheets></workbook>".utf8),
            "xl/_rels/workbook.xml.rels": Array(("<Relationships><Relationship Id=\"s\" Type=\"\(Self.relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"t\" Type=\"\(Self.relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>").utf8),
            "xl/sharedStrings.xml": Array(("<sst><si><t>" + Self.mebibyte + "b</t></si></sst>").utf8),
            "xl/worksheets/sheet1.xml": Array("<worksheet><sheetData><row r=\"4\"><c r=\"C4\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>".utf8),
        ]
        let workbook = try XLSXWorkbook(parts: parts, displayPath: "s.xlsx")
        let reading = DecisionXLSXReader.interpret(workbook, file: "s.xlsx")
        #expect(Self.rendered(reading.diagnostics) == ["s.xlsx:4:3: " + Self.cellTooLong])
    }

    // MARK: Word

    static func document(_ body: String, path: String = "d.docx") -> AnnexReading {
        let xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" + body + "</w:body></w:document>"
        return DecisionDOCXReader.interpret(parts: [
            "_rels/.rels": Array("<Relationships><Relationship Id=\"r\" Type=\"x/officeDocument\" Target=\"word/document.xml\"/></Relationships>".utf8),
            "word/document.xml": Array(xml.utf8),
        ], displayPath: path)
    }

    /// `gridSpan="99999999"` on every row: each row is cut to 1,024 columns and the
    /// 2,000,001st cell stops the document (before, 20 million cells were allowed, and a
    /// table buffered whole could hold a hundred times more).
    @Test func hugeGridSpansStopAtTheCellLimit() {
        let row = "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"99999999\"/></w:tcPr><w:p/></w:tc></w:tr>"
        let reading = Self.document("<w:tbl>" + String(repeating: row, count: 2_000) + "</w:tbl>")
        // 1,953 rows of 1,024 cells are 1,999,872: the 129th cell of row 1,954 passes (line
        // 1,955: a table's first row is the body's second line).
        #expect(Self.rendered(reading.diagnostics) == ["d.docx:1955:129: " + Self.tooManyCells])
    }

    /// A table of 100,001 rows is refused at its 100,001st row (line 100,002), before the
    /// rest is buffered.
    @Test func aTableOfTooManyRowsIsRefusedAtTheRow() {
        let row = "<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
        let reading = Self.document("<w:tbl>" + String(repeating: row, count: 100_010) + "</w:tbl>")
        #expect(Self.rendered(reading.diagnostics) == ["d.docx:100002:1: " + Self.tooManyRows])
        #expect(reading.changes.isEmpty)
    }

    // MARK: Web pages and PDF

    /// 999 cells spanning 2,000 rows, then a cell in each row below: each of those was
    /// placed by searching every span for every column it passed (two billion steps);
    /// now a look-up a column. Every cell lands in column 1,000.
    @Test func rowspansOverAThousandColumnsArePlacedInLinearTime() {
        let first = "<tr>" + String(repeating: "<td rowspan=\"2000\">s</td>", count: 999) + "<td>h</td></tr>"
        let page = "<table>" + first + String(repeating: "<tr><td>x</td></tr>", count: 1_999) + "</table>"
        let (rows, diagnostics) = Self.rows(HTMLTableSource(file: InputFile(displayPath: "s.html", bytes: Array(page.utf8))))
        #expect(diagnostics.isEmpty)
        #expect(rows.count == 2_000)
        #expect(rows.allSatisfy { $0.cells.count == 1_000 })
        #expect(rows.dropFirst().allSatisfy { $0.cells[999].text == "x" && $0.cells[0].text.isEmpty })
        #expect(rows[0].cells[0].rowSpan == 2_000)
    }

    /// A page of 100,001 paragraphs passes the row limit: the page is not read. (On one
    /// line: libxml2 2.9's HTML parser keeps lines in 16 bits, so a place past line 65,535
    /// of a page is given as 65,535.)
    @Test func aPageOfTooManyParagraphsIsNotRead() {
        let page = "<body>\n" + String(repeating: "<p>x</p>", count: 100_001)
        let reading = DocumentListingReader.read(InputFile(displayPath: "p.html", bytes: Array(page.utf8)), kind: .html)
        #expect(Self.rendered(reading.annex.diagnostics) == ["p.html:2:1: " + Self.tooManyRows])
        #expect(reading.annex.changes.isEmpty)
    }

    /// A PDF of `pages` pages, each with `words` words on lines of their own.
    static func pdf(pages: Int, words: Int) -> [UInt8] {
        var objects: [String] = ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", ""]
        var kids: [Int] = []
        for _ in 0..<pages {
            let stream = "BT /F1 10 Tf\n" + (0..<words).map { "1 0 0 1 40 \(800 - $0 * 12) Tm (w\($0)) Tj" }.joined(separator: "\n") + "\nET"
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 1 0 R >> >> /Contents \(objects.count) 0 R >>")
            kids.append(objects.count)
        }
        objects[1] = "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages) >>"
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        out += "trailer\n<< /Size \(objects.count + 1) /Root \(objects.count) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }

    /// poppler lays a page out in time that grows with the square of its words: the
    /// squares of the pages' words add up to a budget for the file (1,000,000,000; 250
    /// here, pages of ten words), checked page by page: the page that passes it is named.
    @Test func denseDocumentsStopAtTheLayoutBudget() {
        let file = InputFile(displayPath: "w.pdf", bytes: Self.pdf(pages: 3, words: 10))
        let (rows, read) = Self.rows(PDFTableSource(file: file))
        #expect(read.isEmpty && rows.count == 30)
        let (none, diagnostics) = Self.rows(PDFTableSource(file: file, maximumLayoutWork: 250))
        #expect(none.isEmpty)
        #expect(Self.rendered(diagnostics) == [
            "w.pdf:3: error: the PDF's pages hold too many words (by page 3): laying them out would take minutes, where real annex pages hold a few hundred; reading stopped",
        ])
    }

    /// Rendering for rules costs a pass over each pixel: a file's pages share 2.5 billion.
    /// A thousand A4 pages keep the full scale; a thousand pages of 1,414 points square
    /// (8 million pixels each at that scale) are rendered smaller.
    @Test func pagesShareAPixelBudget() throws {
        #expect(PDFDocumentReader.scale(width: 595, height: 842, pages: 1_000) == PDFDocumentReader.renderScale)
        #expect(PDFDocumentReader.scale(width: 1_414, height: 1_414, pages: 1) == PDFDocumentReader.renderScale)
        let shared = try #require(PDFDocumentReader.scale(width: 1_414, height: 1_414, pages: 1_000))
        #expect(1_414 * 1_414 * shared * shared <= 2_500_001 && shared > 1)
        #expect(PDFDocumentReader.scale(width: 14_400, height: 14_400, pages: 1) == nil)
    }
}
