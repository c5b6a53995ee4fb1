import Foundation
import Testing

/// Every number a user can write has a documented range and a clear error outside it:
/// no trap on overflow, no loop that runs for minutes, no date in the year 385341.
@Suite struct NumberBoundsCommandTests {
    @Test(arguments: [
        ("deadline-working-days: 9223372036854775807", "1:24", "deadline-working-days", "1 to 60", "9223372036854775807"),
        ("deadline-working-days: 1000000000", "1:24", "deadline-working-days", "1 to 60", "1000000000"),
        ("reminder-within: 61", "1:18", "reminder-within", "0 to 60", "61"),
        ("alarm-working-days-before: [2, 99999999999]", "1:32", "alarm-working-days-before", "0 to 30", "99999999999"),
    ])
    func settingsNumbersOutsideTheirRange(line: String, at: String, key: String, range: String, found: String) throws {
        try withCatalogueCopy { dir in
            try Data((line + "\n").utf8).write(to: dir.appendingPathComponent("catalogs/settings.yaml"))
            for command in [["validate"], ["reconcile", "--as-of", "2026-11-20"]] {
                let r = try runTTHC(command + ["--lang", "en"], currentDirectory: dir)
                #expect(r.exitCode == 2, "\(command)")
                #expect(r.stderr.contains("catalogs/settings.yaml:\(at): error: \"\(key)\": expected a whole number from \(range), found \"\(found)\"\n"),
                        "\(r.stderr)")
            }
        }
    }

    @Test func calendarCountsOutsideTheirRangeAndNegativeCounts() throws {
        let huge = try runTTHC(["calendar", "add", "10/3/2026", "9223372036854775807", "--lang", "en"])
        #expect(huge.exitCode == 2)
        #expect(huge.stderr == "N: error: expected a number of working days from -10000 to 10000, found 9223372036854775807\n")
        let far = try runTTHC(["calendar", "add", "10/3/2026", "100000000"])
        #expect(far.exitCode == 2)
        #expect(far.stdout == "")
        // A negative count needs no "--" any more; with one it is read the same.
        let back = try runTTHC(["calendar", "add", "10/3/2026", "-3"])
        #expect(back.exitCode == 0)
        #expect(back.stdout == "2026-03-05\n")
        #expect(try runTTHC(["calendar", "add", "--", "10/3/2026", "-3"]).stdout == "2026-03-05\n")
        let edge = try runTTHC(["calendar", "add", "10/3/2026", "-10000"])
        #expect(edge.exitCode == 0)
    }

    @Test func aCalendarStateSequenceOutsideRFC5545IsRefusedAndTheLastOneStillFits() throws {
        try withCatalogueCopy { dir in
            let state = dir.appendingPathComponent("state.json")
            try Data("{\n  \"1.013010-2105-qd-bkhcn@tthc\": {\"deadline\": \"2026-11-01\", \"sequence\": 9223372036854775807}\n}\n".utf8).write(to: state)
            let r = try runTTHC(["remind", "--as-of", "2026-11-09", "--ics", "out.ics", "--ics-state", "state.json", "--lang", "en"], currentDirectory: dir)
            #expect(r.exitCode == 2)
            #expect(r.stderr.hasSuffix("state.json:2:3: error: invalid calendar state file (1.013010-2105-qd-bkhcn@tthc.sequence): expected a JSON object {\"UID\": {\"deadline\": \"yyyy-mm-dd\", \"sequence\": a number from 0 to 2147483646}}\n"))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.ics").path))

            try Data("{\"1.013010-2105-qd-bkhcn@tthc\": {\"deadline\": \"2026-11-01\", \"sequence\": 2147483646}}".utf8).write(to: state)
            let ok = try runTTHC(["remind", "--as-of", "2026-11-09", "--ics", "out.ics", "--ics-state", "state.json"], currentDirectory: dir)
            #expect(ok.exitCode == 0)
            let feed = try String(contentsOf: dir.appendingPathComponent("out.ics"), encoding: .utf8)
            #expect(feed.contains("UID:1.013010-2105-qd-bkhcn@tthc\r\n"))
            #expect(feed.contains("SEQUENCE:2147483647\r\n"))
            #expect(!feed.contains("SEQUENCE:-"))
        }
    }
}
