import Foundation
import Testing
import TestSupport

/// A shell script in `dir` standing in for sendmail: it saves its arguments and standard
/// input next to itself, then exits with `status`.
private func fakeSendmail(in dir: URL, status: Int) throws -> URL {
    let script = dir.appendingPathComponent("fake-sendmail")
    try Data("""
    #!/bin/sh
    here=$(dirname "$0")
    printf '%s\\n' "$@" > "$here/sendmail-args"
    cat > "$here/sendmail-input"
    exit \(status)

    """.utf8).write(to: script)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    return script
}

private func exists(_ dir: URL, _ name: String) -> Bool {
    FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path)
}

@Suite struct RemindCommandTests {
    @Test(arguments: ["vi", "en"])
    func listGolden(language: String) throws {
        let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--lang", language])
        #expect(r.exitCode == 0)
        try expectGolden(r.stdout, "remind-2026-11-20.\(language).txt")
        if language == "vi" { #expect(r.stderr == bundledCatalogueWarnings) }
    }

    @Test func listIsOverdueFirstThenDueSoon() throws {
        let r = try runTTHC(["remind", "--as-of", "2026-11-20"])
        let changes = r.stdout.components(separatedBy: "\nNGHĨA VỤ BÁO CÁO")[0]
        let rows = changes.split(separator: "\n").filter { $0.hasPrefix("  ") }.map { line in
            let columns = line.components(separatedBy: "  ").filter { !$0.isEmpty }
            return [columns[0], columns[2].trimmingCharacters(in: .whitespaces)]
        }
        #expect(rows == [
            ["06/10/2026", "1.011736"], ["10/11/2026", "1.013010"], ["23/11/2026", "1.005105"], ["23/11/2026", "1.013120"],
        ])
        // Then the reporting duties, soonest first: the monthly one is due on Friday
        // 18/12/2026 because the 19th is a Saturday.
        #expect(r.stdout.hasSuffix("""

            NGHĨA VỤ BÁO CÁO (2)
              27/11/2026  còn 5 ngày làm việc   Báo cáo rà soát mức độ dịch vụ công trực tuyến [trước ngày 30/11/2026]
              18/12/2026  còn 20 ngày làm việc  Báo cáo tình hình, kết quả kiểm soát TTHC gửi UBND tỉnh [trước ngày 20 hằng tháng]

            """))
    }

    @Test(arguments: [("0", ["QUÁ HẠN (2)"]), ("1", ["QUÁ HẠN (2)", "SẮP ĐẾN HẠN – trong 1 ngày làm việc (2)"])])
    func withinNarrowsDueSoon(within: String, headings: [String]) throws {
        let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--within", within])
        #expect(r.exitCode == 0)
        #expect(r.stdout.split(separator: "\n").filter { $0.hasPrefix("QUÁ") || $0.hasPrefix("SẮP") }.map(String.init) == headings)
    }

    @Test func nothingDue() throws {
        let r = try runTTHC(["remind", "--as-of", "2026-09-01"])
        #expect(r.exitCode == 0)
        #expect(r.stdout == """
        Nhắc hạn công bố thủ tục hành chính
        Sở Khoa học và Công nghệ, Tỉnh Hưng Yên
        Tính đến ngày 01/09/2026 (Thứ Ba).

        Không có thủ tục nào quá hạn hoặc sắp đến hạn công bố.

        NGHĨA VỤ BÁO CÁO (2)
          18/09/2026  còn 12 ngày làm việc  Báo cáo tình hình, kết quả kiểm soát TTHC gửi UBND tỉnh [trước ngày 20 hằng tháng]
          27/11/2026  còn 62 ngày làm việc  Báo cáo rà soát mức độ dịch vụ công trực tuyến [trước ngày 30/11/2026]

