import Foundation
import TTHCKit

/// The generated inputs of `scripts/bench-data.py` (run by `scripts/bench.sh`).
let benchData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("bench-data")

/// Reads one generated document and prints size, time, throughput and peak memory.
func benchDocument(_ name: String, label: String, unit: String, count: (AnnexReading) -> Int,
                   _ read: (InputFile) -> AnnexReading) {
    let url = benchData.appendingPathComponent(name)
    let file: InputFile
    do { file = try InputFile.read(url, displayPath: name) } catch {
        print("\(label): no \(url.path) (scripts/bench-data.py makes it)")
        return
    }
    let size = Double(file.bytes.count) / 1_000_000
    let cpuStart = cpuSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    let reading = read(file)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpu = cpuSeconds() - cpuStart
    let errors = reading.diagnostics.filter { $0.severity == .error }
    let n = count(reading)
    print("\(label): \(name), \(String(format: "%.1f", size)) MB: \(reading.procedures.count) procedures, "
        + "\(errors.count) errors\(errors.first.map { " (\($0.rendered(.en)))" } ?? "")")
    print("\(label): wall \(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", size / seconds)) MB/s, "
        + "\(String(format: "%.0f", Double(n) / seconds)) \(unit)/s; CPU \(String(format: "%.2f", cpu)) s")
    print("\(label): peak resident memory \(Int(peakResidentMiB())) MiB")
    for d in reading.diagnostics.prefix(5) { print("\(label):   \(d.rendered(.en).prefix(160))") }
}

/// The 50 MB workbook: its four sheets unpack to about 350 MB of XML, past the reader's
/// limit of 256 MiB a container (a real annex is a few MB), so it is read once with the
/// standard limits (the refusal: how fast, how much memory) and once, in its own process
/// (`xlsx-whole`), with the total raised to 512 MiB, for the reader's throughput.
func benchXLSX(raised: Bool) {
    var limits = ContainerLimits()
    if raised { limits.maximumTotalSize = 512 << 20 }
    benchDocument("annex-50mb.xlsx", label: raised ? "xlsx (512 MiB limit)" : "xlsx (standard limits)", unit: "rows",
                  count: { $0.procedures.count }) { DecisionXLSXReader.interpret($0, limits: limits) }
}

func benchPDF() {
    // A PDF row's line is its page: the last procedure's is the number of pages read.
    benchDocument("decision-200p.pdf", label: "pdf", unit: "pages", count: { $0.procedures.last?.change.location.line ?? 0 }) {
        DocumentListingReader.read($0, kind: .pdf).annex
    }
}
