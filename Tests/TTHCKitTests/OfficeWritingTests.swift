import Foundation
import Testing
import TestSupport
@testable import TTHCKit

/// The bundled sample catalogue, read as every command reads it.
enum BundledCatalogue {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("catalogs")
    static let asOf = CivilDate(year: 2026, month: 11, day: 20)!

    static func pipeline() throws -> CataloguePipeline {
        let reading = CataloguePipeline.read(directory, displayPath: "catalogs")
        return try #require(reading.pipeline)
    }

    static func draft(_ selection: PublicationDraft.Selection) throws -> PublicationDraft {
        let p = try pipeline()
        return try PublicationDraft.make(selection, reconciliation: p.reconcile(asOf: asOf), decisions: p.input.decisions,
                                         register: p.input.register, settings: p.input.settings)
    }
}

/// Tools the tests of written Office files use as oracles: Python's zipfile and openpyxl,
/// openxml-audit (the ECMA-376 schemas and the Open XML SDK's package rules), LibreOffice.
enum OfficeOracles {
    static let hasOpenpyxl = Python.has("openpyxl")
    static let audit = executableOnPath("openxml-audit")
    static let pdftotext = executableOnPath("pdftotext")
    static let pdfinfo = executableOnPath("pdfinfo")

    /// openxml-audit's findings for a file: `[]` when it is valid.
    static func findings(_ bytes: [UInt8], name: String) throws -> [String] {
        let dir = try OfficeFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        let r = try runProcess(audit!, [file.path, "--output", "json"])
        let script = """
        import json, sys
        report = json.load(sys.stdin)
        for f in (report if isinstance(report, list) else [report]):
            for e in f.get("errors", []): print(e.get("part_uri", ""), e.get("description", ""))
        """
        let parsed = try Python.run(script, input: Array(r.stdout.utf8))
        #expect(parsed.status == 0, "\(parsed.stderr) \(r.stderr)")
        return parsed.stdout.split(separator: "\n").map(String.init)
    }

    /// The ZIP entries of a package, as Python's zipfile sees them: name, date and time.
    static func entries(_ bytes: [UInt8]) throws -> [String] {
        let script = """
        import io, sys, zipfile
        z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
        assert z.testzip() is None
        for i in z.infolist(): print(i.filename, "%04d-%02d-%02d %02d:%02d:%02d" % i.date_time, oct(i.external_attr >> 16))
        """
        let r = try Python.run(script, input: bytes)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").map(String.init)
    }
}

@Suite struct SpreadsheetWriterTests {
    @Test func columnNamesRunAsSpreadsheetsCountThem() {
        #expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(Workbook.columnName)
                == ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"])
    }

    @Test func sheetNamesAreWhatExcelAccepts() {
        #expect(Workbook.sheetName("2. Quá hạn: [cần xử lý] a/b\\c*?") == "2. Quá hạn- -cần xử lý- a-b-c--")
        #expect(Workbook.sheetName("'Trích dẫn'") == "Trích dẫn")
        let long = Workbook.sheetName("10. Chỉ số đánh giá (Quyết định 766/QĐ-TTg)")
        #expect(long.count == 31 && long == "10. Chỉ số đánh giá (Quyết định")
        #expect(Workbook.sheetName("") == "-")
    }

    /// Serial dates of the 1900 date system: 1 March 1900 is 61 (after Excel's phantom
    /// 29 February 1900), 1 January 2000 is 36526, and every day after adds one.
    @Test func serialDatesMatchTheSpreadsheetEpoch() {
        #expect(Workbook.serial(CivilDate(year: 1900, month: 3, day: 1)!) == 61)
        #expect(Workbook.serial(CivilDate(year: 2000, month: 1, day: 1)!) == 36526)
        var day = CivilDate(year: 1900, month: 3, day: 1)!
        var serial = 61
        var wrong: [String] = []
        while day.year < 2200 {
            if Workbook.serial(day) != serial { wrong.append(day.iso) }
            day = day.adding(days: 1)
            serial += 1
        }
        #expect(wrong.isEmpty)
        #expect(serial == 61 + CivilDate(year: 1900, month: 3, day: 1)!.days(to: CivilDate(year: 2200, month: 1, day: 1)!))
    }

    @Test func decimalsAreWrittenTheSameOnEveryMachine() {
        #expect(Workbook.decimal(12) == "12")
        #expect(Workbook.decimal(15.75) == "15.75")
        #expect(Workbook.decimal(31.5) == "31.5")
        #expect(Workbook.decimal(0.8, digits: 6) == "0.8")
        #expect(Workbook.decimal(2.0 / 3.0, digits: 6) == "0.666667")
        #expect(Workbook.decimal(-0.25) == "-0.25")
    }

