import Foundation
import Testing
import TestSupport
@testable import TTHCKit

enum CheckScenario {
    static func outcome(failOn: Set<CheckRule> = CheckRules.defaultFailOn, lineShift: Int = 0) -> CheckOutcome {
        var entries = RemindScenario.entries
        for i in entries.indices { entries[i].location.line! += lineShift }
        let r = reconcile(RemindScenario.decisions, entries, asOf: "2026-11-20", settings: RemindScenario.settings,
                          calendar: RemindScenario.calendar)
        return CheckRules.evaluate(r, failOn: failOn)
    }

    /// A catalogue with nothing to report.
    static func clean(failOn: Set<CheckRule>) -> CheckOutcome {
        let entries = [entry("1.000001", published: "2026-11-09", ministry: "2105/QĐ-BKHCN")]
        let r = reconcile([decision("2105/QĐ-BKHCN", [change("1.000001", .amended)])], entries, asOf: "2026-11-20")
        return CheckRules.evaluate(r, failOn: failOn)
    }
}

@Suite struct CheckRulesTests {
    @Test func findingsAreSortedByFileLineRuleAndCode() {
        let lines = CheckScenario.outcome().findings.map { $0.rendered(.vi) }
        #expect(lines == [
            "decisions/test.xml:5:3: warning: [no-deadline] 1.000008 Thủ tục đăng ký chuyển giao công nghệ: Quyết định 12/QĐ-BKHCN không có ngày cập nhật CSDL quốc gia hay ngày nhận: không tính được hạn công bố",
            "decisions/test.xml:6:3: warning: [overdue] 1.000009 Thủ tục cũ về đo lường: chưa công bố (bãi bỏ) theo Quyết định 1520/QĐ-BKHCN: hạn 08/10/2026, quá hạn 31 ngày làm việc",
            "decisions/test.xml:12:3: warning: [overdue] 1.000001 Thủ tục đăng ký hoạt động; cấp lại, điều chỉnh \\ nội dung: chưa công bố (sửa đổi, bổ sung) theo Quyết định 2105/QĐ-BKHCN: hạn 10/11/2026, quá hạn 8 ngày làm việc",
            "decisions/test.xml:14:3: warning: [unpublished-late] 1.000011 Thủ tục công bố hợp quy: công bố muộn 4 ngày làm việc theo Quyết định 2105/QĐ-BKHCN: hạn 10/11/2026, công bố 16/11/2026",
            "local/skhcn.csv:2: warning: [difference] 1.000006 Thủ tục công bố hợp chuẩn: Thời hạn giải quyết khác Quyết định 2105/QĐ-BKHCN: danh mục ghi \"15 ngày\", Bộ ghi \"15 ngày làm việc\"",
            "local/skhcn.csv:4: error: [expired] 1.000009 Thủ tục cũ về đo lường: vẫn ghi còn hiệu lực nhưng đã bị bãi bỏ theo Quyết định 1520/QĐ-BKHCN từ ngày 01/11/2026",
            "local/skhcn.csv:7: warning: [malformed-code] 1.00423 Thủ tục có mã sai | dạng: mã \"1.00423\" không đúng dạng mã quốc gia (ví dụ 1.010696)",
            "local/skhcn.csv:8: warning: [district-level] 1.000012 Thủ tục còn ghi cấp huyện: còn ghi cấp huyện sau ngày 01/07/2025 (chính quyền địa phương hai cấp)",
            "local/skhcn.csv:9: warning: [duplicate-code] 1.000010.000.00.00.H56 Thủ tục cấp chứng chỉ kiểm định viên (bản trùng): mã 1.000010 đã có ở local/skhcn.csv:5",
        ])
    }

    @Test func englishMessages() {
        let expired = CheckScenario.outcome().findings.first { $0.rule == .expired }!
        #expect(expired.rendered(.en) == "local/skhcn.csv:4: error: [expired] 1.000009 Thủ tục cũ về đo lường: still listed as in force but abolished by decision 1520/QĐ-BKHCN from 01/11/2026")
    }

    @Test func severityIsErrorForFailingRulesElseTheRulesLevel() {
        let o = CheckScenario.outcome(failOn: [.overdue, .difference])
        #expect(o.findings.filter { $0.severity == .error }.map(\.rule) == [.overdue, .overdue, .difference])
        #expect(CheckRule.allCases.filter { $0.nonFailingLevel == .note } == [.unexplained, .probableMatch])
    }

    @Test(arguments: [
        ("expired", [CheckRule.expired]),
        (" Expired , overdue,,", [.expired, .overdue]),
        ("no-deadline,unpublished-late", [.unpublishedLate, .noDeadline]),
        ("", []),
        ("all", CheckRule.allCases),
    ])
    func failOnListsParse(text: String, rules: [CheckRule]) throws {
        #expect(try CheckRule.parseList(text) == Set(rules))
    }

    @Test func anUnknownRuleIsBadInputNamingTheValidOnes() {
        #expect(throws: InputError.self) { try CheckRule.parseList("expired,late") }
        do { _ = try CheckRule.parseList("expired,late") } catch {
            #expect(error.diagnostics.map(\.message.en) == [
                "no rule \"late\"; the rules are: expired, overdue, difference, unpublished-late, duplicate-code, malformed-code, district-level, unexplained, probable-match, no-deadline, empty-catalogue, incomplete-publication, online-service-candidate, report-due, all",
            ])
            #expect(error.diagnostics.first?.location == SourceLocation(file: "--fail-on", field: "late"))
        }
    }

    /// The exit-code decision: 1 exactly when a finding of a rule the run fails on exists.
    @Test(arguments: [
        (Set<CheckRule>(), false, 0), (Set<CheckRule>(), true, 0),
        ([.expired], false, 0), ([.expired], true, 1),
        ([.overdue], true, 1), ([.unpublishedLate], true, 1),
        ([.unexplained, .probableMatch], true, 0),
        (Set(CheckRule.allCases), false, 0), (Set(CheckRule.allCases), true, 1),
    ] as [(Set<CheckRule>, Bool, Int32)])
    func exitCodeMatrix(failOn: Set<CheckRule>, findingsPresent: Bool, exitCode: Int32) {
        let o = findingsPresent ? CheckScenario.outcome(failOn: failOn) : CheckScenario.clean(failOn: failOn)
        #expect(o.findings.isEmpty == !findingsPresent)
        #expect(o.exitCode == exitCode)
        #expect(o.failed == (exitCode == 1))
    }

    @Test func fingerprintsDoNotDependOnLineNumbers() {
        let before = CheckScenario.outcome(), after = CheckScenario.outcome(lineShift: 10)
        let moved = after.findings.filter { $0.location.file == "local/skhcn.csv" }
        #expect(moved.map(\.location.line) == [12, 14, 17, 18, 19])
        #expect(Set(before.findings.map(\.fingerprint)) == Set(after.findings.map(\.fingerprint)))
        let expired = before.findings.first { $0.rule == .expired }!
        #expect(expired.fingerprint == SHA256.hex("tthc/v1\u{1f}expired\u{1f}code:1.000009\u{1f}\u{1f}"))
        #expect(Set(before.findings.map(\.fingerprint)).count == before.findings.count)
    }

    @Test func everyInForceEntryIsASubjectOfTheExpiredRule() {
        let o = CheckScenario.outcome()
        let subjects = o.subjects.filter { $0.rule == .expired }
        #expect(subjects.map(\.location.line) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(subjects.filter { !o.findings(of: $0).isEmpty }.map(\.code) == ["1.000009"])
    }
}

