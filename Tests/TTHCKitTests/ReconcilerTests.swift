import Testing
@testable import TTHCKit

/// A calendar with weekends and an explicit set of days off, so each reconciliation rule
/// can be checked by hand without the holiday data.
struct TestCalendar: WorkingDayCalendar {
    var holidays: Set<CivilDate> = []
    var provisionalFrom: Int = 9999

    func isWorkingDay(_ d: CivilDate) -> Bool { !d.isWeekend && !holidays.contains(d) }

    func adding(workingDays n: Int, to d: CivilDate) -> CivilDate {
        var day = d, left = n
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    func workingDays(from a: CivilDate, to b: CivilDate) -> Int {
        if b < a { return -workingDays(from: b, to: a) }
        var n = 0, day = a
        while day < b {
            day = day.adding(days: 1)
            if isWorkingDay(day) { n += 1 }
        }
        return n
    }

    func isProvisional(year: Int) -> Bool { year >= provisionalFrom }
}

func date(_ s: String) -> CivilDate { try! CivilDate.parse(s) }

let testListing = SourceLocation(file: "decisions/test.xml", line: 1)

func change(_ code: String, _ type: ChangeType, name: String? = nil, replaces: String? = nil,
            levels: [AdministrativeLevel] = [.province], time: String? = nil, fees: String? = nil,
            field: String? = nil, agency: String? = nil, online: OnlineServiceLevel? = nil, line: Int = 2) -> ProcedureChange {
    ProcedureChange(code: ProcedureCode(code), change: type, replaces: replaces.map { [ProcedureCode($0)] } ?? [],
                    content: ProcedureContent(name: name ?? "Thủ tục \(code)", field: field, levels: levels, agency: agency,
                                              processingTime: time, fees: fees, onlineService: online),
                    location: SourceLocation(file: "decisions/test.xml", line: line, column: 3))
}

func decision(_ number: String, issued: String = "2026-11-02", effective: String = "2026-12-01",
              national: String? = "2026-11-05", received: String? = nil, snapshot: Bool = false,
              _ changes: [ProcedureChange]) -> Decision {
    Decision(number: number, issuer: "Bộ Khoa học và Công nghệ", issued: date(issued), effective: date(effective),
             nationalDatabase: national.map(date), received: received.map(date), changes: changes,
             isFullSnapshot: snapshot, source: testListing)
}

func entry(_ code: String?, name: String? = nil, status: EntryStatus = .inForce, levels: [AdministrativeLevel] = [.province],
           time: String? = nil, fees: String? = nil, field: String? = nil, agency: String? = nil,
           online: OnlineServiceLevel? = nil, published: String? = nil, posted: String? = nil,
           ministry: String? = nil, validUntil: String? = nil, line: Int = 2) -> LocalEntry {
    LocalEntry(code: code.map(ProcedureCode.init),
               content: ProcedureContent(name: name ?? "Thủ tục \(code ?? "")", field: field, levels: levels, agency: agency,
                                         processingTime: time, fees: fees, onlineService: online),
               status: status, provincialDecision: published.map { _ in "1/QĐ-UBND" }, publishedOn: published.map(date),
               postedOn: posted.map(date), ministryDecision: ministry, validUntil: validUntil.map(date),
               location: SourceLocation(file: "local/skhcn.csv", line: line))
}

func reconcile(_ decisions: [Decision], _ entries: [LocalEntry], asOf: String, settings: Settings = Settings(),
               calendar: TestCalendar = TestCalendar()) -> Reconciliation {
    Reconciler(settings: settings).reconcile(decisions: decisions, catalogue: Catalogue(entries: entries),
                                             calendar: calendar, asOf: date(asOf))
}

@Suite struct ReconcilerStatusTests {
    // Trigger Thu 2026-11-05 + 3 working days = Tue 2026-11-10 (Fri 6, Mon 9, Tue 10).
    let d = decision("2105/QĐ-BKHCN", [change("1.000001", .amended)])

    @Test func deadlineIsTheNthWorkingDayAfterTheTrigger() {
        let r = reconcile([d], [], asOf: "2026-11-06")
        #expect(r.changes[0].trigger == date("2026-11-05"))
        #expect(r.changes[0].triggerSource == .nationalDatabase)
        #expect(r.changes[0].deadline == date("2026-11-10"))
    }

