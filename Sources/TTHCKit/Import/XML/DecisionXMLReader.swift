/// Reads a ministry decision listing (quyết định công bố TTHC) written in XML, namespace
/// `urn:tthc:decision:1`, validated against `catalogs/schema/decision.xsd` (embedded).
/// The format and the security rules are described in `docs/xml.md`.
///
/// Beyond the XSD it checks that `<replaces>` appears only with `change="replaced"` (and
/// warns when a replacement names none), that codes are well-formed national codes, that a
/// procedure has `code` or `written-code`, not both, that only a full snapshot lists
/// procedures without a change, and warns when a decision effective on or after 1 July
/// 2025 still lists the district level.
public enum DecisionXMLReader {
    public static let namespace = "urn:tthc:decision:1"

    /// Reads the whole listing from `file`'s bytes.
    public static func read(_ file: InputFile) -> ReadResult<Decision> {
        var changes: [ProcedureChange] = []
        let result = run(.memory(file.bytes), displayPath: file.displayPath) { changes.append($0) }
        guard var decision = result.value else { return result }
        decision.changes = changes
        return ReadResult(value: decision, diagnostics: result.diagnostics)
    }

    /// Reads a listing straight from disk a block at a time and hands each procedure to
    /// `body` as soon as it is complete, so memory does not grow with the file's size. The
    /// decision returned has no `changes`; `body` may have seen procedures of a file that
    /// turns out to have errors (the result's value is then `nil`).
    public static func stream(path: String, displayPath: String,
                              _ body: (ProcedureChange) -> Void) -> ReadResult<Decision> {
        run(.file(path: path), displayPath: displayPath, body)
    }

    /// As ``stream(path:displayPath:_:)``; `pipelined` as in ``run(_:displayPath:pipelined:_:)``.
    static func stream(path: String, displayPath: String, pipelined: Bool?,
                       _ body: (ProcedureChange) -> Void) -> ReadResult<Decision> {
        run(.file(path: path), displayPath: displayPath, pipelined: pipelined, body)
    }

    /// `[0-9]\.[0-9]{6}(\.[0-9A-Za-z.]+)?`, the XSD's pattern for national codes.
    static func matchesCodePattern(_ s: String) -> Bool {
        let b = Array(s.utf8)
        func digit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func suffix(_ c: UInt8) -> Bool {
            digit(c) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E
        }
        guard b.count >= 8, digit(b[0]), b[1] == 0x2E, b[2..<8].allSatisfy(digit) else { return false }
        if b.count == 8 { return true }
        return b.count >= 10 && b[8] == 0x2E && b[9...].allSatisfy(suffix)
    }

    /// `pipelined`: parse on a second thread or not, whatever the size (for tests, and for
    /// listings read many at once, one per core; see
    /// ``LibXMLStream/read(_:displayPath:schema:namespace:pipelined:_:)``).
    static func run(_ source: XMLByteSource, displayPath: String, pipelined: Bool? = nil,
                    _ body: (ProcedureChange) -> Void) -> ReadResult<Decision> {
        var builder = DecisionBuilder()
        let xml = LibXMLStream.read(source, displayPath: displayPath, schema: EmbeddedSchemas.decision,
                                    namespace: namespace, pipelined: pipelined) { event in
            builder.handle(event, body)
        }
        var log = builder.log
        let decision = builder.decision()
        if decision == nil {
            log.fallbacks.append(Diagnostic(.error, .xmlSchema, at: SourceLocation(file: displayPath, line: 1, column: 1),
                                            LocalizedText(vi: "không có phần tử <decision> hợp lệ",
                                                          en: "no valid <decision> element")))
        }
        return ReadResult(value: decision, diagnostics: log.merged(with: xml))
    }
}

/// Builds a ``Decision`` from stream events. Tolerates anything the XSD rejects (the
/// result is discarded then), so it never needs to report what libxml2 already did.
private struct DecisionBuilder {
    private struct Header {
        var number: String?
        var issuer: String?
        var issued: CivilDate?
        var effective: CivilDate?
        var nationalDatabase: CivilDate?
        var received: CivilDate?
        var isFullSnapshot: Bool
        var location: SourceLocation
    }

