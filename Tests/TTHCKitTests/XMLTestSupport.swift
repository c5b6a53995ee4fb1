import Foundation
@testable import TTHCKit

/// Fixture access for the XML tests: read from the test bundle, golden files re-recorded
/// into the source tree when `TTHC_RECORD=1`.
enum XMLFixtures {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/xml")
    /// The fixtures in the source tree (where golden files are recorded).
    static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/xml")
    /// The package root.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture as an ``InputFile`` whose display path is `xml/<name>`.
    static func file(_ name: String) throws -> InputFile {
        let bytes = try Data(contentsOf: directory.appendingPathComponent(name))
        return InputFile(displayPath: "xml/" + name, bytes: [UInt8](bytes))
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// The golden text, after recording `actual` first when `TTHC_RECORD=1`.
    static func golden(_ name: String, actual: String) throws -> String {
        if ProcessInfo.processInfo.environment["TTHC_RECORD"] == "1" {
            try actual.write(to: sourceDirectory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return actual
        }
        return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func rendered(_ diagnostics: [Diagnostic], _ language: Language = .en) -> [String] {
        diagnostics.map { $0.rendered(language) }
    }
}
