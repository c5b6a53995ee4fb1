import Foundation

/// One table as a source document holds it: rows of cells with their text, spans and
/// places, before anything is known about what the columns mean (bảng trong phụ lục).
///
/// Every source fills this one model (CSV today; Word, Excel and web pages through the
/// same seam) and the ``AnnexInterpreter`` alone decides what a header, a section row or a
/// merged cell means. A source reader therefore only turns its format into cells; it never
/// looks at the words.
public struct GridCell: Hashable, Sendable {
    /// The text as written (line breaks inside the cell kept; not yet normalised).
    public var text: String {
        didSet { (isBlank, isClean) = Self.told(text) }
    }
    /// Where the cell starts: for CSV the physical line and character column; for a
    /// document, the place the source reader gives (see each reader).
    public var line: Int
    public var column: Int
    /// How many grid columns and rows a merged cell covers (1 when not merged). The cells
    /// it covers are present in the row as blank cells, as Excel writes a merged range.
    public var columnSpan: Int
    public var rowSpan: Int

    /// True when the cell holds nothing but whitespace. Told whenever the text is set
    /// (where a source reader makes the cell, for CSV on the tokenizer's thread): the
    /// interpreter asks it of every cell of a row several times, and reading a flag
    /// takes no hold of the text.
    public private(set) var isBlank: Bool

    /// True when the text is proven to be in the form ``TextNormalization/clean(_:)``
    /// gives (the same bytes; ``TextNormalization/isAlreadyClean(_:)``, which answers for
    /// nearly every cell of an annex): the interpreter then takes it as it is, and cleans
    /// the others. Told with ``isBlank``, on the source reader's thread, so that a large
    /// CSV listing's second core does this pass over every cell's bytes rather than the
    /// interpreter's.
    public private(set) var isClean: Bool

    /// ``isBlank`` and ``isClean`` of a text: a clean text has no space at its ends, so it
    /// is blank only when it is empty.
    @inline(__always)
    private static func told(_ text: String) -> (isBlank: Bool, isClean: Bool) {
        if TextNormalization.isAlreadyClean(text) { return (text.isEmpty, true) }
        return (CSVCell.isBlank(text), false)
    }
}

extension GridCell {
    /// Made with Swift's memberwise initializer (private, its setters being private): an
    /// initializer of our own copies the cell it made once more and destroys the first
    /// (Swift 6.3; see ``ProcedureContent``), a retain and a release of its text for each
    /// of the million cells of a large annex.
    public init(text: String, line: Int, column: Int, columnSpan: Int = 1, rowSpan: Int = 1) {
        let (isBlank, isClean) = Self.told(text)
        self.init(text: text, line: line, column: column, columnSpan: columnSpan, rowSpan: rowSpan,
                  isBlank: isBlank, isClean: isClean)
    }
}

/// One row of a ``TableGrid``. `line` is where the row starts in its source.
public struct GridRow: Hashable, Sendable {
    public var cells: [GridCell]
    public var line: Int

    public init(cells: [GridCell], line: Int) {
        self.cells = cells
        self.line = line
    }

    /// The cell at a 0-based grid column, or nil past the end of a short row.
    public subscript(_ index: Int) -> GridCell? {
        index >= 0 && index < cells.count ? cells[index] : nil
    }

    public var isBlank: Bool { cells.allSatisfy(\.isBlank) }

    /// The non-blank cells, in column order, with their grid column.
    public var filled: [(index: Int, cell: GridCell)] {
        cells.enumerated().compactMap { $0.element.isBlank ? nil : ($0.offset, $0.element) }
    }
}

/// A source of annex tables: something that hands the interpreter rows in document order.
/// Paragraphs of a document outside its tables (a decision's title, "Số: …") come as rows
/// of one cell, which is what they are to a reader of the table.
public protocol TableSource {
    /// Hands each row to `body` in order; returns the diagnostics about the file's bytes
    /// (encoding, quoting). When the file cannot be decoded at all, the diagnostics hold
    /// an error of ``DiagnosticID/csvEncoding`` and nothing read from it counts: a CSV
    /// file is checked as it is read, so rows before the bad byte may have been handed over.
    func forEachRow(_ body: (GridRow) -> Void) -> [Diagnostic]

    /// At least as many rows as ``forEachRow(_:)`` will hand over, when the source can
    /// tell cheaply (0 when it cannot): the interpreter reserves room for that many
    /// procedures, so a large listing's results are not copied to a larger array again and
    /// again as they grow.
    var rowCountBound: Int { get }