    @Test func publishedByTheDeadlineIsOnTime() {
        let r = reconcile([d], [entry("1.000001", published: "2026-11-10", ministry: "2105/QĐ-BKHCN")], asOf: "2026-11-20")
        #expect(r.changes[0].status == .onTime)
        #expect(r.changes[0].publishedOn == date("2026-11-10"))
        #expect(r.changes[0].local?.match == .code)
    }

    @Test func publishedAfterTheDeadlineIsLateByWorkingDays() {
        // Wed 11, Thu 12, Fri 13, (weekend), Mon 16 → 4 working days late.
        let r = reconcile([d], [entry("1.000001", published: "2026-11-16", ministry: "2105/QĐ-BKHCN")], asOf: "2026-11-20")
        #expect(r.changes[0].status == .late(workingDays: 4))
    }

    @Test func unpublishedBeforeTheDeadlineIsPendingWithWorkingDaysLeft() {
        #expect(reconcile([d], [], asOf: "2026-11-06").changes[0].status == .pending(workingDaysLeft: 2))
        #expect(reconcile([d], [], asOf: "2026-11-10").changes[0].status == .pending(workingDaysLeft: 0))
    }

    @Test func unpublishedAfterTheDeadlineIsOverdue() {
        #expect(reconcile([d], [], asOf: "2026-11-11").changes[0].status == .overdue(workingDays: 1))
        // A weekend does not add to the count.
        #expect(reconcile([d], [], asOf: "2026-11-15").changes[0].status == .overdue(workingDays: 3))
    }

    @Test func anOldVersionOfTheEntryIsNotPublication() {
        let old = entry("1.000001", published: "2021-03-15", ministry: "3950/QĐ-BKHCN")
        #expect(reconcile([d], [old], asOf: "2026-11-11").changes[0].status == .overdue(workingDays: 1))
    }

    @Test func anEntryNamingNoDecisionCountsWhenPublishedAfterTheDecisionWasIssued() {
        let after = entry("1.000001", published: "2026-11-09")
        let before = entry("1.000001", published: "2026-10-30")
        #expect(reconcile([d], [after], asOf: "2026-11-20").changes[0].status == .onTime)
        #expect(reconcile([d], [before], asOf: "2026-11-20").changes[0].status == .overdue(workingDays: 8))
    }

    @Test func aPublicationAfterTheAsOfDayHasNotHappenedYet() {
        let r = reconcile([d], [entry("1.000001", published: "2026-11-09", ministry: "2105/QĐ-BKHCN")], asOf: "2026-11-06")
        #expect(r.changes[0].status == .pending(workingDaysLeft: 2))
        #expect(r.changes[0].publishedOn == nil)
    }

    @Test func aPublishedEntryWithoutADateIsPublishedUndated() {
        let r = reconcile([d], [entry("1.000001", ministry: "2105/QĐ-BKHCN")], asOf: "2026-11-20")
        #expect(r.changes[0].status == .publishedUndated)
    }

    @Test func noTriggerDateMeansTheDeadlineCannotBeComputed() {
        let none = decision("9/QĐ-BKHCN", national: nil, received: nil, [change("1.000001", .new)])
        let r = reconcile([none], [], asOf: "2026-11-20")
        #expect(r.changes.count == 1)
        #expect(r.changes[0].status == .cannotCompute)
        #expect(r.changes[0].deadline == nil)
    }

    @Test func receivedDateIsTheTriggerWhenTheNationalDatabaseDateIsUnknown() {
        let rec = decision("9/QĐ-BKHCN", national: nil, received: "2026-11-06", [change("1.000001", .new)])
        let r = reconcile([rec], [], asOf: "2026-11-06")
        #expect(r.changes[0].triggerSource == .received)
        #expect(r.changes[0].deadline == date("2026-11-11"))
    }

    @Test func decisionsIssuedAfterTheAsOfDayAreNotYetKnown() {
        let later = decision("9/QĐ-BKHCN", issued: "2026-11-12", national: "2026-11-18", [change("1.000002", .new)])
        let r = reconcile([d, later], [], asOf: "2026-11-11")
        #expect(r.changes.map(\.decision) == ["2105/QĐ-BKHCN"])
        #expect(reconcile([d, later], [], asOf: "2026-11-12").changes.count == 2)
    }

    @Test func earliestPolicyTakesTheEarlierDate() {
        let both = decision("9/QĐ-BKHCN", national: "2026-11-09", received: "2026-11-06", [change("1.000001", .new)])
        let first = reconcile([both], [], asOf: "2026-11-06")
        #expect(first.changes[0].trigger == date("2026-11-09"))
        var settings = Settings()
        settings.triggerPolicy = .earliest
        let earliest = reconcile([both], [], asOf: "2026-11-06", settings: settings)
        #expect(earliest.changes[0].trigger == date("2026-11-06"))
        #expect(earliest.changes[0].triggerSource == .received)
    }

