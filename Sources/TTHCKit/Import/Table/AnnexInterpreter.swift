/// Turns the rows of an annex (phụ lục danh mục TTHC), from any source, into the
/// procedures a decision announces.
///
/// Real annexes are laid out in many ways, and the interpreter reads them as they are:
///
/// - **Tables and headers.** A header row is a row in which the name column and at least
///   one other column are recognised (``AnnexVocabulary/column(forFolded:)``); unknown
///   header cells are warnings and their columns are ignored. A second header row under
///   merged cells ("Mức độ DVC" over "Toàn trình | Một phần", "Thời hạn giải quyết" over
///   "Theo quy định | Sau cắt giảm") completes the first. A header row with another column
///   set starts a new table (files hold several, e.g. new procedures with ten columns and
///   abolished ones with four); the same header again (a table copied from several printed
///   pages) is skipped, as is a row of column numbers "(1) (2) (3)".
/// - **Context from headings.** Title rows above a header and section rows inside a table
///   set the change type, the levels and the field for the rows below, in any numbering
///   style ("1.", "A.", "I", "I.1", "a)", "Phần I", "PHỤ LỤC II.") and with counts in
///   brackets. Which kind of heading is nested in which is learnt from the order they first
///   appear, so "A. cấp tỉnh › 1. sửa đổi" and "1. sửa đổi › A. cấp tỉnh" both read right: a
///   heading resets only what is nested inside it.
/// - **Codes where they fall**: the code column, a code inside the name ("(Mã TTHC:
///   3.000722)"), several replaced codes in one cell; a procedure without a code (new ones
///   often have none yet) is kept and keyed by name (``ProcedureCode/uncoded(name:)``).
/// - **Nothing dropped silently.** A row that is neither a procedure, a heading the
///   interpreter understands nor a header is an ``UnplacedRow`` and a warning with its
///   place and text. Only a file with no table at all is an error.
///
/// Every value not read from the procedure's own cell carries its ``ValueOrigin``.
/// The interpreter is fed one row at a time and keeps only the current header and
/// context, so large listings are read in constant memory beyond their results.
public struct AnnexInterpreter {
    public let file: String
    /// The decision's title when known (register "Trích yếu", or the document's own): the
    /// change type when no heading gives one.
    public let decisionTitle: String?
    /// Enables the district-level warning for decisions effective from 1 July 2025.
    public let effectiveDate: CivilDate?
    /// Whether the reading keeps where each value came from (``AnnexReading/origins``):
    /// `tthc inspect` shows them; the catalogue loader does without.
    public let keepsOrigins: Bool

    private var reading = AnnexReading()
    private var layout: Layout?
    private var pending: (row: GridRow, layout: Layout)?
    private var sawRow = false
    /// Inside the totals block under a table.
    private var inTotals = false
    /// The first row before any table that names two known columns but no name column: the
    /// header the file meant, for the error when no table is found.
    private var nearHeader: SourceLocation?
    /// The line of the last procedure row: headings after it and before the next header
    /// are that next table's titles.
    private var lastBodyLine = 0

    private var change: (value: ChangeType, origin: ValueOrigin)?
    private var levels: (value: [AdministrativeLevel], origin: ValueOrigin)?
    private var field: (value: String, origin: ValueOrigin)?
    /// Heading kinds in the order they first appeared: the document's nesting.
    private var hierarchy: [HeadingKind] = []
    private var titleChange: ChangeType?
    private var warningsByID: [DiagnosticID: Int] = [:]
    /// Heading texts (folded) since the last table started: the titles of the next one.
    private var recentHeadings: [(line: Int, text: String, folded: String)] = []
    /// The current table lists internal workflows (quy trình nội bộ), not changes: its
    /// rows are skipped.
    private var workflowTable = false

    /// The cleaned texts of the cells above, for the procedure rows.
    private var cleanedAbove = CleanedAbove()

    /// Warnings of one kind past this many in one file are counted, not listed.
    public static let warningsPerKind = 20

    enum HeadingKind { case change, levels, field }

    /// `snapshot`: the register says the listing is a full snapshot of its scope, so rows
    /// without a change type are procedures in force (``ListedProcedure``), not doubts.
    public init(file: String, decisionTitle: String? = nil, effectiveDate: CivilDate? = nil, snapshot: Bool = false,
                keepsOrigins: Bool = true) {
        self.file = file
        self.decisionTitle = decisionTitle
        self.effectiveDate = effectiveDate
        self.keepsOrigins = keepsOrigins
        reading.isSnapshot = snapshot
        if let decisionTitle {
            let h = AnnexVocabulary.heading(decisionTitle)
            titleChange = h.change
        }
    }

    /// Reads a whole source.
    public static func read(_ source: some TableSource, file: String, decisionTitle: String? = nil,
                            effectiveDate: CivilDate? = nil, snapshot: Bool = false, keepsOrigins: Bool = true) -> AnnexReading {
        var interpreter = AnnexInterpreter(file: file, decisionTitle: decisionTitle, effectiveDate: effectiveDate, snapshot: snapshot,
                                           keepsOrigins: keepsOrigins)
        interpreter.reading.changes.reserveCapacity(source.rowCountBound)
        let sourceDiagnostics = source.forEachRow { interpreter.feed($0) }
        // Nothing counts of a file that could not be decoded (a CSV file is checked as it
        // is read, so rows before its bad byte were fed), or that passed a limit.
        if sourceDiagnostics.contains(where: { $0.severity == .error }),
           !interpreter.sawRow || TableLimits.stops(sourceDiagnostics) || CSVReader.undecodable(sourceDiagnostics) {
            var reading = AnnexReading()
            reading.diagnostics = sourceDiagnostics
            return reading
        }
        var reading = interpreter.finish()
        reading.diagnostics = sourceDiagnostics + reading.diagnostics
        return reading
    }

    // MARK: Rows

