import FuzzSupport
import TTHCKit

/// `DocumentListingReader.read` on a PDF (decisions/*.pdf: poppler through the C shim,
/// the rule finder, lattice and stream, the metadata reader and the interpreter) on
/// arbitrary bytes. A diagnostic's line is a page number, never past the file's line count.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let file = fuzzInput(data, size)
    checkDocument(file, kind: .pdf)
    return 0
}

runFuzzer(fuzz)
