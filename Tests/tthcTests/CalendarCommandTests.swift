import Foundation
import Testing

/// Compares text with a golden file under `Tests/tthcTests/Golden/` (see ``expectGoldenBytes``).
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try expectGoldenBytes(Array(actual.utf8), name, sourceLocation: sourceLocation)
}

/// A file in a fresh temporary directory, removed by the caller.
func temporaryFile(_ name: String, _ contents: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url
}

@Suite struct CalendarCommandTests {
    @Test(arguments: [("text", "calendar-holidays-2026.txt"), ("csv", "calendar-holidays-2026.csv"),
                      ("json", "calendar-holidays-2026.json")])
    func holidays2026Golden(format: String, golden: String) throws {
        let r = try runTTHC(["calendar", "holidays", "2026", "--format", format])
        #expect(r.exitCode == 0)
        #expect(r.stderr == "")
        try expectGolden(r.stdout, golden)
    }

    /// Every date of the reference table, by year, from the CSV listing.
    @Test(arguments: [
        (2019, ["2018-12-31", "2019-01-01", "2019-01-05", "2019-02-04", "2019-02-05", "2019-02-06", "2019-02-07",
                "2019-02-08", "2019-04-15", "2019-04-29", "2019-04-30", "2019-05-01", "2019-05-04", "2019-09-02"]),
        (2020, ["2020-01-01", "2020-01-23", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29", "2020-04-02",
                "2020-04-30", "2020-05-01", "2020-09-02"]),
        (2021, ["2021-01-01", "2021-02-10", "2021-02-11", "2021-02-12", "2021-02-15", "2021-02-16", "2021-04-21",
                "2021-04-30", "2021-05-03", "2021-09-02", "2021-09-03"]),
        (2022, ["2022-01-03", "2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04", "2022-04-11",
                "2022-05-02", "2022-05-03", "2022-09-01", "2022-09-02"]),
        (2023, ["2023-01-02", "2023-01-20", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26", "2023-05-01",
                "2023-05-02", "2023-05-03", "2023-09-01", "2023-09-04"]),
        (2024, ["2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-04-18",
                "2024-04-29", "2024-04-30", "2024-05-01", "2024-05-04", "2024-09-02", "2024-09-03"]),
        (2025, ["2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-07",
                "2025-04-26", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"]),
        (2026, ["2026-01-01", "2026-01-02", "2026-01-10", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
                "2026-02-20", "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-22", "2026-08-31", "2026-09-01",
                "2026-09-02"]),
    ])
    func holidaysListsTheReferenceDates(year: Int, dates: [String]) throws {
        let r = try runTTHC(["calendar", "holidays", String(year), "--format", "csv"])
        #expect(r.exitCode == 0)
        let rows = r.stdout.split(separator: "\n").dropFirst()
        #expect(rows.map { String($0.prefix(10)) } == dates)
        #expect(rows.allSatisfy { $0.hasSuffix(",false") })
    }

    @Test func provisionalYearIsFlagged() throws {
        let r = try runTTHC(["calendar", "holidays", "2027", "--lang", "en"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.hasPrefix("Public-sector days off in 2027: provisional, computed from the Labour Code (no official schedule on file)\n"))
        #expect(r.stdout.contains("2027-02-09  Tuesday    compensatory day off  Compensatory day for Lunar New Year (Tết) (on Saturday 2027-02-06) (provisional) [source: Bộ luật Lao động 2019, Điều 111 khoản 3]\n"))
        #expect(r.stderr == "warning: no official schedule on file for 2027; the result is provisional, computed from the Labour Code\n")
    }

    @Test func addPrintsTheDeadline() throws {
        let r = try runTTHC(["calendar", "add", "13/02/2026", "3"])
        #expect(r.exitCode == 0)
        #expect(r.stdout == "2026-02-25\n")
        #expect(r.stderr == "")
    }

    @Test func addExplains() throws {
        let r = try runTTHC(["calendar", "add", "2026-04-24", "2", "--explain"])
        #expect(r.exitCode == 0)
        #expect(r.stdout == """
        2026-04-29
        24/04/2026  bắt đầu   ngày xảy ra sự kiện: không tính (Điều 147 Bộ luật Dân sự 2015)
        25/04/2026  bỏ qua    Thứ Bảy: ngày nghỉ hằng tuần
        26/04/2026  bỏ qua    Chủ nhật: ngày nghỉ hằng tuần
        27/04/2026  bỏ qua    Thứ Hai: nghỉ bù — Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) (trùng Chủ nhật 26/04/2026)
        28/04/2026  tính 1    Thứ Ba: ngày làm việc
        29/04/2026  tính 2    Thứ Tư: ngày làm việc

        """)
    }

    @Test func addIntoAProvisionalYearWarns() throws {
        let r = try runTTHC(["calendar", "add", "31/12/2026", "3", "--explain", "--lang", "en"])
        #expect(r.exitCode == 0)
        #expect(r.stdout == """
        2027-01-06
        2026-12-31  start     day of the event: not counted (Civil Code 2015, Art. 147)
        2027-01-01  skipped   Friday: public holiday — New Year's Day (provisional)
        2027-01-02  skipped   Saturday: weekly rest day (provisional)
        2027-01-03  skipped   Sunday: weekly rest day (provisional)
        2027-01-04  day 1     Monday: working day (provisional)
        2027-01-05  day 2     Tuesday: working day (provisional)
        2027-01-06  day 3     Wednesday: working day (provisional)

        """)
        #expect(r.stderr == "warning: no official schedule on file for 2027; the result is provisional, computed from the Labour Code\n")
    }

    @Test func countPrintsSignedNumbers() throws {
        let r = try runTTHC(["calendar", "count", "2026-02-13", "25/2/2026"])
        #expect(r.stdout == "3\n")
        #expect(r.exitCode == 0)
        let back = try runTTHC(["calendar", "count", "2026-12-31", "2025-12-31"])
        #expect(back.stdout == "-250\n")
    }

    @Test func isWorkingExitCodes() throws {
        let off = try runTTHC(["calendar", "is-working", "27/04/2026"])
        #expect(off.exitCode == 1)
        #expect(off.stdout == "27/04/2026: không phải ngày làm việc (Thứ Hai: nghỉ bù — Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch) (trùng Chủ nhật 26/04/2026))\n")
        let makeUp = try runTTHC(["calendar", "is-working", "2026-01-10", "--lang", "en"])
        #expect(makeUp.exitCode == 0)
        #expect(makeUp.stdout == "2026-01-10: working day (Saturday: make-up working day — Make-up working day for the swapped Friday 2026-01-02 (New Year 2026))\n")
        let weekend = try runTTHC(["calendar", "is-working", "2030-03-02", "--lang", "en"])
        #expect(weekend.exitCode == 1)
        #expect(weekend.stdout == "2030-03-02: not a working day (Saturday: weekly rest day) (provisional)\n")
    }

    @Test(arguments: [
        (["calendar", "add", "31/02/2026", "3"], "DATE: error: ngày không tồn tại \"31/02/2026\"\n"),
        (["calendar", "add", "31/02/2026", "3", "--lang", "en"], "DATE: error: no such date \"31/02/2026\"\n"),
        (["calendar", "is-working", "2026/01/01"],
         "DATE: error: ngày không hợp lệ \"2026/01/01\": cần dạng dd/mm/yyyy hoặc yyyy-mm-dd\n"),
        (["calendar", "count", "1/1/2026", "tomorrow"],
         "TO: error: ngày không hợp lệ \"tomorrow\": cần dạng dd/mm/yyyy hoặc yyyy-mm-dd\n"),
        (["calendar", "count", "1/1/2026", "tomorrow", "--lang", "en"],
         "TO: error: invalid date \"tomorrow\": expected dd/mm/yyyy or yyyy-mm-dd\n"),
        (["calendar", "holidays", "1800"],
         "YEAR: error: năm 1800 nằm ngoài phạm vi lịch (1900–2199)\n"),
        (["calendar", "holidays", "1800", "--lang", "en"], "YEAR: error: year 1800 is outside the calendar's range (1900–2199)\n"),
        (["calendar", "solar", "10-3-2026"],
         "LUNAR-DATE: error: ngày âm lịch không hợp lệ \"10-3-2026\": cần dạng d/m/yyyy\n"),
        (["calendar", "solar", "1/2/2024", "--leap"],
         "LUNAR-DATE: error: không có ngày âm lịch 1/2/2024 (nhuận)\n"),
        (["calendar", "solar", "1/2/2024", "--leap", "--lang", "en"], "LUNAR-DATE: error: no such lunar date 1/2/2024 (leap month)\n"),
        (["calendar", "add", "1/1/2026", "1", "--holidays", "does-not-exist.yaml"],
         "does-not-exist.yaml: error: không tìm thấy tệp\n"),
    ])
    func badInputExitsWithTwo(arguments: [String], stderr: String) throws {
        let r = try runTTHC(arguments)
        #expect(r.exitCode == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == stderr)
    }

    @Test func lunarAndSolar() throws {
        #expect(try runTTHC(["calendar", "lunar", "17/02/2026"]).stdout == "1/1/2026\n")
        #expect(try runTTHC(["calendar", "lunar", "2023-03-22", "--lang", "en"]).stdout == "1/2/2023 (leap month)\n")
        #expect(try runTTHC(["calendar", "lunar", "2023-03-22"]).stdout == "1/2/2023 (tháng nhuận)\n")
        #expect(try runTTHC(["calendar", "solar", "10/3/2026"]).stdout == "2026-04-26\n")
        #expect(try runTTHC(["calendar", "solar", "1/2/2023", "--leap"]).stdout == "2023-03-22\n")
        #expect(try runTTHC(["calendar", "solar", "1/1/1985"]).stdout == "1985-01-21\n")
    }

    @Test func overrideFileAddsAndRemovesDays() throws {
        let url = try temporaryFile("overrides.yaml", """
        format: 1
        add:
          - date: 2026-11-24
            kind: holiday
            name: Ngày Văn hóa Việt Nam
            source: thử nghiệm
        remove:
          - date: 2026-08-31
        """)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let off = try runTTHC(["calendar", "is-working", "24/11/2026", "--holidays", url.path])
        #expect(off.exitCode == 1)
        #expect(off.stdout == "24/11/2026: không phải ngày làm việc (Thứ Ba: nghỉ lễ, tết — Ngày Văn hóa Việt Nam)\n")
        let on = try runTTHC(["calendar", "is-working", "31/08/2026", "--holidays", url.path])
        #expect(on.exitCode == 0)
        let listing = try runTTHC(["calendar", "holidays", "2026", "--format", "csv", "--holidays", url.path])
        #expect(listing.stdout.contains("\n2026-11-24,Thứ Ba,holiday,Ngày Văn hóa Việt Nam,Ngày Văn hóa Việt Nam,thử nghiệm,false\n"))
        #expect(!listing.stdout.contains("\n2026-08-31,"))
    }

    @Test func badOverrideFileIsReportedWithItsLocation() throws {
        let url = try temporaryFile("bad.yaml", "format: 1\nadd:\n  - date: 2026-11-24\n    kind: feast\n    name: x\n    source: y\n")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let r = try runTTHC(["calendar", "count", "1/1/2026", "2/1/2026", "--holidays", url.path, "--lang", "en"])
        #expect(r.exitCode == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == "\(url.path):4:11: error: unknown kind \"feast\": expected holiday, compensatory, swapped or make-up\n")
    }

    @Test func worksOutsideTheRepository() throws {
        let r = try runTTHC(["calendar", "add", "13/02/2026", "1"], currentDirectory: FileManager.default.temporaryDirectory)
        #expect(r.stdout == "2026-02-23\n")
    }
}
