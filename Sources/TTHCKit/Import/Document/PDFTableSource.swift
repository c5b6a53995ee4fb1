/// A PDF with a text layer as a grid: the annex tables rebuilt from the words on each page
/// and where they stand.
///
/// Two strategies, as Camelot and pdfplumber name them:
///
/// - **Lattice** (pdfplumber's "lines"): where the page draws ruling lines (most Vietnamese
///   annexes are Word tables with borders), the lines that cross each other make a table;
///   their x and y positions make its grid, and a grid line missing between two cells
///   merges them (a span: text in the first cell, blank cells in the positions it covers,
///   as Excel writes a merged range). Each word goes to the cell its middle falls in; a
///   cell's lines are joined with line breaks. The lines are found on the rendered page
///   (as Camelot does), not in the content stream.
/// - **Stream** (pdfplumber's "text"): everywhere else, words are grouped into lines, and a
///   line is cut into cells where the gap between two words is wider than
///   ``cellGap`` points. Consecutive lines of three cells or more are a borderless table:
///   their cells are placed in the columns the widest line sets, and a line whose first
///   column is empty continues the row above (a wrapped cell). A line of one cell is a
///   paragraph, a row of one cell.
///
/// Tables continued on the next page come as further rows; a page number alone on its
/// line ("2", "- 2 -", "Trang 2") is left out.
///
/// Places: a row's and cell's `line` is the **page number**, and `column` the **order of
/// the cell's first word on its page** (poppler's reading order, from 1). So
/// `annex.pdf:3:41` is page 3, 41st word.
struct PDFTableSource: TableSource {
    let file: InputFile
    /// The words of each page squared, added up (``PDFDocumentReader/maximumLayoutWork``;
    /// lower in tests).
    var maximumLayoutWork = PDFDocumentReader.maximumLayoutWork
    /// Words further apart than this on one line are in different cells (points).
    static let cellGap = 12.0
    /// Rules closer than this are the same grid line (points).
    static let tolerance = 3.0

    func forEachRow(_ body: (GridRow) -> Void) -> [Diagnostic] {
        let at = SourceLocation(file: file.displayPath)
        let reader: PDFDocumentReader
        do {
            reader = try PDFDocumentReader(bytes: file.bytes)
        } catch {
            return [PDFMessages.diagnostic(error, file: file.displayPath)]
        }
        var characters = 0
        var layoutWork = 0
        var rows: [GridRow] = []
        var previousEndsWithTable = false
        // The rows of each page are checked as it is read, so a file past a limit stops at
        // the page that passes it rather than after its last page.
        let budget = TableGuard()
        var warnings: [Diagnostic] = []
        for number in 1...max(reader.pageCount, 1) where reader.pageCount > 0 {
            let page: PDFPage
            do {
                page = try reader.page(number, rules: true)
            } catch {
                return [PDFMessages.diagnostic(error, file: file.displayPath)]
            }
            layoutWork += page.words.count * page.words.count
            if layoutWork > maximumLayoutWork {
                return [PDFMessages.diagnostic(.tooDense(page: number), file: file.displayPath)]
            }
            characters += page.words.reduce(0) { $0 + $1.text.unicodeScalars.count }
            let layout = Self.layout(of: page)
            var pageRows = layout.rows
            if previousEndsWithTable, layout.startsWithTable, let last = rows.last, let first = pageRows.first,
               let joined = Self.continued(last, by: first) {
                rows[rows.count - 1] = joined
                pageRows.removeFirst()
            }
            previousEndsWithTable = layout.endsWithTable
            for var row in pageRows {
                guard budget.admit(&row, file: file.displayPath, into: &warnings) else { return warnings }
                rows.append(row)
            }
        }
        guard characters > 0 else {
            return [Diagnostic(.error, .pdfNoTextLayer, at: at, PDFMessages.noTextLayer(pages: reader.pageCount))]
        }
        rows.forEach(body)
        return warnings
    }

    // MARK: Page layout

