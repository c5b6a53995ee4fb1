import Foundation

/// The result of reconciling the ministries' decisions with the province's catalogue as of
/// one day: every change with its deadline and status, every difference, every expired
/// entry, every other finding, and the monthly scorecard. Reporters render this value; it
/// is also the JSON report (see `docs/report-schema.md`), so its shape is versioned.
public struct Reconciliation: Sendable, Codable, Equatable {
    /// Version of the JSON schema this value encodes to.
    public static let schemaVersion = 2

    public var schemaVersion: Int
    public var asOf: CivilDate
    public var province: String
    public var agency: String
    public var deadlineWorkingDays: Int
    public var triggerPolicy: TriggerPolicy
    /// Pending changes with at most this many working days left are "due soon".
    public var dueSoonWithin: Int
    /// Every change in every decision, in decision order then listing order.
    public var changes: [ChangeRow]
    public var differences: [Difference]
    public var expired: [ExpiredEntry]
    public var findings: [Finding]
    public var scorecard: Scorecard
    /// Calendar years used by a deadline computation that have no official schedule on file.
    public var provisionalYears: [Int]
    /// Decision listings that could not be read at all: the report covers every other
    /// decision and names these at its top, so it is never silently partial.
    public var unreadListings: [UnreadListing] = []
    /// Rows of the listings read that are neither a procedure nor a heading the reader
    /// understood, so the reader can check them by hand.
    public var unplacedRows: [UnplacedRow] = []
    /// Which in-force entries leave a constituent part empty (indicator 1.3).
    public var completeness = Completeness()
    /// Every in-force entry's online-service level beside the ministry's, and whether it
    /// is a candidate to raise (the online-service review).
    public var onlineReview: [OnlineReviewItem] = []
    /// Each reporting duty of `settings.yaml`, at its next due day; soonest first, then by
    /// name and identifier.
    public var reportingDuties: [DutyOccurrence] = []
    /// The catalogue the reconciliation was computed from, for the stages after it (the
    /// check's rules look at every entry). Not part of the JSON report.
    public var catalogue = Catalogue(entries: [])

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, asOf, province, agency, deadlineWorkingDays, triggerPolicy, dueSoonWithin, changes,
             differences, expired, findings, scorecard, provisionalYears, unreadListings, unplacedRows,
             completeness, onlineReview, reportingDuties
    }

    /// How many changes have each status.
    public var statusCounts: [ChangeStatus.Kind: Int] {
        var counts: [ChangeStatus.Kind: Int] = [:]
        // By index: `for row in changes` copied every row to read one field.
        for i in changes.indices { counts[changes[i].status.kind, default: 0] += 1 }
        return counts
    }
}

/// A decision listing that could not be read, and why (its errors, in file order).
public struct UnreadListing: Sendable, Codable, Equatable {
    public var file: String
    public var errors: [Diagnostic]

    public init(file: String, errors: [Diagnostic]) {
        self.file = file
        self.errors = errors
    }
}

/// What became of one ministry change in the province.
public enum ChangeStatus: Sendable, Codable, Equatable {
    /// Published by the deadline.
    case onTime
    /// Published after the deadline, by this many working days.
    case late(workingDays: Int)
    /// Not yet published; this many working days left (0 = due today).
    case pending(workingDaysLeft: Int)
    /// Not published and the deadline has passed by this many working days.
    case overdue(workingDays: Int)
    /// The catalogue reflects the change but gives no publication date.
    case publishedUndated
    /// No trigger date (neither national-database nor received date): no deadline.
    case cannotCompute
    /// Out of the province's scope.
    case notApplicable(NotApplicableReason)

    public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
        case overdue, pending, cannotCompute = "cannot-compute", late, publishedUndated = "published-undated",
             onTime = "on-time", notApplicable = "not-applicable"
        private var rank: Int { Kind.allCases.firstIndex(of: self)! }
        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    public var kind: Kind {
        switch self {
        case .onTime: .onTime
        case .late: .late
        case .pending: .pending
        case .overdue: .overdue
        case .publishedUndated: .publishedUndated
        case .cannotCompute: .cannotCompute
        case .notApplicable: .notApplicable
        }
    }

