import Foundation
import Testing
import TestSupport

/// Runs the built `tthc` binary, as a user would, and captures what it prints
/// (`runProcess`, in TestSupport).
enum TestPaths {
    /// The repository root, found from this source file's path.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The directory SwiftPM put the test bundle and the `tthc` executable in.
    static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    static var tthc: URL { productsDirectory.appendingPathComponent("tthc") }
}

@discardableResult
func runTTHC(_ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil, stdin: Data? = nil) throws -> CommandResult {
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    return try runProcess(TestPaths.tthc, arguments, environment: env,
                          currentDirectory: currentDirectory ?? TestPaths.repository, stdin: stdin)
}

@Suite struct BinaryTests {
    @Test func versionIsPrinted() throws {
        let r = try runTTHC(["--version"])
        #expect(r.exitCode == 0)
        #expect(r.stdout == "0.1.0\n")
    }
}
