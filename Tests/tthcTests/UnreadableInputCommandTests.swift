import Foundation
import Testing

/// CI never passes on what it could not read: whatever exists in the catalogue and cannot
/// be read is an error, links may not lead out of the catalogue, and an empty catalogue
/// is a warning that `check` can fail on.
@Suite struct UnreadableInputCommandTests {
    @Test func brokenLoopingAndEscapingLinksAreErrors() throws {
        try withCatalogueCopy { dir in
            let secret = dir.appendingPathComponent("secret.csv")
            try Data("Mã TTHC,Tên thủ tục hành chính\n1.999999,Bí mật\n".utf8).write(to: secret)
            let c = dir.appendingPathComponent("catalogs")
            #expect(symlink(secret.path, c.appendingPathComponent("local/x.csv").path) == 0)
            #expect(symlink("nowhere.csv", c.appendingPathComponent("decisions/y.csv").path) == 0)
            #expect(symlink("loop.xml", c.appendingPathComponent("decisions/loop.xml").path) == 0)
            for command in [["validate"], ["check", "--as-of", "2026-11-20"], ["reconcile", "--as-of", "2026-11-20"]] {
                let r = try runTTHC(command + ["--lang", "en"], currentDirectory: dir)
                #expect(r.exitCode == 2, "\(command)")
                #expect(!r.stdout.contains("Bí mật"), "\(command) published a file from outside the catalogue")
                #expect(r.stderr.contains("""
                    catalogs/decisions/loop.xml: error: a symbolic link that leads to no readable file: Too many levels of symbolic links
                    catalogs/decisions/y.csv: error: a symbolic link that leads to no readable file: No such file or directory
                    """), "\(command)")
                #expect(r.stderr.contains("catalogs/local/x.csv: error: a symbolic link that leads out of the catalogue directory; tthc reads only files inside it (copy the file in instead)\n"))
            }
        }
    }

    @Test func aLinkToASettingsFileOutsideIsRefusedAndOneInsideIsRead() throws {
        try withCatalogueCopy { dir in
            let c = dir.appendingPathComponent("catalogs")
            try FileManager.default.moveItem(at: c.appendingPathComponent("settings.yaml"), to: dir.appendingPathComponent("settings.yaml"))
            #expect(symlink("../settings.yaml", c.appendingPathComponent("settings.yaml").path) == 0)
            let outside = try runTTHC(["validate", "--lang", "en"], currentDirectory: dir)
            #expect(outside.exitCode == 2)
            #expect(outside.stderr.contains("catalogs/settings.yaml: error: a symbolic link that leads out of the catalogue directory"))
            // A link inside the catalogue is fine.
            try FileManager.default.removeItem(at: c.appendingPathComponent("settings.yaml"))
            try FileManager.default.moveItem(at: dir.appendingPathComponent("settings.yaml"), to: c.appendingPathComponent("holidays/settings.yaml"))
            #expect(symlink("holidays/settings.yaml", c.appendingPathComponent("settings.yaml").path) == 0)
            #expect(try runTTHC(["validate"], currentDirectory: dir).exitCode == 0)
        }
    }

    @Test func aFolderThatIsNotADirectoryIsAnError() throws {
        try withCatalogueCopy { dir in
            let local = dir.appendingPathComponent("catalogs/local")
            try FileManager.default.removeItem(at: local)
            #expect(symlink("local", local.path) == 0)  // a link to itself: lstat sees it, nothing can list it
            let r = try runTTHC(["check", "--as-of", "2026-11-20", "--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr.contains("catalogs/local: error: local must be a directory\n"))
        }
    }

    @Test func anEmptyCatalogueIsAWarningThatCheckCanFailOn() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("catalogs/local"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let validate = try runTTHC(["validate", "--lang", "en"], currentDirectory: root)
        #expect(validate.exitCode == 0)
        #expect(validate.stderr == """
            catalogs: warning: the catalogue directory holds no decision (decisions/) and no procedure (local/): there is nothing to reconcile or check
            catalogs: 0 errors, 1 warning

            """)
        let all = try runTTHC(["check", "--fail-on", "all", "--as-of", "2026-11-20", "--lang", "en"], currentDirectory: root)
        #expect(all.exitCode == 1)
        #expect(all.stderr.contains("catalogs: error: [empty-catalogue] catalogs: no procedure in catalogs/local/\n"))
        let byDefault = try runTTHC(["check", "--as-of", "2026-11-20", "--lang", "en"], currentDirectory: root)
        #expect(byDefault.exitCode == 0)
        #expect(byDefault.stderr.contains("catalogs: warning: [empty-catalogue] catalogs: no procedure in catalogs/local/\n"))
    }

    /// Limits a real annex never reaches, each with a message instead of minutes of work or
    /// an exhausted memory: 256 MiB a file, 256 attributes an XML element.
    @Test func sizeAndAttributeLimits() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("catalogs/local"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("catalogs/decisions"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let big = root.appendingPathComponent("catalogs/local/big.csv")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        #expect(truncate(big.path, 300 * 1_048_576) == 0)  // sparse: costs no disk
        let attributes = (0..<200_000).map { "a\($0)=\"x\"" }.joined(separator: " ")
        try Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<decision xmlns=\"urn:tthc:decision:1\" \(attributes)>\n</decision>\n".utf8)
            .write(to: root.appendingPathComponent("catalogs/decisions/a.xml"))
        let r = try runTTHC(["validate", "--lang", "en"], currentDirectory: root)
        #expect(r.exitCode == 2)
        #expect(r.stderr == """
            catalogs/decisions/a.xml:2:1: error: an element with more than 256 attributes: this is not a listing (the format's elements have at most six); not read further
            catalogs/local/big.csv: error: the file is 300 MiB, over the 256 MiB limit for one input file (real annexes are a few MB; split the file)
            catalogs: 2 errors, 0 warnings

            """)
    }

    /// One bad date in the register is one error: the listing its row names is not also
    /// reported as named by no row.
    @Test func aBadRegisterDateIsOneError() throws {
        try withCatalogueCopy { dir in
            try edit(dir.appendingPathComponent("catalogs/register.csv"),
                     replacing: "2105/QĐ-BKHCN,Bộ Khoa học và Công nghệ,02/11/2026", with: "2105/QĐ-BKHCN,Bộ Khoa học và Công nghệ,31/11/2026")
            let r = try runTTHC(["validate", "--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr.split(separator: "\n").filter { $0.contains(": error: ") } == [
                "catalogs/register.csv:3:40: error: column \"Ngày ban hành\": no such date \"31/11/2026\"",
            ])
        }
    }
}