    private struct Partial {
        var location: SourceLocation
        var code: String?
        var writtenCode: String?
        var change: ChangeType?
        /// False when the element has no `change` attribute at all.
        var changeWritten = true
        var replaces: [(code: String, location: SourceLocation)] = []
        var name: String?
        var field: String?
        var agency: String?
        var processingTime: String?
        var fees: String?
        var onlineService: OnlineServiceLevel?
        var legalBasis: String?
        var levels: [(AdministrativeLevel, SourceLocation)] = []
    }

    var log = XMLCheckLog()
    private var header: Header?
    private var procedure: Partial?
    private var fields = XMLFieldCollector()
    private var pool = StringPool()
    /// Procedures a full snapshot lists without a change.
    private var listed: [ListedProcedure] = []

    /// The elements whose text a procedure takes. Named once, at the start tag, so that
    /// the end tag is matched by a number rather than by comparing names again.
    private enum Leaf {
        case replaces, name, field, level, agency, fees, processingTime, onlineService, legalBasis

        /// The leaf an element name names. A `switch` compares the (short, inline) names
        /// directly; a `String` raw value would look each one up through the standard
        /// library's table search, 3 % of reading a listing.
        init?(_ name: String) {
            switch name {
            case "name": self = .name
            case "field": self = .field
            case "level": self = .level
            case "agency": self = .agency
            case "processing-time": self = .processingTime
            case "fees": self = .fees
            case "online-service": self = .onlineService
            case "legal-basis": self = .legalBasis
            case "replaces": self = .replaces
            default: return nil
            }
        }
    }

    /// The leaf whose text ``fields`` is collecting.
    private var leaf: Leaf?

    func decision() -> Decision? {
        guard let h = header, let number = h.number, let issuer = h.issuer, let issued = h.issued,
              let effective = h.effective else { return nil }
        var decision = Decision(number: number, issuer: issuer, issued: issued, effective: effective,
                                nationalDatabase: h.nationalDatabase, received: h.received, changes: [],
                                isFullSnapshot: h.isFullSnapshot, source: h.location)
        decision.listed = listed
        return decision
    }

    mutating func handle(_ event: XMLStreamEvent, _ body: (ProcedureChange) -> Void) {
        switch event {
        case .start(let tag):
            guard tag.namespace == DecisionXMLReader.namespace else { return }
            switch tag.localName {
            case "decision" where header == nil:
                header = Header(
                    number: tag.text("number"), issuer: tag.text("issuer"),
                    issued: log.date(tag.attributes["issued"], "issued", at: tag.location),
                    effective: log.date(tag.attributes["effective"], "effective", at: tag.location),
                    nationalDatabase: log.date(tag.attributes["national-database"], "national-database", at: tag.location),
                    received: log.date(tag.attributes["received"], "received", at: tag.location),
                    isFullSnapshot: tag.text("scope") == "full-snapshot", location: tag.location)
            case "procedure":
                procedure = Partial(location: tag.location, code: tag.text("code"), writtenCode: tag.text("written-code"),
                                    change: tag.text("change").flatMap(ChangeType.init(rawValue:)),
                                    changeWritten: tag.attributes["change"] != nil)
            case let name where procedure != nil:
                if let element = Leaf(name) {
                    leaf = element
                    fields.begin(tag)
                }
            default:
                break
            }
        case .text(let s):
            fields.append(s)
        case .end(let name):
            if name == "procedure" {
                if let p = procedure { finish(p, body) }
                procedure = nil
                return
            }
            guard let (text, location) = fields.end(name), procedure != nil, let element = leaf else { return }
            leaf = nil
            switch element {
            case .replaces: procedure!.replaces.append((text, location))
            case .name: procedure!.name = text.nonEmpty
            // Texts a listing repeats from procedure to procedure share one storage.
            case .field: procedure!.field = text.nonEmpty.map { pool.intern($0) }
            case .agency: procedure!.agency = text.nonEmpty.map { pool.intern($0) }
            case .processingTime: procedure!.processingTime = text.nonEmpty.map { pool.intern($0) }
            case .fees: procedure!.fees = text.nonEmpty.map { pool.intern($0) }
            case .legalBasis: procedure!.legalBasis = text.nonEmpty.map { pool.intern($0) }
            case .onlineService: procedure!.onlineService = OnlineServiceLevel(rawValue: text)
            case .level:
                if let level = AdministrativeLevel(rawValue: text) { procedure!.levels.append((level, location)) }
            }
        }
    }

