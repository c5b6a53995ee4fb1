import ArgumentParser
import Foundation
import TTHCKit

/// `tthc import FILE…`: reads decisions in the form they arrive and, with `--write`, adds
/// each to the catalogue directory as a canonical XML listing and a register row, for the
/// legal desk to review as one diff. The work is ``DecisionImport``'s; this only chooses
/// the output.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read decisions (CSV, Excel, Word, web page, PDF, XML) and add them to the catalogue directory.",
        discussion: """
        Nhập quyết định công bố TTHC: đọc văn bản (Word, Excel, trang web đã lưu, PDF, CSV, XML), \
        cho xem đã đọc được gì, và với --write thêm mỗi quyết định vào thư mục danh mục thành \
        một tệp XML trong decisions/ và một dòng trong register.csv. Never replaces anything: \
        a decision already there is an error (exit 2) and nothing is written.
        """
    )

    @Argument(help: ArgumentHelp("The decision files.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("The catalogue directory.", valueName: "dir"))
    var catalogs: String = "catalogs"

    @Flag(name: .long, help: "Write the listings and the register rows (without it, only show what would be written).")
    var write = false

    @Option(name: .long, help: ArgumentHelp("The decision's number, when the document does not give it (one file only).", valueName: "number"))
    var number: String?

    @Option(name: .long, help: ArgumentHelp("The issuing body (one file only).", valueName: "text"))
    var issuer: String?

    @Option(name: .long, help: ArgumentHelp("The issue date, dd/mm/yyyy or yyyy-mm-dd (one file only).", valueName: "date"))
    var issued: String?

    @Option(name: .long, help: ArgumentHelp("The effective date (one file only).", valueName: "date"))
    var effective: String?

    @Option(name: .long, help: ArgumentHelp("The decision's title (trích yếu), for a listing whose table names no change type (one file only).", valueName: "text"))
    var title: String?

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let run = RunDiagnostics(lang)
        var inputs: [InputFile] = []
        for path in files {
            do {
                inputs.append(try InputFile.read(URL(fileURLWithPath: path), displayPath: path))
            } catch {
                try run.stop(error.diagnostics)
            }
        }
        let options = ImportOptions(
            number: number, issuer: issuer,
            issued: try issued.map { try run.date($0, option: "--issued") },
            effective: try effective.map { try run.date($0, option: "--effective") },
            title: title)
        let root = URL(fileURLWithPath: catalogs)
        let plan = DecisionImport.plan(inputs, catalogue: root, displayPath: catalogs, options: options, writing: write)
        var written = false
        if write, plan.canWrite {
            do {
                try DecisionImport.write(plan, catalogue: root)
                written = true
            } catch {
                try run.stop(Diagnostic(.error, .outputUnwritable, at: SourceLocation(file: error.path), error.message))
            }
        }
        try run.write(Array(TerminalText.visible(plan.described(lang, written: written)).utf8), to: nil, option: "-")
        run.report(inOrder: plan.diagnostics)
        if !plan.canWrite { throw badInputExitCode }
        try run.finish()
    }
}
