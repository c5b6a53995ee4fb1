import FuzzSupport
import TTHCKit

/// `HolidayOverrides.parse` (holidays/overrides.yaml) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    checkReadResult(HolidayOverrides.parse(file), file)
    return 0
}

runFuzzer(fuzz)