        """)
    }

    /// The command's own errors are diagnostics at the option, in the chosen language only.
    @Test func negativeWithinIsBadInputAtTheOption() throws {
        let r = try runTTHC(["remind", "--within=-1"])
        #expect(r.exitCode == 2)
        #expect(r.stderr == "--within: error: cần số ngày làm việc không âm\n")
        let en = try runTTHC(["remind", "--within=-1", "--lang", "en"])
        #expect(en.stderr == "--within: error: expected a non-negative number of working days\n")
    }

    @Test func icsGoldenAndDeterministic() throws {
        try withCatalogueCopy { dir in
            var runs: [[UInt8]] = []
            for name in ["a.ics", "b.ics"] {
                let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--ics", name], currentDirectory: dir)
                #expect(r.exitCode == 0)
                #expect(r.stdout == "")
                runs.append(try bytes(of: dir.appendingPathComponent(name)))
            }
            #expect(runs[0] == runs[1])
            try expectGoldenBytes(runs[0], "remind-2026-11-20.vi.ics")
            // RFC 5545 §3.1: CRLF line ends, no physical line longer than 75 octets.
            var lines: [[UInt8]] = [[]]
            for (i, b) in runs[0].enumerated() {
                if b == 0x0a {
                    #expect(i > 0 && runs[0][i - 1] == 0x0d)
                    lines.append([])
                } else if b != 0x0d {
                    lines[lines.count - 1].append(b)
                }
            }
            #expect(lines.map(\.count).max()! <= 75)
            let text = String(decoding: runs[0], as: UTF8.self)
            // Four deadlines and the two reporting duties of settings.yaml.
            #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == 6)
            #expect(text.components(separatedBy: "SEQUENCE:0\r\n").count - 1 == 6)
            #expect(text.contains("UID:report-bao-cao-tinh-hinh-ket-qua-kiem-soat-tthc-gui-ubnd-tinh-2026-12@t\r\n thc\r\n"))
        }
    }

    @Test(.enabled(if: Python.has("icalendar"), "needs python3 with icalendar (pip install icalendar)"))
    func pythonIcalendarReadsTheFeed() throws {
        try withCatalogueCopy { dir in
            let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--ics", "feed.ics", "--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 0)
            let script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            print(cal['METHOD'], cal['X-WR-CALNAME'])
            for e in cal.walk('VEVENT'):
                alarms = [str(a.decoded('TRIGGER')) for a in e.walk('VALARM')]
                print(e['UID'], e.decoded('DTSTART'), e['SEQUENCE'], str(e['SUMMARY'])[:26], alarms)
            """
            let p = try Python.run(script, arguments: [dir.appendingPathComponent("feed.ics").path])
            #expect(p.stderr == "")
            #expect(p.stdout == """
            PUBLISH Procedure publication deadlines – Sở Khoa học và Công nghệ – Tỉnh Hưng Yên
            1.011736-1520-qd-bkhcn@tthc 2026-10-06 0 OVERDUE – Publication dead []
            1.013010-2105-qd-bkhcn@tthc 2026-11-10 0 OVERDUE – Publication dead []
            1.005105-2290-qd-bkhcn@tthc 2026-11-23 0 Publication deadline 1.005 ['2026-11-20 01:00:00+00:00', '2026-11-23 01:00:00+00:00']
            1.013120-2290-qd-bkhcn@tthc 2026-11-23 0 Publication deadline 1.013 ['2026-11-20 01:00:00+00:00', '2026-11-23 01:00:00+00:00']
            report-bao-cao-ra-soat-muc-do-dich-vu-cong-truc-tuyen-2026-11-30@tthc 2026-11-27 0 Report due – Báo cáo rà so ['2026-11-25 01:00:00+00:00', '2026-11-26 01:00:00+00:00', '2026-11-27 01:00:00+00:00']
            report-bao-cao-tinh-hinh-ket-qua-kiem-soat-tthc-gui-ubnd-tinh-2026-12@tthc 2026-12-18 0 Report due – Báo cáo tình  ['2026-12-16 01:00:00+00:00', '2026-12-17 01:00:00+00:00', '2026-12-18 01:00:00+00:00']

