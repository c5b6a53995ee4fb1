/// Whether a local entry is currently in force.
public enum EntryStatus: String, Sendable, Codable, CaseIterable {
    /// còn hiệu lực
    case inForce = "in-force"
    /// đã bãi bỏ
    case abolished
}

/// One procedure in the province's own catalogue (danh mục TTHC của tỉnh).
///
/// A value type whose fields live in one shared, copy-on-write box: the reconciler and the
/// reporters pass entries around by value, and a copy of eleven fields was a retain of
/// each of their fifteen strings and arrays (7 % of a national `reconcile`); a copy is now
/// one retain, and a change to a shared entry copies the box first, so no copy ever sees
/// another's change.
public struct LocalEntry: Hashable, Sendable, Codable {
    /// `@unchecked Sendable`: the box is mutated only through ``unique()``, that is when
    /// this value holds the only reference to it, so no two threads ever see it change.
    private final class Storage: @unchecked Sendable {
        var code: ProcedureCode?
        var content: ProcedureContent
        var status: EntryStatus
        var provincialDecision: String?
        var publishedOn: CivilDate?
        var postedOn: CivilDate?
        var ministryDecision: String?
        var validUntil: CivilDate?
        var location: SourceLocation
        var heldParts: [ProcedurePart]
        var details: [ProcedurePart: String]

        init(code: ProcedureCode?, content: ProcedureContent, status: EntryStatus, provincialDecision: String?,
             publishedOn: CivilDate?, postedOn: CivilDate?, ministryDecision: String?, validUntil: CivilDate?,
             location: SourceLocation, heldParts: [ProcedurePart], details: [ProcedurePart: String]) {
            self.code = code
            self.content = content
            self.status = status
            self.provincialDecision = provincialDecision
            self.publishedOn = publishedOn
            self.postedOn = postedOn
            self.ministryDecision = ministryDecision
            self.validUntil = validUntil
            self.location = location
            self.heldParts = heldParts
            self.details = details
        }

        func copy() -> Storage {
            Storage(code: code, content: content, status: status, provincialDecision: provincialDecision,
                    publishedOn: publishedOn, postedOn: postedOn, ministryDecision: ministryDecision,
                    validUntil: validUntil, location: location, heldParts: heldParts, details: details)
        }
    }

    private var storage: Storage

    /// The box, copied first when another value shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// May be absent: some spreadsheets list procedures without a code.
    public var code: ProcedureCode? {
        _read { yield storage.code }
        _modify { let box = unique(); yield &box.code }
        set { unique().code = newValue }
    }
    public var content: ProcedureContent {
        _read { yield storage.content }
        _modify { let box = unique(); yield &box.content }
        set { unique().content = newValue }
    }
    public var status: EntryStatus {
        _read { yield storage.status }
        _modify { let box = unique(); yield &box.status }
        set { unique().status = newValue }
    }
    /// The provincial decision that published the entry (quyết định công bố của tỉnh).
    public var provincialDecision: String? {
        _read { yield storage.provincialDecision }
        _modify { let box = unique(); yield &box.provincialDecision }
        set { unique().provincialDecision = newValue }
    }
    /// ngày công bố — date of that decision.
    public var publishedOn: CivilDate? {
        _read { yield storage.publishedOn }
        _modify { let box = unique(); yield &box.publishedOn }
        set { unique().publishedOn = newValue }
    }
    /// ngày công khai — date posted on the portal.
    public var postedOn: CivilDate? {
        _read { yield storage.postedOn }
        _modify { let box = unique(); yield &box.postedOn }
        set { unique().postedOn = newValue }
    }
    /// The ministry decision this entry implements.
    public var ministryDecision: String? {
        _read { yield storage.ministryDecision }
        _modify { let box = unique(); yield &box.ministryDecision }
        set { unique().ministryDecision = newValue }
    }
    /// hiệu lực đến
    public var validUntil: CivilDate? {
        _read { yield storage.validUntil }
        _modify { let box = unique(); yield &box.validUntil }
        set { unique().validUntil = newValue }
    }
    /// Where the entry's record starts in the catalogue file.
    public var location: SourceLocation {
        _read { yield storage.location }
        _modify { let box = unique(); yield &box.location }
        set { unique().location = newValue }
    }
    /// The constituent parts the entry's file has a column (or element) for, in
    /// ``ProcedurePart`` order: what the complete-publication check looks at.
    public var heldParts: [ProcedurePart] {
        _read { yield storage.heldParts }
        _modify { let box = unique(); yield &box.heldParts }
        set { unique().heldParts = newValue }
    }
    /// The free-text parts beyond ``ProcedureContent`` (legal basis, steps, dossier…), by
    /// part; a part with an empty cell is absent.
    public var details: [ProcedurePart: String] {
        _read { yield storage.details }
        _modify { let box = unique(); yield &box.details }
        set { unique().details = newValue }
    }

