import Foundation
import Testing
import TestSupport

/// `tthc import`: every corpus document (Word, Excel, saved web page, PDF) imported with
/// `--write` into a copy of the catalogue gives the weekly report the same procedures as
/// its CSV transcription does; and every refusal is exact, exits 2 and writes nothing.
@Suite struct ImportCommandTests {
    static let corpus = TestPaths.repository.appendingPathComponent("Tests/Corpus")
    static let shared = TestPaths.repository.deletingLastPathComponent().appendingPathComponent("shared/real-documents")

    /// A corpus file itself, or the shared real document its `.shared` pointer names.
    static func resolve(_ url: URL) -> URL {
        if FileManager.default.fileExists(atPath: url.path) { return url }
        guard let name = try? String(contentsOf: url.appendingPathExtension("shared"), encoding: .utf8) else { return url }
        return shared.appendingPathComponent(name.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    struct Document: CustomTestStringConvertible, Sendable {
        /// `office/x.word.docx`
        var path: String
        var testDescription: String { path }
        var url: URL { ImportCommandTests.resolve(ImportCommandTests.corpus.appendingPathComponent(path)) }
        /// The name without its extension: `office/x.word`.
        var stem: String { String(path[..<path.lastIndex(of: ".")!]) }
        var expected: URL { ImportCommandTests.corpus.appendingPathComponent(stem + ".expected.tsv") }

        /// True when the expected extraction holds no procedure (a document that is no
        /// publication decision).
        var announcesNothing: Bool {
            ((try? String(contentsOf: expected, encoding: .utf8)) ?? "").split(separator: "\n").count <= 1
        }

        /// The CSV transcription of the same annex (`annexes/` or `holdout/`): the corpus
        /// name without the `.word`/`.excel`/`.lo` form, or the one its source note names
        /// with a line `Transcription: holdout/x.csv`.
        var transcription: URL? {
            let note = (try? String(contentsOf: ImportCommandTests.corpus.appendingPathComponent(stem + ".source.md"), encoding: .utf8)) ?? ""
            for line in note.split(separator: "\n") where line.contains("Transcription:") {
                let name = line.split(separator: "`").dropFirst().first.map(String.init) ?? ""
                return ImportCommandTests.corpus.appendingPathComponent(name)
            }
            var base = (stem as NSString).lastPathComponent
            for form in [".word", ".excel", ".lo"] where base.hasSuffix(form) { base.removeLast(form.count) }
            for folder in ["annexes", "holdout"] {
                let csv = ImportCommandTests.corpus.appendingPathComponent("\(folder)/\(base).csv")
                if FileManager.default.fileExists(atPath: csv.path) { return csv }
            }
            return nil
        }
    }

    /// Every Word, Excel, web-page and PDF document of the corpus.
    static func documents() -> [Document] {
        var out: [Document] = []
        for folder in ["office", "webpdf"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(folder).path)) ?? []
            for name in names {
                let document = name.hasSuffix(".shared") ? String(name.dropLast(".shared".count)) : name
                guard ["docx", "xlsx", "html", "pdf"].contains((document as NSString).pathExtension) else { continue }
                out.append(Document(path: folder + "/" + document))
            }
        }
        return out.sorted { $0.path < $1.path }
    }

    /// The decision title the corpus note of an annex gives (`Title: …`), for tables
    /// that name no change type.
    static func title(of csv: URL) -> String? {
        corpusNoteTitle(csv.deletingPathExtension().appendingPathExtension("source.md"))
    }