    public mutating func feed(_ row: GridRow) {
        if row.isBlank { return }
        sawRow = true
        if let (headerRow, candidate) = pending {
            pending = nil
            if let combined = subheader(row, under: headerRow, candidate) {
                start(combined)
                return
            }
            start(candidate)
        }
        if isColumnNumberRow(row) { return }
        // A header row names columns; a row with a procedure code in it is data, and
        // telling so costs nothing next to folding each of its cells.
        if !row.cells.contains(where: { Self.startsWithCode($0.text) }), let candidate = Layout(row, file: file) {
            if let layout, candidate.signature == layout.signature { return } // the header again
            pending = (row, candidate)
            return
        }
        guard let layout else {
            if nearHeader == nil, reading.tables.isEmpty {
                let known = row.filled.filter { entry in
                    let text = TextNormalization.clean(entry.cell.text)
                    return text.utf8.count <= 160 && AnnexVocabulary.column(forFolded: TextNormalization.fold(text)) != nil
                }
                if known.count >= 2 { nearHeader = SourceLocation(file: file, line: row.line, column: known[0].cell.column) }
            }
            heading(row, asTitle: true)
            return
        }
        body(row, layout)
    }

    public mutating func finish() -> AnnexReading {
        if let (_, candidate) = pending {
            pending = nil
            start(candidate)
        }
        if reading.tables.isEmpty {
            if nearHeader == nil, sawRow, let kind = Self.notAPublication(reading.titles) {
                // A delegation decision's body: no table, and nothing to read as a change.
                reading.notAPublication = kind
                reading.diagnostics.append(Diagnostic(.warning, .annexNotAPublication, at: SourceLocation(file: file, line: 1, column: 1), LocalizedText(
                    vi: "tài liệu này không phải quyết định công bố TTHC (\(kind.vi)) và không có bảng danh mục: không có thủ tục nào được đọc như một thay đổi",
                    en: "this document is not a publication decision (\(kind.en)) and holds no annex table: no procedure is read as a change")))
                return reading
            }
            if let nearHeader {
                reading.diagnostics.append(Diagnostic(.error, .headerMissingColumn, at: nearHeader, LocalizedText(
                    vi: "dòng tiêu đề này thiếu cột tên thủ tục (tiêu đề được chấp nhận: \"Tên thủ tục hành chính\", \"Tên TTHC\", \"Tên thủ tục\", \"Tên\", \"name\")",
                    en: "this header row has no procedure-name column (accepted headers: \"Tên thủ tục hành chính\", \"Tên TTHC\", \"Tên thủ tục\", \"Tên\", \"name\")")))
            } else if sawRow {
                reading.diagnostics.append(Diagnostic(.error, .headerNotFound, at: SourceLocation(file: file, line: 1, column: 1), LocalizedText(
                    vi: "không tìm thấy bảng danh mục: cần một dòng tiêu đề có cột tên thủ tục (\"Tên thủ tục hành chính\", \"Tên TTHC\", \"Tên\") và ít nhất một cột khác (\"STT\", \"Mã TTHC\", \"Lĩnh vực\", …)",
                    en: "no annex table found: expected a header row with a procedure-name column (\"Tên thủ tục hành chính\", \"Tên TTHC\", \"Tên\") and at least one other known column (\"STT\", \"Mã TTHC\", \"Lĩnh vực\", …)")))
            } else {
                reading.diagnostics.append(Diagnostic(.error, .csvEmpty, at: SourceLocation(file: file, line: 1, column: 1),
                                                      HeaderMatcher.emptyFile))
            }
            return reading
        }
        // A document whose own titles, above its first table, call it a list of delegated
        // procedures or of internal workflows, and speak of no publication ("công bố") and
        // no list of procedures ("danh mục thủ tục"), is no publication decision as a whole:
        // the forms and tables its workflows carry (a 453-page annex of them, say) announce
        // no change, however much they look like annex rows.
        let front = " " + reading.titles.map(TextNormalization.fold).joined(separator: " ") + " "
        if !reading.changes.isEmpty || !reading.listed.isEmpty, Self.notAPublication(reading.titles) != nil,
           ![" cong bo ", " danh muc thu tuc ", " danh muc tthc "].contains(where: { TextNormalization.contains(front, $0) }) {
            let dropped = reading.changes.count + reading.listed.count + reading.unplaced.count
            reading.changes = []
            reading.origins = []
            reading.listed = []
            reading.unplaced = []
            reading.diagnostics.append(Diagnostic(.warning, .annexNotAPublicationRows, at: SourceLocation(file: file, line: reading.tables[0].headerLine, column: 1), LocalizedText(
                vi: "\(dropped) dòng của các bảng không được đọc thành thủ tục, vì tiêu đề của tài liệu cho thấy đây không phải quyết định công bố",
                en: "\(dropped) table rows are not read as procedures, since the document's titles say it is no publication decision")))
        }
        if reading.changes.isEmpty, reading.listed.isEmpty {
            let kind = Self.notAPublication(reading.titles)
            reading.notAPublication = kind
            if let kind {
                reading.diagnostics.append(Diagnostic(.warning, .annexNotAPublication, at: SourceLocation(file: file, line: reading.tables[0].headerLine, column: 1), LocalizedText(
                    vi: "tài liệu này không phải quyết định công bố TTHC (\(kind.vi)): không có thủ tục nào được đọc như một thay đổi",
                    en: "this document is not a publication decision (\(kind.en)): no procedure is read as a change")))
            } else if reading.unplaced.isEmpty {
                reading.diagnostics.append(Diagnostic(.warning, .listingEmpty, at: SourceLocation(file: file, line: reading.tables[0].headerLine, column: 1), LocalizedText(
                    vi: "danh mục không có thủ tục nào dưới dòng tiêu đề",
                    en: "the listing has no procedures below its header row")))
            }
        }
        for (id, count) in warningsByID.sorted(by: { $0.key < $1.key }) where count > Self.warningsPerKind {
            reading.diagnostics.append(Diagnostic(.warning, id, at: SourceLocation(file: file), LocalizedText(
                vi: "… và \(count - Self.warningsPerKind) cảnh báo cùng loại nữa trong tệp này (xem tthc inspect)",
                en: "… and \(count - Self.warningsPerKind) more warnings of this kind in this file (see tthc inspect)")))
        }
        return reading
    }

