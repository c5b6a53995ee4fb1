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

    /// The rows are put together as bytes in the output, each cell's text escaped into it.
    private static func write(_ table: ReportDocument.Table, to out: ChunkedOutput) {
        func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        out.line(row(table.columns.map { escape($0.title) }))
        out.line(row(table.columns.map { $0.alignment == .trailing ? "---:" : "---" }))
        for cells in table.rows {
            let start = out.position
            out.append("| ")
            for (i, cell) in cells.enumerated() {
                if i > 0 { out.append(" | ") }
                let bold = cell.tone == .danger
                if bold { out.append("**") }
                for (k, line) in cell.lines.enumerated() {
                    if k > 0 { out.append("<br>") }
                    escape(line, into: out)
                }
                if bold { out.append("**") }
            }
            out.append(" |")
            out.endLine(from: start)
        }
    }

    /// Backslash-escapes the characters that mean something in a GFM table or paragraph.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if isSpecial(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    static func isSpecial(_ c: Character) -> Bool {
        switch c {
        case "\\", "|", "*", "_", "`", "[", "]", "<", ">", "&": true
        default: false
        }
    }

    /// ``escape(_:)`` into the output. In simple text (``DisplayWidth/isSimple(utf8:)``)
    /// every character is one scalar, so a special character is its ASCII byte wherever
    /// it occurs and the bytes are escaped as they are copied; other text goes character
    /// by character (a `*` followed by a combining mark is another character, left as is).
    static func escape(_ text: String, into out: ChunkedOutput) {
        var text = text
        let done = text.withUTF8 { p in
            guard DisplayWidth.isSimple(utf8: p) else { return false }
            for b in p {
                switch b {
                case 0x5C, 0x7C, 0x2A, 0x5F, 0x60, 0x5B, 0x5D, 0x3C, 0x3E, 0x26: out.append(byte: 0x5C)
                default: break
                }
                out.append(byte: b)
            }
            return true
        }
        if !done { out.append(escape(text)) }
    }
}