            """)
        }
    }

    @Test func sequenceIsRaisedWhenTheDeadlineMoves() throws {
        try withCatalogueCopy { dir in
            let arguments = ["remind", "--as-of", "2026-11-20", "--ics", "feed.ics", "--ics-state", "state/ics.json"]
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("state"), withIntermediateDirectories: true)
            let first = try runTTHC(arguments, currentDirectory: dir)
            #expect(first.exitCode == 0)
            let feed1 = String(decoding: try bytes(of: dir.appendingPathComponent("feed.ics")), as: UTF8.self)
            // Four deadlines and the two reporting duties.
            #expect(feed1.components(separatedBy: "SEQUENCE:0\r\n").count - 1 == 6)
            let state1 = try String(contentsOf: dir.appendingPathComponent("state/ics.json"), encoding: .utf8)
            #expect(state1.contains("""
              "1.013010-2105-qd-bkhcn@tthc" : {
                "deadline" : "2026-11-10",
                "sequence" : 0
              },
            """))

            // The ministry's national-database date for 2105/QĐ-BKHCN moves a day later.
            try edit(dir.appendingPathComponent("catalogs/register.csv"),
                     replacing: "01/12/2026,05/11/2026,06/11/2026", with: "01/12/2026,06/11/2026,06/11/2026")
            for _ in 0..<2 { // the second time nothing moves, so nothing is raised again
                let again = try runTTHC(arguments, currentDirectory: dir)
                #expect(again.exitCode == 0)
                let feed = String(decoding: try bytes(of: dir.appendingPathComponent("feed.ics")), as: UTF8.self)
                #expect(feed.contains("UID:1.013010-2105-qd-bkhcn@tthc\r\nDTSTAMP:20261119T170000Z\r\nDTSTART;VALUE=DATE:20261111\r\nDTEND;VALUE=DATE:20261112\r\nSEQUENCE:1\r\n"))
                #expect(feed.components(separatedBy: "SEQUENCE:0\r\n").count - 1 == 5)
                let state = try String(contentsOf: dir.appendingPathComponent("state/ics.json"), encoding: .utf8)
                #expect(state.contains("""
                  "1.013010-2105-qd-bkhcn@tthc" : {
                    "deadline" : "2026-11-11",
                    "sequence" : 1
                  },
                """))
            }
        }
    }

    @Test func badStateFileIsBadInputAndWritesNothing() throws {
        try withCatalogueCopy { dir in
            let state = dir.appendingPathComponent("state.json")
            let original = "{\n  \"x@tthc\" : 1\n}\n"
            try Data(original.utf8).write(to: state)
            let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--ics", "feed.ics", "--ics-state", "state.json", "--lang", "en"],
                                currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr.hasSuffix("\nstate.json:2:3: error: invalid calendar state file (x@tthc): expected a JSON object {\"UID\": {\"deadline\": \"yyyy-mm-dd\", \"sequence\": a number from 0 to 2147483646}}\n"))
            #expect(r.stdout == "")
            #expect(!exists(dir, "feed.ics"))
            #expect(try String(contentsOf: state, encoding: .utf8) == original)
        }
    }

    @Test func icsStateAloneIsBadInputAtTheOption() throws {
        let r = try runTTHC(["remind", "--ics-state", "s.json"])
        #expect(r.exitCode == 2)
        #expect(r.stderr == "--ics-state: error: cần --ics, --email hoặc --sendmail\n")
        let en = try runTTHC(["remind", "--ics-state", "s.json", "--lang", "en"])
        #expect(en.stderr == "--ics-state: error: needs --ics, --email or --sendmail\n")
    }

    @Test func emailToFileMatchesStandardOutput() throws {
        try withCatalogueCopy { dir in
            let out = try runTTHC(["remind", "--as-of", "2026-11-20", "--email", "-"], currentDirectory: dir)
            #expect(out.exitCode == 0)
            let file = try runTTHC(["remind", "--as-of", "2026-11-20", "--email", "digest.eml"], currentDirectory: dir)
            #expect(file.exitCode == 0)
            #expect(file.stdout == "")
            #expect(try bytes(of: dir.appendingPathComponent("digest.eml")) == Array(out.stdout.utf8))
            #expect(out.stdout.hasPrefix("From: =?UTF-8?B?VsSDbiBwaMOybmcgU+G7nyBLSCZDTg==?=\r\n <vanphong@skhcn.example.vn>\r\nTo: phongphapche@skhcn.example.vn\r\n"))
        }
    }

    @Test(.enabled(if: Python.has("email"), "needs python3"))
    func pythonEmailParserReadsTheDigest() throws {
        try withCatalogueCopy { dir in
            let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--email", "-", "--ics", "feed.ics"], currentDirectory: dir)
            #expect(r.exitCode == 0)
            let eml = dir.appendingPathComponent("stdout.eml")
            try Data(r.stdout.utf8).write(to: eml)
            let script = """
            import sys, email
            from email import policy
            msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
            print(msg['Subject'])
            print(msg['From'])
            print(msg['To'])
            print(msg['Date'])
            print(msg.get_content_type(), msg.defects)
            parts = list(msg.iter_parts())
            print([p.get_content_type() for p in parts], [p.defects for p in parts])
            body = parts[0].get_content()
            print(body.splitlines()[0])
            print([l for l in body.splitlines() if l[:3] in ('QUÁ', 'SẮP')])
            print(parts[1].get_filename())
            print(parts[1].get_content() == open(sys.argv[2], encoding='utf-8', newline='').read())
            """
            let p = try Python.run(script, arguments: [eml.path, dir.appendingPathComponent("feed.ics").path])
            #expect(p.stderr == "")
            #expect(p.stdout == """
            [TTHC] Nhắc hạn công bố: 2 quá hạn, 2 sắp đến hạn – 20/11/2026
            Văn phòng Sở KH&CN <vanphong@skhcn.example.vn>
            phongphapche@skhcn.example.vn
            Fri, 20 Nov 2026 00:00:00 +0700
            multipart/mixed []
            ['text/plain', 'text/calendar'] [[], []]
            Nhắc hạn công bố thủ tục hành chính
            ['QUÁ HẠN (2)', 'SẮP ĐẾN HẠN – trong 5 ngày làm việc (2)']
            tthc-nhac-han.ics
            True

