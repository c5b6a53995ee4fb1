import Foundation
import Testing
@testable import TTHCKit

/// The provinces' three asks: publication with every constituent part (Decision 766,
/// indicator 1.3), the online-service review, and the reporting duties.
@Suite struct CompletenessTests {
    static let header = "STT,Mã TTHC,Tên thủ tục,Cơ quan thực hiện,Thời hạn giải quyết,\"Phí, lệ phí\",Mức độ DVC trực tuyến,Ngày công bố,Căn cứ pháp lý\n"

    func catalogue(_ text: String) -> Catalogue {
        CatalogueCSVReader.read(InputFile(displayPath: "local.csv", bytes: Array(text.utf8))).value!
    }

    @Test func anEmptyCellIsMissingButNoneIsAValue() {
        let c = catalogue(Self.header
            + "1,1.000001,Thủ tục A,Sở KH&CN,05 ngày làm việc,Không,Toàn trình,05/10/2026,Luật A\n"
            + "2,1.000002,Thủ tục B,Sở KH&CN,05 ngày làm việc,,Một phần,05/10/2026,\n"
            + "3,1.000003,Thủ tục C,,,Không,,12/10/2026,Luật C\n")
        #expect(c.entries.map(\.heldParts) == Array(repeating: [.processingTime, .fees, .agency, .legalBasis, .onlineService], count: 3))
        #expect(c.entries.map(\.missingParts) == [[], [.fees, .legalBasis], [.processingTime, .agency, .onlineService]])
        #expect(c.entries[0].details[.legalBasis] == "Luật A")
    }

    @Test func aPartWhoseColumnTheFileLacksIsNotChecked() {
        let c = catalogue("STT,Mã TTHC,Tên thủ tục,Thời hạn giải quyết\n1,1.000001,Thủ tục A,\n")
        #expect(c.entries[0].heldParts == [.processingTime])
        #expect(c.entries[0].missingParts == [.processingTime])
        let none = catalogue("Mã TTHC,Tên thủ tục\n1.000001,Thủ tục A\n")
        #expect(none.entries[0].missingParts.isEmpty)
    }

    @Test func theDetailColumnsTakeTheNationalDatabaseHeaders() {
        let c = catalogue("Mã TTHC,Tên thủ tục,Trình tự thực hiện,Cách thức thực hiện,Thành phần hồ sơ,Đối tượng thực hiện,"
            + "Kết quả thực hiện,\"Yêu cầu, điều kiện thực hiện\",\"Mẫu đơn, mẫu tờ khai\"\n"
            + "1.000001,Thủ tục A,Bước 1,Trực tuyến,,Cá nhân,Giấy chứng nhận,,Mẫu 01\n")
        #expect(c.entries[0].heldParts == [.steps, .method, .dossier, .applicants, .result, .requirements, .forms])
        #expect(c.entries[0].missingParts == [.dossier, .requirements])
        #expect(c.entries[0].details[.result] == "Giấy chứng nhận")
    }

    @Test func theReconciliationCountsInForceEntriesAndScoresThemPerMonth() {
        var entries = catalogue(Self.header
            + "1,1.000001,Thủ tục A,Sở,05 ngày,Không,Toàn trình,05/10/2026,Luật A\n"
            + "2,1.000002,Thủ tục B,Sở,05 ngày,,Toàn trình,06/10/2026,\n"
            + "3,1.000003,Thủ tục C,Sở,05 ngày,Không,Toàn trình,03/11/2026,Luật C\n"
            + "4,1.000004,Thủ tục D,Sở,,,,03/11/2026,\n").entries
        entries[3].status = .abolished
        let r = reconcile([], entries, asOf: "2026-11-20")
        #expect(r.completeness.inForceTotal == 3)
        #expect(r.completeness.complete == 2)
        #expect(r.completeness.incomplete.map(\.code) == ["1.000002"])
        #expect(r.completeness.incomplete[0].missing == [.fees, .legalBasis])
        #expect(r.completeness.heldParts == [.processingTime, .fees, .agency, .legalBasis, .onlineService])
        #expect(r.scorecard.months.map { [$0.publishedComplete, $0.completeTotal] } == [[1, 2], [1, 1]])
    }

