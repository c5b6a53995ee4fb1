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
                    write(table, emit)
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

    /// A row's cells as the lines they take: each line of a cell wrapped at its column's
    /// width.
    static func wrapped(_ row: [ReportDocument.Cell], _ columns: [ReportDocument.Column]) -> [[String]] {
        zip(row, columns).map { cell, column in
            guard let width = column.wrap else { return cell.lines }
            return cell.lines.flatMap { DisplayWidth.wrap($0, width: width) }
        }
    }

    /// The table's layout, from one pass over its rows that wraps and measures each cell
    /// and keeps nothing of it: the widths must be known before the first row is drawn,
    /// and the rows are drawn (wrapped again) in a second pass.
    static func layout(_ table: ReportDocument.Table) -> Layout {
        var layout = Layout(widths: table.columns.map { DisplayWidth.of($0.title) }, spaced: false)
        for row in table.rows {
            for (i, lines) in wrapped(row, table.columns).enumerated() {
                if lines.count > 1 { layout.spaced = true }
                for line in lines { layout.widths[i] = max(layout.widths[i], DisplayWidth.of(line)) }
            }
        }
        return layout
    }

    private func write(_ table: ReportDocument.Table, _ emit: (String) -> Void) {
        let layout = Self.layout(table)
        let widths = layout.widths
        func pad(_ text: String, _ i: Int, tone: ReportDocument.Tone?) -> String {
            let gap = String(repeating: " ", count: widths[i] - DisplayWidth.of(text))
            let painted = paint(text, tone)
            return table.columns[i].alignment == .trailing ? gap + painted : painted + gap
        }
        emit(table.columns.indices.map { pad(table.columns[$0].title, $0, tone: nil) }.joined(separator: "  "))
        emit(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for (r, cells) in table.rows.enumerated() {
            if layout.spaced && r > 0 { emit("") }
            let row = Self.wrapped(cells, table.columns)
            let height = row.map(\.count).max() ?? 1
            for k in 0..<height {
                emit(row.indices.map { i in
                    let text = k < row[i].count ? row[i][k] : ""
                    return pad(text, i, tone: text.isEmpty ? nil : cells[i].tone)
                }.joined(separator: "  "))
            }
        }
    }

    private func paint(_ text: String, _ tone: ReportDocument.Tone?) -> String {
        guard colour, let tone else { return text }
        let code = switch tone {
        case .danger: "31"
        case .warning: "33"
        case .success: "32"
        case .neutral: ""
        }
        return code.isEmpty ? text : "\u{1B}[\(code)m" + text + "\u{1B}[0m"
    }

    private func bold(_ text: String) -> String {
        colour ? "\u{1B}[1m" + text + "\u{1B}[0m" : text
    }
}
