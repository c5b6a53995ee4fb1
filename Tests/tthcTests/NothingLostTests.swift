import Foundation
import Testing
import TestSupport

/// A scratch directory holding a copy of the bundled `catalogs/` (plus an override file, so
/// every kind of input is present) and an empty `out/` for reports.
struct Scratch {
    let root: URL
    var catalogs: URL { root.appendingPathComponent("catalogs") }
    var out: URL { root.appendingPathComponent("out") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-lost-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.repository.appendingPathComponent("catalogs"), to: catalogs)
        try Data(Scratch.overrides.utf8).write(to: catalogs.appendingPathComponent("holidays/overrides.yaml"))
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    static let overrides = """
    format: 1
    add:
      - date: 24/11/2026
        kind: holiday
        name: Ngày Văn hóa Việt Nam
        source: thử nghiệm
    """

    /// Every file under `url` (relative path → bytes, modification time, inode, mode).
    static func snapshot(_ url: URL) throws -> [String: FileState] {
        var result: [String: FileState] = [:]
        let base = url.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return result }
        while let relative = walker.nextObject() as? String {
            let path = base + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let isRegular = (info.st_mode & S_IFMT) == S_IFREG
            result[relative] = FileState(
                bytes: isRegular ? [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) : [],
                modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                inode: UInt64(info.st_ino), mode: UInt32(info.st_mode))
        }
        return result
    }

    /// Names in `out/` (hidden ones included: that is where temporary files would be).
    func outputNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    }
}

struct FileState: Equatable {
    var bytes: [UInt8]
    var modified: Int64
    var inode: UInt64
    var mode: UInt32
}

/// Runs `tthc` through `/bin/sh` with resource limits set first (`ulimit -v 1000000`
/// caps the address space at about 1 GB; `ulimit -f N` caps the size of files written).
func runTTHCLimited(_ limits: String, _ arguments: [String], currentDirectory: URL) throws -> CommandResult {
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    return try runProcess(URL(fileURLWithPath: "/bin/sh"),
                          ["-c", limits + "; exec \"$0\" \"$@\"", TestPaths.tthc.path] + arguments,
                          environment: env, currentDirectory: currentDirectory)
}

/// Inputs are never written, outputs appear whole or not at all.
@Suite(.serialized) struct NothingLostTests {
    /// Every command that reads the catalogue directory, the exit code it must end with and
    /// the files it must write (under `out/`). A new command is one more line here.
    static let commands: [([String], Int32, [String])] = [
        (["validate", "--catalogs", "catalogs"], 0, []),
        (["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20"], 0, []),
        (["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--output", "out/report.txt"], 0, ["report.txt"]),
        (["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--format", "html", "--output", "out/report.html"], 0, ["report.html"]),
        (["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--format", "markdown", "--output", "out/report.md"], 0, ["report.md"]),
        (["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--format", "csv", "--output", "out/report.csv"], 0, ["report.csv"]),
        (["reconcile", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--format", "json", "--output", "out/report.json"], 0, ["report.json"]),
        (["remind", "--catalogs", "catalogs", "--as-of", "2026-11-20"], 0, []),
        (["remind", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--ics", "out/reminders.ics",
          "--ics-state", "out/state.json", "--email", "out/digest.eml"], 0, ["digest.eml", "reminders.ics", "state.json"]),
        (["check", "--catalogs", "catalogs", "--as-of", "2026-11-20", "--junit", "out/junit.xml", "--sarif", "out/check.sarif"],
         1, ["check.sarif", "junit.xml"]),
        (["calendar", "holidays", "2026", "--holidays", "catalogs/holidays/overrides.yaml"], 0, []),
        (["calendar", "add", "20/11/2026", "3", "--explain", "--holidays", "catalogs/holidays/overrides.yaml"], 0, []),
        (["calendar", "count", "20/11/2026", "30/11/2026", "--holidays", "catalogs/holidays/overrides.yaml"], 0, []),
        (["calendar", "is-working", "24/11/2026", "--holidays", "catalogs/holidays/overrides.yaml"], 1, []),
    ]

    @Test(arguments: commands)
    func inputsAreUntouched(_ arguments: [String], _ exitCode: Int32, _ outputs: [String]) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let before = try Scratch.snapshot(scratch.catalogs)
        #expect(before.count >= 12)
        let r = try runTTHC(arguments, currentDirectory: scratch.root)
        #expect(r.exitCode == exitCode, "\(r.stderr)")
        let after = try Scratch.snapshot(scratch.catalogs)
        #expect(after.keys.sorted() == before.keys.sorted())
        for (path, state) in before {
            #expect(after[path] == state, "\(path) changed")
        }
        // Exactly the files asked for appear, none of them empty, and no temporary file.
        #expect(try scratch.outputNames() == outputs)
        for name in outputs {
            #expect(try Data(contentsOf: scratch.out.appendingPathComponent(name)).count > 0)
        }
        // A report written to a file is the report printed on stdout, byte for byte.
        if arguments.first == "reconcile", let flag = arguments.firstIndex(of: "--output") {
            let written = try Data(contentsOf: scratch.root.appendingPathComponent(arguments[flag + 1]))
            let standard = try runTTHC(Array(arguments[..<flag]), currentDirectory: scratch.root)
            #expect(String(decoding: written, as: UTF8.self) == standard.stdout)
        }
    }

    /// A run that stops on bad input writes nothing: no report, no temporary file, and an
    /// existing report keeps its bytes.
    @Test func badInputWritesNoOutput() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let old = Data("báo cáo tuần trước\n".utf8)
        try old.write(to: scratch.out.appendingPathComponent("old.txt"))
        try Data("Số quyết định,Cơ quan ban hành\n\"1/QĐ".utf8).write(to: scratch.catalogs.appendingPathComponent("register.csv"))
        for target in ["out/new.txt", "out/old.txt"] {
            let r = try runTTHC(["reconcile", "--as-of", "2026-11-20", "--lang", "en", "--output", target], currentDirectory: scratch.root)
            #expect(r.exitCode == 2)
            #expect(r.stdout == "")
            #expect(r.stderr.contains("catalogs/register.csv:2:1: error: the quote opened here is not closed before the end of the file\n"))
            #expect(try scratch.outputNames() == ["old.txt"])
            #expect(try Data(contentsOf: scratch.out.appendingPathComponent("old.txt")) == old)
        }
    }

