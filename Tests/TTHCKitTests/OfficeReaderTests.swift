import Foundation
import Testing
import TestSupport
@testable import TTHCKit

/// Fixtures and helpers shared by the Word and Excel reader tests.
enum OfficeFixtures {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/office")
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus/office")
    static let realDocuments = RealAnnexCorpusTests.shared

    /// A fixture, or a corpus document (shared ones read in place, see
    /// ``RealAnnexCorpusTests/resolve(_:)``).
    static func file(_ name: String, in dir: URL = directory) throws -> InputFile {
        InputFile(displayPath: name, bytes: [UInt8](try Data(contentsOf: RealAnnexCorpusTests.resolve(dir.appendingPathComponent(name)))))
    }

    /// The rows of a sheet as text: cells joined by " | ", with "{c×r}" after a merged cell.
    static func rows(_ source: some TableSource) -> (rows: [String], diagnostics: [Diagnostic]) {
        var out: [String] = []
        let diagnostics = source.forEachRow { row in
            out.append("\(row.line): " + row.cells.map { c in
                let span = c.columnSpan > 1 || c.rowSpan > 1 ? "{\(c.columnSpan)×\(c.rowSpan)}" : ""
                return c.text.replacingOccurrences(of: "\n", with: "⏎") + span
            }.joined(separator: " | "))
        }
        return (out, diagnostics)
    }

    static let soffice = executableOnPath("soffice")

    /// Converts `input` with LibreOffice into `dir`; returns the output's URL.
    static func convert(_ input: URL, to format: String, filter: String? = nil, in dir: URL) throws -> URL {
        var args = ["--headless", "--norestore", "-env:UserInstallation=file://" + dir.appendingPathComponent("profile").path]
        if let filter { args.append("--infilter=" + filter) }
        args += ["--convert-to", format, "--outdir", dir.path, input.path]
        let r = try runProcess(soffice!, args)
        let ext = String(format.prefix { $0 != ":" })
        let out = dir.appendingPathComponent(input.deletingPathExtension().lastPathComponent + "." + ext)
        guard FileManager.default.fileExists(atPath: out.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "soffice: \(r.stderr)"])
        }
        return out
    }

    /// Copies a fixture into `dir` and converts it with LibreOffice (the oracle).
    static func libreOffice(_ name: String, from source: URL = directory, to format: String, in dir: URL) throws -> URL {
        let copy = dir.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: copy)
        return try convert(copy, to: format, in: dir)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

