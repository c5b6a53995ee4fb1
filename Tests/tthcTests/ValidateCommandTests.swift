import Foundation
import Testing

/// `tthc validate` run as a user would, on catalogue directories written for each test.
@Suite struct ValidateCommandTests {
    /// Writes `files` under `<tmp>/catalogs` and returns `<tmp>`.
    func workspace(_ files: [String: [UInt8]]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-validate-\(UUID().uuidString)")
        for (path, bytes) in files {
            let url = root.appendingPathComponent("catalogs").appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return root
    }

    let register = Array("Số quyết định,Cơ quan ban hành,Ngày ban hành,Ngày hiệu lực,Tệp danh mục\n2105/QĐ-BKHCN,Bộ KH&CN,02/11/2026,01/12/2026,decisions/2105.csv\n".utf8)
    let listing = "STT;Mã TTHC;Tên thủ tục hành chính\r\n1. Danh mục thủ tục hành chính mới ban hành;;\r\n1;1.000001;Thủ tục A\r\n"

    @Test func cleanDirectoryExitsZero() throws {
        let root = try workspace(["register.csv": register, "decisions/2105.csv": [0xEF, 0xBB, 0xBF] + Array(listing.utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try runTTHC(["validate"], currentDirectory: root)
        #expect(r.exitCode == 0)
        #expect(r.stdout == "")
        #expect(r.stderr == "catalogs: 0 lỗi, 0 cảnh báo\n")
    }

    /// The holiday override file is part of the catalogue: a broken one is an error for
    /// `validate` as for every other command (it used to pass unread).
    @Test func aBrokenOverrideFileFailsValidate() throws {
        let root = try workspace([
            "register.csv": register, "decisions/2105.csv": Array(listing.utf8),
            "holidays/overrides.yaml": Array("format: 1\nadd:\n  - date: 2026-02-31\n    kind: holiday\n    name: Nghỉ\n".utf8),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let validate = try runTTHC(["validate", "--lang", "en"], currentDirectory: root)
        let reconcile = try runTTHC(["reconcile", "--lang", "en", "--as-of", "2026-11-20"], currentDirectory: root)
        #expect(validate.exitCode == 2)
        #expect(reconcile.exitCode == 2)
        let problem = try #require(reconcile.stderr.split(separator: "\n").first.map(String.init))
        #expect(problem.hasPrefix("catalogs/holidays/overrides.yaml:3:"))
        #expect(validate.stderr == problem + "\ncatalogs: 1 error, 0 warnings\n")
    }

    @Test func warningsAloneExitZero() throws {
        let root = try workspace([
            "register.csv": register, "decisions/2105.csv": Array(listing.utf8),
            "settings.yaml": Array("province: Tỉnh Hưng Yên\n".utf8),
            "local/c.csv": Array("STT,Mã TTHC,Tên thủ tục\n1,1.00423,Thủ tục A\n".utf8),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try runTTHC(["validate", "--lang", "en"], currentDirectory: root)
        #expect(r.exitCode == 0)
        #expect(r.stderr == """
            catalogs/local/c.csv:2:3: warning: column "Mã TTHC": malformed procedure code "1.00423" (expected 1.010696, optionally with a suffix); the entry cannot be matched to a ministry decision
            catalogs: 0 errors, 1 warning

            """)
    }

    @Test func legacyEncodingAndUnregisteredListingExitTwo() throws {
        // "Mã" in Windows-1258 is 4D E3.
        let legacy: [UInt8] = Array("STT,M".utf8) + [0xE3] + Array(" TTHC,Tên thủ tục hành chính\n".utf8)
        let root = try workspace([
            "register.csv": register, "decisions/2105.csv": Array(listing.utf8), "decisions/2200.csv": legacy,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let vi = try runTTHC(["validate"], currentDirectory: root)
        #expect(vi.exitCode == 2)
        #expect(vi.stdout == "")
        #expect(vi.stderr == """
            catalogs/decisions/2200.csv: error: không có dòng nào trong register.csv ghi tệp này ở cột "Tệp danh mục"; danh mục CSV lấy số quyết định, cơ quan ban hành và các ngày từ sổ theo dõi, hãy thêm một dòng với Tệp danh mục = decisions/2200.csv
            catalogs/decisions/2200.csv:1:6: error: tệp không phải UTF-8 (byte 0xE3); có lẽ tệp được lưu bằng bảng mã cũ (Windows-1258, TCVN3, VNI). Hãy lưu lại dạng CSV UTF-8: trong Excel chọn File › Save As › CSV UTF-8 (Comma delimited); trong LibreOffice chọn bộ ký tự Unicode (UTF-8)
            catalogs: 2 lỗi, 0 cảnh báo

            """)
        let en = try runTTHC(["validate", "--catalogs", "catalogs", "--lang", "en"], currentDirectory: root)
        #expect(en.exitCode == 2)
        #expect(en.stderr.hasPrefix("catalogs/decisions/2200.csv: error: no row of register.csv names this file"))
        #expect(en.stderr.hasSuffix("catalogs: 2 errors, 0 warnings\n"))
    }

    @Test func unterminatedQuoteExitsTwo() throws {
        let root = try workspace([
            "register.csv": register,
            "decisions/2105.csv": Array((listing + "2;1.000002;\"Thủ tục B\r\n").utf8),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try runTTHC(["validate", "--lang", "en"], currentDirectory: root)
        #expect(r.exitCode == 2)
        #expect(r.stderr == """
            catalogs/decisions/2105.csv:4:12: error: the quote opened here is not closed before the end of the file
            catalogs: 1 error, 0 warnings

            """)
    }

    @Test func missingCatalogueDirectoryExitsTwo() throws {
        let r = try runTTHC(["validate", "--catalogs", "no-such-dir", "--lang", "en"], currentDirectory: FileManager.default.temporaryDirectory)
        #expect(r.exitCode == 2)
        #expect(r.stderr == "no-such-dir: error: no such catalogue directory (use --catalogs to point at it)\nno-such-dir: 1 error, 0 warnings\n")
    }
}
