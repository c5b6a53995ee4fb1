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
}

let libxmlStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    Unmanaged<DiagnosticCollector>.fromOpaque(context).takeUnretainedValue().receive(error.pointee)
}
