import Foundation
import Testing

/// Golden files under `Tests/TTHCKitTests/Fixtures/`. Run the tests with `TTHC_RECORD=1`
/// to write the current output into the source tree instead of comparing.
enum GoldenFile {
    static var recording: Bool { ProcessInfo.processInfo.environment["TTHC_RECORD"] == "1" }

    /// The fixture directory in the source tree (where recordings go).
    static let sourceFixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fixture's bytes, from the test bundle.
    static func fixture(_ name: String) throws -> [UInt8] {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }

    /// Compares `actual` with the golden file `name` (e.g. `remind/reminders.ics`), or
    /// records it when `TTHC_RECORD=1`.
    static func check(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if recording {
            let url = sourceFixtures.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual).write(to: url)
            return
        }
        let expected = try fixture(name)
        guard actual != expected else { return }
        let got = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let golden = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(got.count, golden.count)).first { got[$0] != golden[$0] } ?? min(got.count, golden.count)
        Issue.record("""
            golden \(name) differs at line \(first + 1) (re-record with TTHC_RECORD=1):
              got:      \(first < got.count ? String(got[first]) : "<end>")
              expected: \(first < golden.count ? String(golden[first]) : "<end>")
            """, sourceLocation: sourceLocation)
    }

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try check(Array(actual.utf8), name, sourceLocation: sourceLocation)
    }
}

/// Runs Python 3 for tests that check output with a real parser (icalendar, email,
/// xml.etree, jsonschema). Tests that need it are enabled only when it is there.
enum Python {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `python3` found on PATH.
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    /// True when python3 runs and can import every module named.
    static func has(_ modules: String...) -> Bool {
        guard executable != nil else { return false }
        let imports = modules.map { "import \($0)" }.joined(separator: "; ")
        return (try? run(imports).status) == 0
    }

    /// Runs `python3 -c script`, feeding `input` on standard input.
    static func run(_ script: String, arguments: [String] = [], input: [UInt8] = []) throws -> Result {
        guard let executable else { return Result(status: 127, stdout: "", stderr: "python3 not found") }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-c", script] + arguments
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        let writer = stdin.fileHandleForWriting
        DispatchQueue.global().async {
            writer.write(Data(input))
            try? writer.close()
        }
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
