import Foundation
import Testing
import TestSupport
@testable import TTHCKit

/// Builds ZIP containers for hostile-input tests with Python's `zipfile` (the reader under
/// test never writes ZIP; these files are made to be refused). Each entry is a name and
/// its text, or text repeated; `store` leaves it uncompressed; `declare` patches the
/// uncompressed size the archive declares for that entry (a lying size).
enum HostileZip {
    struct Entry: Encodable {
        var name: String
        var text: String = ""
        var repeatCount: Int = 1
        var suffix: String = ""
        var store = false
        var declare: Int?
    }

    static let script = #"""
    import io, json, struct, sys, zipfile
    entries = json.load(sys.stdin)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for e in entries:
            data = (e["text"] * e["repeatCount"] + e["suffix"]).encode("utf-8")
            info = zipfile.ZipInfo(e["name"], date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if e["store"] else zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    b = bytearray(buf.getvalue())
    for e in entries:
        if e.get("declare") is None: continue
        name = e["name"].encode("utf-8")
        i = b.find(b"PK\x01\x02" + b"", 0)
        while i >= 0:
            n = struct.unpack_from("<H", b, i + 28)[0]
            if bytes(b[i + 46:i + 46 + n]) == name:
                struct.pack_into("<I", b, i + 24, e["declare"])
                local = struct.unpack_from("<I", b, i + 42)[0]
                struct.pack_into("<I", b, local + 22, e["declare"])
            i = b.find(b"PK\x01\x02", i + 4)
    sys.stdout.write(bytes(b).hex())
    """#

    static func make(_ entries: [Entry]) throws -> [UInt8] {
        let r = try Python.run(script, input: Array(try JSONEncoder().encode(entries)))
        guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: r.stderr]) }
        var bytes: [UInt8] = []
        var chars = r.stdout.utf8.makeIterator()
        while let a = chars.next(), let b = chars.next() {
            bytes.append(UInt8(String(decoding: [a, b], as: UTF8.self), radix: 16)!)
        }
        return bytes
    }

    /// The parts of a minimal workbook, with `sheet` as its only sheet's XML.
    static func workbook(sheet: String, repeatCount: Int = 1, suffix: String = "") -> [Entry] {
        [
            Entry(name: "[Content_Types].xml", text: "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            Entry(name: "_rels/.rels", text: #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            Entry(name: "xl/workbook.xml", text: #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            Entry(name: "xl/_rels/workbook.xml.rels", text: #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            Entry(name: "xl/worksheets/sheet1.xml", text: sheet, repeatCount: repeatCount, suffix: suffix),
        ]
    }

    /// The parts of a minimal Word document with `body` as its document's XML.
    static func document(_ body: String, repeatCount: Int = 1, suffix: String = "") -> [Entry] {
        [
            Entry(name: "_rels/.rels", text: #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#),
            Entry(name: "word/document.xml", text: body, repeatCount: repeatCount, suffix: suffix),
        ]
    }

    static let sheetHead = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
    static let header = #"<row r="1"><c r="A1" t="inlineStr"><is><t>Mã số</t></is></c><c r="B1" t="inlineStr"><is><t>Tên</t></is></c></row>"#
}

enum FuzzRegressionFixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz/" + name)))
    }
}

@Suite(.enabled(if: Python.executable != nil, "python3 is needed to build the hostile containers"))
struct HostileOfficeTests {
    func rendered(_ reading: AnnexReading) -> [String] { reading.diagnostics.map { $0.rendered(.en) } }

    /// A zip bomb: 50 MB of spaces that deflate to about 50 KB. Refused from the sizes the
    /// archive declares, before anything is unpacked.
    @Test func compressionRatioBomb() throws {
        let suffix = HostileZip.sheetHead + "</sheetData></worksheet>"
        let bytes = try HostileZip.make(HostileZip.workbook(sheet: String(repeating: " ", count: 1000), repeatCount: 50_000, suffix: suffix))
        let reading = DecisionXLSXReader.interpret(InputFile(displayPath: "bomb.xlsx", bytes: bytes))
        #expect(reading.diagnostics.count == 1)
        let d = try #require(reading.diagnostics.first)
        #expect(d.id == .officeCompressionRatio && d.location == SourceLocation(file: "bomb.xlsx"))
        #expect(d.message.en.hasPrefix("the part \"xl/worksheets/sheet1.xml\" is compressed more than 500 times ("))
        #expect(d.message.en.hasSuffix(" bytes unpack to more than \(50_000_000 + suffix.utf8.count)): the mark of a zip bomb, the file is refused"))
        #expect(d.message.vi.hasPrefix("phần \"xl/worksheets/sheet1.xml\" nén hơn 500 lần ("))
    }

    /// A part whose declared size lies (1,000 bytes) inflates to 3 MB: stopped while
    /// unpacking, at the part limit.
    @Test func lyingSizeIsCaughtWhileUnpacking() throws {
        var entries = HostileZip.document("<w:document xmlns:w=\"w\"><w:body>", repeatCount: 1)
        entries[1].text = "<w:document xmlns:w=\"w\"><w:body>" + String(repeating: "<w:p><w:r><w:t>Thủ tục hành chính</w:t></w:r></w:p>", count: 60_000)
        entries[1].suffix = "</w:body></w:document>"
        entries[1].declare = 1000
        var limits = ContainerLimits()
        limits.maximumPartSize = 1 << 20
        let reading = DecisionDOCXReader.interpret(InputFile(displayPath: "lie.docx", bytes: try HostileZip.make(entries)), limits: limits)
        #expect(rendered(reading) == [
            "lie.docx: error: the part \"word/document.xml\" unpacks to more than 1 MB (tthc's limit; possibly a zip bomb)",
        ])
        #expect(reading.diagnostics[0].message.vi == "phần \"word/document.xml\" giải nén ra hơn 1 MB (giới hạn của tthc; có thể là \"bom nén\")")
    }

    @Test func totalSizeLimit() throws {
        var limits = ContainerLimits()
        limits.maximumTotalSize = 64 << 10
        let file = try OfficeFixtures.file("dvcqg-bo-tu-phap.xlsx", in: OfficeFixtures.corpus)
        let reading = DecisionXLSXReader.interpret(file, limits: limits)
        #expect(rendered(reading) == [
            "dvcqg-bo-tu-phap.xlsx: error: the file unpacks to more than 65536 byte in all (tthc's limit; possibly a zip bomb)",
        ])
    }

    /// Two sheets, annex tables of `rows` rows (the second of `secondRows`, when given); the
    /// second may lie about its size.
    static func twoSheets(rows: Int, secondRows: Int? = nil, secondDeclares: Int? = nil) throws -> InputFile {
        let row = #"<row><c t="inlineStr"><is><t>1.000001</t></is></c><c t="inlineStr"><is><t>Thủ tục cấp giấy phép hoạt động</t></is></c></row>"#
        let sheet = HostileZip.sheetHead + HostileZip.header
        var entries = HostileZip.workbook(sheet: sheet + String(repeating: row, count: rows) + "</sheetData></worksheet>")
        entries[2].text = #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/></sheets></workbook>"#
        entries[3].text = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#
        var second = entries[4]
        second.name = "xl/worksheets/sheet2.xml"
        second.text = sheet + String(repeating: row, count: secondRows ?? rows) + "</sheetData></worksheet>"
        second.declare = secondDeclares
        entries.append(second)
        return InputFile(displayPath: "two.xlsx", bytes: try HostileZip.make(entries))
    }

    /// A sheet is unpacked once though it is read twice (merged ranges, then rows), and
    /// counts once towards the total: two sheets of 45 KB read whole under a 128 KB limit
    /// (counted twice they passed it, and the second sheet was refused).
    @Test func aSheetCountsOnceTowardsTheTotal() throws {
        var limits = ContainerLimits()
        limits.maximumTotalSize = 128 << 10
        let reading = DecisionXLSXReader.interpret(try Self.twoSheets(rows: 340), snapshot: true, limits: limits)
        #expect(rendered(reading).filter { $0.contains("error") } == [])
        #expect(reading.listed.count == 680)
    }

    /// A sheet that cannot be read (here the second, which lies about its size and passes
    /// the total limit once unpacked) is an error, never "a sheet without a table", though
    /// the first sheet reads.
    @Test func anUnreadableSheetIsAnErrorNotASheetWithoutATable() throws {
        var limits = ContainerLimits()
        limits.maximumTotalSize = 32 << 10
        let file = try Self.twoSheets(rows: 10, secondRows: 340, secondDeclares: 100)
        let reading = DecisionXLSXReader.interpret(file, snapshot: true, limits: limits)
        #expect(rendered(reading) == ["two.xlsx: error: the file unpacks to more than 32768 byte in all (tthc's limit; possibly a zip bomb)"])
    }

    /// Names that would reach outside the archive if it were unpacked to disk: the file is
    /// refused, whatever part the name claims to be.
    @Test(arguments: [
        ("../../etc/passwd", "\"..\" points outside the file"),
        ("/etc/passwd", "an absolute path"),
        ("xl\\worksheets\\sheet1.xml", "it holds a backslash"),
        ("C:/Windows/win.ini", "it names a drive"),
        ("xl/a\u{1}b.xml", "it holds a control character"),
    ])
    func unsafeEntryNames(_ name: String, _ why: String) throws {
        var entries = HostileZip.workbook(sheet: HostileZip.sheetHead + "</sheetData></worksheet>")
        entries.append(HostileZip.Entry(name: name, text: "x"))
        let reading = DecisionXLSXReader.interpret(InputFile(displayPath: "names.xlsx", bytes: try HostileZip.make(entries)))
        let shown = name.replacingOccurrences(of: "\u{1}", with: "?")
        #expect(rendered(reading) == ["names.xlsx: error: the part name \"\(shown)\" is unsafe (\(why)); the file is refused"])
    }

    @Test func duplicateAndTooManyParts() throws {
        var entries = HostileZip.workbook(sheet: HostileZip.sheetHead + "</sheetData></worksheet>")
        entries.append(HostileZip.Entry(name: "XL/Workbook.xml", text: "<workbook/>"))
        #expect(rendered(DecisionXLSXReader.interpret(InputFile(displayPath: "dup.xlsx", bytes: try HostileZip.make(entries))))
            == ["dup.xlsx: error: the file holds two parts named \"XL/Workbook.xml\"; the file is refused"])
        var limits = ContainerLimits()
        limits.maximumEntries = 4
        let five = try HostileZip.make(HostileZip.workbook(sheet: HostileZip.sheetHead + "</sheetData></worksheet>"))
        #expect(rendered(DecisionXLSXReader.interpret(InputFile(displayPath: "many.xlsx", bytes: five), limits: limits))
            == ["many.xlsx: error: the file holds more than 4 parts: not an ordinary Office file (possibly hostile)"])
    }

    /// Password-protected and old binary files are OLE compound files, not ZIP.
    @Test func encryptedAndLegacyFiles() {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let encrypted = ole + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let e = DecisionDOCXReader.interpret(InputFile(displayPath: "secret.docx", bytes: encrypted))
        #expect(rendered(e) == ["secret.docx: error: the file is password-protected (encrypted): tthc cannot read it; open it, remove the password (File › Info › Protect › Encrypt) and save it again"])
        #expect(e.diagnostics[0].message.vi.hasPrefix("tệp được đặt mật khẩu (mã hoá)"))
        let old = DecisionXLSXReader.interpret(InputFile(displayPath: "old.xlsx", bytes: ole))
        #expect(rendered(old) == ["old.xlsx: error: old binary Word/Excel files (.doc/.xls) are not read; open the file and save it as .docx or .xlsx (File › Save As)"])
    }

    @Test func brokenFiles() throws {
        let real = try OfficeFixtures.file("dvcqg-toa-an-nhan-dan.xlsx", in: OfficeFixtures.corpus).bytes
        let truncated = DecisionXLSXReader.interpret(InputFile(displayPath: "cut.xlsx", bytes: Array(real.prefix(real.count / 2))))
        #expect(rendered(truncated) == ["cut.xlsx: error: the Office file is damaged or unreadable (the end of the ZIP archive is missing: a truncated file?); open it and save it again in Word/Excel"])
        #expect(rendered(DecisionXLSXReader.interpret(InputFile(displayPath: "e.xlsx", bytes: [])))
            == ["e.xlsx: error: the file is empty"])
        #expect(rendered(DecisionDOCXReader.interpret(InputFile(displayPath: "t.docx", bytes: Array("Số: 1/QĐ".utf8))))
            == ["t.docx: error: the file is not a Word (.docx) or Excel (.xlsx) file (not an Office ZIP package)"])
        // Bytes of a compressed part changed: the checksum or the inflater says so.
        var entries = HostileZip.document("<w:document xmlns:w=\"w\"><w:body>" + String(repeating: "<w:p><w:r><w:t>Thủ tục số 1</w:t></w:r></w:p>", count: 200) + "</w:body></w:document>")
        entries[1].store = true
        var bytes = try HostileZip.make(entries)
        let at = bytes.count / 2
        bytes[at] ^= 0xFF
        bytes[at + 1] ^= 0xFF
        let damaged = DecisionDOCXReader.interpret(InputFile(displayPath: "flip.docx", bytes: bytes))
        #expect(rendered(damaged) == ["flip.docx: error: the Office file is damaged or unreadable (part word/document.xml: the data's checksum (CRC) does not match); open it and save it again in Word/Excel"])
    }

    /// Found by `decision-docx`: a container whose end record is gone made ZIPFoundation's
    /// in-memory archive leak; the wall now refuses it before ZIPFoundation sees it.
    @Test func containerWithoutEndRecord() throws {
        let bytes = try FuzzRegressionFixture.bytes("docx-no-end-record.docx")
        #expect(!OfficeContainer.hasEndRecord(bytes))
        #expect(rendered(DecisionDOCXReader.interpret(InputFile(displayPath: "f.docx", bytes: bytes)))
            == ["f.docx: error: the Office file is damaged or unreadable (the end of the ZIP archive is missing: a truncated file?); open it and save it again in Word/Excel"])
        let real = try OfficeFixtures.file("features.docx").bytes
        #expect(OfficeContainer.hasEndRecord(real))
        #expect(!OfficeContainer.hasEndRecord(Array(real.dropLast(1))))
    }

    /// Found by `decision-xlsx`: a central directory pointing past the end crashed
    /// ZIPFoundation's in-memory archive (a negative range in `MemoryFile.readData`). The
    /// archive is now read from its bytes, and the directory's place is checked first.
    @Test func offsetPastTheEnd() throws {
        let bytes = try FuzzRegressionFixture.bytes("xlsx-offset-past-the-end.xlsx")
        #expect(rendered(DecisionXLSXReader.interpret(InputFile(displayPath: "o.xlsx", bytes: bytes)))
            == ["o.xlsx: error: the Office file is damaged or unreadable (the ZIP archive's directory is wrong); open it and save it again in Word/Excel"])
    }

    /// Found by `decision-xlsx` and `catalogue-xlsx` (timeouts): ZIPFoundation's inflater
    /// read on to the end of the file and never stopped there, so an entry whose local
    /// header is not where the directory says (its offset garbled) or whose compression
    /// method is unknown (248) kept it reading for ever. Such a file is refused when the
    /// container is opened, naming the part, in no time.
    @Test(arguments: [
        ("xlsx-packed-size-past-the-end.xlsx", "docProps/core.xml: its local header is not where the directory says"),
        ("xlsx-unknown-method.xlsx", "xl/sharedStrings.xml: compression method 248, which tthc does not read (only stored or deflate)"),
    ])
    func entriesZIPFoundationCannotFinish(_ fixture: String, _ why: String) throws {
        let bytes = try FuzzRegressionFixture.bytes(fixture)
        #expect(rendered(DecisionXLSXReader.interpret(InputFile(displayPath: "p.xlsx", bytes: bytes)))
            == ["p.xlsx: error: the Office file is damaged or unreadable (part \(why)); open it and save it again in Word/Excel"])
    }

    /// Cell types the fixtures made by openpyxl and LibreOffice do not have: ISO dates
    /// (`t="d"`), booleans, errors, a formula string, and a shared-string index the file
    /// does not have.
    @Test func otherCellTypes() throws {
        let row = #"<row r="1"><c r="A1" t="d"><v>2026-03-05T00:00:00</v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="e"><v>#N/A</v></c>"#
            + #"<c r="D1" t="str"><f>A1&amp;""</f><v>x</v></c><c r="E1" t="s"><v>7</v></c><c r="F1"><v>0.30000000000000004</v></c></row>"#
        let entries = HostileZip.workbook(sheet: HostileZip.sheetHead + row + "</sheetData></worksheet>")
        let workbook = try XLSXWorkbook(InputFile(displayPath: "t.xlsx", bytes: try HostileZip.make(entries)))
        let (rows, diagnostics) = OfficeFixtures.rows(workbook.source(workbook.sheets[0]))
        #expect(rows == ["1: 05/03/2026 | TRUE | #N/A | x |  | 0.30000000000000004"])
        #expect(diagnostics.map { $0.rendered(.en) } == ["t.xlsx:1:5: error: the cell refers to shared string 7, which the file does not have (damaged file?)"])
    }

    /// A hidden sheet is not read, and a warning says so.
    @Test func hiddenSheet() throws {
        var entries = HostileZip.workbook(sheet: HostileZip.sheetHead + HostileZip.header + "</sheetData></worksheet>")
        entries[2].text = entries[2].text.replacingOccurrences(of: #"<sheet name="S" sheetId="1" r:id="rId1"/>"#,
                                                               with: #"<sheet name="S" sheetId="1" r:id="rId1"/><sheet name="Ẩn" sheetId="2" state="hidden" r:id="rId1"/>"#)
        let reading = DecisionXLSXReader.interpret(InputFile(displayPath: "h.xlsx", bytes: try HostileZip.make(entries)))
        #expect(rendered(reading) == [
            "h.xlsx[Ẩn]: warning: the sheet \"Ẩn\" is hidden and is not read; unhide it if it is part of the listing",
            "h.xlsx[S]:1:1: warning: the listing has no procedures below its header row",
        ])
    }

    @Test func wrongKindAndOpenDocument() throws {
        let word = try OfficeFixtures.file("features.docx")
        #expect(rendered(DecisionXLSXReader.interpret(InputFile(displayPath: "w.xlsx", bytes: word.bytes)))
            == ["w.xlsx: error: the file is not a Excel (.xlsx) file: it is a Word (.docx) file"])
        let ods = try HostileZip.make([HostileZip.Entry(name: "mimetype", text: "application/vnd.oasis.opendocument.spreadsheet", store: true),
                                       HostileZip.Entry(name: "content.xml", text: "<office:document-content/>")])
        #expect(rendered(DecisionXLSXReader.interpret(InputFile(displayPath: "s.xlsx", bytes: ods)))
            == ["s.xlsx: error: OpenDocument files (.odt/.ods) are not read; save the file as .xlsx (LibreOffice: File › Save As › Excel 2007-365 (.xlsx))"])
    }

    /// XML inside the container goes through the same guards as XML listings.
    @Test func hostileXMLInAPart() throws {
        let deep = HostileZip.document("<w:document xmlns:w=\"w\"><w:body>", repeatCount: 1)
        var entries = deep
        entries[1].text = "<w:document xmlns:w=\"w\"><w:body>" + String(repeating: "<w:sdt>", count: 300)
        entries[1].suffix = String(repeating: "</w:sdt>", count: 300) + "</w:body></w:document>"
        let tooDeep = DecisionDOCXReader.interpret(InputFile(displayPath: "deep.docx", bytes: try HostileZip.make(entries)))
        #expect(tooDeep.diagnostics.map(\.id.rawValue) == ["xml.too-deep"])
        #expect(tooDeep.diagnostics.first?.rendered(.en).hasPrefix("deep.docx: error: part word/document.xml (1:") == true)
        #expect(tooDeep.diagnostics.first?.message.en.hasSuffix("elements nested too deeply: libxml2 allows 256 levels") == true)

        entries[1].text = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>"
        entries[1].suffix = "</w:body></w:document>"
        let xxe = DecisionDOCXReader.interpret(InputFile(displayPath: "xxe.docx", bytes: try HostileZip.make(entries)))
        #expect(rendered(xxe) == ["xxe.docx: error: part word/document.xml (1:22): DTDs are not allowed (<!DOCTYPE …>): the file may not declare a DTD or entities, so nothing outside it is read"])
        #expect(!rendered(xxe).joined().contains("root:"))
    }

    /// A sheet of 50,000 rows streams through (each row handed over and let go), and a
    /// cell past column 1,024 is one warning, not a row a million cells wide.
    @Test func hugeAndWideSheets() throws {
        let row = #"<row><c t="inlineStr"><is><t>1.000001</t></is></c><c t="inlineStr"><is><t>Thủ tục</t></is></c></row>"#
        let entries = HostileZip.workbook(sheet: HostileZip.sheetHead + #"<row r="1"><c r="A1" t="inlineStr"><is><t>DANH SÁCH THỦ TỤC HÀNH CHÍNH</t></is></c></row>"#
                                          + HostileZip.header.replacingOccurrences(of: "r=\"1\"", with: "r=\"2\"").replacingOccurrences(of: "A1", with: "A2").replacingOccurrences(of: "B1", with: "B2")
                                          + String(repeating: row, count: 1), repeatCount: 1,
                                          suffix: String(repeating: row, count: 49_999) + #"<row><c r="XFD9" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#)
        let reading = DecisionXLSXReader.interpret(InputFile(displayPath: "big.xlsx", bytes: try HostileZip.make(entries)))
        #expect(reading.isSnapshot && reading.listed.count == 50_000)
        #expect(reading.listed.last?.location.line == 50_002)
        #expect(rendered(reading) == ["big.xlsx:50003:16384: warning: the sheet has cells past column 1024; those cells are not read"])
    }
}
