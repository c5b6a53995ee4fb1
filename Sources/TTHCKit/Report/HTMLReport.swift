/// The report as one self-contained HTML file: inline CSS, no scripts, fonts, images or
/// links to anything outside the file, so it can be mailed, archived and opened offline.
///
/// Printable on A4 (`@page { size: A4; margin: 15mm }`): table headers repeat on every
/// printed page, rows do not split across pages, badge colours are kept when printing.
/// A status is a badge with its words in it, so colour is never the only signal. All text
/// from the data is escaped.
public struct HTMLReport: ReportRenderer {
    public init() {}

    public func render(_ reconciliation: Reconciliation, language: Language) -> [UInt8] {
        content(reconciliation, language: language).collected
    }

    /// The report handed to the file line by line, in pieces of about 1 MiB, never held
    /// whole (at national scale it is hundreds of megabytes).
    public func content(_ reconciliation: Reconciliation, language: Language) -> OutputContent {
        ChunkedOutput.produced { out in Self.write(reconciliation, language: language, to: out) }
    }

    private static func write(_ reconciliation: Reconciliation, language: Language, to out: ChunkedOutput) {
        let doc = ReportDocument(reconciliation, language: language)
        out.line("<!DOCTYPE html>")
        out.line("<html lang=\"\(language.rawValue)\">")
        out.line("<head>")
        out.line("<meta charset=\"utf-8\">")
        out.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        let pageTitle = [doc.title, reconciliation.province, reconciliation.asOf.vietnamese]
            .map(ReportFormatting.singleLine).filter { !$0.isEmpty }.joined(separator: " – ")
        out.line("<title>" + Self.escape(pageTitle) + "</title>")
        out.line("<style>")
        out.line(Self.css)
        out.line("</style>")
        out.line("</head>")
        out.line("<body>")
        out.line("<header>")
        out.line("<h1>" + Self.escape(doc.title) + "</h1>")
        out.line("<dl class=\"meta\">")
        for (label, value) in doc.metadata {
            out.line("<dt>" + Self.escape(label) + "</dt><dd>" + Self.escape(value) + "</dd>")
        }
        out.line("</dl>")
        out.line("<nav><ol>")
        for section in doc.sections {
            out.line("<li><a href=\"#\(section.id.rawValue)\">" + Self.escape(section.title) + "</a></li>")
        }
        out.line("</ol></nav>")
        out.line("</header>")
        out.line("<main>")
        for section in doc.sections {
            out.line("<section id=\"\(section.id.rawValue)\">")
            out.line("<h2>\(section.number). " + Self.escape(section.title) + "</h2>")
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    out.line("<p>" + Self.escape(text) + "</p>")
                case .table(let table):
                    write(table, to: out)
                }
            }
            out.line("</section>")
        }
        out.line("</main>")
        out.line("</body>")
        out.line("</html>")
    }

    private static func write(_ table: ReportDocument.Table, to out: ChunkedOutput) {
        func classes(_ column: ReportDocument.Column) -> String {
            column.content == .text ? "" : " class=\"\(column.content.rawValue)\""
        }
        // Narrow tables (the summary, the scorecard) need not span the page.
        for line in [table.columns.count <= 3 ? "<table class=\"compact\">" : "<table>", "<thead>", "<tr>"] { out.line(line) }
        for column in table.columns {
            out.line("<th scope=\"col\"\(classes(column))>" + escape(column.title) + "</th>")
        }
        for line in ["</tr>", "</thead>", "<tbody>"] { out.line(line) }
        let openings = table.columns.map { "<td" + classes($0) + ">" }
        for row in table.rows {
            out.line("<tr>")
            for (i, (cell, column)) in zip(row, table.columns).enumerated() {
                let start = out.position
                out.append(openings[i])
                writeCell(cell, column, to: out)
                out.append("</td>")
                out.endLine(from: start)
            }
            out.line("</tr>")
        }
        for line in ["</tbody>", "</table>"] { out.line(line) }
    }

    /// A cell's lines, escaped, into the output: the first in a badge (a status) or kept
    /// whole (a reference, a date), the others set in smaller type, `<br>` between them.
    private static func writeCell(_ cell: ReportDocument.Cell, _ column: ReportDocument.Column, to out: ChunkedOutput) {
        for (i, line) in cell.lines.enumerated() {
            if i > 0 { out.append("<br>") }
            var close = false
            if i == 0, let tone = cell.tone {
                out.append("<span class=\"badge ")
                out.append(tone.rawValue)
                out.append("\">")
                close = true
            } else if i == 0, column.content == .reference || column.content == .date {
                out.append("<span class=\"nw\">")
                close = true
            } else if i > 0 {
                out.append("<span class=\"sub\">")
                close = true
            }
            switch column.content {
            case .code: escape(line, into: out, breakingAfter: ".", keepingFirst: true)  // 1.004227.<wbr>000.<wbr>…
            case .location: escape(line, into: out, breakingAfter: "/", keepingFirst: false)
            default: escape(line, into: out)
            }
            if close { out.append("</span>") }
        }
    }

    /// ``escape(_:)`` into the output, byte by byte: the five characters it escapes are
    /// ASCII, and an ASCII byte in UTF-8 is always the scalar itself.
    static func escape(_ text: String, into out: ChunkedOutput) {
        var text = text
        text.withUTF8 { p in
            for b in p { appendEscaped(b, to: out) }
        }
    }

    @inline(__always) private static func appendEscaped(_ b: UInt8, to out: ChunkedOutput) {
        switch b {
        case 0x26: out.append("&amp;")
        case 0x3C: out.append("&lt;")
        case 0x3E: out.append("&gt;")
        case 0x22: out.append("&quot;")
        case 0x27: out.append("&#39;")
        default: out.append(byte: b)
        }
    }

    /// ``breakable(_:after:keepingFirst:)`` of the escaped text, into the output. In simple
    /// text (``DisplayWidth/isSimple(utf8:)``) each character is one scalar, so the
    /// separator is its byte wherever it occurs; other text goes character by character
    /// (a `.` with a combining mark after it is another character, with no break after it).
    static func escape(_ text: String, into out: ChunkedOutput, breakingAfter separator: Unicode.Scalar, keepingFirst: Bool) {
        var text = text
        let done = text.withUTF8 { p in
            guard DisplayWidth.isSimple(utf8: p) else { return false }
            let byte = UInt8(separator.value)
            var seen = 0
            for b in p {
                appendEscaped(b, to: out)
                if b == byte {
                    seen += 1
                    if !keepingFirst || seen > 1 { out.append("<wbr>") }
                }
            }
            return true
        }
        if !done { out.append(breakable(escape(text), after: Character(separator), keepingFirst: keepingFirst)) }
    }

    /// Allows a line break (`<wbr>`) after each `separator` in already escaped text, but
    /// not after the first one when `keepingFirst` (a national code `1.010696` stays whole).
    static func breakable(_ html: String, after separator: Character, keepingFirst: Bool) -> String {
        var out = ""
        var seen = 0
        for c in html {
            out.append(c)
            if c == separator {
                seen += 1
                if !keepingFirst || seen > 1 { out += "<wbr>" }
            }
        }
        return out
    }

    /// Escapes text for element content and double-quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static let css = """
    :root { color-scheme: light; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1280px; padding: 24px 28px 48px;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
      font-size: 14px; line-height: 1.45; color: #1b1f24; background: #fff; }
    h1 { font-size: 1.55em; margin: 0 0 .6em; }
    h2 { font-size: 1.15em; margin: 1.8em 0 .6em; padding-bottom: .25em; border-bottom: 2px solid #c8d1dc; }
    dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1.2em; margin: 0 0 1em; }
    dl.meta dt { font-weight: 600; }
    dl.meta dd { margin: 0; }
    nav ol { margin: .4em 0 0; padding-left: 1.6em; columns: 2; column-gap: 2em; }
    nav a { color: #0b57d0; text-decoration: none; }
    nav a:hover { text-decoration: underline; }
    p { margin: .45em 0; max-width: 60em; }
    table { border-collapse: collapse; width: 100%; margin: .3em 0 .8em; }
    table.compact { width: auto; min-width: 50%; }
    th, td { border: 1px solid #c8d1dc; padding: 4px 7px; text-align: left; vertical-align: top; }
    thead th { background: #eef1f5; font-weight: 600; }
    tbody tr:nth-child(even) { background: #f8f9fb; }
    th.number, td.number { text-align: right; font-variant-numeric: tabular-nums; }
    td.code, td.date, td.reference { font-variant-numeric: tabular-nums; }
    td.location { font-size: .9em; color: #444; }
    td.status { min-width: 9em; }
    td.label { min-width: 7em; }
    td.long { min-width: 14em; }
    .nw { white-space: nowrap; }
    .sub { color: #555; font-size: .92em; }
    .badge { display: inline-block; padding: 0 .45em; border: 1px solid; border-radius: 4px; font-weight: 600; }
    .badge.danger { color: #8a1010; background: #fde7e7; border-color: #d93025; }
    .badge.warning { color: #5c4300; background: #fff3cd; border-color: #c99400; }
    .badge.success { color: #0d5421; background: #e4f4e8; border-color: #2e8b47; }
    .badge.neutral { color: #30363d; background: #f0f2f4; border-color: #98a2ad; }
    @media screen and (min-width: 900px) { .badge { white-space: nowrap; } }
    @page { size: A4; margin: 15mm; }
    @media print {
      body { max-width: none; padding: 0; font-size: 8pt; }
      th, td { padding: 3px 4px; }
      td.status { min-width: 8em; }
      td.label { min-width: 6.5em; }
      td.long { min-width: 11em; }
      nav { display: none; }
      h2 { break-after: avoid; page-break-after: avoid; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; page-break-inside: avoid; }
      .badge, thead th, tbody tr { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      a { color: inherit; }
    }
    """
}
