import Foundation
import Testing

/// Hostile input end to end: the binary, under a 1 GB address-space limit, gives the exact
/// message at the exact place and exit code 2 (or reads the file correctly).
@Suite struct HostileInputCommandTests {
    static let memoryLimit = "ulimit -v 1000000"

    /// `<tmp>/catalogs` with `files` written in it; returns `<tmp>`.
    func workspace(_ files: [String: [UInt8]]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("catalogs"), withIntermediateDirectories: true)
        for (path, bytes) in files {
            let url = root.appendingPathComponent("catalogs").appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return root
    }

    @Test func fiftyMegabyteTextNodeInAListing() throws {
        var xml = Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <decision xmlns="urn:tthc:decision:1" number="9/QĐ-BKHCN" issuer="Bộ" issued="2026-11-02" effective="2026-12-01">
        <procedure code="1.000001" change="new"><name>
        """.utf8)
        xml += [UInt8](repeating: 0x61, count: 50_000_000)
        xml += Array("</name><levels><level>province</level></levels></procedure></decision>\n".utf8)
        let root = try workspace(["decisions/big.xml": xml])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try runTTHCLimited(Self.memoryLimit, ["validate", "--lang", "en"], currentDirectory: root)
        #expect(r.exitCode == 2)
        #expect(r.stderr == """
            catalogs/decisions/big.xml:3:10000233: error: a text longer than 10,000,000 bytes: libxml2 does not read text that long (was a whole file pasted into one element?)
            catalogs: 1 error, 0 warnings

            """)
    }

    /// A 10 MB cell (a whole file pasted into one) is refused at the cell; before, it was
    /// read, and a cell of marks in the wrong order took minutes to normalise.
    @Test func tenMegabyteCellInTheLocalCatalogue() throws {
        let name = String(repeating: "Thủ tục ", count: 1_250_000)  // 10 MB
        let csv = "Mã TTHC,Tên thủ tục hành chính\n1.000001.000.00.00.H31,\"" + name + "\"\n1.00001,B\n"
        let root = try workspace(["local/a.csv": Array(csv.utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try runTTHCLimited(Self.memoryLimit, ["validate", "--lang", "en"], currentDirectory: root)
        #expect(r.exitCode == 2)
        #expect(r.stderr == """
            catalogs/local/a.csv:2:24: error: a cell longer than 1,048,576 bytes (1 MiB), where real annex cells hold a few thousand (was a whole file pasted into one cell?); not read further
            catalogs: 1 error, 0 warnings

            """)
    }

    /// 10,000,000 tiny rows took 6.3 GB; the catalogue stops at its 100,001st row, in
    /// memory bounded by the file, with the place.
    @Test func tooManyRowsInTheLocalCatalogue() throws {
        var csv = Array("Mã TTHC,Tên thủ tục hành chính\n".utf8)
        for _ in 0..<100_010 { csv += Array("1.000001,A\n".utf8) }
        let root = try workspace(["local/a.csv": csv])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try runTTHCLimited(Self.memoryLimit, ["validate", "--lang", "en"], currentDirectory: root)
        #expect(r.exitCode == 2)
        #expect(r.stderr == """
            catalogs/local/a.csv:100001:1: error: more than 100,000 rows in one file, where real annexes and catalogues have a few thousand; not read further (split the file)
            catalogs: 1 error, 0 warnings

            """)
    }

    @Test func fifoWhereTheRegisterShouldBe() throws {
        let root = try workspace([:])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(mkfifo(root.appendingPathComponent("catalogs/register.csv").path, 0o644) == 0)
        let r = try runTTHCLimited(Self.memoryLimit, ["validate", "--lang", "en"], currentDirectory: root)
        #expect(r.exitCode == 2)
        #expect(r.stderr == """
            catalogs/register.csv: error: expected a regular file but found a special file (FIFO, socket or device); not read
            catalogs: 1 error, 0 warnings

            """)
    }

    @Test(arguments: ["register.csv", "settings.yaml", "holidays/overrides.yaml"])
    func directoryWhereAFileShouldBe(_ name: String) throws {
        let root = try workspace([:])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("catalogs/" + name), withIntermediateDirectories: true)
        let r = try runTTHCLimited(Self.memoryLimit, ["reconcile", "--as-of", "2026-11-20"], currentDirectory: root)
        #expect(r.exitCode == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "catalogs/\(name): error: cần một tệp nhưng đây là thư mục\n")
    }

    @Test func emptyRegister() throws {
        let root = try workspace(["register.csv": []])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try runTTHCLimited(Self.memoryLimit, ["validate"], currentDirectory: root)
        #expect(r.exitCode == 2)
        #expect(r.stderr == "catalogs/register.csv:1:1: error: tệp rỗng: không có dòng tiêu đề và không có dữ liệu\ncatalogs: 1 lỗi, 0 cảnh báo\n")
    }

    @Test(arguments: [
        ("/dev/zero", "/dev/zero: error: expected a regular file but found a special file (FIFO, socket or device); not read\n"),
        ("no-such-overrides.yaml", "no-such-overrides.yaml: error: no such file\n"),
        ("/tmp", "/tmp: error: expected a file but found a directory\n"),
    ])
    func holidayFileThatIsNotAFile(_ path: String, _ message: String) throws {
        let r = try runTTHCLimited(Self.memoryLimit, ["calendar", "add", "20/11/2026", "3", "--holidays", path, "--lang", "en"],
                                   currentDirectory: FileManager.default.temporaryDirectory)
        #expect(r.exitCode == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == message)
    }

    /// An unterminated quote at the end of the file, end to end (the library cases are in
    /// MalformedInputTests). In the last column the row is otherwise whole; in the first
    /// column the quote swallows the rest of the row, and the cells it swallowed are
    /// reported missing too, at the start of the row.
    @Test func unterminatedQuoteAtTheEndOfTheRegister() throws {
        let header = "Số quyết định,Cơ quan ban hành,Ngày ban hành,Ngày hiệu lực\n"
        let root = try workspace(["register.csv": Array((header + "1/QĐ,X,01/01/2026,\"02/01/2026\n").utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try runTTHCLimited(Self.memoryLimit, ["validate"], currentDirectory: root)
        #expect(r.exitCode == 2)
        #expect(r.stderr == "catalogs/register.csv:2:19: error: dấu ngoặc kép mở ở đây không được đóng trước khi hết tệp\ncatalogs: 1 lỗi, 0 cảnh báo\n")

        try Data((header + "\"1/QĐ,X,01/01/2026,02/01/2026\n").utf8).write(to: root.appendingPathComponent("catalogs/register.csv"))
        let first = try runTTHCLimited(Self.memoryLimit, ["validate", "--lang", "en"], currentDirectory: root)
        #expect(first.exitCode == 2)
        #expect(first.stderr == """
            catalogs/register.csv:2:1: error: the quote opened here is not closed before the end of the file
            catalogs/register.csv:2:1: error: column "Cơ quan ban hành": required cell is empty
            catalogs/register.csv:2:1: error: column "Ngày ban hành": required cell is empty
            catalogs/register.csv:2:1: error: column "Ngày hiệu lực": required cell is empty
            catalogs: 4 errors, 0 warnings

            """)
    }
}
