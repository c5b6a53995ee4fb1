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
    var attributes: XMLAttributes
    /// The `<` of the start tag.
    var location: SourceLocation
}

/// An element's attributes, by local name. A tag has a handful, so they are kept in order
/// in a small array and looked up by comparing names: no hashing and no table for each
/// element of a large listing.
struct XMLAttributes {
    private var pairs: [(name: String, value: String)] = []

    /// The value of the attribute called `name`; setting one that is there replaces it.
    subscript(name: String) -> String? {
        get { pairs.first { $0.name == name }?.value }
        set {
            if let i = pairs.firstIndex(where: { $0.name == name }) {
                if let newValue { pairs[i].value = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((name, newValue))
            }
        }
    }

    /// Adds an attribute the parser has already checked is not there yet.
    mutating func append(_ name: String, _ value: String) {
        pairs.append((name, value))
    }
}

/// Where the bytes of a document come from.
enum XMLByteSource {
    /// Bytes already in memory (an ``InputFile``).
    case memory([UInt8])
    /// A file read a block at a time, so memory does not grow with the file's size.
    case file(path: String)
}

/// Reads one XML document with libxml2's push parser and SAX2 callbacks, validating it
/// against an XSD as it goes, and turns what it finds into ``XMLStreamEvent``s and
/// ``Diagnostic``s.
///
/// Security: the parser runs with `XML_PARSE_NONET`, without `XML_PARSE_DTDLOAD`,
/// `XML_PARSE_NOENT`, `XML_PARSE_XINCLUDE` and `XML_PARSE_HUGE`; and no `<!DOCTYPE` ever
/// reaches it (``MarkupScanner`` stops the input first and reports `xml.dtd-forbidden`).
/// Only UTF-8 is read (`XML_PARSE_IGNORE_ENC` with UTF-8 forced), and libxml2's built-in
/// limits apply (element depth 256, text node size).
///
/// Memory stays constant in the file's size: no tree is built, the input is handed over a
/// block at a time after the guard has seen it (so the guard sees every byte before
/// libxml2 does), and validation is streaming. Every libxml2 object
/// is owned by a ``LibXMLDocumentReader`` and freed when it goes away.
enum LibXMLStream {
    /// libxml2's error and warning messages past this many stop the reading.
    static let maximumDiagnostics = 100

    /// Streams the document to `body` and returns the diagnostics, sorted by position.
    /// `schema` is the XSD text (nil: not validated, as for the parts of an Office file);
    /// `namespace` is stripped from libxml2's messages, where it would only add noise
    /// (`{urn:tthc:decision:1}name` → `name`).
    ///
    /// A document of ``pipelineThreshold`` bytes or more, on a machine with more than one
    /// core, is parsed on a thread of its own while the calling thread hands the events to
    /// `body` (``LibXMLDocumentReader/runOnSecondThread(_:errorContext:)``); `pipelined`
    /// overrides that choice (for tests). The events, their order and the diagnostics are
    /// the same either way.
    static func read(_ source: XMLByteSource, displayPath: String, schema: String?, namespace: String,
                     pipelined: Bool? = nil, _ body: (XMLStreamEvent) -> Void) -> [Diagnostic] {
        LibXMLSetup.once()
        let collector = DiagnosticCollector(displayPath: displayPath, namespace: namespace)
        let input: XMLInputStream
        do {
            input = try XMLInputStream(source, displayPath: displayPath)
        } catch {
            return error.diagnostics
        }
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
            let split = pipelined
                ?? (input.expectedSize >= pipelineThreshold && ProcessInfo.processInfo.activeProcessorCount > 1)
            if split {
                document.runOnSecondThread(body, errorContext: collectorPointer)
            } else {
                document.runHere(body)
            }
        }
        return collector.finish()
    }

    /// From this size on, parsing and building the model share the work between two cores.
    /// Below it, the thread costs more than it saves; and a catalogue's many small listings
    /// are already read on every core at once, a file per core.
    static let pipelineThreshold = 4 << 20

