#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `--color` choice a user makes on the command line.
public enum ColourChoice: String, Sendable, CaseIterable, Codable {
    case always, never, auto
}

/// Decides whether output gets ANSI colour, in this order:
///
/// 1. an explicit `--color always` or `--color never`;
/// 2. `NO_COLOR` set to any non-empty value disables colour (https://no-color.org);
/// 3. otherwise colour only when the stream actually written is a terminal: standard
///    output when no `--output` file (or `-`) is given, never a file.
public enum TerminalColour {
    public static func enabled(
        choice: ColourChoice,
        environment: [String: String],
        outputPath: String?,
        isTerminal: (Int32) -> Bool = { isatty($0) == 1 }
    ) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: break
        }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        guard AtomicFileWriter.isStandardOutput(outputPath) else { return false }
        return isTerminal(STDOUT_FILENO)
    }
}
