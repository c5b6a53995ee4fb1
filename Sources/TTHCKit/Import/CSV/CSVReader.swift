#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One cell of a CSV record: its text as written (quotes removed, `""` unescaped, not yet
/// normalised) and where it starts.
///
/// `line` is the physical line and `column` the 1-based character column (counted in
/// Unicode scalars, as editors and libYAML count them) of the cell's first character; for
/// a quoted cell that is the opening quote.
public struct CSVCell: Hashable, Sendable {
    public var text: String
    public var line: Int
    public var column: Int

    public init(text: String, line: Int, column: Int) {
        self.text = text
        self.line = line
        self.column = column
    }

    /// True when the cell holds nothing but whitespace.
    public var isBlank: Bool { Self.isBlank(text) }

    /// True when `text` holds nothing but whitespace: what ``isBlank`` says of a cell (and
    /// ``GridCell/isBlank`` of a grid cell) holding it.
    @inline(__always)
    static func isBlank(_ text: String) -> Bool {
        for b in text.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
            if b < 0x80 { return false }
            // Non-ASCII: NBSP and other Unicode spaces count as blank, as
            // ``TextNormalization/clean(_:)`` treats them (without normalising a long cell
            // to learn that its first letter is one).
            return text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0 == "\u{200B}" || $0 == "\u{FEFF}" }
        }
        return true
    }
}

/// One record (row) of a CSV file. `line` is the physical line where the record starts,
/// which differs from the line count of earlier records when cells span several lines.
public struct CSVRecord: Hashable, Sendable {
    public var cells: [CSVCell]
    public var line: Int

    public init(cells: [CSVCell], line: Int) {
        self.cells = cells
        self.line = line
    }

    /// The cell at a 0-based index, or `nil` past the end of a short row.
    public subscript(_ index: Int) -> CSVCell? {
        index < cells.count ? cells[index] : nil
    }

    /// True when every cell is blank (Excel writes such rows as `;;;;`).
    public var isBlank: Bool { cells.allSatisfy(\.isBlank) }
}

/// The text encodings a CSV file can arrive in.
public enum CSVEncoding: String, Sendable, Codable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
}

/// A decoded, tokenised CSV file.
public struct CSVDocument: Sendable {
    public var encoding: CSVEncoding
    /// `,` `;` or tab.
    public var delimiter: Character
    public var records: [CSVRecord]
}

/// Reads CSV files as RFC 4180 describes them and as Excel actually writes them.
///
/// Hand-written rather than taken from a CSV package (SwiftCSV, CSV.swift) because the
/// readers need things those do not give: the physical line and character column where
/// every record and cell starts (for compiler-style diagnostics, also across multi-line
/// quoted cells), byte-level encoding detection with a refusal that names the offending
/// line instead of mojibake, delimiter detection, and Excel's habits (BOM, UTF-16
/// "Unicode text", CR, CRLF or LF line ends). It also has to be fast on large files, so it
/// works on UTF-8 bytes, never on `Character`s.
///
/// Accepted: UTF-8 with or without BOM, UTF-16 LE/BE with a BOM (and without one when the
/// NUL pattern of ASCII text gives the byte order away); `,` `;` or tab delimiters, detected
/// from the first records; quoted cells with embedded delimiters, line breaks and `""`.
/// Refused with an error diagnostic: invalid UTF-8 (e.g. Windows-1258 or TCVN3 files),
/// NUL bytes, a BOM after the start of the file, an unterminated quote, text after a
/// closing quote.
public enum CSVReader {
    /// Decodes and tokenises the whole file.
    public static func read(_ file: InputFile) -> ReadResult<CSVDocument> {
        var records: [CSVRecord] = []
        let (info, diagnostics) = forEachRecord(file) { records.append($0) }
        guard let info else { return ReadResult(value: nil, diagnostics: diagnostics) }
        return ReadResult(
            value: CSVDocument(encoding: info.encoding, delimiter: Character(Unicode.Scalar(info.delimiter)), records: records),
            diagnostics: diagnostics)
    }

    /// What decoding found out about a file.
    public struct FileInfo: Sendable {
        public var encoding: CSVEncoding
        public var delimiter: UInt8
    }