    /// The working-day count the status carries, if any.
    public var workingDays: Int? {
        switch self {
        case .late(let n), .pending(let n), .overdue(let n): n
        default: nil
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, workingDays, reason }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(Kind.self, forKey: .kind)
        switch kind {
        case .onTime: self = .onTime
        case .late: self = .late(workingDays: try c.decode(Int.self, forKey: .workingDays))
        case .pending: self = .pending(workingDaysLeft: try c.decode(Int.self, forKey: .workingDays))
        case .overdue: self = .overdue(workingDays: try c.decode(Int.self, forKey: .workingDays))
        case .publishedUndated: self = .publishedUndated
        case .cannotCompute: self = .cannotCompute
        case .notApplicable: self = .notApplicable(try c.decode(NotApplicableReason.self, forKey: .reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(workingDays, forKey: .workingDays)
        if case .notApplicable(let reason) = self { try c.encode(reason, forKey: .reason) }
    }
}

/// Why a change needs nothing from the province.
public enum NotApplicableReason: String, Sendable, Codable, Equatable {
    /// Carried out at central level only.
    case centralOnly = "central-only"
    /// Outside the levels, fields or agencies the settings put in scope.
    case outOfScope = "out-of-scope"
    /// Abolishes or replaces a procedure the province never listed.
    case notListedLocally = "not-listed-locally"
}

/// Which date started a change's clock.
public enum TriggerSource: String, Sendable, Codable, Equatable {
    /// ngày cập nhật lên CSDL quốc gia
    case nationalDatabase = "national-database"
    /// ngày nhận quyết định (số đến)
    case received
}

/// How a local entry was paired with a ministry procedure.
public enum MatchKind: String, Sendable, Codable, Equatable {
    /// Same national code.
    case code
    /// No code match; the names agree after Vietnamese-aware folding (reported).
    case probableByName = "probable-by-name"
}

/// A reference to a local catalogue entry in a report row.
public struct LocalReference: Sendable, Codable, Equatable {
    public var code: String?
    public var name: String
    public var location: SourceLocation
    public var match: MatchKind
}

/// One change a ministry decision makes to one procedure, with its deadline and status.
public struct ChangeRow: Sendable, Codable, Equatable {
    public var decision: String
    public var issuer: String
    public var effective: CivilDate
    public var code: ProcedureCode
    public var name: String
    public var change: ChangeType
    /// For a replacement: the codes it replaces.
    public var replaces: [ProcedureCode]
    public var levels: [AdministrativeLevel]
    public var trigger: CivilDate?
    public var triggerSource: TriggerSource?
    public var deadline: CivilDate?
    /// The provincial decision that published the change, and its date, when published.
    public var provincialDecision: String?
    public var publishedOn: CivilDate?
    public var status: ChangeStatus
    /// The local entry the change was matched with, if any.
    public var local: LocalReference?
    /// True when the deadline was counted through a year with no official schedule.
    public var provisional: Bool
    /// Where the change is written in the ministry listing.
    public var location: SourceLocation

    enum CodingKeys: String, CodingKey {
        case decision, issuer, effective, code, name, change, replaces, levels, trigger, triggerSource, deadline,
             provincialDecision, publishedOn, status, local, provisional, location
    }

    public init(decision: String, issuer: String, effective: CivilDate, code: ProcedureCode, name: String,
                change: ChangeType, replaces: [ProcedureCode], levels: [AdministrativeLevel], trigger: CivilDate?,
                triggerSource: TriggerSource?, deadline: CivilDate?, provincialDecision: String?, publishedOn: CivilDate?,
                status: ChangeStatus, local: LocalReference?, provisional: Bool, location: SourceLocation) {
        self.decision = decision
        self.issuer = issuer
        self.effective = effective
        self.code = code
        self.name = name
        self.change = change
        self.replaces = replaces
        self.levels = levels
        self.trigger = trigger
        self.triggerSource = triggerSource
        self.deadline = deadline
        self.provincialDecision = provincialDecision
        self.publishedOn = publishedOn
        self.status = status
        self.local = local
        self.provisional = provisional
        self.location = location
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            decision: try c.decode(String.self, forKey: .decision), issuer: try c.decode(String.self, forKey: .issuer),
            effective: try c.decode(CivilDate.self, forKey: .effective), code: try c.decode(ProcedureCode.self, forKey: .code),
            name: try c.decode(String.self, forKey: .name), change: try c.decode(ChangeType.self, forKey: .change),
            replaces: try c.decodeIfPresent([ProcedureCode].self, forKey: .replaces) ?? [],
            levels: try c.decode([AdministrativeLevel].self, forKey: .levels),
            trigger: try c.decodeIfPresent(CivilDate.self, forKey: .trigger),
            triggerSource: try c.decodeIfPresent(TriggerSource.self, forKey: .triggerSource),
            deadline: try c.decodeIfPresent(CivilDate.self, forKey: .deadline),
            provincialDecision: try c.decodeIfPresent(String.self, forKey: .provincialDecision),
            publishedOn: try c.decodeIfPresent(CivilDate.self, forKey: .publishedOn),
            status: try c.decode(ChangeStatus.self, forKey: .status),
            local: try c.decodeIfPresent(LocalReference.self, forKey: .local),
            provisional: try c.decode(Bool.self, forKey: .provisional),
            location: try c.decode(SourceLocation.self, forKey: .location))
    }

    /// As synthesised, except that `replaces` (a list since schema 2) is left out when
    /// empty, as an absent optional is.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(decision, forKey: .decision)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(effective, forKey: .effective)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(change, forKey: .change)
        if !replaces.isEmpty { try c.encode(replaces, forKey: .replaces) }
        try c.encode(levels, forKey: .levels)
        try c.encodeIfPresent(trigger, forKey: .trigger)
        try c.encodeIfPresent(triggerSource, forKey: .triggerSource)
        try c.encodeIfPresent(deadline, forKey: .deadline)
        try c.encodeIfPresent(provincialDecision, forKey: .provincialDecision)
        try c.encodeIfPresent(publishedOn, forKey: .publishedOn)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(local, forKey: .local)
        try c.encode(provisional, forKey: .provisional)
        try c.encode(location, forKey: .location)
    }
}

/// A field of a procedure that reconciliation compares.
public enum ComparedField: String, Sendable, Codable, CaseIterable, Equatable {
    case name, field, levels, agency, processingTime = "processing-time", fees, onlineService = "online-service"