@Suite struct CheckReportTests {
    let outcome = CheckScenario.outcome()

    @Test func compilerStyleGolden() throws {
        try GoldenFile.check(outcome.findings.map { $0.rendered(.vi) }.joined(separator: "\n") + "\n", "check/check.vi.txt")
    }

    @Test func junitGolden() throws {
        try GoldenFile.check(JUnitReport().render(outcome), "check/junit.vi.xml")
    }

    @Test func sarifGolden() throws {
        try GoldenFile.check(SARIFReport(toolVersion: "0.1.0").render(outcome), "check/sarif.vi.json")
    }

    @Test func githubGolden() throws {
        let g = GitHubAnnotations()
        try GoldenFile.check(g.commands(outcome).joined(separator: "\n") + "\n", "check/github.vi.txt")
        try GoldenFile.check(g.summary(outcome), "check/summary.vi.md")
    }

    @Test func xmlEscaping() {
        #expect(JUnitReport.escape("a&b<c>\"d\" 'e'\n\tf\u{1}") == "a&amp;b&lt;c&gt;&quot;d&quot; &apos;e&apos;&#10;&#9;f\u{FFFD}")
        #expect(JUnitReport.escape("a\"b\nc", attribute: false) == "a\"b\nc")
    }

    @Test(.enabled(if: Python.has("xml.etree.ElementTree"), "needs python3"))
    func pythonReadsTheJUnitReport() throws {
        let script = """
        import sys, xml.etree.ElementTree as ET
        root = ET.fromstring(sys.stdin.buffer.read())
        print(root.tag, root.get('tests'), root.get('failures'), len(list(root.iter('testcase'))))
        for s in root.findall('testsuite'):
            cases = s.findall('testcase')
            print(s.get('name'), s.get('tests'), len(cases), s.get('failures'), len([c for c in cases if c.find('failure') is not None]))
        for c in root.iter('testcase'):
            if c.find('failure') is not None:
                print(c.get('name'), c.get('file'), c.get('line'), c.find('failure').get('message'))
        print([c.get('name') for c in root.iter('testcase') if c.get('name').startswith('1.000010 ')][0])
        """
        let result = try Python.run(script, input: Array(JUnitReport().render(outcome).utf8))
        #expect(result.stderr == "")
        #expect(result.stdout == """
        testsuites 84 1 84
        expired 8 8 1 1
        overdue 9 9 0 0
        difference 8 8 0 0
        unpublished-late 9 9 0 0
        duplicate-code 8 8 0 0
        malformed-code 8 8 0 0
        district-level 8 8 0 0
        unexplained 8 8 0 0
        probable-match 8 8 0 0
        no-deadline 9 9 0 0
        empty-catalogue 1 1 0 0
        1.000009 Thủ tục cũ về đo lường local/skhcn.csv 4 vẫn ghi còn hiệu lực nhưng đã bị bãi bỏ theo Quyết định 1520/QĐ-BKHCN từ ngày 01/11/2026
        1.000010 Thủ tục cấp chứng chỉ, "kiểm định viên" <đo lường> & chất lượng

        """)
    }

    @Test(.enabled(if: Python.has("jsonschema"), "needs python3 with jsonschema (pip install jsonschema)"))
    func sarifValidatesAgainstTheSchema() throws {
        let schema = GoldenFile.sourceFixtures.appendingPathComponent("sarif/sarif-schema-2.1.0.json").path
        let script = """
        import sys, json, jsonschema
        schema = json.load(open(sys.argv[1]))
        log = json.loads(sys.stdin.buffer.read())
        jsonschema.Draft4Validator.check_schema(schema)
        errors = sorted(e.message for e in jsonschema.Draft4Validator(schema).iter_errors(log))
        print(len(errors), errors[:3])
        run = log['runs'][0]
        print(run['tool']['driver']['name'], run['columnKind'], len(run['tool']['driver']['rules']), len(run['results']))
        r = [r for r in run['results'] if r['ruleId'] == 'expired'][0]
        print(r['level'], r['locations'][0]['physicalLocation']['artifactLocation'], r['locations'][0]['physicalLocation']['region'])
        """
        let result = try Python.run(script, arguments: [schema], input: SARIFReport(toolVersion: "0.1.0").render(outcome))
        #expect(result.stderr == "")
        #expect(result.stdout == """
        0 []
        tthc unicodeCodePoints 14 9
        error {'uri': 'local/skhcn.csv', 'uriBaseId': '%SRCROOT%'} {'startLine': 4}

        """)
    }

    @Test func sarifFingerprintsAndURIs() throws {
        let json = try JSONSerialization.jsonObject(with: Data(SARIFReport(toolVersion: "0.1.0").render(outcome))) as! [String: Any]
        let results = ((json["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
        #expect(results.map { ($0["partialFingerprints"] as! [String: String])["tthc/v1"]! } == outcome.findings.map(\.fingerprint))
        #expect(SARIFReport.uri("catalogs/địa phương/x y.csv") == "catalogs/%C4%91%E1%BB%8Ba%20ph%C6%B0%C6%A1ng/x%20y.csv")
    }

    @Test func githubEscaping() {
        #expect(GitHubAnnotations.escapeData("50% a\r\nb:c,d") == "50%25 a%0D%0Ab:c,d")
        #expect(GitHubAnnotations.escapeProperty("50% a\r\nb:c,d") == "50%25 a%0D%0Ab%3Ac%2Cd")
        let first = GitHubAnnotations().commands(outcome).first!
        #expect(first == "::error file=local/skhcn.csv,line=4,title=[expired] 1.000009 Thủ tục cũ về đo lường::vẫn ghi còn hiệu lực nhưng đã bị bãi bỏ theo Quyết định 1520/QĐ-BKHCN từ ngày 01/11/2026")
    }

    @Test func atMostTenAnnotationsErrorsFirstButTheSummaryHasAll() {
        let entries = (1...14).map { entry(String(format: "1.%06d", 100 + $0), line: $0 + 1) }
        let abolish = decision("1/QĐ-BKHCN", issued: "2026-01-05", effective: "2026-02-01", national: nil,
                               (1...14).map { change(String(format: "1.%06d", 100 + $0), .abolished, line: $0 + 1) })
        let r = reconcile([abolish], entries + [entry("1.00001", line: 20)], asOf: "2026-11-20")
        let o = CheckRules.evaluate(r, failOn: [.expired])
        #expect(o.findings.count == 29)
        let commands = GitHubAnnotations(language: .en).commands(o)
        #expect(commands.count == 10)
        #expect(commands.allSatisfy { $0.hasPrefix("::error file=local/skhcn.csv,line=") })
        let summary = GitHubAnnotations(language: .en).summary(o)
        #expect(summary.components(separatedBy: "\n").filter { $0.hasPrefix("| ") }.count == 2 + 29)
        #expect(summary.contains("\nOnly 10 of 29 findings are annotated in the files; the table below has them all.\n"))
        #expect(summary.contains("As of 20/11/2026: 14 errors, 15 warnings, 0 notes."))
    }
}
