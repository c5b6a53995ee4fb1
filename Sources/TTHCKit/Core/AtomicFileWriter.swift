#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif
import Foundation

/// Writes an output file so that a reader never sees half of it: the bytes go to a
/// temporary file in the target's directory, are flushed to disk, and the temporary file
/// is renamed over the target (rename is atomic within one file system). If anything
/// fails, the temporary file is removed, the target is left as it was, and a
/// ``FileWriteError`` names the path.
///
/// Written on POSIX calls rather than `Data.write(to:options: .atomic)` because the
/// Foundation variant neither fsyncs nor lets the mode be set to 0644 independently of the
/// umask, and its error messages do not say which path failed.
public enum AtomicFileWriter {
    /// Writes `bytes` to `path`, replacing it atomically. The file gets mode 0644.
    ///
    /// What is already at `path` decides how: a regular file (or nothing) is replaced
    /// atomically; a character device or a FIFO (`/dev/null`, `/dev/full`, a terminal, a
    /// named pipe) is written into, never replaced, so errors such as a full device are
    /// reported; `/dev/stdout` and `/dev/stderr` are the process's own streams. A symbolic
    /// link, a directory, a block device or a socket is refused: replacing one would turn it
    /// into a plain file (and, for a device node, break it for every program on the machine).
    ///
    /// With `replacing: false` the file is created only when nothing is at `path`: the
    /// complete temporary file is linked to it (`link` fails when the name is taken, with
    /// no moment in which another writer's file could be replaced), so a file someone else
    /// created meanwhile is never overwritten (`EEXIST`).
    public static func write(_ bytes: [UInt8], to path: String, replacing: Bool = true) throws(FileWriteError) {
        try writeSet([(bytes, path)], replacing: replacing)
    }

    /// Writes several outputs of one run all or nothing: every regular file is first written
    /// in full to its temporary file, and only when all of them are written (a full disk
    /// shows here) are they renamed into place, one after the other. A failure before the
    /// renames leaves every target as it was. Devices, FIFOs and the process's own streams
    /// cannot be staged; they are written after the files are in place.
    public static func writeSet(_ outputs: [(bytes: [UInt8], path: String)], replacing: Bool = true) throws(FileWriteError) {
        try writeSet(outputs.map { (OutputContent.bytes($0.bytes), $0.path) }, replacing: replacing)
    }

    /// ``writeSet(_:replacing:)`` for outputs that may be produced as they are written
    /// (``OutputContent/produced(_:)``): a large report goes to its temporary file piece by
    /// piece, never held whole.
    public static func writeSet(_ outputs: [(content: OutputContent, path: String)], replacing: Bool = true) throws(FileWriteError) {
        if !replacing {
            for (_, path) in outputs {
                var existing = stat()
                if lstat(path, &existing) == 0 { throw FileWriteError(path: path, operation: .create, code: EEXIST) }
            }
        }
        var staged: [Staged] = []
        var direct: [(content: OutputContent, path: String, kind: Direct)] = []
        defer {
            for s in staged {
                if !s.committed { _ = unlink(s.temporary) }
                if let slot = s.slot { PendingTemporary.release(slot) }
            }
        }
        for (content, path) in outputs {
            switch try classify(path) {
            case .replace: staged.append(try stage(content, for: path))
            case .direct(let kind): direct.append((content, path, kind))
            }
        }
        for i in staged.indices {
            if replacing {
                if rename(staged[i].temporary, staged[i].path) != 0 {
                    throw FileWriteError(path: staged[i].path, operation: .rename, code: errno)
                }
            } else {
                if link(staged[i].temporary, staged[i].path) != 0 {
                    throw FileWriteError(path: staged[i].path, operation: .create, code: errno)
                }
                _ = unlink(staged[i].temporary)
            }
            staged[i].committed = true
            // Make the rename itself durable; failure here does not undo a completed write.
            let directory = directoryPart(of: staged[i].path)
            let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if dirfd >= 0 {
                _ = fsync(dirfd)
                _ = close(dirfd)
            }
        }
        for (content, path, kind) in direct {
            switch kind {
            case .stream(let fd):
                let code = writeAll(content, to: fd)
                if code != 0 { throw FileWriteError(path: path, operation: .write, code: code) }
            case .special(let isFIFO):
                try writeInto(content, special: path, isFIFO: isFIFO)
            }
        }
    }