    @Test func wrappedCellsMakeTallerRows() {
        let name = Workbook.Cell(.text("Thủ tục công nhận kết quả nghiên cứu khoa học và phát triển công nghệ"), .wrapped)
        #expect(Workbook.wrappedLines(name, width: 42) == 2)
        #expect(Workbook.wrappedLines(Workbook.Cell(.text("a\nb\nc"), .wrapped), width: 42) == 3)
        #expect(Workbook.wrappedLines(Workbook.Cell(.text(String(repeating: "x", count: 80)), .text), width: 10) == 1)
        #expect(Workbook.wrappedLines(Workbook.Cell(.date(BundledCatalogue.asOf), .date), width: 5) == 1)
    }
}

@Suite struct XLSXReportTests {
    static let fixture = ReportFixture.reconciliation

    func workbook(_ language: Language = .vi) -> [UInt8] { XLSXReport().render(Self.fixture, language: language) }

    /// Every entry has the same fixed time and mode, `[Content_Types].xml` comes first, and
    /// the archive passes zipfile's CRC test.
    @Test(.enabled(if: Python.executable != nil, "python3 is not installed"))
    func packageEntriesHaveFixedTimes() throws {
        let entries = try OfficeOracles.entries(workbook())
        #expect(entries.first == "[Content_Types].xml 1980-01-01 00:00:00 0o100644")
        #expect(entries.allSatisfy { $0.hasSuffix(" 1980-01-01 00:00:00 0o100644") })
        #expect(entries.contains("xl/worksheets/sheet14.xml 1980-01-01 00:00:00 0o100644"))
    }

    /// tthc's own xlsx reader reads back what the writer wrote: every table cell of every
    /// section, codes as text.
    @Test func ownReaderReadsTheCellsBack() throws {
        let doc = ReportDocument(Self.fixture, language: .vi)
        let book = try XLSXWorkbook(InputFile(displayPath: "r.xlsx", bytes: workbook()))
        #expect(book.sheets.count == doc.sections.count + 1)
        #expect(book.sheets.dropFirst().map(\.name) == doc.sections.map { Workbook.sheetName("\($0.number). \($0.title)") })
        let urgent = try #require(doc.sections.firstIndex { $0.id == .urgent })
        let (rows, diagnostics) = OfficeFixtures.rows(book.source(book.sheets[urgent + 1]))
        #expect(diagnostics.isEmpty)
        // The trigger's source has a column of its own; no deadline of the section is
        // provisional and nothing in it is published, so those have none.
        #expect(rows.first == "1: Tình trạng | Hạn công bố | Mã TTHC | Tên thủ tục | Quyết định của Bộ | Ngày bắt đầu tính hạn | Ngày bắt đầu tính hạn (ghi chú) | Công bố của tỉnh")
        // The codes of the section, as written, in its order.
        guard case .table(let table) = doc.sections[urgent].blocks[0] else { Issue.record("no table"); return }
        let codes = Array(table.rows.map { $0[2].lines[0] })
        let read = rows.dropFirst().map { $0.split(separator: " | ", omittingEmptySubsequences: false)[2] }
        #expect(read.map(String.init) == codes)
    }

    /// openpyxl (the Python library the desk's scripts use) sees text codes, date cells with
    /// the dd/mm/yyyy format, numbers, a frozen header and an autofilter on each table
    /// sheet, and the HTML report's colours on the status cells. The whole dump is a golden
    /// file.
    @Test(.enabled(if: OfficeOracles.hasOpenpyxl, "openpyxl is not installed"), arguments: Language.allCases)
    func openpyxlReadsCellsWithTheirTypes(language: Language) throws {
        let script = """
        import io, sys, openpyxl
        wb = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
        for ws in wb.worksheets:
            print("== %s | freeze %s | filter %s | widths %s" % (ws.title, ws.freeze_panes, ws.auto_filter.ref,
                  ",".join("%s=%g" % (k, v.width) for k, v in sorted(ws.column_dimensions.items()))))
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None: continue
                    v = c.value.strftime("%Y-%m-%d") if hasattr(c.value, "strftime") else repr(c.value)
                    fill = c.fill.fgColor.rgb if c.fill.fill_type == "solid" else ""
                    print("%s %s %s %s %s%s" % (c.coordinate, c.data_type, c.number_format, v, fill, " bold" if c.font.b else ""))
        """
        let r = try Python.run(script, input: workbook(language))
        #expect(r.status == 0, "\(r.stderr)")
        try GoldenFile.check(r.stdout, "report/reconcile.\(language.rawValue).xlsx.openpyxl.txt")
        // Never a code as a number: every cell under "Mã TTHC" / "Code" is text.
        #expect(!r.stdout.contains(" n General 1.0"))
        #expect(r.stdout.contains(" d dd/mm/yyyy 2026-12-25"))
    }

