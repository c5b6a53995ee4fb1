import ArgumentParser
import Foundation
import TTHCKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    @Option(name: .long, help: ArgumentHelp("Write a JUnit XML report to this file (atomically).", valueName: "file"))
    var junit: String?

    @Option(name: .long, help: ArgumentHelp("Write a SARIF 2.1.0 log to this file (atomically).", valueName: "file"))
    var sarif: String?

    @Flag(name: .long, help: "GitHub Actions annotations on stdout and a summary in $GITHUB_STEP_SUMMARY (automatic when GITHUB_ACTIONS=true).")
    var github = false

    func run() throws {
        let lang = options.lang
        let rules: Set<CheckRule>
        do {
            rules = try CheckRule.parseList(failOn)
        } catch {
            for d in error.diagnostics { printError(d.rendered(lang)) }
            throw badInputExitCode
        }
        try options.guardOutputs([.init("--junit", junit), .init("--sarif", sarif)])
        let loaded = try options.load()
        let reconciliation = Reconciler(settings: loaded.data.settings).reconcile(
            decisions: loaded.data.decisions, catalogue: loaded.data.catalogue,
            calendar: loaded.calendar, asOf: loaded.asOf)
        let outcome = CheckRules.evaluate(reconciliation, catalogue: loaded.data.catalogue, failOn: rules,
                                          catalogueDirectory: options.catalogs)

        let environment = ProcessInfo.processInfo.environment
        let annotate = github || environment["GITHUB_ACTIONS"] == "true"
        let version = TTHC.configuration.version
        let junitBytes = junit.map { _ in Array(JUnitReport(language: lang).render(outcome).utf8) }
        let sarifBytes = sarif.map { _ in SARIFReport(language: lang, toolVersion: version).render(outcome) }

        for finding in outcome.findings { printError(finding.rendered(lang)) }
        printError(summaryLine(outcome, language: lang))

        if let junit, let junitBytes { try writeOutput(junitBytes, to: junit, language: lang) }
        if let sarif, let sarifBytes { try writeOutput(sarifBytes, to: sarif, language: lang) }
        if annotate {
            let annotations = GitHubAnnotations(language: lang)
            let commands = annotations.commands(outcome)
            if !commands.isEmpty {
                try writeOutput(Array((commands.joined(separator: "\n") + "\n").utf8), to: nil, language: lang)
            }
            if let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
                try appendSummary(annotations.summary(outcome), to: path, language: lang)
            }
        }
        if outcome.failed { throw ExitCode(outcome.exitCode) }
    }

    private func summaryLine(_ o: CheckOutcome, language: Language) -> String {
        let errors = o.count(.error), warnings = o.count(.warning), notes = o.count(.note)
        let s = { (n: Int) in n == 1 ? "" : "s" }
        return language == .vi
            ? "\(options.catalogs): \(errors) lỗi, \(warnings) cảnh báo, \(notes) ghi chú (tính đến ngày \(o.asOf.vietnamese))"
            : "\(options.catalogs): \(errors) error\(s(errors)), \(warnings) warning\(s(warnings)), \(notes) note\(s(notes)) (as of \(o.asOf.vietnamese))"
    }

    /// Appends to the job summary file. The file belongs to the runner (other steps write to
    /// it too), so it is opened for appending, never replaced.
    private func appendSummary(_ text: String, to path: String, language: Language) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        var failure = fd < 0 ? errno : 0
        if fd >= 0 {
            let bytes = Array(("\n" + text).utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = n < 0 ? errno : EIO; break }
                offset += n
            }
            if close(fd) != 0 && failure == 0 { failure = errno }
        }
        guard failure != 0 else { return }
        let reason = String(cString: strerror(failure))
        printError(language == .vi
            ? "error: không ghi thêm được vào tệp tóm tắt \"\(path)\" (GITHUB_STEP_SUMMARY): \(reason)"
            : "error: cannot append to the step summary \"\(path)\" (GITHUB_STEP_SUMMARY): \(reason)")
        throw badInputExitCode
    }
}
