import Foundation

/// The report as an Excel workbook (`--format xlsx`): what the legal desk opens in a
/// spreadsheet without losing the codes it works by.
///
/// The CSV report opened in Excel or LibreOffice turns `1.013010` into the number 1.01301
/// (and, where `.` groups thousands, into 1013010). Here every procedure code, decision
/// number and location is a text cell; deadlines, trigger and publication dates are date
/// cells (`dd/mm/yyyy`), counts are numbers and the 766 indicators are shares.
///
/// It draws the same ``ReportDocument`` as the text, Markdown and HTML reports: a first
/// sheet with the title and the report's header lines, then one sheet per section, in the
/// same order, under the same numbered titles. On a section's sheet the first table starts
/// at row 1 under a frozen header row with an autofilter; its paragraphs, and any further
/// table, follow below. A date column whose cells also say something else (the trigger's
/// source, the provincial decision, the `*` of a provisional calendar) gets a column of
/// its own for that, beside it. Status cells are filled in the HTML report's colours.
public struct XLSXReport: ReportRenderer {
    public init() {}

    public func render(_ reconciliation: Reconciliation, language: Language) -> [UInt8] {
        content(reconciliation, language: language).collected
    }

    /// The archive handed to the file as the in-memory archive holds it, not copied into
    /// an array first.
    public func content(_ reconciliation: Reconciliation, language: Language) -> OutputContent {
        .produced { write in
            Self.workbook(ReportDocument(reconciliation, language: language), language: language).archiveData().withUnsafeBytes(write)
        }
    }

