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
        let doc = ReportDocument(reconciliation, language: language)
        var out: [String] = []
        let title = doc.title.uppercased()
        out.append(bold(title))
        out.append(String(repeating: "=", count: DisplayWidth.of(title)))
        let labelWidth = doc.metadata.map { DisplayWidth.of($0.label) }.max() ?? 0
        for (label, value) in doc.metadata {
            let head = label + ":" + String(repeating: " ", count: labelWidth - DisplayWidth.of(label) + 2)
            let lines = DisplayWidth.wrap(value, width: Self.paragraphWidth - labelWidth - 3)
            for (i, line) in lines.enumerated() {
                out.append((i == 0 ? head : String(repeating: " ", count: labelWidth + 3)) + line)
            }
        }
        for section in doc.sections {
            out.append("")
            let heading = "\(section.number). \(section.title)"
            out.append(bold(heading))
            out.append(String(repeating: "-", count: DisplayWidth.of(heading)))
            for block in section.blocks {
                out.append("")
                switch block {
                case .paragraph(let text):
                    out += DisplayWidth.wrap(text, width: Self.paragraphWidth)
                case .table(let table):
                    out += render(table)
                }
            }
        }
        let text = out.map(Self.trimTrailingSpaces).joined(separator: "\n") + "\n"
        return Array(text.utf8)
    }

    private func render(_ table: ReportDocument.Table) -> [String] {
        // Wrap every cell first, then size each column to its widest line.
        let wrapped: [[[String]]] = table.rows.map { row in
            zip(row, table.columns).map { cell, column in
                cell.lines.flatMap { line in
                    column.wrap.map { DisplayWidth.wrap(line, width: $0) } ?? [line]
                }
            }
        }
        var widths = table.columns.map { DisplayWidth.of($0.title) }
        for row in wrapped {
            for (i, lines) in row.enumerated() {
                for line in lines { widths[i] = max(widths[i], DisplayWidth.of(line)) }
            }
        }
        func pad(_ text: String, _ i: Int, tone: ReportDocument.Tone?) -> String {
            let gap = String(repeating: " ", count: widths[i] - DisplayWidth.of(text))
            let painted = paint(text, tone)
            return table.columns[i].alignment == .trailing ? gap + painted : painted + gap
        }
        var lines: [String] = []
        lines.append(table.columns.indices.map { pad(table.columns[$0].title, $0, tone: nil) }.joined(separator: "  "))
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        let spaced = wrapped.contains { row in row.contains { $0.count > 1 } }
        for (r, row) in wrapped.enumerated() {
            if spaced && r > 0 { lines.append("") }
            let height = row.map(\.count).max() ?? 1
            for k in 0..<height {
                lines.append(row.indices.map { i in
                    let text = k < row[i].count ? row[i][k] : ""
                    return pad(text, i, tone: text.isEmpty ? nil : table.rows[r][i].tone)
                }.joined(separator: "  "))
            }
        }
        return lines
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

    private static func trimTrailingSpaces(_ line: String) -> String {
        var scalars = line.unicodeScalars[...]
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