    /// Files holding different parts, their entries interleaved (each file's entries
    /// share one array of parts): the parts held are those of every file.
    @Test func thePartsHeldAreThoseOfEveryFile() {
        let a = catalogue(Self.header + "1,1.000001,Thủ tục A,Sở,05 ngày,Không,Toàn trình,05/10/2026,Luật A\n"
            + "2,1.000002,Thủ tục B,Sở,05 ngày,Không,Toàn trình,05/10/2026,Luật B\n").entries
        let b = catalogue("Mã TTHC,Tên thủ tục,Thành phần hồ sơ\n1.000003,Thủ tục C,\n1.000004,Thủ tục D,Đơn\n").entries
        let r = reconcile([], [a[0], b[0], b[1], a[1]], asOf: "2026-11-20")
        #expect(r.completeness.heldParts == [.processingTime, .fees, .agency, .legalBasis, .onlineService, .dossier])
        #expect(r.completeness.incomplete.map(\.code) == ["1.000003"])
    }

    /// A part is blank when every character is whitespace (a character is whitespace
    /// when its first scalar is), as `Character.isWhitespace` says, over texts of
    /// spaces of every kind, letters, marks and controls.
    @Test func aBlankPartIsAllWhitespaceCharacters() {
        let pieces = [" ", "\u{A0}", "\u{3000}", "\t", "\n", "\u{301}", "a", "Đ", "\u{1F}", "\u{7F}", "\u{2028}", "!"]
        var generator = SplitMix(seed: 9)
        var blank = 0
        for _ in 0..<20_000 {
            let s = (0..<Int(generator.next() % 5)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let expected = s.allSatisfy(\.isWhitespace)
            #expect(LocalEntry.isBlank(s) == expected, "\(s.debugDescription)")
            if expected { blank += 1 }
        }
        #expect(blank > 1_000 && blank < 19_000)
        #expect(LocalEntry.isBlank(" \u{301}") && !LocalEntry.isBlank("\u{301} "))
    }
}

@Suite struct OnlineReviewTests {
    func review(_ local: OnlineServiceLevel?, ministry: OnlineServiceLevel?, target: Double? = nil,
                others: [OnlineServiceLevel?] = []) -> [OnlineReviewItem] {
        var settings = Settings()
        settings.onlineServiceTarget = target
        let entries = [entry("1.000001", online: local, line: 2)]
            + others.enumerated().map { i, level in entry("1.00010\(i)", online: level, line: 3 + i) }
        return reconcile([decision("1/QĐ-BKHCN", [change("1.000001", .amended, online: ministry)])], entries,
                         asOf: "2026-11-20", settings: settings).onlineReview
    }

    @Test func theMinistryOfferingFullServiceMakesAPartialEntryACandidate() {
        let item = review(.partial, ministry: .full)[0]
        #expect(item.proposal == .raise)
        #expect(item.proposed == .full)
        #expect(item.ground == .ministryOffers)
        #expect(item.ministryDecision == "1/QĐ-BKHCN")
    }

    @Test(arguments: [(OnlineServiceLevel.full, OnlineServiceLevel.partial), (.partial, .partial), (.full, .none)])
    func anEntryAtOrAboveTheMinistrysLevelIsKept(local: OnlineServiceLevel, ministry: OnlineServiceLevel) {
        let item = review(local, ministry: ministry)[0]
        #expect(item.proposal == .keep)
        #expect(item.proposed == nil)
        #expect(item.ground == nil)
    }

    @Test func aMissedTargetMakesEntriesWithoutOnlineServiceCandidatesForPartial() {
        // 1 of 3 online (33 %) against 80 %: the two without online service are candidates.
        let items = review(.full, ministry: nil, target: 0.8, others: [nil, OnlineServiceLevel.none])
        #expect(items.map(\.proposal) == [.keep, .raise, .raise])
        #expect(items.map(\.proposed) == [nil, .partial, .partial])
        #expect(items.map(\.ground) == [nil, .targetNotMet, .targetNotMet])
        // Met (2 of 3 against 60 %): nobody is raised for the target.
        let met = review(.full, ministry: nil, target: 0.6, others: [.partial, nil])
        #expect(met.map(\.proposal) == [.keep, .keep, .keep])
    }

