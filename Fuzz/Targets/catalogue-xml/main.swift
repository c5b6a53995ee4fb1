import FuzzSupport
import TTHCKit

/// `CatalogueXMLReader.read` (local/*.xml) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    checkReadResult(CatalogueXMLReader.read(file), file)
    return 0
}

runFuzzer(fuzz)
