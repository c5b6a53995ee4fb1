import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TTHCKit

/// Today in Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving since 1975,
/// so the fixed offset is exact for every date the program deals with.
func todayInVietnam(now: Date = Date()) -> CivilDate {
    let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 7 * 3600
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    return CivilDate(dayNumber: days)
}

extension Language: ExpressibleByArgument {}

/// Keeps `value` alive until the process ends, never freeing it: for a command's large
/// data when the command is about to return and the process to exit. Freeing a national
/// reconciliation's rows and entries one object at a time took 50 ms (about 5 % of the
/// run) on one thread; the system takes the memory back with the process at once.
func keepUntilExit<T>(_ value: T) {
    _ = Unmanaged.passRetained(KeptUntilExit(value))
}

private final class KeptUntilExit<T> {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Exit code for bad input (files that cannot be read or do not validate).
let badInputExitCode = ExitCode(2)

/// The run's one diagnostics engine and its one printer on standard error, which decides
/// the exit code: every command reports what it found here (the library's diagnostics,
/// and its own errors about options and outputs, located at the option), and ends with
/// ``finish(_:)``.
final class RunDiagnostics {
    let language: Language
    let strings: CLIStrings
    private var engine = DiagnosticEngine()

    init(_ language: Language) {
        self.language = language
        strings = CLIStrings.for(language)
    }

    /// Prints a batch, sorted by file, line and column, and keeps it.
    func report(_ diagnostics: some Sequence<Diagnostic>) {
        var batch = DiagnosticEngine()
        batch.emit(contentsOf: diagnostics)
        for d in batch.sorted { printLine(d.rendered(language)) }
        engine.emit(contentsOf: batch.diagnostics)
    }

    func report(_ diagnostic: Diagnostic) { report([diagnostic]) }

    /// Prints diagnostics in the order given (when the order tells a story: "using
    /// --number …", then what came of it), and keeps them.
    func report(inOrder diagnostics: [Diagnostic]) {
        for d in diagnostics { printLine(d.rendered(language)) }
        engine.emit(contentsOf: diagnostics)
    }

    /// Reports and ends the run with exit code 2.
    func stop(_ diagnostics: some Sequence<Diagnostic>) throws -> Never {
        report(diagnostics)
        throw badInputExitCode
    }

    func stop(_ diagnostic: Diagnostic) throws -> Never { try stop([diagnostic]) }

    /// An error about the value of a command-line option or argument: `--as-of: error: …`.
    func stop(option: String, _ message: LocalizedText) throws -> Never {
        try stop(Diagnostic(.error, .cliOption, at: SourceLocation(file: option), message))
    }

    /// A line that is not a diagnostic (a summary, a warning about the calendar).
    func status(_ line: String) { printLine(line) }

    var hasErrors: Bool { engine.hasErrors }

    /// Ends the run: exit code 2 when an error was reported, else `code`.
    func finish(_ code: Int32 = 0) throws {
        if engine.hasErrors { throw badInputExitCode }
        if code != 0 { throw ExitCode(code) }
    }

    /// Parses a date option or argument (dd/mm/yyyy or yyyy-mm-dd), or stops.
    func date(_ text: String, option: String) throws -> CivilDate {
        do {
            return try CivilDate.parse(text)
        } catch {
            try stop(option: option, error.message)
        }
    }

    /// Writes a command's output atomically (or to stdout when `path` is nil or `-`), or
    /// stops with the reason located at `option`.
    func write(_ bytes: [UInt8], to path: String?, option: String) throws {
        try write([(.bytes(bytes), path, option)])
    }

    func write(_ content: OutputContent, to path: String?, option: String) throws {
        try write([(content, path, option)])
    }

    func write(_ outputs: [(bytes: [UInt8], path: String?, option: String)]) throws {
        try write(outputs.map { (OutputContent.bytes($0.bytes), $0.path, $0.option) })
    }

    /// Writes several outputs all or nothing (``AtomicFileWriter/writeSet(_:)``); standard
    /// output comes last.
    func write(_ outputs: [(content: OutputContent, path: String?, option: String)]) throws {
        let files = outputs.filter { !AtomicFileWriter.isStandardOutput($0.path) }
        do {
            try AtomicFileWriter.writeSet(files.map { ($0.content, $0.path!) })
        } catch {
            let option = files.first { $0.path == error.path }?.option ?? files.first?.option ?? "-"
            try stop(Diagnostic(.error, .outputUnwritable, at: SourceLocation(file: option), error.message))
        }
        for output in outputs where AtomicFileWriter.isStandardOutput(output.path) {
            do {
                try AtomicFileWriter.writeOutput(output.content, to: nil)
            } catch {
                try stop(Diagnostic(.error, .outputUnwritable, at: SourceLocation(file: "stdout"), error.message))
            }
        }
    }

    /// Appends to a file others write to as well (``AtomicFileWriter/append(_:to:)``).
    func append(_ bytes: [UInt8], to path: String, option: String) throws {
        do {
            try AtomicFileWriter.append(bytes, to: path)
        } catch {
            try stop(Diagnostic(.error, .outputUnwritable, at: SourceLocation(file: option), error.message))
        }
    }
}

/// Writes a line to standard error, with control characters from the data made visible
/// (see ``TerminalText``). Best effort: a full disk, a closed or broken stderr must not
/// kill the run, whose output and exit code still tell (`FileHandle.write` would trap).
private func printLine(_ line: String) {
    let bytes = Array((TerminalText.visible(line) + "\n").utf8)
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }
}

/// Stops before anything is read when a binary output (a workbook, a Word file) would go
/// to standard output on a terminal.
func refuseBinaryToTerminal(_ path: String?, format: String, _ run: RunDiagnostics) throws {
    guard AtomicFileWriter.isStandardOutput(path), isatty(STDOUT_FILENO) == 1 else { return }
    try run.stop(option: "--output", CLIStrings.both { $0.binaryToTerminal(format) })
}
