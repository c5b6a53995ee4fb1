import FuzzSupport
import TTHCKit

/// `ProcedureCode.init` on arbitrary text: reading a code's own text gives the same code,
/// the national part is the first eight bytes of the raw text, and the key never empties
/// a non-empty code.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: size == 0 ? nil : data, count: size), as: UTF8.self)
    let code = ProcedureCode(text)
    guard ProcedureCode(code.raw) == code else { fatalError("not idempotent: \(code.raw)") }
    if let national = code.national {
        guard national.utf8.count == 8, code.raw.utf8.starts(with: national.utf8) else {
            fatalError("national part \(national) of \(code.raw)")
        }
    }
    guard code.raw.isEmpty == code.key.isEmpty else { fatalError("key of \(code.raw)") }
    return 0
}

runFuzzer(fuzz)
