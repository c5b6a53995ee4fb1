/// Reads the province's catalogue (danh mục TTHC của tỉnh) written in XML, namespace
/// `urn:tthc:catalogue:1`, validated against `catalogs/schema/catalogue.xsd` (embedded).
/// The format and the security rules are described in `docs/xml.md`.
///
/// A local code is free text here: a malformed one is a finding of the reconciler, not an
/// error of the file. Beyond the XSD it warns when an entry published or posted on or
/// after 1 July 2025 still lists the district level.
public enum CatalogueXMLReader {
    public static let namespace = "urn:tthc:catalogue:1"

    public static func read(_ file: InputFile) -> ReadResult<Catalogue> {
        var builder = CatalogueBuilder()
        let xml = LibXMLStream.read(.memory(file.bytes), displayPath: file.displayPath,
                                    schema: EmbeddedSchemas.catalogue, namespace: namespace) { event in
            builder.handle(event)
        }
        var log = builder.log
        if !builder.sawRoot {
            log.fallbacks.append(Diagnostic(.error, .xmlSchema, at: SourceLocation(
                file: file.displayPath, line: 1, column: 1), LocalizedText(
                    vi: "không có phần tử <catalogue> hợp lệ", en: "no valid <catalogue> element")))
        }
        return ReadResult(value: Catalogue(entries: builder.entries), diagnostics: log.merged(with: xml))
    }
}

private struct CatalogueBuilder {
    private struct Partial {
        var location: SourceLocation
        var code: String?
        var status: EntryStatus
        var name: String?
        var field: String?
        var agency: String?
        var processingTime: String?
        var fees: String?
        var onlineService: OnlineServiceLevel?
        var provincialDecision: String?
        var publishedOn: CivilDate?
        var postedOn: CivilDate?
        var ministryDecision: String?
        var validUntil: CivilDate?
        var levels: [(AdministrativeLevel, SourceLocation)] = []
    }

    var log = XMLCheckLog()
    private(set) var entries: [LocalEntry] = []
    private(set) var sawRoot = false
    private var procedure: Partial?
    private var fields = XMLFieldCollector()

    private static let leaves: Set<String> = [
        "name", "field", "level", "agency", "processing-time", "fees", "online-service", "posted",
        "ministry-decision", "valid-until",
    ]

    mutating func handle(_ event: XMLStreamEvent) {
        switch event {
        case .start(let tag):
            guard tag.namespace == CatalogueXMLReader.namespace else { return }
            switch tag.localName {
            case "catalogue":
                sawRoot = true
            case "procedure":
                procedure = Partial(location: tag.location, code: tag.text("code"),
                                    status: tag.text("status").flatMap(EntryStatus.init(rawValue:)) ?? .inForce)
            case "provincial-decision" where procedure != nil:
                procedure!.provincialDecision = tag.text("number")
                procedure!.publishedOn = log.date(tag.attributes["date"], "provincial-decision date", at: tag.location)
            case let name where CatalogueBuilder.leaves.contains(name) && procedure != nil:
                fields.begin(tag)
            default:
                break
            }
        case .text(let s):
            fields.append(s)
        case .end(let name):
            if name == "procedure" {
                if let p = procedure { finish(p) }
                procedure = nil
                return
            }
            guard let (text, location) = fields.end(name), procedure != nil else { return }
            switch name {
            case "name": procedure!.name = text.nonEmpty
            case "field": procedure!.field = text.nonEmpty
            case "agency": procedure!.agency = text.nonEmpty
            case "processing-time": procedure!.processingTime = text.nonEmpty
            case "fees": procedure!.fees = text.nonEmpty
            case "online-service": procedure!.onlineService = OnlineServiceLevel(rawValue: text)
            case "posted": procedure!.postedOn = log.date(text, "posted", at: location)
            case "ministry-decision": procedure!.ministryDecision = text.nonEmpty
            case "valid-until": procedure!.validUntil = log.date(text, "valid-until", at: location)
            case "level":
                if let level = AdministrativeLevel(rawValue: text) { procedure!.levels.append((level, location)) }
            default: break
            }
        }
    }

    private mutating func finish(_ p: Partial) {
        guard let name = p.name else { return }
        let content = ProcedureContent(name: name, field: p.field, levels: p.levels.map(\.0), agency: p.agency,
                                       processingTime: p.processingTime, fees: p.fees, onlineService: p.onlineService)
        entries.append(LocalEntry(code: p.code.map(ProcedureCode.init), content: content, status: p.status,
                                  provincialDecision: p.provincialDecision, publishedOn: p.publishedOn,
                                  postedOn: p.postedOn, ministryDecision: p.ministryDecision,
                                  validUntil: p.validUntil, location: p.location, heldParts: Self.heldParts))
    }

    /// The constituent parts the XML catalogue has an element for (it has none for the
    /// legal basis or the optional details).
    static let heldParts: [ProcedurePart] = [.processingTime, .fees, .agency, .onlineService]
}
