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
let parserOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue
    | XML_PARSE_IGNORE_ENC.rawValue)

/// Owns a `xmlTextReader`, validating with a shared parsed schema; frees the reader in `deinit`.
final class LibXMLDocumentReader {
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
