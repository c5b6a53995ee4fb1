import ArgumentParser
import Foundation
import TTHCKit

/// `tthc validate`: reads the whole catalogue directory through the pipeline and prints
/// every problem as a compiler-style line on standard error. Exit 0 when there are no
/// errors (warnings are allowed), 2 when there are.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every file of the catalogue directory and report problems (exit 2 on errors).",
        discussion: "Kiểm tra mọi tệp trong thư mục danh mục; lỗi được in dạng tệp:dòng:cột."
    )

    @Option(name: .long, help: "The catalogue directory.")
    var catalogs: String = "catalogs"

    @Option(name: .long, help: "Language of the messages: vi or en.")
    var lang: Language = .vi

    func run() throws {
        let run = RunDiagnostics(lang)
        let reading = CataloguePipeline.read(URL(fileURLWithPath: catalogs), displayPath: catalogs)
        run.report(reading.diagnostics)
        let errors = reading.diagnostics.filter { $0.severity == .error }.count
        let warnings = reading.diagnostics.filter { $0.severity == .warning }.count
        run.status(run.strings.validateSummary(catalogs, errors, warnings))
        try run.finish()
    }
}