    /// A copy of the bundled catalogue whose register has a `Trích yếu` column.
    func withCatalogue<T>(_ body: (URL) throws -> T) throws -> T {
        try withCatalogueCopy { dir in
            let register = dir.appendingPathComponent("catalogs/register.csv")
            let rows = try String(contentsOf: register, encoding: .utf8).split(separator: "\n")
            let text = rows.enumerated().map { $0.offset == 0 ? $0.element + ",Trích yếu" : $0.element + "," }.joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: register)
            return try body(dir)
        }
    }

    /// The report as JSON, with what only says where a value was read (locations, the rows
    /// a listing could not place) taken out.
    func report(_ dir: URL) throws -> (json: NSDictionary, stderr: String) {
        let r = try runTTHC(["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--format", "json", "--lang", "en"],
                            currentDirectory: dir)
        #expect(r.exitCode == 0, "\(r.stderr)")
        func strip(_ value: Any) -> Any {
            if let d = value as? [String: Any] {
                return d.filter { $0.key != "location" && $0.key != "unplacedRows" }.mapValues(strip)
            }
            if let a = value as? [Any] { return a.map(strip) }
            return value
        }
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        return (strip(object) as! NSDictionary, r.stderr)
    }

    @Test func corpusHasEveryKind() {
        let all = Self.documents()
        for ext in ["docx", "xlsx", "html", "pdf"] {
            #expect(all.contains { $0.path.hasSuffix("." + ext) && !$0.announcesNothing }, "no \(ext) publication decision")
        }
    }

    /// The measure: a document imported with --write and its CSV transcription
    /// registered by hand give the weekly report the same procedures.
    @Test(arguments: documents().filter { !$0.announcesNothing })
    func importedDocumentReportsAsItsCSVTranscription(_ document: Document) throws {
        let csv = try #require(document.transcription, "\(document.path) has no CSV transcription in annexes/ or holdout/")
        let title = Self.title(of: csv) ?? Self.title(of: Self.corpus.appendingPathComponent(document.stem + ".csv"))
        let row = ["9001/QĐ-KTNK", "Cơ quan kiểm thử", "03/11/2026", "10/11/2026", "", "", "", "decisions/9001.csv", title ?? ""]
        let byHand = try withCatalogue { dir in
            try FileManager.default.copyItem(at: csv, to: dir.appendingPathComponent("catalogs/decisions/9001.csv"))
            let register = dir.appendingPathComponent("catalogs/register.csv")
            let quoted = row.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
            try Data((try String(contentsOf: register, encoding: .utf8) + quoted.joined(separator: ",") + "\n").utf8).write(to: register)
            return try report(dir)
        }
        let imported = try withCatalogue { dir in
            var arguments = ["import", document.url.path, "--catalogs", "catalogs", "--write", "--lang", "en",
                             "--number", row[0], "--issuer", row[1], "--issued", row[2], "--effective", row[3]]
            if let title { arguments += ["--title", title] }
            let r = try runTTHC(arguments, currentDirectory: dir)
            #expect(r.exitCode == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Written: 1 listing and the register"))
            let listing = dir.appendingPathComponent("catalogs/decisions/9001-QD-KTNK.xml")
            #expect(FileManager.default.fileExists(atPath: listing.path))
            // The listing validates against the shipped XSD, checked by xmllint as an oracle.
            if let lint = xmllint {
                let check = try runProcess(lint, ["--noout", "--schema", "catalogs/schema/decision.xsd", listing.path], currentDirectory: dir)
                #expect(check.exitCode == 0, "\(check.stderr)")
            }
            return try report(dir)
        }
        #expect(imported.json == byHand.json)
        #expect(imported.json["changes"] as? [Any] != nil)
    }

    /// A Word decision that gives its own number and dates needs nothing else; the listing
    /// and the register row are exactly these, and a second run refuses.
    @Test func aWordDecisionIsImportedWithItsOwnNumberAndDates() throws {
        try withCatalogue { dir in
            let docx = Self.corpus.appendingPathComponent("office/bo-tai-chinh-2025-4014-qd-btc.word.docx").path
            let dry = try runTTHC(["import", docx, "--catalogs", "catalogs", "--lang", "en"], currentDirectory: dir)
            #expect(dry.exitCode == 0)
            #expect(dry.stdout.contains("""
                Import into catalogs:
                  new listing: catalogs/decisions/4014-QD-BTC.xml (1 change)
                  new register row (catalogs/register.csv, line 5): 4014/QĐ-BTC | BỘ TÀI CHÍNH | 01/12/2025 | 01/01/2026 | decisions/4014-QD-BTC.xml | Về việc công bố thủ tục hành chính bị bãi bỏ trong lĩnh vực kế toán, kiểm toán thuộc phạm vi chức năng quản lý của Bộ Tài chính
                  left for the legal desk: the national database update date and the received date (columns "Ngày cập nhật CSDLQG", "Ngày nhận" of the new row): no document can give them

                Nothing written yet (add --write to write).

                """))
            // What inspect shows comes first, the same lines.
            let inspect = try runTTHC(["inspect", docx, "--lang", "en"], currentDirectory: dir)
            #expect(dry.stdout.hasPrefix(inspect.stdout))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("catalogs/decisions/4014-QD-BTC.xml").path))

            let r = try runTTHC(["import", docx, "--catalogs", "catalogs", "--write"], currentDirectory: dir)
            #expect(r.exitCode == 0)
            #expect(r.stdout.hasSuffix("Đã ghi 1 tệp danh mục và sổ theo dõi; xem lại bằng git diff.\n"))
            let xml = try String(contentsOf: dir.appendingPathComponent("catalogs/decisions/4014-QD-BTC.xml"), encoding: .utf8)
            #expect(xml == """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- đọc bằng tthc import từ bo-tai-chinh-2025-4014-qd-btc.word.docx -->
                <decision xmlns="urn:tthc:decision:1" number="4014/QĐ-BTC" issuer="BỘ TÀI CHÍNH" issued="2025-12-01" effective="2026-01-01">
                  <procedure code="1.007473" change="abolished">
                    <name>Thủ tục Đăng ký sửa đổi chế độ Kế toán theo Thông tư số 200/2014/TT-BTC hướng dẫn Chế độ kế toán doanh nghiệp</name>
                    <field>Kế toán</field>
                    <levels><level>central</level></levels>
                    <agency>Cục Quản lý, giám sát kế toán, kiểm toán</agency>
                    <legal-basis>Thông tư số 99/2025/TT-BTC ngày 27/10/2025 của Bộ trưởng Bộ Tài chính hướng dẫn chế độ kế toán doanh nghiệp</legal-basis>
                  </procedure>
                </decision>

                """)
            let register = try String(contentsOf: dir.appendingPathComponent("catalogs/register.csv"), encoding: .utf8)
            #expect(register.hasSuffix("""
                2290/QĐ-BKHCN,Bộ Khoa học và Công nghệ,12/11/2026,15/12/2026,18/11/2026,19/11/2026,4702,decisions/2290-QD-BKHCN.xml,
                4014/QĐ-BTC,BỘ TÀI CHÍNH,01/12/2025,01/01/2026,,,,decisions/4014-QD-BTC.xml,"Về việc công bố thủ tục hành chính bị bãi bỏ trong lĩnh vực kế toán, kiểm toán thuộc phạm vi chức năng quản lý của Bộ Tài chính"

                """))
            // The catalogue reads as before plus the decision.
            let validate = try runTTHC(["validate", "--catalogs", "catalogs"], currentDirectory: dir)
            #expect(validate.exitCode == 0, "\(validate.stderr)")

            // Again: the register already has it.
            let before = try Scratch.snapshot(dir.appendingPathComponent("catalogs"))
            let again = try runTTHC(["import", docx, "--catalogs", "catalogs", "--write", "--lang", "en"], currentDirectory: dir)
            #expect(again.exitCode == 2)
            #expect(again.stderr == "\(docx): error: decision 4014/QĐ-BTC is already in the register (catalogs/register.csv:5:1); it is not imported again, nothing is written\n")
            #expect(again.stdout.hasSuffix("Nothing written: 1 error.\n"))
            #expect(try Scratch.snapshot(dir.appendingPathComponent("catalogs")) == before)
        }
    }

    /// Each refusal: the exact message, exit 2, and the catalogue directory byte for byte
    /// as it was.
    @Test func refusalsWriteNothing() throws {
        try withCatalogue { dir in
            let catalogs = dir.appendingPathComponent("catalogs")
            let docx = Self.corpus.appendingPathComponent("office/bo-tai-chinh-2025-4014-qd-btc.word.docx").path
            let excel = Self.corpus.appendingPathComponent("office/ha-giang-2022-378-QD-UBND.excel.xlsx").path
            let delegation = Self.resolve(Self.corpus.appendingPathComponent("office/laocai-1883-2025-du-thao-uy-quyen.body.docx")).path
            let before = try Scratch.snapshot(catalogs)
            func refused(_ arguments: [String], _ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
                let r = try runTTHC(["import"] + arguments + ["--catalogs", "catalogs", "--write", "--lang", "en"], currentDirectory: dir)
                #expect(r.exitCode == 2, sourceLocation: sourceLocation)
                #expect(r.stderr == stderr, sourceLocation: sourceLocation)
                #expect(try Scratch.snapshot(catalogs) == before, sourceLocation: sourceLocation)
            }
            // An annex table alone gives no number or dates.
            try refused([excel], "\(excel): error: the document does not give its number, issuer, issue date, effective date (see tthc inspect); give it with --number, --issuer, --issued, --effective\n")
            // A delegation is no publication decision: no change is invented.
            try refused([delegation], "\(delegation): error: not a publication decision (a list of delegated procedures): the document announces no change, there is nothing to add to the catalogue\n")
            // The number of a decision the catalogue holds as an XML listing.
            try refused([docx, "--number", "2290/QĐ-BKHCN"], """
                \(docx): warning: the document says 4014/QĐ-BTC; using --number 2290/QĐ-BKHCN
                \(docx): error: decision 2290/QĐ-BKHCN is already in the register (catalogs/register.csv:4:1); it is not imported again, nothing is written

                """)
            // Two files of one decision: neither is written, although the first alone could be.
            try refused([docx, docx], """
                \(docx): error: decision 4014/QĐ-BTC is also the file \(docx) of this import; each decision is imported once

                """)
            try refused([docx, excel, "--title", "x"], "import: error: --number, --issuer, --issued, --effective and --title apply to one file at a time\n")
            // A listing file of that name already there (say, written by hand).
            try Data("""
                <decision xmlns="urn:tthc:decision:1" number="4015/QĐ-BTC" issuer="Bộ Tài chính" issued="2025-12-01" effective="2026-01-01"/>

                """.utf8).write(to: catalogs.appendingPathComponent("decisions/4014-QD-BTC.xml"))
            let withFile = try Scratch.snapshot(catalogs)
            let r = try runTTHC(["import", docx, "--catalogs", "catalogs", "--write", "--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr == ("\(docx): error: catalogs/decisions/4014-QD-BTC.xml already exists; tthc never writes over a listing, nothing is written\n"))
            #expect(try Scratch.snapshot(catalogs) == withFile)
            try FileManager.default.removeItem(at: catalogs.appendingPathComponent("decisions/4014-QD-BTC.xml"))

            // No catalogue directory: --write refuses; a dry run only warns.
            let missing = try runTTHC(["import", docx, "--catalogs", "nowhere", "--write", "--lang", "en"], currentDirectory: dir)
            #expect(missing.exitCode == 2)
            #expect(missing.stderr == "nowhere: error: no such catalogue directory (use --catalogs to point at it)\n")
            let dry = try runTTHC(["import", docx, "--catalogs", "nowhere", "--lang", "en"], currentDirectory: dir)
            #expect(dry.exitCode == 0)
            #expect(dry.stderr == "nowhere: warning: no such catalogue directory (use --catalogs to point at it); nothing was checked against the catalogue\n")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nowhere").path))
        }
    }

    /// A register that cannot take a row (UTF-16, as old Excel saves "Unicode text") is
    /// refused before anything is written, listings included.
    @Test func aRegisterInUTF16IsRefusedAndNoListingIsLeft() throws {
        try withCatalogue { dir in
            let catalogs = dir.appendingPathComponent("catalogs")
            let register = catalogs.appendingPathComponent("register.csv")
            let text = try String(contentsOf: register, encoding: .utf8)
            try Data([0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: register)
            let before = try Scratch.snapshot(catalogs)
            let docx = Self.corpus.appendingPathComponent("office/bo-tai-chinh-2025-4014-qd-btc.word.docx").path
            let r = try runTTHC(["import", docx, "--catalogs", "catalogs", "--write", "--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr == "catalogs/register.csv: error: the register is not UTF-8 text (UTF-16LE), so no row can be added; save it again as CSV UTF-8 (Excel: File › Save As › CSV UTF-8)\n")
            #expect(try Scratch.snapshot(catalogs) == before)
        }
    }

    /// The register is written last: when it cannot be written (here it is a symbolic link,
    /// which tthc reads but never replaces), the listing written before it is taken back.
    @Test func aFailedRegisterWriteTakesTheListingsBack() throws {
        try withCatalogue { dir in
            let catalogs = dir.appendingPathComponent("catalogs")
            let register = catalogs.appendingPathComponent("register.csv")
            // A symbolic link to the register inside the catalogue reads fine, but tthc never
            // replaces a link: the write of the register fails after the listing's.
            try FileManager.default.moveItem(at: register, to: catalogs.appendingPathComponent("so-theo-doi.csv"))
            try FileManager.default.createSymbolicLink(atPath: register.path, withDestinationPath: "so-theo-doi.csv")
            // Every file as it was, byte for byte (the directory's own time changes: a file
            // was created in it and removed).
            func files() throws -> [String: [UInt8]] {
                try Scratch.snapshot(catalogs).filter { $0.value.mode & UInt32(S_IFMT) != UInt32(S_IFDIR) }.mapValues(\.bytes)
            }
            let before = try files()
            let docx = Self.corpus.appendingPathComponent("office/bo-tai-chinh-2025-4014-qd-btc.word.docx").path
            let r = try runTTHC(["import", docx, "--catalogs", "catalogs", "--write", "--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr == "catalogs/register.csv: error: \"catalogs/register.csv\" is a symbolic link; tthc does not replace links: write to the path it points to\n")
            #expect(try files() == before)
            #expect(try files().keys.sorted() == ["decisions/1520-QD-BKHCN.xml", "decisions/2105-QD-BKHCN.csv", "decisions/2290-QD-BKHCN.xml",
                                                  "decisions/2301-QD-BKHCN.xml", "holidays/vn-public-sector.yaml", "local/skhcn-danh-muc.csv",
                                                  "README.md", "register.csv", "schema/catalogue.xsd", "schema/decision.xsd",
                                                  "settings.yaml", "so-theo-doi.csv"].sorted())
        }
    }
}

/// xmllint, the schema oracle, when installed (CI installs it).
let xmllint: URL? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].map(URL.init(fileURLWithPath:))
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
