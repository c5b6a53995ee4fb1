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

/// How many terminal columns text takes.
///
/// Foundation has no `wcwidth`, and the C library's depends on the process locale, so the
/// rule is written out here: combining marks (the Vietnamese tone marks when text is not
/// precomposed), format characters and controls take no column; East Asian wide and
/// full-width characters take two; everything else one. Reports are NFC, where Vietnamese
/// letters are single precomposed scalars, and the count is the same for NFD text.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        var width = 0
        for u in text.unicodeScalars { width += of(u) }
        return width
    }

    static func of(_ u: Unicode.Scalar) -> Int {
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        switch u.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Greedy word wrap at spaces; a word wider than `width` is cut between characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0, of(text) > width else { return [text] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var w = of(word)
            if currentWidth > 0 && currentWidth + 1 + w <= width {
                current += " " + word
                currentWidth += 1 + w
                continue
            }
            if currentWidth > 0 { lines.append(current) }
            if w > width {
                // A word wider than the column is cut into pieces of the column's width, in
                // one pass over its characters (cutting and measuring the rest again for
                // each piece took 43 s for a 160 KB word). A character wider than the column
                // stands alone.
                var piece = "", pieceWidth = 0
                for c in word {
                    let cw = of(String(c))
                    if pieceWidth + cw > width, !piece.isEmpty {
                        lines.append(piece)
                        piece = ""
                        pieceWidth = 0
                    }
                    piece.append(c)
                    pieceWidth += cw
                }
                word = piece
                w = pieceWidth
            }
            current = word
            currentWidth = w
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
