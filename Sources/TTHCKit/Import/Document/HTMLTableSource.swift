/// A saved web page (a decision on a legal-document site or a provincial portal) as a
/// grid, read with libxml2's HTML parser (see ``LibXMLHTML`` for its settings and limits).
///
/// - **Tables**: each `<tr>` a row, each `<td>`/`<th>` a cell placed by the HTML table
///   algorithm: a cell with `colspan`/`rowspan` has its text in its first position, the
///   span on it, and blank cells in the positions it covers (in this row and the rows
///   below), as Excel writes a merged range. A table that holds another table is a layout
///   table (portals frame the page with one): its cells are read as paragraphs, and the
///   tables inside as tables.
/// - **Paragraphs** outside tables (`<p>`, `<div>`, headings, list items…) are rows of one
///   cell; `<br>` and blocks inside a cell or paragraph are line breaks; other white space
///   is collapsed as a browser does. `<head>`, scripts and styles are not read.
///
/// Places: a row's `line` is the source line of its `<tr>` (of the paragraph's element),
/// a cell's `line` that of its `<td>`, and a cell's `column` its **grid column**, from 1
/// (HTML nodes carry no character column).
struct HTMLTableSource: TableSource {
    let file: InputFile

    /// A table wider than this, or with more grid positions, is refused.
    static let maximumColumns = 1_000
    static let maximumPositions = 2_000_000
    /// HTML's own caps on spans (the HTML standard's table model).
    static let maximumColspan = 1_000
    static let maximumRowspan = 65_534

    func forEachRow(_ body: (GridRow) -> Void) -> [Diagnostic] {
        let at = SourceLocation(file: file.displayPath)
        var events: [XMLStreamEvent] = []
        do {
            try LibXMLHTML.read(file.bytes, displayPath: file.displayPath) { events.append($0) }
        } catch {
            switch error {
            case .tooLarge(let size):
                return [Diagnostic(.error, .htmlTooLarge, at: at, LocalizedText(
                    vi: "trang web lớn \(size) byte, quá giới hạn \(LibXMLHTML.maximumBytes) byte; hãy lưu riêng phần quyết định",
                    en: "the web page is \(size) bytes, more than the limit of \(LibXMLHTML.maximumBytes); save the decision alone"))]
            case .tooDeep(let line):
                return [Diagnostic(.error, .htmlTooDeep, at: SourceLocation(file: file.displayPath, line: line), LocalizedText(
                    vi: "các thẻ HTML lồng nhau quá \(LibXMLHTML.maximumDepth) mức: không đọc trang này",
                    en: "HTML elements nested more than \(LibXMLHTML.maximumDepth) levels deep: the page is not read"))]
            case .unparsable:
                return [Diagnostic(.error, .htmlUnreadable, at: at, LocalizedText(
                    vi: "libxml2 không đọc được trang web này", en: "libxml2 cannot parse this web page"))]
            }
        }
        var builder = HTMLGridBuilder(file: file.displayPath, layoutTables: Self.layoutTables(events))
        for event in events {
            builder.take(event)
            if let failure = builder.failure { return [failure] }
        }
        builder.flushParagraph()
        return TableGuard.handOver(builder.rows, file: file.displayPath, body)
    }

    /// The indices of the `<table>` start events whose table holds another table.
    static func layoutTables(_ events: [XMLStreamEvent]) -> Set<Int> {
        var open: [Int] = []
        var layout: Set<Int> = []
        for (i, event) in events.enumerated() {
            switch event {
            case .start(let tag) where tag.localName == "table":
                if let outer = open.last { layout.insert(outer) }
                open.append(i)
            case .end(let name) where name == "table":
                _ = open.popLast()
            default:
                break
            }
        }
        return layout
    }
}

/// Text as a browser lays it out: runs of white space one space, breaks where asked.
struct CollapsedText {
    private var lines: [String] = [""]

    var isEmpty: Bool { lines.allSatisfy { $0.allSatisfy { $0 == " " } } }

