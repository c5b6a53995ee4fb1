import CLibXML2
import Foundation
import Synchronization

/// What the streaming XML layer hands to a format reader: plain Swift values, never a
/// libxml2 pointer.
enum XMLStreamEvent {
    case start(XMLStartTag)
    /// Character data (text or CDATA) inside the current element.
    case text(String)
    case end(localName: String)
}

/// An element's start tag.
struct XMLStartTag {
    var localName: String
    var namespace: String
    /// Attribute values by local name (namespace declarations left out).
    var attributes: [String: String]
    /// The `<` of the start tag.
    var location: SourceLocation
}

/// Where the bytes of a document come from.
enum XMLByteSource {
    /// Bytes already in memory (an ``InputFile``).
    case memory([UInt8])
    /// A file read a block at a time, so memory does not grow with the file's size.
    case file(path: String)
}

/// Reads one XML document with libxml2's streaming reader (`xmlTextReader`), validating it
/// against an XSD as it goes, and turns what it finds into ``XMLStreamEvent``s and
/// ``Diagnostic``s.
///
/// Security: the parser runs with `XML_PARSE_NONET`, without `XML_PARSE_DTDLOAD`,
/// `XML_PARSE_NOENT`, `XML_PARSE_XINCLUDE` and `XML_PARSE_HUGE`; and no `<!DOCTYPE` ever
/// reaches it (``MarkupScanner`` stops the input first and reports `xml.dtd-forbidden`).
/// Only UTF-8 is read (`XML_PARSE_IGNORE_ENC` with UTF-8 forced), and libxml2's built-in
/// limits apply (element depth 256, text node size).
///
/// Memory stays constant in the file's size: the reader frees each node once it has moved
/// past it, the input is pulled a block at a time through `xmlReaderForIO` (so the guard
/// sees every byte before libxml2 does), and validation is streaming. Every libxml2 object
/// is owned by a ``LibXMLDocumentReader`` and freed when it goes away.
enum LibXMLStream {
    /// libxml2's error and warning messages past this many stop the reading.
    static let maximumDiagnostics = 100

    /// Streams the document to `body` and returns the diagnostics, sorted by position.
    /// `schema` is the XSD text (nil: not validated, as for the parts of an Office file);
    /// `namespace` is stripped from libxml2's messages, where it would only add noise
    /// (`{urn:tthc:decision:1}name` → `name`).
    static func read(_ source: XMLByteSource, displayPath: String, schema: String?, namespace: String,
                     _ body: (XMLStreamEvent) -> Void) -> [Diagnostic] {
        LibXMLSetup.once()
        let collector = DiagnosticCollector(displayPath: displayPath, namespace: namespace)
        let input: XMLInputStream
        do {
            input = try XMLInputStream(source, displayPath: displayPath)
        } catch {
            return error.diagnostics
        }
        collector.input = input
        // Errors libxml2 raises without a reader at hand (the parser's own, encoding
        // conversion) go to the thread's structured error handler. libxml2 keeps it per
        // thread; set it for this call only and put the previous one back.
        let savedHandler = __xmlStructuredError().pointee
        let savedContext = __xmlStructuredErrorContext().pointee
        let collectorPointer = Unmanaged.passUnretained(collector).toOpaque()
        xmlSetStructuredErrorFunc(collectorPointer, libxmlStructuredError)
        defer { xmlSetStructuredErrorFunc(savedContext, savedHandler) }

        withExtendedLifetime((collector, input)) {
            guard let document = LibXMLDocumentReader(input: input, displayPath: displayPath, schema: schema,
                                                      collector: collector) else { return }
            document.run(body)
        }
        return collector.finish(input: input)
    }
}

/// Calls `xmlInitParser` once per process, before any thread uses libxml2.
enum LibXMLSetup {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func once() { _ = initialized }
}

/// The parser options. See ``LibXMLStream`` for what is left out and why.
private let parserOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue
    | XML_PARSE_IGNORE_ENC.rawValue)

/// The embedded XSDs, each parsed once per process and kept for its lifetime. A parsed
/// `xmlSchema` is read-only during validation (every reader gets its own validation
/// context from `xmlTextReaderSetSchema`), so readers on several threads share it. Parsing
/// the schema was most of the cost of reading a small file.
///
/// The cache is a list searched with `==`, not a dictionary: there are two schemas, and the
/// texts are the same static strings every time, which `==` recognises by their storage
/// without reading them, whereas a dictionary would hash every byte of the schema (with
/// Unicode normalisation, for its Vietnamese comments) on every file read.
private enum SchemaCache {
    private struct Entry: @unchecked Sendable { let text: String; let schema: xmlSchemaPtr? }
    private static let parsed = Mutex<[Entry]>([])

