import Foundation
import TTHCKit
#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks the XML decision reader against `xmllint --stream`.
///
/// `benchXML(arguments: [sizes in MB…])` (default 10 and 100) generates decision listings of
/// about those sizes deterministically into a temporary directory, then for each size:
/// streams it from disk with ``DecisionXMLReader/stream(path:displayPath:_:)`` and reads it
/// whole with ``DecisionXMLReader/read(_:)``, printing MB/s and the process's peak resident
/// memory (getrusage `ru_maxrss`) after each run; and runs `xmllint --stream --noout`
/// (plain, and with the decision XSD when `catalogs/schema/decision.xsd` is reachable)
/// as a child process, printing its time and peak memory from `wait4`. Streaming and
/// xmllint with the schema run `READS` times each (default 3), the fastest kept, with the
/// CPU time of that run beside it.
///
/// Runs go from the smallest file up, streaming before whole reads, because `ru_maxrss`
/// only ever grows: when the peak after streaming 100 MB is the peak after streaming
/// 10 MB, streaming memory does not depend on the file's size.
func benchXML(arguments: [String]) {
    let sizes = arguments.compactMap(Int.init).filter { $0 > 0 }
    let megabytes = sizes.isEmpty ? [10, 100] : sizes.sorted()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-bench-xml-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    var files: [(mb: Int, url: URL, bytes: Int, procedures: Int)] = []
    for mb in megabytes {
        let url = directory.appendingPathComponent("decision-\(mb)mb.xml")
        let (bytes, procedures) = writeListing(to: url, targetBytes: mb * 1_000_000)
        files.append((mb, url, bytes, procedures))
        print("generated \(url.lastPathComponent): \(bytes) bytes, \(procedures) procedures")
    }
    print("peak RSS after generating: \(Int(peakResidentMiB())) MiB")

    // READS=N streams each file (and runs xmllint with the schema) N times and keeps the
    // fastest of each (default 3): on a shared machine one run can be a third slower.
    let reads = max(1, ProcessInfo.processInfo.environment["READS"].flatMap(Int.init) ?? 3)
    var streamed: [Int: (rate: Double, peakMiB: Double)] = [:]
    for f in files {
        var seconds = Double.infinity, cpu = Double.infinity
        for _ in 0..<reads {
            var count = 0
            let start = monotonicSeconds()
            let cpuStart = cpuSeconds()
            let result = DecisionXMLReader.stream(path: f.url.path, displayPath: f.url.lastPathComponent) { _ in count += 1 }
            let wall = monotonicSeconds() - start
            precondition(result.value != nil && count == f.procedures, "stream read failed: \(result.diagnostics.prefix(3))")
            if wall < seconds { seconds = wall; cpu = cpuSeconds() - cpuStart }
        }
        // CPU time (both threads) beside the wall time: on a shared machine it moves less.
        report("DecisionXMLReader.stream" + (reads > 1 ? " (best of \(reads))" : ""), f.mb, f.bytes, seconds,
               "CPU \(String(format: "%.2f", cpu)) s, peak RSS so far \(Int(peakResidentMiB())) MiB")
        streamed[f.mb] = (Double(f.bytes) / 1_000_000 / seconds, peakResidentMiB())
    }
    for f in files {
        let start = monotonicSeconds()
        let result: ReadResult<Decision>
        do {
            result = DecisionXMLReader.read(try InputFile.read(f.url, displayPath: f.url.lastPathComponent))
        } catch {
            print("cannot read \(f.url.path): \(error.diagnostics.map { $0.rendered(.en) })")
            return
        }
        let seconds = monotonicSeconds() - start
        precondition(result.value?.changes.count == f.procedures, "read failed: \(result.diagnostics.prefix(3))")
        report("DecisionXMLReader.read (whole file + model in memory)", f.mb, f.bytes, seconds,
               "peak RSS so far \(Int(peakResidentMiB())) MiB")
    }

    guard let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: FileManager.default.isExecutableFile)
    else {
        print("xmllint not found (apt-get install -y libxml2-utils); skipping the comparison")
        return
    }
    let schema = URL(fileURLWithPath: "catalogs/schema/decision.xsd")
    let hasSchema = FileManager.default.fileExists(atPath: schema.path)
    for f in files {
        if let run = spawnMeasured(xmllint, ["--stream", "--noout", f.url.path]) {
            report("xmllint --stream --noout", f.mb, f.bytes, run.seconds, "child peak RSS \(run.maxRSSKiB / 1024) MiB, exit \(run.status)")
        }
        if hasSchema, let run = (0..<reads).compactMap({ _ in spawnMeasured(xmllint, ["--stream", "--noout", "--schema", schema.path, f.url.path]) })
            .min(by: { $0.seconds < $1.seconds }) {
            report("xmllint --stream --noout --schema decision.xsd" + (reads > 1 ? " (best of \(reads))" : ""), f.mb, f.bytes, run.seconds,
                   "CPU \(String(format: "%.2f", run.cpu)) s, child peak RSS \(run.maxRSSKiB / 1024) MiB, exit \(run.status)")
            if let ours = streamed[f.mb] {
                let theirs = Double(f.bytes) / 1_000_000 / run.seconds
                print("ratio, \(f.mb) MB: DecisionXMLReader.stream (schema-validated) reads at \(String(format: "%.2f", ours.rate / theirs))× "
                    + "the rate of xmllint --stream --schema (goal ≥ 0.75)")
            }
        }
    }
    // ru_maxrss only grows and the runs go from the smallest file up, so the peak after the
    // largest file over the peak after the smallest says how streaming memory grows.
    if let small = megabytes.first, let large = megabytes.last, small != large,
       let a = streamed[small], let b = streamed[large] {
        print("memory: peak RSS after streaming \(large) MB / after \(small) MB = \(String(format: "%.2f", b.peakMiB / a.peakMiB)) (goal ≤ 2)")
    }
}

