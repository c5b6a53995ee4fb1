import Foundation
import Testing
@testable import TTHCKit

@Suite struct AtomicFileWriterTests {
    /// A fresh empty directory for one test.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tthc-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        return url
    }

    @Test func replacesTheTargetAndLeavesNoTemporaryFile() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("report.html").path
        try AtomicFileWriter.write(Array("cũ\n".utf8), to: target)
        try AtomicFileWriter.write(Array("mới\n".utf8), to: target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "mới\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.html"])
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    /// A write removes the temporary files of earlier writes of the same target whose
    /// process is gone (killed outright) and that are a minute old, and nothing else.
    @Test func abandonedTemporaryFilesOfTheTargetAreRemoved() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let old = Date(timeIntervalSinceNow: -120)
        func make(_ name: String, modified: Date? = old, directory: Bool = false) throws {
            let path = dir.appendingPathComponent(name).path
            if directory {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            } else {
                #expect(FileManager.default.createFile(atPath: path, contents: Data("một phần".utf8)))
            }
            if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: path) }
        }
        let abandoned = ".report.html.\(dead).k3x9z.tmp"
        let kept = [
            ".report.html.\(dead).fresh1.tmp",   // a minute has not passed
            ".report.html.1.k3x9z.tmp",          // process 1 is alive
            ".report.csv.\(dead).k3x9z.tmp",     // another target
            ".report.html.x\(dead).k3x9z.tmp",   // not a process id
            ".report.html.\(dead).K3X9Z.tmp",    // not our random part
            ".report.html.\(dead).a.b.tmp",      // too many parts
            "report.html.\(dead).k3x9z.tmp",     // not hidden
            ".report.html.\(dead).dir0.tmp",     // a directory
        ]
        try make(abandoned)
        for name in kept where name != kept[0] && name != kept.last { try make(name) }
        try make(kept[0], modified: nil)
        try make(kept.last!, directory: true)
        try AtomicFileWriter.write(Array("mới\n".utf8), to: dir.appendingPathComponent("report.html").path)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == (kept + ["report.html"]).sorted())
        #expect(!left.contains(abandoned))
    }

    @Test func aReaderHoldingTheOldFileKeepsTheOldBytes() throws {
        // Atomic replacement: the old inode is not rewritten in place.
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("r.csv").path
        try AtomicFileWriter.write(Array(repeating: 0x41, count: 10_000), to: target)
        let reader = try #require(FileHandle(forReadingAtPath: target))
        defer { try? reader.close() }
        try AtomicFileWriter.write(Array(repeating: 0x42, count: 5), to: target)
        #expect(try reader.readToEnd() == Data(repeating: 0x41, count: 10_000))
        #expect(FileManager.default.contents(atPath: target) == Data(repeating: 0x42, count: 5))
    }

    @Test func missingDirectoryIsAnErrorNamingThePath() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("no-such-dir/report.md").path
        #expect(throws: FileWriteError(path: target, operation: .create, code: ENOENT)) {
            try AtomicFileWriter.write([0x41], to: target)
        }
        do {
            try AtomicFileWriter.write([0x41], to: target)
        } catch {
            #expect(error.message.en == "cannot create \"\(target)\": No such file or directory")
            #expect(error.message.vi == "không tạo được tệp \"\(target)\": No such file or directory")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
    }

    @Test func aDirectoryIsRefusedBeforeAnyTemporaryFileExists() throws {
        // A directory at the target: refused up front (renaming over it would fail after the
        // bytes were written, or replace an empty directory with a file).
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        #expect(throws: FileWriteError.self) { try AtomicFileWriter.write([0x41], to: target.path) }
        do { try AtomicFileWriter.write([0x41], to: target.path) } catch {
            #expect(error.operation == .create)
            #expect(error.message.en == "cannot create \"\(target.path)\": Is a directory")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [])
    }

    @Test func aSymbolicLinkIsRefusedAndLeftAsItIs() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("real.txt"), link = dir.appendingPathComponent("link.txt")
        try Data("old".utf8).write(to: target)
        #expect(symlink(target.path, link.path) == 0)
        do {
            try AtomicFileWriter.write([0x41], to: link.path)
            Issue.record("a link was replaced")
        } catch {
            #expect(error.operation == .refused(.symbolicLink))
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["link.txt", "real.txt"])
    }

    @Test func aCharacterDeviceIsWrittenInto() throws {
        try AtomicFileWriter.write(Array("discarded".utf8), to: "/dev/null")
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        do {
            try AtomicFileWriter.write([0x41], to: "/dev/full")
            Issue.record("/dev/full took the bytes")
        } catch {
            #expect(error == FileWriteError(path: "/dev/full", operation: .write, code: ENOSPC))
        }
    }

    @Test(arguments: [("report.txt", ""), ("out/report.txt", "out"), ("/report.txt", "/"), ("/a/b/c.md", "/a/b")])
    func directoryPart(path: String, directory: String) {
        #expect(AtomicFileWriter.directoryPart(of: path) == directory)
    }

    @Test(arguments: [nil, "-"] as [String?]) func dashAndNilMeanStandardOutput(path: String?) {
        #expect(AtomicFileWriter.isStandardOutput(path))
        #expect(!AtomicFileWriter.isStandardOutput("report.html"))
    }

    /// A content of many pieces: the first written by the caller, the rest by the piece
    /// writer's thread, in order, whatever their sizes (empty ones too).
    @Test func piecesAreWrittenInOrderByTheWritingThread() throws {
        let sizes = [3, 0, 1 << 20, 17, 0, 300_000, 1, 2 << 20, 5] + Array(repeating: 65_537, count: 40)
        let content = OutputContent.produced { write in
            for (i, size) in sizes.enumerated() {
                let piece = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
                piece.withUnsafeBytes(write)
            }
        }
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("pieces.bin").path
        try AtomicFileWriter.writeOutput(content, to: path)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == content.collected)
        #expect(content.collected.count == sizes.reduce(0, +))
    }

    /// A write that fails on the writing thread (a full non-blocking pipe, after the first
    /// small piece went in) is the error returned; the pieces after it are dropped and the
    /// producer still runs to its end.
    @Test func aFailureOnTheWritingThreadIsReturned() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        #expect(fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK) == 0)
        nonisolated(unsafe) var produced = 0
        let content = OutputContent.produced { write in
            for size in [10, 4 << 20, 100, 100] {
                [UInt8](repeating: 0x41, count: size).withUnsafeBytes(write)
                produced += 1
            }
        }
        #expect(AtomicFileWriter.writeAll(content, to: ends[1]) == EAGAIN)
        #expect(produced == 4)
        // The first piece went in whole; what the pipe took of the second is all there is.
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        let n = read(ends[0], &buffer, buffer.count)
        #expect(n > 10 && n <= 10 + (4 << 20) && buffer[0..<n].allSatisfy { $0 == 0x41 })
    }
}