    /// How many events the parsing thread of ``LibXMLDocumentReader/runOnSecondThread(_:errorContext:)``
    /// records before it hands them over (or fewer, once their texts pass ``batchBytes``).
    static let batchSize = 4096
    static let batchBytes = 1 << 20
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

/// Parses one document with libxml2's push parser and its SAX2 interface, validating with
/// a shared parsed schema plugged into the same interface (`xmlSchemaSAXPlug`, which is
/// also how libxml2's `xmlTextReader` validates as it streams); frees everything it made
/// when it goes away.
///
/// SAX rather than `xmlTextReader`: the reader builds a tree node for every element, text
/// and blank between elements, only to free it again once the caller has moved past it.
/// That was about a third of reading a listing. The parser is set up as the reader sets
/// it up (a push parser given the first four bytes, the same options, the input read as
/// UTF-8 through libxml2's converter), so its errors, their positions and the validator's
/// are the ones the reader gave.
final class LibXMLDocumentReader {
    fileprivate let parser: xmlParserCtxtPtr
    private let input: XMLInputStream
    private let collector: DiagnosticCollector
    fileprivate let displayPath: String
    private let validation: OpaquePointer?
    private var plug: xmlSchemaSAXPlugPtr?
    /// What the callbacks keep and change (see ``CallbackState``), behind a pointer.
    private let state: UnsafeMutablePointer<CallbackState>
    /// libxml2's limits where it builds a tree, without `XML_PARSE_HUGE`: its
    /// `xmlParserMaxDepth` and `XML_MAX_TEXT_LENGTH`.
    static let maximumDepth: UInt32 = 256
    static let maximumTextLength = 10_000_000

    /// How many bytes are read from the input at a time, and handed to the parser.
    static let chunkSize = 64 * 1024
    private static let pushSize = 512

