import ArgumentParser
import Foundation
import TTHCKit

extension InspectReport.Format: ExpressibleByArgument {}

/// `tthc inspect FILE`: shows what a decision listing was read as — each procedure with
/// its code, name, change type, levels, field and replaced codes, and where each value came
/// from — and every doubt, so that a clerk can check a new annex before committing it.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a decision listing is read as, and where each value comes from.",
        discussion: """
        Xem chương trình đọc một danh mục (phụ lục quyết định công bố) thế nào: từng thủ tục \
        với mã, tên, loại thay đổi, cấp thực hiện, lĩnh vực và nguồn của từng giá trị; \
        các dòng không đọc được và mọi nghi vấn. Exit 0 when the file is read (warnings \
        allowed), 2 when it cannot be.
        """
    )

    @Argument(help: ArgumentHelp("The listing: an annex table saved as CSV, an Excel workbook (.xlsx), a Word decision (.docx), a saved web page (.html), a PDF, or an XML listing.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp(
        "The decision's title (trích yếu), for a listing whose table names no change type.", valueName: "text"))
    var title: String?

    @Option(name: .long, help: "Output: text (for people) or tsv (code, change, levels, replaces, name).")
    var format: InspectReport.Format = .text

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let run = RunDiagnostics(lang)
        let input: InputFile
        do {
            input = try InputFile.read(URL(fileURLWithPath: file), displayPath: file)
        } catch {
            try run.stop(error.diagnostics)
        }
        if let refusal = DecisionDocument.refusal(forPath: file) { try run.stop(refusal) }
        let document = DecisionDocument.read(input, decisionTitle: title)
        let reading = document.annex
        let out = document.inspected(format: format, language: lang)
        try run.write(Array((format == .text ? TerminalText.visible(out) : out).utf8), to: nil, option: "-")
        // The text report lists its doubts itself; the TSV's go to standard error.
        if format == .tsv { run.report(reading.diagnostics) }
        if reading.diagnostics.contains(where: { $0.severity == .error }) { throw badInputExitCode }
    }
}