    @Test func deadlineWorkingDaysComeFromSettings() {
        var settings = Settings()
        settings.deadlineWorkingDays = 5
        #expect(reconcile([d], [], asOf: "2026-11-06", settings: settings).changes[0].deadline == date("2026-11-12"))
    }

    @Test func holidaysAreSkippedWhenCounting() {
        let cal = TestCalendar(holidays: [date("2026-11-09"), date("2026-11-10")])
        let r = reconcile([d], [], asOf: "2026-11-06", calendar: cal)
        #expect(r.changes[0].deadline == date("2026-11-12"))
        #expect(r.changes[0].status == .pending(workingDaysLeft: 2))
    }

    @Test func provisionalYearsAreFlaggedOnTheRowsTheyAffect() {
        let late = decision("9/QĐ-BKHCN", issued: "2026-12-20", national: "2026-12-30", [change("1.000001", .new)])
        let cal = TestCalendar(provisionalFrom: 2027)
        let r = reconcile([d, late], [], asOf: "2026-12-30", calendar: cal)
        #expect(r.changes.map(\.provisional) == [false, true])
        #expect(r.provisionalYears == [2027])
    }

    @Test func centralOnlyChangesAreNotApplicable() {
        let c = decision("9/QĐ-BKHCN", [change("1.000002", .new, levels: [.central])])
        #expect(reconcile([c], [], asOf: "2026-11-20").changes[0].status == .notApplicable(.centralOnly))
    }

    @Test func levelsFieldsAndAgenciesOutsideTheScopeAreNotApplicable() {
        var settings = Settings()
        settings.scopeLevels = [.province]
        settings.scopeFields = ["Sở hữu trí tuệ"]
        let c = decision("9/QĐ-BKHCN", [
            change("1.000002", .new, levels: [.commune], field: "Sở hữu trí tuệ"),
            change("1.000003", .new, field: "Sở hữu trí tuệ"),
            change("1.000004", .new, field: "Năng lượng nguyên tử"),
            change("1.000005", .new, field: "SỞ HỮU TRÍ TUỆ"),
        ])
        let r = reconcile([c], [], asOf: "2026-11-06", settings: settings)
        #expect(r.changes.map(\.status) == [
            .notApplicable(.outOfScope), .pending(workingDaysLeft: 2), .notApplicable(.outOfScope), .pending(workingDaysLeft: 2),
        ])
    }

    @Test func abolishedIsPublishedWhenTheEntryIsMarkedAbolished() {
        let a = decision("9/QĐ-BKHCN", [change("1.000007", .abolished)])
        let done = entry("1.000007", status: .abolished, published: "2026-11-09", ministry: "9/QĐ-BKHCN")
        let still = entry("1.000007")
        #expect(reconcile([a], [done], asOf: "2026-11-20").changes[0].status == .onTime)
        #expect(reconcile([a], [still], asOf: "2026-11-20").changes[0].status == .overdue(workingDays: 8))
        #expect(reconcile([a], [], asOf: "2026-11-20").changes[0].status == .notApplicable(.notListedLocally))
    }

    @Test func replacedIsPublishedWhenTheNewEntryIsInAndTheOldOneOut() {
        let rep = decision("9/QĐ-BKHCN", [change("1.000009", .replaced, replaces: "1.000008")])
        let newOne = entry("1.000009", published: "2026-11-09", ministry: "9/QĐ-BKHCN")
        let oldIn = entry("1.000008", line: 3)
        let oldOut = entry("1.000008", status: .abolished, published: "2026-11-09", line: 3)
        #expect(reconcile([rep], [newOne, oldIn], asOf: "2026-11-20").changes[0].status == .overdue(workingDays: 8))
        #expect(reconcile([rep], [newOne, oldOut], asOf: "2026-11-20").changes[0].status == .onTime)
        #expect(reconcile([rep], [newOne], asOf: "2026-11-20").changes[0].status == .onTime)
    }

    @Test func agencySuffixedCodesMatchOnTheNationalPart() {
        let r = reconcile([d], [entry("1.000001.000.00.00.H56", published: "2026-11-09", ministry: "2105/QĐ-BKHCN")],
                          asOf: "2026-11-20")
        #expect(r.changes[0].status == .onTime)
        #expect(r.changes[0].local?.code == "1.000001.000.00.00.H56")
    }

    @Test func decisionNumbersMatchWithoutDiacritics() {
        let r = reconcile([d], [entry("1.000001", published: "2026-11-09", ministry: "2105/QD-BKHCN")], asOf: "2026-11-20")
        #expect(r.changes[0].status == .onTime)
    }

    @Test func everyDecisionKeepsItsOwnDeadline() {
        let first = decision("1/QĐ-BKHCN", issued: "2026-10-01", national: "2026-10-01", [change("1.000001", .amended)])
        // The entry implements the later decision, which also covers the earlier change (late).
        let r = reconcile([d, first], [entry("1.000001", published: "2026-11-09", ministry: "2105/QĐ-BKHCN")], asOf: "2026-11-20")
        #expect(r.changes.map(\.decision) == ["1/QĐ-BKHCN", "2105/QĐ-BKHCN"])
        #expect(r.changes[0].deadline == date("2026-10-06"))
        #expect(r.changes[0].status == .late(workingDays: 24))
        #expect(r.changes[1].status == .onTime)
    }
}

