import Foundation
import Testing
import TestSupport

/// Outputs never destroy anything (hardening, second round): no output onto an input or
/// into the catalogue directory, no device, FIFO or link replaced, data never reaches a
/// terminal raw, and an unwritable stderr does not cost the report.
@Suite struct OutputSafetyCommandTests {
    static let asOf = ["--as-of", "2026-11-20"]

    /// Runs in a fresh copy of the bundled catalogue and checks that no input changed.
    func inCopy(_ body: (URL) throws -> Void) throws {
        try withCatalogueCopy { dir in
            let before = try snapshot(dir.appendingPathComponent("catalogs"))
            try body(dir)
            #expect(try snapshot(dir.appendingPathComponent("catalogs")) == before, "an input changed")
        }
    }

    func snapshot(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            out[url.path] = try Data(contentsOf: url)
        }
        return out
    }

    @Test(arguments: [
        (["reconcile", "--output", "catalogs/register.csv"], "--output", "catalogs/register.csv"),
        (["reconcile", "--output", "catalogs/new-report.txt"], "--output", "catalogs/new-report.txt"),
        (["remind", "--ics", "catalogs/settings.yaml"], "--ics", "catalogs/settings.yaml"),
        (["remind", "--email", "catalogs/decisions/2105-QD-BKHCN.csv"], "--email", "catalogs/decisions/2105-QD-BKHCN.csv"),
        (["check", "--junit", "catalogs/holidays/vn-public-sector.yaml"], "--junit", "catalogs/holidays/vn-public-sector.yaml"),
        (["check", "--sarif", "./catalogs/../catalogs/decisions/1520-QD-BKHCN.xml"], "--sarif", "./catalogs/../catalogs/decisions/1520-QD-BKHCN.xml"),
        (["draft", "--all-pending", "--output", "catalogs/register.csv"], "--output", "catalogs/register.csv"),
        (["reconcile", "--format", "xlsx", "--output", "catalogs/new-report.txt"], "--output", "catalogs/new-report.txt"),
    ])
    func noOutputInsideTheCatalogue(arguments: [String], option: String, path: String) throws {
        try inCopy { dir in
            let r = try runTTHC(arguments + Self.asOf + ["--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stdout == "")
            #expect(r.stderr == "\(option): error: \"\(path)\" is inside the catalogue directory catalogs: tthc does not write there (the output would replace data, or be read back as data on the next run); choose a path outside it\n")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("catalogs/new-report.txt").path))
        }
    }

    @Test func twoOutputsOntoOneFileAreRefused() throws {
        try inCopy { dir in
            let r = try runTTHC(["remind", "--ics", "out.ics", "--ics-state", "out.ics"] + Self.asOf + ["--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr == "--ics-state: error: \"out.ics\" is also the file of --ics; each output needs a file of its own\n")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.ics").path))
        }
    }

    @Test func devicesAreWrittenIntoNeverReplaced() throws {
        try inCopy { dir in
            let null = try runTTHC(["reconcile", "--output", "/dev/null"] + Self.asOf, currentDirectory: dir)
            #expect(null.exitCode == 0)
            var info = stat()
            #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null is no longer a device")

            let full = try runTTHC(["reconcile", "--output", "/dev/full", "--lang", "en"] + Self.asOf, currentDirectory: dir)
            #expect(full.exitCode == 2)
            #expect(full.stderr.hasSuffix("\n--output: error: cannot write \"/dev/full\": No space left on device\n"))

            let stdout = try runTTHC(["reconcile", "--output", "/dev/stdout"] + Self.asOf, currentDirectory: dir)
            #expect(stdout.exitCode == 0)
            #expect(stdout.stdout.hasPrefix("BÁO CÁO ĐỐI CHIẾU THỦ TỤC HÀNH CHÍNH\n"))
        }
    }

    @Test func aFIFOWithoutReaderAndALinkAreRefused() throws {
        try inCopy { dir in
            let fifo = dir.appendingPathComponent("pipe").path
            #expect(mkfifo(fifo, 0o644) == 0)
            let r = try runTTHC(["reconcile", "--output", "pipe", "--lang", "en"] + Self.asOf, currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr.hasSuffix("\n--output: error: \"pipe\" is a named pipe (FIFO) that no process is reading; not written\n"))
            var info = stat()
            #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)

            try Data("kept\n".utf8).write(to: dir.appendingPathComponent("target.txt"))
            #expect(symlink("target.txt", dir.appendingPathComponent("link.txt").path) == 0)
            let link = try runTTHC(["reconcile", "--output", "link.txt", "--lang", "en"] + Self.asOf, currentDirectory: dir)
            #expect(link.exitCode == 2)
            #expect(link.stderr.hasSuffix("\n--output: error: \"link.txt\" is a symbolic link; tthc does not replace links: write to the path it points to\n"))
            #expect(lstat(dir.appendingPathComponent("link.txt").path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
            #expect(try String(contentsOf: dir.appendingPathComponent("target.txt"), encoding: .utf8) == "kept\n")
        }
    }

    /// A name of 245 bytes is legal; its temporary file must not be longer than a name may be.
    @Test func aLongOutputNameIsWritten() throws {
        try inCopy { dir in
            let name = String(repeating: "r", count: 241) + ".txt"
            let r = try runTTHC(["reconcile", "--output", name] + Self.asOf, currentDirectory: dir)
            #expect(r.exitCode == 0)
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
        }
    }

    /// Escape sequences in the data reach no terminal raw: stderr, the reminder list, the
    /// GitHub annotations and the step summary show them.
    @Test func escapeSequencesFromTheDataAreMadeVisible() throws {
        try withCatalogueCopy { dir in
            let listing = dir.appendingPathComponent("catalogs/decisions/2105-QD-BKHCN.csv")
            try edit(listing, replacing: "Thủ tục công nhận kết quả nghiên cứu khoa học",
                     with: "\u{1B}[2J\u{1B}[5m\u{07}Thủ tục [x](http://evil) <img src=x>")
            try edit(dir.appendingPathComponent("catalogs/local/skhcn-danh-muc.csv"), replacing: "1.00423", with: "1.00423\u{1B}[31m")
            let summary = dir.appendingPathComponent("summary.md")
            let validate = try runTTHC(["validate"], currentDirectory: dir)
            let remind = try runTTHC(["remind", "--as-of", "2026-11-09", "--within", "30"], currentDirectory: dir)
            let check = try runTTHC(["check", "--github", "--fail-on", "all"] + Self.asOf,
                                    environment: ["GITHUB_STEP_SUMMARY": summary.path], currentDirectory: dir)
            for out in [validate.stderr, remind.stdout, remind.stderr, check.stdout, check.stderr] {
                #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "raw control character in: \(out.prefix(200))")
            }
            #expect(validate.stderr.contains("1.00423␛[31m"))
            #expect(remind.stdout.contains("␛[2J␛[5m␇Thủ tục [x](http://evil) <img src=x>"))
            let md = try String(contentsOf: summary, encoding: .utf8)
            #expect(!md.unicodeScalars.contains { $0.value == 0x1B })
            #expect(md.contains("1.00423␛\\[31m"))
            // Markdown from a procedure name is shown, not rendered: no link, no image.
            #expect(md.contains("␛\\[2J␛\\[5m␇Thủ tục \\[x\\](http://evil) \\<img src=x\\>"))
        }
    }

    /// stderr on a full device or closed: the report is still written and the exit code
    /// still tells.
    @Test func anUnwritableStderrDoesNotCostTheReport() throws {
        try inCopy { dir in
            for redirect in ["2>/dev/full", "2>&-"] {
                let out = dir.appendingPathComponent("report.json").path
                try? FileManager.default.removeItem(atPath: out)
                let r = try runProcess(URL(fileURLWithPath: "/bin/sh"),
                                       ["-c", "\"$0\" reconcile --as-of 2026-11-20 --format json --output report.json \(redirect)", TestPaths.tthc.path],
                                       currentDirectory: dir)
                #expect(r.exitCode == 0, "\(redirect)")
                #expect(FileManager.default.fileExists(atPath: out), "\(redirect)")
                let broken = try runProcess(URL(fileURLWithPath: "/bin/sh"),
                                            ["-c", "\"$0\" reconcile --as-of 31/02/2026 \(redirect)", TestPaths.tthc.path], currentDirectory: dir)
                #expect(broken.exitCode == 2, "\(redirect)")
            }
        }
    }
}
