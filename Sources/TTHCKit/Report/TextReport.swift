/// The report for a terminal: headings, aligned columns, long cells wrapped at spaces.
///
/// Colour (ANSI SGR codes) only when ``colour`` is true: red for overdue and expired,
/// yellow for due soon and unknown deadlines, green for on time, bold headings. Whether
/// to colour is the caller's decision (see ``TerminalColour``); with `colour == false` the
/// output contains no escape byte at all, whatever the input text says.
public struct TextReport: ReportRenderer {
    public var colour: Bool

    /// Paragraphs wrap at this many display columns.
    static let paragraphWidth = 100

    public init(colour: Bool = false) {
        self.colour = colour
    }

    public func render(_ reconciliation: Reconciliation, language: Language) -> [UInt8] {
        content(reconciliation, language: language).collected
    }

    /// The report handed to the file line by line, in pieces of about 1 MiB: at national
    /// scale it is hundreds of megabytes, and holding its lines, then the joined text, then
    /// its bytes took several gigabytes.
    public func content(_ reconciliation: Reconciliation, language: Language) -> OutputContent {
        ChunkedOutput.produced { [self] out in self.write(ReportDocument(reconciliation, language: language), to: out) }
    }

    private func write(_ doc: ReportDocument, to out: ChunkedOutput) {
        func emit(_ line: String) { out.line(line, trimmingTrailingSpaces: true) }
        let title = doc.title.uppercased()
        emit(bold(title))
        emit(String(repeating: "=", count: DisplayWidth.of(title)))
        let labelWidth = doc.metadata.map { DisplayWidth.of($0.label) }.max() ?? 0
        for (label, value) in doc.metadata {
            let head = label + ":" + String(repeating: " ", count: labelWidth - DisplayWidth.of(label) + 2)
            let lines = DisplayWidth.wrap(value, width: Self.paragraphWidth - labelWidth - 3)
            for (i, line) in lines.enumerated() {
                emit((i == 0 ? head : String(repeating: " ", count: labelWidth + 3)) + line)
            }
        }
        for section in doc.sections {
            emit("")
            let heading = "\(section.number). \(section.title)"
            emit(bold(heading))
            emit(String(repeating: "-", count: DisplayWidth.of(heading)))
            for block in section.blocks {
                emit("")
                switch block {
                case .paragraph(let text):
                    DisplayWidth.wrap(text, width: Self.paragraphWidth).forEach(emit)
                case .table(let table):
                    write(table, out)
                }
            }
        }
    }

    /// The layout of a table: each column as wide as its widest line, and whether the rows
    /// are set apart by an empty line (when any cell takes more than one line).
    struct Layout: Equatable {
        var widths: [Int]
        var spaced: Bool
    }

    /// The lines a cell takes in its column, added to `lines`.
    static func lines(of cell: ReportDocument.Cell, in column: ReportDocument.Column, into lines: inout WrappedLines) {
        for line in cell.lines {
            if let width = column.wrap { lines.append(wrapping: line, width: width) } else { lines.append(line) }
        }
    }

    /// The table's layout, from one pass over its rows that wraps and measures each cell
    /// and keeps nothing of it: the widths must be known before the first row is drawn,
    /// and the rows are drawn (wrapped again) in a second pass.
    static func layout(_ table: ReportDocument.Table) -> Layout {
        var layout = Layout(widths: table.columns.map { DisplayWidth.of($0.title) }, spaced: false)
        var lines = WrappedLines()
        for row in table.rows {
            for (i, (cell, column)) in zip(row, table.columns).enumerated() {
                lines.removeAll()
                Self.lines(of: cell, in: column, into: &lines)
                if lines.count > 1 { layout.spaced = true }
                for w in lines.widths { layout.widths[i] = max(layout.widths[i], w) }
            }
        }
        return layout
    }

    /// Draws the table: the header and its rule, then each row's lines, each cell padded
    /// to its column (the last column's padding left out), columns two spaces apart. The
    /// rows' lines are put together as bytes in the output, from the cells' wrapped lines.
    private func write(_ table: ReportDocument.Table, _ out: ChunkedOutput) {
        let layout = Self.layout(table)
        let widths = layout.widths
        func pad(_ text: String, _ i: Int) -> String {
            let gap = String(repeating: " ", count: widths[i] - DisplayWidth.of(text))
            return table.columns[i].alignment == .trailing ? gap + text : text + gap
        }
        out.line(table.columns.indices.map { pad(table.columns[$0].title, $0) }.joined(separator: "  "),
                 trimmingTrailingSpaces: true)
        out.line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), trimmingTrailingSpaces: true)
        let trailing = table.columns.map { $0.alignment == .trailing }
        var cellLines: [WrappedLines] = []
        for (r, cells) in table.rows.enumerated() {
            if layout.spaced && r > 0 { out.endLine(from: out.position) }
            let shown = min(cells.count, table.columns.count)
            while cellLines.count < shown { cellLines.append(WrappedLines()) }
            for i in 0..<shown {
                cellLines[i].removeAll()
                Self.lines(of: cells[i], in: table.columns[i], into: &cellLines[i])
            }
            let height = shown == 0 ? 1 : cellLines[..<shown].map(\.count).max()!
            for k in 0..<height {
                let start = out.position
                for i in 0..<shown {
                    if i > 0 { out.append(spaces: 2) }
                    let lines = cellLines[i]
                    let range = k < lines.count ? lines.range(of: k) : 0..<0
                    let gap = widths[i] - (k < lines.count ? lines.widths[k] : 0)
                    let code = range.isEmpty ? "" : colourCode(cells[i].tone)
                    if trailing[i] { out.append(spaces: gap) }
                    if !code.isEmpty { out.append("\u{1B}[\(code)m") }
                    out.append(lines.bytes[range])
                    if !code.isEmpty { out.append("\u{1B}[0m") }
                    if !trailing[i] { out.append(spaces: gap) }
                }
                out.endLine(from: start, trimmingTrailingSpaces: true)
            }
        }
    }

    /// The SGR code of a tone, "" for none (and always without colour).
    private func colourCode(_ tone: ReportDocument.Tone?) -> String {
        guard colour, let tone else { return "" }
        return switch tone {
        case .danger: "31"
        case .warning: "33"
        case .success: "32"
        case .neutral: ""
        }
    }

    private func bold(_ text: String) -> String {
        colour ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }
}