    /// Decodes the file and hands each non-empty record to `body` in order, without keeping
    /// them, so that large files are read in constant memory beyond their bytes. Returns the
    /// encoding and delimiter (nil when the file could not be decoded at all) and every
    /// diagnostic about the file's text. Physical lines that hold nothing are skipped. The
    /// limits of ``TableLimits`` are kept on the bytes as they are read: past the cell, row
    /// or cell-count limit no record is handed over any more, and the error says where.
    public static func forEachRecord(
        _ file: InputFile, _ body: (CSVRecord) -> Void
    ) -> (FileInfo?, [Diagnostic]) {
        forEachCellRow(file, as: CSVCell.self) { body(CSVRecord(cells: $0, line: $1)) }
    }

    /// ``forEachRecord(_:_:)`` with the cells built as `Cell` (a ``GridCell`` for the
    /// annex interpreter), so that no second array of cells is made for each record.
    ///
    /// `checkingAsItGoes`: a UTF-8 file is not checked whole before its first record, but
    /// cell by cell as each cell's string is made (which checks its bytes anyway); every
    /// byte outside a cell is a delimiter, a quote, a line break or a stray BOM (reported
    /// on its own). The first bad cell
    /// stops the reading, and the whole file is then checked as before, so the diagnostics
    /// are the same either way; but records before the bad byte have been handed to
    /// `body`, which must set them aside when the file info is nil. For the grid readers
    /// (``CSVTableSource``): the check of the whole file read every byte a second time,
    /// and on two threads it held the interpreter back until it was done.
    ///
    /// `sharingTextsWithin`: a repeated long text is one string only among this many
    /// records at a time (``CSVTokenizer/sharePeriod``); the records' batch size when
    /// another thread reads them.
    static func forEachCellRow<Cell: CSVTokenCell>(
        _ file: InputFile, as _: Cell.Type, checkingAsItGoes: Bool = false, sharingTextsWithin period: Int = .max,
        _ body: ([Cell], Int) -> Void
    ) -> (FileInfo?, [Diagnostic]) {
        let decoded = decode(file, checkingUTF8: !checkingAsItGoes)
        guard case .success(let text) = decoded else {
            if case .failure(let failure) = decoded { return (nil, [failure.diagnostic]) }
            return (nil, [])
        }
        return text.bytes.withUnsafeBufferPointer { buffer in
            let start = text.bomLength
            let delimiter = detectDelimiter(buffer, from: start)
            // Transcoded UTF-16 is well-formed UTF-8 by construction.
            let checks = checkingAsItGoes && (text.encoding == .utf8 || text.encoding == .utf8WithBOM)
            var tokenizer = CSVTokenizer<Cell>(bytes: buffer, start: start, delimiter: delimiter, file: file.displayPath,
                                               checksUTF8: checks, sharePeriod: period)
            while let record = tokenizer.next() { body(record.cells, record.line) }
            // A bad cell, or a limit that left bytes unread: the whole file decides.
            if checks, tokenizer.sawInvalidUTF8 || tokenizer.stopped, let bad = firstInvalidUTF8(text.bytes, from: start) {
                return (nil, [invalidUTF8(text.bytes, at: bad, file: file.displayPath)])
            }
            return (FileInfo(encoding: text.encoding, delimiter: delimiter), tokenizer.diagnostics)
        }
    }

    /// True when `diagnostics` say the file could not be decoded: what was read of it
    /// before the bad byte (``forEachCellRow(_:as:checkingAsItGoes:_:)``) counts for nothing.
    static func undecodable(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.contains { $0.id == .csvEncoding && $0.severity == .error }
    }

    // MARK: - Decoding

    struct DecodeFailure: Error {
        var diagnostic: Diagnostic
        init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    }

    struct DecodedText {
        var bytes: [UInt8]
        /// UTF-8 BOM bytes to skip at the start of `bytes`.
        var bomLength: Int
        var encoding: CSVEncoding
    }