    /// Appends `bytes` to the file at `path`, creating it (mode 0644) when it is missing.
    /// For files that belong to someone else and that other writers append to as well (a CI
    /// runner's job summary): they are opened for appending, never replaced. A symbolic link
    /// is followed here, since the file is not ours to replace; a directory or special file
    /// other than a character device is refused.
    public static func append(_ bytes: [UInt8], to path: String) throws(FileWriteError) {
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG, S_IFCHR: break
            case S_IFDIR: throw FileWriteError(path: path, operation: .create, code: EISDIR)
            default: throw FileWriteError(path: path, operation: .refused(.specialFile), code: 0)
            }
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: path, operation: .create, code: errno) }
        let code = writeAll(bytes, to: fd)
        let closed = close(fd) == 0 ? 0 : errno
        if code != 0 || closed != 0 { throw FileWriteError(path: path, operation: .write, code: code != 0 ? code : closed) }
    }

    /// How a target is written: replaced through a temporary file, or written into.
    private enum Target { case replace, direct(Direct) }
    private enum Direct { case stream(Int32), special(isFIFO: Bool) }

    /// A regular file written in full to its temporary file, waiting to be renamed.
    private struct Staged { var path: String; var temporary: String; var slot: Int?; var committed = false }

    /// What is already at `path` decides how it is written (see ``write(_:to:)``).
    private static func classify(_ path: String) throws(FileWriteError) -> Target {
        if path == "/dev/stdout" { return .direct(.stream(STDOUT_FILENO)) }
        if path == "/dev/stderr" { return .direct(.stream(STDERR_FILENO)) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return .replace }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .replace
        case S_IFCHR: return .direct(.special(isFIFO: false))
        case S_IFIFO: return .direct(.special(isFIFO: true))
        case S_IFLNK: throw FileWriteError(path: path, operation: .refused(.symbolicLink), code: 0)
        case S_IFDIR: throw FileWriteError(path: path, operation: .create, code: EISDIR)
        default: throw FileWriteError(path: path, operation: .refused(.specialFile), code: 0)
        }
    }

    /// Writes `bytes` in full to a new temporary file beside `path` (mode 0644, synced).
    private static func stage(_ content: OutputContent, for path: String) throws(FileWriteError) -> Staged {
        let directory = directoryPart(of: path)
        let base = String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        guard !base.isEmpty, base != ".", base != ".." else {
            throw FileWriteError(path: path, operation: .create, code: EISDIR)
        }
        let temporaryBase = Self.temporaryBase(base)
        removeAbandonedTemporaries(directory: directory, base: temporaryBase)
        var temporary = ""
        var fd: Int32 = -1
        // A unique name: the process id and random bits; O_EXCL guarantees we never reuse
        // a file that someone else created in between.
        // The name is announced to the signal handler before the file exists, so that no
        // moment remains in which an interrupted run would leave it behind.
        let slot = PendingTemporary.claim()
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporary = (directory.isEmpty ? "" : directory + "/") + ".\(temporaryBase).\(getpid()).\(suffix).tmp"
            if let slot { PendingTemporary.announce(temporary, in: slot) }
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            let code = errno
            if let slot { PendingTemporary.release(slot) }
            throw FileWriteError(path: path, operation: .create, code: code)
        }
        func fail(_ operation: FileWriteError.Operation, _ code: Int32, closing: Bool) -> FileWriteError {
            if closing { _ = close(fd) }
            _ = unlink(temporary)
            if let slot { PendingTemporary.release(slot) }
            return FileWriteError(path: path, operation: operation, code: code)
        }
        // The umask may have taken bits away; reports are meant to be readable by all.
        if fchmod(fd, 0o644) != 0 { throw fail(.write, errno, closing: true) }
        let code = writeAll(content, to: fd)
        if code != 0 { throw fail(.write, code, closing: true) }
        if fsync(fd) != 0 { throw fail(.write, errno, closing: true) }
        if close(fd) != 0 { throw fail(.write, errno, closing: false) }
        return Staged(path: path, temporary: temporary, slot: slot)
    }

    /// The target's name as the temporary file's name holds it: whole, unless the target's
    /// name is so long that `.name.pid.random.tmp` would pass the 255-byte limit of a file
    /// name; then its first 200 bytes (cut between characters).
    static func temporaryBase(_ base: String) -> String {
        guard base.utf8.count > 200 else { return base }
        var cut = ""
        for c in base {
            if cut.utf8.count + String(c).utf8.count > 200 { break }
            cut.append(c)
        }
        return cut
    }

    /// Writes into a character device or a FIFO that is already there. A FIFO is opened
    /// without waiting: when no process reads it, that is an error, not a hang.
    static func writeInto(_ content: OutputContent, special path: String, isFIFO: Bool) throws(FileWriteError) {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (isFIFO ? O_NONBLOCK : 0))
        guard fd >= 0 else {
            if isFIFO, errno == ENXIO { throw FileWriteError(path: path, operation: .refused(.fifoWithoutReader), code: 0) }
            throw FileWriteError(path: path, operation: .create, code: errno)
        }
        defer { _ = close(fd) }
        if isFIFO {
            let flags = fcntl(fd, F_GETFL)
            if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        }
        let code = writeAll(content, to: fd)
        if code != 0 { throw FileWriteError(path: path, operation: .write, code: code) }
    }

    /// Removes what earlier writes of the same target left behind when their process was
    /// killed outright (SIGKILL, the out-of-memory killer, a power cut), which no handler can
    /// clean up: files named `.<base>.<pid>.<random>.tmp` in `directory` whose process no
    /// longer exists. To be sure the file is no one's write in progress, it must also be a
    /// regular file owned by this user and untouched for a minute (a process in another PID
    /// namespace, writing to a shared directory, may look dead from here). Failures are
    /// ignored: this is tidying, and the write itself does not depend on it.
    static func removeAbandonedTemporaries(directory: String, base: String, now: time_t = time(nil)) {
        let dir = directory.isEmpty ? "." : directory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        let prefix = ".\(base)."
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") && name.count > prefix.count + 4 {
            let middle = name.dropFirst(prefix.count).dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            guard middle.count == 2, let pid = pid_t(middle[0]), pid > 0, pid != getpid(),
                  !middle[1].isEmpty, middle[1].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = (directory.isEmpty ? "" : directory + "/") + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
                  now - info.st_mtim.tv_sec >= 60 else { continue }
            _ = unlink(path)
        }
    }

    /// Makes SIGINT, SIGTERM, SIGHUP (and SIGUSR1/2, SIGALRM, SIGVTALRM, SIGPROF) remove the temporary file of a write in progress
    /// before the process ends as the signal says, so an interrupted run leaves the old
    /// file or the new one and nothing else; and makes a write past the file-size limit
    /// (SIGXFSZ, `ulimit -f`) fail with EFBIG like a full disk instead of killing the
    /// process. For executables: call once at start, before any thread is started.
    ///
    /// The three signals are also unblocked: a process inherits its parent's signal mask,
    /// and parents that start programs from worker threads (which block most signals)
    /// would otherwise leave it deaf to SIGTERM.
    public static func installInterruptCleanup() {
        PendingTemporary.prepare()
        var unblock = sigset_t()
        sigemptyset(&unblock)
        // Every signal whose default action ends the process without a core dump: SIGUSR1,
        // SIGALRM and the rest used to leave a temporary file as large as the report.
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF] {
            _ = signal(sig, interruptHandler)
            sigaddset(&unblock, sig)
        }
        _ = signal(SIGXFSZ, SIG_IGN)
        _ = pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Writes to standard output when `path` is `nil` or `-`, else to the file atomically.
    public static func writeOutput(_ bytes: [UInt8], to path: String?) throws(FileWriteError) {
        try writeOutput(.bytes(bytes), to: path)
    }

    /// ``writeOutput(_:to:)`` for content that may be produced as it is written.
    public static func writeOutput(_ content: OutputContent, to path: String?) throws(FileWriteError) {
        guard let path, path != "-" else {
            let code = writeAll(content, to: STDOUT_FILENO)
            if code != 0 { throw FileWriteError(path: "-", operation: .write, code: code) }
            return
        }
        try writeSet([(content, path)])
    }

    /// True when the output goes to standard output (`nil` or `-`).
    public static func isStandardOutput(_ path: String?) -> Bool { path == nil || path == "-" }

    /// Writes every byte, retrying short writes and interruptions; returns 0 or `errno`.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32 {
        bytes.withUnsafeBytes { writeAll($0, to: fd) }
    }

    static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    /// Writes the content: its bytes, or every piece its producer hands over. After a
    /// failed write the producer runs to its end, its pieces dropped; the first error is
    /// returned.
    ///
    /// The first piece is written here; from the second on (a large report), pieces are
    /// written by a thread of their own while the producer makes the next ones
    /// (``PieceWriter``). Writing a national 10× report's 532 MB took the `write` calls
    /// about a fifth of the time its rows took to make, with the rows' cores waiting.
    static func writeAll(_ content: OutputContent, to fd: Int32) -> Int32 {
        switch content {
        case .bytes(let bytes):
            return writeAll(bytes, to: fd)
        case .produced(let produce):
            var code: Int32 = 0
            var writer: PieceWriter?
            produce { piece in
                guard code == 0 else { return }
                if let writer {
                    writer.write(piece)
                } else {
                    code = writeAll(piece, to: fd)
                    if code == 0 { writer = PieceWriter(fd: fd) }
                }
            }
            if let writer {
                let last = writer.finish()
                if code == 0 { code = last }
            }
            return code
        }
    }

    /// The directory part of a path ("" for a bare file name).
    static func directoryPart(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}

