import ArgumentParser
import Foundation
import TTHCKit

@main
struct TTHC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tthc",
        abstract: "Keeps a province's catalogue of administrative procedures in step with the ministries' decisions.",
        discussion: """
        Danh mục thủ tục hành chính: đối chiếu với quyết định công bố của Bộ, ngành; \
        tính hạn công bố theo ngày làm việc; nhắc hạn; kiểm tra thủ tục hết hiệu lực.
        """,
        version: "0.1.0",
        subcommands: [ReconcileCommand.self, RemindCommand.self, CheckCommand.self, InspectCommand.self, ImportCommand.self, DraftCommand.self, CalendarCommand.self, ValidateCommand.self]
    )

    /// `tthc calendar add 10/3/2026 -3`: the argument parser takes "-3" for an option it
    /// does not know. A negative whole number given to `calendar add` before any `--` is
    /// moved after one, where it is read as the count.
    static func negativeCountsAsValues(_ arguments: [String]) -> [String] {
        guard arguments.starts(with: ["calendar", "add"]), !arguments.contains("--") else { return arguments }
        func isNegativeNumber(_ s: String) -> Bool { s.count > 1 && s.first == "-" && s.dropFirst().allSatisfy(\.isNumber) }
        let negatives = arguments.filter(isNegativeNumber)
        guard !negatives.isEmpty else { return arguments }
        return arguments.filter { !isNegativeNumber($0) } + ["--"] + negatives
    }

    /// An interrupted run (Ctrl-C, SIGTERM) must not leave a temporary file next to the
    /// report it was writing; see ``AtomicFileWriter/installInterruptCleanup()``.
    static func main() {
        AtomicFileWriter.installInterruptCleanup()
        // A closed pipe on stdout or stderr is an error to report (EPIPE), not a reason
        // to die silently before the exit code is set.
        signal(SIGPIPE, SIG_IGN)
        main(Self.negativeCountsAsValues(Array(CommandLine.arguments.dropFirst())))
    }
}
