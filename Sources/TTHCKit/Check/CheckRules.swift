/// A rule of the catalogue check that a catalogue repository's CI runs (kiểm tra danh mục).
/// The raw value is the stable id used by `--fail-on`, SARIF and JUnit.
public enum CheckRule: String, CaseIterable, Sendable, Codable {
    /// A local entry still in force although abolished, replaced or past its valid-until date.
    case expired
    /// A change not published and past its deadline.
    case overdue
    /// A local entry that differs from the ministry's current version.
    case difference
    /// A change published after its deadline.
    case unpublishedLate = "unpublished-late"
    case duplicateCode = "duplicate-code"
    case malformedCode = "malformed-code"
    case districtLevel = "district-level"
    case unexplained
    case probableMatch = "probable-match"
    /// A change whose deadline cannot be computed (no trigger date).
    case noDeadline = "no-deadline"
    /// The catalogue holds no procedure at all: every other rule would pass vacuously.
    case emptyCatalogue = "empty-catalogue"

    public var id: String { rawValue }

    /// The level a finding has when the rule is not one the run fails on.
    public var nonFailingLevel: Severity {
        switch self {
        case .unexplained, .probableMatch: .note
        default: .warning
        }
    }

    public var shortDescription: LocalizedText {
        switch self {
        case .expired: LocalizedText(vi: "Thủ tục hết hiệu lực vẫn còn trong danh mục",
                                     en: "Procedure no longer in force is still listed")
        case .overdue: LocalizedText(vi: "Quá hạn công bố", en: "Publication overdue")
        case .difference: LocalizedText(vi: "Nội dung khác quyết định của Bộ", en: "Content differs from the ministry's decision")
        case .unpublishedLate: LocalizedText(vi: "Công bố muộn", en: "Published late")
        case .duplicateCode: LocalizedText(vi: "Mã thủ tục trùng", en: "Duplicate procedure code")
        case .malformedCode: LocalizedText(vi: "Mã thủ tục sai dạng hoặc thiếu", en: "Malformed or missing procedure code")
        case .districtLevel: LocalizedText(vi: "Còn ghi cấp huyện sau 01/07/2025", en: "District level named after 01/07/2025")
        case .unexplained: LocalizedText(vi: "Thủ tục không có trong danh mục đầy đủ của Bộ",
                                         en: "Procedure not in the ministry's full listing")
        case .probableMatch: LocalizedText(vi: "Ghép theo tên, mã không khớp", en: "Paired by name, codes differ")
        case .noDeadline: LocalizedText(vi: "Không tính được hạn công bố", en: "Publication deadline cannot be computed")
        case .emptyCatalogue: LocalizedText(vi: "Danh mục không có thủ tục nào", en: "The catalogue holds no procedure")
        }
    }