/// What an output is written from.
public enum OutputContent: Sendable {
    /// Bytes already in memory.
    case bytes([UInt8])
    /// A producer that hands its bytes over in pieces, in order, through the function it
    /// is given (each piece valid only during that call), so that a large output is never
    /// held whole. It must give the same bytes every time it runs.
    case produced(@Sendable (_ write: (UnsafeRawBufferPointer) -> Void) -> Void)

    /// All the bytes, in memory (for tests and small outputs).
    public var collected: [UInt8] {
        switch self {
        case .bytes(let bytes): return bytes
        case .produced(let produce):
            var out: [UInt8] = []
            produce { out.append(contentsOf: $0) }
            return out
        }
    }
}

/// An output file could not be written. The message names the path and the reason.
public struct FileWriteError: Error, Sendable, Equatable {
    public enum Operation: Sendable, Equatable {
        case create, write, rename
        /// Not attempted: what is at the path must not be replaced.
        case refused(Refusal)
    }
    public enum Refusal: Sendable, Equatable { case symbolicLink, specialFile, fifoWithoutReader }
    public var path: String
    public var operation: Operation
    /// The `errno` value.
    public var code: Int32

    public var message: LocalizedText {
        let reason = String(cString: strerror(code))
        let shown = path == "-" ? "stdout" : path
        switch operation {
        case .create:
            return LocalizedText(vi: "không tạo được tệp \"\(shown)\": \(reason)",
                                 en: "cannot create \"\(shown)\": \(reason)")
        case .write:
            return LocalizedText(vi: "không ghi được tệp \"\(shown)\": \(reason)",
                                 en: "cannot write \"\(shown)\": \(reason)")
        case .rename:
            return LocalizedText(vi: "không thay được tệp \"\(shown)\": \(reason)",
                                 en: "cannot replace \"\(shown)\": \(reason)")
        case .refused(.symbolicLink):
            return LocalizedText(vi: "\"\(shown)\" là liên kết tượng trưng; tthc không ghi đè liên kết: hãy ghi vào đường dẫn mà nó trỏ tới",
                                 en: "\"\(shown)\" is a symbolic link; tthc does not replace links: write to the path it points to")
        case .refused(.fifoWithoutReader):
            return LocalizedText(vi: "\"\(shown)\" là đường ống có tên (FIFO) mà chưa có tiến trình nào đọc; không ghi",
                                 en: "\"\(shown)\" is a named pipe (FIFO) that no process is reading; not written")
        case .refused(.specialFile):
            return LocalizedText(vi: "\"\(shown)\" là tệp đặc biệt (thiết bị khối hoặc socket); không ghi",
                                 en: "\"\(shown)\" is a special file (a block device or a socket); not written")
        }
    }
}

