/// Bytes of an output being produced, handed on in pieces of about ``pieceSize`` bytes, so
/// that a report of hundreds of megabytes is never held whole (``OutputContent/produced(_:)``).
///
/// A writer appends text and calls ``flushIfFull()`` where what it wrote so far is final
/// (after a line, a row, a record); ``produced(pieceSize:_:)`` hands over the rest at the end.
final class ChunkedOutput {
    private(set) var bytes: [UInt8] = []
    private let sink: (UnsafeRawBufferPointer) -> Void
    let pieceSize: Int

    /// The default piece: large enough that the writes are few, small enough not to count
    /// beside the data the report is made of.
    static let defaultPieceSize = 1 << 20

    private init(sink: @escaping (UnsafeRawBufferPointer) -> Void, pieceSize: Int) {
        self.sink = sink
        self.pieceSize = pieceSize
        bytes.reserveCapacity(min(pieceSize, Self.defaultPieceSize) + 4096)
    }

    /// Content whose bytes `body` appends to the output it is given, each time it is run.
    static func produced(pieceSize: Int = defaultPieceSize,
                         _ body: @escaping @Sendable (ChunkedOutput) -> Void) -> OutputContent {
        .produced { write in
            withoutActuallyEscaping(write) { write in
                let out = ChunkedOutput(sink: write, pieceSize: pieceSize)
                body(out)
                out.flush()
            }
        }
    }

    @inline(__always) func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) func append(_ text: Substring) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always) func append(byte: UInt8) { bytes.append(byte) }

    func append(contentsOf bytes: some Sequence<UInt8>) { self.bytes.append(contentsOf: bytes) }

    /// `text` and a line feed, then a flush when a piece is full. With
    /// `trimmingTrailingSpaces`, the spaces that end `text` are left out (a line of a text
    /// table is padded to its columns' widths, and the last column's padding is not kept).
    func line(_ text: String, trimmingTrailingSpaces: Bool = false) {
        let start = bytes.count
        append(text)
        if trimmingTrailingSpaces {
            // A space byte in UTF-8 is always the space itself, never part of a longer scalar.
            while bytes.count > start, bytes[bytes.count - 1] == 0x20 { bytes.removeLast() }
        }
        bytes.append(0x0A)
        flushIfFull()
    }

    @inline(__always) func append(_ bytes: ArraySlice<UInt8>) { self.bytes.append(contentsOf: bytes) }

    @inline(__always) func append(spaces count: Int) {
        for _ in 0..<max(count, 0) { bytes.append(0x20) }
    }

    /// Where the next byte goes: the start of a line built piece by piece, for
    /// ``endLine(from:trimmingTrailingSpaces:)``.
    var position: Int { bytes.count }

    /// Ends the line that started at `start` (``position``) as ``line(_:trimmingTrailingSpaces:)``
    /// ends one.
    func endLine(from start: Int, trimmingTrailingSpaces: Bool = false) {
        if trimmingTrailingSpaces {
            while bytes.count > start, bytes[bytes.count - 1] == 0x20 { bytes.removeLast() }
        }
        bytes.append(0x0A)
        flushIfFull()
    }

    /// Hands the bytes so far on once there are a piece's worth.
    @inline(__always) func flushIfFull() {
        if bytes.count >= pieceSize { flush() }
    }

    private func flush() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes(sink)
        bytes.removeAll(keepingCapacity: true)
    }
}