    public var fullDescription: LocalizedText {
        switch self {
        case .expired: LocalizedText(
            vi: "Danh mục ghi thủ tục còn hiệu lực trong khi quyết định của Bộ đã bãi bỏ hoặc thay thế nó và đã có hiệu lực, hoặc đã quá ngày hết hiệu lực ghi trong danh mục.",
            en: "The catalogue lists the procedure as in force although a ministry decision in force abolished or replaced it, or its valid-until date has passed.")
        case .overdue: LocalizedText(
            vi: "Thay đổi theo quyết định của Bộ chưa được công bố và đã quá hạn (số ngày làm việc kể từ ngày Bộ cập nhật lên CSDL quốc gia hoặc ngày nhận quyết định).",
            en: "A change made by a ministry decision is not published and its deadline (working days from the national database update or the date the decision was received) has passed.")
        case .difference: LocalizedText(
            vi: "Một trường của thủ tục trong danh mục (tên, lĩnh vực, cấp thực hiện, cơ quan, thời hạn, phí, dịch vụ công trực tuyến) khác phiên bản hiện hành của Bộ.",
            en: "A field of the local entry (name, field, levels, agency, processing time, fees, online service) differs from the ministry's current version.")
        case .unpublishedLate: LocalizedText(
            vi: "Thay đổi đã được công bố nhưng sau hạn công bố.",
            en: "The change was published, but after its deadline.")
        case .duplicateCode: LocalizedText(
            vi: "Cùng một mã quốc gia xuất hiện nhiều lần trong danh mục.",
            en: "The same national code appears more than once in the catalogue.")
        case .malformedCode: LocalizedText(
            vi: "Mã thủ tục không có dạng mã quốc gia (ví dụ 1.010696), hoặc thủ tục không có mã.",
            en: "The procedure code is not a national code (e.g. 1.010696), or the procedure has no code.")
        case .districtLevel: LocalizedText(
            vi: "Từ ngày 01/07/2025 chính quyền địa phương có hai cấp (tỉnh, xã); dữ liệu còn ghi cấp huyện.",
            en: "Since 01/07/2025 local government has two tiers (province, commune); the data still names the district level.")
        case .unexplained: LocalizedText(
            vi: "Thủ tục còn hiệu lực trong danh mục nhưng không có trong danh mục đầy đủ mà Bộ công bố.",
            en: "An in-force local entry that the ministry's full listing does not mention.")
        case .probableMatch: LocalizedText(
            vi: "Thủ tục được ghép với thủ tục của Bộ theo tên vì mã không khớp; cần kiểm tra lại mã.",
            en: "The entry was paired with a ministry procedure by name because the codes differ; check the code.")
        case .noDeadline: LocalizedText(
            vi: "Quyết định không có ngày Bộ cập nhật lên CSDL quốc gia hay ngày nhận, nên không tính được hạn công bố.",
            en: "The decision has neither a national database date nor a received date, so no deadline can be computed.")
        case .emptyCatalogue: LocalizedText(
            vi: "Thư mục local/ không có thủ tục nào được đọc: mọi quy tắc khác sẽ đạt mà không kiểm tra gì (thư mục rỗng, sai đường dẫn --catalogs, hoặc tệp không đọc được).",
            en: "No procedure was read from local/: every other rule would pass without checking anything (an empty directory, a wrong --catalogs path, or files that could not be read).")
        }
    }

    public var help: LocalizedText {
        switch self {
        case .expired: LocalizedText(
            vi: "Chuyển trạng thái thủ tục sang \"đã bãi bỏ\" kèm quyết định công bố của tỉnh, hoặc sửa ngày hết hiệu lực.",
            en: "Mark the entry abolished with the province's publishing decision, or correct its valid-until date.")
        case .overdue: LocalizedText(
            vi: "Trình quyết định công bố của tỉnh và cập nhật danh mục (ngày công bố, quyết định của Bộ).",
            en: "Have the province's publishing decision issued and update the catalogue (publication date, ministry decision).")
        case .difference: LocalizedText(
            vi: "Sửa trường trong danh mục theo quyết định của Bộ, hoặc công bố lại thủ tục.",
            en: "Correct the field from the ministry's decision, or publish the procedure again.")
        case .unpublishedLate: LocalizedText(
            vi: "Không cần sửa dữ liệu; chỉ tiêu 766 ghi nhận công bố muộn.",
            en: "No data to fix; the Decision 766 scorecard records the late publication.")
        case .duplicateCode: LocalizedText(vi: "Giữ một dòng cho mỗi mã.", en: "Keep one row per code.")
        case .malformedCode: LocalizedText(vi: "Ghi mã theo CSDL quốc gia về TTHC.",
                                           en: "Write the code as the national database gives it.")
        case .districtLevel: LocalizedText(vi: "Chuyển thẩm quyền cấp huyện sang cấp tỉnh hoặc cấp xã.",
                                           en: "Move district-level competence to the province or the commune.")
        case .unexplained: LocalizedText(vi: "Kiểm tra thủ tục còn được thực hiện hay phải bãi bỏ.",
                                         en: "Check whether the procedure is still carried out or should be abolished.")
        case .probableMatch: LocalizedText(vi: "Sửa mã trong danh mục cho khớp mã của Bộ.",
                                           en: "Correct the code in the catalogue to the ministry's code.")
        case .noDeadline: LocalizedText(vi: "Ghi ngày nhận quyết định (số đến) vào sổ theo dõi văn bản đến.",
                                        en: "Record the received date (incoming number) in the decision register.")
        case .emptyCatalogue: LocalizedText(vi: "Kiểm tra đường dẫn --catalogs và các tệp trong local/.",
                                            en: "Check the --catalogs path and the files in local/.")
        }
    }