    @Test func theListingHasTheDesksReasonColumnAndTheShare() {
        var settings = Settings()
        settings.onlineServiceTarget = 0.8
        let r = reconcile([decision("1/QĐ-BKHCN", [change("1.000001", .amended, online: .full)])],
                          [entry("1.000001", name: "Thủ tục A", online: .partial), entry("1.000002", name: "Thủ tục B", online: .full, line: 3)],
                          asOf: "2026-11-20", settings: settings)
        let text = String(decoding: OnlineReviewListing().render(r, language: .en), as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}No,Code,Procedure,Province lists,Ministry gives,Ministry decision,Proposal,Proposed level,Ground,Reason (written by the department),Catalogue location\r\n"))
        #expect(text.contains("\r\n1,1.000001,Thủ tục A,partial,full,1/QĐ-BKHCN,raise,full,the ministry gives a higher level,,local/skhcn.csv:2\r\n"))
        #expect(text.contains("\r\n2,1.000002,Thủ tục B,full,,,keep,,,,local/skhcn.csv:3\r\n"))
        #expect(text.hasSuffix("Total,,\"Procedures in force with online public service: 2/2 (100.0%); full 1, partial 1. Target: 80.0%. Met.\",,,,,,,,\r\n"))
    }
}

@Suite struct ReportingDutyTests {
    let calendar = WorkingCalendar.standard()

    func due(_ duty: ReportingDuty, _ named: String) -> CivilDate { duty.dueDay(for: date(named), calendar: calendar) }

    @Test func beforeThe20thOnASaturdayIsDueOnTheFridayBefore() {
        let monthly = ReportingDuty(name: "Báo cáo tháng", schedule: .monthly(day: 20))
        // 19/12/2026 is a Saturday.
        #expect(due(monthly, "2026-12-20") == date("2026-12-18"))
        // 19/11/2026 is a Thursday: due that day.
        #expect(due(monthly, "2026-11-20") == date("2026-11-19"))
        // "By the 20th" (before: false) on Sunday 20/12/2026: Friday too.
        let by = ReportingDuty(name: "Báo cáo", schedule: .monthly(day: 20), before: false)
        #expect(due(by, "2026-12-20") == date("2026-12-18"))
    }

    @Test func acrossTetTheDueDayMovesOutOfTheHoliday() {
        // Tết Bính Ngọ: 16–20/02/2026 off, with the weekends around it.
        let previous = ReportingDuty(name: "Báo cáo tháng", schedule: .monthly(day: 20))
        #expect(due(previous, "2026-02-20") == date("2026-02-13"))
        let next = ReportingDuty(name: "Báo cáo tháng", schedule: .monthly(day: 20), workingDayRule: .next)
        #expect(due(next, "2026-02-20") == date("2026-02-23"))
        let keep = ReportingDuty(name: "Báo cáo tháng", schedule: .monthly(day: 20), workingDayRule: .keep)
        #expect(due(keep, "2026-02-20") == date("2026-02-19"))
        // Tết Ất Tỵ: 27–31/01/2025 off; before the 28th → 27th (off) → Friday 24/01/2025.
        let tet2025 = ReportingDuty(name: "Báo cáo", schedule: .monthly(day: 28))
        #expect(due(tet2025, "2025-01-28") == date("2025-01-24"))
    }

    @Test func aSwappedSaturdayIsAWorkingDayAndKeepsTheDuty() {
        // Saturday 10/01/2026 was worked for the swapped Friday 02/01/2026.
        let duty = ReportingDuty(name: "Báo cáo", schedule: .monthly(day: 11))
        #expect(due(duty, "2026-01-11") == date("2026-01-10"))
        // The swapped day off itself is not: before the 3rd → 2nd (off) → Wednesday 31/12/2025.
        let swapped = ReportingDuty(name: "Báo cáo", schedule: .monthly(day: 3))
        #expect(due(swapped, "2026-01-03") == date("2025-12-31"))
        // Saturday 26/04/2025 was worked too (for the swapped Friday 02/05/2025).
        let april = ReportingDuty(name: "Báo cáo", schedule: .once(date("2025-04-27")))
        #expect(april.occurrence(onOrAfter: date("2025-04-01"), calendar: calendar).due == date("2025-04-26"))
    }

    @Test func theNextOccurrenceSkipsAPassedDueDayAndClampsShortMonths() {
        let monthly = ReportingDuty(name: "Báo cáo", schedule: .monthly(day: 20))
        #expect(monthly.occurrence(onOrAfter: date("2026-02-13"), calendar: calendar).due == date("2026-02-13"))
        let after = monthly.occurrence(onOrAfter: date("2026-02-14"), calendar: calendar)
        #expect(after.named == date("2026-03-20"))
        #expect(after.due == date("2026-03-19"))
        // Day 31 in February is its last day: before 28/02/2026 (Saturday) → 27th (Friday).
        let end = ReportingDuty(name: "Báo cáo", schedule: .monthly(day: 31), before: false)
        #expect(end.occurrence(onOrAfter: date("2026-02-01"), calendar: calendar).named == date("2026-02-28"))
        #expect(end.occurrence(onOrAfter: date("2026-02-01"), calendar: calendar).due == date("2026-02-27"))
        // A due day that moves back into the month before is still found.
        let first = ReportingDuty(name: "Báo cáo", schedule: .monthly(day: 3))
        #expect(first.occurrence(onOrAfter: date("2025-12-31"), calendar: calendar).named == date("2026-01-03"))
    }

