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
        if !replacing {
            var existing = stat()
            if lstat(path, &existing) == 0 { throw FileWriteError(path: path, operation: .create, code: EEXIST) }
        }
        if path == "/dev/stdout" || path == "/dev/stderr" {
            let code = writeAll(bytes, to: path == "/dev/stdout" ? STDOUT_FILENO : STDERR_FILENO)
            if code != 0 { throw FileWriteError(path: path, operation: .write, code: code) }
            return
        }
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFCHR, S_IFIFO:
                try writeInto(bytes, special: path, isFIFO: info.st_mode & S_IFMT == S_IFIFO)
                return
            case S_IFLNK: throw FileWriteError(path: path, operation: .refused(.symbolicLink), code: 0)
            case S_IFDIR: throw FileWriteError(path: path, operation: .create, code: EISDIR)
            default: throw FileWriteError(path: path, operation: .refused(.specialFile), code: 0)
            }
        }
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
        let announced = PendingTemporary.claim()
        defer { if announced { PendingTemporary.release() } }
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporary = (directory.isEmpty ? "" : directory + "/") + ".\(temporaryBase).\(getpid()).\(suffix).tmp"
            if announced { PendingTemporary.announce(temporary) }
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw FileWriteError(path: path, operation: .create, code: errno)
        }
        func fail(_ operation: FileWriteError.Operation, _ code: Int32, closing: Bool) -> FileWriteError {
            if closing { _ = close(fd) }
            _ = unlink(temporary)
            return FileWriteError(path: path, operation: operation, code: code)
        }
        // The umask may have taken bits away; reports are meant to be readable by all.
        if fchmod(fd, 0o644) != 0 { throw fail(.write, errno, closing: true) }
        let code = writeAll(bytes, to: fd)
        if code != 0 { throw fail(.write, code, closing: true) }
        if fsync(fd) != 0 { throw fail(.write, errno, closing: true) }
        if close(fd) != 0 { throw fail(.write, errno, closing: false) }
        if replacing {
            if rename(temporary, path) != 0 { throw fail(.rename, errno, closing: false) }
        } else {
            if link(temporary, path) != 0 { throw fail(.create, errno, closing: false) }
            _ = unlink(temporary)
        }
        // Make the rename itself durable; failure here does not undo a completed write.
        let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            _ = close(dirfd)
        }
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
    static func writeInto(_ bytes: [UInt8], special path: String, isFIFO: Bool) throws(FileWriteError) {
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
        let code = writeAll(bytes, to: fd)
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
        guard let path, path != "-" else {
            let code = writeAll(bytes, to: STDOUT_FILENO)
            if code != 0 { throw FileWriteError(path: "-", operation: .write, code: code) }
            return
        }
        try write(bytes, to: path)
    }

    /// True when the output goes to standard output (`nil` or `-`).
    public static func isStandardOutput(_ path: String?) -> Bool { path == nil || path == "-" }

    /// Writes every byte, retrying short writes and interruptions; returns 0 or `errno`.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer -> Int32 in
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
    }

    /// The directory part of a path ("" for a bare file name).
    static func directoryPart(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
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

/// The temporary file of the write in progress, where a signal handler can find it.
///
/// A signal handler may only call async-signal-safe functions, so the path lives in a
/// buffer allocated once (no allocation, no Swift runtime, no locks in the handler), with
/// a flag saying whether it holds a path. Only one write at a time is covered (the
/// executable writes one file at a time); a write that starts while another is in progress
/// is not announced, and behaves as before.
enum PendingTemporary {
    static let capacity = Int(PATH_MAX) + 1
    nonisolated(unsafe) static var buffer: UnsafeMutablePointer<CChar>?
    /// 1 while `buffer` names a temporary file that may exist.
    nonisolated(unsafe) static var armed: Int32 = 0
    /// True while a write owns the slot.
    nonisolated(unsafe) static var owned = false
    static let lock = NSLock()

    /// Allocates the buffer; before this, nothing is announced.
    static func prepare() {
        lock.lock()
        defer { lock.unlock() }
        if buffer == nil { buffer = .allocate(capacity: capacity) }
    }

    /// Takes the slot for one write; false when it is not set up or another write has it.
    static func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard buffer != nil, !owned else { return false }
        owned = true
        return true
    }

    /// Names the temporary file about to be created (paths too long for the buffer are not
    /// announced).
    static func announce(_ path: String) {
        guard let buffer else { return }
        armed = 0
        let utf8 = Array(path.utf8)
        guard utf8.count < capacity else { return }
        for (i, byte) in utf8.enumerated() { buffer[i] = CChar(bitPattern: byte) }
        buffer[utf8.count] = 0
        armed = 1
    }

    /// The write is over (renamed or cleaned up): nothing to remove any more.
    static func release() {
        armed = 0
        lock.lock()
        owned = false
        lock.unlock()
    }
}

/// Removes the announced temporary file, then lets the signal do what it would have done.
private let interruptHandler: @convention(c) (Int32) -> Void = { sig in
    if PendingTemporary.armed == 1, let buffer = PendingTemporary.buffer {
        _ = unlink(buffer)
    }
    _ = signal(sig, SIG_DFL)
    _ = raise(sig)
}
