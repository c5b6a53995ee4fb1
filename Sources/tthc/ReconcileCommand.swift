import ArgumentParser
import Foundation
import TTHCKit

extension ReportFormat: ExpressibleByArgument {}
extension ColourChoice: ExpressibleByArgument {}

/// `tthc reconcile`: the legal desk's weekly report.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Reconcile the ministries' decisions with the catalogue: deadlines, statuses, differences, expired entries.",
        discussion: """
        Đối chiếu quyết định công bố của Bộ, ngành với danh mục TTHC của tỉnh: hạn công bố, \
        tình trạng, khác biệt, thủ tục hết hiệu lực. Báo cáo ra stdout hoặc --output.
        """
    )

    @OptionGroup var options: CatalogueOptions

    @Option(name: .long, help: "Report format: text, markdown, html, csv or json.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: "Colour in the text report: auto, always or never.")
    var color: ColourChoice = .auto

    func run() throws {
        // A listing that cannot be read does not stop the report: the report names it at
        // its top, covers every other decision, and the run still exits with code 2.
        try options.guardOutputs([.init("--output", output)])
        let loaded = try options.load(allowingUnreadListings: true)
        let reconciliation = Reconciler(settings: loaded.data.settings).reconcile(
            decisions: loaded.data.decisions, catalogue: loaded.data.catalogue,
            calendar: loaded.calendar, asOf: loaded.asOf, unreadListings: loaded.data.unreadListings)
        let colour = TerminalColour.enabled(choice: color, environment: ProcessInfo.processInfo.environment,
                                            outputPath: output)
        let bytes = format.renderer(colour: colour).render(reconciliation, language: options.lang)
        try writeOutput(bytes, to: output, language: options.lang)
        if !AtomicFileWriter.isStandardOutput(output) {
            printError(summaryLine(reconciliation, written: output!, language: options.lang))
        }
        if !reconciliation.unreadListings.isEmpty { throw badInputExitCode }
    }

    private func summaryLine(_ r: Reconciliation, written path: String, language: Language) -> String {
        let counts = r.statusCounts
        let overdue = counts[.overdue] ?? 0, pending = counts[.pending] ?? 0
        return language == .vi
            ? "\(path): \(r.changes.count) thay đổi, \(overdue) quá hạn, \(pending) đang chờ, \(r.expired.count) hết hiệu lực"
            : "\(path): \(r.changes.count) changes, \(overdue) overdue, \(pending) pending, \(r.expired.count) expired"
    }
}