    init?(input: XMLInputStream, displayPath: String, schema schemaText: String?, collector: DiagnosticCollector) {
        self.input = input
        self.collector = collector
        self.displayPath = displayPath
        var parsed: xmlSchemaPtr?
        if let schemaText {
            parsed = SchemaCache.schema(for: schemaText)
            guard parsed != nil else {
                collector.internalError("the embedded XSD schema does not parse")
                return nil
            }
        }
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = saxStartElement
        sax.endElementNs = saxEndElement
        sax.characters = saxCharacters
        // Blanks go where other text goes, as with the tree builder the reader uses.
        sax.ignorableWhitespace = saxCharacters
        sax.cdataBlock = saxCDATA
        sax.comment = saxComment
        sax.processingInstruction = saxInstruction
        // Like the reader, the parser is given the first four bytes when it is made, so it
        // sees the start of the document (a byte order mark, `<?xml`) as the reader does.
        let first = input.nextChunk(capacity: 4)
        collector.given = first.given
        let made = first.count <= 0 ? xmlCreatePushParserCtxt(&sax, nil, nil, 0, displayPath)
            : first.bytes.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    xmlCreatePushParserCtxt(&sax, nil, $0, Int32(bytes.count), displayPath)
                }
            }
        guard let made else {
            collector.internalError("libxml2 could not create a parser")
            return nil
        }
        parser = made
        state = .allocate(capacity: 1)
        state.initialize(to: CallbackState(dictionary: DictionaryNames(made.pointee.dict)))
        state.pointee.starts.append(contentsOf: first.starts)
        xmlCtxtUseOptions(parser, parserOptions)
        if let utf8 = xmlFindCharEncodingHandler("UTF-8") { xmlSwitchToEncoding(parser, utf8) }
        collector.parser = parser
        if let parsed {
            validation = xmlSchemaNewValidCtxt(parsed)
            let context = Unmanaged.passUnretained(collector).toOpaque()
            if let validation {
                xmlSchemaSetValidStructuredErrors(validation, libxmlStructuredError, context)
                plug = xmlSchemaSAXPlug(validation, &parser.pointee.sax, &parser.pointee.userData)
                xmlSchemaValidateSetLocator(validation, saxLocator, UnsafeMutableRawPointer(parser))
            }
            if plug == nil { collector.internalError("libxml2 could not attach the XSD schema") }
        } else {
            validation = nil
        }
        // The callbacks are given the parser (its user data, which the validator, when
        // plugged in, passes on unchanged) and find this reader in its `_private` field,
        // which libxml2 leaves to its user.
        parser.pointee._private = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        collector.parser = nil
        if let plug { xmlSchemaSAXUnplug(plug) }
        if let validation { xmlSchemaFreeValidCtxt(validation) }
        xmlFreeParserCtxt(parser)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Hands the document to the parser a chunk at a time, as `next` gives them, and the
    /// events it records, in order, to `flush`: after each `xmlParseChunk` that leaves
    /// `minimum` events recorded or more (or texts of ``LibXMLStream/batchBytes``), and
    /// once more at the end if any are left. `flush` must leave the batch empty. `next` is
    /// not called again once it has given the end of the input or a read error.
    func run(handingOver minimum: Int, next: () -> GuardedChunk, _ flush: (inout RecordedBatch) -> Void) {
        func flushIfFull() {
            let recorded = state.pointee.recorded
            if recorded.events.count >= minimum || recorded.bytes.count >= LibXMLStream.batchBytes {
                flush(&state.pointee.recorded)
            }
        }
        reading: while !collector.tooMany {
            let chunk = next()
            collector.given = chunk.given
            state.pointee.starts.append(contentsOf: chunk.starts)
            let count = chunk.count
            // A read error is reported on its own (``DiagnosticCollector/finish()``).
            guard count >= 0 else { break reading }
            if count == 0 {
                xmlParseChunk(parser, nil, 0, 1)
                break reading
            }
            // Pushed in pieces of the size `xmlTextReader` pushes: where the parser is
            // when it calls back (and so the position of an error raised then)
            // depends on how much it has been given.
            chunk.bytes.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { base in
                    var offset = 0
                    while offset < count, parser.pointee.instate != XML_PARSER_EOF {
                        let piece = min(Self.pushSize, count - offset)
                        xmlParseChunk(parser, base + offset, Int32(piece), 0)
                        flushIfFull()
                        offset += piece
                    }
                }
            }
            if parser.pointee.instate == XML_PARSER_EOF { break reading }
        }
        if !state.pointee.recorded.events.isEmpty { flush(&state.pointee.recorded) }
        let (line, column) = collector.parserPosition ?? (0, 0)
        if parser.pointee.wellFormed == 0 || collector.tooMany {
            collector.readingStopped(line: line, column: column)
        } else if let validation, xmlSchemaIsValid(validation) != 1 {
            collector.invalidWithoutMessage(line: line, column: column)
        }
    }

    /// ``run(handingOver:next:_:)`` on the calling thread, reading the input as it goes,
    /// each event made and handed to `body` after the `xmlParseChunk` that found it.
    func runHere(_ body: (XMLStreamEvent) -> Void) {
        var maker = EventMaker(file: displayPath)
        let input = input
        run(handingOver: 1, next: { input.nextChunk(capacity: Self.chunkSize) }) { batch in
            maker.deliver(batch, to: body)
            batch.removeAll()
        }
    }

    /// ``run(handingOver:next:_:)`` on a thread of its own, while the calling thread reads
    /// the input through the guard ahead of it and makes the events of what it recorded,
    /// handing them to `body` in order (``GuardedFeed``): libxml2's parsing and validation
    /// on one core; the guard, the events' strings and what `body` builds from them on
    /// another.
    ///
    /// The parsing thread makes no Swift value that holds a reference: it records names as
    /// the addresses libxml2's dictionary keeps them at, and texts and attribute values as
    /// bytes (``RecordedBatch``), and the calling thread makes the strings. A string made
    /// on one thread and let go of on the other moved its reference count's cache line
    /// between the cores for every event. Making the strings was a tenth of the parsing
    /// thread and the guard another, and that thread bounds the reading of a large listing.
    ///
    /// The parsing thread is the only one that touches the parser and the collector until
    /// it has handed over its last batch, and the calling thread the only one that touches
    /// the input; the feed's lock orders all each did before what the other does with it.
    /// The guard may read a few chunks ahead, but the parser's errors are told against what
    /// it has been given (``GuardedInput``), as on one thread. The dictionary's names are
    /// read by the calling thread while the parser adds others: libxml2 never moves or
    /// changes a name once it is in its dictionary, and the dictionary lives as long as the
    /// parser, which this reader frees on the calling thread after the last batch. libxml2
    /// keeps its error handler per thread: the parsing thread sets its own to
    /// `errorContext` (the collector).
    func runOnSecondThread(_ body: (XMLStreamEvent) -> Void, errorContext: UnsafeMutableRawPointer) {
        let shared = SharedReader(reader: self, errorContext: errorContext)
        let feed = GuardedFeed()
        Thread {
            xmlSetStructuredErrorFunc(shared.errorContext, libxmlStructuredError)
            shared.reader?.run(handingOver: LibXMLStream.batchSize, next: feed.takeChunk) { batch in
                feed.put(batch.take())
            }
            shared.reader = nil
            feed.finish()
        }.start()
        var maker = EventMaker(file: displayPath)
        let input = input
        feed.serve(read: { input.nextChunk(capacity: Self.chunkSize) }, consume: { maker.deliver($0, to: body) })
    }

    fileprivate func start(_ localName: UnsafePointer<xmlChar>?, _ namespace: UnsafePointer<xmlChar>?,
                           _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        // libxml2 limits nesting where it builds its tree, which a SAX reader does not
        // ask it to do; the same limit, reported as libxml2 reports it, stops the reading.
        guard state.pointee.depth <= Self.maximumDepth else {
            collector.tooDeep(limit: Self.maximumDepth)
            halt(parser)
            return
        }
        state.pointee.depth += 1
        state.pointee.textRun = nil
        var recorded = 0
        if let attributes {
            // Five pointers an attribute: local name, prefix, namespace, value, its end.
            for i in 0..<count {
                let a = attributes + 5 * i
                guard let value = a[3], let end = a[4] else { continue }
                let name = state.pointee.record(name: a[0])
                let bytes = state.pointee.recorded.append(UnsafeBufferPointer(start: value, count: end - value))
                state.pointee.recorded.attributes.append(RecordedAttribute(name: name, value: bytes))
                recorded += 1
            }
        }
        let position = state.pointee.starts.popFirst() ?? collector.parserPosition ?? (0, 0)
        let event = RecordedEvent(kind: .start, name: state.pointee.record(name: localName),
                                  namespace: state.pointee.record(name: namespace), attributes: recorded,
                                  line: position.line, column: position.column)
        state.pointee.recorded.events.append(event)
    }

    fileprivate func end(_ localName: UnsafePointer<xmlChar>?) {
        state.pointee.depth -= 1
        state.pointee.textRun = nil
        let event = RecordedEvent(kind: .end, name: state.pointee.record(name: localName))
        state.pointee.recorded.events.append(event)
    }

    fileprivate func text(_ bytes: UnsafeBufferPointer<UInt8>, cdata: Bool) {
        // libxml2's tree builder joins adjacent text (or adjacent CDATA) into one node and
        // refuses to let one grow past its limit; the same limit, at the same point.
        if let run = state.pointee.textRun, run.cdata == cdata {
            guard run.length + bytes.count <= Self.maximumTextLength else {
                collector.textTooLong()
                halt(parser)
                return
            }
            state.pointee.textRun = (cdata, run.length + bytes.count)
        } else {
            state.pointee.textRun = (cdata, bytes.count)
        }
        let text = state.pointee.recorded.append(bytes)
        state.pointee.recorded.events.append(RecordedEvent(kind: .text, name: text))
    }

    /// A comment or processing instruction: text after it is a node of its own.
    fileprivate func breakText() { state.pointee.textRun = nil }

    /// An attribute's value as the parser hands it over. Without entity substitution
    /// (`XML_PARSE_NOENT`, left out on purpose) libxml2 decodes every reference in a value
    /// but one: an ampersand, written `&amp;` or `&#38;`, comes as `&#38;`, for the tree
    /// builder to decode later. A literal `&#38;` cannot come any other way (its `&` would
    /// have been written `&amp;`), so each one stands for `&`.
    static func attributeValue(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let value = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(0x26) else { return value }
        return value.replacingOccurrences(of: "&#38;", with: "&")
    }
}

