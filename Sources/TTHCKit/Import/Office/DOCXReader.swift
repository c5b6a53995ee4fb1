/// Reads the body of a Word document (.docx, văn bản Word) into grid rows, in document
/// order, the way python-docx reads it:
///
/// - a paragraph outside any table is a row of one cell;
/// - a table (`w:tbl`) gives a row per `w:tr`; a cell (`w:tc`) spanning columns
///   (`w:gridSpan`) is its text plus blank cells for the columns it covers; a cell with
///   `w:vMerge` and no `val="restart"` continues the cell above: it is given blank, and
///   the cell that starts the merge carries the rowSpan; `w:gridBefore` leaves blank
///   cells at the start of a row;
/// - the paragraphs of a cell are one cell with line breaks; `w:br` and `w:cr` are line
///   breaks, `w:tab` a tab; a table inside a cell adds its text to the cell, line by line;
/// - deleted text (`w:delText`, `w:moveFrom`), field instructions and the fallback copy
///   of alternate content (`mc:Fallback`, which repeats the choice) are left out.
///
/// Places: the line of a row is its place among the body's paragraphs and table rows
/// (the 7th paragraph or row is line 7), its column the grid column (1-based).
struct DOCXBody {
    /// The body as rows, and the errors that stopped the reading.
    static func rows(_ file: InputFile, limits: ContainerLimits) -> (rows: [GridRow], diagnostics: [Diagnostic]) {
        do {
            return rows(try OfficePackage(file, expecting: .word, limits: limits))
        } catch {
            return ([], error.diagnostics)
        }
    }

    static func rows(_ package: OfficePackage) -> (rows: [GridRow], diagnostics: [Diagnostic]) {
        var builder = Builder(file: package.displayPath)
        do {
            let relations = try package.relationships(of: package.main)
            if let target = relations.first(where: { $0.type.hasSuffix("/numbering") && !$0.external })?.target {
                builder.numbering = try Numbering.read(package, target)
            }
            try package.parse(package.main) { builder.handle($0) }
        } catch {
            return ([], error.diagnostics)
        }
        builder.finishTable()
        return (builder.rows, builder.diagnostics)
    }

    /// Columns a table row may have (a hostile `gridSpan` would make rows of millions).
    static let maximumColumns = TableLimits.columns

    private struct Cell {
        var text: String
        var span: Int
        var merge: Merge
        enum Merge { case none, restart, `continue` }
    }

    private struct Builder {
        let file: String
        var rows: [GridRow] = []
        var diagnostics: [Diagnostic] = []
        var line = 0
        /// Rows, cells and cell lengths against ``TableLimits``.
        let budget = TableGuard()
        var stopped = false

        /// Nesting of `w:tbl`: 0 in the body, 1 in a table's cells, more in nested tables.
        var tableDepth = 0
        var table: [(line: Int, before: Int, cells: [Cell])] = []
        var rowBefore = 0
        var rowCells: [Cell] = []
        var cell: Cell?
        /// Paragraph text being collected, and the lines of the current cell.
        var paragraph = ""
        var paragraphDepth = 0
        var cellLines: [String] = []
        var inText = false
        /// Inside an element whose content is left out (`mc:Fallback`, `w:moveFrom`, …).
        var skipping = 0
        /// The list numbering of the document, and the list item of each open paragraph.
        var numbering = Numbering()
        var listItem: [Int: (numId: Int, level: Int)] = [:]
        /// In `w:tcPr` or `w:trPr` of the outer table (not of a nested one).
        var inCellProperties = false
        var inRowProperties = false

        init(file: String) { self.file = file }

        mutating func handle(_ event: XMLStreamEvent) {
            if stopped { return }
            switch event {
            case .start(let tag):
                if skipping > 0 {
                    skipping += 1
                    return
                }
                start(tag)
            case .text(let text):
                if inText, skipping == 0 { paragraph += text }
            case .end(let name):
                if skipping > 0 {
                    skipping -= 1
                    return
                }
                end(name)
            }
        }

