import Foundation

/// Runs Python 3 for tests that check output with a real parser (icalendar, email,
/// xml.etree, jsonschema); shared by both test targets. Tests that need it are enabled
/// only when it is there.
public enum Python {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// `python3` found on PATH.
    public static let executable = executableOnPath("python3")

    /// True when python3 runs and can import every module named.
    public static func has(_ modules: String...) -> Bool {
        guard executable != nil else { return false }
        let imports = modules.map { "import \($0)" }.joined(separator: "; ")
        return (try? run(imports).status) == 0
    }

    /// Runs `python3 -c script`, feeding `input` on standard input.
    public static func run(_ script: String, arguments: [String] = [], input: [UInt8] = []) throws -> Result {
        guard let executable else { return Result(status: 127, stdout: "", stderr: "python3 not found") }
        let r = try runProcess(executable, ["-c", script] + arguments, stdin: Data(input))
        return Result(status: r.exitCode, stdout: r.stdout, stderr: r.stderr)
    }
}

/// A program found on PATH (`/usr/bin:/bin` when PATH is not set), for the tests that use
/// it as an oracle; nil when it is not installed.
public func executableOnPath(_ name: String) -> URL? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
}
