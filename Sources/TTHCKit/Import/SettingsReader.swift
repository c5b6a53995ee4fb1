import Yams

/// Reads `settings.yaml` (the province's rules and preferences) into ``Settings``.
///
/// The YAML is composed into Yams nodes rather than decoded with `Codable`, because the
/// nodes keep their line and column: a wrong type is an error at the value, an unknown key
/// an error at the key (``YAMLWalker``), and the user can go straight to it. Keys not given keep the
/// defaults of ``Settings``.
public enum SettingsReader {
    public static func read(_ file: InputFile) -> ReadResult<Settings> {
        var reader = Reader(file: file.displayPath)
        let settings = reader.read(file)
        // Past twenty of a kind (unknown keys, say) they are counted, not listed.
        return ReadResult(value: settings, diagnostics: reader.diagnostics.cappedPerKind(file: file.displayPath))
    }

    /// Every key the file may have, for the unknown-key error.
    static let topLevelKeys = [
        "province", "agency", "deadline-working-days", "trigger-policy", "reminder-within",
        "alarm-working-days-before", "scope", "online-service-target", "email", "reports", "draft",
    ]
    static let scopeKeys = ["levels", "fields", "agencies"]
    static let emailKeys = ["from", "to", "sendmail"]
    static let reportKeys = ["name", "day-of-month", "date", "before", "working-day-rule"]
    static let draftKeys = ["issuing-body", "place", "recitals", "proposal", "executors", "recipients", "signer", "signer-name"]

