import FuzzSupport
import TTHCKit

/// `DecisionXMLReader.read` (decisions/*.xml, validated against the embedded XSD) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    checkReadResult(DecisionXMLReader.read(file), file)
    return 0
}

runFuzzer(fuzz)
