/// What the province's draft publication decision says (dự thảo Quyết định công bố danh
/// mục thủ tục hành chính), gathered from the reconciliation and the ministry decisions:
/// which ministry decisions it rests on, and every procedure of theirs in the province's
/// scope, with the values the annex prints.
///
/// ``DraftDocument`` lays it out as a Word file; this value is what the tests compare.
public struct PublicationDraft: Sendable, Equatable {
    /// Which changes the draft publishes.
    public enum Selection: Sendable, Equatable {
        /// Every change of one ministry decision in the province's scope, published or not:
        /// the province's list for that decision.
        case decision(String)
        /// Every change in scope not yet published (pending, overdue, or with no deadline
        /// yet), of every decision that has one.
        case allPending
    }

    /// A ministry decision the draft rests on (a "Căn cứ Quyết định số …" recital).
    public struct Source: Sendable, Equatable {
        public var number: String
        public var issuer: String
        public var issued: CivilDate
        /// The register's trích yếu, when it has one.
        public var title: String?
        /// The change types the decision announces (all of them, in or out of the draft).
        public var changes: [ChangeType]
    }

    /// One procedure of the annex.
    public struct Entry: Sendable, Equatable {
        public var code: ProcedureCode?
        public var name: String
        public var change: ChangeType
        public var replaces: [ProcedureCode]
        /// The levels in the province's scope, sorted.
        public var levels: [AdministrativeLevel]
        public var field: String?
        public var processingTime: String?
        /// Địa điểm thực hiện: the implementing agency, which is what a listing states.
        public var place: String?
        public var fees: String?
        public var legalBasis: String?
        /// The ministry decision that announces it.
        public var decision: String
        public var issuer: String
        /// Its status in the reconciliation (whether it is already published).
        public var status: ChangeStatus
    }

    public var province: String
    public var agency: String
    public var asOf: CivilDate
    public var settings: DraftSettings
    public var sources: [Source]
    public var entries: [Entry]

    /// Why no draft could be made.
    public enum Problem: Error, Sendable, Equatable {
        /// No decision of the catalogue has that number.
        case noSuchDecision(String, known: [String])
        /// The decision has no procedure in the province's scope.
        case nothingInScope(String)
        /// No change in scope is waiting to be published.
        case nothingPending
    }

    /// The draft for `selection`, from a reconciliation and the decisions it was made from.
    public static func make(_ selection: Selection, reconciliation r: Reconciliation, decisions: [Decision],
                            register: [RegisterEntry], settings: Settings) throws(Problem) -> PublicationDraft {
        let byNumber = Dictionary(decisions.map { (TextNormalization.fold($0.number), $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [ChangeRow]
        switch selection {
        case .decision(let number):
            guard let decision = byNumber[TextNormalization.fold(number)] else {
                throw .noSuchDecision(number, known: decisions.map(\.number).sorted())
            }
            rows = r.changes.filter { $0.decision == decision.number && !$0.status.isNotApplicable }
            guard !rows.isEmpty else { throw .nothingInScope(decision.number) }
        case .allPending:
            rows = r.changes.filter { $0.status.awaitsPublication }
            guard !rows.isEmpty else { throw .nothingPending }
        }

        // A row is its decision's change at the same place with the same code: each
        // decision's changes are indexed once, not searched per row.
        var changes: [String: [SourceLocation: [ProcedureChange]]] = [:]
        var entries: [Entry] = []
        for row in rows {
            guard let decision = byNumber[TextNormalization.fold(row.decision)] else { continue }
            if changes[decision.number] == nil {
                changes[decision.number] = Dictionary(grouping: decision.changes, by: \.location)
            }
            guard let change = changes[decision.number]?[row.location]?.first(where: { $0.code == row.code }) else { continue }
            let c = change.content
            entries.append(Entry(
                code: row.code.isUncoded ? nil : row.code, name: c.name, change: change.change,
                replaces: change.replaces, levels: c.levels.filter { settings.scopeLevels.contains($0) },
                field: c.field, processingTime: c.processingTime, place: c.agency, fees: c.fees,
                legalBasis: change.legalBasis, decision: decision.number, issuer: decision.issuer, status: row.status))
        }
        entries.sort(by: Self.annexOrder)

        let titles = Dictionary(register.map { (TextNormalization.fold($0.decisionNumber), $0.title) }, uniquingKeysWith: { a, _ in a })
        var sources: [Source] = []
        for decision in decisions where entries.contains(where: { $0.decision == decision.number }) {
            let types = Set(decision.changes.map(\.change)).sorted()
            sources.append(Source(number: decision.number, issuer: decision.issuer, issued: decision.issued,
                                  title: titles[TextNormalization.fold(decision.number)] ?? nil, changes: types))
        }
        return PublicationDraft(province: settings.province, agency: settings.agency, asOf: r.asOf,
                                settings: settings.draft, sources: sources, entries: entries)
    }

    /// The annex's order: change type, then levels, then field, then the ministry's
    /// decision and the code (uncoded procedures by name, after the coded ones).
    static func annexOrder(_ a: Entry, _ b: Entry) -> Bool {
        if a.change != b.change { return a.change < b.change }
        if a.levels != b.levels { return a.levels.lexicographicallyPrecedes(b.levels) }
        let fa = a.field.map(TextNormalization.fold) ?? "\u{10FFFF}", fb = b.field.map(TextNormalization.fold) ?? "\u{10FFFF}"
        if fa != fb { return fa < fb }
        if a.decision != b.decision { return a.decision < b.decision }
        switch (a.code, b.code) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return (a.name, a.legalBasis ?? "") < (b.name, b.legalBasis ?? "")
        }
    }
}

extension ChangeStatus {
    public var isNotApplicable: Bool {
        if case .notApplicable = self { return true }
        return false
    }

    /// Not yet published, and in scope: what `--all-pending` drafts.
    public var awaitsPublication: Bool {
        switch self {
        case .pending, .overdue, .cannotCompute: true
        default: false
        }
    }
}