    /// Whether `s` is an address the e-mail settings accept (see the reader's `address`).
    static func isMailbox(_ s: String) -> Bool {
        var spec = Substring(s)
        if s.hasSuffix(">"), let open = s.lastIndex(of: "<") {
            let name = s[..<open]
            guard !name.contains(where: { "<>\"\r\n".contains($0) }) else { return false }
            spec = s[s.index(after: open)..<s.index(before: s.endIndex)]
        }
        let parts = spec.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[0].count <= 64, spec.count <= 254 else { return false }
        let atext = Set("!#$%&'*+/=?^_`{|}~-")
        let local = parts[0]
        guard local.first != ".", local.last != ".", !local.contains(".."),
              local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || atext.contains($0) || $0 == ".") }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.first != "-" && label.last != "-" && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    private struct Reader {
        var yaml: YAMLWalker
        var diagnostics: [Diagnostic] { yaml.diagnostics }

        init(file: String) { yaml = YAMLWalker(path: file, kind: .settings) }

        mutating func error(_ node: Node, key: String, expected: LocalizedText) {
            yaml.expected(node, key, expected)
        }

        func isNull(_ node: Node) -> Bool { yaml.isNull(node) }

        mutating func read(_ file: InputFile) -> Settings {
            var settings = Settings()
            guard case .node(let root) = yaml.root(file.bytes), !isNull(root) else { return settings }
            guard root.mapping != nil else {
                yaml.error(.settingsType, root, LocalizedText(
                    vi: "tệp cài đặt phải là một bảng khoá: giá trị (ví dụ \"deadline-working-days: 3\")",
                    en: "the settings file must be a mapping of keys to values (e.g. \"deadline-working-days: 3\")"))
                return settings
            }
            for (key, value) in yaml.mapping(root, "", allowed: SettingsReader.topLevelKeys) ?? [] {
                if isNull(value) { continue }
                switch key {
                case "province": if let s = string(value, key) { settings.province = s }
                case "agency": if let s = string(value, key) { settings.agency = s }
                case "deadline-working-days":
                    if let n = integer(value, key, in: Settings.deadlineRange) { settings.deadlineWorkingDays = n }
                case "reminder-within": if let n = integer(value, key, in: Settings.reminderRange) { settings.reminderWithin = n }
                case "trigger-policy":
                    if let s = value.scalar?.string, let policy = TriggerPolicy(rawValue: s) {
                        settings.triggerPolicy = policy
                    } else {
                        error(value, key: key, expected: LocalizedText(
                            vi: "national-database-first hoặc earliest", en: "national-database-first or earliest"))
                    }
                case "alarm-working-days-before":
                    if let items = sequence(value, key) {
                        let numbers = items.compactMap { integer($0, key, in: Settings.alarmRange) }
                        if numbers.count == items.count { settings.alarmWorkingDaysBefore = numbers }
                    }
                case "online-service-target":
                    if let x = value.float, value.scalar?.style == .plain, (0...1).contains(x) {
                        settings.onlineServiceTarget = x
                    } else {
                        error(value, key: key, expected: LocalizedText(vi: "một số từ 0 đến 1 (ví dụ 0.8)", en: "a number from 0 to 1 (e.g. 0.8)"))
                    }
                case "scope": readScope(value, into: &settings)
                case "email": readEmail(value, into: &settings)
                case "reports": readReports(value, into: &settings)
                case "draft": readDraft(value, into: &settings)
                default: break
                }
            }
            return settings
        }

        mutating func readScope(_ node: Node, into settings: inout Settings) {
            for (key, value) in yaml.mapping(node, "scope", allowed: SettingsReader.scopeKeys) ?? [] {
                if isNull(value) { continue }
                switch key {
                case "levels":
                    guard let items = sequence(value, "scope.levels") else { continue }
                    var levels: [AdministrativeLevel] = []
                    for item in items {
                        if let word = item.scalar?.string, let level = try? Vocabulary.level(word) {
                            levels.append(level)
                        } else {
                            error(item, key: "scope.levels", expected: LocalizedText(
                                vi: "province, district, commune hoặc central", en: "province, district, commune or central"))
                        }
                    }
                    if levels.count == items.count { settings.scopeLevels = Array(Set(levels)).sorted() }
                case "fields": if let list = strings(value, "scope.fields") { settings.scopeFields = list }
                case "agencies": if let list = strings(value, "scope.agencies") { settings.scopeAgencies = list }
                default: break
                }
            }
        }

        mutating func readEmail(_ node: Node, into settings: inout Settings) {
            for (key, value) in yaml.mapping(node, "email", allowed: SettingsReader.emailKeys) ?? [] {
                if isNull(value) { continue }
                switch key {
                case "from": if let s = address(value, "email.from") { settings.emailFrom = s }
                case "to":
                    if value.scalar != nil {
                        if let s = address(value, "email.to") { settings.emailTo = [s] }
                    } else if let items = sequence(value, "email.to") {
                        let list = items.compactMap { address($0, "email.to") }
                        if list.count == items.count { settings.emailTo = list }
                    }
                case "sendmail": if let s = string(value, "email.sendmail") { settings.sendmailPath = s }
                default: break
                }
            }
        }

        mutating func readDraft(_ node: Node, into settings: inout Settings) {
            for (key, value) in yaml.mapping(node, "draft", allowed: SettingsReader.draftKeys) ?? [] {
                if isNull(value) { continue }
                let name = "draft." + key
                switch key {
                case "issuing-body": settings.draft.issuingBody = string(value, name)
                case "place": settings.draft.place = string(value, name)
                case "proposal": settings.draft.proposal = string(value, name)
                case "executors": settings.draft.executors = string(value, name)
                case "signer-name": settings.draft.signerName = string(value, name)
                case "recitals": settings.draft.recitals = lines(value, name)
                case "recipients": settings.draft.recipients = lines(value, name)
                case "signer": settings.draft.signer = lines(value, name)
                default: break
                }
            }
        }

        /// One text or a list of texts, each a line of the draft.
        mutating func lines(_ node: Node, _ key: String) -> [String]? {
            if node.scalar != nil { return string(node, key).map { [$0] } }
            return strings(node, key)
        }

        /// `reports:` — a list of reporting duties, each a mapping with a name and either a
        /// `day-of-month` (monthly) or a `date` (once). The whole list is kept only when
        /// every item is valid.
        mutating func readReports(_ node: Node, into settings: inout Settings) {
            guard let items = sequence(node, "reports") else { return }
            var duties: [ReportingDuty] = []
            var valid = true
            for item in items {
                guard let entries = yaml.mapping(item, "reports", allowed: SettingsReader.reportKeys, required: ["name"]) else {
                    valid = false
                    continue
                }
                let before = diagnostics.count
                var name: String?, schedule: ReportingDuty.Schedule?, scheduleNode: Node?
                var isBefore = true, rule = WorkingDayRule.previous
                for (key, value) in entries {
                    let path = "reports." + key
                    switch key {
                    case "name":
                        if let s = string(value, path) {
                            if s.isEmpty { error(value, key: path, expected: LocalizedText(vi: "tên của báo cáo", en: "the report's name")) } else { name = s }
                        }
                    case "day-of-month", "date":
                        if scheduleNode != nil {
                            yaml.error(.settingsType, value, LocalizedText(
                                vi: "\"\(path)\": một báo cáo có day-of-month (hằng tháng) hoặc date (một lần), không có cả hai",
                                en: "\"\(path)\": a report has day-of-month (monthly) or date (once), not both"))
                            continue
                        }
                        scheduleNode = value
                        if key == "day-of-month" {
                            if let n = integer(value, path, in: 1...31) { schedule = .monthly(day: n) }
                        } else if let text = value.scalar?.string, let date = try? CivilDate.parse(text),
                                  Settings.reportYears.contains(date.year) {
                            schedule = .once(date)
                        } else {
                            error(value, key: path, expected: LocalizedText(
                                vi: "một ngày dạng 2019-05-30 hoặc 30/05/2019, năm \(Settings.reportYears.lowerBound)–\(Settings.reportYears.upperBound)",
                                en: "a date such as 2019-05-30 or 30/05/2019, in \(Settings.reportYears.lowerBound)–\(Settings.reportYears.upperBound)"))
                        }
                    case "before":
                        if let b = value.bool, value.scalar?.style == .plain { isBefore = b } else {
                            error(value, key: path, expected: LocalizedText(vi: "true hoặc false", en: "true or false"))
                        }
                    case "working-day-rule":
                        if let s = value.scalar?.string, let r = WorkingDayRule(rawValue: s) { rule = r } else {
                            error(value, key: path, expected: LocalizedText(
                                vi: "previous, next hoặc keep", en: "previous, next or keep"))
                        }
                    default: break
                    }
                }
                if scheduleNode == nil {
                    yaml.error(.settingsMissingKey, item, LocalizedText(
                        vi: "báo cáo cần day-of-month (hằng tháng) hoặc date (một lần)",
                        en: "a report needs day-of-month (monthly) or date (once)"))
                }
                guard diagnostics.count == before, let name, let schedule else {
                    valid = false
                    continue
                }
                duties.append(ReportingDuty(name: name, schedule: schedule, before: isBefore, workingDayRule: rule,
                                            location: yaml.location(item)))
            }
            if valid { settings.reports = duties }
        }

        // MARK: Typed accessors

        /// An e-mail address as `local@domain` or `Name <local@domain>` (RFC 5322 §3.4 with
        /// a dot-atom local part and a domain of letters, digits and hyphens; the name may
        /// not hold `<`, `>`, `"` or line breaks). Anything else is refused, so that a value
        /// such as `a Cc: x@evil` can never add a header or a recipient to the digest.
        mutating func address(_ node: Node, _ key: String) -> String? {
            guard let s = string(node, key) else { return nil }
            guard SettingsReader.isMailbox(s) else {
                error(node, key: key, expected: LocalizedText(
                    vi: "một địa chỉ e-mail dạng ten@mien.vn hoặc \"Tên <ten@mien.vn>\"",
                    en: "an e-mail address such as name@domain.vn or \"Name <name@domain.vn>\""))
                return nil
            }
            return s
        }

        mutating func string(_ node: Node, _ key: String) -> String? {
            guard let s = node.scalar?.string else {
                error(node, key: key, expected: LocalizedText(vi: "một chuỗi chữ", en: "a text value"))
                return nil
            }
            return TextNormalization.clean(s)
        }

        /// A whole number within `range` (every number a user can write has one, so that
        /// nothing overflows and no loop runs for minutes).
        mutating func integer(_ node: Node, _ key: String, in range: ClosedRange<Int>) -> Int? {
            guard node.scalar?.style == .plain, let n = node.int, range.contains(n) else {
                error(node, key: key, expected: LocalizedText(
                    vi: "một số nguyên từ \(range.lowerBound) đến \(range.upperBound)",
                    en: "a whole number from \(range.lowerBound) to \(range.upperBound)"))
                return nil
            }
            return n
        }

        mutating func sequence(_ node: Node, _ key: String) -> [Node]? { yaml.sequence(node, key) }

        mutating func strings(_ node: Node, _ key: String) -> [String]? {
            guard let items = sequence(node, key) else { return nil }
            let list = items.compactMap { string($0, key) }
            return list.count == items.count ? list : nil
        }
    }
}