    /// A full disk (here: the file-size limit, `ulimit -f`, which fails writes with EFBIG
    /// exactly where a full disk fails them with ENOSPC): exit 2 with the path and the
    /// reason, the old report intact, no temporary file.
    @Test func fileSizeLimitLeavesTheOldReport() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let old = Data("báo cáo tuần trước\n".utf8)
        try old.write(to: scratch.out.appendingPathComponent("report.txt"))
        // dash counts ulimit -f in 512-byte blocks: 4 KB, well under the 13 KB report.
        let r = try runTTHCLimited("ulimit -f 8", ["reconcile", "--as-of", "2026-11-20", "--output", "out/report.txt"],
                                   currentDirectory: scratch.root)
        #expect(r.exitCode == 2)
        #expect(r.stderr.hasSuffix("\n--output: error: không ghi được tệp \"out/report.txt\": File too large\n"))
        #expect(try scratch.outputNames() == ["report.txt"])
        #expect(try Data(contentsOf: scratch.out.appendingPathComponent("report.txt")) == old)
    }

    /// Whether this machine lets the tests mount a small tmpfs (root with CAP_SYS_ADMIN).
    static let canMountTmpfs: Bool = {
        guard getuid() == 0 else { return false }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-tmpfs-probe-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        guard mountTmpfs(at: dir.path) else { return false }
        umount(dir.path)
        return true
    }()

    /// A really full disk: a 16 KB tmpfs holding 12 KB already. Root only (CI is root).
    /// The text report is written from memory, the JSON report from its encoder as it
    /// produces it (``OutputContent/produced(_:)``): either way nothing of it is left.
    @Test(.enabled(if: canMountTmpfs, "needs root and permission to mount a tmpfs"), arguments: ["txt", "json"])
    func fullDiskLeavesTheOldReport(format: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(mountTmpfs(at: scratch.out.path))
        defer { umount(scratch.out.path) }
        let name = "report.\(format)"
        let old = Data(repeating: 0x78, count: 12 * 1024)
        try old.write(to: scratch.out.appendingPathComponent(name))
        let options = format == "json" ? ["--format", "json"] : []
        let r = try runTTHC(["reconcile", "--as-of", "2026-11-20", "--output", "out/\(name)"] + options, currentDirectory: scratch.root)
        #expect(r.exitCode == 2)
        #expect(r.stderr.hasSuffix("\n--output: error: không ghi được tệp \"out/\(name)\": No space left on device\n"))
        #expect(try scratch.outputNames() == [name])
        #expect(try Data(contentsOf: scratch.out.appendingPathComponent(name)) == old)
    }

    /// `check --junit --sarif` onto a disk with room for the JUnit report (39 KB) but not
    /// for both: neither file is written, since they are written as one set.
    @Test(.enabled(if: canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func outputsOfOneRunAreAllOrNothingOnAFullDisk() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        #expect(mountTmpfs(at: scratch.out.path, size: "48k"))
        defer { umount(scratch.out.path) }
        let r = try runTTHC(["check", "--as-of", "2026-11-20", "--lang", "en",
                             "--junit", "out/check.xml", "--sarif", "out/check.sarif"], currentDirectory: scratch.root)
        #expect(r.exitCode == 2)
        #expect(r.stderr.hasSuffix("\n--sarif: error: cannot write \"out/check.sarif\": No space left on device\n"))
        #expect(try scratch.outputNames() == [])
    }

    /// SIGTERM and SIGINT while the report is being written: the process ends by the
    /// signal, the temporary file is gone and the old report is intact. SIGKILL, which no
    /// program can handle, leaves the temporary file beside the intact old report; the
    /// next run removes it once it is a minute old (its age is set back here).
    ///
    /// The test watches `out/` for the temporary file, stops the process (SIGSTOP) the
    /// moment it appears, checks it is still there, then sends the signal and lets the
    /// process go on. Attempts that find the report already renamed are retried.
    @Test(arguments: [SIGTERM, SIGINT, SIGUSR1, SIGALRM, SIGKILL])
    func interruptedWriteLeavesNoFragment(_ signal: Int32) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try LargeCatalogue.write(procedures: 4_000, into: scratch.catalogs)
        let old = Data("báo cáo tuần trước\n".utf8)
        let report = scratch.out.appendingPathComponent("report.html")
        var caught = 0
        for _ in 0..<20 where caught == 0 {
            try old.write(to: report)
            let process = Process()
            process.executableURL = TestPaths.tthc
            process.arguments = ["reconcile", "--as-of", "2026-11-20", "--format", "html", "--output", "out/report.html"]
            process.currentDirectoryURL = scratch.root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            var stopped = false
            while process.isRunning {
                let names = (try? scratch.outputNames()) ?? []
                if names.contains(where: { $0.hasPrefix(".report.html.") && $0.hasSuffix(".tmp") }) {
                    kill(process.processIdentifier, SIGSTOP)
                    stopped = try scratch.outputNames().count == 2
                    if stopped {
                        kill(process.processIdentifier, signal)
                    }
                    kill(process.processIdentifier, SIGCONT)
                    break
                }
                usleep(200)
            }
            process.waitUntilExit()
            if stopped {
                caught += 1
                #expect(process.terminationReason == .uncaughtSignal)
                #expect(process.terminationStatus == signal)
                #expect(try Data(contentsOf: report) == old)
                if signal == SIGKILL {
                    let left = try scratch.outputNames().filter { $0 != "report.html" }
                    #expect(left.count == 1 && left[0].hasPrefix(".report.html.\(process.processIdentifier)."))
                    for name in left {
                        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -120)],
                                                              ofItemAtPath: scratch.out.appendingPathComponent(name).path)
                    }
                    let again = try runTTHC(["reconcile", "--as-of", "2026-11-20", "--format", "html", "--output", "out/report.html"],
                                            currentDirectory: scratch.root)
                    #expect(again.exitCode == 0)
                    #expect(String(decoding: try Data(contentsOf: report), as: UTF8.self).hasSuffix("</html>\n"))
                }
                #expect(try scratch.outputNames() == ["report.html"])
            } else {
                // Missed the window: the run finished; the new report is whole.
                #expect(process.terminationStatus == 0)
                #expect(try scratch.outputNames() == ["report.html"])
                #expect(String(decoding: try Data(contentsOf: report), as: UTF8.self).hasSuffix("</html>\n"))
            }
        }
        #expect(caught == 1, "never caught the process between creating and renaming its temporary file")
    }
}

/// Mounts a 16 KB tmpfs at `path`.
func mountTmpfs(at path: String, size: String = "16k") -> Bool {
    "size=\(size)".withCString { mount("tmpfs", path, "tmpfs", 0, $0) } == 0
}

/// A generated catalogue directory large enough that writing its report takes a while.
enum LargeCatalogue {
    static func write(procedures n: Int, into catalogs: URL) throws {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <decision xmlns="urn:tthc:decision:1" number="9000/QĐ-BKHCN" issuer="Bộ Khoa học và Công nghệ" issued="2026-11-02" effective="2026-12-01" national-database="2026-11-05" received="2026-11-06">

        """
        for i in 0..<n {
            xml += "<procedure code=\"1.\(200_000 + i)\" change=\"new\"><name>Thủ tục số \(i) về cấp giấy phép hoạt động trong lĩnh vực khoa học và công nghệ</name><levels><level>province</level></levels></procedure>\n"
        }
        xml += "</decision>\n"
        try Data(xml.utf8).write(to: catalogs.appendingPathComponent("decisions/9000-QD-BKHCN.xml"))
    }
}