        mutating func start(_ tag: XMLStartTag) {
            switch tag.localName {
            case "Fallback", "moveFrom", "delText", "instrText", "del", "rPr", "tabs":
                // Properties hold no text; `w:pPr/w:tabs/w:tab` is a tab stop, not a tab.
                skipping = 1
            case "numId":
                listItem[paragraphDepth, default: (0, 0)].numId = Int(tag.attributes["val"] ?? "") ?? 0
            case "ilvl":
                listItem[paragraphDepth, default: (0, 0)].level = min(max(Int(tag.attributes["val"] ?? "") ?? 0, 0), 8)
            case "tbl":
                if tableDepth == 0 { flushParagraph() }
                tableDepth += 1
            case "tr" where tableDepth == 1:
                rowCells = []
                rowBefore = 0
            case "trPr" where tableDepth == 1:
                inRowProperties = true
            case "gridBefore" where inRowProperties:
                rowBefore = min(Int(tag.attributes["val"] ?? "") ?? 0, DOCXBody.maximumColumns)
            case "tc" where tableDepth == 1:
                cell = Cell(text: "", span: 1, merge: .none)
                cellLines = []
            case "tcPr" where tableDepth == 1:
                inCellProperties = true
            case "gridSpan" where inCellProperties:
                cell?.span = min(max(Int(tag.attributes["val"] ?? "") ?? 1, 1), DOCXBody.maximumColumns)
            case "vMerge" where inCellProperties:
                cell?.merge = tag.attributes["val"] == "restart" ? .restart : .continue
            case "p":
                paragraphDepth += 1
            case "t":
                inText = true
            case "br", "cr":
                paragraph += "\n"
            case "tab":
                if paragraphDepth > 0 { paragraph += "\t" }
            case "noBreakHyphen":
                paragraph += "-"
            default:
                break
            }
        }

        mutating func end(_ name: String) {
            switch name {
            case "t":
                inText = false
            case "p":
                if let item = listItem.removeValue(forKey: paragraphDepth), item.numId > 0 {
                    paragraph = numbering.label(numId: item.numId, level: item.level) + paragraph
                }
                paragraphDepth -= 1
                // A paragraph inside a paragraph (a text box) joins the outer one.
                if paragraphDepth > 0 {
                    paragraph += "\n"
                } else if tableDepth == 0 {
                    flushParagraph()
                } else {
                    cellLines.append(paragraph)
                    paragraph = ""
                }
            case "trPr":
                inRowProperties = false
            case "tcPr":
                inCellProperties = false
            case "tc" where tableDepth == 1:
                if var c = cell {
                    c.text = cellLines.joined(separator: "\n")
                    rowCells.append(c)
                }
                cell = nil
            case "tr" where tableDepth == 1:
                line += 1
                // A table is buffered until its end (for its vertical merges): past the row
                // limit it is refused before it grows further.
                guard table.count < TableLimits.rows else {
                    stopped = true
                    diagnostics.append(TableLimits.diagnostic(.tooManyRows, at: SourceLocation(file: file, line: line, column: 1)))
                    return
                }
                table.append((line, rowBefore, rowCells))
                rowCells = []
            case "tbl":
                tableDepth -= 1
                if tableDepth == 0 { finishTable() }
            default:
                break
            }
        }

        mutating func flushParagraph() {
            defer { paragraph = "" }
            let text = paragraph
            line += 1
            guard !text.trimmingWhitespace().isEmpty else { return }
            emit(GridRow(cells: [GridCell(text: text, line: line, column: 1)], line: line))
        }

        /// Hands over the buffered table with its merges worked out; each row is checked
        /// against the limits as it is built, so a hostile table stops before its grid grows.
        mutating func finishTable() {
            defer { table = [] }
            guard !table.isEmpty, !stopped else { return }
            var grid: [[GridCell]] = []
            // For each grid column, the row and index of the cell that started a vertical merge.
            var openMerge: [Int: (row: Int, index: Int)] = [:]
            for (r, row) in table.enumerated() {
                var cells: [GridCell] = []
                var column = 1
                for _ in 0..<row.before where column <= DOCXBody.maximumColumns {
                    cells.append(GridCell(text: "", line: row.line, column: column))
                    column += 1
                }
                for c in row.cells {
                    guard column <= DOCXBody.maximumColumns else { break }
                    let span = min(c.span, DOCXBody.maximumColumns - column + 1)
                    var text = c.text
                    switch c.merge {
                    case .continue:
                        text = ""
                        if let open = openMerge[column] { grid[open.row][open.index].rowSpan += 1 }
                    case .restart:
                        openMerge[column] = (r, cells.count)
                    case .none:
                        openMerge[column] = nil
                    }
                    cells.append(GridCell(text: text, line: row.line, column: column, columnSpan: span))
                    for extra in 1..<max(span, 1) {
                        cells.append(GridCell(text: "", line: row.line, column: column + extra))
                    }
                    column += span
                }
                var checked = GridRow(cells: cells, line: row.line)
                guard budget.admit(&checked, file: file, into: &diagnostics) else {
                    stopped = true
                    return
                }
                grid.append(checked.cells)
            }
            for (i, cells) in grid.enumerated() { rows.append(GridRow(cells: cells, line: table[i].line)) }
        }

        mutating func emit(_ row: GridRow) {
            var checked = row
            guard budget.admit(&checked, file: file, into: &diagnostics) else {
                stopped = true
                return
            }
            rows.append(checked)
        }
    }
}

