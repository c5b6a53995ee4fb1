import Foundation
import Testing
@testable import TTHCKit

/// `tthc draft` and `tthc reconcile --format xlsx`, run as a user runs them.
@Suite struct DraftCommandTests {
    static let asOf = ["--as-of", "2026-11-20"]

    /// The library's draft of the bundled catalogue, read as the command reads it.
    func libraryDraft(_ selection: PublicationDraft.Selection, in dir: URL) throws -> [UInt8] {
        let reading = CataloguePipeline.read(dir.appendingPathComponent("catalogs"), displayPath: "catalogs")
        let p = try #require(reading.pipeline)
        let r = p.reconcile(asOf: CivilDate(year: 2026, month: 11, day: 20)!)
        return try PublicationDraft.make(selection, reconciliation: r, decisions: p.input.decisions,
                                         register: p.input.register, settings: p.input.settings).docx()
    }

    @Test func allPendingWritesTheDraftAndSaysWhatItHolds() throws {
        try withCatalogueCopy { dir in
            let r = try runTTHC(["draft", "--all-pending", "--output", "du-thao.docx"] + Self.asOf, currentDirectory: dir)
            #expect(r.exitCode == 0)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr == bundledCatalogueWarnings
                    + "du-thao.docx: dự thảo quyết định công bố 5 thủ tục theo quyết định 1520/QĐ-BKHCN, 2105/QĐ-BKHCN, 2290/QĐ-BKHCN, 2301/QĐ-BKHCN\n")
            let written = try bytes(of: dir.appendingPathComponent("du-thao.docx"))
            #expect(Array(written.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
            #expect(written == (try libraryDraft(.allPending, in: dir)))
            // Same inputs, same bytes.
            let again = try runTTHC(["draft", "--all-pending", "--output", "again.docx"] + Self.asOf, currentDirectory: dir)
            #expect(again.exitCode == 0)
            #expect(try bytes(of: dir.appendingPathComponent("again.docx")) == written)
        }
    }

    @Test func oneDecisionSaysHowManyAreAlreadyPublished() throws {
        try withCatalogueCopy { dir in
            let r = try runTTHC(["draft", "--decision", "2105/QĐ-BKHCN", "-o", "d.docx", "--lang", "en"] + Self.asOf, currentDirectory: dir)
            #expect(r.exitCode == 0)
            #expect(r.stderr.hasSuffix("\nd.docx: draft decision publishing 4 procedures of 2105/QĐ-BKHCN; the province has already published 3 of them\n"))
            #expect(try bytes(of: dir.appendingPathComponent("d.docx")) == (try libraryDraft(.decision("2105/QĐ-BKHCN"), in: dir)))
        }
    }

    @Test(arguments: [
        (["draft", "-o", "d.docx"], "--decision: error: cần đúng một trong hai: --decision SỐ hoặc --all-pending\n"),
        (["draft", "--decision", "2105/QĐ-BKHCN", "--all-pending", "-o", "d.docx"],
         "--decision: error: cần đúng một trong hai: --decision SỐ hoặc --all-pending\n"),
        (["draft", "--decision", "9999/QĐ-BKHCN", "-o", "d.docx"], bundledCatalogueWarnings
            + "--decision: error: không có quyết định \"9999/QĐ-BKHCN\" trong danh mục; các quyết định có: 1520/QĐ-BKHCN, 2105/QĐ-BKHCN, 2290/QĐ-BKHCN, 2301/QĐ-BKHCN\n"),
    ])
    func aWrongSelectionIsBadInputAndWritesNothing(arguments: [String], stderr: String) throws {
        try withCatalogueCopy { dir in
            let existing = dir.appendingPathComponent("d.docx")
            try Data("the desk's own draft".utf8).write(to: existing)
            let r = try runTTHC(arguments + Self.asOf, currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr == stderr)
            #expect(try String(contentsOf: existing, encoding: .utf8) == "the desk's own draft")
        }
    }

    @Test func nothingPendingIsSaid() throws {
        try withCatalogueCopy { dir in
            // On 01/09/2026 no decision of the sample had been issued: nothing waits.
            let r = try runTTHC(["draft", "--all-pending", "-o", "d.docx", "--as-of", "2026-09-01", "--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr.hasSuffix("--all-pending: error: no change in scope is waiting to be published (as of 01/09/2026)\n"))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("d.docx").path))
        }
    }

    /// `--online-review FILE.xlsx` writes the listing as a workbook, with the report, as
    /// one set; its cells are the CSV listing's.
    @Test func theOnlineReviewListingAsAWorkbook() throws {
        try withCatalogueCopy { dir in
            let r = try runTTHC(["reconcile", "--format", "json", "--output", "r.json", "--online-review", "ra-soat.xlsx"] + Self.asOf,
                                currentDirectory: dir)
            #expect(r.exitCode == 0)
            let written = try bytes(of: dir.appendingPathComponent("ra-soat.xlsx"))
            let reading = CataloguePipeline.read(dir.appendingPathComponent("catalogs"), displayPath: "catalogs", allowingUnreadListings: true)
            let reconciliation = try #require(reading.pipeline).reconcile(asOf: CivilDate(year: 2026, month: 11, day: 20)!)
            #expect(written == OnlineReviewListing().workbook(reconciliation, language: .vi))
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.json").path))
            let book = try XLSXWorkbook(InputFile(displayPath: "ra-soat.xlsx", bytes: written))
            var rows: [[String]] = []
            _ = book.source(book.sheets[0]).forEachRow { row in rows.append(row.cells.map(\.text)) }
            let records = OnlineReviewListing().records(reconciliation, language: .vi)
            // A row ends at its last cell with a value.
            #expect(rows == records.map { record in
                var cells = record
                while cells.last == "" { cells.removeLast() }
                return cells
            })
            #expect(rows.contains { $0.count > 1 && $0[1].hasPrefix("1.011731") && $0[6] == "raise" })
        }
    }

    @Test func theWorkbookIsTheLibrarysAndDeterministic() throws {
        try withCatalogueCopy { dir in
            let r = try runTTHC(["reconcile", "--format", "xlsx", "--output", "r.xlsx"] + Self.asOf, currentDirectory: dir)
            #expect(r.exitCode == 0)
            #expect(r.stderr.hasSuffix("r.xlsx: 12 thay đổi, 2 quá hạn, 2 đang chờ, 2 hết hiệu lực\n"))
            let written = try bytes(of: dir.appendingPathComponent("r.xlsx"))
            let reading = CataloguePipeline.read(dir.appendingPathComponent("catalogs"), displayPath: "catalogs", allowingUnreadListings: true)
            let reconciliation = try #require(reading.pipeline).reconcile(asOf: CivilDate(year: 2026, month: 11, day: 20)!)
            #expect(written == ReportFormat.xlsx.renderer().render(reconciliation, language: .vi))
            let again = try runTTHC(["reconcile", "--format", "xlsx", "--output", "again.xlsx"] + Self.asOf, currentDirectory: dir)
            #expect(again.exitCode == 0)
            #expect(try bytes(of: dir.appendingPathComponent("again.xlsx")) == written)
        }
    }
}