/// The temporary files of the write in progress (up to ``slots`` of them: one per output
/// of a set written together), where a signal handler can find them.
///
/// A signal handler may only call async-signal-safe functions, so the paths live in buffers
/// allocated once (no allocation, no Swift runtime, no locks in the handler), each with a
/// flag saying whether it holds a path. A file staged when every slot is taken is not
/// announced, and behaves as before.
enum PendingTemporary {
    static let slots = 8
    static let capacity = Int(PATH_MAX) + 1
    nonisolated(unsafe) static var buffers: UnsafeMutablePointer<CChar>?
    /// 1 while the slot's buffer names a temporary file that may exist.
    nonisolated(unsafe) static var armed: UnsafeMutablePointer<Int32>?
    /// Slots a write in progress owns.
    nonisolated(unsafe) static var owned = Set<Int>()
    static let lock = NSLock()

    /// Allocates the buffers; before this, nothing is announced.
    static func prepare() {
        lock.lock()
        defer { lock.unlock() }
        guard buffers == nil else { return }
        buffers = .allocate(capacity: capacity * slots)
        armed = .allocate(capacity: slots)
        armed!.initialize(repeating: 0, count: slots)
    }

    /// Takes a free slot for one temporary file; nil when not set up or all are taken.
    static func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard buffers != nil, let free = (0..<slots).first(where: { !owned.contains($0) }) else { return nil }
        owned.insert(free)
        return free
    }

    /// Names the temporary file about to be created (paths too long for a buffer are not
    /// announced).
    static func announce(_ path: String, in slot: Int) {
        guard let buffers, let armed else { return }
        armed[slot] = 0
        let utf8 = Array(path.utf8)
        guard utf8.count < capacity else { return }
        let buffer = buffers + slot * capacity
        for (i, byte) in utf8.enumerated() { buffer[i] = CChar(bitPattern: byte) }
        buffer[utf8.count] = 0
        armed[slot] = 1
    }

    /// The slot's file is renamed or removed: nothing to remove any more.
    static func release(_ slot: Int) {
        lock.lock()
        defer { lock.unlock() }
        armed?[slot] = 0
        owned.remove(slot)
    }
}