    /// LibreOffice opens the workbook without repair, and every sheet it exports as CSV
    /// shows the codes, numbers and dates as the CSV report has them (dates as dd/mm/yyyy).
    @Test(.enabled(if: OfficeFixtures.soffice != nil, "soffice (LibreOffice) is not installed"))
    func libreOfficeShowsTheCodesTheCSVReportHas() throws {
        let dir = try OfficeFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r.xlsx")
        try Data(workbook()).write(to: file)
        // Options: comma, double quote, UTF-8, from line 1, as shown, every sheet (-1).
        _ = try? OfficeFixtures.convert(file, to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", in: dir)
        let exported = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".csv") }
        #expect(exported.count == ReportDocument(Self.fixture, language: .vi).sections.count + 1)
        var cells: Set<String> = []
        for name in exported {
            let input = try InputFile.read(dir.appendingPathComponent(name), displayPath: name)
            for record in CSVReader.read(input).value?.records ?? [] { cells.formUnion(record.cells.map(\.text)) }
        }
        let csv = CSVReader.read(InputFile(displayPath: "r.csv", bytes: CSVReport().render(Self.fixture, language: .vi))).value!.records
        let header = csv[0].cells.map(\.text)
        let codeColumn = try #require(header.firstIndex(of: "Mã TTHC"))
        let deadlineColumn = try #require(header.firstIndex(of: "Hạn công bố"))
        let codes = Set(csv.dropFirst().map { $0.cells[codeColumn].text }.filter { $0.first?.isNumber == true })
        #expect(codes.count > 10)
        #expect(codes.subtracting(cells).isEmpty, "codes LibreOffice shows differently: \(codes.subtracting(cells).sorted())")
        let deadlines = Set(csv.dropFirst().compactMap { try? CivilDate.parse($0.cells[deadlineColumn].text).vietnamese })
        #expect(!deadlines.isEmpty)
        #expect(deadlines.subtracting(cells).isEmpty, "deadlines not shown as dd/mm/yyyy: \(deadlines.subtracting(cells).sorted())")
    }

    @Test(.enabled(if: OfficeOracles.audit != nil && Python.executable != nil, "openxml-audit is not installed"))
    func partsAreSchemaValid() throws {
        #expect(try OfficeOracles.findings(workbook(), name: "r.xlsx") == [])
    }
}

