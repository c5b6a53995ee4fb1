import Foundation
import Testing
@testable import TTHCKit

/// Hostile and broken input the other suites do not cover (see docs/hardening.md for the
/// whole table): each gets an exact diagnostic at an exact place, or a correct read.
@Suite struct HostileXMLTests {
    static let head = #"<decision xmlns="urn:tthc:decision:1" number="1/QĐ-X" issuer="x" issued="2026-10-20" effective="2026-11-01">"#
    static let dtd = "error: DTDs are not allowed (<!DOCTYPE …>): the file may not declare a DTD or entities, so nothing outside it is read"

    /// Quadratic blow-up: one 50,000-character entity used 50,000 times (2.5 GB expanded).
    /// The DOCTYPE is refused before libxml2 expands anything.
    @Test func quadraticBlowUpIsRefusedAtTheDoctype() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE decision [<!ENTITY a \"" + String(repeating: "a", count: 50_000) + "\">]>\n"
        xml += Self.head + "<procedure code=\"1.000001\" change=\"new\"><name>"
        xml += String(repeating: "&a;", count: 50_000) + "</name><levels><level>province</level></levels></procedure></decision>"
        let file = InputFile(displayPath: "q.xml", bytes: Array(xml.utf8))
        let decision = DecisionXMLReader.read(file), catalogue = CatalogueXMLReader.read(file)
        #expect(XMLFixtures.rendered(decision.diagnostics) == ["q.xml:2:1: " + Self.dtd])
        #expect(XMLFixtures.rendered(catalogue.diagnostics) == ["q.xml:2:1: " + Self.dtd])
        #expect(decision.value == nil && catalogue.value == nil)
    }

    /// Quadratic work without a DTD: 10,000 attributes on one element (200,000 took libxml2
    /// 453 s). The guard stops the input at the element once it passes 256 attributes:
    /// one error, at the element, before libxml2 sees the rest of the tag.
    @Test func tenThousandAttributesAreStoppedAtTheElement() {
        var xml = String(Self.head.dropLast())
        for i in 0..<10_000 { xml += " a\(i)=\"\(i)\"" }
        xml += "/>"
        let result = DecisionXMLReader.read(InputFile(displayPath: "a.xml", bytes: Array(xml.utf8)))
        #expect(result.value == nil)
        #expect(result.diagnostics.map { $0.rendered(.en) } == [
            "a.xml:1:1: error: an element with more than 256 attributes: this is not a listing (the format's elements have at most six); not read further",
        ])
        // 200 attributes are still read (and each is a schema error, capped at a hundred).
        var fewer = String(Self.head.dropLast())
        for i in 0..<200 { fewer += " a\(i)=\"\(i)\"" }
        fewer += "/>"
        let read = DecisionXMLReader.read(InputFile(displayPath: "a.xml", bytes: Array(fewer.utf8)))
        #expect(read.diagnostics.filter { $0.id == .xmlSchema }.count == 100)
        #expect(read.diagnostics.last?.id == .xmlTooManyErrors)
    }

    static let textTooLong = "error: a text longer than 10,000,000 bytes: libxml2 does not read text that long (was a whole file pasted into one element?)"

    /// A 50 MB text node: libxml2 stops at 10,000,000 bytes, and says so in words staff
    /// can act on; in memory, streamed from disk and in the catalogue reader alike.
    @Test func fiftyMegabyteTextNodeIsRefusedWithAClearMessage() throws {
        var big = Array((Self.head + "\n<procedure code=\"1.000001\" change=\"new\"><name>").utf8)
        big += [UInt8](repeating: 0x61, count: 50_000_000)
        big += Array("</name><levels><level>province</level></levels></procedure></decision>\n".utf8)
        let read = DecisionXMLReader.read(InputFile(displayPath: "big.xml", bytes: big))
        #expect(XMLFixtures.rendered(read.diagnostics) == ["big.xml:2:10000279: " + Self.textTooLong])
        #expect(read.diagnostics.map { $0.rendered(.vi) } == [
            "big.xml:2:10000279: error: đoạn văn bản dài hơn 10.000.000 byte: libxml2 không đọc đoạn văn bản dài như vậy (có dán nhầm cả một tệp vào một phần tử?)",
        ])
        #expect(read.diagnostics.map(\.id.rawValue) == ["xml.text-too-long"])
        #expect(read.value == nil)

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-big-\(UUID().uuidString).xml")
        try Data(big).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var seen = 0
        let streamed = DecisionXMLReader.stream(path: url.path, displayPath: "big.xml") { _ in seen += 1 }
        #expect(XMLFixtures.rendered(streamed.diagnostics) == ["big.xml:2:10000279: " + Self.textTooLong])
        #expect(seen == 0)

        let catalogue = Array(#"<catalogue xmlns="urn:tthc:catalogue:1"><procedure><name>"#.utf8)
            + [UInt8](repeating: 0x61, count: 50_000_000) + Array("</name></procedure></catalogue>".utf8)
        let local = CatalogueXMLReader.read(InputFile(displayPath: "local.xml", bytes: catalogue))
        #expect(XMLFixtures.rendered(local.diagnostics) == ["local.xml:1:10000389: " + Self.textTooLong])
    }

    /// UTF-16 without a byte order mark, in both byte orders (the little-endian file is in
    /// the malformed corpus; this adds big-endian and the catalogue reader).
    @Test(arguments: [false, true])
    func utf16WithoutBOMIsNamed(bigEndian: Bool) {
        var bytes: [UInt8] = []
        for unit in (Self.head + "</decision>").utf16 {
            let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        let file = InputFile(displayPath: "u.xml", bytes: bytes)
        let expected = ["u.xml:1:1: error: XML files must be encoded in UTF-8 (this one looks like UTF-16)"]
        #expect(XMLFixtures.rendered(DecisionXMLReader.read(file).diagnostics) == expected)
        #expect(XMLFixtures.rendered(CatalogueXMLReader.read(file).diagnostics) == expected)
        #expect(DecisionXMLReader.read(file).diagnostics.map { $0.rendered(.vi) }
            == ["u.xml:1:1: error: tệp XML phải mã hoá UTF-8 (tệp này có vẻ là UTF-16)"])
    }
}

