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

    @Option(name: .long, help: "Report format: text, markdown, html, csv, json or xlsx.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("online-review"), help: ArgumentHelp(
        "Also write the online-service review listing to this file: CSV, or a workbook when it ends in .xlsx.", valueName: "file"))
    var onlineReview: String?

    @Option(name: .long, help: "Colour in the text report: auto, always or never.")
    var color: ColourChoice = .auto

    func run() throws {
        let run = RunDiagnostics(options.lang)
        let day = try options.day(run)
        try options.guardOutputs([.init("--output", output), .init("--online-review", onlineReview)], run)
        if format.isBinary { try refuseBinaryToTerminal(output, format: format.rawValue, run) }
        // A listing that cannot be read does not stop the report: the report names it at
        // its top, covers every other decision, and the run still exits with code 2.
        // The pipeline (the decisions as read) goes as soon as the reconciliation is made:
        // kept while the report is written, it raised the peak of a national 10× workbook
        // past 1 GiB.
        let reconciliation = try options.pipeline(run, allowingUnreadListings: true).reconcile(asOf: day)
        // What reading and reconciling freed goes back to the system before the report,
        // the other large allocation, is made.
        HeapMemory.returnFreedPages()
        let colour = TerminalColour.enabled(choice: color, environment: ProcessInfo.processInfo.environment,
                                            outputPath: output)
        let content = format.renderer(colour: colour).content(reconciliation, language: options.lang)
        // The report and the listing are one set: both are written, or neither.
        var outputs: [(content: OutputContent, path: String?, option: String)] = [(content, output, "--output")]
        if let onlineReview {
            let listing = OnlineReviewListing()
            let bytes = onlineReview.lowercased().hasSuffix(".xlsx")
                ? listing.workbook(reconciliation, language: options.lang) : listing.render(reconciliation, language: options.lang)
            outputs.append((.bytes(bytes), onlineReview, "--online-review"))
        }
        try run.write(outputs)
        if let output, !AtomicFileWriter.isStandardOutput(output) {
            let counts = reconciliation.statusCounts
            run.status(run.strings.reconcileSummary(output, reconciliation.changes.count, counts[.overdue] ?? 0,
                                                    counts[.pending] ?? 0, reconciliation.expired.count))
        }
        keepUntilExit(reconciliation)
        try run.finish()
    }
}