    static func workbook(_ doc: ReportDocument, language: Language) -> Workbook {
        let s = ReportStrings.for(language)
        var book = Workbook(title: doc.title)
        var front = Workbook.Sheet(name: Workbook.sheetName(s.workbookFrontSheet))
        front.rows.append([Workbook.Cell(.text(doc.title), .title)])
        front.rows.append([])
        for (label, value) in doc.metadata {
            front.rows.append([Workbook.Cell(.text(label), .header), Workbook.Cell(.text(value), .wrapped)])
        }
        front.rows.append([])
        for section in doc.sections {
            front.rows.append([Workbook.Cell(.text("\(section.number). \(section.title)"), .note)])
        }
        front.widths = [Self.width(doc.metadata.map(\.label), cap: 40), Self.width(doc.metadata.map(\.value), cap: 80)]
        book.sheets.append(front)

        for section in doc.sections {
            var sheet = Workbook.Sheet(name: Workbook.sheetName("\(section.number). \(section.title)"))
            var widths: [Double] = []
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    if !sheet.rows.isEmpty { sheet.rows.append([]) }
                    sheet.rows.append([Workbook.Cell(.text(text), .note)])
                case .table(let table):
                    if !sheet.rows.isEmpty { sheet.rows.append([]) }
                    let laid = Self.layout(table, s)
                    let header = sheet.rows.count
                    sheet.rows.append(laid.titles.map { Workbook.Cell(.text($0), .header) })
                    sheet.rows.append(count: table.count, columns: laid.titles.count) { laid.row(table[$0]) }
                    if sheet.table == nil {
                        sheet.table = (header: header, last: sheet.rows.count - 1, columns: laid.titles.count)
                    }
                    for (i, w) in laid.widths.enumerated() {
                        if i < widths.count { widths[i] = max(widths[i], w) } else { widths.append(w) }
                    }
                }
            }
            sheet.widths = widths
            book.sheets.append(sheet)
        }
        return book
    }

    /// One table as workbook rows: its columns, plus a detail column after each date column
    /// whose cells carry more than the date; the columns' widths; and how a row of the
    /// table becomes a row of the sheet. The widths and the detail columns come from one
    /// pass over the rows that measures each cell and keeps nothing of it; the rows are
    /// made again when the sheet is written.
    private static func layout(_ table: ReportDocument.Table, _ s: ReportStrings)
        -> (titles: [String], widths: [Double], row: ([ReportDocument.Cell]) -> [Workbook.Cell?]) {
        let columns = table.columns
        var split = [Bool](repeating: false, count: columns.count)
        // The widest line of each column's cells, and of its detail column's.
        var longest = [Int](repeating: 0, count: columns.count)
        var longestDetail = [Int](repeating: 0, count: columns.count)
        for row in table.rows {
            for (c, column) in columns.enumerated() {
                let cell = c < row.count ? row[c] : ReportDocument.Cell("")
                longest[c] = max(longest[c], Self.longestLine(Self.widthText(Self.cell(cell, column))))
                if cell.value != nil && !cell.detail.isEmpty {
                    split[c] = true
                    longestDetail[c] = max(longestDetail[c], Self.longestLine(cell.detail.joined(separator: "\n")))
                }
            }
        }
        var titles: [String] = []
        var widths: [Double] = []
        for (c, column) in columns.enumerated() {
            titles.append(column.title)
            widths.append(Self.width(longest: max(Self.longestLine(column.title), longest[c]), cap: column.wrap ?? 60))
            if split[c] {
                let title = s.workbookDetailColumn(column.title)
                titles.append(title)
                widths.append(Self.width(longest: max(Self.longestLine(title), longestDetail[c]), cap: 40))
            }
        }
        let row = { (row: [ReportDocument.Cell]) -> [Workbook.Cell?] in
            var out: [Workbook.Cell?] = []
            for (c, column) in columns.enumerated() {
                let cell = c < row.count ? row[c] : ReportDocument.Cell("")
                out.append(Self.cell(cell, column))
                if split[c] {
                    out.append(cell.value != nil && !cell.detail.isEmpty
                        ? Workbook.Cell(.text(cell.detail.joined(separator: "\n")), .wrapped) : nil)
                }
            }
            return out
        }
        return (titles, widths, row)
    }

    /// What a cell is measured by for its column's width: its text, or the widest a
    /// number, share or date is shown.
    private static func widthText(_ cell: Workbook.Cell) -> String {
        switch cell.value {
        case .text(let t): t
        case .number(let n): String(n)
        case .share: "100.0%"
        case .date, .month: "00/00/0000"
        }
    }

    private static func cell(_ cell: ReportDocument.Cell, _ column: ReportDocument.Column) -> Workbook.Cell {
        let style: Workbook.Style
        switch cell.tone {
        case .danger: style = .danger
        case .warning: style = .warning
        case .success: style = .success
        case .neutral: style = .neutral
        case nil: style = cell.lines.count > 1 || column.wrap != nil ? .wrapped : .text
        }
        switch cell.value {
        case .date(let d)?: return Workbook.Cell(.date(d), cell.tone == nil ? .date : style)
        case .count(let n)?: return Workbook.Cell(.number(n), cell.tone == nil ? .number : style)
        case .ratio(let part, let total)? where total > 0:
            return Workbook.Cell(.share(Double(part) / Double(total)), .share)
        case .month(let m)?:
            if let first = CivilDate(yearMonth: m) { return Workbook.Cell(.month(first), .month) }
        default: break
        }
        // Most cells have one line, which is its own text (no joined copy).
        return Workbook.Cell(.text(cell.lines.count == 1 ? cell.lines[0] : cell.lines.joined(separator: "\n")), style)
    }

    /// A column's width in characters: the longest line of its texts, within 8 and `cap`.
    private static func width(_ texts: [String], cap: Int) -> Double {
        width(longest: texts.map(longestLine).max() ?? 0, cap: cap)
    }

    /// The width of a column whose longest line is `longest` display columns wide.
    private static func width(longest: Int, cap: Int) -> Double {
        Double(min(max(longest + 2, 8), cap + 2))
    }

    /// The display width of the widest line of `text` (0 when it has none).
    static func longestLine(_ text: String) -> Int {
        // Empty lines, which `split` would leave out, are 0 wide and change no maximum.
        var longest = 0
        DisplayWidth.forEachLineWidth(text) { longest = max(longest, $0) }
        return longest
    }
}

extension CivilDate {
    /// The first day of a `yyyy-mm` month.
    init?(yearMonth text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m, day: 1)
    }
}