@Suite struct PublicationDraftTests {
    /// One ministry decision: every procedure of it in scope, published or not, in the
    /// annex's order (change type, level, field, code); the district-level one is left out.
    @Test func oneDecisionGivesItsProceduresInScope() throws {
        let d = try BundledCatalogue.draft(.decision("2105/qđ-bkhcn"))
        #expect(d.sources.map(\.number) == ["2105/QĐ-BKHCN"])
        #expect(d.entries.map { "\($0.change.rawValue) \($0.code?.raw ?? "-") \($0.levels.map(\.rawValue))" } == [
            "new 1.013010 [\"province\"]",
            "amended 1.002424 [\"province\"]",
            "replaced 1.013012 [\"province\"]",
            "abolished 1.003530 [\"province\"]",
        ])
        #expect(d.entries.map(\.status.awaitsPublication) == [true, false, false, false])
        #expect(d.entries[2].replaces.map(\.raw) == ["1.001237"])
        #expect(d.entries[0].processingTime == "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ")
    }

    @Test func allPendingGathersEveryDecisionWithChangesWaiting() throws {
        let d = try BundledCatalogue.draft(.allPending)
        #expect(d.sources.map(\.number) == ["1520/QĐ-BKHCN", "2105/QĐ-BKHCN", "2290/QĐ-BKHCN", "2301/QĐ-BKHCN"])
        #expect(d.entries.map { $0.code?.raw ?? "-" } == ["1.013010", "1.013125", "1.013120", "1.005105", "1.011736"])
        #expect(d.entries.allSatisfy { $0.status.awaitsPublication })
    }

    @Test func problemsAreNamed() throws {
        #expect(throws: PublicationDraft.Problem.noSuchDecision("9999/QĐ-BKHCN", known: [
            "1520/QĐ-BKHCN", "2105/QĐ-BKHCN", "2290/QĐ-BKHCN", "2301/QĐ-BKHCN"])) {
            try BundledCatalogue.draft(.decision("9999/QĐ-BKHCN"))
        }
        let p = try BundledCatalogue.pipeline()
        var r = p.reconcile(asOf: BundledCatalogue.asOf)
        for i in r.changes.indices where r.changes[i].status.awaitsPublication { r.changes[i].status = .onTime }
        #expect(throws: PublicationDraft.Problem.nothingPending) {
            try PublicationDraft.make(.allPending, reconciliation: r, decisions: p.input.decisions,
                                      register: p.input.register, settings: p.input.settings)
        }
        for i in r.changes.indices where r.changes[i].decision == "2301/QĐ-BKHCN" { r.changes[i].status = .notApplicable(.outOfScope) }
        #expect(throws: PublicationDraft.Problem.nothingInScope("2301/QĐ-BKHCN")) {
            try PublicationDraft.make(.decision("2301/QĐ-BKHCN"), reconciliation: r, decisions: p.input.decisions,
                                      register: p.input.register, settings: p.input.settings)
        }
    }

    @Test func wordsFollowTheSettingsAndTheirDefaults() throws {
        var d = try BundledCatalogue.draft(.decision("2290/QĐ-BKHCN"))
        var w = DraftWords(d)
        #expect(w.issuingBodyLines == ["Ủy ban nhân dân", "tỉnh Hưng Yên"])
        #expect(w.dateLine == "Hưng Yên, ngày      tháng      năm 2026")
        #expect(w.summary == "Về việc công bố danh mục thủ tục hành chính mới ban hành và được sửa đổi, bổ sung trong lĩnh vực sở hữu trí tuệ thuộc phạm vi chức năng quản lý của Sở Khoa học và Công nghệ tỉnh Hưng Yên")
        #expect(w.recitals.last == "Căn cứ Quyết định số 2290/QĐ-BKHCN ngày 12/11/2026 của Bộ Khoa học và Công nghệ về việc công bố thủ tục hành chính mới ban hành và được sửa đổi, bổ sung")
        #expect(w.articles[0][0].hasPrefix("Công bố kèm theo Quyết định này danh mục 02 thủ tục hành chính"))
        #expect(w.articles[2] == ["Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Khoa học và Công nghệ; Chủ tịch Ủy ban nhân dân các xã, phường; Thủ trưởng các cơ quan, đơn vị và tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./."])
        d.province = "Thành phố Hà Nội"
        d.settings = DraftSettings(place: "Hà Nội", recitals: ["Căn cứ A;"], signer: ["CHỦ TỊCH"])
        w = DraftWords(d)
        #expect(w.issuingBodyLines == ["Ủy ban nhân dân", "thành phố Hà Nội"])
        #expect(w.authority == "Chủ tịch Ủy ban nhân dân thành phố Hà Nội")
        #expect(w.recitals.first == "Căn cứ A;")
        #expect(w.signer == ["CHỦ TỊCH"])
        #expect(DraftWords.lowercasedFirst("Hoạt động khoa học") == "hoạt động khoa học")
        #expect(DraftWords.lowercasedFirst("TCVN và QCVN") == "TCVN và QCVN")
        #expect(DraftDocument.roman(4) == "IV" && DraftDocument.roman(9) == "IX")
    }

    /// The Word document's text, paragraph by paragraph and cell by cell, as a golden file;
    /// its page set-up and fonts as Decree 30 sets them.
    @Test(.enabled(if: Python.executable != nil, "python3 is not installed"))
    func documentTextAndLayout() throws {
        let bytes = try BundledCatalogue.draft(.allPending).docx()
        #expect(bytes == (try BundledCatalogue.draft(.allPending).docx()))
        let r = try Python.run(DraftText.script, input: bytes)
        #expect(r.status == 0, "\(r.stderr)")
        try GoldenFile.check(r.stdout, "draft/all-pending.txt")
        // A4 portrait for the decision, A4 landscape for the annex; margins 20/15/20/30 mm.
        #expect(r.stdout.contains("[section 11906x16838 portrait margins top=1134 right=850 bottom=1134 left=1701]"))
        #expect(r.stdout.contains("[section 16838x11906 landscape margins top=1134 right=850 bottom=1134 left=1701]"))
        #expect(r.stdout.contains("[fonts Times New Roman 28]"))
    }

    /// LibreOffice opens the draft without repair; its PDF holds every procedure's code and
    /// name, and its first page is A4 portrait, its last A4 landscape.
    @Test(.enabled(if: OfficeFixtures.soffice != nil, "soffice (LibreOffice) is not installed"),
          .enabled(if: OfficeOracles.pdftotext != nil && OfficeOracles.pdfinfo != nil, "poppler-utils is not installed"))
    func libreOfficeRendersEveryProcedure() throws {
        let draft = try BundledCatalogue.draft(.allPending)
        let dir = try OfficeFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("draft.docx")
        try Data(draft.docx()).write(to: file)
        let pdf = try OfficeFixtures.convert(file, to: "pdf", in: dir)
        let text = try runProcess(OfficeOracles.pdftotext!, [pdf.path, "-"]).stdout
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let flat = words.joined(separator: " ")
        // pdftotext reads a table row line by line across its columns, so a name that wraps
        // comes out interleaved with its neighbours' words: each name's words must follow
        // its code, in order, within the next few lines' words.
        for e in draft.entries {
            let code = try #require(e.code?.raw)
            guard let at = words.firstIndex(of: code) else { Issue.record("\(code) missing from the PDF"); continue }
            let name = e.name.split(whereSeparator: \.isWhitespace).map(String.init)
            var i = name.startIndex
            for word in words[(at + 1)..<min(words.count, at + 1 + 4 * name.count + 30)] where i < name.endIndex && word == name[i] {
                i += 1
            }
            #expect(i == name.endIndex, "\(e.name) missing after \(code) in the PDF")
        }
        #expect(flat.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(flat.contains("Số: /QĐ-UBND"))
        let info = try runProcess(OfficeOracles.pdfinfo!, ["-f", "1", "-l", "99", pdf.path]).stdout
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }
        #expect(sizes.first?.contains("595.") == true && sizes.first?.contains("x 841.") == true, "\(sizes)")
        #expect(sizes.last?.contains("841.") == true && sizes.last?.contains("x 595.") == true, "\(sizes)")
    }

    @Test(.enabled(if: OfficeOracles.audit != nil && Python.executable != nil, "openxml-audit is not installed"))
    func partsAreSchemaValid() throws {
        #expect(try OfficeOracles.findings(try BundledCatalogue.draft(.allPending).docx(), name: "d.docx") == [])
    }
}