    /// ``forEachRow(_:)`` with each row as a ``CSVRecord``, for the readers of plain tables
    /// (``TableReader``: the local catalogue, the register). A CSV file makes them
    /// straight from its bytes, without a grid row to copy them out of.
    func forEachRecord(_ body: (CSVRecord) -> Void) -> [Diagnostic]
}

extension TableSource {
    public var rowCountBound: Int { 0 }

    public func forEachRecord(_ body: (CSVRecord) -> Void) -> [Diagnostic] {
        forEachRow { body(CSVRecord($0)) }
    }
}

extension CSVRecord {
    /// A grid row as a record: its cells' texts and places (spans are not kept).
    init(_ row: GridRow) {
        self.init(cells: row.cells.map { CSVCell(text: $0.text, line: $0.line, column: $0.column) }, line: row.line)
    }
}

/// A CSV file as a grid: one record a row, one cell a cell, no spans (Excel writes a merged
/// range as its text in the first cell and empty cells after it).
public struct CSVTableSource: TableSource {
    public let file: InputFile
    /// Tokenise on a second thread or not, whatever the size (for tests; nil: from
    /// ``pipelineThreshold`` bytes on, on a machine with more than one core).
    let pipelined: Bool?

    public init(_ file: InputFile) { self.init(file, pipelined: nil) }

    init(_ file: InputFile, pipelined: Bool?) {
        self.file = file
        self.pipelined = pipelined
    }

    /// From this size on, tokenising and interpreting share the work between two cores.
    /// Below it the thread costs more than it saves, and a catalogue's many files are
    /// already read on every core at once, a file per core.
    static let pipelineThreshold = 4 << 20

    private var isPipelined: Bool {
        pipelined ?? (file.bytes.count >= Self.pipelineThreshold && ProcessInfo.processInfo.activeProcessorCount > 1)
    }

    /// A large file is decoded and tokenised on a thread of its own while the calling
    /// thread hands the rows to `body` (``BatchChannel/split(batchSize:produce:consume:)``).
    /// The rows, their order and the diagnostics are the same either way. The file's UTF-8
    /// is checked cell by cell as it is tokenised rather than whole first (so a file that
    /// is not UTF-8 has its rows before the first bad byte handed over, and then the error).
    public func forEachRow(_ body: (GridRow) -> Void) -> [Diagnostic] {
        guard isPipelined else {
            return CSVReader.forEachCellRow(file, as: GridCell.self, checkingAsItGoes: true) { cells, line in
                body(GridRow(cells: cells, line: line))
            }.1
        }
        let file = file
        let rowsPerBatch = 256
        return BatchChannel<GridRow>.split(batchSize: rowsPerBatch, produce: { give in
            var rows = MoveBuffer<GridRow>(capacity: rowsPerBatch)
            let diagnostics = CSVReader.forEachCellRow(file, as: GridCell.self, checkingAsItGoes: true,
                                                       sharingTextsWithin: rowsPerBatch) { cells, line in
                rows.append(GridRow(cells: cells, line: line))
                if rows.count == rowsPerBatch { give(&rows) }
            }.1
            give(&rows)
            return diagnostics
        }, consume: body)
    }

    /// On one thread the records are made as such; a file large enough for two threads
    /// goes through its grid rows.
    public func forEachRecord(_ body: (CSVRecord) -> Void) -> [Diagnostic] {
        guard isPipelined else {
            return CSVReader.forEachCellRow(file, as: CSVCell.self, checkingAsItGoes: true) { body(CSVRecord(cells: $0, line: $1)) }.1
        }
        return forEachRow { body(CSVRecord($0)) }
    }

    /// The file's line feeds and carriage returns, plus one: no more records than that
    /// (a record ends at a line break or at the end), and never more than
    /// ``TableLimits/rows`` are handed over. Counted in one pass, in blocks of 255 bytes
    /// with a byte-wide count that the compiler turns into vector compares (3.5 ms for
    /// 40 MB; a `memchr` call per line break, twice over, costs a call per line), and only
    /// for a file large enough for the growth of its results to matter. It runs before
    /// the tokenizer's thread starts.
    public var rowCountBound: Int {
        let bytes = file.bytes
        guard bytes.count >= 1 << 20 else { return 0 }
        return bytes.withUnsafeBufferPointer { p in
            var lines = 1, start = 0
            while start < p.count {
                let end = min(p.count, start + 255)
                var breaks: UInt8 = 0
                for k in start..<end {
                    let b = p[k]
                    breaks &+= (b == 0x0A ? 1 : 0) &+ (b == 0x0D ? 1 : 0)
                }
                lines += Int(breaks)
                start = end
            }
            return min(lines, TableLimits.rows)
        }
    }
}