    public var label: LocalizedText {
        switch self {
        case .name: LocalizedText(vi: "Tên thủ tục", en: "Name")
        case .field: LocalizedText(vi: "Lĩnh vực", en: "Field")
        case .levels: LocalizedText(vi: "Cấp thực hiện", en: "Levels")
        case .agency: LocalizedText(vi: "Cơ quan thực hiện", en: "Agency")
        case .processingTime: LocalizedText(vi: "Thời hạn giải quyết", en: "Processing time")
        case .fees: LocalizedText(vi: "Phí, lệ phí", en: "Fees")
        case .onlineService: LocalizedText(vi: "Dịch vụ công trực tuyến", en: "Online service")
        }
    }
}

/// A local entry that says something other than the ministry's current version.
public struct Difference: Sendable, Codable, Equatable {
    public var code: ProcedureCode
    public var name: String
    /// The decision whose version is the reference.
    public var decision: String
    public var field: ComparedField
    /// What the local catalogue says (nil: nothing).
    public var local: ComparedValue?
    /// What the ministry's current version says.
    public var ministry: ComparedValue?
    public var location: SourceLocation

    public init(code: ProcedureCode, name: String, decision: String, field: ComparedField,
                local: ComparedValue?, ministry: ComparedValue?, location: SourceLocation) {
        self.code = code
        self.name = name
        self.decision = decision
        self.field = field
        self.local = local
        self.ministry = ministry
        self.location = location
    }

