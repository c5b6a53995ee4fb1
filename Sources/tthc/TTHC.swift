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
        subcommands: [ReconcileCommand.self, RemindCommand.self, CheckCommand.self, InspectCommand.self, CalendarCommand.self, ValidateCommand.self]
    )

    /// An interrupted run (Ctrl-C, SIGTERM) must not leave a temporary file next to the
    /// report it was writing; see ``AtomicFileWriter/installInterruptCleanup()``.
    static func main() {
        AtomicFileWriter.installInterruptCleanup()
        // A closed pipe on stdout or stderr is an error to report (EPIPE), not a reason
        // to die silently before the exit code is set.
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
