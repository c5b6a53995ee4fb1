/// The limits every table source keeps (CSV, Excel, Word, saved web pages, PDF), so that
/// the time and memory one file costs stay bounded whatever it holds. Real annexes and
/// catalogues never come near them: the longest cell of the corpus (`Tests/Corpus`) holds
/// 2,299 bytes, the widest table has 15 columns, the longest file 273 rows. The limits and
/// the other bounds of the readers are listed in docs/hardening.md ("Limits, in one place").
///
/// A file past the cell, row or cell-count limit is refused with an error at the place
/// where it passed it, and nothing read from it is used (``stops(_:)``). Cells past the
/// column limit are left out with one warning a file, as Excel sheets are read.
public enum TableLimits {
    /// Bytes of UTF-8 in one cell: 1 MiB.
    public static let cellBytes = 1_048_576
    /// Cells read in one row.
    public static let columns = 1_024
    /// Rows in one file (every sheet of a workbook together).
    public static let rows = 100_000
    /// Cells in one file, the blank ones inside a row included.
    public static let cells = 2_000_000

    /// The ids of the errors that stop a source.
    static let stopIDs: Set<DiagnosticID> = [Passed.cellTooLong.id, Passed.tooManyRows.id, Passed.tooManyCells.id]

    /// True when `diagnostics` hold an error that stopped the source: what was read before
    /// it is not used, only the error is reported.
    static func stops(_ diagnostics: [Diagnostic]) -> Bool {
        diagnostics.contains { $0.severity == .error && stopIDs.contains($0.id) }
    }

    /// What passing a limit is called, and said.
    enum Passed {
        case cellTooLong, tooWide, tooManyRows, tooManyCells

        var id: DiagnosticID {
            switch self {
            case .cellTooLong: .tableCellTooLong
            case .tooWide: .tableTooWide
            case .tooManyRows: .tableTooManyRows
            case .tooManyCells: .tableTooManyCells
            }
        }

        var message: LocalizedText {
            switch self {
            case .cellTooLong: LocalizedText(
                vi: "ô dài hơn 1.048.576 byte (1 MiB), trong khi ô của phụ lục thật chỉ vài nghìn byte (có dán nhầm cả một tệp vào một ô?); không đọc tiếp",
                en: "a cell longer than 1,048,576 bytes (1 MiB), where real annex cells hold a few thousand (was a whole file pasted into one cell?); not read further")
            case .tooWide: LocalizedText(
                vi: "dòng có hơn 1.024 ô; các ô sau cột 1.024 không được đọc (bảng phụ lục chỉ có dưới 20 cột)",
                en: "a row of more than 1,024 cells; the cells after column 1,024 are not read (annex tables have under 20 columns)")
            case .tooManyRows: LocalizedText(
                vi: "tệp có hơn 100.000 dòng, trong khi phụ lục và danh mục thật chỉ có vài nghìn dòng; không đọc tiếp (hãy tách tệp)",
                en: "more than 100,000 rows in one file, where real annexes and catalogues have a few thousand; not read further (split the file)")
            case .tooManyCells: LocalizedText(
                vi: "tệp có hơn 2.000.000 ô, trong khi phụ lục thật chỉ có vài nghìn ô; không đọc tiếp (hãy tách tệp)",
                en: "more than 2,000,000 cells in one file, where real annexes have a few thousand; not read further (split the file)")
            }
        }
    }

    /// The diagnostic for passing `limit` at `location`: a warning for the columns (the
    /// rest of the row is left out), an error for the others (the file is not read).
    static func diagnostic(_ limit: Passed, at location: SourceLocation) -> Diagnostic {
        Diagnostic(limit == .tooWide ? .warning : .error, limit.id, at: location, limit.message)
    }
}

/// Counts the rows a grid source (Excel, Word, web page, PDF) hands over against
/// ``TableLimits``; the CSV tokenizer keeps the same limits on the bytes as it reads them.
/// A reference, so that every sheet of a workbook draws on the one budget of the file.
final class TableGuard {
    private var rows = 0
    private var cells = 0
    private var warnedWide = false
    /// Set once a limit is passed: the source hands over nothing more.
    private(set) var stopped = false

    /// Checks `row` of `file`, cutting it to ``TableLimits/columns`` cells (with one
    /// warning a file); false, with the error added to `diagnostics`, when it passes a
    /// limit, and then for every row after it.
    func admit(_ row: inout GridRow, file: String, into diagnostics: inout [Diagnostic]) -> Bool {
        guard !stopped else { return false }
        if row.cells.count > TableLimits.columns {
            if !warnedWide {
                warnedWide = true
                let first = row.cells[TableLimits.columns]
                diagnostics.append(TableLimits.diagnostic(.tooWide, at: SourceLocation(file: file, line: first.line, column: first.column)))
            }
            row.cells.removeLast(row.cells.count - TableLimits.columns)
        }
        func stop(_ diagnostic: Diagnostic) -> Bool {
            stopped = true
            diagnostics.append(diagnostic)
            return false
        }
        rows += 1
        if rows > TableLimits.rows {
            return stop(TableLimits.diagnostic(.tooManyRows, at: SourceLocation(file: file, line: row.line, column: row.cells.first?.column ?? 1)))
        }
        for (i, cell) in row.cells.enumerated() {
            if cell.text.utf8.count > TableLimits.cellBytes {
                return stop(TableLimits.diagnostic(.cellTooLong, at: SourceLocation(file: file, line: cell.line, column: cell.column)))
            }
            if cells + i + 1 > TableLimits.cells {
                return stop(TableLimits.diagnostic(.tooManyCells, at: SourceLocation(file: file, line: cell.line, column: cell.column)))
            }
        }
        cells += max(row.cells.count, 1)
        return true
    }

    /// Checks rows a source has read whole (a web page, a PDF) and hands them to `body`
    /// only when none passes a limit, so that a refused file gives its error and no row.
    static func handOver(_ rows: [GridRow], file: String, _ body: (GridRow) -> Void) -> [Diagnostic] {
        let budget = TableGuard()
        var diagnostics: [Diagnostic] = []
        var checked: [GridRow] = []
        checked.reserveCapacity(rows.count)
        for var row in rows {
            guard budget.admit(&row, file: file, into: &diagnostics) else { return diagnostics }
            checked.append(row)
        }
        checked.forEach(body)
        return diagnostics
    }
}