    /// What the titles say the document is, when it is not a publication decision.
    static func notAPublication(_ titles: [String]) -> LocalizedText? {
        let folded = " " + titles.map(TextNormalization.fold).joined(separator: " ") + " "
        if TextNormalization.contains(folded, " uy quyen ") {
            return LocalizedText(vi: "danh mục ủy quyền giải quyết", en: "a list of delegated procedures")
        }
        if TextNormalization.contains(folded, " quy trinh noi bo ") {
            return LocalizedText(vi: "danh mục quy trình nội bộ", en: "a list of internal workflows")
        }
        return nil
    }

    /// `message` is only built for the warnings listed: a large file can have one a row.
    private mutating func warn(_ id: DiagnosticID, at location: SourceLocation, _ message: @autoclosure () -> LocalizedText) {
        warningsByID[id, default: 0] += 1
        guard warningsByID[id]! <= Self.warningsPerKind else { return }
        reading.diagnostics.append(Diagnostic(.warning, id, at: location, message()))
    }

    // MARK: Headers

    /// A table's columns, as its header row (or rows) said. A class, so that the body
    /// rows, which all read it, share it rather than copy its dictionaries.
    final class Layout {
        let line: Int
        let subheaderLine: Int?
        /// Column by grid index.
        let columns: [Int: AnnexColumn]
        /// Grid index by column, for the look-ups every body row makes.
        let indexByColumn: [AnnexColumn: Int]
        /// `indexByColumn` for the columns without a payload (``slot(_:)``), -1 where the
        /// table has none: an array index rather than a hash for each cell a row reads.
        private let slots: [Int]
        /// `columns` as an array by grid index (nil where no column is known).
        private let columnByIndex: [AnnexColumn?]
        let headers: [Int: String]
        /// What tells two tables apart: their columns in order.
        let signature: [String]
        let unknown: [(header: String, at: SourceLocation)]
        let duplicates: [(header: String, first: String, at: SourceLocation)]
        /// The change type the headers name, when they name exactly one: "Tên VBQPPL quy
        /// định việc bãi bỏ", "Số QĐ đã công bố TTHC được sửa đổi, bổ sung".
        let impliedChange: (value: ChangeType, header: String)?
        /// The cells the layout was made of.
        private let declared: [(Int, AnnexColumn, String, SourceLocation)]

        /// The layout a row declares, or nil when it is no header row.
        convenience init?(_ row: GridRow, file: String) {
            var cols: [(Int, AnnexColumn, String, SourceLocation)] = []
            var unknownCells: [(String, SourceLocation)] = []
            for (i, cell) in row.filled {
                let written = TextNormalization.clean(cell.text)
                let at = SourceLocation(file: file, line: cell.line, column: cell.column, field: written)
                // Header cells are short; a long cell is data (and folding it costs time).
                guard written.utf8.count <= 160, let column = AnnexVocabulary.column(forFolded: TextNormalization.fold(written)) else {
                    unknownCells.append((written, at))
                    continue
                }
                cols.append((i, column, written, at))
            }
            guard cols.contains(where: { $0.1 == .name }), cols.count >= 2 else { return nil }
            self.init(line: row.line, cells: cols, unknown: unknownCells)
        }

        init(line: Int, subheaderLine: Int? = nil, cells: [(Int, AnnexColumn, String, SourceLocation)],
             unknown: [(String, SourceLocation)]) {
            self.line = line
            self.subheaderLine = subheaderLine
            declared = cells
            var columns: [Int: AnnexColumn] = [:]
            var headers: [Int: String] = [:]
            var duplicates: [(header: String, first: String, at: SourceLocation)] = []
            var taken: [AnnexColumn: String] = [:]
            for (i, column, header, at) in cells {
                if column.isRead, let first = taken[column] {
                    duplicates.append((header, first, at))
                    columns[i] = .known("second \(column.name)")
                } else {
                    taken[column] = header
                    columns[i] = column
                }
                headers[i] = header
            }
            // "Mã số TTHC | Tên TTHC được thay thế | Tên TTHC thay thế": a code column that
            // stands before the replaced name, with the new name after it, holds the
            // replaced code.
            if let code = columns.first(where: { $0.value == .code })?.key,
               let replaced = columns.first(where: { $0.value == .replacedName })?.key,
               let name = columns.first(where: { $0.value == .name })?.key,
               !columns.values.contains(.replaces), code < replaced, replaced < name {
                columns[code] = .replaces
            }
            self.columns = columns
            indexByColumn = Dictionary(columns.map { ($0.value, $0.key) }, uniquingKeysWith: min)
            var slots = [Int](repeating: -1, count: Self.slotCount)
            for (column, index) in indexByColumn { if let slot = Self.slot(column) { slots[slot] = index } }
            self.slots = slots
            var byIndex = [AnnexColumn?](repeating: nil, count: (columns.keys.max() ?? -1) + 1)
            for (index, column) in columns { byIndex[index] = column }
            columnByIndex = byIndex
            self.headers = headers
            self.duplicates = duplicates
            var implied: [ChangeType: String] = [:]
            var mixed = false
            for (_, header) in headers {
                let h = AnnexVocabulary.heading(header)
                if let c = h.change { implied[c] = implied[c] ?? header }
                if h.mixedChange { mixed = true }
            }
            impliedChange = !mixed && implied.count == 1 ? implied.first.map { ($0.key, $0.value) } : nil
            signature = columns.keys.sorted().map { "\($0):\(columns[$0]!.name)" }
            self.unknown = unknown
        }

        /// The same layout, completed by a second header row at `line`.
        func completed(bySubheaderAt line: Int) -> Layout {
            Layout(line: self.line, subheaderLine: line, cells: declared, unknown: unknown.map { ($0.header, $0.at) })
        }

        func index(of column: AnnexColumn) -> Int? {
            guard let slot = Self.slot(column) else { return indexByColumn[column] }
            let index = slots[slot]
            return index < 0 ? nil : index
        }

        /// The column at a grid index, as `columns[index]`.
        func column(at index: Int) -> AnnexColumn? {
            index < columnByIndex.count ? columnByIndex[index] : nil
        }

        private static let slotCount = 14

        /// A place in `slots` for each column without a payload.
        private static func slot(_ column: AnnexColumn) -> Int? {
            switch column {
            case .number: 0
            case .code: 1
            case .name: 2
            case .field: 3
            case .agency: 4
            case .levels: 5
            case .processingTime: 6
            case .fees: 7
            case .onlineService: 8
            case .legalBasis: 9
            case .replaces: 10
            case .replacedName: 11
            case .change: 12
            case .notes: 13
            case .levelMark, .onlineMark, .known: nil
            }
        }
    }