    /// A block of the page in reading order: a table, or a line of words.
    private enum Block {
        case table(top: Double, rows: [GridRow])
        case line(top: Double, cells: [[PDFWord]])

        var top: Double {
            switch self {
            case .table(let top, _), .line(let top, _): top
            }
        }
    }

    static func rows(of page: PDFPage) -> [GridRow] { layout(of: page).rows }

    /// A table row cut by a page break (Word lets a row break across pages by default):
    /// the first row of the table that starts a page, when the page before ended with a
    /// table whose last row has the same cells and spans, and the row's number cell (its
    /// first) is blank, is the rest of that last row when its code cell (the second) is
    /// blank too, or when both are one merged heading ("II | Đăng ký biện pháp bảo / đảm
    /// bằng tàu biển"). Its text is added to that row's cells, as further lines; nil when
    /// it is a row of its own (a repeated header, a numbered row, a section row of other
    /// spans).
    static func continued(_ last: GridRow, by first: GridRow) -> GridRow? {
        guard last.cells.count == first.cells.count, first.cells.count >= 3, !first.isBlank, first.cells[0].isBlank,
              last.cells.map(\.columnSpan) == first.cells.map(\.columnSpan),
              first.cells[1].isBlank || first.cells.contains(where: { $0.columnSpan > 1 }),
              last.cells.contains(where: { !$0.isBlank }) else { return nil }
        var joined = last
        for (i, cell) in first.cells.enumerated() where !cell.isBlank {
            joined.cells[i].text = joined.cells[i].isBlank ? cell.text : joined.cells[i].text + "\n" + cell.text
        }
        return joined
    }

    /// The page's rows in reading order, and whether it starts and ends with a table.
    static func layout(of page: PDFPage) -> (rows: [GridRow], startsWithTable: Bool, endsWithTable: Bool) {
        let tables = Lattice.tables(page.rules, tolerance: tolerance)
        var inTable = Array(repeating: -1, count: page.words.count)
        for (w, word) in page.words.enumerated() {
            if let t = tables.firstIndex(where: { $0.contains(word.midX, word.midY) }) { inTable[w] = t }
        }
        var blocks: [Block] = []
        for (t, table) in tables.enumerated() {
            let words = page.words.indices.filter { inTable[$0] == t }.map { page.words[$0] }
            blocks.append(.table(top: table.ys[0], rows: table.rows(words, page: page.number)))
        }
        let loose = page.words.indices.filter { inTable[$0] < 0 }.map { page.words[$0] }
        for line in lines(loose) {
            let cells = split(line)
            if cells.count == 1, isPageNumber(cells[0].map(\.text).joined(separator: " ")) { continue }
            blocks.append(.line(top: line.map(\.y0).min() ?? 0, cells: cells))
        }
        blocks.sort { $0.top < $1.top }

        var rows: [GridRow] = []
        var pendingLines: [[[PDFWord]]] = []
        func flushLines() {
            rows += Stream.rows(pendingLines, page: page.number)
            pendingLines = []
        }
        for block in blocks {
            switch block {
            case .table(_, let tableRows):
                flushLines()
                rows += tableRows
            case .line(_, let cells):
                pendingLines.append(cells)
            }
        }
        flushLines()
        func isTable(_ block: Block?) -> Bool {
            if case .table = block { return true }
            return false
        }
        return (rows, isTable(blocks.first), isTable(blocks.last))
    }

    /// Words grouped into lines: a word joins the line whose middle height it shares,
    /// and a line's words run left to right.
    static func lines(_ words: [PDFWord]) -> [[PDFWord]] {
        var lines: [[PDFWord]] = []
        var bands: [(y0: Double, y1: Double)] = []
        for word in words.sorted(by: { ($0.y0, $0.x0) < ($1.y0, $1.x0) }) {
            if let i = bands.lastIndex(where: { word.midY >= $0.y0 && word.midY <= $0.y1 }) {
                lines[i].append(word)
                bands[i] = (min(bands[i].y0, word.y0), max(bands[i].y1, word.y1))
            } else {
                lines.append([word])
                bands.append((word.y0, word.y1))
            }
        }
        return lines.map { $0.sorted { $0.x0 < $1.x0 } }
    }