/// A text dump of a .docx for golden files: each section's page set-up, then each
/// paragraph (`¶`, with `**bold**` and `_italic_` runs) and each table row (`| a | b |`).
enum DraftText {
    static let script = """
    import io, sys, zipfile
    import xml.etree.ElementTree as ET
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
    styles = ET.fromstring(z.read("word/styles.xml"))
    rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    print("[fonts %s %s]" % (rpr.find(f"{W}rFonts").get(f"{W}ascii"), rpr.find(f"{W}sz").get(f"{W}val")))
    body = ET.fromstring(z.read("word/document.xml")).find(f"{W}body")
    def runs(p):
        out = ""
        for r in p.iter(f"{W}r"):
            t = "".join(x.text or "" for x in r.iter(f"{W}t"))
            pr = r.find(f"{W}rPr")
            if pr is not None and pr.find(f"{W}b") is not None: t = "**" + t + "**"
            if pr is not None and pr.find(f"{W}i") is not None: t = "_" + t + "_"
            out += t
        return out
    def sect(s):
        size, mar = s.find(f"{W}pgSz"), s.find(f"{W}pgMar")
        orient = size.get(f"{W}orient") or "portrait"
        print("[section %sx%s %s margins top=%s right=%s bottom=%s left=%s]" % (size.get(f"{W}w"), size.get(f"{W}h"), orient,
              mar.get(f"{W}top"), mar.get(f"{W}right"), mar.get(f"{W}bottom"), mar.get(f"{W}left")))
    for el in body:
        if el.tag == f"{W}p":
            t = runs(el)
            if t: print("¶ " + t)
            s = el.find(f"{W}pPr/{W}sectPr")
            if s is not None: sect(s)
        elif el.tag == f"{W}tbl":
            for tr in el.findall(f"{W}tr"):
                cells = [" / ".join(x for x in (runs(p) for p in tc.findall(f"{W}p")) if x) for tc in tr.findall(f"{W}tc")]
                print("| " + " | ".join(cells) + " |")
        elif el.tag == f"{W}sectPr":
            sect(el)
    """
}