/// Removes the announced temporary file, then lets the signal do what it would have done.
private let interruptHandler: @convention(c) (Int32) -> Void = { sig in
    if let armed = PendingTemporary.armed, let buffers = PendingTemporary.buffers {
        for slot in 0..<PendingTemporary.slots where armed[slot] == 1 {
            _ = unlink(buffers + slot * PendingTemporary.capacity)
        }
    }
    _ = signal(sig, SIG_DFL)
    _ = raise(sig)
}

/// Writes pieces to a file descriptor on a thread of its own, in the order given, while the
/// caller makes the next ones (``BatchChannel/Drain``: at most two wait, so memory stays
/// bounded whichever side is faster). Each piece is copied, since a producer's piece is
/// valid only during its call. After a failed write the remaining pieces are dropped;
/// ``finish()`` waits for the last write and returns 0 or the first `errno`.
final class PieceWriter {
    /// Set by the writing thread only; read by the caller after ``finish()``'s wait.
    private final class Outcome: @unchecked Sendable { var code: Int32 = 0 }
    private let outcome = Outcome()
    private let drain: BatchChannel<[UInt8]>.Drain

    init(fd: Int32) {
        let outcome = outcome
        drain = BatchChannel<[UInt8]>.Drain { piece in
            if outcome.code == 0 { outcome.code = AtomicFileWriter.writeAll(piece, to: fd) }
        }
    }

    func write(_ piece: UnsafeRawBufferPointer) { drain.give([UInt8](piece)) }

    func finish() -> Int32 {
        drain.finish()
        return outcome.code
    }
}
