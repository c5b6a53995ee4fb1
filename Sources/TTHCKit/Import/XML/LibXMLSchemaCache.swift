import CLibXML2
import Foundation
import Synchronization

/// The embedded XSDs, each parsed once per process and kept for its lifetime. A parsed
/// `xmlSchema` is read-only during validation (every reader makes its own validation
/// context from it), so readers on several threads share it. Parsing
/// the schema was most of the cost of reading a small file.
///
/// The cache is a list searched with `==`, not a dictionary: there are two schemas, and the
/// texts are the same static strings every time, which `==` recognises by their storage
/// without reading them, whereas a dictionary would hash every byte of the schema (with
/// Unicode normalisation, for its Vietnamese comments) on every file read.
enum SchemaCache {
    private struct Entry: @unchecked Sendable { let text: String; let schema: xmlSchemaPtr? }
    private static let parsed = Mutex<[Entry]>([])

    static func schema(for text: String) -> xmlSchemaPtr? {
        parsed.withLock { cache in
            if let hit = cache.first(where: { $0.text == text }) { return hit.schema }
            let schema = parse(text)
            cache.append(Entry(text: text, schema: schema))
            return schema
        }
    }

    private static func parse(_ text: String) -> xmlSchemaPtr? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> xmlSchemaPtr? in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            guard let parser = xmlSchemaNewMemParserCtxt(base, Int32(buffer.count)) else { return nil }
            defer { xmlSchemaFreeParserCtxt(parser) }
            return xmlSchemaParse(parser)
        }
    }
}