    /// The layout with a second header row merged in, when `row` is one: the number and
    /// name cells are blank (merged down from the first row), no cell holds a code, and
    /// some cell stands under a merged header or names a column.
    private func subheader(_ row: GridRow, under headerRow: GridRow, _ top: Layout) -> Layout? {
        // "Tên TTHC" over "Mã TTHC": the name cells hold the code on a line of their own.
        var codeUnderName = false
        if let i = top.index(of: .name), let cell = row[i], !cell.isBlank {
            guard AnnexVocabulary.column(forFolded: TextNormalization.fold(cell.text)) == .code else { return nil }
            codeUnderName = true
        }
        if let i = top.index(of: .number), let cell = row[i], !cell.isBlank { return nil }
        let nameIndex = top.index(of: .name)
        let filled = row.filled.filter { !(codeUnderName && $0.index == nameIndex) }
        if codeUnderName, filled.isEmpty {
            return top.completed(bySubheaderAt: row.line)
        }
        guard !filled.isEmpty, !isColumnNumberRow(row) else { return nil }
        if filled.count == 1, AnnexVocabulary.heading(TextNormalization.clean(filled[0].cell.text)).isUnderstood {
            return nil // a heading ("CẤP TỈNH") right under the header
        }
        var underSpan = false
        for (i, cell) in filled {
            let text = TextNormalization.clean(cell.text)
            if text.utf8.count > 100 || !AnnexVocabulary.codes(in: text).isEmpty { return nil }
            // A sub-header stands under a merged cell (blank above it in the first row) or
            // under a header that groups columns ("Mức độ DVC", "Thời hạn giải quyết").
            let above = headerRow[i].flatMap { $0.isBlank ? nil : top.columns[i] }
            if headerRow[i].map(\.isBlank) ?? true { underSpan = true }
            switch above {
            case .onlineService?, .processingTime?, .levels?, .agency?, .fees?: underSpan = true
            default: break
            }
        }
        guard underSpan else { return nil }

        // Each column: the top header (or the merged one it lies under) with the sub-header.
        let width = max(headerRow.cells.count, row.cells.count)
        var cells: [(Int, AnnexColumn, String, SourceLocation)] = []
        var unknown: [(String, SourceLocation)] = []
        var parent: (text: String, column: AnnexColumn?)?
        var usedUnderParent: Set<String> = []
        for i in 0..<width {
            let topCell = headerRow[i].flatMap { $0.isBlank ? nil : $0 }
            let subCell = row[i].flatMap { $0.isBlank ? nil : $0 }
            if let topCell {
                let text = TextNormalization.clean(topCell.text)
                parent = (text, AnnexVocabulary.column(forFolded: TextNormalization.fold(text)))
                usedUnderParent = []
            }
            guard let cellForPlace = subCell ?? topCell else { continue }
            let at = SourceLocation(file: file, line: cellForPlace.line, column: cellForPlace.column)
            guard let subCell else {
                // Merged down from the first row.
                if let topCell, let column = top.columns[i] {
                    cells.append((i, column, TextNormalization.clean(topCell.text), at))
                } else if let topCell {
                    unknown.append((TextNormalization.clean(topCell.text), at))
                }
                continue
            }
            if codeUnderName, i == nameIndex, let column = top.columns[i], let topCell {
                cells.append((i, column, TextNormalization.clean(topCell.text), at))
                continue
            }
            let sub = TextNormalization.clean(subCell.text)
            let subColumn = AnnexVocabulary.column(forFolded: TextNormalization.fold(sub))
            let joined = parent.map { $0.text + " › " + sub } ?? sub
            var column: AnnexColumn?
            switch parent?.column {
            case .onlineService?:
                if case .onlineMark? = subColumn { column = subColumn } else { column = .known("online service detail") }
            case .processingTime?:
                if case .known? = subColumn { column = subColumn } else if usedUnderParent.contains("time") {
                    column = .known("reduced processing time")
                } else {
                    column = .processingTime
                    usedUnderParent.insert("time")
                }
            case .levels?, .agency?:
                if case .levelMark? = subColumn { column = subColumn } else if usedUnderParent.contains("first") {
                    column = .known("\(parent!.column!.name) detail")
                } else {
                    column = parent?.column
                    usedUnderParent.insert("first")
                }
            case .fees?:
                column = usedUnderParent.contains("first") ? .known("fees detail") : .fees
                usedUnderParent.insert("first")
            default:
                column = subColumn ?? parent?.column
            }
            if let column { cells.append((i, column, joined, at)) } else { unknown.append((joined, at)) }
        }
        guard cells.contains(where: { $0.1 == .name }) else { return nil }
        return Layout(line: top.line, subheaderLine: row.line, cells: cells, unknown: unknown)
    }

