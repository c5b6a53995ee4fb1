import Yams

/// How far a schedule entry has been checked against what decided it.
public enum Verification: String, Sendable, CaseIterable {
    /// The text of the deciding document itself was read.
    case document
    /// A press report of the official notice, giving the dates, was read.
    case press
    /// Taken from the project's reference table only, not yet checked.
    case reference
}

/// The official public-sector schedules (lịch nghỉ lễ, tết của cán bộ, công chức, viên
/// chức) read from `catalogs/holidays/vn-public-sector.yaml`: for each year on file, every
/// weekday off and every weekend day worked, with the document that decided it.
///
/// The format is documented in `docs/holidays.md`. Parsing goes through Yams' node tree
/// (not `Codable`) so that every diagnostic can point at the line and column of the
/// offending value.
public struct HolidaySchedule: Sendable {
    /// One year whose schedule is official: its days replace the statutory rules.
    public struct Year: Sendable {
        public var year: Int
        public var note: String?
        public var entries: [Entry]
    }

    /// One reviewed day.
    public struct Entry: Sendable {
        public var day: SpecialDay
        public var verification: Verification?
        public var location: SourceLocation
    }

    public var years: [Year]

    public init(years: [Year]) { self.years = years }

    /// The years with an official schedule.
    public var officialYears: Set<Int> { Set(years.map(\.year)) }

    /// Every entry of every year, sorted by date.
    public var entries: [Entry] { years.flatMap(\.entries).sorted { $0.day.date < $1.day.date } }

    /// Reads a schedule file. Every problem is a diagnostic with file, line and column.
    public static func parse(_ file: InputFile) -> ReadResult<HolidaySchedule> {
        var reader = HolidayYAMLReader(path: file.displayPath)
        guard let root = reader.root(file.bytes) else {
            return ReadResult(value: nil, diagnostics: reader.diagnostics)
        }
        var years: [Year] = []
        var seenYears: [Int: Int] = [:]
        var seenDates: [CivilDate: Int] = [:]
        if let top = reader.mapping(root, allowed: ["format", "years"], required: ["format", "years"]) {
            reader.checkFormat(top["format"])
            for yearNode in reader.sequence(top["years"], key: "years") {
                guard let m = reader.mapping(yearNode, allowed: ["year", "status", "note", "days"],
                                             required: ["year", "status", "days"]),
                      let year = reader.year(m["year"])
                else { continue }
                if let status = reader.scalar(m["status"], key: "status"), status.text != "official" {
                    reader.error("holidays.bad-status", status.node, LocalizedText(
                        vi: "trạng thái năm không hợp lệ \"\(status.text)\": cần \"official\"",
                        en: "invalid year status \"\(status.text)\": expected \"official\""))
                }
                if let line = seenYears[year] {
                    reader.error("holidays.duplicate-year", m["year"]!, LocalizedText(
                        vi: "năm \(year) đã khai báo ở dòng \(line)",
                        en: "year \(year) is already declared on line \(line)"))
                    continue
                }
                seenYears[year] = m["year"]!.mark?.line ?? 0
                var entries: [Entry] = []
                for dayNode in reader.sequence(m["days"], key: "days") {
                    guard let entry = reader.entry(dayNode, scheduleYear: year, provisional: false,
                                                   requireVerification: true)
                    else { continue }
                    if let line = seenDates[entry.day.date] {
                        reader.error("holidays.duplicate-date", dayNode, LocalizedText(
                            vi: "ngày \(entry.day.date.vietnamese) đã có ở dòng \(line)",
                            en: "\(entry.day.date.iso) is already listed on line \(line)"))
                        continue
                    }
                    seenDates[entry.day.date] = entry.location.line ?? 0
                    entries.append(entry)
                }
                let note = m["note"].flatMap { reader.scalar($0, key: "note")?.text }
                years.append(Year(year: year, note: note?.isEmpty == true ? nil : note,
                                  entries: entries.sorted { $0.day.date < $1.day.date }))
            }
        }
        return ReadResult(value: HolidaySchedule(years: years.sorted { $0.year < $1.year }),
                          diagnostics: reader.diagnostics.cappedPerKind(file: file.displayPath))
    }
}