    private mutating func finish(_ p: Partial, _ body: (ProcedureChange) -> Void) {
        var code = p.code.map { checkedCode($0, at: p.location) }
        let replaces = p.replaces.map { checkedCode($0.code, at: $0.location) }
        if let written = p.writtenCode {
            if code != nil {
                log.diagnostics.append(Diagnostic(.error, .xmlCodeTwice, at: p.location, LocalizedText(
                    vi: "thủ tục có cả code và written-code; written-code chỉ dùng cho mã không đúng dạng mã quốc gia, thay cho code",
                    en: "the procedure has both code and written-code; written-code stands for a code not in national form, instead of code")))
            } else {
                code = ProcedureCode(written)
            }
        }
        if let change = p.change {
            if let r = p.replaces.first, change != .replaced {
                log.diagnostics.append(Diagnostic(.error, .xmlReplacesUnexpected, at: r.location, LocalizedText(
                    vi: "<replaces> chỉ dùng khi change=\"replaced\"; thủ tục này có change=\"\(change.rawValue)\"",
                    en: "<replaces> is only allowed with change=\"replaced\"; this procedure has change=\"\(change.rawValue)\"")))
            } else if change == .replaced, p.replaces.isEmpty {
                log.diagnostics.append(Diagnostic(.warning, .xmlReplacesMissing, at: p.location, LocalizedText(
                    vi: "thủ tục có change=\"replaced\" không ghi <replaces> (mã thủ tục bị thay thế)",
                    en: "a procedure with change=\"replaced\" does not give <replaces> (the code it replaces)")))
            }
        } else if let r = p.replaces.first {
            log.diagnostics.append(Diagnostic(.error, .xmlReplacesUnexpected, at: r.location, LocalizedText(
                vi: "<replaces> chỉ dùng khi change=\"replaced\"; thủ tục này không có change=",
                en: "<replaces> is only allowed with change=\"replaced\"; this procedure has no change=")))
        } else if header?.isFullSnapshot == false, !p.changeWritten {
            log.diagnostics.append(Diagnostic(.error, .xmlChangeMissing, at: p.location, LocalizedText(
                vi: "thủ tục không có change=; chỉ danh sách đầy đủ (scope=\"full-snapshot\") mới liệt kê thủ tục không kèm thay đổi",
                en: "the procedure has no change=; only a full snapshot (scope=\"full-snapshot\") lists procedures without a change")))
        }
        guard let name = p.name else { return }
        let content = ProcedureContent(name: name, field: p.field, levels: p.levels.map(\.0), agency: p.agency,
                                       processingTime: p.processingTime, fees: p.fees, onlineService: p.onlineService)
        let key = code ?? .uncoded(name: name)
        guard let change = p.change else {
            if header?.isFullSnapshot == true {
                listed.append(ListedProcedure(code: key, content: content, location: p.location))
            }
            return
        }
        body(ProcedureChange(code: key, change: change, replaces: replaces, content: content,
                             legalBasis: p.legalBasis, location: p.location))
    }

    /// The code, with an error when it is not a well-formed national code. The XSD pattern
    /// lets one case through (a suffix ending in a dot); anything else it has reported.
    private mutating func checkedCode(_ text: String, at location: SourceLocation) -> ProcedureCode {
        let code = ProcedureCode(text)
        if !code.isWellFormed {
            let d = Diagnostic(.error, .xmlCode, at: location, LocalizedText(
                vi: "mã thủ tục không hợp lệ \"\(text)\": mã quốc gia có dạng d.dddddd, phần đuôi (nếu có) không kết thúc bằng dấu chấm",
                en: "invalid procedure code \"\(text)\": a national code is d.dddddd, and a suffix may not end with a dot"))
            if DecisionXMLReader.matchesCodePattern(text) { log.diagnostics.append(d) } else { log.fallbacks.append(d) }
        }
        return code
    }

}
