import Foundation
import Testing

/// Runs the built `tthc` binary, as a user would, and captures what it prints.
struct CommandResult: Sendable {
    var stdout: String
    var stderr: String
    var exitCode: Int32
}

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

/// Runs a program to the end, feeding it `stdin` and capturing both output streams.
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                currentDirectory: URL? = nil, stdin: Data? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a chatty process cannot block on a full pipe.
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
    return CommandResult(
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self),
        exitCode: process.terminationStatus)
}

@Suite struct BinaryTests {
    @Test func versionIsPrinted() throws {
        let r = try runTTHC(["--version"])
        #expect(r.exitCode == 0)
        #expect(r.stdout == "0.1.0\n")
    }
}