/// A user's changes to the calendar (tệp điều chỉnh lịch nghỉ): days to add (a day off
/// the data does not know yet, such as a newly decided holiday) and days to remove (a
/// swap that was cancelled). Format in `docs/holidays.md`:
///
/// ```yaml
/// format: 1
/// add:
///   - date: 2026-11-24
///     kind: holiday
///     name: Ngày Văn hóa Việt Nam
///     source: "…"
/// remove:
///   - date: 2026-08-31
///     reason: "…"
/// ```
public struct HolidayOverrides: Sendable {
    public struct Removal: Sendable {
        public var date: CivilDate
        public var reason: String?
        public var location: SourceLocation
    }

    public var additions: [HolidaySchedule.Entry]
    public var removals: [Removal]

    public init(additions: [HolidaySchedule.Entry] = [], removals: [Removal] = []) {
        self.additions = additions
        self.removals = removals
    }

    public static func parse(_ file: InputFile) -> ReadResult<HolidayOverrides> {
        var reader = HolidayYAMLReader(path: file.displayPath)
        guard let root = reader.root(file.bytes) else {
            return ReadResult(value: nil, diagnostics: reader.diagnostics)
        }
        var overrides = HolidayOverrides()
        var seen: [CivilDate: Int] = [:]
        func claim(_ date: CivilDate, _ node: Node) -> Bool {
            if let line = seen[date] {
                reader.error("holidays.duplicate-date", node, LocalizedText(
                    vi: "ngày \(date.vietnamese) đã có ở dòng \(line)",
                    en: "\(date.iso) is already listed on line \(line)"))
                return false
            }
            seen[date] = node.mark?.line ?? 0
            return true
        }
        if let top = reader.mapping(root, allowed: ["format", "add", "remove"], required: ["format"]) {
            reader.checkFormat(top["format"])
            if let add = top["add"] {
                for node in reader.sequence(add, key: "add") {
                    guard let entry = reader.entry(node, scheduleYear: nil, provisional: false,
                                                   requireVerification: false),
                          claim(entry.day.date, node)
                    else { continue }
                    overrides.additions.append(entry)
                }
            }
            if let remove = top["remove"] {
                for node in reader.sequence(remove, key: "remove") {
                    guard let m = reader.mapping(node, allowed: ["date", "reason"], required: ["date"]),
                          let date = reader.date(m["date"]), claim(date, node)
                    else { continue }
                    let reason = m["reason"].flatMap { reader.scalar($0, key: "reason")?.text }
                    overrides.removals.append(HolidayOverrides.Removal(
                        date: date, reason: reason, location: reader.location(node)))
                }
            }
        }
        overrides.additions.sort { $0.day.date < $1.day.date }
        overrides.removals.sort { $0.date < $1.date }
        return ReadResult(value: overrides, diagnostics: reader.diagnostics.cappedPerKind(file: file.displayPath))
    }
}

/// Walks a Yams node tree and turns every shape or value problem into a located,
/// bilingual ``Diagnostic``. Shared by the schedule and the override file.
struct HolidayYAMLReader {
    let path: String
    var diagnostics: [Diagnostic] = []
    /// Keeps node positions inside the text (set by ``root(_:)``).
    var position = YAMLPosition("")