@Suite struct ReconcilerExpiryTests {
    @Test func anAbolishedProcedureExpiresOnTheEffectiveDate() {
        let a = decision("9/QĐ-BKHCN", effective: "2026-12-01", [change("1.000007", .abolished)])
        let e = entry("1.000007", line: 5)
        #expect(reconcile([a], [e], asOf: "2026-11-30").expired.isEmpty)
        let r = reconcile([a], [e], asOf: "2026-12-01")
        #expect(r.expired == [ExpiredEntry(code: "1.000007", name: "Thủ tục 1.000007", reason: .abolished, decision: "9/QĐ-BKHCN",
                                           replacement: nil, since: date("2026-12-01"),
                                           location: SourceLocation(file: "local/skhcn.csv", line: 5))])
    }

    @Test func aReplacedProcedureExpiresWithItsReplacementNamed() {
        let rep = decision("9/QĐ-BKHCN", effective: "2026-11-15", [change("1.000009", .replaced, replaces: "1.000008")])
        let r = reconcile([rep], [entry("1.000008")], asOf: "2026-11-20")
        #expect(r.expired.map(\.reason) == [.replaced])
        #expect(r.expired.first?.replacement == ProcedureCode("1.000009"))
    }

    @Test func anAbolishedEntryMarkedSoIsNotExpired() {
        let a = decision("9/QĐ-BKHCN", effective: "2026-11-01", [change("1.000007", .abolished)])
        #expect(reconcile([a], [entry("1.000007", status: .abolished)], asOf: "2026-11-20").expired.isEmpty)
    }

    @Test func aProcedureIssuedAgainLaterIsNotExpired() {
        let a = decision("1/QĐ-BKHCN", issued: "2026-01-05", effective: "2026-02-01", [change("1.000007", .abolished)])
        let again = decision("2/QĐ-BKHCN", issued: "2026-06-01", effective: "2026-07-01", [change("1.000007", .new)])
        #expect(reconcile([again, a], [entry("1.000007")], asOf: "2026-11-20").expired.isEmpty)
    }

    /// An abolition paired by name expires an entry that has no usable code; an entry whose
    /// own well-formed code no decision mentions keeps to that code, even when paired.
    @Test func anAbolitionPairedByNameExpiresOnlyAnEntryWithoutAUsableCode() {
        let a = decision("9/QĐ-BKHCN", effective: "2026-11-01",
                         [change("1.000007", .abolished, name: "Thủ tục cấp giấy phép hoạt động thử nghiệm")])
        let codeless = entry(nil, name: "Thủ tục cấp giấy phép hoạt động thử nghiệm", line: 4)
        let r = reconcile([a], [codeless], asOf: "2026-11-20")
        #expect(r.changes[0].local?.match == .probableByName)
        #expect(r.expired.map(\.reason) == [.abolished])
        #expect(r.expired.first?.location.line == 4)
        let coded = entry("1.000070", name: "Thủ tục cấp giấy phép hoạt động thử nghiệm", line: 4)
        let s = reconcile([a], [coded], asOf: "2026-11-20")
        #expect(s.changes[0].local?.match == .probableByName)
        #expect(s.expired.isEmpty)
    }

    @Test func aValidUntilDateExpiresTheDayAfter() {
        let e = entry("1.000010", validUntil: "2026-10-31")
        #expect(reconcile([], [e], asOf: "2026-10-31").expired.isEmpty)
        let r = reconcile([], [e], asOf: "2026-11-01")
        #expect(r.expired.map(\.reason) == [.validUntilPassed])
        #expect(r.expired.first?.since == date("2026-11-01"))
    }
}

