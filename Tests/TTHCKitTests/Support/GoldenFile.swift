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