    /// A line cut into cells at the wide gaps.
    static func split(_ line: [PDFWord]) -> [[PDFWord]] {
        var cells: [[PDFWord]] = []
        for word in line {
            if let last = cells.last?.last, word.x0 - last.x1 <= cellGap {
                cells[cells.count - 1].append(word)
            } else {
                cells.append([word])
            }
        }
        return cells
    }

    /// "2", "- 2 -", "Trang 2", "2/15": a page number alone on its line.
    static func isPageNumber(_ text: String) -> Bool {
        var t = TextNormalization.fold(text)
        if t.hasPrefix("trang ") { t.removeFirst(6) }
        let core = t.filter { $0 != "-" && $0 != " " && $0 != "/" }
        return !core.isEmpty && core.count <= 6 && core.allSatisfy(\.isNumber)
    }

    /// Words of one cell as its text: lines top to bottom joined by line breaks.
    static func text(_ words: [PDFWord]) -> String {
        lines(words).map { $0.map(\.text).joined(separator: " ") }.joined(separator: "\n")
    }
}

// MARK: Stream

/// The stream strategy over a run of lines outside any ruled table.
enum Stream {
    static func rows(_ lines: [[[PDFWord]]], page: Int) -> [GridRow] {
        var rows: [GridRow] = []
        var i = 0
        while i < lines.count {
            guard lines[i].count >= 3 else {
                rows.append(paragraph(lines[i], page: page))
                i += 1
                continue
            }
            // A borderless table: two lines or more of three cells or more, and the
            // wrapped lines among them (fewer cells, first column empty, close below).
            var j = i + 1
            var anchors = lines[i].map { $0[0].x0 }
            var wide = 1
            while j < lines.count {
                let line = lines[j]
                let gap = top(line) - bottom(lines[j - 1])
                if line.count >= 3 {
                    if line.count > anchors.count { anchors = line.map { $0[0].x0 } }
                    wide += 1
                } else if gap > height(lines[j - 1]) * 0.5 || line[0][0].x0 < anchors[min(1, anchors.count - 1)] - PDFTableSource.cellGap {
                    break
                }
                j += 1
            }
            guard wide >= 2 else {
                rows.append(paragraph(lines[i], page: page))
                i += 1
                continue
            }
            var tableRows: [[(words: [PDFWord], column: Int?)]] = []
            for line in lines[i..<j] {
                let placed = line.map { cell -> ([PDFWord], Int?) in
                    let x = cell[0].x0
                    let column = anchors.lastIndex(where: { $0 <= x + PDFTableSource.cellGap }) ?? 0
                    return (cell, column)
                }
                if !tableRows.isEmpty, !placed.contains(where: { $0.1 == 0 }) {
                    // The first column is empty: a wrapped line of the row above.
                    var last = tableRows.removeLast()
                    for (words, column) in placed {
                        if let k = last.firstIndex(where: { $0.column == column }) { last[k].words += words } else { last.append((words, column)) }
                    }
                    tableRows.append(last)
                } else {
                    tableRows.append(placed.map { ($0.0, $0.1) })
                }
            }
            rows += tableRows.map { row($0, page: page, width: anchors.count) }
            i = j
        }
        return rows
    }

    static func top(_ line: [[PDFWord]]) -> Double { line.flatMap { $0 }.map(\.y0).min() ?? 0 }
    static func bottom(_ line: [[PDFWord]]) -> Double { line.flatMap { $0 }.map(\.y1).max() ?? 0 }
    static func height(_ line: [[PDFWord]]) -> Double { bottom(line) - top(line) }

