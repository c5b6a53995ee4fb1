import FuzzSupport
import TTHCKit

/// The CSV tokenizer on arbitrary bytes, through both of its paths: the records the table
/// readers get (`CSVReader.forEachRecord`) and the grid rows the annex interpreter gets
/// (`CSVTableSource`, which builds its cells straight from the bytes) must be the same
/// cells at the same places with the same diagnostics; every place must lie in the file.
/// The grid path checks UTF-8 as it goes: of a file that is not UTF-8 it hands over the
/// rows before the bad byte (none of which may start after it), then the same error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    var records: [[CSVCell]] = []
    var recordLines: [Int] = []
    let (info, diagnostics) = CSVReader.forEachRecord(file) { record in
        records.append(record.cells)
        recordLines.append(record.line)
    }
    var rows: [GridRow] = []
    let gridDiagnostics = CSVTableSource(file).forEachRow { rows.append($0) }
    guard gridDiagnostics == diagnostics else {
        fatalError("diagnostics differ: \(diagnostics.map { $0.rendered(.en) }) against \(gridDiagnostics.map { $0.rendered(.en) })")
    }
    let lines = lineCount(file.bytes)
    if info == nil, let refusal = diagnostics.first, diagnostics.count == 1, refusal.id == .csvEncoding {
        guard records.isEmpty else { fatalError("records handed over from a file that is not UTF-8") }
        for row in rows {
            guard row.line <= (refusal.location.line ?? Int.max), row.cells.allSatisfy({ $0.line >= row.line && $0.line <= lines && $0.column >= 1 }) else {
                fatalError("grid row at line \(row.line) after the bad byte at \(refusal.location.line ?? 0), or a cell outside the file")
            }
        }
        checkReadResult(ReadResult(value: nil as Int?, diagnostics: diagnostics), file)
        return 0
    }
    guard rows.count == records.count else { fatalError("\(records.count) records against \(rows.count) grid rows") }
    for (n, row) in rows.enumerated() {
        let cells = records[n]
        guard row.line == recordLines[n], row.cells.count == cells.count else { fatalError("record \(n) differs in line or width") }
        for (cell, gridCell) in zip(cells, row.cells) {
            guard cell.text == gridCell.text, cell.line == gridCell.line, cell.column == gridCell.column,
                  gridCell.columnSpan == 1, gridCell.rowSpan == 1 else {
                fatalError("record \(n): \(cell) against \(gridCell)")
            }
            guard cell.line >= row.line, cell.line <= lines, cell.column >= 1 else { fatalError("cell outside the file: \(cell)") }
        }
    }
    if info == nil, !diagnostics.contains(where: { $0.severity == .error }) { fatalError("not decoded, and no error") }
    checkReadResult(ReadResult(value: info.map { _ in records.count }, diagnostics: diagnostics), file)
    return 0
}

runFuzzer(fuzz)