@Suite struct ReconcilerDifferenceTests {
    func differences(ministry: ProcedureChange, local: LocalEntry) -> [Difference] {
        reconcile([decision("9/QĐ-BKHCN", [ministry])], [local], asOf: "2026-11-20").differences
    }

    /// The fee key against its definition read scalar by scalar (a separator between two
    /// numeric scalars is dropped), over texts of digits, every separator, letters, and
    /// numeric scalars outside ASCII.
    @Test func feeKeyDropsOnlyGroupingSeparators() {
        func reference(_ s: String) -> String {
            let t = Array(Comparison.text(s).unicodeScalars)
            var out = String.UnicodeScalarView()
            for (i, u) in t.enumerated() {
                let isSeparator = u == "." || u == "," || u == " " || u == "\u{00A0}"
                if isSeparator, i > 0, i + 1 < t.count,
                   t[i - 1].properties.numericType != nil, t[i + 1].properties.numericType != nil { continue }
                out.append(u)
            }
            return String(out)
        }
        let pieces = ["5", "0", "9", ".", ",", " ", "\u{A0}", "đ", "ồ", "ng", "A", "½", "٣", "²", "/", "  ", "\t"]
        var generator = SplitMix(seed: 21)
        var changed = 0
        for _ in 0..<20_000 {
            let s = (0..<Int(generator.next() % 9)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let key = Comparison.fees(s)
            #expect(key == reference(s), "\(s.debugDescription)")
            if key != Comparison.text(s) { changed += 1 }
        }
        #expect(changed > 1_000)
        #expect(Comparison.fees("500.000 đồng") == "500000 đồng")
        #expect(Comparison.sameFees("500 000 đồng/hồ sơ", "500,000 Đồng/hồ sơ"))
        #expect(!Comparison.sameFees("5.5 đồng", "55.0 đồng"))
    }

    @Test func workingDaysAndCalendarDaysDiffer() {
        let d = differences(ministry: change("1.000001", .amended, time: "15 ngày làm việc"),
                            local: entry("1.000001", time: "15 ngày"))
        #expect(d.map(\.field) == [.processingTime])
        #expect(d.first?.local == .text("15 ngày"))
        #expect(d.first?.ministry == .text("15 ngày làm việc"))
        #expect(d.first?.decision == "9/QĐ-BKHCN")
    }

    @Test(arguments: [
        ("15 ngày làm việc", "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", false),
        ("15 ngày làm việc", "15 Ngày  làm việc", false),
        ("15 ngày làm việc", "10 ngày làm việc", true),
        ("03 tháng", "3 tháng", true),
        ("1,5 ngày", "1,5 ngày", false),
        ("1,5 ngày", "15 ngày", true),
        ("Không quy định", "Không quy định", false),
    ])
    func processingTimesCompareByValueAndUnit(ministry: String, local: String, differs: Bool) {
        let d = differences(ministry: change("1.000001", .amended, time: ministry), local: entry("1.000001", time: local))
        #expect(d.contains { $0.field == .processingTime } == differs)
    }

    @Test func unicodeFormWhitespaceAndCaseNeverCount() {
        let nfd = "Thủ tục khai báo thiết bị X-quang".decomposedStringWithCanonicalMapping
        let d = differences(ministry: change("1.000001", .amended, name: "Thủ tục khai báo thiết bị X-quang", fees: "500.000 đồng",
                                             field: "An toàn bức xạ", agency: "Sở Khoa học và Công nghệ"),
                            local: entry("1.000001", name: "  " + nfd + "\u{00A0}", fees: "500,000 đồng",
                                         field: "an toàn  bức xạ", agency: "SỞ KHOA HỌC VÀ CÔNG NGHỆ"))
        #expect(d.isEmpty)
    }

    @Test func realChangesAlwaysCount() {
        let d = differences(ministry: change("1.000001", .amended, name: "Thủ tục cấp giấy phép", levels: [.province, .commune],
                                             fees: "500.000 đồng", field: "A", agency: "Sở KH&CN", online: .full),
                            local: entry("1.000001", name: "Thủ tục cấp lại giấy phép", levels: [.province],
                                         fees: "300.000 đồng", field: "B", agency: nil, online: .partial))
        #expect(d.map(\.field) == [.name, .field, .levels, .agency, .fees, .onlineService])
        #expect(d.first { $0.field == .levels }?.ministry == .levels([.province, .commune]))
        #expect(d.first { $0.field == .onlineService }?.local == .onlineService(.partial))
    }

    @Test func theLatestDecisionIsTheReference() {
        let first = decision("1/QĐ-BKHCN", issued: "2026-01-05", [change("1.000001", .amended, fees: "100.000 đồng")])
        let second = decision("2/QĐ-BKHCN", issued: "2026-06-05", [change("1.000001", .amended, fees: "200.000 đồng")])
        let r = reconcile([second, first], [entry("1.000001", fees: "100.000 đồng")], asOf: "2026-11-20")
        #expect(r.differences.map(\.ministry) == [.text("200.000 đồng")])
        #expect(r.differences.map(\.decision) == ["2/QĐ-BKHCN"])
    }

    @Test func abolishedProceduresAreNotCompared() {
        let a = decision("9/QĐ-BKHCN", [change("1.000001", .abolished, fees: "1 đồng")])
        #expect(reconcile([a], [entry("1.000001", fees: "2 đồng")], asOf: "2026-11-20").differences.isEmpty)
    }
}

@Suite struct ReconcilerFindingTests {
    @Test func duplicateMalformedAndMissingCodes() {
        let r = reconcile([], [
            entry("1.000001", line: 2), entry("1.000001.000.00.00.H56", line: 3), entry("1.00423", line: 4), entry(nil, name: "X", line: 5),
        ], asOf: "2026-11-20")
        #expect(r.findings.map(\.kind) == [.duplicateCode, .malformedCode, .malformedCode])
        #expect(r.findings[0].message.en == "code 1.000001 is already listed at local/skhcn.csv:2")
        #expect(r.findings[0].location.line == 3)
        #expect(r.findings[1].message.vi == "mã \"1.00423\" không đúng dạng mã quốc gia (ví dụ 1.010696)")
        #expect(r.findings[2].message.en == "the procedure has no code")
    }

