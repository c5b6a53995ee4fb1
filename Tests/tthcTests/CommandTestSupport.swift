import Foundation
import Testing

/// A fresh temporary directory holding a copy of the bundled `catalogs/` as `catalogs`,
/// so a test can change the data and run `tthc` there with the same relative paths the
/// golden files show. Removed when the body returns.
func withCatalogueCopy<T>(_ body: (URL) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(at: TestPaths.repository.appendingPathComponent("catalogs"),
                                     to: dir.appendingPathComponent("catalogs"))
    return try body(dir)
}

/// Replaces `old` (which must occur) with `new` in a text file.
func edit(_ file: URL, replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains(old), "\(file.lastPathComponent) does not contain \(old)", sourceLocation: sourceLocation)
    try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
}

/// Compares bytes with a golden file under `Tests/tthcTests/Golden/` (or records them with
/// `TTHC_RECORD=1`); byte for byte, so CRLF line ends count.
func expectGoldenBytes(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = TestPaths.repository.appendingPathComponent("Tests/tthcTests/Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["TTHC_RECORD"] == "1" {
        try Data(actual).write(to: url)
        return
    }
    let expected = [UInt8](try Data(contentsOf: url))
    #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
            "golden \(name) differs; re-record with TTHC_RECORD=1", sourceLocation: sourceLocation)
    #expect(actual == expected, "golden \(name) differs in bytes", sourceLocation: sourceLocation)
}

func bytes(of url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

/// The warnings every command prints while reading the bundled catalogue (its sample data
/// has a malformed local code on purpose; its district-level listing row is a finding of
/// the reconciliation, not a reading warning).
let bundledCatalogueWarnings = """
catalogs/local/skhcn-danh-muc.csv:13:4: warning: cột "Mã TTHC": mã TTHC không đúng dạng "1.00423" (cần dạng 1.010696, có thể kèm hậu tố); mục này sẽ không khớp được với quyết định của Bộ

"""
