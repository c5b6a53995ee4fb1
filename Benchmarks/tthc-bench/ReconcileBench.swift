import Foundation
import TTHCKit

/// National scale: 34 provinces × 2,000 local entries against 40,000 ministry changes,
/// generated deterministically, then the same ×10. Reports wall time and peak memory of
/// `Reconciler.reconcile`, and the cost per record at 10× relative to 1× (1.00 = linear).
func reconcileCase(_ report: inout Report) {
    let calendar = WorkingCalendar.standard()
    _ = calendar.isWorkingDay(CivilDate(year: 2026, month: 1, day: 1)!)
    var perRecord: [Double] = []
    for scale in [1, 10] {
        let data = ReconcileWorkload(scale: scale)
        let entries = data.catalogue.entries.count
        let changes = data.decisions.reduce(0) { $0 + $1.changes.count }
        var rows = 0
        let cpuStart = cpuSeconds()
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            rows = Reconciler(settings: Settings()).reconcile(
                decisions: data.decisions, catalogue: data.catalogue, calendar: calendar, asOf: data.asOf).changes.count
        }
        let cpu = cpuSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        perRecord.append(cpu / Double(entries + changes))
        report.note(String(format: "%2d×: %d local entries, %d changes in %d decisions → wall %.3f s, CPU %.3f s (%d rows), peak RSS %.0f MiB",
                           scale, entries, changes, data.decisions.count, seconds, cpu, rows, peakResidentMiB()))
    }
    report.note(String(format: "CPU per record, 10× vs 1×: %.2f (1.00 = linear)", perRecord[1] / perRecord[0]))
}

/// A deterministic synthetic workload: codes, names and dates from a fixed-seed generator.
struct ReconcileWorkload {
    let decisions: [Decision]
    let catalogue: Catalogue
    let asOf = CivilDate(year: 2026, month: 11, day: 20)!

    init(scale: Int) {
        var rng = SplitMix64(state: 0x7474_6863)
        let provinces = 34, perProvince = 2_000 * scale
        let changesTotal = 40_000 * scale
        let perDecision = 60
        let codeSpace = provinces * perProvince
        var decisions: [Decision] = []
        let start = CivilDate(year: 2024, month: 1, day: 1)!.dayNumber
        let decisionCount = changesTotal / perDecision
        for d in 0..<decisionCount {
            let issued = CivilDate(dayNumber: start + Int(rng.next() % 1050))
            var changes: [ProcedureChange] = []
            for c in 0..<perDecision {
                let code = Int(rng.next() % UInt64(codeSpace))
                let type = ChangeType.allCases[Int(rng.next() % 4)]
                changes.append(ProcedureChange(
                    code: ProcedureCode(workloadCode(code)), change: type,
                    replaces: type == .replaced ? [ProcedureCode(workloadCode(Int(rng.next() % UInt64(codeSpace))))] : [],
                    content: ProcedureContent(name: "Thủ tục số \(code)", field: "Lĩnh vực \(code % 40)",
                                              levels: [.province], agency: "Sở \(code % 20)",
                                              processingTime: "\(5 + code % 20) ngày làm việc", fees: "Không",
                                              onlineService: .full),
                    location: SourceLocation(file: "decisions/d\(d).xml", line: 3 + c * 12, column: 3)))
            }
            decisions.append(Decision(
                number: "\(d + 1)/QĐ-BKHCN", issuer: "Bộ", issued: issued, effective: issued.adding(days: 30),
                nationalDatabase: rng.next() % 10 == 0 ? nil : issued.adding(days: 3),
                received: issued.adding(days: 4), changes: changes,
                source: SourceLocation(file: "decisions/d\(d).xml", line: 2)))
        }
        var entries: [LocalEntry] = []
        entries.reserveCapacity(codeSpace)
        for i in 0..<codeSpace {
            let published = CivilDate(dayNumber: start + Int(rng.next() % 1050))
            entries.append(LocalEntry(
                code: ProcedureCode(workloadCode(i) + ".000.00.00.H\(i / perProvince)"),
                content: ProcedureContent(name: "Thủ tục số \(i)", field: "Lĩnh vực \(i % 40)", levels: [.province],
                                          agency: "Sở \(i % 20)",
                                          processingTime: "\(5 + i % 20) ngày\(rng.next() % 8 == 0 ? "" : " làm việc")",
                                          fees: "Không", onlineService: rng.next() % 3 == 0 ? .partial : .full),
                status: rng.next() % 15 == 0 ? .abolished : .inForce,
                provincialDecision: "\(i)/QĐ-UBND", publishedOn: published, postedOn: published.adding(days: 3),
                ministryDecision: "\(Int(rng.next() % UInt64(decisionCount)) + 1)/QĐ-BKHCN",
                location: SourceLocation(file: "local/p\(i / perProvince).csv", line: 2 + i % perProvince)))
        }
        self.decisions = decisions
        self.catalogue = Catalogue(entries: entries)
    }
}

func workloadCode(_ n: Int) -> String {
    let digits = String(n % 1_000_000)
    return "\(1 + n / 1_000_000).\(String(repeating: "0", count: 6 - digits.count))\(digits)"
}
