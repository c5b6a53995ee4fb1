import Foundation
import TTHCKit

// tthc-bench: micro-benchmarks of the library's hot paths.
//
//   tthc-bench            runs every case
//   tthc-bench calendar   runs the named cases only
//   tthc-bench --list     lists the cases
//
// To add a case, write a function `(inout Report) -> Void` and add it to `cases`.

/// What a case reports: named figures, printed in order.
struct Report {
    var lines: [String] = []
    mutating func time(_ label: String, operations: Int, _ body: () -> Void) {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        let ns = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        let perOp = ns / Double(max(operations, 1))
        lines.append("\(label): \(operations) ops, total " + String(format: "%.3f ms, %.1f ns/op", ns / 1e6, perOp))
    }
    mutating func note(_ line: String) { lines.append(line) }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a seedable generator, so every run draws the same
/// dates. Swift's standard generator cannot be seeded, hence this small one.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One million deadlines: 3…10 working days after pseudo-random dates in 2019–2030.
func calendarCase(_ report: inout Report) {
    report.time("lunar table build (first use)", operations: 1) {
        _ = VietnameseLunarCalendar.tet(2000)
    }
    var calendar: WorkingCalendar?
    report.time("calendar table build (first use)", operations: 1) {
        calendar = WorkingCalendar.standard()
        _ = calendar!.isWorkingDay(CivilDate(year: 2026, month: 1, day: 1)!)
    }
    let cal = calendar!
    let first = CivilDate(year: 2019, month: 1, day: 1)!.dayNumber
    let span = CivilDate(year: 2030, month: 12, day: 31)!.dayNumber - first + 1
    let count = 1_000_000
    var rng = SplitMix64(state: 20_260_101)
    var triggers: [CivilDate] = []
    var ns: [Int] = []
    triggers.reserveCapacity(count)
    ns.reserveCapacity(count)
    for _ in 0..<count {
        triggers.append(CivilDate(dayNumber: first + Int(rng.next() % UInt64(span))))
        ns.append(3 + Int(rng.next() % 8))
    }
    var checksum = 0
    report.time("calendar adding(workingDays:) 3…10 days, 2019–2030", operations: count) {
        for i in 0..<count {
            checksum &+= cal.adding(workingDays: ns[i], to: triggers[i]).dayNumber
        }
    }
    var counted = 0
    report.time("calendar workingDays(from:to:)", operations: count) {
        for i in 0..<count - 1 {
            counted &+= cal.workingDays(from: triggers[i], to: triggers[i + 1])
        }
    }
    report.note("checksum \(checksum) \(counted)")
}

let cases: [(name: String, run: (inout Report) -> Void)] = [
    ("calendar", calendarCase),
    ("reconcile", reconcileCase),
    // The reader cases print their own figures (sizes, MB/s, peak memory, xmllint beside).
    ("csv", { _ in benchCSV(arguments: []) }),
    ("xml", { _ in benchXML(arguments: []) }),
    // The document cases read what scripts/bench-data.py generates into bench-data/.
    ("xlsx", { _ in benchXLSX(raised: false) }),
    ("xlsx-whole", { _ in benchXLSX(raised: true) }),
    ("pdf", { _ in benchPDF() }),
]

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--list"] {
    for c in cases { print(c.name) }
    exit(0)
}
let unknown = arguments.filter { name in !cases.contains { $0.name == name } }
guard unknown.isEmpty else {
    FileHandle.standardError.write(Data("tthc-bench: unknown case \(unknown.joined(separator: ", ")); cases: \(cases.map(\.name).joined(separator: ", "))\n".utf8))
    exit(2)
}
for c in cases where arguments.isEmpty || arguments.contains(c.name) {
    var report = Report()
    c.run(&report)
    print("[\(c.name)]")
    for line in report.lines { print("  " + line) }
}