@Suite struct HostileCSVTests {
    static let header = "STT,Mã TTHC,Tên thủ tục hành chính\n"
    static let newSection = "1. Danh mục thủ tục hành chính mới ban hành\n"

    /// A 1 MB quoted cell (the longest cell of the corpus holds 2,299 bytes) is read
    /// whole, and the row after it is still located right. A cell over 1 MiB is refused
    /// (``TableLimitTests``).
    @Test func oneMegabyteCellIsReadWhole() {
        let cell = String(repeating: "ấ", count: 340_000)  // 3 bytes each: 1.02 MB
        let text = Self.header + Self.newSection + "1,1.000001,\"" + cell + "\"\n2,1.0002,B\n"
        let result = DecisionCSVReader.read(InputFile(displayPath: "d.csv", bytes: Array(text.utf8)))
        #expect(result.diagnostics.map { $0.rendered(.en) } == [
            "d.csv:4:3: warning: column \"Mã TTHC\": malformed procedure code \"1.0002\": expected 1.010696 (a digit, a dot, six digits), optionally followed by a suffix such as .000.00.00.H56; the procedure is matched by name",
        ])
        let good = DecisionCSVReader.read(InputFile(displayPath: "d.csv", bytes: Array((Self.header + Self.newSection + "1,1.000001,\"" + cell + "\"\n").utf8)))
        #expect(good.diagnostics.isEmpty)
        #expect(good.value?.count == 1)
        #expect(good.value?.first?.content.name.unicodeScalars.count == 340_000)
        #expect(good.value?.first?.content.name == cell)
    }

    /// 1,000 columns: the three known ones are used, the first unknown ones get one
    /// warning each at their own column, the rest are counted in one line, and the data
    /// row is read. (A million columns: ``TableLimitTests``.)
    @Test func aThousandColumns() {
        let extra = (0..<1_000).map { "c\($0)" }
        let text = "STT,Mã TTHC,Tên thủ tục hành chính," + extra.joined(separator: ",") + "\n" + Self.newSection + "1,1.000001,A\n"
        let result = DecisionCSVReader.read(InputFile(displayPath: "d.csv", bytes: Array(text.utf8)))
        #expect(result.value?.map(\.code.raw) == ["1.000001"])
        let shown = AnnexInterpreter.warningsPerKind
        #expect(result.diagnostics.count == shown + 1)
        #expect(Set(result.diagnostics.map(\.id.rawValue)) == ["header.unknown"])
        #expect(result.diagnostics.first?.rendered(.en) == "d.csv:1:36: warning: unknown column \"c0\"; it is ignored")
        // "c19" starts after 35 bytes, 10 two-char and 9 three-char columns with commas.
        #expect(result.diagnostics[shown - 1].rendered(.en) == "d.csv:1:\(36 + 10 * 3 + 9 * 4): warning: unknown column \"c\(shown - 1)\"; it is ignored")
        #expect(result.diagnostics.last?.rendered(.en)
            == "d.csv: warning: … and \(1_000 - shown) more warnings of this kind in this file (see tthc inspect)")
        // And 1,000 cells in a data row under a three-column header are simply surplus.
        let wide = Self.header + Self.newSection + "1,1.000001,A" + String(repeating: ",", count: 1_000) + "\n"
        let row = DecisionCSVReader.read(InputFile(displayPath: "d.csv", bytes: Array(wide.utf8)))
        #expect(row.diagnostics.isEmpty)
        #expect(row.value?.map(\.content.name) == ["A"])
    }

    /// CR LF, lone CR and LF mixed in one file: each ends one line, so the error on the
    /// sixth record is reported on line 5 (the heading and the header share none).
    @Test func mixedLineEndingsKeepLineNumbers() {
        let text = "STT,Mã TTHC,Tên thủ tục hành chính\r\n" + "1. Danh mục thủ tục hành chính mới ban hành\r"
            + "1,1.000001,A\n" + "2,1.000002,B\r\n" + "3,1.0003,C\r"
        let result = DecisionCSVReader.read(InputFile(displayPath: "d.csv", bytes: Array(text.utf8)))
        #expect(result.diagnostics.map { $0.rendered(.en) } == [
            "d.csv:5:3: warning: column \"Mã TTHC\": malformed procedure code \"1.0003\": expected 1.010696 (a digit, a dot, six digits), optionally followed by a suffix such as .000.00.00.H56; the procedure is matched by name",
        ])
        let fixed = DecisionCSVReader.read(InputFile(displayPath: "d.csv", bytes: Array(text.replacingOccurrences(of: "1.0003", with: "1.000003").utf8)))
        #expect(fixed.value?.map(\.code.raw) == ["1.000001", "1.000002", "1.000003"])
        #expect(fixed.value?.map(\.location.line) == [3, 4, 5])
    }

    /// The header repeated below the data (a table copied from several printed pages, or
    /// two exports pasted together) is skipped by every CSV reader, not read as a row.
    @Test func repeatedHeaderRowsAreSkipped() {
        let listing = Self.header + Self.newSection + "1,1.000001,A\n" + Self.header + "2,1.000002,B\n"
        let changes = DecisionCSVReader.read(InputFile(displayPath: "d.csv", bytes: Array(listing.utf8)))
        #expect(changes.diagnostics.isEmpty)
        #expect(changes.value?.map(\.code.raw) == ["1.000001", "1.000002"])

        let local = "Mã TTHC,Tên thủ tục hành chính\n1.000001,A\nMã TTHC,Tên thủ tục hành chính\n1.000002,B\n"
        let catalogue = CatalogueCSVReader.read(InputFile(displayPath: "l.csv", bytes: Array(local.utf8)))
        #expect(catalogue.diagnostics.isEmpty)
        #expect(catalogue.value?.entries.map(\.content.name) == ["A", "B"])
        #expect(catalogue.value?.entries.map(\.location.line) == [2, 4])

        let header = "Số quyết định,Cơ quan ban hành,Ngày ban hành,Ngày hiệu lực\n"
        let registerText = header + "1/QĐ-X,Bộ X,01/01/2026,02/01/2026\n" + header + "2/QĐ-X,Bộ X,03/01/2026,04/01/2026\n"
        let register = RegisterCSVReader.read(InputFile(displayPath: "r.csv", bytes: Array(registerText.utf8)))
        #expect(register.diagnostics.isEmpty)
        #expect(register.value?.map(\.decisionNumber) == ["1/QĐ-X", "2/QĐ-X"])
    }
}

