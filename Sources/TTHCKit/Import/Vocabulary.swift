import Synchronization

/// The words listings and catalogues use for change types, levels, online service and
/// status, in Vietnamese and English, and the enums they stand for. Every lookup matches
/// after ``TextNormalization/fold(_:)``, so case, diacritics, punctuation and spacing do not
/// matter ("Sửa đổi, bổ sung" = "sua doi bo sung").
public enum Vocabulary {
    /// A vocabulary a cell is read against: the accepted words, for messages.
    public enum Kind: Sendable, Equatable {
        case changeType, level, onlineService, status

        var name: LocalizedText {
            switch self {
            case .changeType: LocalizedText(vi: "loại thay đổi", en: "change type")
            case .level: LocalizedText(vi: "cấp thực hiện", en: "level")
            case .onlineService: LocalizedText(vi: "mức độ dịch vụ công trực tuyến", en: "online service level")
            case .status: LocalizedText(vi: "tình trạng", en: "status")
            }
        }

        var accepted: LocalizedText {
            switch self {
            case .changeType:
                LocalizedText(vi: "mới ban hành, sửa đổi, bổ sung, thay thế, bãi bỏ (hoặc new, amended, replaced, abolished)",
                              en: "new, amended, replaced, abolished (or mới ban hành, sửa đổi, bổ sung, thay thế, bãi bỏ)")
            case .level:
                LocalizedText(vi: "trung ương, tỉnh, huyện, xã (hoặc central, province, district, commune), cách nhau bởi , ; / hoặc xuống dòng",
                              en: "central, province, district, commune (or trung ương, tỉnh, huyện, xã), separated by , ; / or line breaks")
            case .onlineService:
                LocalizedText(vi: "toàn trình, một phần, không, mức độ 1–4 (hoặc full, partial, none), hoặc để trống",
                              en: "full, partial, none, mức độ 1–4 (or toàn trình, một phần, không), or empty")
            case .status:
                LocalizedText(vi: "còn hiệu lực, đã bãi bỏ (hoặc in force, abolished), hoặc để trống",
                              en: "in force, abolished (or còn hiệu lực, đã bãi bỏ), or empty")
            }
        }
    }

    /// "unknown change type "x"; accepted: …", in both languages.
    public static func unknownValue(_ kind: Kind, _ value: String) -> LocalizedText {
        LocalizedText(
            vi: "\(kind.name.vi) không hợp lệ \"\(value)\"; chấp nhận: \(kind.accepted.vi)",
            en: "unknown \(kind.name.en) \"\(value)\"; accepted: \(kind.accepted.en)")
    }

    private static let changeWords: [String: ChangeType] = [
        "moi ban hanh": .new, "ban hanh moi": .new, "new": .new,
        "sua doi bo sung": .amended, "sua doi": .amended, "bo sung": .amended, "amended": .amended,
        "thay the": .replaced, "duoc thay the": .replaced, "replaced": .replaced,
        "bai bo": .abolished, "bi bai bo": .abolished, "abolished": .abolished,
    ]

    private static let levelWords: [String: AdministrativeLevel] = [
        "trung uong": .central, "cap trung uong": .central, "central": .central,
        "tinh": .province, "cap tinh": .province, "province": .province,
        "huyen": .district, "cap huyen": .district, "district": .district,
        "xa": .commune, "cap xa": .commune, "commune": .commune,
    ]

    private static let onlineWords: [String: OnlineServiceLevel] = [
        "toan trinh": .full, "muc do 4": .full, "4": .full, "full": .full,
        "mot phan": .partial, "muc do 3": .partial, "3": .partial, "partial": .partial,
        "khong": OnlineServiceLevel.none, "muc do 2": OnlineServiceLevel.none, "2": OnlineServiceLevel.none,
        "muc do 1": OnlineServiceLevel.none, "1": OnlineServiceLevel.none, "none": OnlineServiceLevel.none,
    ]

    private static let statusWords: [String: EntryStatus] = [
        "con hieu luc": .inForce, "dang thuc hien": .inForce, "in force": .inForce,
        "da bai bo": .abolished, "bai bo": .abolished, "het hieu luc": .abolished, "abolished": .abolished,
    ]

    /// A change type word.
    public static func changeType(_ text: String) throws(UnknownWord) -> ChangeType {
        guard let value = changeWords[TextNormalization.fold(text)] else { throw UnknownWord(.changeType, text) }
        return value
    }

    /// One level word ("cấp tỉnh", "xã", "province").
    public static func level(_ text: String) throws(UnknownWord) -> AdministrativeLevel {
        guard let value = levelWords[TextNormalization.fold(text)] else { throw UnknownWord(.level, text) }
        return value
    }