    static func schema(for text: String) -> xmlSchemaPtr? {
        parsed.withLock { cache in
            if let hit = cache.first(where: { $0.text == text }) { return hit.schema }
            let schema = parse(text)
            cache.append(Entry(text: text, schema: schema))
            return schema
        }
    }

    private static func parse(_ text: String) -> xmlSchemaPtr? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> xmlSchemaPtr? in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            guard let parser = xmlSchemaNewMemParserCtxt(base, Int32(buffer.count)) else { return nil }
            defer { xmlSchemaFreeParserCtxt(parser) }
            return xmlSchemaParse(parser)
        }
    }
}

/// Owns a `xmlTextReader`, validating with a shared parsed schema; frees the reader in `deinit`.
private final class LibXMLDocumentReader {
    private let reader: OpaquePointer
    private let input: XMLInputStream
    private let collector: DiagnosticCollector
    private let displayPath: String

    private let validating: Bool

    init?(input: XMLInputStream, displayPath: String, schema schemaText: String?, collector: DiagnosticCollector) {
        self.input = input
        self.collector = collector
        self.displayPath = displayPath
        validating = schemaText != nil
        let context = Unmanaged.passUnretained(collector).toOpaque()
        var parsed: xmlSchemaPtr?
        if let schemaText {
            parsed = SchemaCache.schema(for: schemaText)
            guard parsed != nil else {
                collector.internalError("the embedded XSD schema does not parse")
                return nil
            }
        }
        let streamPointer = Unmanaged.passUnretained(input).toOpaque()
        guard let reader = xmlReaderForIO(xmlStreamRead, xmlStreamClose, streamPointer, displayPath, "UTF-8",
                                          parserOptions) else {
            collector.internalError("libxml2 could not create a reader")
            return nil
        }
        self.reader = reader
        collector.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, libxmlStructuredError, context)
        if let parsed, xmlTextReaderSetSchema(reader, parsed) != 0 {
            collector.internalError("libxml2 could not attach the XSD schema")
        }
    }

    deinit {
        collector.reader = nil
        xmlFreeTextReader(reader)
    }

    func run(_ body: (XMLStreamEvent) -> Void) {
        var status: Int32 = 1
        while !collector.tooMany {
            status = xmlTextReaderRead(reader)
            guard status == 1 else { break }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let tag = startTag()
                body(.start(tag))
                if xmlTextReaderIsEmptyElement(reader) == 1 { body(.end(localName: tag.localName)) }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                body(.end(localName: string(xmlTextReaderConstLocalName(reader))))
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                body(.text(string(xmlTextReaderConstValue(reader))))
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue),
                 Int32(XML_READER_TYPE_ENTITY.rawValue):
                // Unreachable while the guard stops every DOCTYPE; kept so that a DTD
                // could never be accepted silently.
                collector.dtdForbidden(line: Int(xmlTextReaderGetParserLineNumber(reader)),
                                       column: Int(xmlTextReaderGetParserColumnNumber(reader)))
                return
            default:
                break // comments, processing instructions
            }
        }
        if status == -1 || collector.tooMany {
            collector.readingStopped(line: Int(xmlTextReaderGetParserLineNumber(reader)),
                                     column: Int(xmlTextReaderGetParserColumnNumber(reader)))
        } else if validating, xmlTextReaderIsValid(reader) != 1 {
            collector.invalidWithoutMessage(line: Int(xmlTextReaderGetParserLineNumber(reader)),
                                            column: Int(xmlTextReaderGetParserColumnNumber(reader)))
        }
    }

    private func startTag() -> XMLStartTag {
        let localName = string(xmlTextReaderConstLocalName(reader))
        let namespace = string(xmlTextReaderConstNamespaceUri(reader))
        var attributes: [String: String] = [:]
        if xmlTextReaderMoveToFirstAttribute(reader) == 1 {
            repeat {
                if xmlTextReaderIsNamespaceDecl(reader) != 1 {
                    attributes[string(xmlTextReaderConstLocalName(reader))] = string(xmlTextReaderConstValue(reader))
                }
            } while xmlTextReaderMoveToNextAttribute(reader) == 1
            xmlTextReaderMoveToElement(reader)
        }
        let position = input.scanner.nextElementStart()
            ?? (Int(xmlTextReaderGetParserLineNumber(reader)), Int(xmlTextReaderGetParserColumnNumber(reader)))
        return XMLStartTag(localName: localName, namespace: namespace, attributes: attributes,
                           location: SourceLocation(file: displayPath, line: position.line, column: position.column))
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

/// The input side of `xmlReaderForIO`: bytes from memory or a file, passed through the
/// ``MarkupScanner`` guard before libxml2 sees them.
final class XMLInputStream {
    private let source: XMLByteSource
    private var offset = 0
    private var fileHandle: FileHandle?
    private(set) var readError: String?
    /// Whether the source has said it has no more bytes.
    private(set) var reachedEnd = false
    var scanner = MarkupScanner()

    /// Opens a file source the way ``InputFile/read(_:displayPath:)`` does: regular files
    /// only, so a FIFO or a device is refused instead of waited on or read without end.
    init(_ source: XMLByteSource, displayPath: String) throws(InputError) {
        self.source = source
        if case .file(let path) = source {
            let (fd, _) = try InputFile.openRegularFile(path, displayPath: displayPath)
            fileHandle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        }
    }

    deinit { try? fileHandle?.close() }

    /// Fills `buffer` with up to `capacity` bytes; 0 at the end, -1 on a read error.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int32 {
        var count = 0
        switch source {
        case .memory(let bytes):
            count = min(capacity, bytes.count - offset)
            if count > 0 {
                bytes.withUnsafeBufferPointer { all in
                    buffer.update(from: all.baseAddress! + offset, count: count)
                }
            }
        case .file:
            guard let fileHandle else { return 0 }
            let fd = fileHandle.fileDescriptor
            while true {
                let r = Foundation.read(fd, buffer, capacity)
                if r >= 0 { count = r; break }
                if errno == EINTR { continue }
                readError = String(cString: strerror(errno))
                return -1
            }
        }
        offset += count
        if count == 0 { reachedEnd = true }
        return Int32(scanner.scan(UnsafeBufferPointer(start: buffer, count: count)))
    }
}

