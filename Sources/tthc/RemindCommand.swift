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

    func run() throws {
        let run = RunDiagnostics(options.lang)
        let lang = options.lang
        if let within, within < 0 {
            try run.stop(option: "--within", CLIStrings.both(\.negativeWithin))
        }
        if icsState != nil && ics == nil && email == nil && !sendmail {
            try run.stop(option: "--ics-state", CLIStrings.both(\.icsStateAlone))
        }
        let day = try options.day(run)
        try options.guardOutputs([.init("--ics", ics), .init("--ics-state", icsState), .init("--email", email)], run)
        let pipeline = try options.pipeline(run)
        let settings = pipeline.input.settings
        let mailing = email != nil || sendmail

        // Everything is read and computed before anything is written: bad input leaves no file.
        var sender = ""
        if mailing {
            let from = settings.emailFrom?.trimmingCharacters(in: .whitespaces) ?? ""
            let to = settings.emailTo.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if from.isEmpty || to.isEmpty {
                let missing = [from.isEmpty ? "email.from" : nil, to.isEmpty ? "email.to" : nil].compactMap { $0 }
                    .joined(separator: ", ")
                try run.stop(Diagnostic(.error, .settingsEmailMissing,
                                        at: SourceLocation(file: "\(options.catalogs)/settings.yaml"),
                                        CLIStrings.both { $0.emailNeedsSettings(missing) }))
            }
            sender = from
        }
        var state: ICalendarState?
        if let icsState { state = try readState(icsState, run) }

        let reminders = pipeline.reminders(asOf: day, within: within)
        let writer = ICalendarWriter(language: lang, alarmWorkingDaysBefore: settings.alarmWorkingDaysBefore,
                                     toolVersion: TTHC.configuration.version)
        let feed = writer.render(reminders, calendar: pipeline.input.calendar, state: state)
        let message = mailing
            ? EmailDigest(from: sender, to: settings.emailTo, language: lang).render(reminders, calendar: feed)
            : nil

        if ics == nil && !mailing {
            try run.write(Array(ReminderListing(language: lang).render(reminders).utf8), to: nil, option: "-")
            return try run.finish()
        }
        // The feed, its state and the digest are written together: all of them or none.
        var files: [(bytes: [UInt8], path: String?, option: String)] = []
        if let ics { files.append((feed.bytes, ics, "--ics")) }
        if let icsState, let updated = feed.state { files.append((updated.encoded, icsState, "--ics-state")) }
        if let email, let message { files.append((message, email, "--email")) }
        try run.write(files)
        if sendmail, let message { try deliver(message, sendmailPath: settings.sendmailPath, run) }
        try run.finish()
    }

    /// The state file, or an empty state when it does not exist yet; exit 2 when it is not a state.
    private func readState(_ path: String, _ run: RunDiagnostics) throws -> ICalendarState {
        guard FileManager.default.fileExists(atPath: path) else { return ICalendarState() }
        do {
            return try ICalendarState.read(InputFile.read(URL(fileURLWithPath: path), displayPath: path))
        } catch {
            try run.stop(error.diagnostics)
        }
    }

    /// Hands the message to `sendmail -t` on its standard input. A program that cannot be
    /// started, or that exits with a non-zero status, is an error (exit 1).
    private func deliver(_ message: [UInt8], sendmailPath: String, _ run: RunDiagnostics) throws {
        let strings = run.strings
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sendmailPath)
        process.arguments = ["-t"]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            run.status("error: " + strings.sendmailCannotRun(sendmailPath, error.localizedDescription))
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
            let how = signalled ? strings.sendmailKilled(status)
                : status != 0 ? strings.sendmailExited(status) : strings.sendmailDidNotRead
            run.status("error: " + strings.sendmailFailed(sendmailPath, how))
            throw ExitCode(1)
        }
    }
}