    enum CodingKeys: String, CodingKey { case code, name, decision, field, local, ministry, location }

    /// `local` and `ministry` are strings in JSON, in words of no language (see
    /// ``ComparedValue/stable``); the `field` says how to read them back.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(decision, forKey: .decision)
        try c.encode(field, forKey: .field)
        try c.encodeIfPresent(local?.stable, forKey: .local)
        try c.encodeIfPresent(ministry?.stable, forKey: .ministry)
        try c.encode(location, forKey: .location)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let field = try c.decode(ComparedField.self, forKey: .field)
        func value(_ key: CodingKeys) throws -> ComparedValue? {
            try c.decodeIfPresent(String.self, forKey: key).map { try ComparedValue(stable: $0, field: field) }
        }
        self.init(code: try c.decode(ProcedureCode.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
                  decision: try c.decode(String.self, forKey: .decision), field: field,
                  local: try value(.local), ministry: try value(.ministry),
                  location: try c.decode(SourceLocation.self, forKey: .location))
    }
}

/// A value reconciliation compares, typed so that every reporter words it in its own
/// language (the levels "tỉnh, huyện" / "province, district", not one language's labels).
public enum ComparedValue: Sendable, Equatable, Hashable {
    case text(String)
    case levels([AdministrativeLevel])
    case onlineService(OnlineServiceLevel)

    /// The value in words of each language.
    public var label: LocalizedText {
        switch self {
        case .text(let s): LocalizedText(vi: s, en: s)
        case .levels(let levels):
            LocalizedText(vi: levels.map(\.label.vi).joined(separator: ", "), en: levels.map(\.label.en).joined(separator: ", "))
        case .onlineService(let level): level.label
        }
    }

    /// The form in no language, for JSON and sorting: text as written, levels as their ids
    /// joined by ", " (`province, district`), the online-service id (`full`).
    public var stable: String {
        switch self {
        case .text(let s): s
        case .levels(let levels): levels.map(\.rawValue).joined(separator: ", ")
        case .onlineService(let level): level.rawValue
        }
    }

    /// Reads ``stable`` back, knowing which field it belongs to.
    public init(stable: String, field: ComparedField) throws {
        switch field {
        case .levels:
            var levels: [AdministrativeLevel] = []
            for part in stable.split(separator: ",") {
                let id = part.trimmingCharacters(in: .whitespaces)
                guard let level = AdministrativeLevel(rawValue: id) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown level \(id)"))
                }
                levels.append(level)
            }
            self = .levels(levels)
        case .onlineService:
            guard let level = OnlineServiceLevel(rawValue: stable) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown online-service level \(stable)"))
            }
            self = .onlineService(level)
        default:
            self = .text(stable)
        }
    }
}

/// A local entry still listed as in force although it no longer is.
public struct ExpiredEntry: Sendable, Codable, Equatable {
    public enum Reason: String, Sendable, Codable, Equatable {
        case abolished, replaced, validUntilPassed = "valid-until-passed"
    }
    public var code: String?
    public var name: String
    public var reason: Reason
    /// The decision that abolished or replaced it (nil for valid-until).
    public var decision: String?
    /// The code of the procedure that replaces it.
    public var replacement: ProcedureCode?
    /// The day it stopped being in force: the decision's effective date, or the day after
    /// its valid-until date.
    public var since: CivilDate
    public var location: SourceLocation
}

/// Any other problem with the catalogue that the legal desk should see.
public struct Finding: Sendable, Codable, Equatable {
    /// The check's rule the finding belongs to: findings and the check's rules are one list
    /// (``CheckRule``); the reconciler makes the ones in ``CheckRule/findingRules``.
    public var kind: CheckRule
    public var code: String?
    public var name: String
    public var message: LocalizedText
    public var location: SourceLocation
}

