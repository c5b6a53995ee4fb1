/// Reads an Excel workbook (.xlsx, bảng tính Excel) into grids, one per sheet, the way
/// openpyxl's read-only mode does: the sheet's XML is streamed row by row; shared strings
/// are resolved by index and inline strings read in place; a formula gives its cached
/// value; an ISO date cell (`t="d"`) and a number in a date format (built-in or custom, in the 1900 or the 1904 date
/// system) is written `dd/mm/yyyy`; a number in a fixed-decimals format ("0.000000") keeps
/// its decimals, as Excel shows it (so a code typed as a number, 1.010690, stays whole);
/// merged ranges (`mergeCells`) give the first cell its spans and the cells they cover
/// come blank.
///
/// Places: a cell's line is its row number and its column the column number (A = 1). In
/// a workbook of several sheets every place names the sheet: `file.xlsx[Sheet2]:12:3`.
public struct XLSXWorkbook {
    public struct Sheet {
        public var name: String
        /// What diagnostics name: the file, with `[sheet]` when the workbook has several.
        public var displayPath: String
        public var hidden: Bool
        fileprivate var part: String
    }

    public let displayPath: String
    public private(set) var sheets: [Sheet] = []
    private let package: OfficePackage
    private var sharedStrings: [String] = []
    /// Per cell style (index into `cellXfs`): how its numbers are shown.
    private var styles: [NumberFormat] = []
    private var date1904 = false

    /// Cells past this column are not read (one warning a sheet). LibreOffice's old
    /// limit, far beyond any annex table (``TableLimits/columns``).
    public static let maximumColumns = TableLimits.columns
    /// Merged ranges read per sheet (real annexes have a few hundred).
    public static let maximumMerges = 10_000

    enum NumberFormat: Equatable {
        case general, date, decimals(Int)
    }

    /// Opens the workbook and reads its sheet list, shared strings and styles.
    public init(_ file: InputFile, limits: ContainerLimits = .standard) throws(InputError) {
        try self.init(try OfficePackage(file, expecting: .excel, limits: limits))
    }

    /// A workbook from parts already unpacked (`xl/workbook.xml`, …): for fuzzing the part
    /// readers without the container around them.
    public init(parts: [String: [UInt8]], displayPath: String) throws(InputError) {
        try self.init(try OfficePackage(try OfficeContainer(parts: parts, displayPath: displayPath), expecting: .excel))
    }

    init(_ package: OfficePackage) throws(InputError) {
        displayPath = package.displayPath
        self.package = package
        let workbook = package.main
        let relations = try package.relationships(of: workbook)
        var listed: [(name: String, id: String, hidden: Bool)] = []
        var date1904 = false
        try package.parse(workbook) { event in
            guard case .start(let tag) = event else { return }
            if tag.localName == "workbookPr", let value = tag.attributes["date1904"] {
                date1904 = value == "1" || value.lowercased() == "true"
            } else if tag.localName == "sheet", let name = tag.attributes["name"], let id = tag.attributes["id"] {
                listed.append((name, id, ["hidden", "veryHidden"].contains(tag.attributes["state"] ?? "")))
            }
        }
        self.date1904 = date1904
        let several = listed.count > 1
        for sheet in listed {
            guard let target = relations.first(where: { $0.id == sheet.id && !$0.external })?.target else { continue }
            sheets.append(Sheet(name: sheet.name, displayPath: several ? "\(package.displayPath)[\(sheet.name)]" : package.displayPath,
                                hidden: sheet.hidden, part: target))
        }
        if let target = relations.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target {
            sharedStrings = try Self.readSharedStrings(package, target)
        }
        if let target = relations.first(where: { $0.type.hasSuffix("/styles") })?.target {
            styles = try Self.readStyles(package, target)
        }
    }

