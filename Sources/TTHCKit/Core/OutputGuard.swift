import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks a command's output paths before anything is read or written, so that no output
/// ever destroys an input (issue: `reconcile --output catalogs/register.csv` replaced the
/// register with the report):
///
/// - an output inside the catalogue directory is refused: it would replace one of its
///   files, or be read back as a listing or a catalogue on the next run;
/// - an output that is one of the command's input files (the same file by device and
///   inode, whatever the path says) is refused;
/// - two outputs of one run onto the same file (`--ics F --ics-state F`) are refused.
///
/// Paths are compared after resolving symbolic links in their directory part, so
/// `./catalogs/../catalogs/x` and a link to the catalogue directory are caught too.
/// `-` (standard output) is never checked. Each problem is an error located at the option
/// (`--output: error: …`).
public enum OutputGuard {
    public struct Output: Sendable {
        public var option: String
        public var path: String?
        public init(_ option: String, _ path: String?) {
            self.option = option
            self.path = path
        }
    }

    public static func problems(_ outputs: [Output], catalogueDirectory: String?, inputs: [String] = []) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: [(option: String, resolved: String, identity: FileIdentity?)] = []
        let catalogue = catalogueDirectory.flatMap(resolvedDirectory)
        let inputIdentities = inputs.compactMap { path in identity(of: path).map { (path, $0) } }
        for output in outputs {
            guard let path = output.path, path != "-" else { continue }
            if path == "/dev/stdout" || path == "/dev/stderr" || path == "/dev/null" { continue }
            let resolved = resolvedPath(path)
            let id = identity(of: path)
            let at = SourceLocation(file: output.option)
            if let catalogue, resolved == catalogue || resolved.hasPrefix(catalogue == "/" ? "/" : catalogue + "/") {
                diagnostics.append(Diagnostic(.error, .outputInsideCatalogue, at: at, LocalizedText(
                    vi: "\"\(path)\" nằm trong thư mục danh mục \(catalogueDirectory!): tthc không ghi vào đó (tệp ra sẽ đè lên dữ liệu hoặc bị đọc lại như dữ liệu ở lần chạy sau); hãy chọn đường dẫn ngoài thư mục này",
                    en: "\"\(path)\" is inside the catalogue directory \(catalogueDirectory!): tthc does not write there (the output would replace data, or be read back as data on the next run); choose a path outside it")))
                continue
            }
            if let id, let input = inputIdentities.first(where: { $0.1 == id }) {
                diagnostics.append(Diagnostic(.error, .outputIsInput, at: at, LocalizedText(
                    vi: "\"\(path)\" là tệp đầu vào \(input.0) của lệnh này; tthc không bao giờ ghi đè tệp đầu vào",
                    en: "\"\(path)\" is this command's input file \(input.0); tthc never writes over an input")))
                continue
            }
            if let earlier = seen.first(where: { $0.resolved == resolved || (id != nil && $0.identity == id) }) {
                diagnostics.append(Diagnostic(.error, .outputTwice, at: at, LocalizedText(
                    vi: "\"\(path)\" cũng là tệp ra của \(earlier.option); mỗi tệp ra phải là một tệp riêng",
                    en: "\"\(path)\" is also the file of \(earlier.option); each output needs a file of its own")))
                continue
            }
            seen.append((output.option, resolved, id))
        }
        return diagnostics
    }

    /// Device and inode of what is at a path (following links), nil when nothing is.
    struct FileIdentity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    static func identity(of path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The canonical path of an existing directory.
    static func resolvedDirectory(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// The path with its directory part resolved (the last component may not exist yet);
    /// relative paths are taken from the current directory.
    static func resolvedPath(_ path: String) -> String {
        if let whole = resolvedDirectory(path) { return whole }
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        let base = url.lastPathComponent
        let directory = resolvedDirectory(parent.isEmpty ? "." : parent) ?? url.deletingLastPathComponent().standardized.path
        return directory == "/" ? "/" + base : directory + "/" + base
    }
}