    @Test func districtLevelAfterTheReformIsAFinding() {
        let e = entry("1.000001", levels: [.district])
        #expect(reconcile([], [e], asOf: "2025-06-30").findings.isEmpty)
        #expect(reconcile([], [e], asOf: "2025-07-01").findings.map(\.kind) == [.districtLevel])
        let d = decision("9/QĐ-BKHCN", [change("2.000001", .new, levels: [.district])])
        #expect(reconcile([d], [], asOf: "2026-11-20").findings.map(\.kind) == [.districtLevel])
    }

    @Test func entriesAFullListingDoesNotExplainAreReported() {
        let full = decision("9/QĐ-BKHCN", snapshot: true, [change("1.000001", .amended)])
        let r = reconcile([full], [entry("1.000001"), entry("1.000002", line: 3)], asOf: "2026-11-20")
        #expect(r.findings.map(\.kind) == [.unexplained])
        #expect(r.findings[0].code == "1.000002")
        #expect(reconcile([decision("9/QĐ-BKHCN", [change("1.000001", .amended)])], [entry("1.000002")],
                          asOf: "2026-11-20").findings.isEmpty)
    }

    @Test func aNameMatchIsUsedAndReportedAsProbable() {
        let d = decision("9/QĐ-BKHCN", [change("1.000005", .new, name: "Thủ tục xác nhận doanh nghiệp khởi nghiệp sáng tạo")])
        let e = entry(nil, name: "THỦ TỤC XÁC NHẬN DOANH NGHIỆP KHỞI NGHIỆP SÁNG TẠO.", published: "2026-11-09", line: 7)
        let r = reconcile([d], [e], asOf: "2026-11-20")
        #expect(r.changes[0].local?.match == .probableByName)
        #expect(r.changes[0].status == .onTime)
        #expect(r.findings.map(\.kind) == [.malformedCode, .probableMatch])
        #expect(r.findings[1].message.en == "paired by name with the ministry's procedure 1.000005 (codes differ): please check")
    }
}

