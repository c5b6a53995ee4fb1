import TTHCKit
import FuzzDriver
#if canImport(Glibc)
import Glibc
#endif

/// The path every fuzzed input is read as; each diagnostic must name it.
public let fuzzPath = "fuzz/input"

/// The input as an ``InputFile`` named ``fuzzPath``.
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> InputFile {
    InputFile(displayPath: fuzzPath, bytes: Array(UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)))
}

/// What must hold for any reader on any input: a missing value is explained by at least
/// one error; every diagnostic names the input file, points at a line and column that
/// exist (1-based, within the file), has an id and says something in both languages.
/// A violation stops the fuzzer with the reason, so it is kept as a crash.
public func checkReadResult<Value>(_ result: ReadResult<Value>, _ file: InputFile) {
    let errors = result.diagnostics.filter { $0.severity == .error }
    if result.value == nil && errors.isEmpty {
        fatalError("no value and no error; diagnostics: \(result.diagnostics.map { $0.rendered(.en) })")
    }
    let lines = lineCount(file.bytes)
    for d in result.diagnostics {
        // Rendered only to explain a failure: most inputs have many diagnostics.
        guard d.location.file == file.displayPath else { fatalError("diagnostic names another file: \(d.rendered(.en))") }
        guard !d.id.isEmpty, !d.message.vi.isEmpty, !d.message.en.isEmpty else { fatalError("empty diagnostic: \(d.rendered(.en))") }
        if let line = d.location.line, line < 1 || line > lines {
            fatalError("line \(line) outside a file of \(lines) lines: \(d.rendered(.en))")
        }
        if let column = d.location.column, column < 1 { fatalError("column \(column): \(d.rendered(.en))") }
    }
}

/// Hands the process to libFuzzer with `body` as the target; returns libFuzzer's exit code.
public func runFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, body))
}

/// An upper bound on the lines an editor shows: one more than the line breaks, counting
/// CR LF once and a lone CR, LF, NEL, LS and PS each once (YAML knows all five; CSV the
/// first three). Counted on bytes and meant for UTF-8 and UTF-16 alike, so it over-counts
/// (any 0x85, 0xA8 or 0xA9 byte, any 0x20 0x28/0x29 pair) and never under-counts.
public func lineCount(_ b: [UInt8]) -> Int {
    var n = 1
    var i = 0
    while i < b.count {
        switch b[i] {
        case 0x0D:
            n += 1
            if i + 1 < b.count, b[i + 1] == 0x0A { i += 1 }
        case 0x0A, 0x85, 0xA8, 0xA9:
            n += 1
        case 0x20 where i + 1 < b.count && (b[i + 1] == 0x28 || b[i + 1] == 0x29):
            n += 1
        case 0x28 where i + 1 < b.count && b[i + 1] == 0x20, 0x29 where i + 1 < b.count && b[i + 1] == 0x20:
            n += 1
        default:
            break
        }
        i += 1
    }
    return n
}

/// The reader invariant for a whole decision document (a saved web page, a PDF).
public func checkDocument(_ file: InputFile, kind: DocumentListingReader.Kind) {
    let reading = DocumentListingReader.read(file, kind: kind)
    checkReadResult(ReadResult(value: reading.annex.changes, diagnostics: reading.annex.diagnostics), file)
}
