import FuzzSupport
import TTHCKit

/// `DocumentListingReader.read` on a saved web page (decisions/*.html: libxml2's HTML
/// parser, the grid builder, the metadata reader and the interpreter) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    checkDocument(file, kind: .html)
    return 0
}

runFuzzer(fuzz)
