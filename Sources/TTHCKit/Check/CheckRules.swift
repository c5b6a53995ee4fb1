/// A rule of the catalogue check that a catalogue repository's CI runs (kiểm tra danh mục).
/// The raw value is the stable id used by `--fail-on`, SARIF and JUnit.
public enum CheckRule: String, CaseIterable, Sendable, Codable, Comparable {
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
    /// An in-force entry leaves empty a constituent part its file holds (indicator 1.3).
    case incompletePublication = "incomplete-publication"
    /// An in-force entry the online-service review proposes to raise.
    case onlineServiceCandidate = "online-service-candidate"
    /// A reporting duty of `settings.yaml` due within the reminder window.
    case reportDue = "report-due"

    public var id: String { rawValue }

    /// The rules whose cases the reconciler reports as ``Finding``s (the others come from
    /// its changes, differences and expired entries, or from the catalogue as a whole).
    public static let findingRules: [CheckRule] = [.duplicateCode, .malformedCode, .districtLevel, .unexplained, .probableMatch]

    /// The rules that are off unless named (in `--fail-on` or `--warn-on`, or by `all`):
    /// they answer questions a province asks now and then, not the weekly gate.
    public static let optIn: Set<CheckRule> = [.incompletePublication, .onlineServiceCandidate, .reportDue]

    /// The order of `allCases`.
    public static func < (a: CheckRule, b: CheckRule) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The level a finding has when the rule is not one the run fails on.
    public var nonFailingLevel: Severity {
        switch self {
        case .unexplained, .probableMatch: .note
        default: .warning
        }
    }

    public var shortDescription: LocalizedText { CheckStrings.both { $0.ruleTitle(self) } }

    public var fullDescription: LocalizedText { CheckStrings.both { $0.ruleDescription(self) } }

    public var help: LocalizedText { CheckStrings.both { $0.ruleHelp(self) } }

    /// Parses a `--fail-on` value: a comma-separated list of rule ids, or `all`; an empty
    /// list fails on nothing. An unknown id is an ``InputError`` naming the valid ones.
    public static func parseList(_ text: String, option: String = "--fail-on") throws(InputError) -> Set<CheckRule> {
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
                throw InputError([Diagnostic(.error, .checkUnknownRule, at: SourceLocation(file: option, field: id),
                                             CheckStrings.both { $0.unknownRule(id, valid) })])
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
    /// The opt-in rules (``CheckRule/optIn``) are looked at only when `failOn` or `warnOn`
    /// names them; `warnOn` reports their findings at the rule's non-failing level.
    public static func evaluate(_ r: Reconciliation,
                                failOn: Set<CheckRule> = defaultFailOn, warnOn: Set<CheckRule> = [],
                                catalogueDirectory: String = "catalogs") -> CheckOutcome {
        var findings: [CheckFinding] = []
        var subjects: [CheckSubject] = []
        let enabled = failOn.union(warnOn)

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
            add(.emptyCatalogue, code: nil, name: catalogueDirectory, decision: nil,
                CheckStrings.both { $0.emptyCatalogue(catalogueDirectory) }, at: SourceLocation(file: catalogueDirectory))
        }
        for e in r.expired {
            add(.expired, code: e.code, name: e.name, decision: nil, CheckStrings.both { $0.expired(e) }, at: e.location)
        }
        for row in r.changes {
            switch row.status {
            case .overdue(let n):
                add(.overdue, code: row.code.written, name: row.name, decision: row.decision,
                    CheckStrings.both { $0.overdue(row, n) }, at: row.location)
            case .late(let n):
                add(.unpublishedLate, code: row.code.written, name: row.name, decision: row.decision,
                    CheckStrings.both { $0.late(row, n) }, at: row.location)
            case .cannotCompute:
                add(.noDeadline, code: row.code.written, name: row.name, decision: row.decision,
                    CheckStrings.both { $0.noDeadline(row.decision) }, at: row.location)
            default:
                break
            }
        }
        for d in r.differences {
            add(.difference, code: d.code.written, name: d.name, decision: nil, extra: d.field.rawValue,
                CheckStrings.both { $0.difference(d) }, at: d.location)
        }
        for f in r.findings {
            add(f.kind, code: f.code, name: f.name, decision: nil, f.message, at: f.location)
        }

        // The opt-in rules.
        if enabled.contains(.incompletePublication) {
            for e in r.catalogue.entries where e.status == .inForce && !e.heldParts.isEmpty {
                subjects.append(CheckSubject(rule: .incompletePublication, code: e.code?.raw, name: e.content.name,
                                             decision: nil, location: e.location))
            }
            for e in r.completeness.incomplete {
                let parts = e.missing.map(\.rawValue).joined(separator: ",")
                add(.incompletePublication, code: e.code, name: e.name, decision: nil, extra: parts,
                    CheckStrings.both { s in s.incomplete(e.missing.map { $0.label[s.language] }.joined(separator: ", ")) },
                    at: e.location)
            }
        }
        if enabled.contains(.onlineServiceCandidate) {
            for item in r.onlineReview {
                subjects.append(CheckSubject(rule: .onlineServiceCandidate, code: item.code, name: item.name, decision: nil,
                                             location: item.location))
                guard item.proposal == .raise, let proposed = item.proposed else { continue }
                add(.onlineServiceCandidate, code: item.code, name: item.name, decision: nil, extra: proposed.rawValue,
                    CheckStrings.both { s in
                        s.onlineCandidate(item.current?.label[s.language] ?? "–", proposed.label[s.language],
                                          item.ground == .ministryOffers, item.ministryDecision ?? "")
                    }, at: item.location)
            }
        }
        if enabled.contains(.reportDue) {
            for d in r.reportingDuties {
                subjects.append(CheckSubject(rule: .reportDue, code: nil, name: d.name, decision: nil, location: d.location))
                guard let left = d.workingDaysLeft, left <= r.dueSoonWithin else { continue }
                add(.reportDue, code: nil, name: d.name, decision: nil, extra: d.due.iso,
                    CheckStrings.both { s in
                        s.reportDue(ReportDocument.dutyRule(d, ReportStrings.for(s.language)), d.due, left)
                    }, at: d.location)
            }
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