/// Where a file is expected but something else is found. Before `InputFile.read` checked
/// the file type, a FIFO made every command wait for ever and `/dev/zero` filled memory.
@Suite struct InputFileKindTests {
    func diagnostics(_ path: String) -> [String] {
        do {
            _ = try InputFile.read(URL(fileURLWithPath: path), displayPath: "shown/path")
            return []
        } catch {
            return error.diagnostics.map { "\($0.id) \($0.rendered(.en)) | \($0.message.vi)" }
        }
    }

    static let special = "file.not-regular shown/path: error: expected a regular file but found a special file (FIFO, socket or device); not read | cần một tệp thường nhưng đây là tệp đặc biệt (FIFO, socket hoặc thiết bị); không đọc"

    @Test func missingFile() {
        #expect(diagnostics("/nonexistent-\(UUID().uuidString)") == ["file.missing shown/path: error: no such file | không tìm thấy tệp"])
        // A path through a regular file ("file/child") is missing too, not an I/O error.
        #expect(diagnostics("/etc/hostname/child") == ["file.missing shown/path: error: no such file | không tìm thấy tệp"])
    }

    @Test func directory() {
        #expect(diagnostics(FileManager.default.temporaryDirectory.path)
            == ["file.directory shown/path: error: expected a file but found a directory | cần một tệp nhưng đây là thư mục"])
    }

    @Test func fifoIsNotWaitedOn() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o644) == 0)
        defer { unlink(path) }
        #expect(diagnostics(path) == [Self.special])
    }

    /// The streaming XML reader opens its file the same way.
    @Test func streamedXMLRefusesAFifoAndAMissingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-fifo-\(UUID().uuidString).xml").path
        #expect(mkfifo(path, 0o644) == 0)
        defer { unlink(path) }
        var seen = 0
        let fifo = DecisionXMLReader.stream(path: path, displayPath: "shown/path") { _ in seen += 1 }
        #expect(fifo.diagnostics.map { "\($0.id) \($0.rendered(.en)) | \($0.message.vi)" } == [Self.special])
        let missing = DecisionXMLReader.stream(path: path + ".none", displayPath: "shown/path") { _ in seen += 1 }
        #expect(missing.diagnostics.map { $0.rendered(.en) } == ["shown/path: error: no such file"])
        #expect(seen == 0)
    }

    @Test(arguments: ["/dev/zero", "/dev/null"])
    func devicesAreNotRead(_ path: String) {
        #expect(diagnostics(path) == [Self.special])
    }

    /// A read error after a successful open: /proc/self/mem opens, and reading offset 0
    /// (never mapped) fails with EIO. The message carries the system's reason.
    @Test func readErrorSaysWhy() {
        #expect(diagnostics("/proc/self/mem") == [
            "file.unreadable shown/path: error: cannot read the file: Input/output error | không đọc được tệp: Input/output error",
        ])
    }

    /// Files the system reports as empty but that have content are read to the end.
    @Test func procFilesAreReadToTheEnd() throws {
        let file = try InputFile.read(URL(fileURLWithPath: "/proc/self/status"), displayPath: "status")
        #expect(String(decoding: file.bytes, as: UTF8.self).hasPrefix("Name:"))
    }

    /// Permission denied. Root reads any file whatever its mode (CI runs as root), so this
    /// case only runs for other users; the read-error path is covered above.
    @Test(.enabled(if: getuid() != 0, "root ignores file modes"))
    func unreadableFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-secret-\(UUID().uuidString).csv")
        try Data("x".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(chmod(url.path, 0) == 0)
        #expect(diagnostics(url.path) == [
            "file.unreadable shown/path: error: cannot read the file (permission denied) | không đọc được tệp (không có quyền đọc)",
        ])
    }

    /// A regular file larger than one read block comes back byte for byte.
    @Test func largeFileIsReadExactly() throws {
        let bytes = (0..<300_001).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-bytes-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try InputFile.read(url, displayPath: "b").bytes == bytes)
    }
}
