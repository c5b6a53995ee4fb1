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
        content(reconciliation, language: language).collected
    }

    /// The report handed to the file line by line, in pieces of about 1 MiB, never held
    /// whole (at national scale it is hundreds of megabytes).
    public func content(_ reconciliation: Reconciliation, language: Language) -> OutputContent {
        ChunkedOutput.produced { out in Self.write(ReportDocument(reconciliation, language: language), to: out) }
    }

    private static func write(_ doc: ReportDocument, to out: ChunkedOutput) {
        out.line("# " + escape(doc.title))
        out.line("")
        for (label, value) in doc.metadata {
            out.line("- **" + escape(label) + ":** " + escape(value))
        }
        for section in doc.sections {
            out.line("")
            out.line("## \(section.number). " + escape(section.title))
            for block in section.blocks {
                out.line("")
                switch block {
                case .paragraph(let text):
                    out.line(escape(text))
                case .table(let table):
                    write(table, to: out)
                }
            }
        }
    }

    private static func write(_ table: ReportDocument.Table, to out: ChunkedOutput) {
        func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        out.line(row(table.columns.map { escape($0.title) }))
        out.line(row(table.columns.map { $0.alignment == .trailing ? "---:" : "---" }))
        for cells in table.rows {
            out.line(row(cells.map { cell in
                let text = cell.lines.map(escape).joined(separator: "<br>")
                return cell.tone == .danger ? "**" + text + "**" : text
            }))
        }
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
