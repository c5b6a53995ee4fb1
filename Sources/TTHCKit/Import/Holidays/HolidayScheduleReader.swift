import Yams

extension HolidaySchedule {
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
                    reader.error(.holidaysBadStatus, status.node, LocalizedText(
                        vi: "trạng thái năm không hợp lệ \"\(status.text)\": cần \"official\"",
                        en: "invalid year status \"\(status.text)\": expected \"official\""))
                }
                if let line = seenYears[year] {
                    reader.error(.holidaysDuplicateYear, m["year"]!, LocalizedText(
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
                        reader.error(.holidaysDuplicateDate, dayNode, LocalizedText(
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

extension HolidayOverrides {
    public static func parse(_ file: InputFile) -> ReadResult<HolidayOverrides> {
        var reader = HolidayYAMLReader(path: file.displayPath)
        guard let root = reader.root(file.bytes) else {
            return ReadResult(value: nil, diagnostics: reader.diagnostics)
        }
        var overrides = HolidayOverrides()
        var seen: [CivilDate: Int] = [:]
        func claim(_ date: CivilDate, _ node: Node) -> Bool {
            if let line = seen[date] {
                reader.error(.holidaysDuplicateDate, node, LocalizedText(
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

/// The holiday files' vocabulary (format, years, days, kinds, verification) over the one
/// YAML walker; every shape or value problem is a located, bilingual ``Diagnostic``.
/// Shared by the schedule and the override file.
struct HolidayYAMLReader {
    var yaml: YAMLWalker
    var diagnostics: [Diagnostic] { yaml.diagnostics }

    init(path: String) { yaml = YAMLWalker(path: path, kind: .holidays) }

    func location(_ node: Node) -> SourceLocation { yaml.location(node) }

    mutating func error(_ id: DiagnosticID, _ node: Node, _ message: LocalizedText) {
        yaml.error(id, node, message)
    }

    /// The document's root node, or nil with a diagnostic.
    mutating func root(_ bytes: [UInt8]) -> Node? {
        switch yaml.root(bytes) {
        case .node(let node): return node
        case .failed: return nil
        case .empty:
            diagnostics(append: Diagnostic(.error, .holidaysEmpty, at: SourceLocation(file: yaml.path, line: 1, column: 1),
                                           LocalizedText(vi: "tệp rỗng: cần một bảng có khóa \"format\"",
                                                         en: "empty file: expected a mapping with a \"format\" key")))
            return nil
        }
    }

    private mutating func diagnostics(append d: Diagnostic) { yaml.diagnostics.append(d) }

    /// A mapping with string keys; unknown keys and missing required keys are errors.
    mutating func mapping(_ node: Node, allowed: [String], required: [String]) -> [String: Node]? {
        yaml.mapping(node, "", allowed: allowed, required: required).map { entries in
            Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The items of a sequence; anything else is an error and gives no items.
    mutating func sequence(_ node: Node?, key: String) -> [Node] {
        guard let node else { return [] }
        return yaml.sequence(node, key) ?? []
    }

    mutating func scalar(_ node: Node?, key: String) -> (text: String, node: Node)? {
        guard let node else { return nil }
        guard let s = node.scalar else {
            error(.holidaysExpectedScalar, node, LocalizedText(
                vi: "\"\(key)\" cần một giá trị đơn (văn bản)", en: "\"\(key)\" expects a single value (text)"))
            return nil
        }
        return (TextNormalization.clean(s.string), node)
    }

    mutating func checkFormat(_ node: Node?) {
        guard let (text, node) = scalar(node, key: "format") else { return }
        if text != "1" {
            error(.holidaysBadFormat, node, LocalizedText(
                vi: "phiên bản định dạng không hỗ trợ \"\(text)\": cần 1",
                en: "unsupported format version \"\(text)\": expected 1"))
        }
    }

    mutating func year(_ node: Node?) -> Int? {
        guard let (text, node) = scalar(node, key: "year") else { return nil }
        guard let y = Int(text), VietnameseLunarCalendar.supportedYears.contains(y) else {
            let r = VietnameseLunarCalendar.supportedYears
            error(.holidaysBadYear, node, LocalizedText(
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
                error(.holidaysDateOutOfRange, node, LocalizedText(
                    vi: "ngày \(d.vietnamese) nằm ngoài phạm vi lịch (\(r.lowerBound)–\(r.upperBound))",
                    en: "\(d.iso) is outside the calendar's range (\(r.lowerBound)–\(r.upperBound))"))
                return nil
            }
            return d
        } catch {
            self.error(.holidaysBadDate, node, error.message)
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
                error(.holidaysUnknownKind, kindNode, LocalizedText(
                    vi: "loại ngày không hợp lệ \"\(text)\": cần holiday, compensatory, swapped hoặc make-up",
                    en: "unknown kind \"\(text)\": expected holiday, compensatory, swapped or make-up"))
            }
        }
        var verification: Verification?
        if let (text, vNode) = scalar(m["verification"], key: "verification") {
            verification = Verification(rawValue: text)
            if verification == nil {
                error(.holidaysBadVerification, vNode, LocalizedText(
                    vi: "mức kiểm tra không hợp lệ \"\(text)\": cần document, press hoặc reference",
                    en: "invalid verification \"\(text)\": expected document, press or reference"))
            }
        }
        let name = scalar(m["name"], key: "name")
        let nameEn = scalar(m["name-en"], key: "name-en")
        let source = scalar(m["source"], key: "source")
        for (field, value) in [("name", name), ("source", source)] {
            if let value, value.text.isEmpty {
                error(.holidaysEmptyValue, value.node, LocalizedText(
                    vi: "\"\(field)\" không được để trống", en: "\"\(field)\" must not be empty"))
            }
        }
        guard let date, let kind, let name, !name.text.isEmpty, let source, !source.text.isEmpty,
              !requireVerification || verification != nil
        else { return nil }
        let dateNode = m["date"]!
        if kind.isWorking, !date.isWeekend {
            error(.holidaysWeekdayMakeUp, dateNode, LocalizedText(
                vi: "ngày làm bù \(date.vietnamese) là \(date.weekday.vietnameseName): cần thứ Bảy hoặc Chủ nhật",
                en: "make-up working day \(date.iso) is a \(date.weekday.englishName): expected a Saturday or Sunday"))
            return nil
        }
        if !kind.isWorking, date.isWeekend {
            error(.holidaysWeekendDayOff, dateNode, LocalizedText(
                vi: "ngày nghỉ \(date.vietnamese) là \(date.weekday.vietnameseName), vốn đã là ngày nghỉ hằng tuần: chỉ ghi ngày nghỉ rơi vào thứ Hai đến thứ Sáu",
                en: "day off \(date.iso) is a \(date.weekday.englishName), already a weekly rest day: list only days off from Monday to Friday"))
            return nil
        }
        if let scheduleYear, abs(date.year - scheduleYear) > 1 {
            error(.holidaysDateOutsideYear, dateNode, LocalizedText(
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
