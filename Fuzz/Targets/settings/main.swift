import FuzzSupport
import TTHCKit

/// `SettingsReader.read` (settings.yaml) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    checkReadResult(SettingsReader.read(file), file)
    return 0
}

runFuzzer(fuzz)
