import Foundation
import Testing

/// Real annexes end to end: one dropped into the bundled catalogue appears in the weekly
/// report; one that cannot be read is named at the report's top while every other
/// decision is still reported; `tthc inspect` shows what a file was read as.
@Suite struct RealAnnexCommandTests {
    static let corpus = TestPaths.repository.appendingPathComponent("Tests/Corpus/annexes")

    /// Adds a listing and its register row to the copied catalogue.
    func add(_ listing: [UInt8], as name: String, register row: String, in dir: URL) throws {
        try Data(listing).write(to: dir.appendingPathComponent("catalogs/decisions/\(name)"))
        let register = dir.appendingPathComponent("catalogs/register.csv")
        let text = try String(contentsOf: register, encoding: .utf8)
        try Data((text + row + "\n").utf8).write(to: register)
    }

    @Test func anUnreadableListingIsNamedFirstAndTheRestIsReported() throws {
        try withCatalogueCopy { dir in
            // Windows-1258 bytes in a listing: it cannot be read at all.
            try add(Array("STT,M".utf8) + [0xE3] + Array(" TTHC,Tên\n".utf8), as: "2400-QD-BKHCN.csv",
                    register: "2400/QĐ-BKHCN,Bộ Khoa học và Công nghệ,13/11/2026,01/12/2026,18/11/2026,19/11/2026,4710,decisions/2400-QD-BKHCN.csv",
                    in: dir)
            let r = try runTTHC(["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            let error = "catalogs/decisions/2400-QD-BKHCN.csv:1:6: error: the file is not UTF-8 (byte 0xE3); "
            #expect(r.stderr.contains(error))
            // The report is written, its first section names the listing, and the other
            // decisions are all there.
            let first = try #require(r.stdout.range(of: "1. Listings that could not be read"))
            let summary = try #require(r.stdout.range(of: "2. Summary"))
            #expect(first.upperBound < summary.lowerBound)
            #expect(r.stdout[first.upperBound..<summary.lowerBound].contains("catalogs/decisions/2400-QD-BKHCN.csv"))
            for decision in ["1520/QĐ-BKHCN", "2105/QĐ-BKHCN", "2290/QĐ-BKHCN"] { #expect(r.stdout.contains(decision)) }

            // JSON says the same, and check / remind still stop before writing anything.
            let json = try runTTHC(["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--format", "json"], currentDirectory: dir)
            #expect(json.exitCode == 2)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let unread = try #require(object["unreadListings"] as? [[String: Any]])
            #expect(unread.map { $0["file"] as? String } == ["catalogs/decisions/2400-QD-BKHCN.csv"])
            let check = try runTTHC(["check", "--catalogs", "catalogs", "--as-of", "2026-11-20"], currentDirectory: dir)
            #expect(check.exitCode == 2)
            #expect(check.stdout == "")
        }
    }

    @Test func aRealAnnexInTheCatalogueAppearsInTheReport() throws {
        try withCatalogueCopy { dir in
            // Bắc Ninh's annex: two tables (amended, abolished), a level section in the code
            // column, a code broken by a space.
            let annex = try bytes(of: Self.corpus.appendingPathComponent("bac-ninh-2025-1486-QD-UBND.csv"))
            try add(annex, as: "1486-QD-UBND.csv",
                    register: "1486/QĐ-UBND,UBND tỉnh Bắc Ninh,17/11/2026,20/11/2026,,18/11/2026,4800,decisions/1486-QD-UBND.csv",
                    in: dir)
            let r = try runTTHC(["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--format", "csv", "--lang", "en"],
                                currentDirectory: dir)
            #expect(r.exitCode == 0)
            let rows = r.stdout.split(separator: "\r\n").filter { $0.contains("1486/QĐ-UBND") }
            #expect(rows.count == 4)
            for code in ["1.012507.H05", "1.012508.H05", "1.012509.H05", "1.012510.H05"] {
                #expect(rows.contains { $0.contains("," + code + ",") }, "\(code) is not in the report")
            }
            #expect(rows.filter { $0.contains(",abolished,") || $0.contains(",Abolished,") || $0.contains("abolished") }.count >= 3)
        }
    }

    @Test func inspectShowsWhereEachValueCameFrom() throws {
        let file = "Tests/Corpus/annexes/bac-ninh-2025-1486-QD-UBND.csv"
        let r = try runTTHC(["inspect", file, "--lang", "en"], currentDirectory: TestPaths.repository)
        #expect(r.exitCode == 0)
        #expect(r.stdout.hasPrefix("\(file): 4 procedures, 2 tables, 0 rows not read\n"))
        #expect(r.stdout.contains("""
            1. 1.012507.H05 – Cấp chứng chỉ nghiệp vụ chuyên môn về đấu thầu  [6]
               code: 1.012507.H05  ← column "Mã TTHC" (6:4)
               change: amended  ← title at line 3: "1. Danh mục thủ tục hành chính được sửa đổi, bổ sung"
               levels: province  ← section row at line 5: "CẤP TỈNH"
            """))
        #expect(r.stdout.contains("change: abolished  ← title at line 12: \"2. Danh mục thủ tục hành chính bị bãi bỏ\""))

        let tsv = try runTTHC(["inspect", file, "--format", "tsv"], currentDirectory: TestPaths.repository)
        #expect(tsv.stdout == String(decoding: try bytes(of: Self.corpus.appendingPathComponent("bac-ninh-2025-1486-QD-UBND.expected.tsv")), as: UTF8.self)
            .replacingOccurrences(of: "\u{FEFF}", with: ""))
    }

    @Test func inspectOnAFileThatCannotBeReadExitsTwoWithTheReason() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("PHỤ LỤC\nSTT,Mã TTHC,Lĩnh vực\n1,1.000001,Hộ tịch\n".utf8).write(to: dir.appendingPathComponent("a.csv"))
        let r = try runTTHC(["inspect", "a.csv", "--lang", "en", "--format", "tsv"], currentDirectory: dir)
        #expect(r.exitCode == 2)
        #expect(r.stdout == "code\tchange\tlevels\treplaces\tname\n")
        #expect(r.stderr == "a.csv:2:1: error: this header row has no procedure-name column (accepted headers: \"Tên thủ tục hành chính\", \"Tên TTHC\", \"Tên thủ tục\", \"Tên\", \"name\")\n")
    }
}
