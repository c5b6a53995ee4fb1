import Foundation
import Testing
@testable import TTHCKit

/// Writes a catalogue directory into a fresh temporary directory.
func makeCatalogue(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-csv-\(UUID().uuidString)")
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    return root
}

private let registerHeader = "Số quyết định,Cơ quan ban hành,Ngày ban hành,Ngày hiệu lực,Ngày nhận,Tệp danh mục\n"
private let listing = "STT,Mã TTHC,Tên thủ tục hành chính\n1. Danh mục thủ tục hành chính mới ban hành\n1,1.000001,Thủ tục A\n"

@Suite struct CatalogueDirectoryTests {
    func rendered(_ files: [String: String], _ language: Language = .en) throws -> [String] {
        let root = try makeCatalogue(files)
        defer { try? FileManager.default.removeItem(at: root) }
        return CatalogueDirectory.load(root, displayPath: "catalogs").diagnostics.map { $0.rendered(language) }
    }

    @Test func listingWithoutRegisterRowIsAnError() throws {
        #expect(try rendered(["decisions/a.csv": listing]) == [
            "catalogs/decisions/a.csv: error: no row of register.csv names this file in its \"listing file\" column; a CSV listing takes its decision number, issuer and dates from the register, so add a row with listing file = decisions/a.csv",
        ])
        #expect(try rendered(["decisions/a.csv": listing], .vi) == [
            "catalogs/decisions/a.csv: error: không có dòng nào trong register.csv ghi tệp này ở cột \"Tệp danh mục\"; danh mục CSV lấy số quyết định, cơ quan ban hành và các ngày từ sổ theo dõi, hãy thêm một dòng với Tệp danh mục = decisions/a.csv",
        ])
    }

    @Test func registerRowForMissingFileIsAnError() throws {
        #expect(try rendered([
            "register.csv": registerHeader + "1/QĐ-BKHCN,Bộ KH&CN,02/11/2026,01/12/2026,,decisions/a.csv\n2/QĐ-BKHCN,Bộ KH&CN,03/11/2026,01/12/2026,,decisions/b.csv\n",
            "decisions/a.csv": listing,
        ]) == [
            "catalogs/register.csv:3:1: error: decision 2/QĐ-BKHCN: the listing file \"decisions/b.csv\" is not in the decisions/ directory",
        ])
    }

    @Test func sameDecisionTwiceIsAnError() throws {
        #expect(try rendered([
            "register.csv": registerHeader + "1/QĐ-BKHCN,Bộ KH&CN,02/11/2026,01/12/2026,,a.csv\n1/qđ-bkhcn,Bộ KH&CN,02/11/2026,01/12/2026,,decisions/b.csv\n",
            "decisions/a.csv": listing,
            "decisions/b.csv": listing,
        ]) == [
            "catalogs/register.csv:3:1: error: decision 1/qđ-bkhcn is already on line 2 of the register",
        ])
    }

    /// Errors in several files are all reported, sorted by file and line.
    @Test func everyFileIsReadAndDiagnosticsAreSorted() throws {
        #expect(try rendered([
            "settings.yaml": "deadline-working-days: -1\n",
            "register.csv": registerHeader + "1/QĐ-BKHCN,Bộ KH&CN,31/04/2026,01/12/2026,,decisions/a.csv\n",
            "decisions/a.csv": listing + "2,1.0000x,Thủ tục B\n",
            "decisions/notes.docx": "",
            "local/x.csv": "Mã TTHC,Tên thủ tục hành chính,Ngày công khai\n1.000001,Thủ tục A,hôm qua\n",
        ]) == [
            // (its register row has an error of its own: no second error says no row names it)
            "catalogs/decisions/a.csv:4:3: warning: column \"Mã TTHC\": malformed procedure code \"1.0000x\": expected 1.010696 (a digit, a dot, six digits), optionally followed by a suffix such as .000.00.00.H56; the procedure is matched by name",
            "catalogs/decisions/notes.docx: error: the file is empty", // Word decisions are read since issue 13
            "catalogs/local/x.csv:2:20: error: column \"Ngày công khai\": invalid date \"hôm qua\": expected dd/mm/yyyy or yyyy-mm-dd",
            "catalogs/register.csv:2:21: error: column \"Ngày ban hành\": no such date \"31/04/2026\"",
            "catalogs/settings.yaml:1:24: error: \"deadline-working-days\": expected a whole number from 1 to 60, found \"-1\"",
        ])
    }

    @Test func missingDirectory() {
        let result = CatalogueDirectory.load(URL(fileURLWithPath: "/nonexistent/tthc"), displayPath: "nowhere")
        #expect(result.value == nil)
        #expect(result.diagnostics.map { $0.rendered(.vi) } == [
            "nowhere: error: không tìm thấy thư mục danh mục (dùng --catalogs để chỉ đường dẫn)",
        ])
    }

    @Test func localFilesAreConcatenatedInNameOrder() throws {
        let root = try makeCatalogue([
            "local/b.csv": "Mã TTHC,Tên thủ tục hành chính\n1.000002,B\n",
            "local/a.csv": "Mã TTHC,Tên thủ tục hành chính\n1.000001,A\n1.000003,C\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let data = try #require(CatalogueDirectory.load(root, displayPath: "c").value)
        #expect(data.catalogue.entries.map(\.content.name) == ["A", "C", "B"])
        #expect(data.settings == Settings())
        #expect(data.decisions.isEmpty)
        #expect(data.holidayOverrides == nil)
    }

    /// An XML listing keeps its own dates; the register fills the ones it leaves out and
    /// a disagreement is a warning; a register row naming the file with another number is
    /// an error.
    @Test func registerCompletesXMLListings() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <decision xmlns="urn:tthc:decision:1" number="1520/QĐ-BKHCN" issuer="Bộ Khoa học và Công nghệ"
                      issued="2026-09-25" effective="2026-10-15" received="2026-10-03" scope="changes">
              <procedure code="1.011730" change="new"><name>Thủ tục A</name><field>An toàn bức xạ</field><levels><level>province</level></levels></procedure>
            </decision>

            """
        let files = [
            "register.csv": registerHeader.replacingOccurrences(of: "Ngày nhận", with: "Ngày cập nhật CSDLQG,Ngày nhận")
                + "1520/QĐ-BKHCN,Bộ KH&CN,25/09/2026,15/10/2026,01/10/2026,02/10/2026,decisions/1520.xml\n"
                + "9/QĐ-BKHCN,Bộ KH&CN,25/09/2026,15/10/2026,,,1520.xml\n",
            "decisions/1520.xml": xml,
        ]
        #expect(try rendered(files) == [
            "catalogs/register.csv:2:1: warning: received date of decision 1520/QĐ-BKHCN: the register says 2026-10-02 but decisions/1520.xml says 2026-10-03; using the file's date",
            "catalogs/register.csv:3:1: error: this row names decision 9/QĐ-BKHCN with the file decisions/1520.xml, but that file is decision 1520/QĐ-BKHCN",
        ])
        let root = try makeCatalogue(files.merging(["register.csv": registerHeader.replacingOccurrences(of: "Ngày nhận", with: "Ngày cập nhật CSDLQG,Ngày nhận")
            + "1520/QĐ-BKHCN,Bộ KH&CN,25/09/2026,15/10/2026,01/10/2026,,decisions/1520.xml\n"]) { $1 })
        defer { try? FileManager.default.removeItem(at: root) }
        let result = CatalogueDirectory.load(root, displayPath: "catalogs")
        #expect(result.diagnostics.isEmpty)
        let decision = try #require(result.value?.decisions.first)
        #expect(decision.nationalDatabase == CivilDate(year: 2026, month: 10, day: 1))
        #expect(decision.received == CivilDate(year: 2026, month: 10, day: 3))
        #expect(decision.changes.map(\.code.raw) == ["1.011730"])
    }
}
