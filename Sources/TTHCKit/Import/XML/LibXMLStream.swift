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
            let split = pipelined
                ?? (input.expectedSize >= pipelineThreshold && ProcessInfo.processInfo.activeProcessorCount > 1)
            if split {
                document.runOnSecondThread(body, errorContext: collectorPointer)
            } else {
                document.run { events in events.removeAll(passingEachTo: body) }
            }
        }
        return collector.finish(input: input)
    }

    /// From this size on, parsing and building the model share the work between two cores.
    /// Below it, the thread costs more than it saves; and a catalogue's many small listings
    /// are already read on every core at once, a file per core.
    static let pipelineThreshold = 4 << 20

    /// Every this many events (a batch of ``LibXMLDocumentReader/runOnSecondThread(_:errorContext:)``),
    /// the strings events share (element and namespace names, the file name of their
    /// places) are strings of their own again. A string held by every event of a listing
    /// was retained on the parsing thread for each new event while the other thread
    /// released it for the old ones, and its count's cache line went back and forth
    /// between the cores.
    static let sharedStringRenewal = 4096
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
    private static let chunkSize = 64 * 1024
    private static let pushSize = 512
    private var buffer = [UInt8](repeating: 0, count: LibXMLDocumentReader.chunkSize)

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
        let first = buffer.withUnsafeMutableBufferPointer { input.read(into: $0.baseAddress!, capacity: 4) }
        let made = buffer.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: 4) {
                xmlCreatePushParserCtxt(&sax, nil, first > 0 ? $0 : nil, max(first, 0), displayPath)
            }
        }
        guard let made else {
            collector.internalError("libxml2 could not create a parser")
            return nil
        }
        parser = made
        state = .allocate(capacity: 1)
        state.initialize(to: CallbackState(names: NameCache(dictionary: made.pointee.dict), file: displayPath))
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

    /// Hands the document to the parser a chunk at a time, and the events, in order, to
    /// `flush` after each `xmlParseChunk`: it must take them all out of the buffer.
    func run(_ flush: (inout MoveBuffer<XMLStreamEvent>) -> Void) {
        reading: while !collector.tooMany {
            let count = Int(buffer.withUnsafeMutableBufferPointer {
                input.read(into: $0.baseAddress!, capacity: $0.count)
            })
            // A read error is reported on its own (``DiagnosticCollector/finish(input:)``).
            guard count >= 0 else { break reading }
            if count == 0 {
                xmlParseChunk(parser, nil, 0, 1)
                flush(&state.pointee.pending)
                break reading
            }
            // Pushed in pieces of the size `xmlTextReader` pushes: where the parser is
            // when it calls back (and so the position of an error raised then)
            // depends on how much it has been given.
            buffer.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { base in
                    var offset = 0
                    while offset < count, parser.pointee.instate != XML_PARSER_EOF {
                        let piece = min(Self.pushSize, count - offset)
                        xmlParseChunk(parser, base + offset, Int32(piece), 0)
                        flush(&state.pointee.pending)
                        offset += piece
                    }
                }
            }
            if parser.pointee.instate == XML_PARSER_EOF { break reading }
        }
        let (line, column) = collector.parserPosition ?? (0, 0)
        if parser.pointee.wellFormed == 0 || collector.tooMany {
            collector.readingStopped(line: line, column: column)
        } else if let validation, xmlSchemaIsValid(validation) != 1 {
            collector.invalidWithoutMessage(line: line, column: column)
        }
    }

    /// ``run(_:)`` on a thread of its own, while the calling thread hands the events to
    /// `body` in batches, in order: libxml2's parsing and validation, with the events made
    /// of what it finds, on one core; what `body` builds from them on another. A 100 MB
    /// listing splits about evenly between the two.
    ///
    /// The parsing thread is the only one that touches the parser, the input and the
    /// collector until it has handed over its last batch; the channel's lock orders all it
    /// did before what the calling thread does next. It lets go of this reader before
    /// then, so the reader is freed on the calling thread, as without the second thread.
    /// libxml2 keeps its error handler per thread: the parsing thread sets its own to
    /// `errorContext` (the collector).
    func runOnSecondThread(_ body: (XMLStreamEvent) -> Void, errorContext: UnsafeMutableRawPointer) {
        let shared = SharedReader(reader: self, errorContext: errorContext)
        BatchChannel<XMLStreamEvent>.split(batchSize: CallbackState.renewal, produce: { give in
            xmlSetStructuredErrorFunc(shared.errorContext, libxmlStructuredError)
            shared.reader?.run(give)
            shared.reader = nil
        }, consume: body)
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
        var values = XMLAttributes()
        if let attributes {
            // Five pointers an attribute: local name, prefix, namespace, value, its end.
            for i in 0..<count {
                let a = attributes + 5 * i
                guard let value = a[3], let end = a[4] else { continue }
                values.append(state.pointee.names.string(a[0]),
                              Self.attributeValue(UnsafeBufferPointer(start: value, count: end - value)))
            }
        }
        let position = input.scanner.nextElementStart() ?? collector.parserPosition ?? (0, 0)
        give(.start(XMLStartTag(localName: state.pointee.names.string(localName),
                                namespace: state.pointee.names.string(namespace),
                                attributes: values,
                                location: SourceLocation(file: state.pointee.file, line: position.line, column: position.column))))
    }

    fileprivate func end(_ localName: UnsafePointer<xmlChar>?) {
        state.pointee.depth -= 1
        state.pointee.textRun = nil
        give(.end(localName: state.pointee.names.string(localName)))
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
        give(.text(String(decoding: bytes, as: UTF8.self)))
    }

    /// Keeps `event`, moved, for ``run(_:)`` to flush; every ``CallbackState/renewal``
    /// events, the strings events share are made anew.
    @inline(__always)
    private func give(_ event: consuming XMLStreamEvent) {
        state.pointee.pending.append(event)
        state.pointee.given += 1
        if state.pointee.given >= CallbackState.renewal {
            state.pointee.given = 0
            state.pointee.names.forget()
            // Through a copy of the bytes: a string made from `displayPath` itself would
            // share its storage, and so its count.
            state.pointee.file = String(decoding: Array(displayPath.utf8), as: UTF8.self)
        }
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

/// What a ``LibXMLDocumentReader``'s callbacks keep and change, on the thread that parses.
/// The reader holds it behind a pointer: stored properties of a class are checked for
/// overlapping access at run time, on every access, and those checks were a twentieth of
/// the parsing thread of a large listing.
private struct CallbackState: ~Copyable {
    /// The events made during one `xmlParseChunk`, handed to ``LibXMLDocumentReader/run(_:)``'s
    /// `flush` when it returns. A closure kept by the reader and called from each callback
    /// was retained and released around each of the millions of calls of a large listing,
    /// and copying the events into a batch one by one retained what each held; now they
    /// are moved, a buffer at a time.
    var pending = MoveBuffer<XMLStreamEvent>(capacity: 256)
    /// Element and namespace names as Swift strings (see ``NameCache``).
    var names: NameCache
    /// Elements open.
    var depth: UInt32 = 0
    /// The file name in the events' places.
    var file: String
    /// Events given since the shared strings (names, ``file``) were last made anew.
    var given = 0
    /// See ``LibXMLStream/sharedStringRenewal``.
    static var renewal: Int { LibXMLStream.sharedStringRenewal }
    /// The text node libxml2's tree builder would be adding to: whether it is CDATA, and
    /// its length in bytes so far.
    var textRun: (cdata: Bool, length: Int)?
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

/// Names libxml2 hands over, as Swift strings. The parser keeps each distinct name once in
/// its dictionary, for the parser's lifetime, so a name's address says which it is. Only
/// addresses the dictionary owns (`xmlDictOwns`, asked once for each new address) are
/// remembered: an address that is not the dictionary's can never give a wrong name, and a
/// hit needs no comparison of bytes.
private struct NameCache: ~Copyable {
    /// A name remembered, at the slot its address chooses.
    private struct Entry {
        var address: UnsafePointer<xmlChar>?
        var string: String
    }

    private static let slotCount = 64
    /// Direct-mapped by an address's bits, behind a pointer: a hit is one comparison, and
    /// nothing is copied or retained to find it (going over arrays of entries retained and
    /// released their storage, a tenth of the parsing thread).
    private let slots: UnsafeMutablePointer<Entry>
    /// Names whose slot another name holds (rare: a vocabulary is a few dozen names).
    private var others: [(address: UnsafePointer<xmlChar>, string: String)] = []
    private var remembered = 0
    /// The parser's dictionary (nil: nothing is remembered).
    private let dictionary: xmlDictPtr?

    init(dictionary: xmlDictPtr?) {
        self.dictionary = dictionary
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Entry(address: nil, string: ""), count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// Forgets every name: the next ``string(_:)`` of each makes a new string.
    mutating func forget() {
        for i in 0..<Self.slotCount { slots[i] = Entry(address: nil, string: "") }
        others.removeAll()
        remembered = 0
    }

    mutating func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let bits = UInt(bitPattern: pointer)
        let slot = Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 9)) & (Self.slotCount - 1)
        if slots[slot].address == pointer { return slots[slot].string }
        for i in others.indices where others[i].address == pointer { return others[i].string }
        let string = String(cString: pointer)
        // A document's vocabulary is small; a document with thousands of names just
        // stops being remembered.
        if remembered < Self.slotCount, let dictionary, xmlDictOwns(dictionary, pointer) == 1 {
            if slots[slot].address == nil {
                slots[slot] = Entry(address: pointer, string: string)
            } else {
                others.append((pointer, string))
            }
            remembered += 1
        }
        return string
    }
}