            """)
        }
    }

    @Test(arguments: [["--email", "-"], ["--sendmail"]])
    func missingSenderIsBadInputAndWritesNothing(output: [String]) throws {
        try withCatalogueCopy { dir in
            try edit(dir.appendingPathComponent("catalogs/settings.yaml"),
                     replacing: "  from: \"Văn phòng Sở KH&CN <vanphong@skhcn.example.vn>\"\n", with: "")
            let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--ics", "feed.ics"] + output, currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr.hasSuffix("\ncatalogs/settings.yaml: error: --email/--sendmail cần email.from trong settings.yaml\n"))
            #expect(r.stdout == "")
            #expect(!exists(dir, "feed.ics"))
        }
    }

    @Test func sendmailReceivesTheDigest() throws {
        try withCatalogueCopy { dir in
            let script = try fakeSendmail(in: dir, status: 0)
            try edit(dir.appendingPathComponent("catalogs/settings.yaml"),
                     replacing: "sendmail: /usr/sbin/sendmail", with: "sendmail: \(script.path)")
            let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--sendmail"], currentDirectory: dir)
            #expect(r.exitCode == 0)
            #expect(r.stdout == "")
            #expect(r.stderr == bundledCatalogueWarnings)
            let expected = try runTTHC(["remind", "--as-of", "2026-11-20", "--email", "-"], currentDirectory: dir)
            #expect(try bytes(of: dir.appendingPathComponent("sendmail-input")) == Array(expected.stdout.utf8))
            #expect(try String(contentsOf: dir.appendingPathComponent("sendmail-args"), encoding: .utf8) == "-t\n")
        }
    }

    @Test func sendmailFailureIsExit1NamingTheStatus() throws {
        try withCatalogueCopy { dir in
            let script = try fakeSendmail(in: dir, status: 3)
            try edit(dir.appendingPathComponent("catalogs/settings.yaml"),
                     replacing: "sendmail: /usr/sbin/sendmail", with: "sendmail: \(script.path)")
            let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--sendmail", "--ics", "feed.ics", "--lang", "en"],
                                currentDirectory: dir)
            #expect(r.exitCode == 1)
            #expect(r.stderr.hasSuffix("\nerror: sendmail \"\(script.path)\" exited with status 3; the message was not sent\n"))
            // The feed is written before the message is handed over; the message reached sendmail.
            #expect(exists(dir, "feed.ics"))
            #expect(try bytes(of: dir.appendingPathComponent("sendmail-input")).count > 1000)
        }
    }

    @Test func sendmailThatCannotStartIsExit1() throws {
        try withCatalogueCopy { dir in
            let missing = dir.appendingPathComponent("no-such-sendmail").path
            try edit(dir.appendingPathComponent("catalogs/settings.yaml"),
                     replacing: "sendmail: /usr/sbin/sendmail", with: "sendmail: \(missing)")
            let r = try runTTHC(["remind", "--as-of", "2026-11-20", "--sendmail"], currentDirectory: dir)
            #expect(r.exitCode == 1)
            #expect(r.stderr.contains("\nerror: không chạy được sendmail \"\(missing)\": "))
        }
    }
}
