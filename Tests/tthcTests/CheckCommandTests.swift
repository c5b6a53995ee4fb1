import Foundation
import Testing
import TestSupport

/// `tthc check` with the GitHub Actions environment neutralised, so the tests give the
/// same results on a GitHub runner as anywhere else.
private func check(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> CommandResult {
    var env = ["GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": ""]
    for (k, v) in environment { env[k] = v }
    return try runTTHC(["check"] + arguments, environment: env, currentDirectory: directory)
}

private let expired1011736 = "catalogs/local/skhcn-danh-muc.csv:4:1: error: [expired] 1.011736.000.00.00.H31 Thủ tục phê duyệt kế hoạch ứng phó sự cố bức xạ, hạt nhân cấp cơ sở (đối với công việc sử dụng thiết bị X-quang y tế): vẫn ghi còn hiệu lực nhưng đã bị bãi bỏ theo Quyết định 1520/QĐ-BKHCN từ ngày 15/10/2026"
private let expired1012500 = "catalogs/local/skhcn-danh-muc.csv:10:1: error: [expired] 1.012500.000.00.00.H31 Thủ tục hỗ trợ doanh nghiệp đổi mới công nghệ (thí điểm): vẫn ghi còn hiệu lực nhưng đã hết hiệu lực từ ngày 01/11/2026"

@Suite struct CheckCommandTests {
    /// Decision 1520/QĐ-BKHCN abolishes 1.011736 from 15/10/2026; the local entry 1.012500
    /// is valid until 31/10/2026. The default gate fails on expired entries only.
    @Test(arguments: [
        ("2026-10-14", [String](), Int32(0), [String]()),
        ("2026-10-15", [], 1, [expired1011736]),
        ("2026-11-20", [], 1, [expired1011736, expired1012500]),
        ("2026-11-20", ["--fail-on", ""], 0, []),
        ("2026-11-20", ["--fail-on", "unexplained"], 0, []),
    ])
    func expiredGateExitCodes(asOf: String, extra: [String], exitCode: Int32, errors: [String]) throws {
        let r = try check(["--as-of", asOf] + extra)
        #expect(r.exitCode == exitCode)
        #expect(r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init) == errors)
        #expect(r.stdout == "")
    }

    /// Each rule fails the run exactly when it has findings, and only its findings are errors.
    @Test(arguments: [
        ("2026-10-02", "overdue", Int32(0), [String]()),
        ("2026-10-14", "overdue", 1, ["catalogs/decisions/1520-QD-BKHCN.xml:26:3"]),
        ("2026-11-20", "overdue", 1, ["catalogs/decisions/1520-QD-BKHCN.xml:26:3", "catalogs/decisions/2105-QD-BKHCN.csv:9:1"]),
        ("2026-11-20", "difference", 1, ["catalogs/local/skhcn-danh-muc.csv:3:1", "catalogs/local/skhcn-danh-muc.csv:3:1",
                                         "catalogs/local/skhcn-danh-muc.csv:5:1"]),
        ("2026-11-20", "unpublished-late", 1, ["catalogs/decisions/1520-QD-BKHCN.xml:16:3", "catalogs/decisions/2105-QD-BKHCN.csv:20:1"]),
        ("2026-11-20", "no-deadline", 1, ["catalogs/decisions/2301-QD-BKHCN.xml:5:3"]),
        ("2026-11-20", "duplicate-code", 1, ["catalogs/local/skhcn-danh-muc.csv:12:1"]),
        ("2026-11-20", "malformed-code", 1, ["catalogs/local/skhcn-danh-muc.csv:13:1", "catalogs/local/skhcn-danh-muc.csv:14:1"]),
        ("2026-11-20", "district-level", 1, ["catalogs/decisions/2105-QD-BKHCN.csv:16:1", "catalogs/local/skhcn-danh-muc.csv:11:1"]),
        ("2026-11-20", "probable-match", 1, ["catalogs/local/skhcn-danh-muc.csv:14:1"]),
        // The opt-in rules: 1.004503 lacks its fees and legal basis, two entries their
        // online-service level; 1.011731 is listed as một phần where the ministry gives
        // toàn trình; the one-off report is due on Friday 27/11 (5 working days left).
        ("2026-11-20", "incomplete-publication", 1, ["catalogs/local/skhcn-danh-muc.csv:11:1",
                                                     "catalogs/local/skhcn-danh-muc.csv:15:1",
                                                     "catalogs/local/skhcn-danh-muc.csv:16:1"]),
        ("2026-11-20", "online-service-candidate", 1, ["catalogs/local/skhcn-danh-muc.csv:3:1"]),
        ("2026-11-20", "report-due", 1, ["catalogs/settings.yaml:26:5"]),
        ("2026-11-19", "report-due", 1, ["catalogs/settings.yaml:22:5"]),  // the monthly one, due today
        ("2026-11-10", "report-due", 0, [String]()),
    ])
    func failOnEachRule(asOf: String, rule: String, exitCode: Int32, errorLocations: [String]) throws {
        let r = try check(["--as-of", asOf, "--fail-on", rule])
        #expect(r.exitCode == exitCode)
        let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.map { String($0.prefix { $0 != " " }.dropLast()) } == errorLocations)
        #expect(errors.allSatisfy { $0.contains(": error: [\(rule)] ") })
    }

    /// The opt-in rules say nothing unless named; `--warn-on` shows them without failing.
    @Test func optInRulesAreOffByDefaultAndWarnOnShowsThem() throws {
        let plain = try check(["--as-of", "2026-11-20", "--fail-on", "", "--lang", "en"])
        #expect(plain.exitCode == 0)
        #expect(!plain.stderr.contains("[incomplete-publication]") && !plain.stderr.contains("[report-due]")
                    && !plain.stderr.contains("[online-service-candidate]"))
        let warned = try check(["--as-of", "2026-11-20", "--fail-on", "", "--warn-on", "report-due,incomplete-publication", "--lang", "en"])
        #expect(warned.exitCode == 0)
        let lines = warned.stderr.split(separator: "\n").filter { $0.contains("[report-due]") || $0.contains("[incomplete-publication]") }
        #expect(lines.map(String.init) == [
            "catalogs/local/skhcn-danh-muc.csv:11:1: warning: [incomplete-publication] 2.000830.000.00.00.H31 Thủ tục cấp giấy chứng nhận cơ sở đủ điều kiện kinh doanh dịch vụ đo lường tại huyện: published without every constituent part: online-service level empty",
            "catalogs/local/skhcn-danh-muc.csv:15:1: warning: [incomplete-publication] 1.004503.000.00.00.H31 Thủ tục cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ: published without every constituent part: fees, legal basis empty",
            "catalogs/local/skhcn-danh-muc.csv:16:1: warning: [incomplete-publication] 1.004516.000.00.00.H31 Thủ tục đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước: published without every constituent part: online-service level empty",
            "catalogs/settings.yaml:26:5: warning: [report-due] Báo cáo rà soát mức độ dịch vụ công trực tuyến: report before 30/11/2026: due 27/11/2026 (Friday), 5 working days left",
        ])
        let bad = try check(["--as-of", "2026-11-20", "--warn-on", "report-du", "--lang", "en"])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.hasPrefix("--warn-on: error: no rule \"report-du\"; the rules are: "))
    }

    @Test func failOnAllCountsEveryFinding() throws {
        let r = try check(["--as-of", "2026-11-20", "--fail-on", "all", "--lang", "en"])
        #expect(r.exitCode == 1)
        #expect(r.stderr.hasSuffix("\ncatalogs: 21 errors, 0 warnings, 0 notes (as of 20/11/2026)\n"))
    }

    @Test func unknownRuleIsBadInput() throws {
        try withCatalogueCopy { dir in
            let r = try check(["--as-of", "2026-11-20", "--fail-on", "expired,overdu", "--junit", "j.xml", "--lang", "en"], in: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr == "--fail-on: error: no rule \"overdu\"; the rules are: expired, overdue, difference, unpublished-late, duplicate-code, malformed-code, district-level, unexplained, probable-match, no-deadline, empty-catalogue, incomplete-publication, online-service-candidate, report-due, all\n")
            #expect(r.stdout == "")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("j.xml").path))
        }
    }

    @Test func brokenCatalogueIsBadInputAndWritesNothing() throws {
        try withCatalogueCopy { dir in
            try edit(dir.appendingPathComponent("catalogs/local/skhcn-danh-muc.csv"),
                     replacing: ",05/10/2026,07/10/2026,", with: ",31/02/2026,07/10/2026,")
            let summary = dir.appendingPathComponent("summary.md")
            let r = try check(["--as-of", "2026-11-20", "--junit", "out/j.xml", "--sarif", "s.sarif", "--github"],
                              environment: ["GITHUB_STEP_SUMMARY": summary.path], in: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr.contains("catalogs/local/skhcn-danh-muc.csv:2:198: error: cột \"Ngày công bố\": "))
            #expect(!r.stderr.contains("[expired]"))
            #expect(r.stdout == "")
            let written = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            #expect(written == ["catalogs"])
        }
    }

    @Test func badAsOfIsBadInput() throws {
        let r = try check(["--as-of", "31/02/2026"])
        #expect(r.exitCode == 2)
        #expect(r.stderr.hasPrefix("--as-of: error: "))
    }

    @Test func stderrGolden() throws {
        let r = try check(["--as-of", "2026-11-20"])
        #expect(r.exitCode == 1)
        #expect(r.stderr.hasPrefix(bundledCatalogueWarnings))
        try expectGolden(r.stderr, "check-2026-11-20.stderr.txt")
    }

    @Test(arguments: ["vi", "en"])
    func junitAndSarifGoldens(language: String) throws {
        try withCatalogueCopy { dir in
            let r = try check(["--as-of", "2026-11-20", "--lang", language, "--junit", "junit.xml", "--sarif", "tthc.sarif"],
                              in: dir)
            #expect(r.exitCode == 1)
            try expectGoldenBytes(bytes(of: dir.appendingPathComponent("junit.xml")), "check-2026-11-20.\(language).junit.xml")
            try expectGoldenBytes(bytes(of: dir.appendingPathComponent("tthc.sarif")), "check-2026-11-20.\(language).sarif")
        }
    }

    @Test(.enabled(if: Python.has("jsonschema", "xml.etree.ElementTree"), "needs python3 with jsonschema"))
    func sarifValidatesAndJUnitParses() throws {
        try withCatalogueCopy { dir in
            let r = try check(["--as-of", "2026-11-20", "--junit", "j.xml", "--sarif", "s.sarif"], in: dir)
            #expect(r.exitCode == 1)
            let schema = TestPaths.repository.appendingPathComponent("Tests/TTHCKitTests/Fixtures/sarif/sarif-schema-2.1.0.json")
            let script = """
            import sys, json, jsonschema, xml.etree.ElementTree as ET
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2], encoding='utf-8'))
            errors = list(jsonschema.Draft4Validator(schema).iter_errors(log))
            print(len(errors))
            run = log['runs'][0]
            print(run['tool']['driver']['version'])
            for res in run['results']:
                if res['level'] == 'error':
                    loc = res['locations'][0]['physicalLocation']
                    print(res['ruleId'], loc['artifactLocation']['uri'], loc['region']['startLine'])
            root = ET.parse(sys.argv[3]).getroot()
            print(root.get('tests'), root.get('failures'))
            print(sorted(c.get('line') for c in root.iter('testcase') if c.find('failure') is not None))
            """
            let p = try Python.run(script, arguments: [schema.path, dir.appendingPathComponent("s.sarif").path,
                                                           dir.appendingPathComponent("j.xml").path])
            #expect(p.stderr == "")
            let lines = p.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 6)
            #expect(Array(lines.prefix(4)) == ["0", "0.1.0", "expired catalogs/local/skhcn-danh-muc.csv 4",
                                               "expired catalogs/local/skhcn-danh-muc.csv 10"])
            #expect(lines.last == "['10', '4']")
        }
    }

    /// The same inputs give the same bytes.
    @Test func outputsAreDeterministic() throws {
        try withCatalogueCopy { dir in
            var runs: [[[UInt8]]] = []
            for _ in 0..<2 {
                let r = try check(["--as-of", "2026-11-20", "--junit", "j.xml", "--sarif", "s.sarif"], in: dir)
                #expect(r.exitCode == 1)
                runs.append([try bytes(of: dir.appendingPathComponent("j.xml")), try bytes(of: dir.appendingPathComponent("s.sarif"))])
            }
            #expect(runs[0] == runs[1])
        }
    }

    @Test(arguments: [(["--github"], ""), ([], "true")])
    func githubAnnotationsAndAppendedSummary(flag: [String], actions: String) throws {
        try withCatalogueCopy { dir in
            let summary = dir.appendingPathComponent("step-summary.md")
            try Data("### Earlier step\n".utf8).write(to: summary)
            let r = try check(["--as-of", "2026-11-20", "--lang", "en"] + flag,
                              environment: ["GITHUB_ACTIONS": actions, "GITHUB_STEP_SUMMARY": summary.path], in: dir)
            #expect(r.exitCode == 1)
            let commands = r.stdout.split(separator: "\n").map(String.init)
            #expect(commands.count == 10)
            #expect(commands.prefix(2) == [
                "::error file=catalogs/local/skhcn-danh-muc.csv,line=4,title=[expired] 1.011736.000.00.00.H31 Thủ tục phê duyệt kế hoạch ứng phó sự cố bức xạ%2C hạt nhân cấp cơ sở (đối với công việc sử dụng thiết bị X-quang y tế)::still listed as in force but abolished by decision 1520/QĐ-BKHCN from 15/10/2026",
                "::error file=catalogs/local/skhcn-danh-muc.csv,line=10,title=[expired] 1.012500.000.00.00.H31 Thủ tục hỗ trợ doanh nghiệp đổi mới công nghệ (thí điểm)::still listed as in force but no longer valid from 01/11/2026",
            ])
            #expect(commands.dropFirst(2).allSatisfy { $0.hasPrefix("::warning file=") })
            let text = try String(contentsOf: summary, encoding: .utf8)
            #expect(text.hasPrefix("### Earlier step\n\n## Procedure catalogue check\n\nAs of 20/11/2026: 2 errors, 13 warnings, 1 note.\n\nOnly 10 of 16 findings are annotated in the files; the table below has them all.\n"))
            #expect(text.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == 2 + 16)
        }
    }

    @Test func noAnnotationsOutsideGitHub() throws {
        try withCatalogueCopy { dir in
            let summary = dir.appendingPathComponent("step-summary.md")
            let r = try check(["--as-of", "2026-11-20"], environment: ["GITHUB_ACTIONS": "false", "GITHUB_STEP_SUMMARY": summary.path], in: dir)
            #expect(r.exitCode == 1)
            #expect(r.stdout == "")
            #expect(!FileManager.default.fileExists(atPath: summary.path))
        }
    }
}