@Suite struct ScorecardTests {
    @Test func indicatorsCountPerMonthOfPublication() {
        // Effective Tue 2026-12-01; 5 working days before is Tue 2026-11-24.
        let d = decision("9/QĐ-BKHCN", effective: "2026-12-01", [change("1.000001", .new)])
        let r = reconcile([d], [
            entry("1.000001", online: .full, published: "2026-11-24", posted: "2026-12-01", ministry: "9/QĐ-BKHCN"),
            entry("1.000002", online: .partial, published: "2026-11-25", posted: "2026-12-03", ministry: "9/QĐ-BKHCN"),
            entry("1.000003", published: "2026-10-01"),
            entry("1.000004", status: .abolished, published: "2026-10-02", posted: "2026-10-02"),
        ], asOf: "2026-12-31")
        #expect(r.scorecard.months == [
            // Indicator 1.3 counts the in-force entries (these hold no part, so all are complete).
            Scorecard.Month(month: "2026-10", publishedOnTime: 0, publishedTotal: 0, postedOnTime: 1, postedTotal: 2,
                            publishedComplete: 1, completeTotal: 1),
            Scorecard.Month(month: "2026-11", publishedOnTime: 1, publishedTotal: 2, postedOnTime: 1, postedTotal: 2,
                            publishedComplete: 2, completeTotal: 2),
        ])
        #expect(r.scorecard.onlineFull == 1)
        #expect(r.scorecard.onlinePartial == 1)
        #expect(r.scorecard.inForceTotal == 3)
    }
}

/// Deadlines on the real public-sector calendar, computed by hand from the official
/// schedules (docs/holidays.md): the trigger day is not counted, days off are skipped,
/// make-up Saturdays count.
@Suite struct ReconcilerCalendarScenarioTests {
    let calendar = WorkingCalendar.standard()

    func deadline(trigger: String) -> (CivilDate?, Bool) {
        let d = decision("9/QĐ-BKHCN", issued: "2024-01-02", national: trigger, [change("1.000001", .new)])
        // As of the trigger day itself, so the row is pending and only the deadline's span counts.
        let r = Reconciler(settings: Settings()).reconcile(decisions: [d], catalogue: Catalogue(entries: []),
                                                           calendar: calendar, asOf: date(trigger))
        return (r.changes[0].deadline, r.changes[0].provisional)
    }

    @Test(arguments: [
        // Friday before Tết 2026 (off Sat 14/2 – Sun 22/2): Mon 23, Tue 24, Wed 25.
        ("2026-02-13", "2026-02-25"),
        // Friday before the swapped Monday 29/4/2024 (off 27/4 – 1/5, make-up Sat 4/5): Thu 2, Fri 3, Sat 4.
        ("2024-04-26", "2024-05-04"),
        // A Saturday trigger: Mon 16, Tue 17, Wed 18.
        ("2026-11-14", "2026-11-18"),
        // The day before the make-up Saturday 10/1/2026: Sat 10, Mon 12, Tue 13.
        ("2026-01-09", "2026-01-13"),
        // Friday before Quốc khánh 2026 (off 29/8 – 2/9, Mon 31/8 swapped): Thu 3, Fri 4, Mon 7.
        ("2026-08-28", "2026-09-07"),
    ])
    func deadlinesAcrossDaysOff(trigger: String, expected: String) {
        let (d, provisional) = deadline(trigger: trigger)
        #expect(d == date(expected))
        #expect(!provisional)
    }

    @Test func aDeadlineInAYearWithoutAnOfficialScheduleIsProvisional() {
        // Thu 31/12/2026; 1/1/2027 is New Year's Day by statute: Mon 4, Tue 5, Wed 6.
        let (d, provisional) = deadline(trigger: "2026-12-31")
        #expect(d == date("2027-01-06"))
        #expect(provisional)
    }
}

/// The two-tier rule in its one place: data in force on or after 01/07/2025 that names the
/// district level is one `district-level` finding, for a local entry (as of the day) and
/// for a decision's change (as of its effective date); abolished ones are not reported.
@Suite struct DistrictLevelRuleTests {
    @Test(arguments: [("2025-06-30", false), ("2025-07-01", true), ("2026-01-15", true), ("2019-12-31", false)])
    func decisionsEffectiveFromJuly2025(_ effective: String, _ reported: Bool) {
        let d = decision("9/QĐ-BNV", issued: "2019-01-01", effective: effective,
                         [change("2.000001", .new, levels: [.district]), change("2.000002", .abolished, levels: [.district])])
        let r = reconcile([d], [], asOf: "2026-11-20")
        #expect(r.findings.filter { $0.kind == .districtLevel }.map(\.code) == (reported ? ["2.000001"] : []))
    }