    /// Parses a `--fail-on` value: a comma-separated list of rule ids, or `all`; an empty
    /// list fails on nothing. An unknown id is an ``InputError`` naming the valid ones.
    public static func parseList(_ text: String) throws(InputError) -> Set<CheckRule> {
        var rules: Set<CheckRule> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let id = part.trimmingWhitespace().lowercased()
            if id.isEmpty { continue }
            if id == "all" {
                rules.formUnion(allCases)
            } else if let rule = CheckRule(rawValue: id) {
                rules.insert(rule)
            } else {
                let valid = allCases.map(\.id).joined(separator: ", ")
                throw InputError([Diagnostic(.error, "check.unknown-rule", at: SourceLocation(file: "--fail-on", field: id),
                                             LocalizedText(vi: "không có quy tắc \"\(id)\"; các quy tắc: \(valid), all",
                                                           en: "no rule \"\(id)\"; the rules are: \(valid), all"))])
            }
        }
        return rules
    }
}

/// One problem the check found: which rule, how bad, where, about which procedure.
public struct CheckFinding: Sendable, Equatable {
    public var rule: CheckRule
    /// `error` when the run fails on the rule, else the rule's non-failing level.
    public var severity: Severity
    public var location: SourceLocation
    /// The procedure code as written, when there is one.
    public var code: String?
    public var name: String
    /// The ministry decision concerned, when there is one.
    public var decision: String?
    public var message: LocalizedText
    /// Stable across runs and line moves: SHA-256 of the rule, the national code (or the
    /// folded name when there is no code), the decision and, for differences, the field.
    public var fingerprint: String

    /// `catalogs/local/x.csv:17: error: [expired] 1.011736 Thủ tục …: message`.
    public func rendered(_ language: Language) -> String {
        let subject = [code, name].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return "\(location.compilerStyle): \(severity.keyword): [\(rule.id)] \(subject): \(message[language])"
    }
}

/// One (rule, procedure) pair the check looked at, failing or not: the JUnit test cases.
public struct CheckSubject: Sendable, Equatable, Hashable {
    public var rule: CheckRule
    public var code: String?
    public var name: String
    public var decision: String?
    public var location: SourceLocation
}

/// The result of checking a catalogue: every finding, sorted by file, line, rule and code,
/// every subject checked, and whether the run fails.
public struct CheckOutcome: Sendable, Equatable {
    public var asOf: CivilDate
    public var failOn: Set<CheckRule>
    public var findings: [CheckFinding]
    public var subjects: [CheckSubject]

    /// True when a finding belongs to a rule the run fails on.
    public var failed: Bool { findings.contains { $0.severity == .error } }

    /// 0 clean, 1 failing findings. (Bad input, 2, is decided before a check can run.)
    public var exitCode: Int32 { failed ? 1 : 0 }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// The findings of one subject.
    public func findings(of subject: CheckSubject) -> [CheckFinding] {
        findings.filter {
            $0.rule == subject.rule && $0.location == subject.location && $0.code == subject.code && $0.decision == subject.decision
        }
    }
}

/// Turns a reconciliation into the CI gate's findings.
public enum CheckRules {
    public static let defaultFailOn: Set<CheckRule> = [.expired]