    private static func readSharedStrings(_ package: OfficePackage, _ part: String) throws(InputError) -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try package.parse(part, optional: true) { event in
            switch event {
            case .start(let tag):
                switch tag.localName {
                case "si": current = ""
                case "t": inText = phonetic == 0
                case "rPh": phonetic += 1
                default: break
                }
            case .text(let text):
                if inText { current += text }
            case .end(let name):
                switch name {
                case "si": strings.append(current)
                case "t": inText = false
                case "rPh": phonetic -= 1
                default: break
                }
            }
        }
        return strings
    }

    private static func readStyles(_ package: OfficePackage, _ part: String) throws(InputError) -> [NumberFormat] {
        var custom: [Int: String] = [:]
        var formats: [NumberFormat] = []
        var inCellXfs = false
        try package.parse(part, optional: true) { event in
            switch event {
            case .start(let tag):
                if tag.localName == "numFmt", let id = tag.attributes["numFmtId"].flatMap({ Int($0) }) {
                    custom[id] = tag.attributes["formatCode"] ?? ""
                } else if tag.localName == "cellXfs" {
                    inCellXfs = true
                } else if inCellXfs, tag.localName == "xf" {
                    let id = tag.attributes["numFmtId"].flatMap { Int($0) } ?? 0
                    formats.append(Self.format(id: id, code: custom[id]))
                }
            case .end(let name):
                if name == "cellXfs" { inCellXfs = false }
            case .text:
                break
            }
        }
        return formats
    }

    /// How a number format shows a number: a date (built-in ids 14–17, 22, 27–36, 50–58,
    /// or a custom code with a day or year in it), fixed decimals ("0", "0.00",
    /// "0.000000"), or as it is.
    static func format(id: Int, code: String?) -> NumberFormat {
        if let code {
            var stripped = ""
            var quoted = false, bracket = false, escaped = false
            for ch in code {
                if escaped { escaped = false; continue }
                switch ch {
                case "\\": escaped = true
                case "\"": quoted.toggle()
                case "[" where !quoted: bracket = true
                case "]" where !quoted: bracket = false
                default: if !quoted && !bracket { stripped.append(ch) }
                }
            }
            let lower = stripped.lowercased()
            if lower.contains("d") || lower.contains("y") { return .date }
            let section = lower.split(separator: ";").first.map(String.init) ?? lower
            if section == "0" || section.hasPrefix("0.") && section.dropFirst(2).allSatisfy({ $0 == "0" }) {
                return .decimals(max(section.count - 2, 0))
            }
            return .general
        }
        switch id {
        case 14...17, 22, 27...36, 50...58: return .date
        case 1: return .decimals(0)
        case 2: return .decimals(2)
        default: return .general
        }
    }

    /// The sheet as a table source, streamed when its rows are asked for.
    public func source(_ sheet: Sheet) -> some TableSource {
        XLSXSheetSource(workbook: self, sheet: sheet, budget: TableGuard())
    }

    /// The sheet as a table source drawing on `budget`: a reader of the whole workbook
    /// passes one budget to every sheet, so the limits of ``TableLimits`` hold for the file.
    func source(_ sheet: Sheet, budget: TableGuard) -> some TableSource {
        XLSXSheetSource(workbook: self, sheet: sheet, budget: budget)
    }

    // MARK: Reading a sheet

    fileprivate func forEachRow(_ sheet: Sheet, budget: TableGuard, _ body: (GridRow) -> Void) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Pass 1: the merged ranges, written after the rows.
        var merges: [(top: Int, left: Int, bottom: Int, right: Int)] = []
        var tooManyMerges = false
        // The part is unpacked once and read twice.
        let bytes: [UInt8]
        do {
            bytes = try package.bytes(sheet.part)
        } catch {
            return error.diagnostics
        }
        do {
            try package.parse(bytes, of: sheet.part) { event in
                guard case .start(let tag) = event, tag.localName == "mergeCell", let ref = tag.attributes["ref"] else { return }
                let ends = ref.split(separator: ":")
                guard ends.count == 2, let a = Self.cellReference(ends[0]), let b = Self.cellReference(ends[1]),
                      a.row <= b.row, a.column <= b.column else { return }
                guard merges.count < Self.maximumMerges else { tooManyMerges = true; return }
                merges.append((a.row, a.column, b.row, b.column))
            }
        } catch {
            return error.diagnostics
        }
        if tooManyMerges {
            diagnostics.append(Diagnostic(.warning, .xlsxTooManyMerges, at: SourceLocation(file: sheet.displayPath), LocalizedText(
                vi: "trang tính có hơn \(Self.maximumMerges) vùng ô gộp; các vùng sau đó được đọc như ô thường",
                en: "the sheet has more than \(Self.maximumMerges) merged ranges; the ones after that are read as ordinary cells")))
        }
        merges.sort { ($0.top, $0.left) < ($1.top, $1.left) }
        var nextMerge = 0
        var active: [(top: Int, left: Int, bottom: Int, right: Int)] = []
        // Pass 2: the rows.
        var cells: [Int: String] = [:]
        var rowNumber = 0
        var lastRow = 0
        var lastColumn = 0
        var cell: (column: Int, type: String, style: Int)?
        var value = ""
        var inValue = false
        var inlineText = 0
        var phonetic = 0
        var wideWarned = false
        var stopped = false
        // The cells merged ranges cover, visited row by row: overlapping ranges could make
        // that work grow as ranges × rows, so it counts against the cell limit too.
        var mergeWork = 0

        func flushRow() {
            guard !cells.isEmpty, !stopped else { cells = [:]; return }
            let width = cells.keys.max()!
            var row: [GridCell] = []
            row.reserveCapacity(width)
            while nextMerge < merges.count, merges[nextMerge].top <= rowNumber {
                active.append(merges[nextMerge])
                nextMerge += 1
            }
            active.removeAll { $0.bottom < rowNumber }
            for column in 1...width {
                row.append(GridCell(text: cells[column] ?? "", line: rowNumber, column: column))
            }
            cells = [:]
            mergeWork += active.count
            for m in active where m.left <= width {
                mergeWork += min(m.right, width) - m.left + 1
                for column in m.left...min(m.right, width) where m.top != rowNumber || column != m.left {
                    row[column - 1].text = ""
                }
                if m.top == rowNumber {
                    // A range as large as the sheet (A1:XFD1048576) spans what a grid can hold.
                    row[m.left - 1].columnSpan = min(m.right, TableLimits.columns) - m.left + 1
                    row[m.left - 1].rowSpan = min(m.bottom - m.top + 1, TableLimits.rows)
                }
            }
            if mergeWork > TableLimits.cells {
                stopped = true
                diagnostics.append(TableLimits.diagnostic(.tooManyCells, at: SourceLocation(file: sheet.displayPath, line: rowNumber, column: 1)))
                return
            }
            var gridRow = GridRow(cells: row, line: rowNumber)
            guard budget.admit(&gridRow, file: sheet.displayPath, into: &diagnostics) else {
                stopped = true
                return
            }
            body(gridRow)
        }

        do {
            try package.parse(bytes, of: sheet.part) { event in
                if stopped { return }
                switch event {
                case .start(let tag):
                    switch tag.localName {
                    case "row":
                        flushRow()
                        let r = tag.attributes["r"].flatMap { Int($0) } ?? (lastRow + 1)
                        rowNumber = min(max(r, lastRow + 1), 1_048_576)
                        lastRow = rowNumber
                        lastColumn = 0
                    case "c":
                        var column = lastColumn + 1
                        if let ref = tag.attributes["r"], let parsed = Self.cellReference(Substring(ref)) { column = parsed.column }
                        lastColumn = column
                        cell = (column, tag.attributes["t"] ?? "n", tag.attributes["s"].flatMap { Int($0) } ?? 0)
                        value = ""
                    case "v":
                        inValue = cell != nil
                    case "is":
                        inlineText += 1
                    case "rPh":
                        phonetic += 1
                    case "t":
                        if inlineText > 0, phonetic == 0 { inValue = true }
                    default:
                        break
                    }
                case .text(let text):
                    if inValue { value += text }
                case .end(let name):
                    switch name {
                    case "v", "t":
                        inValue = false
                    case "is":
                        inlineText -= 1
                    case "rPh":
                        phonetic -= 1
                    case "c":
                        guard let c = cell else { break }
                        cell = nil
                        if c.column > Self.maximumColumns {
                            if !wideWarned {
                                wideWarned = true
                                diagnostics.append(Diagnostic(.warning, .xlsxTooWide, at: SourceLocation(file: sheet.displayPath, line: rowNumber, column: c.column), LocalizedText(
                                    vi: "bảng tính có ô sau cột \(Self.maximumColumns); các ô đó không được đọc",
                                    en: "the sheet has cells past column \(Self.maximumColumns); those cells are not read")))
                            }
                            break
                        }
                        let text = shown(value, type: c.type, style: c.style, at: SourceLocation(file: sheet.displayPath, line: rowNumber, column: c.column), into: &diagnostics)
                        if !text.isEmpty { cells[c.column] = text }
                    case "sheetData":
                        flushRow()
                    default:
                        break
                    }
                }
            }
        } catch {
            return diagnostics + error.diagnostics
        }
        flushRow()
        return diagnostics
    }

    /// A cell's text as Excel shows it.
    private func shown(_ raw: String, type: String, style: Int, at: SourceLocation, into diagnostics: inout [Diagnostic]) -> String {
        switch type {
        case "s":
            guard let index = Int(raw.trimmingWhitespace()), index >= 0, index < sharedStrings.count else {
                if !raw.isEmpty {
                    diagnostics.append(Diagnostic(.error, .xlsxDamaged, at: at, LocalizedText(
                        vi: "ô trỏ tới chuỗi dùng chung số \(raw) không có trong tệp (tệp hỏng?)",
                        en: "the cell refers to shared string \(raw), which the file does not have (damaged file?)")))
                }
                return ""
            }
            return sharedStrings[index]
        case "inlineStr", "str", "e":
            return raw
        case "b":
            return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw
        case "d":
            // An ISO 8601 date cell ("2026-03-05T00:00:00"), written by some exporters.
            let day = raw.prefix { $0 != "T" && $0 != " " }
            return (try? CivilDate.parse(day))?.vietnamese ?? raw
        default:
            guard !raw.isEmpty, let number = Double(raw.trimmingWhitespace()), number.isFinite else { return raw }
            let format = style >= 0 && style < styles.count ? styles[style] : .general
            switch format {
            case .date:
                return Self.date(serial: number, date1904: date1904)?.vietnamese ?? Self.plain(number)
            case .decimals(let places):
                return Self.fixed(number, places: places)
            case .general:
                return Self.plain(number)
            }
        }
    }

    /// The civil date of a serial day number: the 1900 system counts 1 = 1900-01-01 with
    /// Lotus's phantom 29 February 1900 at 60; the 1904 system counts 0 = 1904-01-01. The
    /// time of day is dropped. Nil outside 1900–9999.
    static func date(serial: Double, date1904: Bool) -> CivilDate? {
        let days = Int(serial.rounded(.down))
        guard serial >= 0, serial < 2_958_466 else { return nil }
        if date1904 { return CivilDate(dayNumber: CivilDate(year: 1904, month: 1, day: 1)!.dayNumber + days) }
        guard days >= 1 else { return nil }
        let base = CivilDate(year: 1899, month: 12, day: days < 60 ? 31 : 30)!.dayNumber
        return CivilDate(dayNumber: base + days)
    }

    /// A number as Excel's General format shows it: integers without a decimal point,
    /// others in their shortest round-trip form.
    static func plain(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }

    static func fixed(_ number: Double, places: Int) -> String {
        let places = min(places, 15)
        guard places > 0 else { return plain(number.rounded()) }
        let scale = pow10(places)
        let scaled = (abs(number) * scale).rounded()
        guard scaled < 9e15 else { return plain(number) }
        let digits = String(Int64(scaled))
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -places)
        return (number < 0 ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }

    private static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }

    /// "B12" → (row 12, column 2); nil for anything else or beyond Excel's sheet size.
    static func cellReference(_ ref: Substring) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var sawDigit = false
        for ch in ref.utf8 {
            switch ch {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit:
                column = column * 26 + Int(ch - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit:
                column = column * 26 + Int(ch - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                row = row * 10 + Int(ch - UInt8(ascii: "0"))
            default:
                return nil
            }
            if column > 16_384 || row > 1_048_576 { return nil }
        }
        guard column > 0, row > 0 else { return nil }
        return (row, column)
    }
}

/// One sheet of a workbook as a ``TableSource``.
struct XLSXSheetSource: TableSource {
    let workbook: XLSXWorkbook
    let sheet: XLSXWorkbook.Sheet
    let budget: TableGuard

    func forEachRow(_ body: (GridRow) -> Void) -> [Diagnostic] {
        workbook.forEachRow(sheet, budget: budget, body)
    }
}