/// A name or text as the parsing thread records it: a name's address in the parser's
/// dictionary, or (`address` nil) `count` bytes at `start` in its batch's ``RecordedBatch/bytes``.
/// No address and no bytes is the empty string (no namespace).
struct RecordedText {
    var address: UnsafePointer<xmlChar>?
    var start: Int32 = 0
    var count: Int32 = 0
}

/// An event as the parsing thread records it; ``EventMaker`` makes the ``XMLStreamEvent``.
/// Holds no reference, so recording, handing over and freeing one retain nothing.
struct RecordedEvent {
    enum Kind: UInt8 { case start, text, end }
    var kind: Kind
    /// The element's local name; for a text, its bytes.
    var name: RecordedText
    var namespace = RecordedText()
    /// A start tag's attributes: the next this many of the batch's ``RecordedBatch/attributes``.
    var attributes = 0
    /// Where a start tag's `<` is.
    var line = 0
    var column = 0
}

struct RecordedAttribute {
    var name: RecordedText
    var value: RecordedText
}

/// Events recorded by the parsing thread, with the bytes of their texts and attributes.
struct RecordedBatch {
    var events: [RecordedEvent] = []
    var attributes: [RecordedAttribute] = []
    var bytes: [UInt8] = []

    init() {
        events.reserveCapacity(LibXMLStream.batchSize + 64)
        bytes.reserveCapacity(64 * 1024)
    }