    @Test func theReconciliationGivesStableIdentifiersAndWorkingDaysLeft() {
        var settings = Settings()
        settings.reports = [
            ReportingDuty(name: "Báo cáo tình hình kiểm soát TTHC", schedule: .monthly(day: 20)),
            ReportingDuty(name: "Báo cáo rà soát DVCTT", schedule: .once(date("2019-05-30"))),
        ]
        let r = Reconciler(settings: settings).reconcile(decisions: [], catalogue: Catalogue(entries: []),
                                                         calendar: calendar, asOf: date("2026-11-20"))
        #expect(r.reportingDuties.map(\.uid) == ["report-bao-cao-ra-soat-dvctt-2019-05-30@tthc",
                                                 "report-bao-cao-tinh-hinh-kiem-soat-tthc-2026-12@tthc"])
        #expect(r.reportingDuties.map(\.due) == [date("2019-05-29"), date("2026-12-18")])
        #expect(r.reportingDuties.map(\.workingDaysLeft) == [nil, 20])
        // A passed one-off duty stays in the report but not in the reminders.
        #expect(Reminders(r).duties.map(\.name) == ["Báo cáo tình hình kiểm soát TTHC"])
    }

    @Test func settingsReadTheReportsList() {
        let text = """
            reports:
              - name: Báo cáo tháng
                day-of-month: 20
              - name: Báo cáo rà soát
                date: 30/05/2019
                before: false
                working-day-rule: next

            """
        let result = SettingsReader.read(InputFile(displayPath: "settings.yaml", bytes: Array(text.utf8)))
        #expect(result.diagnostics.isEmpty)
        let reports = result.value!.reports
        #expect(reports.map(\.name) == ["Báo cáo tháng", "Báo cáo rà soát"])
        #expect(reports.map(\.schedule) == [.monthly(day: 20), .once(date("2019-05-30"))])
        #expect(reports.map(\.before) == [true, false])
        #expect(reports.map(\.workingDayRule) == [.previous, .next])
        #expect(reports.map(\.location.compilerStyle) == ["settings.yaml:2:5", "settings.yaml:4:5"])
    }
}

@Suite struct ProvinceCheckRuleTests {
    func reconciliation() -> Reconciliation {
        var settings = Settings()
        settings.reports = [ReportingDuty(name: "Báo cáo tháng", schedule: .monthly(day: 20),
                                          location: SourceLocation(file: "catalogs/settings.yaml", line: 3, column: 5))]
        var incomplete = entry("1.000001", name: "Thủ tục A", fees: nil, online: .partial)
        incomplete.heldParts = [.fees, .onlineService]
        return Reconciler(settings: settings).reconcile(
            decisions: [decision("1/QĐ-BKHCN", [change("1.000001", .amended, online: .full)])],
            catalogue: Catalogue(entries: [incomplete]), calendar: WorkingCalendar.standard(), asOf: date("2026-12-14"))
    }

    @Test func theNewRulesAreOffByDefault() {
        let outcome = CheckRules.evaluate(reconciliation())
        #expect(!outcome.findings.contains { CheckRule.optIn.contains($0.rule) })
        #expect(!outcome.subjects.contains { CheckRule.optIn.contains($0.rule) })
    }