    /// A line outside any table: a row of one cell, its wide gaps kept as tabs (the header
    /// block's two columns stay apart for the metadata reader; the interpreter reads a
    /// tab as a space).
    static func paragraph(_ cells: [[PDFWord]], page: Int) -> GridRow {
        let text = cells.map { $0.map(\.text).joined(separator: " ") }.joined(separator: "\t")
        let order = cells.flatMap { $0 }.map(\.order).min() ?? 1
        return GridRow(cells: [GridCell(text: text, line: page, column: order)], line: page)
    }

    /// A row from cells; `column` places a cell in a table's grid (nil: in line order).
    static func row(_ cells: [(words: [PDFWord], column: Int?)], page: Int, width: Int = 0) -> GridRow {
        var grid: [GridCell] = []
        for (n, cell) in cells.enumerated() {
            let index = cell.column ?? n
            while grid.count < index { grid.append(GridCell(text: "", line: page, column: 0)) }
            let order = cell.words.map(\.order).min() ?? 0
            let text = PDFTableSource.text(cell.words)
            if index < grid.count {
                grid[index].text += (grid[index].text.isEmpty ? "" : " ") + text
            } else {
                grid.append(GridCell(text: text, line: page, column: order))
            }
        }
        while grid.count < width { grid.append(GridCell(text: "", line: page, column: 0)) }
        fillBlankPlaces(&grid)
        return GridRow(cells: grid, line: page)
    }

    /// Blank cells take the place of the cell before them, so every place is on the page.
    static func fillBlankPlaces(_ cells: inout [GridCell]) {
        var last = cells.first(where: { $0.column > 0 })?.column ?? 1
        for i in cells.indices {
            if cells[i].column == 0 { cells[i].column = last } else { last = cells[i].column }
        }
    }
}

// MARK: Lattice

/// The lattice strategy: tables from the ruling lines that cross.
struct Lattice {
    /// Grid lines, top to bottom and left to right (points).
    var xs: [Double]
    var ys: [Double]
    /// Which rules bound the cells.
    var horizontal: [PDFRule]
    var vertical: [PDFRule]
    let tolerance: Double

    /// Tables larger than this many grid cells are cut to it (a hostile page of a
    /// million tiny boxes); see docs/formats.md.
    static let maximumCells = 20_000
    /// A page with more rules than this is read with the stream strategy alone (pairing
    /// every horizontal rule with every vertical one grows as their product).
    static let maximumRules = 4_000

    func contains(_ x: Double, _ y: Double) -> Bool {
        x >= xs.first! && x <= xs.last! && y >= ys.first! && y <= ys.last!
    }

    /// The tables on a page: groups of at least two horizontal and two vertical rules
    /// that touch each other.
    static func tables(_ rules: [PDFRule], tolerance: Double) -> [Lattice] {
        let h = rules.filter(\.isHorizontal), v = rules.filter { !$0.isHorizontal }
        guard h.count >= 2, v.count >= 2, h.count + v.count <= Self.maximumRules else { return [] }
        // Union-find over rules: a horizontal and a vertical rule that cross are one table.
        var parent = Array(0..<(h.count + v.count))
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for (i, a) in h.enumerated() {
            for (j, b) in v.enumerated()
            where b.x0 >= a.x0 - tolerance && b.x0 <= a.x1 + tolerance && a.y0 >= b.y0 - tolerance && a.y0 <= b.y1 + tolerance {
                let ra = find(i), rb = find(h.count + j)
                if ra != rb { parent[ra] = rb }
            }
        }
        var groups: [Int: (h: [PDFRule], v: [PDFRule])] = [:]
        for (i, a) in h.enumerated() { groups[find(i), default: ([], [])].h.append(a) }
        for (j, b) in v.enumerated() { groups[find(h.count + j), default: ([], [])].v.append(b) }
        var tables: [Lattice] = []
        for (_, group) in groups where group.h.count >= 2 && group.v.count >= 2 {
            let xs = cluster(group.v.map(\.x0), tolerance), ys = cluster(group.h.map(\.y0), tolerance)
            guard xs.count >= 2, ys.count >= 2 else { continue }
            tables.append(Lattice(xs: xs, ys: ys, horizontal: group.h, vertical: group.v, tolerance: tolerance))
        }
        return tables.sorted { ($0.ys[0], $0.xs[0]) < ($1.ys[0], $1.xs[0]) }
    }

