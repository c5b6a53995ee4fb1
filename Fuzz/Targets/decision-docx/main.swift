import FuzzSupport
import TTHCKit

/// `DecisionDOCXReader` (a Word decision, decisions/*.docx: its tables and its header) on
/// arbitrary bytes: a ZIP container when the input starts with "PK", otherwise the input is
/// word/document.xml of a minimal document.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    let reading = file.bytes.starts(with: [0x50, 0x4B])
        ? DecisionDOCXReader.interpret(file)
        : DecisionDOCXReader.interpret(parts: documentParts(document: file.bytes), displayPath: file.displayPath)
    checkReadResult(readResult(reading), file, office: true)
    return 0
}

runFuzzer(fuzz)
