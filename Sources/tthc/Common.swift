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

/// Exit code for bad input (files that cannot be read or do not validate).
let badInputExitCode = ExitCode(2)

/// Writes a line to standard error, with control characters from the data made visible
/// (see ``TerminalText``). Best effort: a full disk, a closed or broken stderr must not
/// kill the run, whose output and exit code still tell (`FileHandle.write` would trap).
func printError(_ line: String) {
    let bytes = Array((TerminalText.visible(line) + "\n").utf8)
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }
}

/// Parses a date argument, or stops with exit code 2 and the reason in `language`.
func parseDateArgument(_ text: String, name: String, language: Language) throws -> CivilDate {
    do {
        return try CivilDate.parse(text)
    } catch {
        try usageError(LocalizedText(vi: "\(name): \(error.message.vi)", en: "\(name): \(error.message.en)"), language: language)
    }
}

/// Prints `error: message` in the chosen language on standard error and stops with exit
/// code 2 (bad input).
func usageError(_ message: LocalizedText, language: Language) throws -> Never {
    printError("error: " + message[language])
    throw badInputExitCode
}
