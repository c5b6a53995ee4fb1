import ArgumentParser
import Foundation
import TTHCKit

/// `tthc check`: the catalogue repository's CI gate (kiểm tra danh mục). Exit 0 clean,
/// 1 when a finding belongs to a rule in `--fail-on`, 2 on bad input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "CI gate: fail when the catalogue still lists expired procedures (or other chosen rules).",
        discussion: """
        Kiểm tra danh mục TTHC cho CI: mỗi kết quả in ra stderr dạng tệp:dòng; JUnit, SARIF, \
        chú thích GitHub Actions. Exit 0 clean, 1 failing findings, 2 bad input. \
        Rules: \(CheckRule.allCases.map(\.id).joined(separator: ", ")), all. See docs/ci.md.
        """
    )

    @OptionGroup var options: CatalogueOptions

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "Comma-separated rule ids whose findings fail the run, or all; '' fails on nothing.", valueName: "rules"))
    var failOn: String = "expired"

    @Option(name: .customLong("warn-on"), help: ArgumentHelp(
        "Also look at these opt-in rules (incomplete-publication, online-service-candidate, report-due) without failing.",
        valueName: "rules"))
    var warnOn: String = ""

    @Option(name: .long, help: ArgumentHelp("Write a JUnit XML report to this file (atomically).", valueName: "file"))
    var junit: String?

    @Option(name: .long, help: ArgumentHelp("Write a SARIF 2.1.0 log to this file (atomically).", valueName: "file"))
    var sarif: String?

    @Flag(name: .long, help: "GitHub Actions annotations on stdout and a summary in $GITHUB_STEP_SUMMARY (automatic when GITHUB_ACTIONS=true).")
    var github = false

    func run() throws {
        let run = RunDiagnostics(options.lang)
        let lang = options.lang
        let rules: Set<CheckRule>, warnRules: Set<CheckRule>
        do {
            rules = try CheckRule.parseList(failOn)
            warnRules = try CheckRule.parseList(warnOn, option: "--warn-on")
        } catch {
            try run.stop(error.diagnostics)
        }
        let day = try options.day(run)
        try options.guardOutputs([.init("--junit", junit), .init("--sarif", sarif)], run)
        let outcome = try options.pipeline(run).check(asOf: day, failOn: rules, warnOn: warnRules)

        let environment = ProcessInfo.processInfo.environment
        let annotate = github || environment["GITHUB_ACTIONS"] == "true"
        var files: [(bytes: [UInt8], path: String?, option: String)] = []
        if let junit { files.append((Array(JUnitReport(language: lang).render(outcome).utf8), junit, "--junit")) }
        if let sarif {
            files.append((SARIFReport(language: lang, toolVersion: TTHC.configuration.version).render(outcome), sarif, "--sarif"))
        }

        for finding in outcome.findings { run.status(finding.rendered(lang)) }
        run.status(run.strings.checkSummary(options.catalogs, outcome.count(.error), outcome.count(.warning),
                                            outcome.count(.note), outcome.asOf))

        // The JUnit and SARIF files are written together: both or neither.
        try run.write(files)
        if annotate {
            let annotations = GitHubAnnotations(language: lang)
            let commands = annotations.commands(outcome)
            if !commands.isEmpty {
                try run.write(Array((commands.joined(separator: "\n") + "\n").utf8), to: nil, option: "--github")
            }
            // The job summary belongs to the runner (other steps write to it too): appended
            // to, never replaced.
            if let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
                try run.append(Array(("\n" + annotations.summary(outcome)).utf8), to: path, option: "GITHUB_STEP_SUMMARY")
            }
        }
        try run.finish(outcome.exitCode)
    }
}