    @Test func warnOnReportsThemWithoutFailing() {
        let outcome = CheckRules.evaluate(reconciliation(), warnOn: CheckRule.optIn)
        let found = outcome.findings.filter { CheckRule.optIn.contains($0.rule) }
        #expect(found.map(\.rule) == [.reportDue, .incompletePublication, .onlineServiceCandidate])
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(!outcome.failed)
        #expect(found.map { $0.rendered(.en) } == [
            "catalogs/settings.yaml:3:5: warning: [report-due] Báo cáo tháng: report before the 20th of every month: due 18/12/2026 (Friday), 4 working days left",
            "local/skhcn.csv:2: warning: [incomplete-publication] 1.000001 Thủ tục A: published without every constituent part: fees empty",
            "local/skhcn.csv:2: warning: [online-service-candidate] 1.000001 Thủ tục A: the province lists partial, ministry decision 1/QĐ-BKHCN gives full: propose raising it to full",
        ])
    }

    @Test func failOnMakesThemErrors() throws {
        let outcome = CheckRules.evaluate(reconciliation(), failOn: try CheckRule.parseList("incomplete-publication"))
        #expect(outcome.findings.filter { CheckRule.optIn.contains($0.rule) }.map(\.rule) == [.incompletePublication])
        #expect(outcome.findings.filter { $0.severity == .error }.map(\.rule) == [.incompletePublication])
        #expect(outcome.failed)
    }
}

@Suite struct DutyReminderTests {
    let calendar = WorkingCalendar.standard()

    func reminders(asOf: String, alarms: [Int] = [2, 1, 0]) -> Reminders {
        var settings = Settings()
        settings.alarmWorkingDaysBefore = alarms
        settings.reports = [ReportingDuty(name: "Báo cáo tháng", schedule: .monthly(day: 20),
                                          location: SourceLocation(file: "catalogs/settings.yaml", line: 3, column: 5))]
        return Reminders(Reconciler(settings: settings).reconcile(decisions: [], catalogue: Catalogue(entries: []),
                                                                   calendar: calendar, asOf: date(asOf)))
    }

    @Test func theFeedHasAnEventOnTheDueDayWithTheDeadlinesAlarms() {
        let feed = ICalendarWriter(language: .en, alarmWorkingDaysBefore: [2, 1, 0], toolVersion: "test")
            .render(reminders(asOf: "2026-12-01"), calendar: calendar)
        let lines = feed.text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        #expect(lines.contains("UID:report-bao-cao-thang-2026-12@tthc"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20261218"))
        #expect(lines.contains("DTEND;VALUE=DATE:20261219"))
        #expect(lines.contains("SUMMARY:Report due – Báo cáo tháng"))
        // 08:00 in Vietnam two and one working days before Friday 18/12, and on the day.
        #expect(lines.filter { $0.hasPrefix("TRIGGER") } == [
            "TRIGGER;VALUE=DATE-TIME:20261216T010000Z", "TRIGGER;VALUE=DATE-TIME:20261217T010000Z",
            "TRIGGER;VALUE=DATE-TIME:20261218T010000Z",
        ])
        #expect(lines.contains("DESCRIPTION:1 working day to the report's due day – Báo cáo tháng"))
    }

    @Test func theSequenceRisesWhenTheDueDayMoves() {
        let writer = ICalendarWriter(language: .vi, alarmWorkingDaysBefore: [0], toolVersion: "test")
        var state = ICalendarState(events: ["report-bao-cao-thang-2026-12@tthc": .init(deadline: date("2026-12-19"), sequence: 0)])
        let feed = writer.render(reminders(asOf: "2026-12-01"), calendar: calendar, state: state)
        #expect(feed.text.contains("UID:report-bao-cao-thang-2026-12@tthc\r\nDTSTAMP:20261130T170000Z\r\nDTSTART;VALUE=DATE:20261218"))
        #expect(feed.text.contains("SEQUENCE:1\r\n"))
        state = feed.state!
        #expect(state.events["report-bao-cao-thang-2026-12@tthc"] == .init(deadline: date("2026-12-18"), sequence: 1))
    }

    @Test func theDigestAndTheListGiveTheDutyALine() {
        let r = reminders(asOf: "2026-12-14")
        let body = EmailDigest(from: "a@b.vn", to: ["c@d.vn"], language: .vi).bodyText(r)
        #expect(body.contains("""

            NGHĨA VỤ BÁO CÁO (1)

            1. Báo cáo tháng
               Thời hạn quy định: trước ngày 20 hằng tháng
               Hạn nộp: 18/12/2026 (Thứ Sáu)
               (19/12/2026 là Thứ Bảy, không phải ngày làm việc: nộp vào ngày làm việc liền trước)
               còn 4 ngày làm việc
               Nguồn: catalogs/settings.yaml:3:5

            """))
        let list = ReminderListing(language: .en).render(r)
        #expect(list.hasSuffix("\n\nREPORTING DUTIES (1)\n  18/12/2026  4 working days left  Báo cáo tháng [before the 20th of every month]\n"))
    }
}
