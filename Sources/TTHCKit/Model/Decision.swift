/// A ministry's decision announcing procedures (Quyết định công bố TTHC) with what it does
/// to each one.
public struct Decision: Hashable, Sendable, Codable {
    /// e.g. `2345/QĐ-BKHCN`
    public var number: String
    /// cơ quan ban hành
    public var issuer: String
    public var issued: CivilDate
    /// Effective date of the underlying legal document (ngày có hiệu lực).
    public var effective: CivilDate
    /// Date the ministry updated the national database (may be unknown).
    public var nationalDatabase: CivilDate?
    /// Date the province received the decision (may be unknown).
    public var received: CivilDate?
    public var changes: [ProcedureChange]
    /// Whether the listing is a full national snapshot of its scope (so local entries it
    /// does not mention are unexplained).
    public var isFullSnapshot: Bool
    /// Where the decision was read from (the listing file, or the register row).
    public var source: SourceLocation
    /// Rows of the listing that were neither a procedure nor a heading the reader
    /// understood (see ``AnnexInterpreter``).
    public var unplacedRows: [UnplacedRow] = []
    /// Procedures a full snapshot lists as in force without announcing a change (the
    /// national public-service portal's export of a sector): they explain the local
    /// entries that carry their codes.
    public var listed: [ListedProcedure] = []

    public init(number: String, issuer: String, issued: CivilDate, effective: CivilDate,
                nationalDatabase: CivilDate? = nil, received: CivilDate? = nil,
                changes: [ProcedureChange] = [], isFullSnapshot: Bool = false, source: SourceLocation) {
        self.number = number
        self.issuer = issuer
        self.issued = issued
        self.effective = effective
        self.nationalDatabase = nationalDatabase
        self.received = received
        self.changes = changes
        self.isFullSnapshot = isFullSnapshot
        self.source = source
    }
}

/// The values a decision is known by, named once for the messages that speak of them ("the
/// document does not give its issue date", "effective date of decision …: the register
/// says …").
public struct DecisionFact: Hashable, Sendable {
    public let label: LocalizedText

    public static let number = DecisionFact(label: LocalizedText(vi: "số quyết định", en: "number"))
    public static let issuer = DecisionFact(label: LocalizedText(vi: "cơ quan ban hành", en: "issuer"))
    public static let issued = DecisionFact(label: LocalizedText(vi: "ngày ban hành", en: "issue date"))
    public static let effective = DecisionFact(label: LocalizedText(vi: "ngày hiệu lực", en: "effective date"))
    public static let nationalDatabase = DecisionFact(label: LocalizedText(vi: "ngày cập nhật CSDL quốc gia", en: "national database date"))
    public static let received = DecisionFact(label: LocalizedText(vi: "ngày nhận", en: "received date"))

    /// The number of a draft, "Số:      /QĐ-UBND".
    public static let numberLeftBlank = LocalizedText(vi: "số quyết định (để trống)", en: "number (left blank)")
}

/// One procedure listed in a decision, and what the decision does to it.
public struct ProcedureChange: Hashable, Sendable, Codable {
    /// Where in the listing the procedure is written. (Declared first so that the
    /// memberwise initializer is not the public one's twin: see ``ProcedureContent``.)
    public var location: SourceLocation
    public var code: ProcedureCode
    public var change: ChangeType
    /// For `replaced`: the codes of the procedures this one replaces (one, usually; an
    /// annex may merge several into one: "2.001023, 2.002621 và 2.000986").
    public var replaces: [ProcedureCode]
    public var content: ProcedureContent
    /// Căn cứ pháp lý / tên VBQPPL quy định nội dung sửa đổi, bổ sung, thay thế, bãi bỏ.
    public var legalBasis: String?
}

extension ProcedureChange {
    public init(code: ProcedureCode, change: ChangeType, replaces: [ProcedureCode] = [],
                content: ProcedureContent, legalBasis: String? = nil, location: SourceLocation) {
        self.init(location: location, code: code, change: change, replaces: replaces, content: content, legalBasis: legalBasis)
    }
}

/// One row of the decision register (sổ theo dõi văn bản đến): the dates a CSV listing
/// cannot carry.
public struct RegisterEntry: Hashable, Sendable, Codable {
    public var decisionNumber: String
    public var issuer: String
    public var issued: CivilDate
    public var effective: CivilDate
    public var nationalDatabase: CivilDate?
    public var received: CivilDate?
    /// số đến
    public var incomingNumber: String?
    /// The listing file, relative to the catalogue directory.
    public var listingFile: String?
    /// The register says the listing is a full national snapshot (phạm vi "đầy đủ").
    public var isFullSnapshot: Bool = false
    /// trích yếu: the decision's title ("V/v công bố danh mục TTHC được sửa đổi, bổ sung …"),
    /// which gives the change type of a listing whose table names none.
    public var title: String?
    public var location: SourceLocation

    public init(decisionNumber: String, issuer: String, issued: CivilDate, effective: CivilDate,
                nationalDatabase: CivilDate? = nil, received: CivilDate? = nil, incomingNumber: String? = nil,
                listingFile: String? = nil, isFullSnapshot: Bool = false, title: String? = nil, location: SourceLocation) {
        self.decisionNumber = decisionNumber
        self.issuer = issuer
        self.issued = issued
        self.effective = effective
        self.nationalDatabase = nationalDatabase
        self.received = received
        self.incomingNumber = incomingNumber
        self.listingFile = listingFile
        self.isFullSnapshot = isFullSnapshot
        self.title = title
        self.location = location
    }
}

/// A procedure a full national snapshot lists as in force, with no change announced
/// (danh sách thủ tục hành chính, as the national public-service portal exports it).
public struct ListedProcedure: Hashable, Sendable, Codable {
    public var code: ProcedureCode
    public var content: ProcedureContent
    public var location: SourceLocation

    public init(code: ProcedureCode, content: ProcedureContent, location: SourceLocation) {
        self.code = code
        self.content = content
        self.location = location
    }
}

extension Decision {
    /// The one order of decisions, in which they take effect on the catalogue: by issue
    /// date, then effective date, then number (folded, then as written, so the order never
    /// depends on how the number was typed). The latest decision defines a procedure's
    /// current version. The catalogue directory's reader and the reconciler both use it.
    public static func precedes(_ a: Decision, _ b: Decision) -> Bool {
        (a.issued, a.effective, TextNormalization.fold(a.number), a.number)
            < (b.issued, b.effective, TextNormalization.fold(b.number), b.number)
    }
}
