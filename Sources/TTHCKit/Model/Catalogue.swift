/// Whether a local entry is currently in force.
public enum EntryStatus: String, Sendable, Codable, CaseIterable {
    /// còn hiệu lực
    case inForce = "in-force"
    /// đã bãi bỏ
    case abolished
}

/// One procedure in the province's own catalogue (danh mục TTHC của tỉnh).
public struct LocalEntry: Hashable, Sendable, Codable {
    /// May be absent: some spreadsheets list procedures without a code.
    public var code: ProcedureCode?
    public var content: ProcedureContent
    public var status: EntryStatus
    /// The provincial decision that published the entry (quyết định công bố của tỉnh).
    public var provincialDecision: String?
    /// ngày công bố — date of that decision.
    public var publishedOn: CivilDate?
    /// ngày công khai — date posted on the portal.
    public var postedOn: CivilDate?
    /// The ministry decision this entry implements.
    public var ministryDecision: String?
    /// hiệu lực đến
    public var validUntil: CivilDate?
    /// Where the entry's record starts in the catalogue file.
    public var location: SourceLocation
    /// The constituent parts the entry's file has a column (or element) for, in
    /// ``ProcedurePart`` order: what the complete-publication check looks at.
    public var heldParts: [ProcedurePart]
    /// The free-text parts beyond ``ProcedureContent`` (legal basis, steps, dossier…), by
    /// part; a part with an empty cell is absent.
    public var details: [ProcedurePart: String]

    public init(code: ProcedureCode?, content: ProcedureContent, status: EntryStatus = .inForce,
                provincialDecision: String? = nil, publishedOn: CivilDate? = nil, postedOn: CivilDate? = nil,
                ministryDecision: String? = nil, validUntil: CivilDate? = nil, location: SourceLocation,
                heldParts: [ProcedurePart] = [], details: [ProcedurePart: String] = [:]) {
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
}

/// The province's catalogue: every local entry, in file order.
public struct Catalogue: Hashable, Sendable, Codable {
    public var entries: [LocalEntry]
    public init(entries: [LocalEntry]) { self.entries = entries }
}