    /// Copies `text` in; where it is.
    @inline(__always)
    mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> RecordedText {
        let start = Int32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: text)
        return RecordedText(address: nil, start: start, count: Int32(truncatingIfNeeded: text.count))
    }

    /// What was recorded, leaving this batch empty with room for as many again.
    mutating func take() -> RecordedBatch {
        var taken = RecordedBatch()
        swap(&self, &taken)
        return taken
    }

    /// Forgets every event, keeping the storage.
    mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Makes the ``XMLStreamEvent``s of recorded batches, on the thread that uses them: names
/// are made once for each dictionary address, and every event's place holds one file
/// name, so no string is shared with another thread.
struct EventMaker {
    private var names = NameCache()
    private let file: String

    init(file: String) {
        // Through a copy of the bytes: a string made from the reader's display path itself
        // would share its storage, and so its count, with the parsing thread's.
        self.file = String(decoding: Array(file.utf8), as: UTF8.self)
    }

    mutating func deliver(_ batch: borrowing RecordedBatch, to body: (XMLStreamEvent) -> Void) {
        batch.bytes.withUnsafeBufferPointer { bytes in
            var attribute = 0
            for event in batch.events {
                switch event.kind {
                case .start:
                    var values = XMLAttributes()
                    for a in batch.attributes[attribute..<attribute + event.attributes] {
                        values.append(names.string(a.name, in: bytes),
                                      LibXMLDocumentReader.attributeValue(Self.slice(a.value, of: bytes)))
                    }
                    attribute += event.attributes
                    body(.start(XMLStartTag(localName: names.string(event.name, in: bytes),
                                            namespace: names.string(event.namespace, in: bytes),
                                            attributes: values,
                                            location: SourceLocation(file: file, line: event.line, column: event.column))))
                case .text:
                    body(.text(String(decoding: Self.slice(event.name, of: bytes), as: UTF8.self)))
                case .end:
                    body(.end(localName: names.string(event.name, in: bytes)))
                }
            }
        }
    }