    /// Positions within `tolerance` of each other become one (their mean).
    static func cluster(_ values: [Double], _ tolerance: Double) -> [Double] {
        var out: [[Double]] = []
        for value in values.sorted() {
            if let last = out.last?.last, value - last <= tolerance { out[out.count - 1].append(value) } else { out.append([value]) }
        }
        return out.map { $0.reduce(0, +) / Double($0.count) }
    }

    /// Whether a rule runs along x = `x` over the middle of [y0, y1].
    private func verticalRule(at x: Double, _ y0: Double, _ y1: Double) -> Bool {
        let mid = (y0 + y1) / 2
        return vertical.contains { abs($0.x0 - x) <= tolerance && $0.y0 <= mid && $0.y1 >= mid }
    }

    private func horizontalRule(at y: Double, _ x0: Double, _ x1: Double) -> Bool {
        let mid = (x0 + x1) / 2
        return horizontal.contains { abs($0.y0 - y) <= tolerance && $0.x0 <= mid && $0.x1 >= mid }
    }

    /// The table's rows: merged cells as text in the first position with spans, blank
    /// cells where they cover.
    func rows(_ words: [PDFWord], page: Int) -> [GridRow] {
        let columns = xs.count - 1
        var rowCount = ys.count - 1
        if rowCount * columns > Self.maximumCells { rowCount = max(1, Self.maximumCells / max(columns, 1)) }
        // Region of each grid cell (union-find over merged neighbours).
        var parent = Array(0..<(rowCount * columns))
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for r in 0..<rowCount {
            for c in 0..<columns {
                let here = r * columns + c
                if c + 1 < columns, !verticalRule(at: xs[c + 1], ys[r], ys[r + 1]) {
                    let a = find(here), b = find(here + 1)
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
                if r + 1 < rowCount, !horizontalRule(at: ys[r + 1], xs[c], xs[c + 1]) {
                    let a = find(here), b = find(here + columns)
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
            }
        }
        // Each region's extent, anchored at its top-left grid cell.
        var extent: [Int: (r0: Int, c0: Int, r1: Int, c1: Int)] = [:]
        for r in 0..<rowCount {
            for c in 0..<columns {
                let root = find(r * columns + c)
                if let e = extent[root] {
                    extent[root] = (min(e.r0, r), min(e.c0, c), max(e.r1, r), max(e.c1, c))
                } else {
                    extent[root] = (r, c, r, c)
                }
            }
        }
        var wordsByRegion: [Int: [PDFWord]] = [:]
        for word in words {
            guard let c = xs.indices.dropLast().last(where: { xs[$0] <= word.midX }),
                  let r = ys.indices.dropLast().last(where: { ys[$0] <= word.midY }), r < rowCount else { continue }
            wordsByRegion[find(r * columns + c), default: []].append(word)
        }
        var rows: [GridRow] = []
        for r in 0..<rowCount {
            var cells: [GridCell] = []
            for c in 0..<columns {
                let root = find(r * columns + c)
                let e = extent[root]!
                if e.r0 == r, e.c0 == c {
                    let regionWords = wordsByRegion[root] ?? []
                    cells.append(GridCell(text: PDFTableSource.text(regionWords), line: page,
                                          column: regionWords.map(\.order).min() ?? 0,
                                          columnSpan: e.c1 - e.c0 + 1, rowSpan: e.r1 - e.r0 + 1))
                } else {
                    cells.append(GridCell(text: "", line: page, column: 0))
                }
            }
            Stream.fillBlankPlaces(&cells)
            rows.append(GridRow(cells: cells, line: page))
        }
        return rows
    }
}
