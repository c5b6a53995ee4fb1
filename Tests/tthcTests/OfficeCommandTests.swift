import Foundation
import Testing

/// `tthc inspect` and `tthc validate` on Word and Excel files, as a clerk runs them.
@Suite struct OfficeCommandTests {
    static let corpus = TestPaths.repository.appendingPathComponent("Tests/Corpus/office")
    /// The shared real documents beside the repository, read in place.
    static let shared = TestPaths.repository.deletingLastPathComponent().appendingPathComponent("shared/real-documents")

    /// For a Word decision, inspect shows the number, issuer and dates it found, where and
    /// the text there, as for a web page or a PDF; then the annex as for any listing.
    @Test func inspectAWordDecision() throws {
        let path = Self.corpus.appendingPathComponent("bo-tai-chinh-2025-4014-qd-btc.word.docx").path
        let r = try runTTHC(["inspect", "bo-tai-chinh-2025-4014-qd-btc.word.docx", "--lang", "en"], currentDirectory: Self.corpus)
        #expect(r.exitCode == 0)
        #expect(r.stdout.hasPrefix("""
            bo-tai-chinh-2025-4014-qd-btc.word.docx: 1 procedure, 1 table, 0 rows not read
            The decision (read from the document):
              number: 4014/QĐ-BTC  ← bo-tai-chinh-2025-4014-qd-btc.word.docx:2:1: "Số: 4014/QĐ-BTC"
              issuer: BỘ TÀI CHÍNH  ← bo-tai-chinh-2025-4014-qd-btc.word.docx:2:1
              place: Hà Nội  ← bo-tai-chinh-2025-4014-qd-btc.word.docx:2:2: "Hà Nội, ngày 01 tháng 12 năm 2025"
              issued: 2025-12-01  ← bo-tai-chinh-2025-4014-qd-btc.word.docx:2:2: "Hà Nội, ngày 01 tháng 12 năm 2025"
              effective: 2026-01-01  ← bo-tai-chinh-2025-4014-qd-btc.word.docx:9:1: "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 01/01/2026."
              title: Về việc công bố thủ tục hành chính bị bãi bỏ trong lĩnh vực kế toán, kiểm toán thuộc phạm vi chức năng quản lý của Bộ Tài chính  ← bo-tai-chinh-2025-4014-qd-btc.word.docx:4:1
            Title: BỘ TÀI CHÍNH
            """))
        let tsv = try runTTHC(["inspect", path, "--format", "tsv"])
        let expected = try String(contentsOf: Self.corpus.appendingPathComponent("bo-tai-chinh-2025-4014-qd-btc.word.expected.tsv"), encoding: .utf8)
        #expect(tsv.stdout == expected)
    }

    @Test func inspectAPortalExport() throws {
        let r = try runTTHC(["inspect", Self.shared.appendingPathComponent("dvcqg-danh-sach-tthc-ToaAnNhanDan.xlsx").path, "--lang", "en"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("A full snapshot (of the national database): 3 procedures in force, no change announced."))
    }

    /// Old binary files get a clear message and exit 2; so does a hostile container.
    @Test func inspectRefusesOldFormatsAndBrokenFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-office-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).write(to: dir.appendingPathComponent("qd.doc"))
        let doc = try runTTHC(["inspect", "qd.doc"], currentDirectory: dir)
        #expect(doc.exitCode == 2)
        #expect(doc.stderr == "qd.doc: error: tệp .doc không được đọc; hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx (File › Save As › Word Document)\n")
        try Data("not a zip".utf8).write(to: dir.appendingPathComponent("qd.docx"))
        let fake = try runTTHC(["inspect", "qd.docx", "--lang", "en", "--format", "tsv"], currentDirectory: dir)
        #expect(fake.exitCode == 2)
        #expect(fake.stderr == "qd.docx: error: the file is not a Word (.docx) or Excel (.xlsx) file (not an Office ZIP package)\n")
    }

    /// The real delegation draft: inspect says it is no publication decision, exit 0, and
    /// that its number and day are left blank.
    @Test func inspectTheDelegationDraft() throws {
        let name = "laocai-1883-QD-UBND-2025-du-thao-QD-uy-quyen-VLNCN.docx"
        let r = try runTTHC(["inspect", name], currentDirectory: Self.shared)
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("""
            Không phải quyết định công bố TTHC: danh mục ủy quyền giải quyết.
            Quyết định (đọc từ văn bản):
              số: để trống  ← \(name):3:1
            """))
        #expect(r.stdout.contains("  ngày ban hành: để trống  ← \(name):3:3\n  ngày hiệu lực: không tìm thấy\n"))
    }
}