@Suite struct XLSXReaderTests {
    /// The first sheet of the feature workbook, as openpyxl wrote it (inline strings, the
    /// 1904 date system, no cached formula values) and as LibreOffice saved it again (shared
    /// strings, cached values): the same cells, but for the formulas openpyxl leaves
    /// uncomputed.
    @Test(arguments: ["features-openpyxl.xlsx", "features-libreoffice.xlsx"])
    func cellsAsExcelShowsThem(_ name: String) throws {
        let workbook = try XLSXWorkbook(try OfficeFixtures.file(name))
        #expect(workbook.sheets.map(\.name) == ["Mới ban hành", "Không tiêu đề", "Trống"])
        #expect(workbook.sheets.map(\.displayPath) == ["\(name)[Mới ban hành]", "\(name)[Không tiêu đề]", "\(name)[Trống]"])
        let (rows, diagnostics) = OfficeFixtures.rows(workbook.source(workbook.sheets[0]))
        #expect(diagnostics.isEmpty)
        let computed = name.contains("libreoffice")
        // A row ends at its last cell with a value.
        #expect(rows == [
            "1: DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH{5×1}",
            "2: STT | Mã TTHC | Tên thủ tục hành chính | Lĩnh vực | Căn cứ pháp lý",
            "3: 1 | 1.013010 | Thủ tục công nhận kết quả⏎nghiên cứu | Khoa học | 05/03/2026",
            "4: 2 | 1.010690 | Thủ tục cấp giấy xác nhận | Công nghệ{1×2}" + (computed ? " | Thông tư 20/2026/TT-BKHCN" : ""),
            "5: 3 | 1.013012 | Thủ tục thẩm định" + (computed ? " |  | 5" : ""),
        ])
        #expect(OfficeFixtures.rows(workbook.source(workbook.sheets[2])).rows.isEmpty)
    }

    /// LibreOffice is the oracle: every sheet it exports as CSV holds the cells tthc reads.
    @Test(.enabled(if: OfficeFixtures.soffice != nil, "soffice (LibreOffice) is not installed"))
    func sameCellsAsLibreOffice() throws {
        let dir = try OfficeFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["features-libreoffice.xlsx", "dvcqg-danh-sach-tthc-ToaAnNhanDan.xlsx"] {
            let source = name.hasPrefix("dvcqg") ? OfficeFixtures.realDocuments : OfficeFixtures.directory
            let csv = try OfficeFixtures.libreOffice(name, from: source, to: "csv:Text - txt - csv (StarCalc):44,34,76,1", in: dir)
            let theirs = CSVReader.read(try InputFile.read(csv, displayPath: "lo.csv")).value?.records.map { $0.cells.map(\.text) } ?? []
            let workbook = try XLSXWorkbook(try OfficeFixtures.file(name, in: source))
            var ours: [[String]] = []
            _ = workbook.source(workbook.sheets[0]).forEachRow { ours.append($0.cells.map(\.text)) }
            let trim: ([String]) -> [String] = { row in Array(row.reversed().drop { $0.isEmpty }.reversed()) }
            #expect(ours.map(trim) == theirs.map(trim).filter { !$0.isEmpty }, "\(name)")
        }
    }

    /// Context from one sheet ("MỚI BAN HÀNH") does not reach the next: the second sheet's
    /// procedure has no change type, and says so at its own place.
    @Test func sheetsAreReadApart() throws {
        let reading = DecisionXLSXReader.interpret(try OfficeFixtures.file("features-libreoffice.xlsx"))
        #expect(InspectReport.tsv(reading) == """
            code\tchange\tlevels\treplaces\tname
            1.013010\tnew\t-\t-\tThủ tục công nhận kết quả nghiên cứu
            1.010690\tnew\t-\t-\tThủ tục cấp giấy xác nhận
            1.013012\tnew\t-\t-\tThủ tục thẩm định

            """)
        #expect(reading.unplaced.map(\.location.compilerStyle) == ["features-libreoffice.xlsx[Không tiêu đề]:2:1"])
        #expect(reading.diagnostics.map { $0.rendered(.en) } == [
            "features-libreoffice.xlsx[Không tiêu đề]:2:1: warning: row not read as a procedure: no change type for procedure 2.000001: no title or section row (such as \"1. Danh mục thủ tục hành chính mới ban hành\") above it, no \"Loại thay đổi\" column, and the decision title does not say: \"1 | 2.000001 | Thủ tục trên trang thứ hai\"",
        ])
        #expect(reading.diagnostics.map { $0.rendered(.vi) }.first?.hasPrefix(
            "features-libreoffice.xlsx[Không tiêu đề]:2:1: warning: dòng không đọc được thành thủ tục: không biết loại thay đổi của thủ tục 2.000001") == true)
    }

    /// The national portal's exports read as full snapshots, exactly as their CSV forms.
    @Test(arguments: [("dvcqg-bo-tu-phap", 271), ("dvcqg-ngan-hang-nha-nuoc", 261), ("dvcqg-toa-an-nhan-dan", 3)])
    func portalExportsAreFullSnapshots(_ stem: String, _ count: Int) throws {
        let xlsx = DecisionXLSXReader.interpret(try OfficeFixtures.file(stem + ".xlsx", in: OfficeFixtures.corpus))
        let annexes = OfficeFixtures.corpus.deletingLastPathComponent().appendingPathComponent("annexes")
        let csv = DecisionCSVReader.interpret(try OfficeFixtures.file(stem + ".csv", in: annexes))
        #expect(xlsx.isSnapshot && xlsx.procedures.isEmpty)
        #expect(xlsx.listed.count == count)
        #expect(InspectReport.tsv(xlsx) == InspectReport.tsv(csv))
        #expect(xlsx.diagnostics.isEmpty)
    }

    @Test func serialDates() {
        func d(_ serial: Double, _ date1904: Bool = false) -> String? { XLSXWorkbook.date(serial: serial, date1904: date1904)?.iso }
        #expect(d(1) == "1900-01-01")
        #expect(d(59) == "1900-02-28")
        #expect(d(60) == "1900-02-28") // Lotus's 29 February 1900, which never was
        #expect(d(61) == "1900-03-01")
        #expect(d(45000) == "2023-03-15")
        #expect(d(46086.75) == "2026-03-05") // the time of day is dropped
        #expect(d(0, true) == "1904-01-01")
        #expect(d(44624, true) == "2026-03-05")
        #expect(d(0) == nil && d(-1) == nil && d(3e6) == nil)
    }

    @Test func numberFormats() {
        #expect(XLSXWorkbook.format(id: 14, code: nil) == .date)
        #expect(XLSXWorkbook.format(id: 164, code: "dd/mm/yyyy") == .date)
        #expect(XLSXWorkbook.format(id: 165, code: "[$-42A]d mmmm yyyy") == .date)
        #expect(XLSXWorkbook.format(id: 166, code: "\"ngày\" 0") == .general) // the d is in quotes
        #expect(XLSXWorkbook.format(id: 167, code: "0.000000") == .decimals(6))
        #expect(XLSXWorkbook.format(id: 2, code: nil) == .decimals(2))
        #expect(XLSXWorkbook.format(id: 0, code: nil) == .general)
        #expect(XLSXWorkbook.fixed(1.01069, places: 6) == "1.010690")
        #expect(XLSXWorkbook.fixed(-0.5, places: 2) == "-0.50")
        #expect(XLSXWorkbook.plain(15) == "15" && XLSXWorkbook.plain(1.0106900000000001) == "1.01069")
    }

    @Test func cellReferences() {
        #expect(XLSXWorkbook.cellReference("A1")! == (1, 1))
        #expect(XLSXWorkbook.cellReference("$AB$12")! == (12, 28))
        #expect(XLSXWorkbook.cellReference("XFD1048576")! == (1_048_576, 16_384))
        #expect(XLSXWorkbook.cellReference("XFE1") == nil && XLSXWorkbook.cellReference("A1048577") == nil)
        #expect(XLSXWorkbook.cellReference("1A") == nil && XLSXWorkbook.cellReference("") == nil)
    }
}

@Suite struct DOCXReaderTests {
    /// python-docx's reading of the same table: a section row merged across four columns,
    /// a cell of two paragraphs, and a cell merged down over two rows (its continuation
    /// blank, the first cell with rowSpan 2).
    @Test func tablesWithMergedCells() throws {
        let (rows, diagnostics) = DOCXBody.rows(try OfficeFixtures.file("features.docx"), limits: .standard)
        #expect(diagnostics.isEmpty)
        let text = OfficeFixtures.rows(RowsTableSource(rows: rows, diagnostics: [])).rows
        #expect(text == [
            "1: DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG",
            "3: STT | Mã TTHC | Tên thủ tục hành chính | Lĩnh vực",
            "4: A. Thủ tục hành chính cấp tỉnh{4×1} |  |  | ",
            "5: 1 | 1.013010 | Thủ tục công nhận⏎kết quả nghiên cứu | Khoa học và Công nghệ{1×2}",
            "6: 2 | 1.013012 | Thủ tục cấp giấy xác nhận | ",
            "7: Tổng số: 02 thủ tục",
        ])
    }

    /// LibreOffice is the oracle: its HTML export of the document has the same table cells,
    /// with the same spans.
    @Test(.enabled(if: OfficeFixtures.soffice != nil && Python.executable != nil, "soffice or python3 is missing"))
    func sameTableAsLibreOffice() throws {
        let dir = try OfficeFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try OfficeFixtures.libreOffice("features.docx", to: "html:XHTML Writer File:UTF8", in: dir)
        let script = """
            import sys, html.parser
            class P(html.parser.HTMLParser):
                def __init__(s): super().__init__(); s.rows=[]; s.cell=None
                def handle_starttag(s, t, a):
                    a = dict(a)
                    if t == "tr": s.rows.append([])
                    if t == "td": s.cell = [int(a.get("colspan", 1)), int(a.get("rowspan", 1)), []]
                    if t == "p" and s.cell is not None and s.cell[2]: s.cell[2].append("\\n")
                def handle_endtag(s, t):
                    if t == "td": s.rows[-1].append(s.cell); s.cell = None
                def handle_data(s, d):
                    if s.cell is not None and d.strip(): s.cell[2].append(" ".join(d.split()))
            p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
            for r in p.rows:
                print(" | ".join("".join(c[2]).replace("\\n", "⏎") + ("{%d×%d}" % (c[0], c[1]) if c[0] > 1 or c[1] > 1 else "") for c in r))
            """
        let r = try Python.run(script, arguments: [html.path])
        #expect(r.status == 0, "\(r.stderr)")
        let (rows, _) = DOCXBody.rows(try OfficeFixtures.file("features.docx"), limits: .standard)
        // Ours without the covered cells, which an HTML table leaves out.
        let ours = rows.filter { $0.cells.count > 1 }.map { row -> String in
            var skip = 0
            var out: [String] = []
            for c in row.cells {
                if skip > 0 { skip -= 1; continue }
                skip = c.columnSpan - 1
                if c.isBlank, c.columnSpan == 1, row.cells.count > 1, out.count >= 3 { continue } // a vMerge continuation
                out.append(c.text.replacingOccurrences(of: "\n", with: "⏎") + (c.columnSpan > 1 || c.rowSpan > 1 ? "{\(c.columnSpan)×\(c.rowSpan)}" : ""))
            }
            return out.joined(separator: " | ")
        }
        #expect(ours == r.stdout.split(separator: "\n").map(String.init))
    }

    /// Numbers Word draws from its lists are in the text: "I." and "a." before headings,
    /// and the STT column numbered by a list whose items hold no text, so those rows read as
    /// procedures rather than section rows.
    @Test func listNumbersAreInTheText() throws {
        let (rows, _) = DOCXBody.rows(try OfficeFixtures.file("numbered.docx"), limits: .standard)
        let text = rows.map { $0.cells.map { TextNormalization.clean($0.text) }.joined(separator: " | ") }
        #expect(text == [
            "PHỤ LỤC", "I. Danh mục thủ tục hành chính mới ban hành",
            "STT | Tên thủ tục hành chính | Lĩnh vực", "1. | Thủ tục cấp phép A | Hóa chất", "2. | Thủ tục cấp phép B | ",
            "II. Danh mục thủ tục hành chính bị bãi bỏ", "a. Thủ tục hành chính cấp tỉnh", "b. Thủ tục hành chính cấp xã",
        ])
        let reading = DecisionDOCXReader.interpret(try OfficeFixtures.file("numbered.docx"))
        #expect(reading.procedures.map(\.change.content.name) == ["Thủ tục cấp phép A", "Thủ tục cấp phép B"])
        #expect(reading.unplaced.isEmpty)
        #expect(Numbering.format(14, "upperRoman") == "XIV" && Numbering.format(28, "lowerLetter") == "bb" && Numbering.format(3, "decimalZero") == "03")
    }

    /// LibreOffice, the oracle, draws the same numbers in its text export.
    @Test(.enabled(if: OfficeFixtures.soffice != nil, "soffice (LibreOffice) is not installed"))
    func listNumbersAsLibreOfficeDrawsThem() throws {
        let dir = try OfficeFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let txt = try OfficeFixtures.libreOffice("numbered.docx", to: "txt:Text (encoded):UTF8", in: dir)
        let theirs = try String(contentsOf: txt, encoding: .utf8).replacingOccurrences(of: "\u{FEFF}", with: "")
            .split(whereSeparator: \.isNewline).map { TextNormalization.clean(String($0)) }.filter { !$0.isEmpty }
        let (rows, _) = DOCXBody.rows(try OfficeFixtures.file("numbered.docx"), limits: .standard)
        let ours = rows.flatMap { $0.cells.map { TextNormalization.clean($0.text) } }.filter { !$0.isEmpty }
        #expect(ours == theirs)
    }

    /// The decision around the tables: number, issuer, place and date, effective date and
    /// title, each with the place and the text it came from.
    @Test func decisionHeader() throws {
        let reading = DecisionDOCXReader.interpret(try OfficeFixtures.file("bo-cong-thuong-2025-3361-qd-bct.word.docx", in: OfficeFixtures.corpus))
        let h = try #require(reading.decisionHeader)
        #expect(h.number?.value == "3361/QĐ-BCT" && h.number?.location.line == 2)
        #expect(h.issuer?.value == "BỘ CÔNG THƯƠNG")
        #expect(h.place?.value == "Hà Nội")
        #expect(h.issued?.value == CivilDate(year: 2025, month: 11, day: 18))
        #expect(h.effective?.value == CivilDate(year: 2026, month: 5, day: 1) && h.effective?.location.line == 9)
        #expect(h.title?.value == "Về việc công bố thủ tục hành chính sửa đổi, bổ sung ban hành trong lĩnh vực xuất nhập khẩu thuộc phạm vi chức năng quản lý của Bộ Công Thương")
        #expect(reading.procedures.map(\.change.change) == [.amended])
        let text = InspectReport.render(reading, file: "d.docx", format: .text, language: .vi)
        #expect(text.contains("""
            Quyết định (đọc từ văn bản):
              số: 3361/QĐ-BCT  ← bo-cong-thuong-2025-3361-qd-bct.word.docx:2:1: "Số: 3361/QĐ-BCT"
              cơ quan ban hành: BỘ CÔNG THƯƠNG  ← bo-cong-thuong-2025-3361-qd-bct.word.docx:2:1
              nơi ban hành: Hà Nội  ← bo-cong-thuong-2025-3361-qd-bct.word.docx:2:2: "Hà Nội, ngày 18 tháng 11 năm 2025"
              ngày ban hành: 18/11/2025  ← bo-cong-thuong-2025-3361-qd-bct.word.docx:2:2: "Hà Nội, ngày 18 tháng 11 năm 2025"
              ngày hiệu lực: 01/05/2026  ← bo-cong-thuong-2025-3361-qd-bct.word.docx:9:1: "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 5 năm 2026."
              trích yếu: Về việc công bố thủ tục hành chính sửa đổi, bổ sung ban hành trong lĩnh vực xuất nhập khẩu thuộc phạm vi chức năng quản lý của Bộ Công Thương  ← bo-cong-thuong-2025-3361-qd-bct.word.docx:4:1
            Tiêu đề: BỘ CÔNG THƯƠNG
            """))
    }

    @Test func effectiveDateWording() {
        func from(_ s: String) -> String? {
            switch DecisionHeader.effectiveFrom(s) {
            case .signing?: "signing"
            case .date(let d)?: d.iso
            case nil: nil
            }
        }
        #expect(from("Quyết định này có hiệu lực thi hành kể từ ngày ký.") == "signing")
        #expect(from("Quyết định này có hiệu lực kể từ ngày 15 tháng 01 năm 2022.") == "2022-01-15")
        #expect(from("Quyết định có hiệu lực từ ngày 01/7/2025; bãi bỏ …") == "2025-07-01")
        #expect(from("Thời hạn ủy quyền: Từ ngày Quyết định này có hiệu lực đến hết ngày 28 tháng 02 năm 2027") == nil)
        #expect(DecisionHeader.dates(in: "Hà Nội, ngày 03 tháng 12 năm 2021").map(\.iso) == ["2021-12-03"])
        #expect(DecisionHeader.dates(in: "ngày 31 tháng 02 năm 2021").isEmpty)
    }

    /// "kể từ ngày ký" makes the effective date the issue date.
    @Test func effectiveFromSigning() {
        let rows = ["BỘ CÔNG THƯƠNG\nSố: 2729/QĐ-BCT", "Hà Nội, ngày 03 tháng 12 năm 2021", "QUYẾT ĐỊNH",
                    "Về việc công bố thủ tục hành chính mới ban hành", "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký."]
            .enumerated().map { GridRow(cells: [GridCell(text: $0.element, line: $0.offset + 1, column: 1)], line: $0.offset + 1) }
        let h = DecisionHeader.readWord(rows, file: "d.docx")
        #expect(h.number?.value == "2729/QĐ-BCT" && h.issuer?.value == "BỘ CÔNG THƯƠNG")
        #expect(h.effective == nil && h.effectiveFromSigning?.location.line == 5)
        #expect(h.effectiveDate == CivilDate(year: 2021, month: 12, day: 3))
    }

    /// The decision's articles are its own text, not titles of the annex: "Điều 2. Bãi
    /// bỏ …" does not make the annex's procedures abolished; the title says they are new.
    @Test func articlesAreNoTitlesOfTheAnnex() {
        func row(_ line: Int, _ cells: String...) -> GridRow {
            GridRow(cells: cells.enumerated().map { GridCell(text: $0.element, line: line, column: $0.offset + 1) }, line: line)
        }
        let rows = [
            row(1, "QUYẾT ĐỊNH"), row(2, "Về việc công bố thủ tục hành chính mới ban hành trong lĩnh vực hóa chất"),
            row(3, "Điều 1. Công bố kèm theo Quyết định này 01 thủ tục hành chính."),
            row(4, "Điều 2. Bãi bỏ thủ tục hành chính số 2.000001 tại Quyết định số 10/QĐ-BCT."),
            row(5, "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2026."),
            row(6, "STT", "Mã TTHC", "Tên thủ tục hành chính"), row(7, "1", "1.013100", "Thủ tục cấp giấy phép"),
        ]
        let reading = DecisionDOCXReader.interpret((rows, []), file: "d.docx", effectiveDate: nil, decisionTitle: nil, snapshot: false)
        #expect(reading.procedures.map(\.change.change) == [.new])
        #expect(reading.procedures.first?.changeOrigin == .title(line: 2, text: "Về việc công bố thủ tục hành chính mới ban hành trong lĩnh vực hóa chất"))
        #expect(reading.titles == ["QUYẾT ĐỊNH", "Về việc công bố thủ tục hành chính mới ban hành trong lĩnh vực hóa chất"])
        #expect(reading.decisionHeader?.effective?.value == CivilDate(year: 2026, month: 7, day: 1))
    }

    /// The real Lào Cai draft delegation decision: not a publication decision, nothing
    /// invented; its blank number and day are said to be blank, and the delegation's term
    /// is not taken for the effective date.
    @Test func delegationDraftIsNoPublication() throws {
        let body = DecisionDOCXReader.interpret(try OfficeFixtures.file("laocai-1883-2025-du-thao-uy-quyen.body.docx", in: OfficeFixtures.corpus))
        #expect(body.procedures.isEmpty && body.unplaced.isEmpty)
        #expect(body.notAPublication?.en == "a list of delegated procedures")
        #expect(body.diagnostics.map { $0.rendered(.en) } == [
            "laocai-1883-2025-du-thao-uy-quyen.body.docx:1:1: warning: this document is not a publication decision (a list of delegated procedures) and holds no annex table: no procedure is read as a change",
        ])
        let h = try #require(body.decisionHeader)
        #expect(h.number == nil && h.numberLeftBlank?.line == 3 && h.issued == nil && h.dateLeftBlank?.line == 3)
        #expect(h.issuer?.value == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI" && h.place?.value == "Lào Cai")
        #expect(h.effective == nil)
        #expect(h.title?.value.hasPrefix("Về việc Ủy quyền cho Giám đốc Sở Công Thương") == true)

        let annex = DecisionDOCXReader.interpret(try OfficeFixtures.file("laocai-1883-2025-du-thao-uy-quyen.annex.docx", in: OfficeFixtures.corpus))
        #expect(annex.procedures.isEmpty && annex.notAPublication != nil)
        #expect(annex.unplaced.count == 2)
        #expect(annex.diagnostics.last?.rendered(.en)
            == "laocai-1883-2025-du-thao-uy-quyen.annex.docx:7:1: warning: this document is not a publication decision (a list of delegated procedures): no procedure is read as a change")
    }
}

/// Every file of `Tests/Corpus/office/` reads whole: each procedure as its expected line.
@Suite struct OfficeCorpusTests {
    static var names: [String] {
        RealAnnexCorpusTests.documents(in: OfficeFixtures.corpus, extensions: ["xlsx", "docx"])
    }

    @Test(arguments: names)
    func readsWhole(_ name: String) throws {
        let file = try OfficeFixtures.file(name, in: OfficeFixtures.corpus)
        let reading = name.hasSuffix(".xlsx") ? DecisionXLSXReader.interpret(file) : DecisionDOCXReader.interpret(file)
        let stem = String(name.dropLast(5))
        let expected = try String(contentsOf: OfficeFixtures.corpus.appendingPathComponent(stem + ".expected.tsv"), encoding: .utf8)
        #expect(RealAnnexCorpusTests.lines(InspectReport.tsv(reading)) == RealAnnexCorpusTests.lines(expected))
        #expect(!reading.diagnostics.contains { $0.severity == .error })
    }

    @Test func corpusHasTheKindsAskedFor() {
        #expect(Self.names.filter { $0.hasSuffix(".docx") }.count >= 5)
        #expect(Self.names.filter { $0.hasSuffix(".xlsx") }.count >= 3)
        #expect(Self.names.contains { $0.hasPrefix("dvcqg-") })
    }
}