    /// `catalogueDirectory` is where a finding about the whole catalogue points.
    public static func evaluate(_ r: Reconciliation,
                                failOn: Set<CheckRule> = defaultFailOn, catalogueDirectory: String = "catalogs") -> CheckOutcome {
        var findings: [CheckFinding] = []
        var subjects: [CheckSubject] = []

        func add(_ rule: CheckRule, code: String?, name: String, decision: String?, extra: String = "",
                 _ message: LocalizedText, at location: SourceLocation) {
            let key = code.map { "code:" + ProcedureCode($0).key } ?? "name:" + TextNormalization.fold(name)
            let fingerprint = SHA256.hex(["tthc/v1", rule.id, key, decision.map(TextNormalization.fold) ?? "", extra]
                .joined(separator: "\u{1f}"))
            findings.append(CheckFinding(rule: rule, severity: failOn.contains(rule) ? .error : rule.nonFailingLevel,
                                         location: location, code: code, name: name, decision: decision,
                                         message: message, fingerprint: fingerprint))
            subjects.append(CheckSubject(rule: rule, code: code, name: name, decision: decision, location: location))
        }

        // What was checked, failing or not.
        for e in r.catalogue.entries {
            let code = e.code?.raw, name = e.content.name
            for rule in [CheckRule.duplicateCode, .malformedCode] {
                subjects.append(CheckSubject(rule: rule, code: code, name: name, decision: nil, location: e.location))
            }
            guard e.status == .inForce else { continue }
            for rule in [CheckRule.expired, .difference, .districtLevel, .unexplained, .probableMatch] {
                subjects.append(CheckSubject(rule: rule, code: code, name: name, decision: nil, location: e.location))
            }
        }
        for row in r.changes where row.status.kind != .notApplicable {
            for rule in [CheckRule.overdue, .unpublishedLate, .noDeadline] {
                subjects.append(CheckSubject(rule: rule, code: row.code.written, name: row.name, decision: row.decision,
                                             location: row.location))
            }
        }

        subjects.append(CheckSubject(rule: .emptyCatalogue, code: nil, name: catalogueDirectory, decision: nil,
                                     location: SourceLocation(file: catalogueDirectory)))
        if r.catalogue.entries.isEmpty {
            add(.emptyCatalogue, code: nil, name: catalogueDirectory, decision: nil, LocalizedText(
                vi: "không có thủ tục nào trong \(catalogueDirectory)/local/", en: "no procedure in \(catalogueDirectory)/local/"),
                at: SourceLocation(file: catalogueDirectory))
        }
        for e in r.expired {
            add(.expired, code: e.code, name: e.name, decision: nil, CheckText.expired(e), at: e.location)
        }
        for row in r.changes {
            switch row.status {
            case .overdue(let n):
                add(.overdue, code: row.code.written, name: row.name, decision: row.decision,
                    CheckText.overdue(row, workingDays: n), at: row.location)
            case .late(let n):
                add(.unpublishedLate, code: row.code.written, name: row.name, decision: row.decision,
                    CheckText.late(row, workingDays: n), at: row.location)
            case .cannotCompute:
                add(.noDeadline, code: row.code.written, name: row.name, decision: row.decision,
                    CheckText.noDeadline(row), at: row.location)
            default:
                break
            }
        }
        for d in r.differences {
            add(.difference, code: d.code.written, name: d.name, decision: nil, extra: d.field.rawValue,
                CheckText.difference(d), at: d.location)
        }
        for f in r.findings {
            let rule: CheckRule = switch f.kind {
            case .duplicateCode: .duplicateCode
            case .malformedCode: .malformedCode
            case .districtLevel: .districtLevel
            case .unexplained: .unexplained
            case .probableMatch: .probableMatch
            }
            add(rule, code: f.code, name: f.name, decision: nil, f.message, at: f.location)
        }

        findings.sort { a, b in
            let x = (a.location.file, a.location.line ?? 0, a.rule.id, a.code ?? "", a.decision ?? "", a.message.en)
            let y = (b.location.file, b.location.line ?? 0, b.rule.id, b.code ?? "", b.decision ?? "", b.message.en)
            return x < y
        }
        var seen: Set<CheckSubject> = []
        subjects = subjects.filter { seen.insert($0).inserted }.sorted { a, b in
            let ra = CheckRule.allCases.firstIndex(of: a.rule)!, rb = CheckRule.allCases.firstIndex(of: b.rule)!
            if ra != rb { return ra < rb }
            return (a.location.file, a.location.line ?? 0, a.code ?? "", a.decision ?? "", a.name)
                < (b.location.file, b.location.line ?? 0, b.code ?? "", b.decision ?? "", b.name)
        }
        return CheckOutcome(asOf: r.asOf, failOn: failOn, findings: findings, subjects: subjects)
    }
}

