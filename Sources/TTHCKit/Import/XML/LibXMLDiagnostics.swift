import CLibXML2
import Foundation
import Synchronization

/// Turns libxml2's errors into ``Diagnostic``s with file, line, column and a message in both
/// languages. libxml2's English text is kept (it is precise); the Vietnamese text says in
/// Vietnamese what kind of problem it is and quotes it.
final class DiagnosticCollector {
    let displayPath: String
    private let namespace: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Set while reading, so that schema errors (which carry no column) can take the
    /// parser's position, and so that reading stops once there are too many errors.
    var parser: xmlParserCtxtPtr?

    /// The parser's line and column (`nil` when not reading).
    var parserPosition: (line: Int, column: Int)? {
        guard let input = parser?.pointee.input else { return nil }
        return (Int(input.pointee.line), Int(input.pointee.col))
    }
    /// The input as far as the parser has been given it, to tell a truncated or empty file
    /// from other errors at the end. Set by the parsing thread, with each chunk it takes.
    var given = GuardedInput()
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
            if let parser { halt(parser) }
            diagnostics.append(Diagnostic(.error, .xmlTooManyErrors, at: d.location, LocalizedText(
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
        if let parser = parserPosition, column == nil || line == 0 {
            // Schema errors carry a line but no column; the parser is still where the
            // error was raised (just after the tag concerned).
            if line == 0 || line == parser.line {
                line = parser.line
                column = parser.column
            }
        }
        let at = location(line > 0 ? line : nil, column)
        if error.domain == Int32(XML_FROM_SCHEMASV.rawValue) {
            add(Diagnostic(severity, .xmlSchema, at: at, LocalizedText(
                vi: "sai lược đồ XSD — libxml2 báo: \(message)",
                en: "XSD schema violation: \(message)")))
        } else if error.domain == Int32(XML_FROM_SCHEMASP.rawValue) {
            internalError(message)
        } else if error.code == Int32(XML_ERR_DOCUMENT_END.rawValue) || error.code == Int32(XML_ERR_DOCUMENT_EMPTY.rawValue),
                  given.reachedEnd, given.stop == nil, !given.sawElement {
            add(Diagnostic(.error, .xmlNoRoot, at: location(1, 1), LocalizedText(
                vi: "tệp không có phần tử XML nào (tệp rỗng?)", en: "the file holds no XML element (empty file?)")))
        } else if error.code == Int32(XML_ERR_DOCUMENT_END.rawValue),
                  given.reachedEnd, given.stop == nil, given.openElements > 0 {
            // libxml2's streaming parser calls a cut-off document "extra content at the end".
            let open = given.openElements
            add(Diagnostic(.error, .xmlTruncated, at: at, LocalizedText(
                vi: "tệp kết thúc khi còn \(open) phần tử chưa đóng (tệp bị cắt cụt?)",
                en: "the file ends with \(English.count(open, "element")) still open (truncated?)")))
        } else if message.hasPrefix("Excessive depth in document") {
            let limit = message.split(whereSeparator: { !$0.isNumber }).first.map(String.init) ?? "256"
            tooDeep(at: at, limit: limit)
        } else if message.contains("huge text node") || message.contains("Text node too long") {
            textTooLong(at: at)
        } else if message.hasPrefix("Input is not proper UTF-8") {
            let bytes = message.range(of: "Bytes:").map { String(message[$0.lowerBound...]) } ?? ""
            add(Diagnostic(.error, .xmlEncoding, at: at, LocalizedText(
                vi: "tệp XML phải mã hoá UTF-8; gặp byte không hợp lệ (\(bytes))",
                en: "XML files must be encoded in UTF-8; found invalid bytes (\(bytes))")))
        } else {
            add(Diagnostic(severity, .xmlMalformed, at: at, LocalizedText(
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

    /// Elements nested deeper than libxml2's limit (`xmlParserMaxDepth`).
    func tooDeep(at location: SourceLocation, limit: String) {
        add(Diagnostic(.error, .xmlTooDeep, at: location, LocalizedText(
            vi: "phần tử lồng nhau quá sâu: libxml2 chỉ cho phép \(limit) mức",
            en: "elements nested too deeply: libxml2 allows \(limit) levels")))
    }

    /// Elements nested deeper than libxml2's limit, found by the SAX reader, which builds
    /// no tree and so is not stopped by libxml2's own check; at the parser's position, as
    /// libxml2 reports it.
    func tooDeep(limit: UInt32) {
        tooDeep(at: parserLocation, limit: String(limit))
    }

    func textTooLong(at location: SourceLocation) {
        // libxml2 without XML_PARSE_HUGE stops at a text of 10,000,000 bytes; its own
        // words ("xmlSAX2Characters: huge text node") do not tell staff what to fix.
        add(Diagnostic(.error, .xmlTextTooLong, at: location, LocalizedText(
            vi: "đoạn văn bản dài hơn 10.000.000 byte: libxml2 không đọc đoạn văn bản dài như vậy (có dán nhầm cả một tệp vào một phần tử?)",
            en: "a text longer than 10,000,000 bytes: libxml2 does not read text that long (was a whole file pasted into one element?)")))
    }

    /// A text longer than libxml2's limit, found by the SAX reader (see ``tooDeep(limit:)``).
    func textTooLong() {
        textTooLong(at: parserLocation)
    }

    /// The parser's position as libxml2 gives it in an error it raises.
    private var parserLocation: SourceLocation {
        let (line, column) = parserPosition ?? (0, 0)
        return location(line > 0 ? line : nil, column > 0 ? column : nil)
    }

    func internalError(_ message: String) {
        add(Diagnostic(.error, .xmlInternal, at: location(nil, nil), LocalizedText(
            vi: "lỗi nội bộ khi đọc XML: \(message)", en: "internal error while reading XML: \(message)")))
    }

    func dtdForbidden(line: Int, column: Int) {
        add(Diagnostic(.error, .xmlDtdForbidden, at: location(line, column), LocalizedText(
            vi: "không cho phép DTD (<!DOCTYPE …>): tệp không được khai báo DTD hay thực thể, để không đọc gì ngoài tệp",
            en: "DTDs are not allowed (<!DOCTYPE …>): the file may not declare a DTD or entities, so nothing outside it is read")))
    }

    /// libxml2 stopped with an error; make sure one is reported.
    func readingStopped(line: Int, column: Int) {
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
        add(Diagnostic(.error, .xmlMalformed, at: location(line, column), LocalizedText(
            vi: "XML không hợp lệ: libxml2 dừng đọc tại đây", en: "malformed XML: libxml2 stopped reading here")))
    }

    /// The validator said no without a message; make sure an error is reported.
    func invalidWithoutMessage(line: Int, column: Int) {
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return }
        add(Diagnostic(.error, .xmlSchema, at: location(line, column), LocalizedText(
            vi: "sai lược đồ XSD", en: "XSD schema violation")))
    }

    /// The diagnostics once reading is over: the guard's finding replaces whatever libxml2
    /// said about the input being cut short.
    func finish() -> [Diagnostic] {
        if let message = given.readError {
            return [Diagnostic(.error, .fileUnreadable, at: location(nil, nil), LocalizedText(
                vi: "không đọc được tệp: \(message)", en: "cannot read the file: \(message)"))]
        }
        switch given.stop {
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
            diagnostics.append(Diagnostic(.error, .xmlTooManyAttributes, at: cut, LocalizedText(
                vi: "phần tử có hơn \(MarkupScanner.attributeLimit) thuộc tính: tệp không phải danh mục (các phần tử của định dạng có nhiều nhất sáu thuộc tính); không đọc tiếp",
                en: "an element with more than \(MarkupScanner.attributeLimit) attributes: this is not a listing (the format's elements have at most six); not read further")))
        case .notUTF8(let encoding)?:
            diagnostics = [Diagnostic(.error, .xmlEncoding, at: location(1, 1), LocalizedText(
                vi: "tệp XML phải mã hoá UTF-8 (tệp này có vẻ là \(encoding))",
                en: "XML files must be encoded in UTF-8 (this one looks like \(encoding))"))]
        case nil:
            break
        }
        return diagnostics
    }
}