    mutating func append(_ text: String) {
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{A0}" {
                if let last = lines[lines.count - 1].last, last != " " { lines[lines.count - 1].append(" ") }
            } else {
                lines[lines.count - 1].unicodeScalars.append(scalar)
            }
        }
    }

    mutating func lineBreak() {
        if !lines[lines.count - 1].isEmpty { lines.append("") }
    }

    var text: String {
        lines.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

private struct HTMLGridBuilder {
    let file: String
    let layoutTables: Set<Int>
    var rows: [GridRow] = []
    var failure: Diagnostic?

    private var index = -1
    private var line = 1
    private var paragraph = CollapsedText()
    private var paragraphLine = 1
    private var inHead = 0
    /// Data tables being built, innermost last (a data table inside a layout table's cell).
    private var tables: [Table] = []
    /// For each open `<table>`, whether it is a layout table.
    private var tableKinds: [Bool] = []

    private struct Cell { var text = CollapsedText(); var line: Int; var column: Int; var colspan: Int; var rowspan: Int }
    private struct Table {
        var rows: [(line: Int, cells: [Cell])] = []
        /// For each grid column, the last row a rowspan from above covers (-1: none). One
        /// look-up a position: a list of spans searched for every cell made a table of
        /// rowspans over a thousand columns cost a billion steps.
        var coveredUntil: [Int] = []
        var cell: Cell?
        var width = 0
        var positions = 0
    }

    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "center", "section", "article", "header",
        "footer", "blockquote", "pre", "address", "dl", "dt", "dd", "form", "hr", "body", "main", "nav", "aside",
        "figure", "figcaption", "caption", "table", "tr", "td", "th", "tbody", "thead", "tfoot",
    ]

    static let tooLarge = LocalizedText(
        vi: "bảng quá lớn (hơn \(HTMLTableSource.maximumColumns) cột hoặc \(HTMLTableSource.maximumPositions) ô): không đọc trang này",
        en: "the table is too large (more than \(HTMLTableSource.maximumColumns) columns or \(HTMLTableSource.maximumPositions) cells): the page is not read")

    init(file: String, layoutTables: Set<Int>) {
        self.file = file
        self.layoutTables = layoutTables
    }

    mutating func take(_ event: XMLStreamEvent) {
        index += 1
        switch event {
        case .start(let tag):
            line = tag.location.line ?? line
            start(tag)
        case .end(let name):
            end(name)
        case .text(let text):
            guard inHead == 0 else { return }
            if tables.last?.cell != nil, tableKinds.last == false {
                tables[tables.count - 1].cell!.text.append(text)
            } else {
                if paragraph.isEmpty { paragraphLine = line }
                paragraph.append(text)
            }
        }
    }

    private var inDataTable: Bool { tableKinds.last == false }

    private mutating func start(_ tag: XMLStartTag) {
        let name = tag.localName
        if name == "head" { inHead += 1; return }
        guard inHead == 0 else { return }
        if name == "table" {
            let layout = layoutTables.contains(index)
            flushParagraph()
            tableKinds.append(layout)
            if !layout { tables.append(Table()) }
            return
        }
        if inDataTable {
            switch name {
            case "tr": startRow()
            case "td", "th": startCell(tag)
            case "br": tables[tables.count - 1].cell?.text.lineBreak()
            default:
                if Self.blocks.contains(name) { tables[tables.count - 1].cell?.text.lineBreak() }
            }
            return
        }
        if name == "br" {
            paragraph.lineBreak()
        } else if Self.blocks.contains(name) {
            flushParagraph()
        }
    }

    private mutating func end(_ name: String) {
        if name == "head" { inHead = max(0, inHead - 1); return }
        guard inHead == 0 else { return }
        if name == "table", let layout = tableKinds.popLast() {
            if layout { flushParagraph() } else if let table = tables.popLast() { finish(table) }
            return
        }
        if inDataTable {
            switch name {
            case "td", "th": endCell()
            case "tr": endCell()
            default:
                if Self.blocks.contains(name) { tables[tables.count - 1].cell?.text.lineBreak() }
            }
            return
        }
        if Self.blocks.contains(name) { flushParagraph() }
    }

    mutating func flushParagraph() {
        let text = paragraph.text
        paragraph = CollapsedText()
        guard !text.isEmpty else { return }
        rows.append(GridRow(cells: [GridCell(text: text, line: paragraphLine, column: 1)], line: paragraphLine))
    }

    private mutating func startRow() {
        endCell()
        tables[tables.count - 1].rows.append((line, []))
    }

    private func number(_ tag: XMLStartTag, _ key: String, _ maximum: Int) -> Int {
        guard let written = tag.attributes[key] else { return 1 }
        let digits = written.trimmingWhitespace().prefix { $0.isASCII && $0.isNumber }
        guard let value = Int(digits.prefix(7)), value >= 1 else { return 1 }
        return min(value, maximum)
    }

    private mutating func startCell(_ tag: XMLStartTag) {
        endCell()
        var table = tables[tables.count - 1]
        if table.rows.isEmpty { table.rows.append((line, [])) } // a cell outside any <tr>
        let r = table.rows.count - 1
        let colspan = number(tag, "colspan", HTMLTableSource.maximumColspan)
        let rowspan = number(tag, "rowspan", HTMLTableSource.maximumRowspan)
        // The first column not taken by this row's cells or a rowspan from above.
        var c = table.rows[r].cells.last.map { $0.column - 1 + $0.colspan } ?? 0
        while c < table.coveredUntil.count, table.coveredUntil[c] >= r { c += 1 }
        table.cell = Cell(line: line, column: c + 1, colspan: colspan, rowspan: rowspan)
        table.width = max(table.width, c + colspan)
        table.positions += colspan
        if table.width > HTMLTableSource.maximumColumns || table.positions > HTMLTableSource.maximumPositions {
            tables[tables.count - 1] = table
            failure = Diagnostic(.error, .htmlTableTooLarge, at: SourceLocation(file: file, line: line, column: c + 1), Self.tooLarge)
            return
        }
        if rowspan > 1 {
            if table.coveredUntil.count < c + colspan {
                table.coveredUntil += Array(repeating: -1, count: c + colspan - table.coveredUntil.count)
            }
            for k in c..<(c + colspan) { table.coveredUntil[k] = max(table.coveredUntil[k], r + rowspan - 1) }
        }
        tables[tables.count - 1] = table
    }

    private mutating func endCell() {
        guard let cell = tables[tables.count - 1].cell else { return }
        tables[tables.count - 1].cell = nil
        let r = tables[tables.count - 1].rows.count - 1
        tables[tables.count - 1].rows[r].cells.append(cell)
    }

    /// The table's rows with every position filled: blank cells where a span covers.
    private mutating func finish(_ built: Table) {
        var table = built
        if let cell = table.cell, !table.rows.isEmpty { table.rows[table.rows.count - 1].cells.append(cell) }
        let width = table.width
        guard width > 0 else { return }
        if table.rows.count * width > HTMLTableSource.maximumPositions {
            failure = Diagnostic(.error, .htmlTableTooLarge, at: SourceLocation(file: file, line: table.rows.first?.line ?? 1), Self.tooLarge)
            return
        }
        for (r, row) in table.rows.enumerated() {
            var cells = (0..<width).map { GridCell(text: "", line: row.line, column: $0 + 1) }
            for cell in row.cells where cell.column - 1 < width {
                let rowsLeft = table.rows.count - r
                cells[cell.column - 1] = GridCell(text: cell.text.text, line: cell.line, column: cell.column,
                                                  columnSpan: min(cell.colspan, width - cell.column + 1),
                                                  rowSpan: min(cell.rowspan, rowsLeft))
            }
            rows.append(GridRow(cells: cells, line: row.line))
        }
    }
}
