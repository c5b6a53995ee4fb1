import Foundation
import TTHCKit

/// CSV listing benchmark: writes a deterministic annex-style listing of about
/// `arguments[0]` MB (default 40: about 96,000 rows, under the 100,000-row limit of
/// ``TableLimits``) into a temporary directory, reads it with
/// DecisionCSVReader, and prints throughput and peak resident memory.
func benchCSV(arguments: [String]) {
    let megabytes = arguments.first.flatMap(Int.init) ?? 40
    let target = megabytes * 1_000_000
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-bench-csv-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("annex.csv")

    guard FileManager.default.createFile(atPath: url.path, contents: nil),
          let handle = FileHandle(forWritingAtPath: url.path) else {
        print("csv: cannot write \(url.path)")
        return
    }
    // Written a megabyte at a time, so the peak memory reported is the reader's.
    let (written, rows) = generateAnnex(targetBytes: target) { chunk in handle.write(Data(chunk)) }
    try? handle.close()
    let size = Double(written) / 1_000_000
    print("csv: generated \(String(format: "%.1f", size)) MB, \(rows) procedure rows")

    let file: InputFile
    do { file = try InputFile.read(url, displayPath: "annex.csv") } catch {
        print("csv: cannot read the generated file")
        return
    }
    // READS=N reads the file N times and keeps the fastest (default 3): on a shared
    // machine the best read is the one the neighbours disturbed least.
    let reads = max(1, ProcessInfo.processInfo.environment["READS"].flatMap(Int.init) ?? 3)
    var seconds = Double.infinity, cpu = Double.infinity
    var result = ReadResult<[ProcedureChange]>(value: nil, diagnostics: [])
    for _ in 0..<reads {
        // The last read's procedures are freed before the clock starts, not inside the read.
        result = ReadResult(value: nil, diagnostics: [])
        let cpuStart = cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        result = DecisionCSVReader.read(file, effectiveDate: CivilDate(year: 2026, month: 12, day: 1))
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if wall < seconds { seconds = wall; cpu = cpuSeconds() - cpuStart }
    }
    let changes = result.value?.count ?? 0
    print("csv: read \(changes) procedures, \(result.diagnostics.count) diagnostics")
    print("csv: best of \(reads) reads: wall \(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", size / seconds)) MB/s; "
        + "CPU \(String(format: "%.2f", cpu)) s = \(String(format: "%.1f", size / cpu)) MB/s")
    print("csv: peak resident memory \(Int(peakResidentMiB())) MiB")
    pandasPeer(url, megabytes: size, ourSeconds: seconds, reads: reads)
}

/// `pandas.read_csv` on the same file, timed inside Python (the interpreter's start and
/// pandas' import left out, which favours the peer), every column as text as tthc reads
/// them, the best of as many reads as tthc had; prints its rate and tthc's ratio to it.
private func pandasPeer(_ url: URL, megabytes: Double, ourSeconds: Double, reads: Int) {
    let script = """
        import csv, sys, time
        import pandas
        # As many columns as the widest row (title rows are narrower than the table).
        with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
            width = max(len(row) for row in csv.reader(f))
        best = float("inf")
        for _ in range(int(sys.argv[2])):
            start = time.perf_counter()
            frame = pandas.read_csv(sys.argv[1], dtype=str, keep_default_na=False, header=None, names=range(width), encoding="utf-8-sig")
            best = min(best, time.perf_counter() - start)
            records = len(frame)
            del frame
        print(best, records)
        """
    let pipe = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, url.path, String(reads)]
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else {
        print("csv: python3 not found; no pandas comparison")
        return
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = output.split(whereSeparator: \.isWhitespace)
    guard process.terminationStatus == 0, fields.count == 2, let seconds = Double(fields[0]) else {
        print("csv: pandas is not installed (python3 -m pip install pandas); no comparison")
        return
    }
    print("csv: pandas.read_csv, best of \(reads): \(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", megabytes / seconds)) MB/s (\(fields[1]) records); "
        + "tthc reads at \(String(format: "%.2f", seconds / ourSeconds))× the rate of pandas.read_csv (goal ≥ 1)")
}

/// A listing shaped like a real annex: title rows, a multi-line header, the four change
/// sections with level and field headings, quoted multi-line names, Vietnamese text.
/// Deterministic (the same bytes every run).
private func generateAnnex(targetBytes: Int, write: ([UInt8]) -> Void) -> (Int, Int) {
    var out: [UInt8] = [0xEF, 0xBB, 0xBF]
    var written = 0
    out.reserveCapacity(1 << 20 + 4096)
    func line(_ s: String) {
        out += Array(s.utf8)
        out += [0x0D, 0x0A]
        if out.count >= 1 << 20 {
            write(out)
            written += out.count
            out.removeAll(keepingCapacity: true)
        }
    }
    line("PHỤ LỤC;;;;;;;;;")
    line("DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH, ĐƯỢC SỬA ĐỔI, BỔ SUNG, THAY THẾ VÀ BỊ BÃI BỎ;;;;;;;;;")
    line("STT;Mã số TTHC;\"Tên thủ tục\nhành chính\";Lĩnh vực;Cấp thực hiện;Cơ quan thực hiện;Thời hạn giải quyết;Phí, lệ phí;Mức độ DVC trực tuyến;Tên VBQPPL quy định nội dung sửa đổi, bổ sung, thay thế, bãi bỏ")
    let sections = ["1. Danh mục thủ tục hành chính mới ban hành", "2. Danh mục thủ tục hành chính được sửa đổi, bổ sung",
                    "3. Danh mục thủ tục hành chính được thay thế", "4. Danh mục thủ tục hành chính bị bãi bỏ"]
    let fields = ["Hoạt động khoa học và công nghệ", "Tiêu chuẩn đo lường chất lượng", "Sở hữu trí tuệ", "An toàn bức xạ và hạt nhân"]
    let online = ["Toàn trình", "Một phần", "Không", "Mức độ 3"]
    let perSection = targetBytes / 4 / 415 + 1
    var rows = 0
    for (s, section) in sections.enumerated() {
        line(section + ";;;;;;;;;")
        line("A. Thủ tục hành chính cấp tỉnh;;;;;;;;;")
        for i in 0..<perSection {
            if i % 500 == 0 { line("I. Lĩnh vực \(fields[(i / 500) % fields.count]);;;;;;;;;") }
            let code = "\(1 + (i % 2)).\(String(format: "%06d", (s * perSection + i) % 1_000_000))"
            let name = i % 7 == 0
                ? "\"Thủ tục cấp giấy chứng nhận đăng ký hoạt động \"\"chuyển giao\"\" công nghệ\nsố \(i) đối với tổ chức, cá nhân\""
                : "Thủ tục công nhận kết quả nghiên cứu khoa học và phát triển công nghệ số \(i) do tổ chức, cá nhân tự đầu tư"
            line("\(i + 1);\(code);\(name);;Tỉnh, Xã;Sở Khoa học và Công nghệ;15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ;\"Lệ phí: 500.000 đồng; phí thẩm định 1.500.000 đồng\";\(online[i % 4]);Thông tư 20/2026/TT-BKHCN ngày 15 tháng 10 năm 2026")
            rows += 1
        }
    }
    write(out)
    return (written + out.count, rows)
}
