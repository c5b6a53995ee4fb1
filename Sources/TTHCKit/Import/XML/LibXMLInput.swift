import CLibXML2
import Foundation
import Synchronization

/// The input side of the parser: bytes from memory or a file, passed through the
/// ``MarkupScanner`` guard before libxml2 sees them.
final class XMLInputStream {
    private let source: XMLByteSource
    private var offset = 0
    private var fileHandle: FileHandle?
    private(set) var readError: String?
    /// Whether the source has said it has no more bytes.
    private(set) var reachedEnd = false
    var scanner = MarkupScanner()
    /// The size of the document in bytes, as far as it is known before reading (a file's
    /// size when it was opened).
    let expectedSize: Int

    /// Opens a file source the way ``InputFile/read(_:displayPath:)`` does: regular files
    /// only, so a FIFO or a device is refused instead of waited on or read without end.
    init(_ source: XMLByteSource, displayPath: String) throws(InputError) {
        self.source = source
        switch source {
        case .file(let path):
            let (fd, size) = try InputFile.openRegularFile(path, displayPath: displayPath)
            fileHandle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            expectedSize = size
        case .memory(let bytes):
            expectedSize = bytes.count
        }
    }

    deinit { try? fileHandle?.close() }

    /// Fills `buffer` with up to `capacity` bytes; 0 at the end, -1 on a read error.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int32 {
        var count = 0
        switch source {
        case .memory(let bytes):
            count = min(capacity, bytes.count - offset)
            if count > 0 {
                bytes.withUnsafeBufferPointer { all in
                    buffer.update(from: all.baseAddress! + offset, count: count)
                }
            }
        case .file:
            guard let fileHandle else { return 0 }
            let fd = fileHandle.fileDescriptor
            while true {
                let r = Foundation.read(fd, buffer, capacity)
                if r >= 0 { count = r; break }
                if errno == EINTR { continue }
                readError = String(cString: strerror(errno))
                return -1
            }
        }
        offset += count
        if count == 0 { reachedEnd = true }
        return Int32(scanner.scan(UnsafeBufferPointer(start: buffer, count: count)))
    }

    /// The next piece of up to `capacity` bytes, as ``read(into:capacity:)`` reads it, with
    /// the start tags the guard found in it and what it knew after it.
    func nextChunk(capacity: Int) -> GuardedChunk {
        var count: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            count = read(into: buffer.baseAddress!, capacity: capacity)
            initialized = max(Int(count), 0)
        }
        return GuardedChunk(bytes: bytes, count: Int(count), starts: scanner.takeElementStarts(), given: given)
    }

    /// What the guard knows of the input read so far.
    private var given: GuardedInput {
        GuardedInput(reachedEnd: reachedEnd, stop: scanner.stop, sawElement: scanner.sawElement,
                     openElements: scanner.openElements, readError: readError)
    }
}

/// A piece of the input as the guard let it through, for the parser.
struct GuardedChunk {
    /// The bytes the parser may have: `count` of them.
    var bytes: [UInt8]
    /// How many bytes there are; 0 at the end of the input, -1 on a read error.
    var count: Int
    /// Where the element start tags in these bytes are, in order.
    var starts: [(line: Int, column: Int)]
    /// What the guard knew once it had read these bytes.
    var given: GuardedInput
}

/// What the guard knew of the input up to a chunk: what the parser has been given, which
/// is what its errors are about. The guard may read ahead of the parser (when the two run
/// on different threads), so the parser's side keeps the view of the last chunk it took.
struct GuardedInput {
    var reachedEnd = false
    var stop: MarkupScanner.Stop?
    var sawElement = false
    var openElements = 0
    var readError: String?
}

let libxmlStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue().receive(error.pointee)
}
