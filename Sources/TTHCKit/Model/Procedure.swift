/// What a ministry decision does to a procedure.
public enum ChangeType: String, Sendable, Codable, CaseIterable, Comparable {
    /// mới ban hành
    case new
    /// sửa đổi, bổ sung
    case amended
    /// thay thế
    case replaced
    /// bãi bỏ
    case abolished

    public var label: LocalizedText {
        switch self {
        case .new: LocalizedText(vi: "mới ban hành", en: "new")
        case .amended: LocalizedText(vi: "sửa đổi, bổ sung", en: "amended")
        case .replaced: LocalizedText(vi: "thay thế", en: "replaced")
        case .abolished: LocalizedText(vi: "bãi bỏ", en: "abolished")
        }
    }

    private var rank: Int { ChangeType.allCases.firstIndex(of: self)! }
    public static func < (a: ChangeType, b: ChangeType) -> Bool { a.rank < b.rank }
}

/// The level of government that carries out a procedure (cấp thực hiện).
public enum AdministrativeLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// cấp trung ương
    case central
    /// cấp tỉnh
    case province
    /// cấp huyện — abolished from 1 July 2025 (two-tier local government).
    case district
    /// cấp xã
    case commune

    public var label: LocalizedText {
        switch self {
        case .central: LocalizedText(vi: "trung ương", en: "central")
        case .province: LocalizedText(vi: "tỉnh", en: "province")
        case .district: LocalizedText(vi: "huyện", en: "district")
        case .commune: LocalizedText(vi: "xã", en: "commune")
        }
    }

    private var rank: Int { AdministrativeLevel.allCases.firstIndex(of: self)! }
    public static func < (a: AdministrativeLevel, b: AdministrativeLevel) -> Bool { a.rank < b.rank }

    /// The day the district level ceased to exist.
    public static let districtAbolished = CivilDate(year: 2025, month: 7, day: 1)!

    /// The two-tier rule, in one place: data in force on `date` that names the district
    /// level breaks it (local government has had two tiers, province and commune, since
    /// 01/07/2025). The reconciler applies it to the catalogue and to the decisions, and
    /// reports each case once, as a `district-level` finding that `check` can fail on.
    public static func namesAbolishedDistrict(_ levels: [AdministrativeLevel], on date: CivilDate) -> Bool {
        date >= districtAbolished && levels.contains(.district)
    }
}

/// Online public service level (dịch vụ công trực tuyến), Decree 42/2022; legacy
/// "mức độ 2/3/4" values map onto it when read.
public enum OnlineServiceLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// toàn trình (legacy mức độ 4)
    case full
    /// một phần (legacy mức độ 3)
    case partial
    /// không có / thông tin trực tuyến (legacy mức độ 1–2)
    case none

    public var label: LocalizedText {
        switch self {
        case .full: LocalizedText(vi: "toàn trình", en: "full")
        case .partial: LocalizedText(vi: "một phần", en: "partial")
        case .none: LocalizedText(vi: "không", en: "none")
        }
    }

    private var rank: Int { OnlineServiceLevel.allCases.firstIndex(of: self)! }
    public static func < (a: OnlineServiceLevel, b: OnlineServiceLevel) -> Bool { a.rank < b.rank }
}

/// The content of a procedure that both a ministry listing and a local catalogue state,
/// and that reconciliation compares field by field. Free-text fields are NFC-normalised
/// by the importers; `nil` means the source did not say.
public struct ProcedureContent: Hashable, Sendable, Codable {
    // `levels` is declared first so that Swift's memberwise initializer, which the public
    // one below is made with, has labels in an order of its own (and, the property not
    // being optional, a label no call leaves out): no call can be read as either. An
    // initializer of our own copies the value it made once more and destroys the first
    // (Swift 6.3), a retain and a release of every string: a twelfth of reading a large
    // annex, which makes one of these for every procedure. Within the module, call the
    // public initializer: the memberwise one does not sort the levels.
    /// cấp thực hiện, sorted
    public var levels: [AdministrativeLevel]
    public var name: String
    /// lĩnh vực
    public var field: String?
    /// cơ quan thực hiện
    public var agency: String?
    /// thời hạn giải quyết, as written ("15 ngày làm việc")
    public var processingTime: String?
    /// phí, lệ phí, as written
    public var fees: String?
    public var onlineService: OnlineServiceLevel?
}

extension ProcedureContent {
    public init(name: String, field: String? = nil, levels: [AdministrativeLevel] = [], agency: String? = nil,
                processingTime: String? = nil, fees: String? = nil, onlineService: OnlineServiceLevel? = nil) {
        // Nearly always given sorted without repeats already (then it is its own result).
        let ordered = zip(levels, levels.dropFirst()).allSatisfy { $0 < $1 } ? levels : Array(Set(levels)).sorted()
        self.init(levels: ordered, name: name, field: field, agency: agency, processingTime: processingTime, fees: fees,
                  onlineService: onlineService)
    }
}
