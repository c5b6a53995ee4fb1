/// Which date starts a change's publication clock.
public enum TriggerPolicy: String, Sendable, Codable, CaseIterable {
    /// The national-database date when known, else the received date (the provincial rule).
    case nationalDatabaseFirst = "national-database-first"
    /// Whichever of the two dates is earlier.
    case earliest
}

/// The province's rules and preferences, read from `settings.yaml` in the catalogue
/// directory. Every field has a default, so an absent file means "the usual rules".
public struct Settings: Hashable, Sendable, Codable {
    /// tỉnh, e.g. "Tỉnh Hưng Yên"
    public var province: String
    /// The agency whose catalogue this is, e.g. "Sở Khoa học và Công nghệ".
    public var agency: String
    /// N in "publish within N working days" (default 3).
    public var deadlineWorkingDays: Int
    public var triggerPolicy: TriggerPolicy
    /// Reminders look this many working days ahead (default 5).
    public var reminderWithin: Int
    /// Alarms this many working days before a deadline; 0 is the morning of the day.
    public var alarmWorkingDaysBefore: [Int]
    /// Levels in the province's scope (default tỉnh, huyện, xã).
    public var scopeLevels: [AdministrativeLevel]
    /// Only these fields (lĩnh vực) when non-empty.
    public var scopeFields: [String]
    /// Only these implementing agencies when non-empty.
    public var scopeAgencies: [String]
    /// Target share (0…1) of in-force procedures with online service.
    public var onlineServiceTarget: Double?
    public var emailFrom: String?
    public var emailTo: [String]
    public var sendmailPath: String
    /// The reports the agency owes on a schedule (`reports:`), in file order.
    public var reports: [ReportingDuty]
    /// The fixed parts of the province's draft publication decision (`draft:`).
    public var draft: DraftSettings = DraftSettings()

    /// The values `settings.yaml` accepts (docs/formats.md, docs/hardening.md): real rules
    /// use 3 to 10 working days; the bounds keep every computation short and exact.
    public static let deadlineRange = 1...60
    public static let reminderRange = 0...60
    public static let alarmRange = 0...30
    /// The years a one-off report's date may name (the working calendar's years).
    public static let reportYears = 2000...2100

    public init(province: String = "", agency: String = "", deadlineWorkingDays: Int = 3,
                triggerPolicy: TriggerPolicy = .nationalDatabaseFirst, reminderWithin: Int = 5,
                alarmWorkingDaysBefore: [Int] = [2, 1, 0],
                scopeLevels: [AdministrativeLevel] = [.province, .district, .commune],
                scopeFields: [String] = [], scopeAgencies: [String] = [],
                onlineServiceTarget: Double? = nil, emailFrom: String? = nil, emailTo: [String] = [],
                sendmailPath: String = "/usr/sbin/sendmail", reports: [ReportingDuty] = []) {
        self.province = province
        self.agency = agency
        self.deadlineWorkingDays = deadlineWorkingDays
        self.triggerPolicy = triggerPolicy
        self.reminderWithin = reminderWithin
        self.alarmWorkingDaysBefore = alarmWorkingDaysBefore
        self.scopeLevels = scopeLevels
        self.scopeFields = scopeFields
        self.scopeAgencies = scopeAgencies
        self.onlineServiceTarget = onlineServiceTarget
        self.emailFrom = emailFrom
        self.emailTo = emailTo
        self.sendmailPath = sendmailPath
        self.reports = reports
    }
}

/// The parts of the province's draft publication decision that do not come from the
/// ministry's decision (`draft:` in `settings.yaml`, docs/draft.md). Every value has a
/// default built from `province` and `agency`; `nil` means "use it".
public struct DraftSettings: Hashable, Sendable, Codable {
    /// Cơ quan ban hành, e.g. "Ủy ban nhân dân tỉnh Hưng Yên".
    public var issuingBody: String?
    /// Địa danh of the date line, e.g. "Hưng Yên".
    public var place: String?
    /// The "Căn cứ …" recitals before those of the ministry decisions, each as written.
    public var recitals: [String]?
    /// "Theo đề nghị của Giám đốc Sở …".
    public var proposal: String?
    /// Who Article 3 charges with carrying the decision out.
    public var executors: String?
    /// Nơi nhận, one line each.
    public var recipients: [String]?
    /// The signer's authority and title, one line each ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH").
    public var signer: [String]?
    /// The signer's name, when known.
    public var signerName: String?

    public init(issuingBody: String? = nil, place: String? = nil, recitals: [String]? = nil, proposal: String? = nil,
                executors: String? = nil, recipients: [String]? = nil, signer: [String]? = nil, signerName: String? = nil) {
        self.issuingBody = issuingBody
        self.place = place
        self.recitals = recitals
        self.proposal = proposal
        self.executors = executors
        self.recipients = recipients
        self.signer = signer
        self.signerName = signerName
    }
}