    @inline(__always)
    fileprivate static func slice(_ text: RecordedText, of bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(text.start)..<Int(text.start) + Int(text.count)])
    }
}

/// What a ``LibXMLDocumentReader``'s callbacks keep and change, on the thread that parses.
/// The reader holds it behind a pointer: stored properties of a class are checked for
/// overlapping access at run time, on every access, and those checks were a twentieth of
/// the parsing thread of a large listing.
private struct CallbackState: ~Copyable {
    /// The events recorded since the last hand-over.
    var recorded = RecordedBatch()
    /// Where the element start tags handed to the parser and not yet reported are.
    var starts = PositionQueue()
    /// Which addresses are names in the parser's dictionary (see ``DictionaryNames``).
    var dictionary: DictionaryNames
    /// Elements open.
    var depth: UInt32 = 0
    /// The text node libxml2's tree builder would be adding to: whether it is CDATA, and
    /// its length in bytes so far.
    var textRun: (cdata: Bool, length: Int)?

    /// `name` as recorded: its address when the dictionary owns it, else its bytes.
    @inline(__always)
    mutating func record(name: UnsafePointer<xmlChar>?) -> RecordedText {
        guard let name else { return RecordedText() }
        if dictionary.owns(name) { return RecordedText(address: name) }
        return recorded.append(UnsafeBufferPointer(start: name, count: strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))))
    }
}

/// What the parsing thread of ``LibXMLDocumentReader/runOnSecondThread(_:errorContext:)``
/// is given. Unchecked: the reader and the collector behind `errorContext` are used by one
/// thread at a time, handed over through ``BatchChannel``'s lock.
private final class SharedReader: @unchecked Sendable {
    var reader: LibXMLDocumentReader?
    let errorContext: UnsafeMutableRawPointer

    init(reader: LibXMLDocumentReader, errorContext: UnsafeMutableRawPointer) {
        self.reader = reader
        self.errorContext = errorContext
    }
}

/// Stops the parser from inside a callback or an error it raises, as libxml2's tree
/// builder stops it: no more callbacks, the input state at its end. Unlike
/// `xmlStopParser`, which frees the input buffer that the parser code the callback
/// returns to may still be reading.
func halt(_ parser: xmlParserCtxtPtr) {
    parser.pointee.disableSAX = 1
    parser.pointee.instate = XML_PARSER_EOF
}

/// Calls `body` with the reader a SAX callback is for: the callbacks are given the parser,
/// whose `_private` field holds the reader. The reader outlives every callback (it owns
/// the parser), so it is used without retaining it: a retain and release for each of
/// the millions of callbacks of a large listing were a tenth of reading it.
@inline(__always)
private func withDocumentReader(_ context: UnsafeMutableRawPointer?, _ body: (LibXMLDocumentReader) -> Void) {
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let reader = parser.pointee._private
    else { return }
    Unmanaged<LibXMLDocumentReader>.fromOpaque(reader)._withUnsafeGuaranteedRef(body)
}

private let saxStartElement: startElementNsSAX2Func = { context, localName, _, namespace, _, _, count, _, attributes in
    withDocumentReader(context) { $0.start(localName, namespace, Int(count), attributes) }
}

private let saxEndElement: endElementNsSAX2Func = { context, localName, _, _ in
    withDocumentReader(context) { $0.end(localName) }
}

private let saxCharacters: charactersSAXFunc = { context, bytes, count in
    guard let bytes, count > 0 else { return }
    withDocumentReader(context) { $0.text(UnsafeBufferPointer(start: bytes, count: Int(count)), cdata: false) }
}

private let saxCDATA: cdataBlockSAXFunc = { context, bytes, count in
    guard let bytes, count > 0 else { return }
    withDocumentReader(context) { $0.text(UnsafeBufferPointer(start: bytes, count: Int(count)), cdata: true) }
}

