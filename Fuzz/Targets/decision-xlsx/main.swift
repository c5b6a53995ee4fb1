import FuzzSupport
import TTHCKit

/// `DecisionXLSXReader` (an Excel workbook, decisions/*.xlsx) on arbitrary bytes: a ZIP
/// container when the input starts with "PK", otherwise the input is the sheet XML of a
/// minimal workbook (so mutations reach the sheet reader instead of failing the CRC).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    if file.bytes.starts(with: [0x50, 0x4B]) {
        checkReadResult(readResult(DecisionXLSXReader.interpret(file)), file, office: true)
    } else {
        do {
            let workbook = try XLSXWorkbook(parts: workbookParts(sheet: file.bytes), displayPath: file.displayPath)
            checkReadResult(readResult(DecisionXLSXReader.interpret(workbook, file: file.displayPath)), file, office: true)
        } catch {
            checkReadResult(ReadResult<Int>(value: nil, diagnostics: error.diagnostics), file, office: true)
        }
    }
    return 0
}

runFuzzer(fuzz)