private let xmlStreamRead: xmlInputReadCallback = { context, buffer, length in
    guard let context, let buffer, length > 0 else { return -1 }
    let stream = Unmanaged<XMLInputStream>.fromOpaque(context).takeUnretainedValue()
    return buffer.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
        stream.read(into: $0, capacity: Int(length))
    }
}

private let xmlStreamClose: xmlInputCloseCallback = { _ in 0 }

private let libxmlStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue().receive(error.pointee)
}

/// Turns libxml2's errors into ``Diagnostic``s with file, line, column and a message in both
/// languages. libxml2's English text is kept (it is precise); the Vietnamese text says in
/// Vietnamese what kind of problem it is and quotes it.
final class DiagnosticCollector {
    let displayPath: String
    private let namespace: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Set while reading, so that schema errors (which carry no column) can take the
    /// parser's position.
    var reader: OpaquePointer?
    /// The input, to tell a truncated or empty file from other errors at the end.
    weak var input: XMLInputStream?
    private(set) var tooMany = false
    private var stoppedByGuard = false

    init(displayPath: String, namespace: String) {
        self.displayPath = displayPath
        self.namespace = namespace
    }

    private func location(_ line: Int?, _ column: Int?) -> SourceLocation {
        SourceLocation(file: displayPath, line: line.map { max($0, 1) }, column: column.map { max($0, 1) })
    }

    private func add(_ d: Diagnostic) {
        guard !tooMany else { return }
        if diagnostics.count >= LibXMLStream.maximumDiagnostics {
            tooMany = true
            diagnostics.append(Diagnostic(.error, "xml.too-many-errors", at: d.location, LocalizedText(
                vi: "quá nhiều lỗi; dừng đọc tệp sau \(LibXMLStream.maximumDiagnostics) lỗi",
                en: "too many errors; stopped reading after \(LibXMLStream.maximumDiagnostics)")))
            return
        }
        diagnostics.append(d)
    }

