import Foundation
import Testing

/// `tthc reconcile` run as a user runs it, on the bundled catalogue.
@Suite struct ReconcileCommandTests {
    static let asOf = "2026-11-20"

    @Test(arguments: [
        ("text", "vi", "reconcile-2026-11-20.vi.txt"), ("text", "en", "reconcile-2026-11-20.en.txt"),
        ("markdown", "vi", "reconcile-2026-11-20.vi.md"), ("markdown", "en", "reconcile-2026-11-20.en.md"),
        ("html", "vi", "reconcile-2026-11-20.vi.html"), ("html", "en", "reconcile-2026-11-20.en.html"),
        ("csv", "vi", "reconcile-2026-11-20.vi.csv"), ("csv", "en", "reconcile-2026-11-20.en.csv"),
        ("json", "vi", "reconcile-2026-11-20.json"),
    ])
    func everyFormatInBothLanguagesMatchesItsGoldenFile(format: String, lang: String, golden: String) throws {
        let r = try runTTHC(["reconcile", "--catalogs", "catalogs", "--as-of", Self.asOf, "--format", format, "--lang", lang])
        #expect(r.exitCode == 0)
        try expectGoldenBytes(Array(r.stdout.utf8), golden)
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let args = ["reconcile", "--catalogs", "catalogs", "--as-of", Self.asOf, "--format", "json"]
        let first = try runTTHC(args), second = try runTTHC(args)
        #expect(first.stdout == second.stdout)
        #expect(!first.stdout.isEmpty)
    }

    @Test func theBundledCatalogueShowsEveryStatus() throws {
        let r = try runTTHC(["reconcile", "--catalogs", "catalogs", "--as-of", Self.asOf, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let changes = try #require(json["changes"] as? [[String: Any]])
        let kinds = Set(changes.compactMap { ($0["status"] as? [String: Any])?["kind"] as? String })
        #expect(kinds == ["on-time", "late", "pending", "overdue", "cannot-compute", "not-applicable"])
        #expect((json["expired"] as? [Any])?.count == 2)
        // The processing time and the online-service level of 1.011731, the fee of 1.005105.
        #expect((json["differences"] as? [Any])?.count == 3)
        // The three asks of the provinces' letters.
        let completeness = try #require(json["completeness"] as? [String: Any])
        #expect((completeness["incomplete"] as? [[String: Any]])?.map { $0["missing"] as? [String] ?? [] }
                    == [["online-service"], ["fees", "legal-basis"], ["online-service"]])
        let review = try #require(json["onlineReview"] as? [[String: Any]])
        #expect(review.filter { $0["proposal"] as? String == "raise" }.map { [$0["code"] as? String, $0["proposed"] as? String] }
                    == [["1.011731.000.00.00.H31", "full"]])
        let duties = try #require(json["reportingDuties"] as? [[String: Any]])
        #expect(duties.map { [$0["named"] as? String, $0["due"] as? String] } == [["2026-11-30", "2026-11-27"], ["2026-12-20", "2026-12-18"]])
    }

    /// The listing the departments fill in, beside the report; bad input writes neither.
    @Test(arguments: ["vi", "en"])
    func onlineReviewListingGolden(language: String) throws {
        try withCatalogueCopy { dir in
            let r = try runTTHC(["reconcile", "--as-of", Self.asOf, "--format", "json", "--online-review", "review.csv",
                                 "--lang", language], currentDirectory: dir)
            #expect(r.exitCode == 0)
            try expectGoldenBytes(try bytes(of: dir.appendingPathComponent("review.csv")), "online-review-2026-11-20.\(language).csv")
            try edit(dir.appendingPathComponent("catalogs/settings.yaml"), replacing: "day-of-month: 20", with: "day-of-month: 32")
            try FileManager.default.removeItem(at: dir.appendingPathComponent("review.csv"))
            let bad = try runTTHC(["reconcile", "--as-of", Self.asOf, "--online-review", "review.csv", "--lang", language],
                                  currentDirectory: dir)
            #expect(bad.exitCode == 2)
            #expect(bad.stderr.contains("catalogs/settings.yaml:23:19: error: \"reports.day-of-month\": "))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("review.csv").path))
        }
    }

    @Test func outputGoesToAFileAtomicallyWithASummaryOnStderr() throws {
        try withCatalogueCopy { dir in
            let out = dir.appendingPathComponent("report.html")
            try Data("old report".utf8).write(to: out)
            let r = try runTTHC(["reconcile", "--as-of", Self.asOf, "--format", "html", "--output", "report.html"],
                                currentDirectory: dir)
            #expect(r.exitCode == 0)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasSuffix("report.html: 12 thay đổi, 2 quá hạn, 2 đang chờ, 2 hết hiệu lực\n"))
            let html = try String(contentsOf: out, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test func badInputWritesNothingAndExitsWithTwo() throws {
        try withCatalogueCopy { dir in
            let local = dir.appendingPathComponent("catalogs/local/skhcn-danh-muc.csv")
            try edit(local, replacing: "05/10/2026", with: "31/02/2026")
            let out = dir.appendingPathComponent("report.csv")
            let r = try runTTHC(["reconcile", "--as-of", Self.asOf, "--format", "csv", "--output", "report.csv", "--lang", "en"],
                                currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("catalogs/local/skhcn-danh-muc.csv:2:"))
            #expect(r.stderr.contains("error:"))
            #expect(r.stderr.contains("\"31/02/2026\""))
            #expect(!FileManager.default.fileExists(atPath: out.path))
        }
    }

    @Test func aBadAsOfDateIsBadInput() throws {
        let r = try runTTHC(["reconcile", "--as-of", "31/02/2026"])
        #expect(r.exitCode == 2)
        #expect(r.stderr == "--as-of: error: ngày không tồn tại \"31/02/2026\"\n")
        let en = try runTTHC(["reconcile", "--as-of", "31/02/2026", "--lang", "en"])
        #expect(en.stderr == "--as-of: error: no such date \"31/02/2026\"\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func colourOnlyWhenAsked() throws {
        let plain = try runTTHC(["reconcile", "--as-of", Self.asOf])
        #expect(!plain.stdout.contains("\u{1B}["))
        let coloured = try runTTHC(["reconcile", "--as-of", Self.asOf, "--color", "always"])
        #expect(coloured.stdout.contains("\u{1B}["))
    }
}
