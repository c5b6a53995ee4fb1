import Foundation

/// An input file's bytes, read once, read-only, with the path diagnostics should show.
///
/// Inputs are never opened for writing. A missing file, a directory, or an unreadable file
/// becomes an ``InputError`` naming the path.
public struct InputFile: Sendable {
    /// The path as diagnostics print it (relative to where the user pointed us).
    public let displayPath: String
    /// The absolute path on disk.
    public let url: URL
    public let bytes: [UInt8]

    public init(displayPath: String, bytes: [UInt8]) {
        self.displayPath = displayPath
        self.url = URL(fileURLWithPath: displayPath)
        self.bytes = bytes
    }

    public static func read(_ url: URL, displayPath: String) throws(InputError) -> InputFile {
        let location = SourceLocation(file: displayPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw InputError([Diagnostic(.error, "file.missing", at: location, LocalizedText(
                vi: "không tìm thấy tệp", en: "no such file"))])
        }
        guard !isDirectory.boolValue else {
            throw InputError([Diagnostic(.error, "file.directory", at: location, LocalizedText(
                vi: "cần một tệp nhưng đây là thư mục", en: "expected a file but found a directory"))])
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw InputError([Diagnostic(.error, "file.unreadable", at: location, LocalizedText(
                vi: "không đọc được tệp (quyền truy cập?)", en: "cannot read the file (permissions?)"))])
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return InputFile(displayPath: displayPath, url: url, bytes: [UInt8](data))
        } catch {
            throw InputError([Diagnostic(.error, "file.unreadable", at: location, LocalizedText(
                vi: "không đọc được tệp: \(error.localizedDescription)",
                en: "cannot read the file: \(error.localizedDescription)"))])
        }
    }

    init(displayPath: String, url: URL, bytes: [UInt8]) {
        self.displayPath = displayPath
        self.url = url
        self.bytes = bytes
    }
}

/// What a reader produces: the value when the input had no errors, and every diagnostic
/// (warnings included) either way.
public struct ReadResult<Value: Sendable>: Sendable {
    public var value: Value?
    public var diagnostics: [Diagnostic]

    public init(value: Value?, diagnostics: [Diagnostic]) {
        self.value = diagnostics.contains { $0.severity == .error } ? nil : value
        self.diagnostics = diagnostics
    }

    /// The value, or an ``InputError`` carrying the diagnostics.
    public func get() throws(InputError) -> Value {
        guard let value else { throw InputError(diagnostics) }
        return value
    }
}