/// The province's figures the way Decision 766/QĐ-TTg scores them.
public struct Scorecard: Sendable, Codable, Equatable {
    public struct Month: Sendable, Codable, Equatable {
        /// `yyyy-mm`
        public var month: String
        /// Indicator 1.1: published at least 5 working days before the effective date.
        public var publishedOnTime: Int
        public var publishedTotal: Int
        /// Indicator 1.2: posted on the portal within 5 working days of publication.
        public var postedOnTime: Int
        public var postedTotal: Int
        /// Indicator 1.3, over the parts the catalogue holds: in-force entries published
        /// this month with none of them empty.
        public var publishedComplete: Int = 0
        public var completeTotal: Int = 0
    }
    public var months: [Month]
    /// In-force procedures with online service (toàn trình or một phần).
    public var onlineFull: Int
    public var onlinePartial: Int
    public var inForceTotal: Int
    public var onlineTarget: Double?

    public var onlineShare: Double? {
        inForceTotal == 0 ? nil : Double(onlineFull + onlinePartial) / Double(inForceTotal)
    }

    /// How many procedures with online service the target asks for, rounded up; `nil`
    /// without a target. The small allowance keeps 0.7 × 100 = 70.00000000000001 from
    /// asking for 71. The report and the online-service review both judge the target by it.
    public var onlineNeeded: Int? {
        onlineTarget.map { Int(($0 * Double(inForceTotal) - 1e-9).rounded(.up)) }
    }
}

/// The complete-publication check (Decision 766/QĐ-TTg indicator 1.3): every in-force
/// entry against the constituent parts its catalogue file holds.
public struct Completeness: Sendable, Codable, Equatable {
    /// The parts some catalogue file holds, in ``ProcedurePart`` order: all the figures
    /// cover is these.
    public var heldParts: [ProcedurePart] = []
    public var inForceTotal = 0
    public var complete = 0
    /// The in-force entries with at least one held part empty, in catalogue order.
    public var incomplete: [IncompleteEntry] = []

    public init(heldParts: [ProcedurePart] = [], inForceTotal: Int = 0, complete: Int = 0, incomplete: [IncompleteEntry] = []) {
        self.heldParts = heldParts
        self.inForceTotal = inForceTotal
        self.complete = complete
        self.incomplete = incomplete
    }
}

/// An in-force entry published without some constituent part.
public struct IncompleteEntry: Sendable, Codable, Equatable {
    public var code: String?
    public var name: String
    /// The held parts it leaves empty, in ``ProcedurePart`` order.
    public var missing: [ProcedurePart]
    public var provincialDecision: String?
    public var publishedOn: CivilDate?
    public var location: SourceLocation
}

/// One line of the online-service review (rà soát mức độ dịch vụ công trực tuyến).
public struct OnlineReviewItem: Sendable, Codable, Equatable {
    public enum Proposal: String, Sendable, Codable, Equatable {
        /// Kept at its level; the desk writes the reason.
        case keep
        /// A candidate to raise to ``OnlineReviewItem/proposed``.
        case raise
    }

    /// Why an entry is a candidate.
    public enum Ground: String, Sendable, Codable, Equatable {
        /// The ministry's current version offers a higher level than the province lists.
        case ministryOffers = "ministry-offers"
        /// The province's `online-service-target` is not met and the entry has no online
        /// service: raising it to một phần counts towards the target.
        case targetNotMet = "target-not-met"
    }

    /// The in-force entry reviewed, shared with the catalogue: one reference rather than a
    /// copy of its code, name and location (an item per in-force entry is 634,000 items at
    /// national 10x, and the copied fields were three quarters of each).
    public var entry: LocalEntry
    public var code: String? { entry.code?.raw }
    public var name: String { entry.content.name }
    public var current: OnlineServiceLevel? { entry.content.onlineService }
    public var location: SourceLocation { entry.location }
    /// The level the ministry's latest decision for the procedure gives, if it gives one.
    public var ministry: OnlineServiceLevel?
    public var ministryDecision: String?
    public var proposal: Proposal
    public var proposed: OnlineServiceLevel?
    public var ground: Ground?

