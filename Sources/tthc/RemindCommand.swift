import ArgumentParser
import Foundation
import TTHCKit

/// `tthc remind`: the office's reminders of publication deadlines (nhắc hạn công bố):
/// a list on stdout, an iCalendar feed, an e-mail digest, or the digest handed to sendmail.
struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Overdue and soon-due publication deadlines: a list, an iCalendar feed, an e-mail digest.",
        discussion: """
        Nhắc hạn công bố TTHC: các thay đổi quá hạn và các thay đổi còn không quá N ngày \
        làm việc. Không có --ics, --email hay --sendmail thì in danh sách ra stdout. \
        Exit 0 on success, 1 when sendmail fails, 2 on bad input. See docs/reminders.md.
        """
    )

    @OptionGroup var options: CatalogueOptions

    @Option(name: .long, help: ArgumentHelp(
        "Due soon = at most this many working days left (default: reminder-within in settings.yaml).", valueName: "n"))
    var within: Int?

    @Option(name: .long, help: ArgumentHelp("Write the iCalendar feed to this file (atomically).", valueName: "file"))
    var ics: String?

    @Option(name: .customLong("ics-state"), help: ArgumentHelp(
        "SEQUENCE state: read (a missing file is empty), then rewritten after the feed.", valueName: "file"))
    var icsState: String?

    @Option(name: .long, help: ArgumentHelp("Write the e-mail digest (RFC 5322) to this file, or - for stdout.", valueName: "file"))
    var email: String?

    @Flag(name: .long, help: "Pipe the e-mail digest to `sendmail -t` (email.sendmail in settings.yaml).")
    var sendmail = false

    func validate() throws {
        if let within, within < 0 {
            throw ValidationError("--within: cần số ngày làm việc không âm / expected a non-negative number of working days")
        }
        if icsState != nil && ics == nil && email == nil && !sendmail {
            throw ValidationError("--ics-state cần --ics, --email hoặc --sendmail / --ics-state needs --ics, --email or --sendmail")
        }
    }

    func run() throws {
        let lang = options.lang
        try options.guardOutputs([.init("--ics", ics), .init("--ics-state", icsState), .init("--email", email)])
        let loaded = try options.load()
        let settings = loaded.data.settings
        let mailing = email != nil || sendmail

        // Everything is read and computed before anything is written: bad input leaves no file.
        var sender = ""
        if mailing {
            let from = settings.emailFrom?.trimmingCharacters(in: .whitespaces) ?? ""
            let to = settings.emailTo.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if from.isEmpty || to.isEmpty {
                let missing = [from.isEmpty ? "email.from" : nil, to.isEmpty ? "email.to" : nil].compactMap { $0 }
                    .joined(separator: ", ")
                printError("\(options.catalogs)/settings.yaml: error: "
                    + "--email/--sendmail cần \(missing) trong settings.yaml / "
                    + "--email/--sendmail need \(missing) in settings.yaml")
                throw badInputExitCode
            }
            sender = from
        }
        var state: ICalendarState?
        if let icsState { state = try readState(icsState) }

        let reconciliation = Reconciler(settings: settings).reconcile(
            decisions: loaded.data.decisions, catalogue: loaded.data.catalogue,
            calendar: loaded.calendar, asOf: loaded.asOf)
        let reminders = Reminders(reconciliation, within: within)
        let writer = ICalendarWriter(language: lang, alarmWorkingDaysBefore: settings.alarmWorkingDaysBefore,
                                     toolVersion: TTHC.configuration.version)
        let feed = writer.render(reminders, calendar: loaded.calendar, state: state)
        let message = mailing
            ? EmailDigest(from: sender, to: settings.emailTo, language: lang).render(reminders, calendar: feed)
            : nil

        if ics == nil && !mailing {
            try writeOutput(Array(ReminderListing(language: lang).render(reminders).utf8), to: nil, language: lang)
            return
        }
        if let ics { try writeOutput(feed.bytes, to: ics, language: lang) }
        if let icsState, let updated = feed.state { try writeOutput(updated.encoded, to: icsState, language: lang) }
        if let email, let message { try writeOutput(message, to: email, language: lang) }
        if sendmail, let message { try deliver(message, sendmailPath: settings.sendmailPath, language: lang) }
    }

    /// The state file, or an empty state when it does not exist yet; exit 2 when it is not a state.
    private func readState(_ path: String) throws -> ICalendarState {
        guard FileManager.default.fileExists(atPath: path) else { return ICalendarState() }
        do {
            return try ICalendarState.read(InputFile.read(URL(fileURLWithPath: path), displayPath: path))
        } catch {
            for d in error.diagnostics { printError(d.rendered(options.lang)) }
            throw badInputExitCode
        }
    }

    /// Hands the message to `sendmail -t` on its standard input. A program that cannot be
    /// started, or that exits with a non-zero status, is an error (exit 1).
    private func deliver(_ message: [UInt8], sendmailPath: String, language: Language) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sendmailPath)
        process.arguments = ["-t"]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            printError(language == .vi
                ? "error: không chạy được sendmail \"\(sendmailPath)\": \(error.localizedDescription)"
                : "error: cannot run sendmail \"\(sendmailPath)\": \(error.localizedDescription)")
            throw ExitCode(1)
        }
        // A sendmail that exits without reading everything closes the pipe; ignore SIGPIPE
        // so that shows as a write error and the exit status below, not a killed process.
        signal(SIGPIPE, SIG_IGN)
        let writer = input.fileHandleForWriting
        let written: Bool
        do {
            try writer.write(contentsOf: Data(message))
            try writer.close()
            written = true
        } catch {
            try? writer.close()
            written = false
        }
        process.waitUntilExit()
        let status = process.terminationStatus
        let signalled = process.terminationReason == .uncaughtSignal
        guard status == 0, !signalled, written else {
            let how = signalled
                ? (language == .vi ? "bị dừng bởi tín hiệu \(status)" : "was killed by signal \(status)")
                : status != 0
                    ? (language == .vi ? "kết thúc với mã \(status)" : "exited with status \(status)")
                    : (language == .vi ? "không nhận hết thư" : "did not read the whole message")
            printError(language == .vi
                ? "error: sendmail \"\(sendmailPath)\" \(how); thư chưa được gửi"
                : "error: sendmail \"\(sendmailPath)\" \(how); the message was not sent")
            throw ExitCode(1)
        }
    }
}
