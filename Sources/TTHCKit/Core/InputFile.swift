import Foundation
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// An input file's bytes, read once, read-only, with the path diagnostics should show.
///
/// Inputs are never opened for writing. A missing file, a directory, a special file or an
/// unreadable file becomes an ``InputError`` naming the path.
public struct InputFile: Sendable {
    /// The path as diagnostics print it (relative to where the user pointed us).
    public let displayPath: String
    /// The absolute path on disk.
    public let url: URL
    public let bytes: [UInt8]

    /// The largest input file read: 256 MiB. Real annexes and catalogues are a few
    /// megabytes; the limit keeps a runaway export from exhausting memory, with a message
    /// instead of a crash. (A file that grows past it while it is read is cut there.)
    public static let sizeLimit = 256 * 1_048_576

    /// The largest YAML file read (settings, holiday schedules and overrides): 1 MiB. A
    /// real settings file is under a kilobyte and the bundled holiday schedule 33 KB, while
    /// libyaml's node tree takes some 70 bytes of memory a byte of YAML: a settings file of
    /// a million keys took 42 s and 1.1 GB.
    public static let yamlSizeLimit = 1_048_576

    /// `file.too-large` for a YAML file over ``yamlSizeLimit``, or nil.
    static func yamlTooLarge(_ bytes: [UInt8], file: String) -> Diagnostic? {
        guard bytes.count > yamlSizeLimit else { return nil }
        func grouped(_ n: Int, _ separator: String) -> String {
            var digits = String(n), out = ""
            while digits.count > 3 { out = separator + digits.suffix(3) + out; digits.removeLast(3) }
            return digits + out
        }
        return Diagnostic(.error, .fileTooLarge, at: SourceLocation(file: file), LocalizedText(
            vi: "tệp lớn \(grouped(bytes.count, ".")) byte, quá giới hạn 1 MiB của một tệp YAML (tệp cài đặt và tệp ngày nghỉ thật chỉ vài KB)",
            en: "the file is \(grouped(bytes.count, ",")) bytes, over the 1 MiB limit for a YAML file (real settings and holiday files are a few KB)"))
    }

    public init(displayPath: String, bytes: [UInt8]) {
        self.displayPath = displayPath
        self.url = URL(fileURLWithPath: displayPath)
        self.bytes = bytes
    }

    /// Reads the whole file. Only regular files are read: a directory, a FIFO, a socket or
    /// a device (`/dev/zero`, `/dev/stdin`) where a file is expected is an error, because
    /// reading one could block for ever or never end.
    ///
    /// Written on POSIX calls rather than `FileHandle` so that the file is checked after it
    /// is opened (nothing can swap it in between), the open never waits for a FIFO's
    /// writer (`O_NONBLOCK`), and a failure says what the system said (`strerror`).
    public static func read(_ url: URL, displayPath: String) throws(InputError) -> InputFile {
        let (fd, size) = try openRegularFile(url.path, displayPath: displayPath)
        defer { _ = close(fd) }
        // The size is a hint (files such as those under /proc report 0): read until the end.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(size, 0) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw unreadable(errno, displayPath)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > sizeLimit { throw tooLarge(displayPath) }
        }
        return InputFile(displayPath: displayPath, url: url, bytes: bytes)
    }

    /// Opens `path` read-only and checks that it is a regular file (see ``read(_:displayPath:)``
    /// for why); returns the open descriptor, which the caller closes, and the size the
    /// system reports.
    static func openRegularFile(_ path: String, displayPath: String) throws(InputError) -> (fd: Int32, size: Int) {
        let location = SourceLocation(file: displayPath)
        func failure(_ id: DiagnosticID, _ message: LocalizedText) -> InputError {
            InputError([Diagnostic(.error, id, at: location, message)])
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if fd < 0 {
            switch errno {
            case ENOENT, ENOTDIR:
                throw failure(.fileMissing, LocalizedText(vi: "không tìm thấy tệp", en: "no such file"))
            case EACCES, EPERM:
                throw failure(.fileUnreadable, LocalizedText(
                    vi: "không đọc được tệp (không có quyền đọc)", en: "cannot read the file (permission denied)"))
            case let code:
                throw unreadable(code, displayPath)
            }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            _ = close(fd)
            throw unreadable(code, displayPath)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            if Int(info.st_size) > InputFile.sizeLimit {
                _ = close(fd)
                throw failure(.fileTooLarge, LocalizedText(
                    vi: "tệp lớn \(Int(info.st_size) / 1_048_576) MiB, quá giới hạn \(InputFile.sizeLimit / 1_048_576) MiB của một tệp đầu vào (phụ lục thật chỉ vài MB; hãy tách tệp)",
                    en: "the file is \(Int(info.st_size) / 1_048_576) MiB, over the \(InputFile.sizeLimit / 1_048_576) MiB limit for one input file (real annexes are a few MB; split the file)"))
            }
            return (fd, Int(info.st_size))
        case S_IFDIR:
            _ = close(fd)
            throw failure(.fileDirectory, LocalizedText(
                vi: "cần một tệp nhưng đây là thư mục", en: "expected a file but found a directory"))
        default:
            _ = close(fd)
            throw InputError([notRegular(at: location)])
        }
    }

    /// `file.not-regular`: a FIFO, socket or device where a file is expected.
    static func notRegular(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, .fileNotRegular, at: location, LocalizedText(
            vi: "cần một tệp thường nhưng đây là tệp đặc biệt (FIFO, socket hoặc thiết bị); không đọc",
            en: "expected a regular file but found a special file (FIFO, socket or device); not read"))
    }

    static func tooLarge(_ displayPath: String) -> InputError {
        InputError([Diagnostic(.error, .fileTooLarge, at: SourceLocation(file: displayPath), LocalizedText(
            vi: "tệp lớn hơn giới hạn \(sizeLimit / 1_048_576) MiB của một tệp đầu vào (phụ lục thật chỉ vài MB; hãy tách tệp)",
            en: "the file is larger than the \(sizeLimit / 1_048_576) MiB limit for one input file (real annexes are a few MB; split the file)"))])
    }

    /// `file.unreadable` with the system's reason for `code` (an `errno` value).
    static func unreadable(_ code: Int32, _ displayPath: String) -> InputError {
        let reason = String(cString: strerror(code))
        return InputError([Diagnostic(.error, .fileUnreadable, at: SourceLocation(file: displayPath), LocalizedText(
            vi: "không đọc được tệp: \(reason)", en: "cannot read the file: \(reason)"))])
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

    /// A value that stays usable although some diagnostics are errors: the caller has
    /// checked that the errors concern parts the value leaves out and names.
    public init(partial value: Value?, diagnostics: [Diagnostic]) {
        self.value = value
        self.diagnostics = diagnostics
    }

    /// The value, or an ``InputError`` carrying the diagnostics.
    public func get() throws(InputError) -> Value {
        guard let value else { throw InputError(diagnostics) }
        return value
    }
}
