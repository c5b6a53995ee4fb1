import ArgumentParser
import Foundation
import TTHCKit

/// `tthc validate`: reads the whole catalogue directory and prints every problem as a
/// compiler-style line on standard error. Exit 0 when there are no errors (warnings are
/// allowed), 2 when there are.
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
        let url = URL(fileURLWithPath: catalogs)
        let result = CatalogueDirectory.load(url, displayPath: catalogs)
        for diagnostic in result.diagnostics {
            printError(diagnostic.rendered(lang))
        }
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        let warnings = result.diagnostics.filter { $0.severity == .warning }.count
        printError(lang == .vi
            ? "\(catalogs): \(errors) lỗi, \(warnings) cảnh báo"
            : "\(catalogs): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 { throw badInputExitCode }
    }
}