    public init(code: ProcedureCode?, content: ProcedureContent, status: EntryStatus = .inForce,
                provincialDecision: String? = nil, publishedOn: CivilDate? = nil, postedOn: CivilDate? = nil,
                ministryDecision: String? = nil, validUntil: CivilDate? = nil, location: SourceLocation,
                heldParts: [ProcedurePart] = [], details: [ProcedurePart: String] = [:]) {
        storage = Storage(code: code, content: content, status: status, provincialDecision: provincialDecision,
                          publishedOn: publishedOn, postedOn: postedOn, ministryDecision: ministryDecision,
                          validUntil: validUntil, location: location, heldParts: heldParts, details: details)
    }

    public static func == (a: LocalEntry, b: LocalEntry) -> Bool {
        if a.storage === b.storage { return true }
        return a.code == b.code
            && a.content == b.content
            && a.status == b.status
            && a.provincialDecision == b.provincialDecision
            && a.publishedOn == b.publishedOn
            && a.postedOn == b.postedOn
            && a.ministryDecision == b.ministryDecision
            && a.validUntil == b.validUntil
            && a.location == b.location
            && a.heldParts == b.heldParts
            && a.details == b.details
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(content)
        hasher.combine(status)
        hasher.combine(provincialDecision)
        hasher.combine(publishedOn)
        hasher.combine(postedOn)
        hasher.combine(ministryDecision)
        hasher.combine(validUntil)
        hasher.combine(location)
        hasher.combine(heldParts)
        hasher.combine(details)
    }

    /// The keys and rules of the synthesised conformance the entry had as a plain struct.
    private enum CodingKeys: String, CodingKey {
        case code, content, status, provincialDecision, publishedOn, postedOn, ministryDecision, validUntil, location,
             heldParts, details
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try c.decodeIfPresent(ProcedureCode.self, forKey: .code),
                  content: try c.decode(ProcedureContent.self, forKey: .content),
                  status: try c.decode(EntryStatus.self, forKey: .status),
                  provincialDecision: try c.decodeIfPresent(String.self, forKey: .provincialDecision),
                  publishedOn: try c.decodeIfPresent(CivilDate.self, forKey: .publishedOn),
                  postedOn: try c.decodeIfPresent(CivilDate.self, forKey: .postedOn),
                  ministryDecision: try c.decodeIfPresent(String.self, forKey: .ministryDecision),
                  validUntil: try c.decodeIfPresent(CivilDate.self, forKey: .validUntil),
                  location: try c.decode(SourceLocation.self, forKey: .location),
                  heldParts: try c.decode([ProcedurePart].self, forKey: .heldParts),
                  details: try c.decode([ProcedurePart: String].self, forKey: .details))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(code, forKey: .code)
        try c.encode(content, forKey: .content)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(provincialDecision, forKey: .provincialDecision)
        try c.encodeIfPresent(publishedOn, forKey: .publishedOn)
        try c.encodeIfPresent(postedOn, forKey: .postedOn)
        try c.encodeIfPresent(ministryDecision, forKey: .ministryDecision)
        try c.encodeIfPresent(validUntil, forKey: .validUntil)
        try c.encode(location, forKey: .location)
        try c.encode(heldParts, forKey: .heldParts)
        try c.encode(details, forKey: .details)
    }
}

/// The province's catalogue: every local entry, in file order.
public struct Catalogue: Hashable, Sendable, Codable {
    public var entries: [LocalEntry]
    public init(entries: [LocalEntry]) { self.entries = entries }
}