    func receive(_ error: xmlError) {
        let raw = error.message.map { String(cString: $0) } ?? "unknown error"
        let message = clean(raw)
        let severity: Severity = error.level == XML_ERR_WARNING ? .warning : .error
        var line = Int(error.line)
        var column: Int? = error.int2 > 0 ? Int(error.int2) : nil
        if let reader, column == nil || line == 0 {
            // Schema errors carry a line but no column; the parser is still where the
            // error was raised (just after the tag concerned).
            let parserLine = Int(xmlTextReaderGetParserLineNumber(reader))
            if line == 0 || line == parserLine {
                line = parserLine
                column = Int(xmlTextReaderGetParserColumnNumber(reader))
            }
        }
        let at = location(line > 0 ? line : nil, column)
        if error.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            add(Diagnostic(severity, "xml.schema", at: at, LocalizedText(
                vi: "sai lược đồ XSD — libxml2 báo: \(message)",
                en: "XSD schema violation: \(message)")))
        } else if error.domain == Int32(XML_FROM_SCHEMASP.rawValue) {
            internalError(message)
        } else if error.code == Int32(XML_ERR_DOCUMENT_END.rawValue) || error.code == Int32(XML_ERR_DOCUMENT_EMPTY.rawValue),
                  let input, input.reachedEnd, input.scanner.stop == nil, !input.scanner.sawElement {
            add(Diagnostic(.error, "xml.no-root", at: location(1, 1), LocalizedText(
                vi: "tệp không có phần tử XML nào (tệp rỗng?)", en: "the file holds no XML element (empty file?)")))
        } else if error.code == Int32(XML_ERR_DOCUMENT_END.rawValue),
                  let input, input.reachedEnd, input.scanner.stop == nil, input.scanner.openElements > 0 {
            // libxml2's streaming parser calls a cut-off document "extra content at the end".
            let open = input.scanner.openElements
            add(Diagnostic(.error, "xml.truncated", at: at, LocalizedText(
                vi: "tệp kết thúc khi còn \(open) phần tử chưa đóng (tệp bị cắt cụt?)",
                en: "the file ends with \(open) element\(open == 1 ? "" : "s") still open (truncated?)")))
        } else if message.hasPrefix("Excessive depth in document") {
            let limit = message.split(whereSeparator: { !$0.isNumber }).first.map(String.init) ?? "256"
            add(Diagnostic(.error, "xml.too-deep", at: at, LocalizedText(
                vi: "phần tử lồng nhau quá sâu: libxml2 chỉ cho phép \(limit) mức",
                en: "elements nested too deeply: libxml2 allows \(limit) levels")))
        } else if message.contains("huge text node") || message.contains("Text node too long") {
            // libxml2 without XML_PARSE_HUGE stops at a text of 10,000,000 bytes; its own
            // words ("xmlSAX2Characters: huge text node") do not tell staff what to fix.
            add(Diagnostic(.error, "xml.text-too-long", at: at, LocalizedText(
                vi: "đoạn văn bản dài hơn 10.000.000 byte: libxml2 không đọc đoạn văn bản dài như vậy (có dán nhầm cả một tệp vào một phần tử?)",
                en: "a text longer than 10,000,000 bytes: libxml2 does not read text that long (was a whole file pasted into one element?)")))
        } else if message.hasPrefix("Input is not proper UTF-8") {
            let bytes = message.range(of: "Bytes:").map { String(message[$0.lowerBound...]) } ?? ""
            add(Diagnostic(.error, "xml.encoding", at: at, LocalizedText(
                vi: "tệp XML phải mã hoá UTF-8; gặp byte không hợp lệ (\(bytes))",
                en: "XML files must be encoded in UTF-8; found invalid bytes (\(bytes))")))
        } else {
            add(Diagnostic(severity, "xml.malformed", at: at, LocalizedText(
                vi: "XML không hợp lệ — libxml2 báo: \(message)",
                en: "malformed XML: \(message)")))
        }
    }

    /// libxml2's message on one line, without the namespace of our own format.
    private func clean(_ raw: String) -> String {
        DiagnosticCollector.oneLine(raw, removing: "{\(namespace)}")
    }

    /// `raw` without any occurrence of `qualifier`, trailing spaces and line breaks dropped,
    /// and each run of line breaks inside it (LF, VT, FF, CR, NEL, LS, PS) made one space.
    /// Works on UTF-8 bytes: every libxml2 error passes through here, and fuzzed input makes
    /// thousands of them a second. ``oneLineByCharacters(_:removing:)`` is the reference; the
    /// two differ only where a combining mark follows the qualifier (Foundation's search
    /// then finds no match), which cannot happen here: the qualifier precedes a name.
    static func oneLine(_ raw: String, removing qualifier: String) -> String {
        let bytes = Array(raw.utf8)
        let cut = Array(qualifier.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingBreak = false
        var i = 0
        while i < bytes.count {
            if !cut.isEmpty, bytes[i] == cut[0], bytes.count - i >= cut.count,
               bytes[i..<(i + cut.count)].elementsEqual(cut) {
                i += cut.count
                continue
            }
            let breakLength = lineBreakLength(bytes, at: i)
            if breakLength > 0 {
                pendingBreak = !out.isEmpty
                i += breakLength
                continue
            }
            if pendingBreak { out.append(0x20) }
            pendingBreak = false
            out.append(bytes[i])
            i += 1
        }
        // Spaces before a trailing break, or at the very end, go too.
        while out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The byte length of the line break starting at `i` in UTF-8, or 0.
    private static func lineBreakLength(_ b: [UInt8], at i: Int) -> Int {
        switch b[i] {
        case 0x0A...0x0D: return 1
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0x85: return 2
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9): return 3
        default: return 0
        }
    }

    /// The reference form of ``oneLine(_:removing:)``, on Characters with Foundation.
    static func oneLineByCharacters(_ raw: String, removing qualifier: String) -> String {
        var s = raw.replacingOccurrences(of: qualifier, with: "")
        while let last = s.last, last.isNewline || last == " " { s.removeLast() }
        return s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    func internalError(_ message: String) {
        add(Diagnostic(.error, "xml.internal", at: location(nil, nil), LocalizedText(
            vi: "lỗi nội bộ khi đọc XML: \(message)", en: "internal error while reading XML: \(message)")))
    }

    func dtdForbidden(line: Int, column: Int) {
        add(Diagnostic(.error, "xml.dtd-forbidden", at: location(line, column), LocalizedText(
            vi: "không cho phép DTD (<!DOCTYPE …>): tệp không được khai báo DTD hay thực thể, để không đọc gì ngoài tệp",
            en: "DTDs are not allowed (<!DOCTYPE …>): the file may not declare a DTD or entities, so nothing outside it is read")))
    }

    /// libxml2 stopped with an error; make sure one is reported.
    func readingStopped(line: Int, column: Int) {
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
        add(Diagnostic(.error, "xml.malformed", at: location(line, column), LocalizedText(
            vi: "XML không hợp lệ: libxml2 dừng đọc tại đây", en: "malformed XML: libxml2 stopped reading here")))
    }

    /// The validator said no without a message; make sure an error is reported.
    func invalidWithoutMessage(line: Int, column: Int) {
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
        add(Diagnostic(.error, "xml.schema", at: location(line, column), LocalizedText(
            vi: "sai lược đồ XSD", en: "XSD schema violation")))
    }

    /// The diagnostics once reading is over: the guard's finding replaces whatever libxml2
    /// said about the input being cut short.
    func finish(input: XMLInputStream) -> [Diagnostic] {
        if let message = input.readError {
            return [Diagnostic(.error, "file.unreadable", at: location(nil, nil), LocalizedText(
                vi: "không đọc được tệp: \(message)", en: "cannot read the file: \(message)"))]
        }
        switch input.scanner.stop {
        case .doctype(let line, let column)?:
            // libxml2 saw the input end just before the DOCTYPE; what it said from there on
            // is about the cut, not the document.
            let cut = location(line, column)
            diagnostics.removeAll { !($0.location < cut) }
            tooMany = false
            dtdForbidden(line: line, column: column)
        case .tooManyAttributes(let line, let column)?:
            let cut = location(line, column)
            diagnostics.removeAll { !($0.location < cut) }
            tooMany = false
            diagnostics.append(Diagnostic(.error, "xml.too-many-attributes", at: cut, LocalizedText(
                vi: "phần tử có hơn \(MarkupScanner.attributeLimit) thuộc tính: tệp không phải danh mục (các phần tử của định dạng có nhiều nhất sáu thuộc tính); không đọc tiếp",
                en: "an element with more than \(MarkupScanner.attributeLimit) attributes: this is not a listing (the format's elements have at most six); not read further")))
        case .notUTF8(let encoding)?:
            diagnostics = [Diagnostic(.error, "xml.encoding", at: location(1, 1), LocalizedText(
                vi: "tệp XML phải mã hoá UTF-8 (tệp này có vẻ là \(encoding))",
                en: "XML files must be encoded in UTF-8 (this one looks like \(encoding))"))]
        case nil:
            break
        }
        return diagnostics
    }
}

// MARK: HTML

/// Why an HTML page could not be read.
enum HTMLFailure: Error {
    case tooLarge(Int)
    case tooDeep(line: Int)
    case unparsable
}

/// Reads a saved web page with libxml2's HTML parser and hands its tree to `body` as
/// ``XMLStreamEvent``s in document order (element names lowercased as the parser gives
/// them; `<script>`, `<style>`, comments and processing instructions left out).
///
/// Security: `HTML_PARSE_NONET` (nothing outside the file is ever fetched), no
/// `HTML_PARSE_HUGE` (libxml2's own text and name limits stay), errors and warnings
/// silenced (`HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING`: the HTML parser recovers from
/// broken markup, which is what a saved page needs) and the thread's structured error
/// handler set to nothing for the call. HTML has no external entities; only the built-in
/// named ones ("&nbsp;") are expanded. The input is refused above ``maximumBytes`` before
/// libxml2 sees it, and the tree is walked without recursion, refused past
/// ``maximumDepth`` levels. The document is freed before return.
enum LibXMLHTML {
    static let maximumBytes = 20_000_000
    static let maximumDepth = 256

    static func read(_ bytes: [UInt8], displayPath: String, _ body: (XMLStreamEvent) -> Void) throws(HTMLFailure) {
        guard bytes.count <= maximumBytes else { throw .tooLarge(bytes.count) }
        LibXMLSetup.once()
        let savedHandler = __xmlStructuredError().pointee
        let savedContext = __xmlStructuredErrorContext().pointee
        // Messages are not shown (the parser recovers from broken markup), but libxml2's
        // own depth limit stops the tree silently: that one is recorded and reported.
        let watch = HTMLErrorWatch()
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(watch).toOpaque(), watchStructuredError)
        defer { xmlSetStructuredErrorFunc(savedContext, savedHandler) }
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue)
        // A page that is valid UTF-8 is read as UTF-8 whatever it declares (browsers save
        // in UTF-8; libxml2 would otherwise take a page without <meta charset> for
        // ISO-8859-1); any other is left to its <meta charset>.
        let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), displayPath, isUTF8 ? "UTF-8" : nil, options)
            }
        }
        guard let document else {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return }
            throw .unparsable
        }
        defer { xmlFreeDoc(document) }
        if let line = watch.tooDeepAt { throw .tooDeep(line: line) }
        guard let root = xmlDocGetRootElement(document) else { return }
        // Depth-first without recursion: `node` is the next node to enter.
        var node: xmlNodePtr? = root
        var depth = 0
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = String(cString: current.pointee.name).lowercased()
                if name != "script", name != "style", name != "noscript", name != "template" {
                    var attributes: [String: String] = [:]
                    var attribute = current.pointee.properties
                    while let a = attribute {
                        let key = String(cString: a.pointee.name).lowercased()
                        if key == "colspan" || key == "rowspan", let value = a.pointee.children?.pointee.content {
                            attributes[key] = String(cString: value)
                        }
                        attribute = a.pointee.next
                    }
                    let line = Int(xmlGetLineNo(current))
                    body(.start(XMLStartTag(localName: name, namespace: "", attributes: attributes,
                                            location: SourceLocation(file: displayPath, line: max(line, 1)))))
                    descend = true
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { body(.text(String(cString: content))) }
            default:
                break
            }
            if descend, let child = current.pointee.children {
                depth += 1
                if depth > maximumDepth { throw .tooDeep(line: Int(xmlGetLineNo(child))) }
                node = child
                continue
            }
            if descend { body(.end(localName: String(cString: current.pointee.name).lowercased())) }
            // Up until a next sibling, closing the elements left.
            var up = current
            node = nil
            while up != root {
                if let next = up.pointee.next {
                    node = next
                    break
                }
                guard let parent = up.pointee.parent else { break }
                depth -= 1
                body(.end(localName: String(cString: parent.pointee.name).lowercased()))
                up = parent
            }
        }
    }
}

/// What the HTML parser said that matters: only its depth limit.
private final class HTMLErrorWatch {
    var tooDeepAt: Int?
}

private let watchStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error, let message = error.pointee.message else { return }
    let watch = Unmanaged<HTMLErrorWatch>.fromOpaque(context).takeUnretainedValue()
    if watch.tooDeepAt == nil, String(cString: message).hasPrefix("Excessive depth in document") {
        watch.tooDeepAt = max(Int(error.pointee.line), 1)
    }
}
