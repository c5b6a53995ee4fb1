/// The report as GitHub-flavoured Markdown: a heading per section, pipe tables.
///
/// Cell and paragraph text is escaped so that it shows as written: `|` would end a table
/// cell, and backslash, `*`, `_`, backtick, `[`, `]`, `<`, `>`, `&` would turn into
/// formatting, links or HTML. Cells with several lines join them with `<br>`, which GitHub
/// renders inside tables. Overdue and expired statuses are bold, so they stand out without
/// colour.
public struct MarkdownReport: ReportRenderer {
    public init() {}

    public func render(_ reconciliation: Reconciliation, language: Language) -> [UInt8] {
        let doc = ReportDocument(reconciliation, language: language)
        var out: [String] = []
        out.append("# " + Self.escape(doc.title))
        out.append("")
        for (label, value) in doc.metadata {
            out.append("- **" + Self.escape(label) + ":** " + Self.escape(value))
        }
        for section in doc.sections {
            out.append("")
            out.append("## \(section.number). " + Self.escape(section.title))
            for block in section.blocks {
                out.append("")
                switch block {
                case .paragraph(let text):
                    out.append(Self.escape(text))
                case .table(let table):
                    out += Self.render(table)
                }
            }
        }
        return Array((out.joined(separator: "\n") + "\n").utf8)
    }

    private static func render(_ table: ReportDocument.Table) -> [String] {
        func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        var lines = [row(table.columns.map { escape($0.title) })]
        lines.append(row(table.columns.map { $0.alignment == .trailing ? "---:" : "---" }))
        for cells in table.rows {
            lines.append(row(cells.map { cell in
                let text = cell.lines.map(escape).joined(separator: "<br>")
                return cell.tone == .danger ? "**" + text + "**" : text
            }))
        }
        return lines
    }

    /// Backslash-escapes the characters that mean something in a GFM table or paragraph.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\", "|", "*", "_", "`", "[", "]", "<", ">", "&":
                out.append("\\")
                out.append(c)
            default:
                out.append(c)
            }
        }
        return out
    }
}