/// The check's messages, in one place per language.
enum CheckText {
    static func expired(_ e: ExpiredEntry) -> LocalizedText {
        let since = e.since.vietnamese
        switch e.reason {
        case .abolished:
            return LocalizedText(
                vi: "vẫn ghi còn hiệu lực nhưng đã bị bãi bỏ theo Quyết định \(e.decision ?? "?") từ ngày \(since)",
                en: "still listed as in force but abolished by decision \(e.decision ?? "?") from \(since)")
        case .replaced:
            let by = e.replacement.map { " \($0.raw)" } ?? ""
            return LocalizedText(
                vi: "vẫn ghi còn hiệu lực nhưng đã bị thay thế bởi thủ tục\(by) theo Quyết định \(e.decision ?? "?") từ ngày \(since)",
                en: "still listed as in force but replaced by procedure\(by) under decision \(e.decision ?? "?") from \(since)")
        case .validUntilPassed:
            return LocalizedText(vi: "vẫn ghi còn hiệu lực nhưng đã hết hiệu lực từ ngày \(since)",
                                 en: "still listed as in force but no longer valid from \(since)")
        }
    }

    static func overdue(_ row: ChangeRow, workingDays n: Int) -> LocalizedText {
        let deadline = row.deadline?.vietnamese ?? "?"
        return LocalizedText(
            vi: "chưa công bố (\(row.change.label.vi)) theo Quyết định \(row.decision): hạn \(deadline), quá hạn \(n) ngày làm việc",
            en: "not published (\(row.change.label.en)) under decision \(row.decision): due \(deadline), overdue by \(n) working day\(n == 1 ? "" : "s")")
    }

    static func late(_ row: ChangeRow, workingDays n: Int) -> LocalizedText {
        let deadline = row.deadline?.vietnamese ?? "?", published = row.publishedOn?.vietnamese ?? "?"
        return LocalizedText(
            vi: "công bố muộn \(n) ngày làm việc theo Quyết định \(row.decision): hạn \(deadline), công bố \(published)",
            en: "published \(n) working day\(n == 1 ? "" : "s") late under decision \(row.decision): due \(deadline), published \(published)")
    }

    static func noDeadline(_ row: ChangeRow) -> LocalizedText {
        LocalizedText(
            vi: "Quyết định \(row.decision) không có ngày cập nhật CSDL quốc gia hay ngày nhận: không tính được hạn công bố",
            en: "decision \(row.decision) has no national database date and no received date: no deadline can be computed")
    }

    static func difference(_ d: Difference) -> LocalizedText {
        func quoted(_ v: ComparedValue?, _ language: Language) -> String? { v.map { "\"\($0.label[language])\"" } }
        return LocalizedText(
            vi: "\(d.field.label.vi) khác Quyết định \(d.decision): danh mục ghi \(quoted(d.local, .vi) ?? "(trống)"), Bộ ghi \(quoted(d.ministry, .vi) ?? "(trống)")",
            en: "\(d.field.label.en) differs from decision \(d.decision): the catalogue says \(quoted(d.local, .en) ?? "(nothing)"), the ministry says \(quoted(d.ministry, .en) ?? "(nothing)")")
    }
}