    init(path: String) { self.path = path }

    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: path) }
        let at = position.clamp(line: mark.line, column: mark.column)
        return SourceLocation(file: path, line: at.line, column: at.column)
    }

    mutating func error(_ id: String, _ node: Node, _ message: LocalizedText) {
        diagnostics.append(Diagnostic(.error, id, at: location(node), message))
    }

    mutating func error(_ id: String, line: Int?, column: Int?, _ message: LocalizedText) {
        diagnostics.append(Diagnostic(.error, id, at: SourceLocation(file: path, line: line, column: column), message))
    }

    /// The document's root node, or nil with a diagnostic.
    mutating func root(_ bytes: [UInt8]) -> Node? {
        if let tooLarge = InputFile.yamlTooLarge(bytes, file: path) {
            diagnostics.append(tooLarge)
            return nil
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            error("holidays.encoding", line: nil, column: nil, LocalizedText(
                vi: "tệp không phải văn bản UTF-8", en: "the file is not UTF-8 text"))
            return nil
        }
        position = YAMLPosition(text)
        do {
            guard let node = try composeYAML(text) else {
                error("holidays.empty", line: 1, column: 1, LocalizedText(
                    vi: "tệp rỗng: cần một bảng có khóa \"format\"",
                    en: "empty file: expected a mapping with a \"format\" key"))
                return nil
            }
            return node
        } catch let e as YamlError {
            switch e {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                let at = position.clamp(line: mark.line, column: mark.column)
                error("holidays.yaml-syntax", line: at.line, column: at.column, LocalizedText(
                    vi: "YAML không hợp lệ: \(problem)", en: "invalid YAML: \(problem)"))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let at = position.clamp(line: context.mark.line, column: context.mark.column)
                error("holidays.duplicate-key", line: at.line, column: at.column, LocalizedText(
                    vi: "khóa lặp lại: \(duplicates.sorted().joined(separator: ", "))",
                    en: "duplicated key: \(duplicates.sorted().joined(separator: ", "))"))
            default:
                error("holidays.yaml-syntax", line: nil, column: nil, LocalizedText(
                    vi: "YAML không hợp lệ: \(e)", en: "invalid YAML: \(e)"))
            }
            return nil
        } catch {
            self.error("holidays.yaml-syntax", line: nil, column: nil, LocalizedText(
                vi: "YAML không hợp lệ: \(error)", en: "invalid YAML: \(error)"))
            return nil
        }
    }

    /// A mapping with string keys; unknown keys and missing required keys are errors.
    mutating func mapping(_ node: Node, allowed: [String], required: [String]) -> [String: Node]? {
        guard let mapping = node.mapping else {
            error("holidays.expected-mapping", node, LocalizedText(
                vi: "cần một bảng khóa: giá trị (\(allowed.joined(separator: ", ")))",
                en: "expected a mapping of keys (\(allowed.joined(separator: ", ")))"))
            return nil
        }
        var out: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, allowed.contains(name) else {
                error("holidays.unknown-key", key, LocalizedText(
                    vi: "khóa không hợp lệ \"\(key.scalar?.string ?? "?")\": cần một trong \(allowed.joined(separator: ", "))",
                    en: "unknown key \"\(key.scalar?.string ?? "?")\": expected one of \(allowed.joined(separator: ", "))"))
                continue
            }
            out[name] = value
        }
        var complete = true
        for key in required where out[key] == nil {
            error("holidays.missing-key", node, LocalizedText(
                vi: "thiếu khóa \"\(key)\"", en: "missing key \"\(key)\""))
            complete = false
        }
        return complete ? out : nil
    }

    /// The items of a sequence; anything else is an error and gives no items.
    mutating func sequence(_ node: Node?, key: String) -> [Node] {
        guard let node else { return [] }
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" || s.string == "null" { return [] }
        guard let seq = node.sequence else {
            error("holidays.expected-sequence", node, LocalizedText(
                vi: "\"\(key)\" cần một danh sách (mỗi mục bắt đầu bằng \"- \")",
                en: "\"\(key)\" expects a list (items starting with \"- \")"))
            return []
        }
        return Array(seq)
    }

    mutating func scalar(_ node: Node?, key: String) -> (text: String, node: Node)? {
        guard let node else { return nil }
        guard let s = node.scalar else {
            error("holidays.expected-scalar", node, LocalizedText(
                vi: "\"\(key)\" cần một giá trị đơn (văn bản)", en: "\"\(key)\" expects a single value (text)"))
            return nil
        }
        return (TextNormalization.clean(s.string), node)
    }

    mutating func checkFormat(_ node: Node?) {
        guard let (text, node) = scalar(node, key: "format") else { return }
        if text != "1" {
            error("holidays.bad-format", node, LocalizedText(
                vi: "phiên bản định dạng không hỗ trợ \"\(text)\": cần 1",
                en: "unsupported format version \"\(text)\": expected 1"))
        }
    }

    mutating func year(_ node: Node?) -> Int? {
        guard let (text, node) = scalar(node, key: "year") else { return nil }
        guard let y = Int(text), VietnameseLunarCalendar.supportedYears.contains(y) else {
            let r = VietnameseLunarCalendar.supportedYears
            error("holidays.bad-year", node, LocalizedText(
                vi: "năm không hợp lệ \"\(text)\": cần một năm từ \(r.lowerBound) đến \(r.upperBound)",
                en: "invalid year \"\(text)\": expected a year from \(r.lowerBound) to \(r.upperBound)"))
            return nil
        }
        return y
    }

    mutating func date(_ node: Node?) -> CivilDate? {
        guard let (text, node) = scalar(node, key: "date") else { return nil }
        do {
            let d = try CivilDate.parse(text)
            let r = VietnameseLunarCalendar.supportedYears
            guard r.contains(d.year) else {
                error("holidays.date-out-of-range", node, LocalizedText(
                    vi: "ngày \(d.vietnamese) nằm ngoài phạm vi lịch (\(r.lowerBound)–\(r.upperBound))",
                    en: "\(d.iso) is outside the calendar's range (\(r.lowerBound)–\(r.upperBound))"))
                return nil
            }
            return d
        } catch {
            self.error("holidays.bad-date", node, error.message)
            return nil
        }
    }

    /// One day entry: date, kind, name, optional name-en, source, verification.
    mutating func entry(_ node: Node, scheduleYear: Int?, provisional: Bool,
                        requireVerification: Bool) -> HolidaySchedule.Entry? {
        let keys = ["date", "kind", "name", "name-en", "source", "verification"]
        var required = ["date", "kind", "name", "source"]
        if requireVerification { required.append("verification") }
        guard let m = mapping(node, allowed: keys, required: required) else { return nil }
        let date = date(m["date"])
        var kind: DayKind?
        if let (text, kindNode) = scalar(m["kind"], key: "kind") {
            kind = DayKind(rawValue: text)
            if kind == nil {
                error("holidays.unknown-kind", kindNode, LocalizedText(
                    vi: "loại ngày không hợp lệ \"\(text)\": cần holiday, compensatory, swapped hoặc make-up",
                    en: "unknown kind \"\(text)\": expected holiday, compensatory, swapped or make-up"))
            }
        }
        var verification: Verification?
        if let (text, vNode) = scalar(m["verification"], key: "verification") {
            verification = Verification(rawValue: text)
            if verification == nil {
                error("holidays.bad-verification", vNode, LocalizedText(
                    vi: "mức kiểm tra không hợp lệ \"\(text)\": cần document, press hoặc reference",
                    en: "invalid verification \"\(text)\": expected document, press or reference"))
            }
        }
        let name = scalar(m["name"], key: "name")
        let nameEn = scalar(m["name-en"], key: "name-en")
        let source = scalar(m["source"], key: "source")
        for (field, value) in [("name", name), ("source", source)] {
            if let value, value.text.isEmpty {
                error("holidays.empty-value", value.node, LocalizedText(
                    vi: "\"\(field)\" không được để trống", en: "\"\(field)\" must not be empty"))
            }
        }
        guard let date, let kind, let name, !name.text.isEmpty, let source, !source.text.isEmpty,
              !requireVerification || verification != nil
        else { return nil }
        let dateNode = m["date"]!
        if kind.isWorking, !date.isWeekend {
            error("holidays.weekday-make-up", dateNode, LocalizedText(
                vi: "ngày làm bù \(date.vietnamese) là \(date.weekday.vietnameseName): cần thứ Bảy hoặc Chủ nhật",
                en: "make-up working day \(date.iso) is a \(date.weekday.englishName): expected a Saturday or Sunday"))
            return nil
        }
        if !kind.isWorking, date.isWeekend {
            error("holidays.weekend-day-off", dateNode, LocalizedText(
                vi: "ngày nghỉ \(date.vietnamese) là \(date.weekday.vietnameseName), vốn đã là ngày nghỉ hằng tuần: chỉ ghi ngày nghỉ rơi vào thứ Hai đến thứ Sáu",
                en: "day off \(date.iso) is a \(date.weekday.englishName), already a weekly rest day: list only days off from Monday to Friday"))
            return nil
        }
        if let scheduleYear, abs(date.year - scheduleYear) > 1 {
            error("holidays.date-outside-year", dateNode, LocalizedText(
                vi: "ngày \(date.vietnamese) không thuộc lịch nghỉ năm \(scheduleYear) (cho phép năm trước và năm sau liền kề)",
                en: "\(date.iso) does not belong to the \(scheduleYear) schedule (the adjacent years are allowed)"))
            return nil
        }
        let english = (nameEn?.text).flatMap { $0.isEmpty ? nil : $0 } ?? name.text
        let day = SpecialDay(date: date, kind: kind, name: LocalizedText(vi: name.text, en: english),
                             source: source.text, provisional: provisional, scheduleYear: scheduleYear)
        return HolidaySchedule.Entry(day: day, verification: verification, location: location(node))
    }
}
