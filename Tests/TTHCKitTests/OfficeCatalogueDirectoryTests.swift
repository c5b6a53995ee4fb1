import Foundation
import Testing
@testable import TTHCKit

/// Word and Excel files in `decisions/` and `local/`, read like their CSV equivalents.
@Suite struct OfficeCatalogueDirectoryTests {
    static let registerHeader = "Số quyết định,Cơ quan ban hành,Ngày ban hành,Ngày hiệu lực,Ngày cập nhật CSDLQG,Ngày nhận,Tệp danh mục\n"

    /// A catalogue directory with text files and binary files copied from the office corpus.
    func load(_ text: [String: String], copies: [String: URL]) throws -> ReadResult<CatalogueData> {
        let root = try makeCatalogue(text)
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, source) in copies {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: url)
        }
        return CatalogueDirectory.load(root, displayPath: "catalogs")
    }

    static func corpus(_ name: String) -> URL { OfficeFixtures.corpus.appendingPathComponent(name) }

    /// A Word decision needs no register row: it says its number, issuer and dates.
    @Test func wordDecisionCarriesItsOwnNumberAndDates() throws {
        let result = try load([:], copies: ["decisions/3361.docx": Self.corpus("bo-cong-thuong-2025-3361-qd-bct.word.docx")])
        #expect(result.diagnostics.isEmpty)
        let decision = try #require(result.value?.decisions.first)
        #expect(decision.number == "3361/QĐ-BCT" && decision.issuer == "BỘ CÔNG THƯƠNG")
        #expect(decision.issued == CivilDate(year: 2025, month: 11, day: 18))
        #expect(decision.effective == CivilDate(year: 2026, month: 5, day: 1))
        #expect(decision.nationalDatabase == nil && decision.received == nil)
        #expect(decision.changes.map { "\($0.code.raw) \($0.change.rawValue)" } == ["1.000603 amended"])
        #expect(decision.source == SourceLocation(file: "catalogs/decisions/3361.docx"))
    }

    /// …and a register row gives the dates it cannot know; a date both give differently is
    /// a warning, the document's wins; the register's issuer is preferred.
    @Test func registerRowCompletesAWordDecision() throws {
        let result = try load(["register.csv": Self.registerHeader + "3361/QĐ-BCT,Bộ Công Thương,19/11/2025,01/05/2026,20/11/2025,21/11/2025,\n"],
                              copies: ["decisions/3361.docx": Self.corpus("bo-cong-thuong-2025-3361-qd-bct.word.docx")])
        #expect(result.diagnostics.map { $0.rendered(.en) } == [
            "catalogs/register.csv:2:1: warning: issue date of decision 3361/QĐ-BCT: the register says 2025-11-19 but decisions/3361.docx says 2025-11-18; using the file's date",
        ])
        let decision = try #require(result.value?.decisions.first)
        #expect(decision.issued == CivilDate(year: 2025, month: 11, day: 18))
        #expect(decision.nationalDatabase == CivilDate(year: 2025, month: 11, day: 20))
        #expect(decision.received == CivilDate(year: 2025, month: 11, day: 21))
    }

    /// A Word decision that does not say its effective date, with no register row: an
    /// error for that listing only, naming what is missing.
    @Test func incompleteWordDecisionNeedsARegisterRow() throws {
        let result = try load(["decisions/a.csv": "x\n"], copies: ["decisions/3303.docx": Self.corpus("bo-tu-phap-2025-3303-qd-btp.word.docx")])
        let errors = result.diagnostics.filter { $0.location.file == "catalogs/decisions/3303.docx" }
        #expect(errors.map { $0.rendered(.en) } == [
            "catalogs/decisions/3303.docx: error: the Word document does not give its effective date (see tthc inspect) and no row of register.csv is about this decision; add a row with listing file = decisions/3303.docx",
        ])
        #expect(errors.map { $0.rendered(.vi) } == [
            "catalogs/decisions/3303.docx: error: văn bản Word không ghi ngày hiệu lực (xem tthc inspect) và không có dòng nào trong register.csv cho quyết định này; hãy thêm một dòng với Tệp danh mục = decisions/3303.docx",
        ])
        #expect(result.value?.unreadListings.map(\.file).sorted() == ["catalogs/decisions/3303.docx", "catalogs/decisions/a.csv"])

        let completed = try load(["register.csv": Self.registerHeader + "3303/QĐ-BTP,Bộ Tư pháp,19/11/2025,01/12/2025,,,decisions/3303.docx\n"],
                                 copies: ["decisions/3303.docx": Self.corpus("bo-tu-phap-2025-3303-qd-btp.word.docx")])
        #expect(completed.diagnostics.isEmpty)
        #expect(completed.value?.decisions.first?.effective == CivilDate(year: 2025, month: 12, day: 1))
        #expect(completed.value?.decisions.first?.changes.count == 5)
    }

    /// An Excel listing is a table: its register row gives the decision.
    @Test func excelListingTakesItsRegisterRow() throws {
        let unregistered = try load([:], copies: ["decisions/378.xlsx": Self.corpus("ha-giang-2022-378-QD-UBND.excel.xlsx")])
        #expect(unregistered.diagnostics.map { $0.rendered(.en) } == [
            "catalogs/decisions/378.xlsx: error: no row of register.csv names this file in its \"listing file\" column; an Excel listing takes its decision number, issuer and dates from the register, so add a row with listing file = decisions/378.xlsx",
        ])
        let result = try load(["register.csv": Self.registerHeader + "378/QĐ-UBND,UBND tỉnh Hà Giang,18/03/2022,18/03/2022,,,378.xlsx\n"],
                              copies: ["decisions/378.xlsx": Self.corpus("ha-giang-2022-378-QD-UBND.excel.xlsx")])
        #expect(result.diagnostics.isEmpty)
        let decision = try #require(result.value?.decisions.first)
        #expect(decision.number == "378/QĐ-UBND")
        let expected = try String(contentsOf: Self.corpus("ha-giang-2022-378-QD-UBND.excel.expected.tsv"), encoding: .utf8)
        #expect(decision.changes.count == expected.split(separator: "\n").count - 1)
    }

    /// Old binary and OpenDocument files are not read; the warning says how to save them.
    @Test func oldAndOpenDocumentFilesSayHowToSaveThem() throws {
        let result = try load(["decisions/a.doc": "x", "decisions/b.xls": "x", "local/c.ods": "x", "local/d.pdf": "x", "local/e.docx": "x"], copies: [:])
        #expect(result.diagnostics.map { $0.rendered(.en) } == [
            "catalogs: warning: the catalogue directory holds no decision (decisions/) and no procedure (local/): there is nothing to reconcile or check",
            "catalogs/decisions/a.doc: warning: .doc files are not read; open the file in Word or LibreOffice and save it as .docx (File › Save As › Word Document)",
            "catalogs/decisions/b.xls: warning: .xls files are not read; open the file in Excel or LibreOffice and save it as .xlsx (File › Save As › Excel Workbook)",
            "catalogs/local/c.ods: warning: .ods files are not read; open the file in Excel or LibreOffice and save it as .xlsx (File › Save As › Excel Workbook)",
            "catalogs/local/d.pdf: warning: the local catalogue (local/) is read from .csv, .xlsx or .xml files only; copy the table into Excel and save it as .xlsx",
            "catalogs/local/e.docx: warning: the local catalogue (local/) is read from .csv, .xlsx or .xml files only; copy the Word table into Excel and save it as .xlsx",
        ])
        #expect(result.diagnostics.first { $0.location.file.hasSuffix("a.doc") }?.message.vi == "tệp .doc không được đọc; hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx (File › Save As › Word Document)")
    }

    /// The local catalogue as a workbook: LibreOffice opens the bundled CSV catalogue (dates
    /// become real dates, codes stay text) and saves it as .xlsx; tthc reads the same
    /// entries from both, dates included.
    @Test(.enabled(if: OfficeFixtures.soffice != nil, "soffice (LibreOffice) is not installed"))
    func localCatalogueWorkbook() throws {
        let dir = try OfficeFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalogs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("catalogs/local/skhcn-danh-muc.csv")
        let csvCopy = dir.appendingPathComponent("skhcn.csv")
        try FileManager.default.copyItem(at: catalogs, to: csvCopy)
        // Comma, double quote, UTF-8, from line 1, column 2 (the code) as text, Vietnamese locale.
        let xlsx = try OfficeFixtures.convert(csvCopy, to: "xlsx:Calc MS Excel 2007 XML", filter: "CSV:44,34,76,1,2/2,1066", in: dir)
        let fromCSV = CatalogueCSVReader.read(try InputFile.read(catalogs, displayPath: "skhcn.csv"))
        let fromXLSX = CatalogueXLSXReader.read(try InputFile.read(xlsx, displayPath: "skhcn.xlsx"))
        // The same warning, at the cell's row and column number (B13) rather than the CSV's
        // character column.
        #expect(fromXLSX.diagnostics.map { $0.rendered(.en) } == [
            "skhcn.xlsx:13:2: warning: column \"Mã TTHC\": malformed procedure code \"1.00423\" (expected 1.010696, optionally with a suffix); the entry cannot be matched to a ministry decision",
        ])
        #expect(fromCSV.diagnostics.map(\.message) == fromXLSX.diagnostics.map(\.message))
        let key: (LocalEntry) -> String = { e in
            [e.code?.raw ?? "-", e.content.name, e.publishedOn?.iso ?? "-", e.postedOn?.iso ?? "-", e.validUntil?.iso ?? "-",
             e.content.levels.map(\.rawValue).joined(separator: ","), e.status.rawValue].joined(separator: "|")
        }
        #expect(fromXLSX.value?.entries.map(key) == fromCSV.value?.entries.map(key))
        #expect((fromCSV.value?.entries.count ?? 0) > 5)
    }
}