private let saxComment: commentSAXFunc = { context, _ in withDocumentReader(context) { $0.breakText() } }

private let saxInstruction: processingInstructionSAXFunc = { context, _, _ in
    withDocumentReader(context) { $0.breakText() }
}

/// Where the validator is: the parser's line, as `xmlTextReader`'s locator reports it.
private let saxLocator: xmlSchemaValidityLocatorFunc = { context, file, line in
    guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let input = parser.pointee.input
    else { return -1 }
    file?.pointee = UnsafePointer(input.pointee.filename)
    line?.pointee = UInt(max(input.pointee.line, 0))
    return 0
}

/// Which addresses libxml2 hands over are names in the parser's dictionary, on the parsing
/// thread. The parser keeps each distinct name once in its dictionary, for the parser's
/// lifetime, so such an address says which name it is, to the thread that makes the
/// strings too (``NameCache``). Each new address is asked about once (`xmlDictOwns`); an
/// address the dictionary does not own is recorded as its bytes, so it can never give a
/// wrong name.
private struct DictionaryNames: ~Copyable {
    private static let slotCount = 64
    /// Addresses known to be the dictionary's, direct-mapped by their bits: a hit is one
    /// comparison.
    private let slots: UnsafeMutablePointer<UnsafePointer<xmlChar>?>
    /// Addresses whose slot another holds (rare: a vocabulary is a few dozen names).
    private var others: [UnsafePointer<xmlChar>] = []
    private var remembered = 0
    /// The parser's dictionary (nil: no address is taken for a name).
    private let dictionary: xmlDictPtr?

    init(_ dictionary: xmlDictPtr?) {
        self.dictionary = dictionary
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: nil, count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    @inline(__always)
    mutating func owns(_ pointer: UnsafePointer<xmlChar>) -> Bool {
        let slot = NameCache.slot(pointer, of: Self.slotCount)
        if slots[slot] == pointer || others.contains(pointer) { return true }
        guard let dictionary, xmlDictOwns(dictionary, pointer) == 1 else { return false }
        // A document's vocabulary is small; a document with thousands of names is asked
        // about each time once the table is full.
        if remembered < Self.slotCount {
            if slots[slot] == nil { slots[slot] = pointer } else { others.append(pointer) }
            remembered += 1
        }
        return true
    }
}

/// Names recorded by the parsing thread, as Swift strings made on the thread that uses
/// them: one string for each dictionary address, so a name held by every event is made
/// once and never shared with another thread.
private struct NameCache {
    /// A name remembered, at the slot its address chooses.
    private struct Entry {
        var address: UnsafePointer<xmlChar>?
        var string: String
    }

    private static let slotCount = 64
    /// Direct-mapped by an address's bits: a hit is one comparison.
    private var slots = [Entry](repeating: Entry(address: nil, string: ""), count: NameCache.slotCount)
    /// Names whose slot another holds.
    private var others: [Entry] = []

    @inline(__always)
    static func slot(_ pointer: UnsafePointer<xmlChar>, of count: Int) -> Int {
        let bits = UInt(bitPattern: pointer)
        return Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 9)) & (count - 1)
    }

    mutating func string(_ name: RecordedText, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let pointer = name.address else {
            return String(decoding: EventMaker.slice(name, of: bytes), as: UTF8.self)
        }
        let slot = Self.slot(pointer, of: Self.slotCount)
        if slots[slot].address == pointer { return slots[slot].string }
        for i in others.indices where others[i].address == pointer { return others[i].string }
        let string = String(cString: pointer)
        // As many as the parsing thread remembers (``DictionaryNames``): past them, a
        // document with thousands of names has each made every time.
        if slots[slot].address == nil {
            slots[slot] = Entry(address: pointer, string: string)
        } else if others.count < Self.slotCount {
            others.append(Entry(address: pointer, string: string))
        }
        return string
    }
}