    public init(entry: LocalEntry, ministry: OnlineServiceLevel?, ministryDecision: String?, proposal: Proposal,
                proposed: OnlineServiceLevel?, ground: Ground?) {
        self.entry = entry
        self.ministry = ministry
        self.ministryDecision = ministryDecision
        self.proposal = proposal
        self.proposed = proposed
        self.ground = ground
    }

    /// An item for an entry known only by what the item shows (read back from JSON).
    public init(code: String?, name: String, current: OnlineServiceLevel?, ministry: OnlineServiceLevel?,
                ministryDecision: String?, proposal: Proposal, proposed: OnlineServiceLevel?, ground: Ground?,
                location: SourceLocation) {
        self.init(entry: LocalEntry(code: code.map(ProcedureCode.init), content: ProcedureContent(name: name, onlineService: current),
                                    location: location),
                  ministry: ministry, ministryDecision: ministryDecision, proposal: proposal, proposed: proposed, ground: ground)
    }

    /// Equal when everything the item shows is: the rest of the entry is not part of it.
    public static func == (a: OnlineReviewItem, b: OnlineReviewItem) -> Bool {
        a.code == b.code && a.name == b.name && a.current == b.current && a.location == b.location
            && a.ministry == b.ministry && a.ministryDecision == b.ministryDecision && a.proposal == b.proposal
            && a.proposed == b.proposed && a.ground == b.ground
    }

    /// The keys and rules of the synthesised conformance of the item's shown fields.
    private enum CodingKeys: String, CodingKey {
        case code, name, current, ministry, ministryDecision, proposal, proposed, ground, location
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try c.decodeIfPresent(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
                  current: try c.decodeIfPresent(OnlineServiceLevel.self, forKey: .current),
                  ministry: try c.decodeIfPresent(OnlineServiceLevel.self, forKey: .ministry),
                  ministryDecision: try c.decodeIfPresent(String.self, forKey: .ministryDecision),
                  proposal: try c.decode(Proposal.self, forKey: .proposal),
                  proposed: try c.decodeIfPresent(OnlineServiceLevel.self, forKey: .proposed),
                  ground: try c.decodeIfPresent(Ground.self, forKey: .ground),
                  location: try c.decode(SourceLocation.self, forKey: .location))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(current, forKey: .current)
        try c.encodeIfPresent(ministry, forKey: .ministry)
        try c.encodeIfPresent(ministryDecision, forKey: .ministryDecision)
        try c.encode(proposal, forKey: .proposal)
        try c.encodeIfPresent(proposed, forKey: .proposed)
        try c.encodeIfPresent(ground, forKey: .ground)
        try c.encode(location, forKey: .location)
    }
}

extension OnlineServiceLevel {
    /// How much of the procedure is online: none 0, một phần 1, toàn trình 2.
    public var degree: Int {
        switch self {
        case .none: 0
        case .partial: 1
        case .full: 2
        }
    }
}

/// A reporting duty at its next due day (or, for a one-off duty that has passed, at that day).
public struct DutyOccurrence: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, Equatable { case monthly, once }
    public var name: String
    public var kind: Kind
    /// The day the duty names ("ngày 20" of this month, or the one-off date).
    public var named: CivilDate
    /// The day the report is due: the day before ``named`` for "before", then moved by the
    /// working-day rule.
    public var due: CivilDate
    public var before: Bool
    public var workingDayRule: WorkingDayRule
    /// Working days in (as-of, due]; 0 = due today; nil when a one-off duty has passed.
    public var workingDaysLeft: Int?
    /// The stable calendar identifier: one per duty and named day (`report-…@tthc`).
    public var uid: String
    public var location: SourceLocation

    /// The day before ``named`` (when `before`), which ``due`` was moved from if it differs.
    public var unmoved: CivilDate { before ? named.adding(days: -1) : named }
}