private func report(_ what: String, _ mb: Int, _ bytes: Int, _ seconds: Double, _ memory: String) {
    let rate = Double(bytes) / 1_000_000 / seconds
    print("\(what), \(mb) MB: \(String(format: "%.2f", seconds)) s, \(String(format: "%.1f", rate)) MB/s, \(memory)")
}

/// Writes a listing of about `targetBytes` bytes; returns its size and procedure count.
/// The content is a fixed function of the procedure number, so runs are comparable.
private func writeListing(to url: URL, targetBytes: Int) -> (Int, Int) {
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: url.path) else { fatalError("cannot write \(url.path)") }
    defer { try? handle.close() }
    let changes = ["new", "amended", "replaced", "abolished"]
    let levels = ["<level>province</level>", "<level>commune</level>", "<level>province</level><level>commune</level>"]
    let online = ["full", "partial", "none"]
    var written = 0
    var count = 0
    var buffer = """
    <?xml version="1.0" encoding="UTF-8"?>
    <decision xmlns="urn:tthc:decision:1" number="2345/QĐ-BKHCN" issuer="Bộ Khoa học và Công nghệ" \
    issued="2026-10-20" effective="2026-11-01" national-database="2026-11-03" received="2026-11-04" scope="full-snapshot">

    """
    let closing = "</decision>\n"
    while written + buffer.utf8.count + closing.utf8.count < targetBytes {
        let change = changes[count % 4]
        let code = String(format: "%d.%06d", 1 + count % 2, count % 1_000_000)
        let replaces = change == "replaced" ? "<replaces>\(String(format: "%d.%06d", 2, (count * 7) % 1_000_000))</replaces>" : ""
        buffer += """
          <procedure code="\(code)" change="\(change)">\(replaces)
            <name>Thủ tục cấp giấy chứng nhận số \(count) về hoạt động khoa học và công nghệ</name>
            <field>Hoạt động khoa học và công nghệ</field>
            <levels>\(levels[count % 3])</levels>
            <agency>Sở Khoa học và Công nghệ</agency>
            <processing-time>\(5 + count % 25) ngày làm việc</processing-time>
            <fees>\(count % 10 * 100).000 đồng</fees>
            <online-service>\(online[count % 3])</online-service>
            <legal-basis>Thông tư \(count % 40 + 1)/2026/TT-BKHCN</legal-basis>
          </procedure>

        """
        count += 1
        if buffer.utf8.count > 1 << 20 {
            written += buffer.utf8.count
            handle.write(Data(buffer.utf8))
            buffer = ""
        }
    }
    buffer += closing
    written += buffer.utf8.count
    handle.write(Data(buffer.utf8))
    return (written, count)
}

private func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `path arguments` with output discarded; its wall time, exit status and peak RSS.
///
/// Through `/usr/bin/time` when present: a child spawned straight from this process
/// inherits this process's peak RSS in `ru_maxrss` (Linux records the parent's high-water
/// mark at exec), which would hide xmllint's own figure. `time` is small, so its child's
/// figure is xmllint's.
private func spawnMeasured(_ path: String, _ arguments: [String]) -> (seconds: Double, cpu: Double, status: Int32, maxRSSKiB: Int)? {
    let timeTool = "/usr/bin/time"
    guard FileManager.default.isExecutableFile(atPath: timeTool) else { return spawnWait4(path, arguments) }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-bench-time-\(getpid()).txt")
    defer { try? FileManager.default.removeItem(at: output) }
    guard let run = spawnWait4(timeTool, ["-f", "%e %U %S %M", "-o", output.path, path] + arguments),
          let text = try? String(contentsOf: output, encoding: .utf8) else { return nil }
    let fields = text.split(whereSeparator: \.isWhitespace).suffix(4).map(String.init)
    guard fields.count == 4, let seconds = Double(fields[0]), let user = Double(fields[1]), let system = Double(fields[2]),
          let kib = Int(fields[3])
    else { return run }
    return (seconds, user + system, run.status, kib)
}

private func spawnWait4(_ path: String, _ arguments: [String]) -> (seconds: Double, cpu: Double, status: Int32, maxRSSKiB: Int)? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = monotonicSeconds()
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    var usage = rusage()
    guard wait4(pid, &status, 0, &usage) == pid else { return nil }
    let seconds = monotonicSeconds() - start
    return (seconds, cpuSeconds(usage), (status >> 8) & 0xFF, usage.ru_maxrss)
}
