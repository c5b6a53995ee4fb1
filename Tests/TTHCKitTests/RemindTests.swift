import Foundation
import Testing
import TestSupport
@testable import TTHCKit

@Suite struct RemindersSelectionTests {
    @Test func overdueFirstThenByDeadlineWithinTheWindow() {
        let r = RemindScenario.reminders()
        #expect(r.items.map(\.code.raw) == ["1.000009", "1.000001", "1.000002", "1.000003", "1.000005", "1.000007"])
        #expect(r.overdue.map(\.status) == [.overdue(workingDays: 31), .overdue(workingDays: 8)])
        #expect(r.dueSoon.map(\.deadline) == ["2026-11-24", "2026-11-24", "2026-11-26", "2026-11-30"].map(date))
    }

    @Test(arguments: [(0, 2), (1, 4), (3, 5), (4, 5), (5, 6)])
    func theWindowCountsWorkingDaysLeft(within: Int, count: Int) {
        #expect(RemindScenario.reminders(within: within).items.count == count)
    }

    @Test func uidIsTheNationalCodeAndTheFoldedDecision() {
        let row = RemindScenario.reminders().items[1]
        #expect(Reminders.uid(row) == "1.000001-2105-qd-bkhcn@tthc")
    }
}

@Suite struct ICalendarWriterTests {
    let writer = ICalendarWriter(toolVersion: "0.1.0")

    func feed(_ language: Language = .vi, state: ICalendarState? = nil) -> ICalendarFeed {
        var w = writer
        w.language = language
        return w.render(RemindScenario.reminders(), calendar: RemindScenario.calendar, state: state)
    }

    @Test func goldenVietnamese() throws {
        try GoldenFile.check(feed().bytes, "remind/reminders.vi.ics")
    }

    @Test func goldenEnglish() throws {
        try GoldenFile.check(feed(.en).bytes, "remind/reminders.en.ics")
    }