    /// A levels cell: several levels separated by `,` `;` `/` `+`, line breaks or the word
    /// "và"/"and", sorted. An empty cell gives `[]` (not stated).
    public static func levels(_ text: String) throws(UnknownWord) -> [AdministrativeLevel] {
        try levelCells.value(text, levelsUncached).get()
    }

    /// A column of a large listing holds a handful of distinct cells ("Tỉnh", "Tỉnh, Xã"),
    /// each read once here rather than folded again on every row.
    private static let levelCells = CellCache<[AdministrativeLevel]>()
    private static let onlineCells = CellCache<OnlineServiceLevel?>()
    private static let statusCells = CellCache<EntryStatus>()

    private static func levelsUncached(_ text: String) throws(UnknownWord) -> [AdministrativeLevel] {
        var result: Set<AdministrativeLevel> = []
        var part = String.UnicodeScalarView()
        func flush() -> Bool {
            defer { part = String.UnicodeScalarView() }
            let folded = TextNormalization.fold(String(part))
            if folded.isEmpty { return true }
            // "tỉnh và xã", "province and commune"
            for word in folded.split(separator: " ").split(whereSeparator: { $0 == "va" || $0 == "and" }) {
                guard let level = levelWords[word.joined(separator: " ")] else { return false }
                result.insert(level)
            }
            return true
        }
        for u in text.unicodeScalars {
            switch u {
            case ",", ";", "/", "+", "\n", "\r":
                if !flush() { throw UnknownWord(.level, text) }
            default:
                part.append(u)
            }
        }
        if !flush() { throw UnknownWord(.level, text) }
        return result.sorted()
    }

    /// An online-service cell; nil when empty (not stated).
    public static func onlineService(_ text: String) throws(UnknownWord) -> OnlineServiceLevel? {
        try onlineCells.value(text) { text throws(UnknownWord) in
            let folded = TextNormalization.fold(text)
            if folded.isEmpty { return nil }
            guard let level = onlineWords[folded] else { throw UnknownWord(.onlineService, text) }
            return level
        }.get()
    }

    /// A status cell; empty means in force.
    public static func status(_ text: String) throws(UnknownWord) -> EntryStatus {
        try statusCells.value(text) { text throws(UnknownWord) in
            let folded = TextNormalization.fold(text)
            if folded.isEmpty { return .inForce }
            guard let status = statusWords[folded] else { throw UnknownWord(.status, text) }
            return status
        }.get()
    }

    /// A word that is not in the vocabulary it was read against.
    public struct UnknownWord: Error, Sendable, Equatable {
        public var kind: Kind
        /// The cell text, normalised.
        public var value: String

        init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.value = TextNormalization.clean(text)
        }

        /// "unknown change type "x"; accepted: …"
        public var message: LocalizedText { Vocabulary.unknownValue(kind, value) }
    }
}

/// What a vocabulary made of cells already read: cell text → the value or the error, for
/// at most 1,024 distinct texts (hostile input can hold as many as it has rows; past the
/// bound a cell is read each time, as without the cache). Shared by the threads that read
/// a directory's files.
///
/// Keyed by the text's bytes (``CellText``), not by `String`'s equality: `String` hashes
/// the Unicode-normalised text, which for Vietnamese costs more than reading a short cell
/// again. Two spellings of one text (precomposed and combining marks) are then two entries
/// with the same value.
final class CellCache<Value: Sendable>: Sendable {
    private let known = Mutex<[CellText: Result<Value, Vocabulary.UnknownWord>]>([:])

    func value(_ text: String, _ read: (String) throws(Vocabulary.UnknownWord) -> Value) -> Result<Value, Vocabulary.UnknownWord> {
        let key = CellText(text)
        if let hit = known.withLock({ $0[key] }) { return hit }
        let result: Result<Value, Vocabulary.UnknownWord>
        do { result = .success(try read(text)) } catch { result = .failure(error) }
        known.withLock { cache in
            if cache.count < 1_024 { cache[key] = result }
        }
        return result
    }

    /// ``value(_:_:)`` for a reading that always answers.
    func answer(_ text: String, _ read: (String) -> Value) -> Value {
        switch value(text, { read($0) }) {
        case .success(let value): value
        case .failure: read(text) // not reached: `read` cannot fail
        }
    }
}

/// A text compared and hashed by its UTF-8 bytes, for the caches of cells read.
struct CellText: Hashable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }

    static func == (a: CellText, b: CellText) -> Bool { TextNormalization.sameBytes(a.text, b.text) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