/// Word's automatic list numbering (`word/numbering.xml`), so that a number Word draws
/// ("1.", "a)", "II.") is in the text, as it is on the page: annex tables often number
/// their STT column and their section headings this way.
///
/// Each list (`w:num`, through its `w:abstractNum`) counts per level from its start; a
/// level counting on resets the levels below it; the label is the level's `w:lvlText` with
/// `%1`…`%9` replaced by the counters in each level's format (decimal, decimalZero, letters,
/// Roman numerals), then the level's suffix (a tab unless `w:suff` says space or nothing).
/// Bullets and unknown formats give no label. Numbering that comes from a paragraph style
/// is not followed.
struct Numbering {
    struct Level {
        var start = 1
        var format = "decimal"
        var text = ""
        var suffix = "\t"
    }

    /// Levels by abstract list, and the abstract list (with start overrides) of each list.
    private var abstract: [Int: [Int: Level]] = [:]
    private var lists: [Int: (abstract: Int, starts: [Int: Int])] = [:]
    private var counters: [Int: [Int]] = [:]

    static func read(_ package: OfficePackage, _ part: String) throws(InputError) -> Numbering {
        var n = Numbering()
        var abstractId: Int?
        var level: (Int, Level)?
        var numId: Int?
        var overrideLevel: Int?
        try package.parse(part, optional: true) { event in
            switch event {
            case .start(let tag):
                let val = tag.attributes["val"] ?? ""
                switch tag.localName {
                case "abstractNum": abstractId = Int(tag.attributes["abstractNumId"] ?? "")
                case "lvl": if abstractId != nil { level = (min(max(Int(tag.attributes["ilvl"] ?? "") ?? 0, 0), 8), Level()) }
                case "start": if let v = Int(val) { if level != nil { level!.1.start = v } else if let numId, let overrideLevel { n.lists[numId]?.starts[overrideLevel] = v } }
                case "startOverride": if let v = Int(val), let numId, let overrideLevel { n.lists[numId]?.starts[overrideLevel] = v }
                case "numFmt": level?.1.format = val
                case "lvlText": level?.1.text = val
                case "suff": level?.1.suffix = val == "space" ? " " : val == "nothing" ? "" : "\t"
                case "num": numId = Int(tag.attributes["numId"] ?? "")
                case "abstractNumId": if let numId, let a = Int(val) { n.lists[numId] = (a, [:]) }
                case "lvlOverride": overrideLevel = Int(tag.attributes["ilvl"] ?? "")
                default: break
                }
            case .end(let name):
                switch name {
                case "lvl": if let (i, l) = level, let abstractId { n.abstract[abstractId, default: [:]][i] = l }; level = nil
                case "abstractNum": abstractId = nil
                case "num": numId = nil
                case "lvlOverride": overrideLevel = nil
                default: break
                }
            case .text:
                break
            }
        }
        return n
    }

    /// The label of the next item at `level` of list `numId`, counting it.
    mutating func label(numId: Int, level: Int) -> String {
        guard let list = lists[numId], let levels = abstract[list.abstract], let this = levels[level] else { return "" }
        var count = counters[numId] ?? Array(repeating: 0, count: 9)
        func start(_ l: Int) -> Int { list.starts[l] ?? levels[l]?.start ?? 1 }
        count[level] = count[level] == 0 ? start(level) : count[level] + 1
        for deeper in (level + 1)..<9 { count[deeper] = 0 }
        counters[numId] = count
        guard this.format != "bullet", this.format != "none" else { return "" }
        var text = this.text
        for l in (0...level).reversed() {
            let value = count[l] == 0 ? start(l) : count[l]
            text = text.replacingOccurrences(of: "%\(l + 1)", with: Self.format(value, levels[l]?.format ?? "decimal"))
        }
        return text.isEmpty ? "" : text + this.suffix
    }

    static func format(_ n: Int, _ format: String) -> String {
        switch format {
        case "decimalZero": return n < 10 ? "0\(n)" : "\(n)"
        case "lowerLetter", "upperLetter":
            guard n > 0 else { return "\(n)" }
            let letter = Character(UnicodeScalar(UInt8(97 + (n - 1) % 26)))
            let s = String(repeating: letter, count: (n - 1) / 26 + 1)
            return format == "upperLetter" ? s.uppercased() : s
        case "lowerRoman", "upperRoman":
            guard n > 0, n < 4000 else { return "\(n)" }
            var r = "", v = n
            for (value, numeral) in [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                                     (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
                while v >= value { r += numeral; v -= value }
            }
            return format == "upperRoman" ? r.uppercased() : r
        default:
            return "\(n)"
        }
    }
}