    @Test func everyLineEndsInCRLFAndNoPhysicalLineExceeds75Octets() {
        let bytes = feed().bytes
        #expect(bytes.suffix(2) == [0x0d, 0x0a])
        let lines = bytes.split(separator: 0x0a, omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.last == 0x0d })
        #expect(lines.allSatisfy { $0.count - 1 <= 75 })
        #expect(lines.contains { $0.count - 1 == 75 })
        #expect(lines.allSatisfy { String(validating: $0.dropLast(), as: UTF8.self) != nil })
    }

    @Test func dtstampIsMidnightOfTheAsOfDayInVietnamWrittenInUTC() {
        #expect(feed().text.contains("\r\nDTSTAMP:20261119T170000Z\r\n"))
    }

    @Test func allDayEventOnTheDeadline() {
        let text = feed().text
        #expect(text.contains("DTSTART;VALUE=DATE:20261124\r\nDTEND;VALUE=DATE:20261125\r\n"))
    }

    /// Deadline Tue 24/11; Mon 23/11 is a day off. Two working days before is Thu 19/11,
    /// before the as-of day (skipped); one is Fri 20/11; zero is the day itself. 08:00 in
    /// Vietnam is 01:00 UTC.
    @Test func alarmsAreAbsoluteUTCTriggersOnWorkingDaysNotInThePast() {
        let text = feed().text
        let event = text.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:1.000002-2290-qd-bkhcn@tthc") }!
        let triggers = event.components(separatedBy: "\r\n").filter { $0.hasPrefix("TRIGGER") }
        #expect(triggers == ["TRIGGER;VALUE=DATE-TIME:20261120T010000Z", "TRIGGER;VALUE=DATE-TIME:20261124T010000Z"])
        let overdue = text.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:1.000001-2105-qd-bkhcn@tthc") }!
        #expect(!overdue.contains("BEGIN:VALARM"))
        #expect(overdue.contains("SUMMARY:QUÁ HẠN – Hạn công bố TTHC 1.000001"))
    }

    @Test func alarmDaysComeFromSettings() {
        let w = ICalendarWriter(alarmWorkingDaysBefore: [3, 0, 3], toolVersion: "0.1.0")
        let text = w.render(RemindScenario.reminders(), calendar: RemindScenario.calendar).text
        let event = text.components(separatedBy: "BEGIN:VEVENT").first { $0.contains("UID:1.000007-9-qd-bkhcn@tthc") }!
        // Deadline Mon 30/11: three working days before is Wed 25/11.
        #expect(event.components(separatedBy: "\r\n").filter { $0.hasPrefix("TRIGGER") }
                == ["TRIGGER;VALUE=DATE-TIME:20261125T010000Z", "TRIGGER;VALUE=DATE-TIME:20261130T010000Z"])
    }

    @Test func textIsEscapedPerRFC5545() {
        #expect(ICalendarWriter.escape("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng")
        #expect(feed().text.replacingOccurrences(of: "\r\n ", with: "").contains("SUMMARY:QUÁ HẠN – Hạn công bố TTHC 1.000001 – Thủ tục đăng ký hoạt động\\; cấp lại\\, điều chỉnh \\\\ nội dung"))
    }

    @Test func foldingAt75OctetsNeverSplitsAMultiByteCharacter() {
        // "SUMMARY:" is 8 octets; 66 letters make 74, and "ệ" (3 octets) would end at 77.
        let line = "SUMMARY:" + String(repeating: "a", count: 66) + "ệ"
        #expect(ICalendarWriter.fold(line) == "SUMMARY:" + String(repeating: "a", count: 66) + "\r\n ệ")
        let exact = "SUMMARY:" + String(repeating: "a", count: 67)
        #expect(ICalendarWriter.fold(exact) == exact)
        #expect(ICalendarWriter.fold(exact + "b") == exact + "\r\n b")
    }

    @Test(arguments: 1...160)
    func foldedVietnameseUnfoldsToTheSameTextWithinTheLimit(length: Int) {
        let alphabet = Array("Thủ tục hành chính cấp tỉnh; Sở Khoa học và Công nghệ – ỹ ẫ ặ ờ đ 𝔸")
        let text = "DESCRIPTION:" + String((0..<length).map { alphabet[($0 * 7) % alphabet.count] })
        let folded = ICalendarWriter.fold(text)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        // Each physical line but the last is full: the next character would not have fitted.
        for (i, line) in physical.dropLast().enumerated() {
            let next = physical[i + 1].unicodeScalars.dropFirst().first!
            #expect(line.utf8.count + UTF8.width(next) > 75)
        }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == text)
    }

    @Test func sequenceRisesOnlyWhenTheDeadlineMoves() {
        var state = ICalendarState()
        #expect(state.sequence(for: "a@tthc", deadline: date("2026-11-24")) == 0)
        #expect(state.sequence(for: "a@tthc", deadline: date("2026-11-24")) == 0)
        #expect(state.sequence(for: "a@tthc", deadline: date("2026-11-26")) == 1)
        #expect(state.sequence(for: "a@tthc", deadline: date("2026-11-24")) == 2)
        #expect(state.events["a@tthc"] == ICalendarState.Event(deadline: date("2026-11-24"), sequence: 2))
    }

    @Test func theStateCarriesSequencesFromRunToRun() throws {
        let first = feed(state: ICalendarState())
        let saved = try #require(first.state)
        #expect(saved.events.count == 6)
        #expect(String(decoding: saved.encoded, as: UTF8.self).hasPrefix("""
        {
          "1.000001-2105-qd-bkhcn@tthc" : {
            "deadline" : "2026-11-10",
            "sequence" : 0
          },
        """))
        var moved = try ICalendarState.read(InputFile(displayPath: "state.json", bytes: saved.encoded))
        moved.events["1.000005-2301-qd-bkhcn@tthc"]?.deadline = date("2026-11-25")
        let second = feed(state: moved)
        #expect(second.text.contains("UID:1.000005-2301-qd-bkhcn@tthc\r\nDTSTAMP:20261119T170000Z\r\nDTSTART;VALUE=DATE:20261126\r\nDTEND;VALUE=DATE:20261127\r\nSEQUENCE:1\r\n"))
        #expect(second.text.components(separatedBy: "SEQUENCE:0").count - 1 == 5)
        #expect(feed().text.components(separatedBy: "SEQUENCE:0").count - 1 == 6)
    }

    @Test func aStateFileThatIsNotJSONIsBadInput() throws {
        #expect(throws: InputError.self) { try ICalendarState.read(InputFile(displayPath: "s.json", bytes: Array("[1]".utf8))) }
        do {
            _ = try ICalendarState.read(InputFile(displayPath: "s.json", bytes: Array("nope".utf8)))
        } catch {
            #expect(error.diagnostics.map { $0.rendered(.en) } == [
                "s.json:1:2: error: invalid calendar state file: expected a JSON object {\"UID\": {\"deadline\": \"yyyy-mm-dd\", \"sequence\": a number from 0 to 2147483646}}",
            ])
        }
        // A value of the wrong shape is located at its UID's key; a truncated file at its end.
        let wrong = "{\n  \"a@tthc\" : {\"deadline\" : \"2026-11-10\", \"sequence\" : 0},\n  \"b@tthc\" : {\"deadline\" : \"10/11\", \"sequence\" : 0}\n}\n"
        do {
            _ = try ICalendarState.read(InputFile(displayPath: "s.json", bytes: Array(wrong.utf8)))
            Issue.record("a bad deadline was accepted")
        } catch {
            #expect(error.diagnostics.map { $0.location.compilerStyle } == ["s.json:3:3"])
            #expect(error.diagnostics.first?.message.en.hasPrefix("invalid calendar state file (b@tthc.deadline): ") == true)
        }
        do {
            _ = try ICalendarState.read(InputFile(displayPath: "s.json", bytes: Array("{\n  \"a@tthc\" : {".utf8)))
            Issue.record("a truncated file was accepted")
        } catch {
            #expect(error.diagnostics.map { $0.location.compilerStyle } == ["s.json:2:15"])
        }
        #expect(try ICalendarState.read(InputFile(displayPath: "s.json", bytes: [])) == ICalendarState())
    }

    @Test(.enabled(if: Python.has("icalendar"), "needs python3 with icalendar (pip install icalendar)"))
    func pythonIcalendarReadsTheFeed() throws {
        let script = """
        import sys, icalendar
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        print(cal['X-WR-CALNAME'], cal['METHOD'], cal['VERSION'])
        for ev in cal.walk('VEVENT'):
            alarms = [str(a.decoded('TRIGGER')) for a in ev.walk('VALARM')]
            print(ev['UID'], ev.decoded('DTSTART'), ev.decoded('DTEND'), ev.decoded('DTSTAMP'), ev['SEQUENCE'], alarms)
            print(' ', ev['SUMMARY'])
        print(cal.walk('VEVENT')[0]['DESCRIPTION'])
        """
        let result = try Python.run(script, input: feed().bytes)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == """
        Hạn công bố TTHC – Sở Khoa học và Công nghệ – Tỉnh Hưng Yên PUBLISH 2.0
        1.000009-1520-qd-bkhcn@tthc 2026-10-08 2026-10-09 2026-11-19 17:00:00+00:00 0 []
          QUÁ HẠN – Hạn công bố TTHC 1.000009 – Thủ tục cũ về đo lường
        1.000001-2105-qd-bkhcn@tthc 2026-11-10 2026-11-11 2026-11-19 17:00:00+00:00 0 []
          QUÁ HẠN – Hạn công bố TTHC 1.000001 – Thủ tục đăng ký hoạt động; cấp lại, điều chỉnh \\ nội dung
        1.000002-2290-qd-bkhcn@tthc 2026-11-24 2026-11-25 2026-11-19 17:00:00+00:00 0 ['2026-11-20 01:00:00+00:00', '2026-11-24 01:00:00+00:00']
          Hạn công bố TTHC 1.000002 – \(RemindScenario.longName)
        1.000003-2290-qd-bkhcn@tthc 2026-11-24 2026-11-25 2026-11-19 17:00:00+00:00 0 ['2026-11-20 01:00:00+00:00', '2026-11-24 01:00:00+00:00']
          Hạn công bố TTHC 1.000003 – Thủ tục xác nhận doanh nghiệp khởi nghiệp sáng tạo
        1.000005-2301-qd-bkhcn@tthc 2026-11-26 2026-11-27 2026-11-19 17:00:00+00:00 0 ['2026-11-24 01:00:00+00:00', '2026-11-25 01:00:00+00:00', '2026-11-26 01:00:00+00:00']
          Hạn công bố TTHC 1.000005 – Thủ tục cấp phép tiến hành công việc bức xạ
        1.000007-9-qd-bkhcn@tthc 2026-11-30 2026-12-01 2026-11-19 17:00:00+00:00 0 ['2026-11-26 01:00:00+00:00', '2026-11-27 01:00:00+00:00', '2026-11-30 01:00:00+00:00']
          Hạn công bố TTHC 1.000007 – Thủ tục khai báo thiết bị X-quang
        Thủ tục: 1.000009 – Thủ tục cũ về đo lường
        Quyết định: 1520/QĐ-BKHCN của Bộ Khoa học và Công nghệ (bãi bỏ), hiệu lực từ 01/11/2026
        Ngày bắt đầu tính hạn: 05/10/2026 (ngày Bộ cập nhật lên CSDL quốc gia)
        Hạn công bố: 08/10/2026 (Thứ Năm)
        QUÁ HẠN 31 ngày làm việc.
        Nguồn: decisions/test.xml:6:3

        """)
    }
}
