/// Where a value the interpreter gave a procedure came from, so that `tthc inspect` can
/// show it and a reviewer can trust or correct it.
public enum ValueOrigin: Hashable, Sendable {
    /// The procedure's own cell, under the header as written.
    case cell(header: String, at: SourceLocation)
    /// A code written inside the name cell ("… (Mã TTHC: 3.000722)").
    case nameCell(at: SourceLocation)
    /// The notes column ("Ghi chú: TTHC cấp huyện").
    case notes(at: SourceLocation)
    /// A section row inside the table ("A. Thủ tục hành chính cấp tỉnh").
    case section(line: Int, text: String)
    /// A title row or part title above the table's header ("PHỤ LỤC II. DANH MỤC TTHC BỊ
    /// BÃI BỎ").
    case title(line: Int, text: String)
    /// The decision's title (from the register's "Trích yếu" or the document itself).
    case decisionTitle(String)
    /// The change type a column's header names for the whole table ("Tên VBQPPL quy định
    /// việc bãi bỏ").
    case columnHeader(String)
    /// A replaced code is given, so the procedure replaces another.
    case replacedCodeGiven
    /// Nothing in the document says it.
    case none

    /// How `inspect` names the origin.
    public func described(_ language: Language) -> String {
        let words = InspectStrings.for(language)
        return switch self {
        case .cell(let header, let at): words.fromCell(header, at.lineAndColumn)
        case .nameCell(let at): words.fromNameCell(at.lineAndColumn)
        case .notes(let at): words.fromNotes(at.lineAndColumn)
        case .section(let line, let text): words.fromSection(line, text)
        case .title(let line, let text): words.fromTitle(line, text)
        case .decisionTitle(let text): words.fromDecisionTitle(text)
        case .columnHeader(let header): words.fromColumnHeader(header)
        case .replacedCodeGiven: words.fromReplacedCode
        case .none: words.notStated
        }
    }
}

/// One procedure the interpreter read, and where each of its values came from.
public struct ReadProcedure: Hashable, Sendable {
    public var change: ProcedureChange
    public var codeOrigin: ValueOrigin
    public var changeOrigin: ValueOrigin
    public var levelsOrigin: ValueOrigin
    public var fieldOrigin: ValueOrigin
    public var replacesOrigin: ValueOrigin

    init(change: ProcedureChange, origins o: ProcedureOrigins) {
        self.change = change
        codeOrigin = o.code
        changeOrigin = o.change
        levelsOrigin = o.levels
        fieldOrigin = o.field
        replacesOrigin = o.replaces
    }
}

/// Where the values of one procedure came from (see ``ReadProcedure``).
public struct ProcedureOrigins: Hashable, Sendable {
    public var code: ValueOrigin
    public var change: ValueOrigin
    public var levels: ValueOrigin
    public var field: ValueOrigin
    public var replaces: ValueOrigin

    /// Nothing recorded: the origins of a reading that did not keep them.
    public static let unknown = ProcedureOrigins(code: .none, change: .none, levels: .none, field: .none, replaces: .none)
}

/// A row the interpreter could not place: neither a procedure, nor a heading it
/// understood, nor a header. Reports list these in a section of their own, so nothing is
/// dropped silently.
public struct UnplacedRow: Hashable, Sendable, Codable {
    public var location: SourceLocation
    /// The row's non-blank cells, cleaned, joined by " | ".
    public var text: String
    public var reason: LocalizedText

    public init(location: SourceLocation, text: String, reason: LocalizedText) {
        self.location = location
        self.text = text
        self.reason = reason
    }
}

/// One table the interpreter found: where its header is and what each column was read as.
public struct AnnexTable: Hashable, Sendable {
    /// The line of the (first) header row; `subheaderLine` when a second row completes it.
    public var headerLine: Int
    public var subheaderLine: Int?
    /// Each recognised column: its grid index, header as written (both rows joined) and
    /// meaning.
    public var columns: [Column] = []

    public struct Column: Hashable, Sendable {
        public var index: Int
        public var header: String
        public var column: AnnexColumn
    }
}

/// What a listing was read as: its procedures with their origins, the rows that could
/// not be placed, its tables, and every doubt as a diagnostic.
public struct AnnexReading: Sendable {
    /// The procedures read, in document order.
    public var changes: [ProcedureChange] = []
    /// Where the values of `changes[i]` came from, at the same index; empty when the
    /// interpreter was asked not to keep them (``AnnexInterpreter/keepsOrigins``), as the
    /// catalogue loader asks: it needs only the changes, and the origins cost 400 bytes a
    /// procedure, more than the procedure itself.
    public var origins: [ProcedureOrigins] = []
    /// Procedures of a full snapshot (a listing of what is in force, such as the national
    /// portal's export), read without a change type.
    public var listed: [ListedProcedure] = []
    /// True when the document is a full snapshot: its titles say "Danh sách thủ tục hành
    /// chính" (the national portal's export) or the register says so.
    public var isSnapshot = false
    public var unplaced: [UnplacedRow] = []
    public var tables: [AnnexTable] = []
    /// Title rows above the first table, cleaned, in order.
    public var titles: [String] = []
    /// Set when the document is not a publication decision (a delegation, a list of
    /// internal workflows): what it looks like instead.
    public var notAPublication: LocalizedText?
    /// What the decision says about itself (number, issuer, dates, title), and where: read
    /// from a Word decision, a web page or a PDF; nil for a table (CSV, Excel) or XML.
    public var decisionHeader: DecisionHeader?
    public var diagnostics: [Diagnostic] = []

    /// The origins of `changes[index]` (``ProcedureOrigins/unknown`` when not kept).
    public func origins(of index: Int) -> ProcedureOrigins {
        index < origins.count ? origins[index] : .unknown
    }

    /// Each procedure with the origins of its values.
    public var procedures: [ReadProcedure] {
        changes.indices.map { ReadProcedure(change: changes[$0], origins: origins(of: $0)) }
    }

    /// Appends the procedures of another reading (a workbook's next sheet).
    mutating func append(proceduresOf other: AnnexReading) {
        if !origins.isEmpty || !other.origins.isEmpty {
            origins = changes.indices.map(origins(of:)) + other.changes.indices.map(other.origins(of:))
        }
        changes += other.changes
    }
}

extension AnnexReading {
    /// An XML listing shown as a reading: every value comes from its own element.
    public init(xmlListing result: ReadResult<Decision>) {
        self.init()
        diagnostics = result.diagnostics
        for change in result.value?.changes ?? [] {
            let at = change.location
            changes.append(change)
            origins.append(ProcedureOrigins(
                code: .cell(header: "<procedure code>", at: at), change: .cell(header: "change=", at: at),
                levels: change.content.levels.isEmpty ? .none : .cell(header: "<level>", at: at),
                field: change.content.field == nil ? .none : .cell(header: "<field>", at: at),
                replaces: change.replaces.isEmpty ? .none : .cell(header: "<replaces>", at: at)))
        }
    }
}
