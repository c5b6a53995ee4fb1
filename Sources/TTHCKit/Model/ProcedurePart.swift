/// A constituent part of a procedure (bộ phận tạo thành của thủ tục hành chính) that a
/// catalogue can hold, for the complete-publication indicator of Decision 766/QĐ-TTg (1.3).
///
/// Decree 63/2010/NĐ-CP Art. 8(2), as amended by Decree 92/2017/NĐ-CP, names the basic
/// parts: name, steps, method, dossier, processing time, applicants, implementing agency,
/// and, where the procedure has them, forms, result, requirements and fees. The legal
/// basis is not one of them but every publication states it (the national database's
/// "Căn cứ pháp lý"). The name is always required by the catalogue readers, so it is not
/// listed here; the online-service level is a part the catalogue holds for Decree 42/2022.
public enum ProcedurePart: String, Sendable, Codable, CaseIterable, Comparable {
    case processingTime = "processing-time"
    case fees
    case agency
    case legalBasis = "legal-basis"
    case onlineService = "online-service"
    case steps
    case method
    case dossier
    case applicants
    case result
    case requirements
    case forms

    /// The parts kept as free text in ``LocalEntry/details`` (the others live in
    /// ``ProcedureContent``).
    public static let detailParts: [ProcedurePart] = [.legalBasis, .steps, .method, .dossier, .applicants, .result, .requirements, .forms]

    public var label: LocalizedText {
        switch self {
        case .processingTime: LocalizedText(vi: "thời hạn giải quyết", en: "processing time")
        case .fees: LocalizedText(vi: "phí, lệ phí", en: "fees")
        case .agency: LocalizedText(vi: "cơ quan thực hiện", en: "implementing agency")
        case .legalBasis: LocalizedText(vi: "căn cứ pháp lý", en: "legal basis")
        case .onlineService: LocalizedText(vi: "mức độ dịch vụ công trực tuyến", en: "online-service level")
        case .steps: LocalizedText(vi: "trình tự thực hiện", en: "steps")
        case .method: LocalizedText(vi: "cách thức thực hiện", en: "method")
        case .dossier: LocalizedText(vi: "thành phần, số lượng hồ sơ", en: "dossier")
        case .applicants: LocalizedText(vi: "đối tượng thực hiện", en: "applicants")
        case .result: LocalizedText(vi: "kết quả thực hiện", en: "result")
        case .requirements: LocalizedText(vi: "yêu cầu, điều kiện", en: "requirements")
        case .forms: LocalizedText(vi: "mẫu đơn, mẫu tờ khai", en: "forms")
        }
    }

    private var rank: Int { ProcedurePart.allCases.firstIndex(of: self)! }
    public static func < (a: ProcedurePart, b: ProcedurePart) -> Bool { a.rank < b.rank }
}

extension LocalEntry {
    /// The text the entry gives for a part, `nil` when the cell is empty ("Không" is a
    /// value: a procedure without fees says so).
    public func value(of part: ProcedurePart) -> String? {
        switch part {
        case .processingTime: content.processingTime
        case .fees: content.fees
        case .agency: content.agency
        case .onlineService: content.onlineService?.rawValue
        default: details[part]
        }
    }

    /// The parts the entry's file holds a column for but the entry leaves empty.
    public var missingParts: [ProcedurePart] {
        heldParts.filter { part in
            guard let text = value(of: part) else { return true }
            return Self.isBlank(text)
        }
    }

    /// True when every character of `text` is whitespace (a character is whitespace when
    /// its first scalar is). A text whose first scalar is not whitespace is answered
    /// without reading on: walking characters through the Unicode property tables was
    /// most of the completeness check.
    static func isBlank(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return true }
        if first.isASCII, first.value > 0x20, first.value != 0x7F { return false }
        if !first.properties.isWhitespace { return false }
        return text.allSatisfy { $0.isWhitespace }
    }
}
