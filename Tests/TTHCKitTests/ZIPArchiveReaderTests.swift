import Foundation
import Testing
import TestSupport
@testable import TTHCKit

/// ZIP archives laid out byte by byte (APPNOTE.TXT 6.3.10), for what Python's `zipfile`
/// will not write: a deflate stream that never ends, the encryption flag, a directory in
/// ZIP64 form for small entries. Each entry: a name, its text, the method (0 or 8), and
/// `unterminated` (the deflate stream is flushed but never given its last block) or
/// `encrypted` (flag bit 0 set, the data left plain).
enum RawZip {
    struct Entry: Encodable {
        var name: String
        var text: String
        var method = 8
        var unterminated = false
        var encrypted = false
    }

    struct Archive: Encodable {
        var entries: [Entry]
        var zip64 = false
    }

    static let script = #"""
    import json, struct, sys, zlib
    spec = json.load(sys.stdin)
    out, cd = bytearray(), bytearray()
    for e in spec["entries"]:
        name, data = e["name"].encode(), e["text"].encode()
        crc, method = zlib.crc32(data), e["method"]
        if method == 8:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            packed = c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH if e["unterminated"] else zlib.Z_FINISH)
        else:
            packed = data
        flags = 0x800 | (1 if e["encrypted"] else 0)
        offset = len(out)
        if spec["zip64"]:
            local = struct.pack("<HHQQ", 1, 16, len(data), len(packed))
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, flags, method, 0, 0x5C21, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(local)) + name + local + packed
            extra = struct.pack("<HHQQQ", 1, 24, len(data), len(packed), offset)
            cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, flags, method, 0, 0x5C21, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra), 0, 0, 0, 0, 0xFFFFFFFF) + name + extra
        else:
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x5C21, crc, len(packed), len(data), len(name), 0) + name + packed
            cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0x5C21, crc, len(packed), len(data), len(name), 0, 0, 0, 0, 0, offset) + name
    start, n = len(out), len(spec["entries"])
    out += cd
    if spec["zip64"]:
        record = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, len(cd), start)
        out += struct.pack("<IIQI", 0x07064B50, 0, record, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(cd), start, 0)
    if spec.get("check"):
        import io, zipfile
        with zipfile.ZipFile(io.BytesIO(bytes(out))) as z:
            assert z.testzip() is None
            for e in spec["entries"]:
                assert z.read(e["name"]) == e["text"].encode(), e["name"]
    sys.stdout.write(bytes(out).hex())
    """#

    /// The archive's bytes; with `check`, Python's `zipfile` must first read every entry back.
    static func make(_ archive: Archive, check: Bool = false) throws -> [UInt8] {
        var input = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(archive)) as! [String: Any]
        input["check"] = check
        let r = try Python.run(script, input: Array(try JSONSerialization.data(withJSONObject: input)))
        guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: r.stderr]) }
        return hexBytes(r.stdout)
    }

    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var chars = hex.utf8.makeIterator()
        func nibble(_ c: UInt8) -> UInt8 { c <= UInt8(ascii: "9") ? c - UInt8(ascii: "0") : c - UInt8(ascii: "a") + 10 }
        while let a = chars.next(), let b = chars.next() { bytes.append(nibble(a) << 4 | nibble(b)) }
        return bytes
    }

    static let documentXML = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        + String(repeating: "<w:p><w:r><w:t>Thủ tục cấp giấy phép số 1.001234</w:t></w:r></w:p>", count: 300)
        + "</w:body></w:document>"
}

@Suite(.enabled(if: Python.executable != nil, "python3 is needed to write and check the archives"))
struct ZIPArchiveReaderTests {
    func rendered(_ error: InputError) -> [String] { error.diagnostics.map { $0.rendered(.en) } }

    func open(_ bytes: [UInt8], as name: String = "z.docx") -> Result<OfficeContainer, InputError> {
        Result { () throws(InputError) in try OfficeContainer(InputFile(displayPath: name, bytes: bytes)) }
    }

    /// Every part of every real Word and Excel file of the corpus and the fixtures comes out
    /// byte for byte as Python's `zipfile` unpacks it (LibreOffice, openpyxl, Word and the
    /// national portal's exporter wrote them: data descriptors, UTF-8 flags, stored parts).
    @Test func partsAsPythonUnpacksThem() throws {
        let corpus = RealAnnexCorpusTests.documents(in: OfficeFixtures.corpus, extensions: ["docx", "xlsx"])
            .map { OfficeFixtures.corpus.appendingPathComponent($0) }
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: OfficeFixtures.directory.path)
            .map { OfficeFixtures.directory.appendingPathComponent($0) }
        let files = (corpus + fixtures).sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(files.count >= 15)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-zip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var parts = 0
        for (i, url) in files.enumerated() {
            let path = RealAnnexCorpusTests.resolve(url).path
            let dir = out.appendingPathComponent("\(i)")
            let r = try Python.run("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                z.extractall(sys.argv[2])
                print("\\n".join(i.filename for i in z.infolist() if not i.is_dir()))
            """, arguments: [path, dir.path])
            try #require(r.status == 0, "\(url.lastPathComponent): \(r.stderr)")
            let names = r.stdout.split(separator: "\n").map(String.init)
            let container = try OfficeContainer(OfficeFixtures.file(url.lastPathComponent, in: url.deletingLastPathComponent()))
            #expect(container.names == names, "\(url.lastPathComponent)")
            for name in names {
                let expected = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
                #expect(try container.read(name) == expected, "\(url.lastPathComponent): \(name)")
                parts += 1
            }
        }
        #expect(parts > 150)
    }

    /// A deflate stream that is flushed but never ended, with more entries after it: the
    /// inflater stops at the entry's last packed byte and says so (ZIPFoundation 0.9.20's
    /// read on into the next entries and, at the end of the file, for ever).
    @Test func aStreamThatNeverEnds() throws {
        let bytes = try RawZip.make(.init(entries: [
            .init(name: "_rels/.rels", text: "<Relationships/>"),
            .init(name: "word/document.xml", text: RawZip.documentXML, unterminated: true),
            .init(name: "docProps/app.xml", text: "<Properties/>"),
        ]))
        let container = try open(bytes).get()
        #expect(try container.read("_rels/.rels") == Array("<Relationships/>".utf8))
        #expect(throws: InputError.self) { try container.read("word/document.xml") }
        do {
            _ = try container.read("word/document.xml")
        } catch {
            #expect(rendered(error) == ["z.docx: error: the Office file is damaged or unreadable (part word/document.xml: the compressed data ends before the part does); open it and save it again in Word/Excel"])
            #expect(error.diagnostics[0].message.vi == "tệp Office bị hỏng hoặc không đọc được (phần word/document.xml: dữ liệu nén bị cắt cụt); hãy mở và lưu lại tệp bằng Word/Excel")
        }
        // Through the Word reader, the same refusal and no table.
        let reading = DecisionDOCXReader.interpret(InputFile(displayPath: "z.docx", bytes: bytes))
        #expect(reading.listed.isEmpty)
        #expect(reading.diagnostics.map { $0.rendered(.en) }.contains { $0.contains("the compressed data ends before the part does") })
    }

    /// The same archive with its directory in ZIP64 form (sizes and offset in the extra
    /// field, a ZIP64 end record and locator), as writers that always use ZIP64 make it:
    /// Python's `zipfile` reads it back first, then tthc reads the same bytes.
    @Test func zip64Directory() throws {
        let entries: [RawZip.Entry] = [
            .init(name: "_rels/.rels", text: "<Relationships/>", method: 0),
            .init(name: "word/document.xml", text: RawZip.documentXML),
        ]
        for zip64 in [false, true] {
            let container = try open(try RawZip.make(.init(entries: entries, zip64: zip64), check: true)).get()
            #expect(container.names == ["_rels/.rels", "word/document.xml"])
            #expect(try container.read("word/document.xml") == Array(RawZip.documentXML.utf8))
            #expect(try container.read("_rels/.rels") == Array("<Relationships/>".utf8))
        }
    }

    /// Refused when the file is opened, whichever part is read: an encrypted entry, a
    /// method tthc does not read (bzip2, written by Python's `zipfile`), a symbolic link
    /// (Unix mode in the attributes, as Info-ZIP stores it).
    @Test func partsThatAreNotRead() throws {
        let encrypted = try RawZip.make(.init(entries: [.init(name: "word/document.xml", text: RawZip.documentXML, encrypted: true)]))
        #expect(open(encrypted).failure.map(rendered) == [
            "z.docx: error: the Office file is damaged or unreadable (part word/document.xml: the part is encrypted); open it and save it again in Word/Excel",
        ])
        let script = """
        import io, sys, zipfile
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(zipfile.ZipInfo("_rels/.rels", (2026, 1, 1, 0, 0, 0)), "<Relationships/>", compress_type=zipfile.ZIP_DEFLATED)
            if sys.argv[1] == "bzip2":
                z.writestr(zipfile.ZipInfo("word/document.xml", (2026, 1, 1, 0, 0, 0)), "<w:document/>", compress_type=zipfile.ZIP_BZIP2)
            else:
                link = zipfile.ZipInfo("word/media/image1.png", (2026, 1, 1, 0, 0, 0))
                link.create_system = 3
                link.external_attr = 0o120777 << 16
                z.writestr(link, "/etc/passwd")
        sys.stdout.write(buf.getvalue().hex())
        """
        var refusals: [String] = []
        for kind in ["bzip2", "link"] {
            let r = try Python.run(script, arguments: [kind])
            try #require(r.status == 0, "\(r.stderr)")
            refusals += open(RawZip.hexBytes(r.stdout)).failure.map(rendered) ?? ["\(kind): read"]
        }
        #expect(refusals == [
            "z.docx: error: the Office file is damaged or unreadable (part word/document.xml: compression method 12, which tthc does not read (only stored or deflate)); open it and save it again in Word/Excel",
            "z.docx: error: the part \"word/media/image1.png\" is a symbolic link; the file is refused",
        ])
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
