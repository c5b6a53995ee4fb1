import TTHCKit
import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif

/// The path every fuzzed input is read as; each diagnostic must name it.
public let fuzzPath = "fuzz/input"

/// The input as an ``InputFile`` named ``fuzzPath``.
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> InputFile {
    InputFile(displayPath: fuzzPath, bytes: Array(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)))
}

/// What must hold for any reader on any input: a missing value is explained by at least
/// one error; every diagnostic names the input file, points at a line and column that
/// exist (1-based, within the file), has an id and says something in both languages.
/// A violation stops the fuzzer with the reason, so it is kept as a crash.
///
/// `office`: the input is a Word or Excel file (or a part of one), whose places are rows,
/// paragraphs and sheets, not lines of its bytes: a diagnostic may name the file with a
/// sheet (`fuzz/input[Sheet1]`) and its line is only checked to be ≥ 1.
public func checkReadResult<Value>(_ result: ReadResult<Value>, _ file: InputFile, office: Bool = false) {
    let errors = result.diagnostics.filter { $0.severity == .error }
    if result.value == nil && errors.isEmpty {
        fatalError("no value and no error; diagnostics: \(result.diagnostics.map { $0.rendered(.en) })")
    }
    let lines = office ? Int.max : lineCount(file.bytes)
    for d in result.diagnostics {
        // Rendered only to explain a failure: most inputs have many diagnostics.
        let named = d.location.file == file.displayPath || office && d.location.file.hasPrefix(file.displayPath + "[")
        guard named else { fatalError("diagnostic names another file: \(d.rendered(.en))") }
        guard !d.id.rawValue.isEmpty, !d.message.vi.isEmpty, !d.message.en.isEmpty else { fatalError("empty diagnostic: \(d.rendered(.en))") }
        if let line = d.location.line, line < 1 || line > lines {
            fatalError("line \(line) outside a file of \(lines) lines: \(d.rendered(.en))")
        }
        if let column = d.location.column, column < 1 { fatalError("column \(column): \(d.rendered(.en))") }
    }
}

/// Hands the process to libFuzzer with `body` as the target; returns libFuzzer's exit code.
public func runFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, body))
}

/// An upper bound on the lines an editor shows: one more than the line breaks, counting
/// CR LF once and a lone CR, LF, NEL, LS and PS each once (YAML knows all five; CSV the
/// first three). Counted on bytes and meant for UTF-8 and UTF-16 alike, so it over-counts
/// (any 0x85, 0xA8 or 0xA9 byte, any 0x20 0x28/0x29 pair) and never under-counts.
public func lineCount(_ b: [UInt8]) -> Int {
    var n = 1
    var i = 0
    while i < b.count {
        switch b[i] {
        case 0x0D:
            n += 1
            if i + 1 < b.count, b[i + 1] == 0x0A { i += 1 }
        case 0x0A, 0x85, 0xA8, 0xA9:
            n += 1
        case 0x20 where i + 1 < b.count && (b[i + 1] == 0x28 || b[i + 1] == 0x29):
            n += 1
        case 0x28 where i + 1 < b.count && b[i + 1] == 0x20, 0x29 where i + 1 < b.count && b[i + 1] == 0x20:
            n += 1
        default:
            break
        }
        i += 1
    }
    return n
}

/// The reader invariant for a whole decision document (a saved web page, a PDF).
public func checkDocument(_ file: InputFile, kind: DocumentListingReader.Kind) {
    let reading = DocumentListingReader.read(file, kind: kind)
    checkReadResult(ReadResult(value: reading.annex.changes, diagnostics: reading.annex.diagnostics), file)
}

/// An annex reading as a ``ReadResult``: its changes, or nil when it has an error.
public func readResult(_ reading: AnnexReading) -> ReadResult<[ProcedureChange]> {
    ReadResult(value: reading.diagnostics.contains { $0.severity == .error } ? nil : reading.changes,
               diagnostics: reading.diagnostics)
}

/// The parts of a minimal workbook around `sheet` (one sheet, a few shared strings, a
/// date style), so that fuzzed bytes reach the sheet reader without a ZIP container.
public func workbookParts(sheet: [UInt8]) -> [String: [UInt8]] {
    let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return [
        "_rels/.rels": Array("<Relationships><Relationship Id=\"r\" Type=\"\(rels)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8),
        "xl/workbook.xml": Array("<workbook><workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" r:id=\"s\"/><sheet name=\"T\" r:id=\"s\"/></sheets></workbook>".utf8),
        "xl/_rels/workbook.xml.rels": Array(("<Relationships><Relationship Id=\"s\" Type=\"\(rels)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"t\" Type=\"\(rels)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            + "<Relationship Id=\"u\" Type=\"\(rels)/styles\" Target=\"styles.xml\"/></Relationships>").utf8),
        "xl/sharedStrings.xml": Array("<sst><si><t>STT</t></si><si><t>Mã TTHC</t></si><si><t>Tên thủ tục hành chính</t></si><si><r><t>1. Danh mục thủ tục hành chính </t></r><r><t>mới ban hành</t></r></si></sst>".utf8),
        "xl/styles.xml": Array("<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"0.000000\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>".utf8),
        "xl/worksheets/sheet1.xml": sheet,
    ]
}

/// The parts of a minimal Word document around `document` (word/document.xml).
public func documentParts(document: [UInt8]) -> [String: [UInt8]] {
    ["_rels/.rels": Array("<Relationships><Relationship Id=\"r\" Type=\"x/officeDocument\" Target=\"word/document.xml\"/></Relationships>".utf8),
     "word/document.xml": document]
}