    private mutating func start(_ new: Layout) {
        layout = new
        inTotals = false
        // "PHỤ LỤC II. QUY TRÌNH NỘI BỘ GIẢI QUYẾT TTHC …": the step tables many decisions
        // carry after their list of procedures announce no change. The title that decides
        // is the nearest heading above the header naming a list ("danh mục") or workflows
        // ("quy trình"), among those since the last "Phụ lục" heading (else the last four),
        // so that "A. DANH MỤC THỦ TỤC HÀNH CHÍNH" under "DANH MỤC VÀ QUY TRÌNH NỘI BỘ …", or a
        // decision titled "công bố danh mục … và phê duyệt quy trình nội bộ", keeps its table.
        let cut = recentHeadings.lastIndex { $0.folded.hasPrefix("phu luc") }
        let titles = cut.map { Array(recentHeadings[$0...]) } ?? Array(recentHeadings.suffix(4))
        recentHeadings = []
        let deciding = titles.last { $0.folded.contains("danh muc") || $0.folded.contains("quy trinh") }
        if let workflow = deciding,
           workflow.folded.contains("quy trinh noi bo") || workflow.folded.contains("quy trinh dien tu"),
           !workflow.folded.contains("danh muc thu tuc"), !workflow.folded.contains("danh muc tthc") {
            workflowTable = true
            reading.diagnostics.append(Diagnostic(.warning, .annexWorkflowTable, at: SourceLocation(file: file, line: new.line, column: 1), LocalizedText(
                vi: "bảng quy trình nội bộ (tiêu đề ở dòng \(workflow.line): \"\(workflow.text)\"): các dòng của bảng không công bố thay đổi thủ tục nào và không được đọc",
                en: "a table of internal workflows (title at line \(workflow.line): \"\(workflow.text)\"): its rows announce no change to a procedure and are not read")))
        } else {
            workflowTable = false
        }
        // The national public-service portal's export: "DANH SÁCH THỦ TỤC HÀNH CHÍNH" over
        // "Mã số | Tên | Cơ quan ban hành | …", a list of what is in force.
        if reading.tables.isEmpty, change == nil,
           reading.titles.contains(where: { TextNormalization.fold($0).contains("danh sach thu tuc hanh chinh") }) {
            reading.isSnapshot = true
        }
        for (header, at) in new.unknown {
            warn(.headerUnknown, at: at, HeaderMatcher.unknownColumn(header))
        }
        for (header, first, at) in new.duplicates {
            warn(.headerDuplicate, at: at, LocalizedText(
                vi: "cột \"\(header)\" trùng nghĩa với cột \"\(first)\" ở trước; dùng cột đầu",
                en: "column \"\(header)\" means the same as the earlier column \"\(first)\"; the first is used"))
        }
        // Headings since the last body row were this table's titles.
        func retitle(_ origin: ValueOrigin) -> ValueOrigin {
            if case .section(let line, let text) = origin, line > lastBodyLine { return .title(line: line, text: text) }
            return origin
        }
        if let c = change { change = (c.value, retitle(c.origin)) }
        if let l = levels { levels = (l.value, retitle(l.origin)) }
        if let f = field { field = (f.value, retitle(f.origin)) }
        reading.tables.append(AnnexTable(
            headerLine: new.line, subheaderLine: new.subheaderLine,
            columns: new.columns.keys.sorted().map { AnnexTable.Column(index: $0, header: new.headers[$0] ?? "", column: new.columns[$0]!) }))
    }