    /// Turns the file's bytes into UTF-8, or explains why it cannot. `checkingUTF8` false
    /// leaves a UTF-8 file's bytes unchecked, for a tokenizer that checks them as it goes.
    static func decode(_ file: InputFile, checkingUTF8: Bool = true) -> Result<DecodedText, DecodeFailure> {
        let b = file.bytes
        let path = file.displayPath
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            if checkingUTF8, let bad = firstInvalidUTF8(b, from: 3) { return .failure(DecodeFailure(invalidUTF8(b, at: bad, file: path))) }
            return .success(DecodedText(bytes: b, bomLength: 3, encoding: .utf8WithBOM))
        }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE {
            return transcodeUTF16(b, from: 2, bigEndian: false, file: path).map {
                DecodedText(bytes: $0, bomLength: 0, encoding: .utf16LE)
            }
        }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF {
            return transcodeUTF16(b, from: 2, bigEndian: true, file: path).map {
                DecodedText(bytes: $0, bomLength: 0, encoding: .utf16BE)
            }
        }
        if let bigEndian = utf16WithoutBOM(b) {
            return transcodeUTF16(b, from: 0, bigEndian: bigEndian, file: path).map {
                DecodedText(bytes: $0, bomLength: 0, encoding: bigEndian ? .utf16BE : .utf16LE)
            }
        }
        if checkingUTF8, let bad = firstInvalidUTF8(b, from: 0) { return .failure(DecodeFailure(invalidUTF8(b, at: bad, file: path))) }
        return .success(DecodedText(bytes: b, bomLength: 0, encoding: .utf8))
    }

    /// UTF-16 without a BOM shows itself by NUL bytes in every other position while the
    /// text is ASCII (headers always start that way). Looks at the first 64 code units:
    /// `true` for big-endian, `false` for little-endian, `nil` when it is not UTF-16.
    static func utf16WithoutBOM(_ b: [UInt8]) -> Bool? {
        let units = min(b.count / 2, 64)
        guard units >= 4 else { return nil }
        var evenZero = 0, oddZero = 0
        for i in 0..<units {
            if b[2 * i] == 0 { evenZero += 1 }
            if b[2 * i + 1] == 0 { oddZero += 1 }
        }
        if oddZero == units, evenZero == 0 { return false }
        if evenZero == units, oddZero == 0 { return true }
        return nil
    }

    static func transcodeUTF16(_ b: [UInt8], from start: Int, bigEndian: Bool, file: String) -> Result<[UInt8], DecodeFailure> {
        var out: [UInt8] = []
        out.reserveCapacity((b.count - start) * 3 / 2)
        var i = start
        var line = 1, column = 1
        func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(b[at]) << 8 | UInt32(b[at + 1]) : UInt32(b[at + 1]) << 8 | UInt32(b[at])
        }
        func failure() -> Result<[UInt8], DecodeFailure> {
            .failure(DecodeFailure(Diagnostic(.error, .csvEncoding, at: SourceLocation(file: file, line: line, column: column), LocalizedText(
                vi: "tệp UTF-16 hỏng (nửa cặp thay thế lẻ hoặc số byte lẻ); hãy lưu lại tệp: trong Excel chọn File › Save As › CSV UTF-8 (Comma delimited)",
                en: "broken UTF-16 (unpaired surrogate or odd byte count); save the file again: in Excel, File › Save As › CSV UTF-8 (Comma delimited)"))))
        }
        while i < b.count {
            guard i + 1 < b.count else { return failure() }
            var scalar = unit(i)
            i += 2
            if (0xD800...0xDBFF).contains(scalar) {
                guard i + 1 < b.count else { return failure() }
                let low = unit(i)
                guard (0xDC00...0xDFFF).contains(low) else { return failure() }
                i += 2
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                return failure()
            }
            UTF8.encode(Unicode.Scalar(scalar)!) { out.append($0) }
            if scalar == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return .success(out)
    }

    /// The offset of the first byte that does not belong to well-formed UTF-8, or nil.
    static func firstInvalidUTF8(_ b: [UInt8], from start: Int) -> Int? {
        b.withUnsafeBufferPointer { firstInvalidUTF8(in: $0, from: start) }
    }

    /// ``firstInvalidUTF8(_:from:)`` of bytes in memory (a cell's, as the tokenizer makes its
    /// string).
    static func firstInvalidUTF8(in p: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        var i = start
        let n = p.count
        while i < n {
            let c = p[i]
            if c < 0x80 {
                i += 1
                // Eight ASCII bytes at a time where they run on (numbers, codes).
                while i + 8 <= n,
                      UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                continue
            }
            // Two- and three-byte letters (all of Vietnamese) first, without the table.
            if c >= 0xC2, c <= 0xDF {
                guard i + 2 <= n, p[i + 1] & 0xC0 == 0x80 else { return i }
                i += 2
                continue
            }
            if c >= 0xE1, c <= 0xEC, i + 3 <= n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 {
                i += 3
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let second = p[i + 1]
            guard second >= lower, second <= upper else { return i }
            for k in 2..<length where p[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    /// The refusal for a file that is not UTF-8: where the first bad byte is and how to
    /// save the file properly. Guessing an 8-bit code page (Windows-1258, TCVN3, VNI) would
    /// turn Vietnamese into mojibake without anyone noticing, so the reader never guesses.
    ///
    /// The place is counted as the tokenizer counts its cells' places: LF, CRLF and a lone CR
    /// each end a line (a file from old Mac Excel has no LF at all), and a BOM at the start
    /// of the file is no character of the first line.
    static func invalidUTF8(_ b: [UInt8], at offset: Int, file: String) -> Diagnostic {
        var line = 1, lineStart = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var i = lineStart
        while i < offset {
            if b[i] == 0x0A || b[i] == 0x0D {
                if b[i] == 0x0D, i + 1 < offset, b[i + 1] == 0x0A { i += 1 }
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        for i in lineStart..<offset where b[i] & 0xC0 != 0x80 { column += 1 }
        let hex = "0x" + String(b[offset], radix: 16, uppercase: true)
        return Diagnostic(.error, .csvEncoding, at: SourceLocation(file: file, line: line, column: column), LocalizedText(
            vi: "tệp không phải UTF-8 (byte \(hex)); có lẽ tệp được lưu bằng bảng mã cũ (Windows-1258, TCVN3, VNI). Hãy lưu lại dạng CSV UTF-8: trong Excel chọn File › Save As › CSV UTF-8 (Comma delimited); trong LibreOffice chọn bộ ký tự Unicode (UTF-8)",
            en: "the file is not UTF-8 (byte \(hex)); it was probably saved in a legacy code page (Windows-1258, TCVN3, VNI). Save it again as CSV UTF-8: in Excel, File › Save As › CSV UTF-8 (Comma delimited); in LibreOffice, choose the Unicode (UTF-8) character set"))
    }

    // MARK: - Delimiter detection

    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    /// Picks the delimiter from the first records (at most 30 lines or 64 KiB): Excel writes
    /// every row of a sheet with the same number of delimiters, padding title rows, so the
    /// right delimiter is the one whose most common non-zero count per line occurs on the
    /// most lines. Commas or semicolons inside unquoted text vary from line to line and lose.
    /// Ties go to the larger count, then to `,` before `;` before tab. Quotes are respected.
    static func detectDelimiter(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        let end = min(p.count, start + 65_536)
        var counts: [[Int]] = [[], [], []]
        var current = [0, 0, 0]
        var inQuotes = false
        var lines = 0
        var i = start
        func endLine() {
            for k in 0..<3 where current[k] > 0 { counts[k].append(current[k]) }
            current = [0, 0, 0]
            lines += 1
        }
        while i < end, lines < 30 {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == 0x0A || c == 0x0D {
                    endLine()
                    if c == 0x0D, i + 1 < end, p[i + 1] == 0x0A { i += 1 }
                } else if c == candidates[0] { current[0] += 1 }
                else if c == candidates[1] { current[1] += 1 }
                else if c == candidates[2] { current[2] += 1 }
            }
            i += 1
        }
        if lines < 30 { endLine() }
        var best = (index: 0, lines: 0, count: 0)
        for k in 0..<3 {
            var frequency: [Int: Int] = [:]
            for c in counts[k] { frequency[c, default: 0] += 1 }
            // The mode: most lines, then the larger count (deterministic over the dictionary).
            var mode = (lines: 0, count: 0)
            for (count, n) in frequency where (n, count) > (mode.lines, mode.count) { mode = (n, count) }
            if (mode.lines, mode.count) > (best.lines, best.count) { best = (k, mode.lines, mode.count) }
        }
        return candidates[best.index]
    }
}

/// A cell the tokenizer can build: ``CSVCell`` for the table readers, ``GridCell`` for the
/// annex interpreter.
protocol CSVTokenCell {
    init(text: String, line: Int, column: Int)
    var text: String { get }
    var line: Int { get set }
    var column: Int { get set }
}

extension CSVCell: CSVTokenCell {}

extension GridCell: CSVTokenCell {
    init(text: String, line: Int, column: Int) { self.init(text: text, line: line, column: column, columnSpan: 1, rowSpan: 1) }
}

/// The tokenizer proper: walks UTF-8 bytes once, tracking physical line and character
/// column, and yields records. Line breaks are LF, CRLF or a lone CR (old Mac Excel).
struct CSVTokenizer<Cell: CSVTokenCell> {
    let p: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    let file: String
    var i: Int
    var line = 1
    /// Column of the byte at `i` (1-based, in Unicode scalars).
    var column = 1
    private(set) var diagnostics: [Diagnostic] = []
    private var reportedNUL = false
    private var scratch: [UInt8] = []
    /// Records and cells handed over, against ``TableLimits``.
    private var records = 0
    private var cellCount = 0
    private var warnedWide = false
    /// The width of the last record, reserved for the next (rows of a table are alike).
    private var lastWidth = 8
    /// Set when the file passes a limit of ``TableLimits``: no record is handed over after.
    private(set) var stopped = false

    private static var quote: UInt8 { UInt8(ascii: "\"") }
    private static var lf: UInt8 { 0x0A }
    private static var cr: UInt8 { 0x0D }

    /// Whether cells are checked for well-formed UTF-8 as their strings are made
    /// (``CSVReader/forEachCellRow(_:as:checkingAsItGoes:_:)``).
    let checksUTF8: Bool
    /// A cell's bytes were not UTF-8: the tokenizer stopped there.
    private(set) var sawInvalidUTF8 = false

    /// Every this many records, the cells above (``cell(_:index:raw:line:column:)``) are
    /// let go, and a repeated long text is a string of its own again. When the records
    /// are read on another thread in batches of this size, no string is then held by two
    /// batches. A string shared by all was retained here for each new
    /// record while the reading thread released it for the old ones, and its count's cache
    /// line went back and forth between the cores: a third of the reading thread's time.
    let sharePeriod: Int

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, delimiter: UInt8, file: String, checksUTF8: Bool = false,
         sharePeriod: Int = .max) {
        precondition(sharePeriod > 0, "a share period holds at least one record")
        self.p = bytes
        self.i = start
        self.sharePeriod = sharePeriod
        self.checksUTF8 = checksUTF8
        self.delimiter = delimiter
        self.delimiterWord = ByteWord.repeating(delimiter)
        self.file = file
        scratch.reserveCapacity(256)
    }

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// Advances over one byte that is not a line break.
    @inline(__always)
    private mutating func step() {
        if p[i] & 0xC0 != 0x80 { column += 1 }
        i += 1
    }

    private static var quoteWord: UInt64 { ByteWord.repeating(UInt8(ascii: "\"")) }
    /// The delimiter in each byte of a word, for ``skipPlainWords(stoppingAt:before:)``.
    private let delimiterWord: UInt64

    /// Moves `i` over whole words of eight bytes in which no byte ends the run: none is
    /// the one of `stop` (the delimiter, or the quote inside a quoted cell), a line break,
    /// NUL or 0xEF (the first byte of a stray BOM), which the byte-wise loops then look
    /// at. The column advances by the bytes that start a character (not 10xxxxxx). Most
    /// of a cell's bytes are letters, so the byte-wise loops see only its last few.
    @inline(__always)
    private mutating func skipPlainWords(stoppingAt stop: UInt64, before end: Int? = nil) {
        let limit = end ?? p.count
        guard let base = p.baseAddress else { return }
        let lf = ByteWord.repeating(0x0A), cr = ByteWord.repeating(0x0D), ef = ByteWord.repeating(0xEF)
        while i + 8 <= limit {
            let w = ByteWord.load(base + i)
            if ByteWord.has(w, stop) || ByteWord.has(w, lf) || ByteWord.has(w, cr) || ByteWord.hasZeroByte(w)
                || ByteWord.has(w, ef) { return }
            column += ByteWord.characterStarts(w)
            i += 8
        }
    }

    /// At a CR or LF: consumes the line break (CRLF as one).
    @inline(__always)
    private mutating func newline() {
        if p[i] == Self.cr, i + 1 < p.count, p[i + 1] == Self.lf { i += 1 }
        i += 1
        line += 1
        column = 1
    }

    /// Checks the byte at `i` for NUL and for a stray BOM (EF BB BF); returns true when the
    /// BOM was skipped.
    @inline(__always)
    private mutating func checkSpecial() -> Bool {
        let c = p[i]
        if c == 0 {
            if !reportedNUL {
                reportedNUL = true
                diagnostics.append(Diagnostic(.error, .csvNul, at: location(line, column), LocalizedText(
                    vi: "tệp chứa byte NUL: đây không phải tệp văn bản CSV (tệp nhị phân, hoặc UTF-16 thiếu BOM?); hãy lưu lại dạng CSV UTF-8",
                    en: "the file contains a NUL byte: this is not CSV text (a binary file, or UTF-16 without a BOM?); save it again as CSV UTF-8")))
            }
            return false
        }
        if c == 0xEF, i + 2 < p.count, p[i + 1] == 0xBB, p[i + 2] == 0xBF {
            diagnostics.append(Diagnostic(.error, .csvBomInMiddle, at: location(line, column), LocalizedText(
                vi: "dấu BOM (U+FEFF) giữa tệp: có lẽ hai tệp đã bị nối vào nhau; hãy xoá ký tự này hoặc tách tệp",
                en: "a byte order mark (U+FEFF) in the middle of the file: two files were probably joined; remove it or split the file")))
            i += 3
            column += 1
            return true
        }
        return false
    }

    /// The next non-empty record, or nil at the end of the input or once a limit of
    /// ``TableLimits`` is passed (the error is in ``diagnostics``).
    mutating func next() -> (cells: [Cell], line: Int)? {
        while i < p.count, !stopped {
            // Skip physical lines that hold nothing at all.
            if p[i] == Self.lf || p[i] == Self.cr { newline(); continue }
            guard records < TableLimits.rows else {
                stop(TableLimits.diagnostic(.tooManyRows, at: location(line, column)))
                return nil
            }
            if records % sharePeriod == 0 { above.removeAll(keepingCapacity: true) }
            records += 1
            let record = record()
            return stopped ? nil : record
        }
        return nil
    }

    private mutating func stop(_ diagnostic: Diagnostic) {
        stopped = true
        diagnostics.append(diagnostic)
    }

    private mutating func record() -> (cells: [Cell], line: Int) {
        let recordLine = line
        var cells: [Cell] = []
        cells.reserveCapacity(lastWidth)
        func add(_ cell: Cell) {
            guard cells.count < TableLimits.columns else {
                // Cells past the limit are read over, not kept.
                if !warnedWide {
                    warnedWide = true
                    diagnostics.append(TableLimits.diagnostic(.tooWide, at: location(cell.line, cell.column)))
                }
                return
            }
            cellCount += 1
            if cellCount > TableLimits.cells { stop(TableLimits.diagnostic(.tooManyCells, at: location(cell.line, cell.column))) }
            cells.append(cell)
        }
        while !stopped {
            add(self.cell(index: cells.count))
            if i >= p.count || stopped { break }
            let c = p[i]
            if c == delimiter {
                step()
                if i >= p.count {
                    add(Cell(text: "", line: line, column: column))
                    break
                }
                continue
            }
            // A line break ends the record.
            newline()
            break
        }
        lastWidth = cells.count
        return (cells, recordLine)
    }

    /// The cell of `bytes`, the cell at `index` of its record, starting at `line` and
    /// `column`: the cell above with its place changed when the bytes are the same. A
    /// column of an annex repeats its agency, processing time, fees and legal basis on row
    /// after row, and sharing one string saves decoding it again and the memory of a copy;
    /// what a grid cell tells of its text (``GridCell/isClean``, ``GridCell/isBlank``) is
    /// not told again either. Short texts are stored inline in the string and cost
    /// nothing to make.
    ///
    /// `raw`: the cell's bytes as the file holds them, when bytes were taken out from
    /// between its others (a stray BOM, a closing quote with text after it): that can join
    /// two bad fragments into a good letter (E1 BA, a quote, A5 is no UTF-8, but E1 BA A5
    /// is "ấ"), so the file's own bytes are checked instead of the string's.
    private mutating func cell(_ bytes: UnsafeBufferPointer<UInt8>, index: Int, raw: UnsafeBufferPointer<UInt8>? = nil,
                               line: Int, column: Int) -> Cell {
        if let raw, !rawIsUTF8(raw) { return Cell(text: "", line: line, column: column) }
        let n = bytes.count
        guard n > 15, index < Self.remembered else { return Cell(text: string(bytes, checked: raw != nil), line: line, column: column) }
        if index < above.count, var last = above[index] {
            if last.text.utf8.count == n,
               last.text.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, bytes.baseAddress!, n) == 0 }) == true {
                last.line = line
                last.column = column
                return last
            }
        }
        let made = Cell(text: string(bytes, checked: raw != nil), line: line, column: column)
        while above.count <= index { above.append(nil) }
        above[index] = made
        return made
    }

    /// The string of a cell's bytes; when the tokenizer checks UTF-8 and they are not,
    /// the tokenizer stops (the reader then reports the file's first bad byte).
    ///
    /// `String(decoding:)` checks the bytes itself and puts U+FFFD (EF BF BD) where they
    /// are not UTF-8, so a string without the byte 0xEF (found at `memchr`'s speed) was
    /// made of well-formed bytes; only a string that holds a character from U+F000 up
    /// (a BOM, U+FFFD written as such) is checked again, a byte at a time.
    /// `checked`: the file's bytes of the cell were checked already (``rawIsUTF8(_:)``).
    @inline(__always)
    private mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, checked: Bool = false) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard checksUTF8, !checked else { return text }
        let repairFree = text.utf8.withContiguousStorageIfAvailable { utf8 in
            utf8.isEmpty || memchr(utf8.baseAddress!, 0xEF, utf8.count) == nil
        } ?? false
        if repairFree || CSVReader.firstInvalidUTF8(in: bytes) == nil { return text }
        sawInvalidUTF8 = true
        stopped = true
        return ""
    }

    /// Whether a cell's bytes as the file holds them are UTF-8 (true when the tokenizer
    /// does not check); when not, the tokenizer stops as ``string(_:checked:)`` does.
    private mutating func rawIsUTF8(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard checksUTF8, CSVReader.firstInvalidUTF8(in: raw) != nil else { return true }
        sawInvalidUTF8 = true
        stopped = true
        return false
    }

    /// The last cell of a long text in each of the first columns, for
    /// ``cell(_:index:raw:line:column:)``.
    private var above: [Cell?] = []
    private static var remembered: Int { 64 }

    private mutating func cell(index: Int) -> Cell {
        let startLine = line, startColumn = column
        if i < p.count, p[i] == Self.quote {
            return quotedCell(startLine: startLine, startColumn: startColumn, index: index)
        }
        let begin = i
        var clean = true
        while i < p.count {
            skipPlainWords(stoppingAt: delimiterWord)
            guard i < p.count else { break }
            let c = p[i]
            if c == delimiter || c == Self.lf || c == Self.cr { break }
            if c == 0 || c == 0xEF {
                if checkSpecial() { clean = false; continue }
            }
            step()
        }
        guard i - begin <= TableLimits.cellBytes else {
            stop(TableLimits.diagnostic(.cellTooLong, at: location(startLine, startColumn)))
            return Cell(text: "", line: startLine, column: startColumn)
        }
        if clean {
            return cell(UnsafeBufferPointer(rebasing: p[begin..<i]), index: index, line: startLine, column: startColumn)
        }
        // A stray BOM was skipped: rebuild the text without it.
        var bytes: [UInt8] = []
        var k = begin
        while k < i {
            if p[k] == 0xEF, k + 2 < i, p[k + 1] == 0xBB, p[k + 2] == 0xBF { k += 3; continue }
            bytes.append(p[k])
            k += 1
        }
        let raw = UnsafeBufferPointer(rebasing: p[begin..<i])
        guard rawIsUTF8(raw) else { return Cell(text: "", line: startLine, column: startColumn) }
        return Cell(text: bytes.withUnsafeBufferPointer { string($0, checked: true) }, line: startLine, column: startColumn)
    }

    private mutating func quotedCell(startLine: Int, startColumn: Int, index: Int) -> Cell {
        let opening = i
        // Bytes taken out from between the cell's others (a stray BOM, the quote before
        // text after it) can join bad fragments into a good letter: the file's own bytes
        // of the cell are then checked (``cell(_:index:raw:line:column:)``). An opening or
        // closing quote at the cell's ends, or one quote of a pair, joins nothing.
        var joined = false
        step() // opening quote
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard scratch.count <= TableLimits.cellBytes else {
                stop(TableLimits.diagnostic(.cellTooLong, at: location(startLine, startColumn)))
                return Cell(text: "", line: startLine, column: startColumn)
            }
            guard i < p.count else {
                diagnostics.append(Diagnostic(.error, .csvUnterminatedQuote, at: location(startLine, startColumn), LocalizedText(
                    vi: "dấu ngoặc kép mở ở đây không được đóng trước khi hết tệp",
                    en: "the quote opened here is not closed before the end of the file")))
                let bytes = scratch // shares the buffer: `text` needs `self` whole
                let raw = joined ? UnsafeBufferPointer(rebasing: p[opening..<i]) : nil
                return bytes.withUnsafeBufferPointer { cell($0, index: Int.max, raw: raw, line: startLine, column: startColumn) }
            }
            let c = p[i]
            if c == Self.quote {
                if i + 1 < p.count, p[i + 1] == Self.quote {
                    scratch.append(Self.quote)
                    step(); step()
                    continue
                }
                step() // closing quote
                break
            }
            if c == Self.lf || c == Self.cr {
                if c == Self.cr, i + 1 < p.count, p[i + 1] == Self.lf { scratch.append(Self.cr) ; i += 1 }
                scratch.append(p[i])
                i += 1
                line += 1
                column = 1
                continue
            }
            if c == 0 || c == 0xEF {
                if checkSpecial() { joined = true; continue }
                scratch.append(c)
                step()
                continue
            }
            // A run of plain bytes, copied at once; never past the byte that passes the
            // cell limit, which the check above then reports as the byte-wise copy did.
            let run = i
            let end = min(p.count, i + (TableLimits.cellBytes + 1 - scratch.count))
            skipPlainWords(stoppingAt: Self.quoteWord, before: end)
            while i < end {
                let b = p[i]
                if b == Self.quote || b == Self.lf || b == Self.cr || b == 0 || b == 0xEF { break }
                if b & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i]))
        }
        // After the closing quote only a delimiter, a line break or the end may follow.
        if i < p.count, p[i] != delimiter, p[i] != Self.lf, p[i] != Self.cr {
            diagnostics.append(Diagnostic(.error, .csvTextAfterQuote, at: location(line, column), LocalizedText(
                vi: "có chữ sau dấu ngoặc kép đóng; trong ô có ngoặc kép, mỗi dấu \" phải viết thành \"\"",
                en: "text after a closing quote; inside a quoted cell, write each \" as \"\"")))
            joined = true
            while i < p.count, p[i] != delimiter, p[i] != Self.lf, p[i] != Self.cr {
                scratch.append(p[i])
                step()
            }
            if scratch.count > TableLimits.cellBytes {
                stop(TableLimits.diagnostic(.cellTooLong, at: location(startLine, startColumn)))
                return Cell(text: "", line: startLine, column: startColumn)
            }
        }
        let bytes = scratch // shares the buffer: `text` needs `self` whole
        let raw = joined ? UnsafeBufferPointer(rebasing: p[opening..<i]) : nil
        return bytes.withUnsafeBufferPointer { cell($0, index: index, raw: raw, line: startLine, column: startColumn) }
    }
}