    @Test(arguments: [("2025-06-30", false), ("2025-07-01", true), ("2026-11-20", true)])
    func catalogueEntriesInForceOnTheDay(_ asOf: String, _ reported: Bool) {
        let entries = [entry("2.000001", levels: [.province, .district]),
                       entry("2.000002", status: .abolished, levels: [.district], line: 3)]
        let r = reconcile([], entries, asOf: asOf)
        #expect(r.findings.filter { $0.kind == .districtLevel }.map(\.code) == (reported ? ["2.000001"] : []))
    }
}

/// The rows of a long reconciliation are made in two halves at once; what each half
/// records (name pairings, provisional years) is merged. Whatever the split, the
/// reconciliation is the one a single pass makes.
@Suite struct ReconcilerHalvesTests {
    /// Decisions and entries drawn from a fixed seed: codes listed locally or not, names
    /// that pair entries without a code, two changes of different codes pairing the same
    /// entry by name (one early, one late: the later pairing is the one kept), replaced,
    /// abolished and out-of-scope changes, a trigger date whose deadline falls in a provisional year (late in the second half).
    static func sample() -> (decisions: [Decision], entries: [LocalEntry]) {
        var seed: UInt64 = 0x7A3C_19E5
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        var entries: [LocalEntry] = []
        for i in 0..<240 {
            let code = String(format: "1.%06d", i)
            switch next(5) {
            case 0: entries.append(entry(nil, name: "Thủ tục \(code)", line: i + 2))
            case 1: entries.append(entry(code, status: .abolished, published: "2026-11-0\(1 + next(9))", line: i + 2))
            default: entries.append(entry(code, time: next(2) == 0 ? "5 ngày" : "7 ngày làm việc",
                                          published: next(3) == 0 ? nil : "2026-1\(next(2))-0\(1 + next(9))",
                                          ministry: next(2) == 0 ? "\(100 + next(30))/QĐ-BKHCN" : nil, line: i + 2))
            }
        }
        // One entry without a code that changes of two other codes pair by name.
        entries.append(entry(nil, name: "Thủ tục cấp phép chung", line: 500))
        var decisions: [Decision] = []
        for d in 0..<30 {
            var changes: [ProcedureChange] = []
            for c in 0..<(8 + next(8)) {
                let code = String(format: "1.%06d", next(300))
                let types: [ChangeType] = [.new, .amended, .amended, .replaced, .abolished]
                let type = types[next(types.count)]
                changes.append(change(code, type, replaces: type == .replaced ? String(format: "1.%06d", next(300)) : nil,
                                      levels: next(10) == 0 ? [.central] : [.province], time: "5 ngày", line: c + 2))
            }
            if d == 2 || d == 27 { changes.append(change(String(format: "9.%06d", d), .new, name: "Thủ tục cấp phép chung", line: 90)) }
            let month = d < 10 ? "2025-12" : d < 20 ? "2026-10" : "2026-11"
            decisions.append(decision("\(100 + d)/QĐ-BKHCN", issued: "\(month)-0\(1 + d % 9)",
                                      national: d == 28 ? "2026-12-30" : next(6) == 0 ? nil : "\(month)-0\(2 + d % 8)", changes))
        }
        return (decisions, entries)
    }

    @Test func halvesGiveTheSameReconciliationAsOnePass() throws {
        let (decisions, entries) = Self.sample()
        let calendar = TestCalendar(provisionalFrom: 2027)
        func json(_ from: Int) throws -> String {
            var reconciler = Reconciler(settings: Settings())
            reconciler.rowsInTwoHalvesFrom = from
            let r = reconciler.reconcile(decisions: decisions, catalogue: Catalogue(entries: entries),
                                         calendar: calendar, asOf: date("2026-12-20"))
            return String(decoding: try PrettyJSON.encode(r), as: UTF8.self)
        }
        let onePass = try json(.max)
        #expect(try json(2) == onePass)
        #expect(try json(100) == onePass)
        // The sample has what the merge must get right.
        var reconciler = Reconciler(settings: Settings())
        reconciler.rowsInTwoHalvesFrom = 2
        let r = reconciler.reconcile(decisions: decisions, catalogue: Catalogue(entries: entries),
                                     calendar: calendar, asOf: date("2026-12-20"))
        #expect(r.changes.count > 300)
        #expect(r.changes.filter { $0.local?.match == .probableByName }.count >= 3)
        #expect(r.changes.contains { $0.provisional } && r.changes.contains { !$0.provisional && $0.deadline != nil })
        #expect(r.provisionalYears == [2027])
        #expect(onePass.contains("9.000027") && onePass.contains("\"overdue\""))
    }
}
