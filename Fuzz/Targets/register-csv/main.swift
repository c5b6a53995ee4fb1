import FuzzSupport
import TTHCKit

/// `RegisterCSVReader.read` (register.csv) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    checkReadResult(RegisterCSVReader.read(file), file)
    return 0
}

runFuzzer(fuzz)