    /// "(1) (2) (3) …" or "1 2 3 …": the column numbering some annexes put under the header.
    func isColumnNumberRow(_ row: GridRow) -> Bool {
        var numbered = 0
        for cell in row.cells where !cell.isBlank {
            var digits = 0
            for b in cell.text.utf8 {
                switch b {
                case 0x30...0x39: digits += 1
                case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: " "), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "x"): continue
                default: return false
                }
            }
            guard digits > 0, digits <= 3 else { return false }
            numbered += 1
        }
        return numbered >= 3
    }

    // MARK: Headings

    /// Applies a title or section row. Returns false when it says nothing understood.
    @discardableResult
    private mutating func heading(_ row: GridRow, asTitle: Bool, understoodOnly: Bool = false) -> Bool {
        let filled = row.filled
        let text = filled.map { TextNormalization.clean($0.cell.text) }.joined(separator: " ")
        if asTitle, layout == nil { reading.titles.append(text) }
        if recentHeadings.count >= 64 { recentHeadings.removeFirst(32) }
        recentHeadings.append((row.line, text.count > 120 ? String(text.prefix(117)) + "…" : text, TextNormalization.fold(text)))
        if workflowTable { return false }
        let h = AnnexVocabulary.heading(text)
        guard h.isUnderstood else {
            if understoodOnly { return false }
            if !asTitle {
                unplaced(row, reason: LocalizedText(
                    vi: "dòng mục không hiểu được (cần loại thay đổi, cấp thực hiện hoặc \"Lĩnh vực …\")",
                    en: "section row not understood (expected a change type, a level or \"Lĩnh vực …\")"), id: .listingUnknownSection)
            }
            return false
        }
        let origin: ValueOrigin = asTitle ? .title(line: row.line, text: text) : .section(line: row.line, text: text)
        var setting: [HeadingKind] = []
        if h.change != nil { setting.append(.change) }
        if h.levels != nil { setting.append(.levels) }
        if h.field != nil { setting.append(.field) }
        for kind in setting where !hierarchy.contains(kind) { hierarchy.append(kind) }
        // Reset what is nested inside the shallowest kind this heading sets.
        if let shallowest = setting.compactMap({ hierarchy.firstIndex(of: $0) }).min() {
            for kind in hierarchy[(shallowest + 1)...] where !setting.contains(kind) {
                switch kind {
                case .change: change = nil
                case .levels: levels = nil
                case .field: field = nil
                }
            }
        }
        if let c = h.change { change = (c, origin) }
        if let l = h.levels { levels = (l, origin) }
        if let f = h.field { field = (f, origin) }
        return true
    }

    // MARK: Body rows

    private mutating func body(_ row: GridRow, _ layout: Layout) {
        // "Tổng số TTHC công bố: 10 TTHC", "Trong đó: …": the totals under a table hold no
        // procedure; they run to the next header.
        if inTotals { return }
        if workflowTable {
            // Only a heading can end a workflow table's run (the next "Phụ lục"): keep it.
            if row.filled.count == 1 { heading(row, asTitle: false, understoodOnly: true) }
            return
        }
        // The non-blank cells counted in one pass, without listing them: how many, the
        // first, and how many stand outside the number, code and name columns.
        var firstFilled: Int?
        var filledCount = 0, others = 0
        var blank: UInt64 = 0
        let cells = row.cells
        for index in cells.indices {
            if cells[index].isBlank {
                if index < 64 { blank |= 1 << UInt64(index) }
                continue
            }
            if firstFilled == nil { firstFilled = index }
            filledCount += 1
            switch layout.column(at: index) {
            case .number?, .code?, .name?: break
            default: others += 1
            }
        }
        // Only the first 9 bytes of the fold can say "tong so" or "tong cong", and a cell
        // that starts with an ASCII letter or digit other than "t" folds to no such start.
        if let first = firstFilled, Self.mayFoldToT(cells[first].text),
           case let folded = TextNormalization.foldedPrefix(cells[first].text, bytes: 9),
           folded.hasPrefix("tong so") || folded.hasPrefix("tong cong") {
            inTotals = true
            return
        }
        let body = BodyCells(cells: cells, layout: layout, blank: blank)
        let codeIndex = body.index(.code)
        let codesInCodeCell = codeIndex.map { Self.codes(inCodeCell: cells[$0].text) } ?? []
        let numberIsPlain = body.index(.number).map { Self.isPlainNumber(cell: cells[$0].text) } ?? false

        if codesInCodeCell.isEmpty, others == 0 || filledCount == 1 {
            // Only the number, code and name columns hold text: a heading, unless the row
            // is numbered like a procedure and does not read as a heading.
            if !numberIsPlain {
                heading(row, asTitle: false)
                return
            }
            let rest = row.filled.filter { layout.column(at: $0.index) != .number }
                .map { TextNormalization.clean($0.cell.text) }.joined(separator: " ")
            if Self.looksLikeHeading(rest), heading(row, asTitle: false, understoodOnly: true) { return }
        }
        procedure(row.line, body, firstColumn: firstFilled.map { cells[$0].column } ?? 1, codeIndex: codeIndex, codes: codesInCodeCell)
    }

    /// The cells of a body row by the column they stand in, read where they lie in the
    /// row: a procedure row looks up a dozen columns, some of them twice, and copying a
    /// cell out for each look-up retained and released its text every time.
    private struct BodyCells {
        let cells: [GridCell]
        let layout: Layout
        /// Bit `i` set when cell `i` (of the first 64) is blank, told once for the row.
        let blank: UInt64

        func isBlank(_ index: Int) -> Bool {
            index < 64 ? blank & (1 << UInt64(index)) != 0 : cells[index].isBlank
        }

        /// The grid index of `column` when the table has it and the row's cell there is
        /// not blank.
        func index(_ column: AnnexColumn) -> Int? {
            guard let i = layout.index(of: column), i < cells.count, !isBlank(i) else { return nil }
            return i
        }
    }

    /// The codes in a code cell. A cell that is one code once its spaces and line breaks
    /// are taken out is that code: text copied from a PDF or a web page breaks long codes
    /// ("2.000908.00 0.00.00.H61", "1.012507. H05").
    static func codes(inCodeCell text: String) -> [(code: ProcedureCode, range: Range<String.Index>)] {
        // A cell of visible ASCII alone (no space to take out, nothing to clean) that is
        // one well-formed code, as nearly every code cell is: both ways below give it whole.
        if text.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) {
            let whole = ProcedureCode(text)
            if whole.isWellFormed { return [(whole, text.startIndex..<text.endIndex)] }
        }
        let compact = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        let whole = ProcedureCode(compact)
        if whole.isWellFormed, compact.count > 8 || AnnexVocabulary.codes(in: text).isEmpty {
            return [(whole, compact.startIndex..<compact.endIndex)]
        }
        return AnnexVocabulary.codes(in: TextNormalization.clean(text))
    }

    /// True when the text starts with `d.dddddd` (a procedure code), on its bytes.
    static func startsWithCode(_ text: String) -> Bool {
        var it = text.utf8.makeIterator()
        var b = it.next()
        while b == 0x20 { b = it.next() }
        guard let first = b, (0x30...0x39).contains(first), it.next() == UInt8(ascii: ".") else { return false }
        for _ in 0..<6 {
            guard let d = it.next(), (0x30...0x39).contains(d) else { return false }
        }
        return true
    }

    /// False when `text` starts with an ASCII letter or digit other than "t" or "T": its
    /// fold starts with that character, lower-cased, so not with "t".
    static func mayFoldToT(_ text: String) -> Bool {
        guard let b = text.utf8.first else { return false }
        switch b {
        case UInt8(ascii: "t"), UInt8(ascii: "T"): return true
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return false
        default: return true
        }
    }

    /// ``isPlainNumber(_:)`` of a number cell's cleaned text; a cell of one to five ASCII
    /// digits, as nearly every one is, is told without cleaning it.
    static func isPlainNumber(cell text: String) -> Bool {
        let count = text.utf8.count
        if count >= 1, count <= 5, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return true }
        return isPlainNumber(TextNormalization.clean(text))
    }

    /// "12", "12.", "(12)": a row number.
    static func isPlainNumber(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasPrefix("("), t.hasSuffix(")") { t = t.dropFirst().dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return !t.isEmpty && t.count <= 5 && t.allSatisfy(\.isNumber)
    }

    /// Text that reads as a heading rather than a procedure's name.
    static func looksLikeHeading(_ s: String) -> Bool {
        let f = TextNormalization.fold(AnnexVocabulary.splitEnumerator(s).1)
        for prefix in ["danh muc", "linh vuc", "thu tuc hanh chinh cap", "tthc cap", "thu tuc hanh chinh duoc", "thu tuc hanh chinh moi",
                       "thu tuc hanh chinh bi", "tthc duoc", "tthc bi", "tthc moi", "cap tinh", "cap huyen", "cap xa", "nhom",
                       "thu tuc hanh chinh thuoc", "tthc thuoc", "ap dung chung", "dung chung", "thu tuc hanh chinh dung chung",
                       "thu tuc hanh chinh ap dung", "tthc dung chung", "tthc ap dung", "phan", "muc"]
        where f == prefix || f.hasPrefix(prefix + " ") { return true }
        // Headings are often written in capitals ("LĨNH VỰC CHỨNG THỰC").
        let letters = s.unicodeScalars.filter { $0.properties.isAlphabetic }
        return letters.count >= 4 && letters.allSatisfy { $0.properties.isUppercase }
    }

    /// A cell whose word the vocabulary does not know: a warning, and the value is left out.
    private mutating func unknownWord(_ id: DiagnosticID, _ kind: Vocabulary.Kind, _ written: String, column: String,
                                      at location: SourceLocation) {
        let message = Vocabulary.unknownValue(kind, written)
        warn(id, at: location, LocalizedText(vi: "cột \"\(column)\": \(message.vi)", en: "column \"\(column)\": \(message.en)"))
    }

    private mutating func unplaced(_ row: GridRow, reason: LocalizedText, id: DiagnosticID) {
        let text = row.filled.map { TextNormalization.clean($0.cell.text) }.joined(separator: " | ")
        let at = SourceLocation(file: file, line: row.line, column: row.filled.first?.cell.column ?? 1)
        reading.unplaced.append(UnplacedRow(location: at, text: text, reason: reason))
        let shown = text.count > 120 ? String(text.prefix(117)) + "…" : text
        warn(id, at: at, LocalizedText(
            vi: "dòng không đọc được thành thủ tục: \(reason.vi): \"\(shown)\"",
            en: "row not read as a procedure: \(reason.en): \"\(shown)\""))
    }

    private mutating func procedure(_ line: Int, _ body: BodyCells, firstColumn: Int, codeIndex: Int?,
                                    codes: [(code: ProcedureCode, range: Range<String.Index>)]) {
        let cells = body.cells, layout = body.layout
        func location(_ i: Int) -> SourceLocation { SourceLocation(file: file, line: cells[i].line, column: cells[i].column) }
        func header(_ column: AnnexColumn) -> String { layout.index(of: column).flatMap { layout.headers[$0] } ?? column.name }
        func text(_ column: AnnexColumn) -> String? {
            guard let i = body.index(column) else { return nil }
            // A clean cell that is not blank is not empty.
            if cells[i].isClean { return cells[i].text }
            let t = cleanedAbove.clean(cells[i].text, column: i)
            return t.isEmpty ? nil : t
        }
        let rowLocation = SourceLocation(file: file, line: line, column: firstColumn)
        // Where each value came from, made only when the reading keeps it.
        let keepsOrigins = keepsOrigins
        func origin(_ make: @autoclosure () -> ValueOrigin) -> ValueOrigin { keepsOrigins ? make() : .none }

        // Name, and a code written inside it.
        guard let nameIndex = body.index(.name), var name = text(.name) else {
            // A row under a vertically merged new procedure that adds one more replaced code.
            let more = [AnnexColumn.replaces, .replacedName].flatMap { body.index($0).map { AnnexVocabulary.codes(in: cells[$0].text).map(\.code) } ?? [] }
            if !more.isEmpty, let last = reading.changes.indices.last, reading.changes[last].change == .replaced {
                reading.changes[last].replaces += more
                lastBodyLine = line
                return
            }
            unplaced(GridRow(cells: cells, line: line), reason: LocalizedText(vi: "ô tên thủ tục trống", en: "the procedure name is empty"), id: .cellRequired)
            return
        }
        var code: ProcedureCode?
        var codeOrigin = ValueOrigin.none
        if let first = codes.first, let codeIndex {
            code = first.code
            codeOrigin = origin(.cell(header: header(.code), at: location(codeIndex)))
            if codes.count > 1 {
                warn(.cellCode, at: location(codeIndex), LocalizedText(
                    vi: "ô mã có \(codes.count) mã; dùng mã đầu \(first.code.raw)",
                    en: "the code cell holds \(codes.count) codes; the first, \(first.code.raw), is used"))
            }
        } else if let (found, stripped) = Self.codeInName(name) {
            code = found
            name = stripped
            codeOrigin = origin(.nameCell(at: location(nameIndex)))
        } else if let codeIndex, let written = text(.code), !AnnexVocabulary.saysNoCode(written) {
            code = ProcedureCode(written)
            codeOrigin = origin(.cell(header: header(.code), at: location(codeIndex)))
            warn(.cellCode, at: location(codeIndex), LocalizedText(
                vi: "cột \"\(header(.code))\": mã TTHC không hợp lệ \"\(written)\": cần dạng 1.010696 (một chữ số, dấu chấm, sáu chữ số), có thể kèm hậu tố như .000.00.00.H56; thủ tục được đối chiếu theo tên",
                en: "column \"\(header(.code))\": malformed procedure code \"\(written)\": expected 1.010696 (a digit, a dot, six digits), optionally followed by a suffix such as .000.00.00.H56; the procedure is matched by name"))
        }

        // Replaced codes: the replaces column, else codes in the replaced-name column.
        var replaces: [ProcedureCode] = []
        var replacesOrigin = ValueOrigin.none
        for column in [AnnexColumn.replaces, .replacedName] {
            guard replaces.isEmpty, let i = body.index(column) else { continue }
            replaces = AnnexVocabulary.codes(in: cells[i].text).map(\.code)
            if !replaces.isEmpty { replacesOrigin = origin(.cell(header: header(column), at: location(i))) }
        }

        // Change type: own cell, headings, decision title, or a filled replaces column.
        var changeType: ChangeType?
        var changeOrigin = ValueOrigin.none
        if let c = body.index(.change), let written = text(.change) {
            if let value = (try? Vocabulary.changeType(written)) ?? AnnexVocabulary.heading(written).change {
                changeType = value
                changeOrigin = origin(.cell(header: header(.change), at: location(c)))
            } else {
                unknownWord(.cellChange, .changeType, written, column: header(.change), at: location(c))
            }
        }
        if changeType == nil, let change {
            changeType = change.value
            changeOrigin = origin(change.origin)
        }
        if changeType == nil, let implied = layout.impliedChange {
            changeType = implied.value
            changeOrigin = origin(.columnHeader(implied.header))
        }
        if changeType == nil, let titleChange, let decisionTitle {
            changeType = titleChange
            changeOrigin = origin(.decisionTitle(decisionTitle))
        }
        if !replaces.isEmpty, changeType != .replaced, changeType != .abolished {
            changeType = .replaced
            changeOrigin = origin(.replacedCodeGiven)
        }
        if changeType == nil, reading.isSnapshot {
            reading.listed.append(ListedProcedure(
                code: code ?? .uncoded(name: name),
                content: ProcedureContent(name: name, field: text(.field) ?? field?.value, levels: levels?.value ?? [],
                                          agency: text(.agency), processingTime: text(.processingTime), fees: text(.fees)),
                location: rowLocation))
            lastBodyLine = line
            return
        }
        guard let changeType else {
            let label = code.map { $0.raw } ?? name
            unplaced(GridRow(cells: cells, line: line), reason: LocalizedText(
                vi: "không biết loại thay đổi của thủ tục \(label): chưa có tiêu đề hay dòng mục (như \"1. Danh mục thủ tục hành chính mới ban hành\") ở trên, không có cột \"Loại thay đổi\" và trích yếu quyết định không nói",
                en: "no change type for procedure \(label): no title or section row (such as \"1. Danh mục thủ tục hành chính mới ban hành\") above it, no \"Loại thay đổi\" column, and the decision title does not say"), id: .listingNoChange)
            return
        }
        if changeType == .replaced, replaces.isEmpty {
            warn(.annexReplacedWithoutCode, at: rowLocation, LocalizedText(
                vi: "thủ tục thay thế \(code?.raw ?? name) không ghi mã thủ tục bị thay thế",
                en: "replacing procedure \(code?.raw ?? name) does not give the code it replaces"))
        }

        // Levels: own cell, level marks, notes, headings.
        var rowLevels: [AdministrativeLevel] = levels?.value ?? []
        var levelsOrigin = levels?.origin ?? .none
        if let c = body.index(.levels), let written = text(.levels) {
            if let value = AnnexVocabulary.levels(cell: cells[c].text) {
                rowLevels = value
                levelsOrigin = origin(.cell(header: header(.levels), at: location(c)))
            } else {
                unknownWord(.cellLevel, .level, written, column: header(.levels), at: location(c))
            }
        } else {
            var marked: [AdministrativeLevel] = []
            var firstMark: Int?
            for (i, column) in layout.columns {
                if case .levelMark(let level) = column, i < cells.count, AnnexVocabulary.isMark(cells[i].text) {
                    marked.append(level)
                    if firstMark == nil || cells[i].column < cells[firstMark!].column { firstMark = i }
                }
            }
            if let firstMark {
                rowLevels = marked.sorted()
                levelsOrigin = origin(.cell(header: "\(header(.levelMark(marked.sorted()[0])))", at: location(firstMark)))
            } else if let c = body.index(.notes), let value = AnnexVocabulary.levels(cell: cells[c].text) {
                rowLevels = value
                levelsOrigin = origin(.notes(at: location(c)))
            }
        }

        // Online service: a words column, or marks under "Toàn trình" / "Một phần".
        var online: OnlineServiceLevel?
        if let c = body.index(.onlineService), let written = text(.onlineService) {
            if let value = AnnexVocabulary.onlineService(cell: cells[c].text) { online = value } else {
                unknownWord(.cellOnlineService, .onlineService, written, column: header(.onlineService), at: location(c))
            }
        } else {
            for level in [OnlineServiceLevel.full, .partial] {
                if let c = body.index(.onlineMark(level)), AnnexVocabulary.isMark(cells[c].text) { online = level; break }
            }
        }

        let fieldValue = text(.field) ?? field?.value
        let fieldOrigin: ValueOrigin = origin(body.index(.field).map { .cell(header: header(.field), at: location($0)) } ?? field?.origin ?? .none)

        let finalCode = code ?? .uncoded(name: name)
        let change = ProcedureChange(
            code: finalCode, change: changeType, replaces: changeType == .replaced ? replaces : [],
            content: ProcedureContent(
                name: name, field: fieldValue, levels: rowLevels, agency: text(.agency),
                processingTime: text(.processingTime), fees: text(.fees), onlineService: online),
            legalBasis: text(.legalBasis), location: rowLocation)
        reading.changes.append(change)
        if keepsOrigins {
            reading.origins.append(ProcedureOrigins(code: codeOrigin, change: changeOrigin, levels: levelsOrigin,
                                                    field: fieldOrigin, replaces: changeType == .replaced ? replacesOrigin : .none))
        }
        lastBodyLine = line
    }

    /// A code written in the name cell: "Tên (Mã TTHC: 3.000722)", "Tên (1.010801)",
    /// "Tên - Mã số: 1.010801", "1.010801 - Tên". Returns the code and the name without it.
    static func codeInName(_ name: String) -> (ProcedureCode, String)? {
        let found = AnnexVocabulary.codes(in: name)
        guard let first = found.first, first.code.isWellFormed else { return nil }
        var start = first.range.lowerBound
        var end = first.range.upperBound
        // Widen over "(Mã TTHC: " … ")" or "- Mã số: ".
        let before = name[name.startIndex..<start]
        if let open = before.lastIndex(of: "("), !before[open...].contains(")") {
            let label = TextNormalization.fold(String(before[before.index(after: open)...]))
            if label.isEmpty || label.hasPrefix("ma") || label.hasPrefix("so") {
                start = open
                if let close = name[end...].firstIndex(of: ")") { end = name.index(after: close) }
            }
        } else {
            // "Tên - Mã TTHC: 1.001", "Tên\nMã số: 1.001": cut from the label "Mã".
            let labelWords: Set<String> = ["ma", "so", "tthc", "thu", "tuc", "hanh", "chinh", "hs", "ho", ""]
            for word in before.split(whereSeparator: { $0.isWhitespace }).reversed() {
                let folded = TextNormalization.fold(String(word))
                guard labelWords.contains(folded) else { break }
                if folded == "ma" {
                    start = word.startIndex
                    break
                }
            }
        }
        var stripped = String(name[name.startIndex..<start]) + " " + String(name[end...])
        stripped = TextNormalization.clean(stripped)
        while let last = stripped.last, "-–:;,/".contains(last) { stripped.removeLast(); stripped = stripped.trimmingWhitespace() }
        while let firstChar = stripped.first, "-–:;,.".contains(firstChar) { stripped.removeFirst(); stripped = stripped.trimmingWhitespace() }
        guard !stripped.isEmpty else { return nil }
        return (first.code, stripped)
    }
}

/// ``TextNormalization/clean(_:)`` of the cells of a table, remembering the last long cell
/// of each of its first columns: a column of an annex repeats its agency, processing time,
/// fees and legal basis on row after row, and its cleaned text is then the one above.
struct CleanedAbove {
    private var raw: [String] = []
    private var cleaned: [String] = []

    mutating func clean(_ text: String, column: Int) -> String {
        let n = text.utf8.count
        guard n > 15, column < 64 else { return TextNormalization.clean(text) }
        if column < raw.count, raw[column].utf8.count == n, TextNormalization.sameBytes(raw[column], text) { return cleaned[column] }
        let result = TextNormalization.clean(text)
        while raw.count <= column {
            raw.append("")
            cleaned.append("")
        }
        raw[column] = text
        cleaned[column] = result
        return result
    }
}
