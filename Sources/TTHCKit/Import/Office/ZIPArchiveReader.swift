import CSystemZlib

/// A ZIP archive read from its bytes in memory: the central directory, checked entry by
/// entry, and each part's bytes inflated by zlib within the part's packed bytes.
///
/// Hand-written (after PKWARE's APPNOTE.TXT 6.3.10: 4.3.6 local file header, 4.3.12
/// central directory header, 4.3.14–4.3.16 ZIP64 end records and locator, 4.4.4 flags,
/// 4.5.3 ZIP64 extra field) because ZIPFoundation 0.9.20, the ZIP library of the package
/// set, could not be made safe on hostile files from outside: the fuzzers found its
/// in-memory archive crashing (a negative range when an offset points past the end) and
/// leaking (no end record), and its inflater (`Data.decode`) ignoring the entry's packed
/// size and reading on from the file until the deflate stream ends — at the end of the
/// file it loops for ever on empty reads, so a stream that never ends hung the run. Here
/// inflate is zlib's own (the library every ZIP reader uses), fed exactly the entry's
/// packed bytes: every call consumes input or produces output, the input is finite and the
/// output is capped by the caller, so no file can keep it going. ZIPFoundation still
/// writes the workbooks tthc makes (`OfficeWriting/OfficePackageWriter.swift`).
///
/// What is read: one disk, stored (0) and deflate (8) entries, ZIP64 sizes and offsets,
/// UTF-8 names (flag 11, or names that are valid UTF-8, as Office writes them). Refused
/// with a reason: other methods, encrypted entries, offsets and sizes outside the file, a
/// local header that is not where the directory says or names another method.
struct ZIPArchiveReader {
    /// What an entry is, from the attributes of the system that wrote it (as unzip reads
    /// them): Unix modes, the MS-DOS directory bit, else a name ending in "/".
    enum Kind: Equatable { case file, directory, symlink }

    /// One entry of the central directory, its values from the directory (which, unlike the
    /// local header, always has the sizes and checksum, even when a data descriptor follows
    /// the data).
    struct Entry {
        /// The name, or nil when its bytes are not UTF-8.
        var name: String?
        var nameBytes: [UInt8]
        /// The name as diagnostics give it, bad bytes shown as U+FFFD.
        var shownName: String { name ?? String(decoding: nameBytes, as: UTF8.self) }
        var kind: Kind
        var method: Int
        var isEncrypted: Bool
        var crc32: UInt32
        var packedSize: UInt64
        var size: UInt64
        var headerOffset: UInt64
    }

    /// Why the archive or one part cannot be read, in words staff can act on.
    struct Damage: Error, Equatable {
        var part: String?
        var reason: LocalizedText
    }

    let bytes: [UInt8]
    /// The entries in directory order, at most `limit` + 1 of them (more than `limit` is
    /// the caller's refusal, not damage).
    private(set) var entries: [Entry] = []

    /// Reads the directory. `bytes` must hold an end record (``OfficeContainer/hasEndRecord(_:)``).
    init(_ bytes: [UInt8], limit: Int) throws(Damage) {
        self.bytes = bytes
        guard let end = OfficeContainer.endRecord(bytes) else { throw Damage(reason: Self.noEnd) }
        var count = UInt64(u16(end + 10)), offset = UInt64(u32(end + 16))
        let thisDisk = u16(end + 4), directoryDisk = u16(end + 6)
        if count == 0xFFFF || offset == 0xFFFF_FFFF, end >= 20, u32(end - 20) == 0x0706_4B50 {
            // ZIP64: the locator just before the end record points at the ZIP64 end record.
            let record = u64(end - 20 + 8)
            guard fits(record, 56), u32(Int(record)) == 0x0606_4B50 else { throw Damage(reason: Self.wrongDirectory) }
            count = u64(Int(record) + 32)
            offset = u64(Int(record) + 48)
        } else if thisDisk != 0 || directoryDisk != 0 {
            throw Damage(reason: Self.wrongDirectory)
        }
        var p = offset
        var seen: UInt64 = 0
        while seen < count, entries.count <= limit {
            seen += 1
            guard fits(p, 46), u32(Int(p)) == 0x0201_4B50 else { throw Damage(reason: Self.wrongDirectory) }
            let at = Int(p)
            let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
            let nameStart = at + 46, extraStart = nameStart + nameLength, next = extraStart + extraLength + commentLength
            guard next <= bytes.count else { throw Damage(reason: Self.wrongDirectory) }
            let nameBytes = Array(bytes[nameStart..<extraStart])
            var size = UInt64(u32(at + 24)), packed = UInt64(u32(at + 20)), header = UInt64(u32(at + 42))
            if size == 0xFFFF_FFFF || packed == 0xFFFF_FFFF || header == 0xFFFF_FFFF {
                guard let wide = zip64(extraStart..<(extraStart + extraLength), size: size, packed: packed, header: header) else {
                    throw Damage(part: String(decoding: nameBytes, as: UTF8.self), reason: Self.wrongDirectory)
                }
                (size, packed, header) = wide
            }
            let name = String(validating: nameBytes, as: UTF8.self)
            entries.append(Entry(
                name: name, nameBytes: nameBytes,
                kind: Self.kind(madeBy: u16(at + 4), attributes: u32(at + 38), name: nameBytes),
                method: u16(at + 10), isEncrypted: u16(at + 8) & 1 != 0,
                crc32: UInt32(u32(at + 16)), packedSize: packed, size: size, headerOffset: header))
            p = UInt64(next)
        }
    }

    /// Where an entry's packed bytes are in the file, after checking that it can be
    /// unpacked at all: a method tthc reads, not encrypted, its local header where the
    /// directory says with the same method, its packed bytes inside the file.
    func dataRange(_ entry: Entry) throws(Damage) -> Range<Int> {
        let part = entry.shownName
        guard entry.method == 0 || entry.method == 8 else {
            throw Damage(part: part, reason: LocalizedText(
                vi: "phương thức nén \(entry.method) mà tthc không đọc (chỉ đọc dữ liệu không nén hoặc nén deflate)",
                en: "compression method \(entry.method), which tthc does not read (only stored or deflate)"))
        }
        if entry.isEncrypted {
            throw Damage(part: part, reason: LocalizedText(vi: "phần này được mã hoá", en: "the part is encrypted"))
        }
        guard fits(entry.headerOffset, 30), u32(Int(entry.headerOffset)) == 0x0403_4B50, u16(Int(entry.headerOffset) + 8) == entry.method else {
            throw Damage(part: part, reason: LocalizedText(
                vi: "phần đầu của nó không ở chỗ mục lục ghi", en: "its local header is not where the directory says"))
        }
        let at = Int(entry.headerOffset)
        let start = at + 30 + u16(at + 26) + u16(at + 28)
        guard start <= bytes.count, entry.packedSize <= UInt64(bytes.count - start) else {
            throw Damage(part: part, reason: LocalizedText(
                vi: "dữ liệu nén vượt quá cuối tệp", en: "its packed data runs past the end of the file"))
        }
        return start..<(start + Int(entry.packedSize))
    }

    /// Failures of ``unpack(_:chunk:check:)``: the part is damaged, or `check` refused it.
    enum UnpackFailure: Error {
        case damaged(Damage)
        case refused(InputError)
    }

    /// The unpacked bytes of `entry`. `check` sees the count of bytes produced so far after
    /// every `chunk` bytes (and at the end) and throws to stop: the caller's size limits,
    /// which bound the output whatever the directory declared. The checksum is compared.
    func unpack(_ entry: Entry, chunk: Int = 64 << 10, reserve: Int,
                check: (Int) throws(InputError) -> Void) throws(UnpackFailure) -> [UInt8] {
        let range: Range<Int>
        do { range = try dataRange(entry) } catch { throw .damaged(error) }
        let part = entry.shownName
        var out: [UInt8] = []
        out.reserveCapacity(reserve)
        if entry.method == 0 {
            var at = range.lowerBound
            while at < range.upperBound {
                let end = min(at + chunk, range.upperBound)
                out.append(contentsOf: bytes[at..<end])
                at = end
                do { try check(out.count) } catch { throw .refused(error) }
            }
        } else {
            try inflate(range, part: part, chunk: chunk, into: &out, check: check)
        }
        if Self.crc32(out) != entry.crc32 {
            throw .damaged(Damage(part: part, reason: LocalizedText(
                vi: "mã kiểm tra (CRC) của dữ liệu không khớp", en: "the data's checksum (CRC) does not match")))
        }
        return out
    }

    /// Raw deflate (no zlib header, window bits −15, as ZIP stores it) of `range`.
    private func inflate(_ range: Range<Int>, part: String, chunk: Int, into out: inout [UInt8],
                         check: (Int) throws(InputError) -> Void) throws(UnpackFailure) {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .damaged(Damage(part: part, reason: Self.cannotUnpack))
        }
        defer { inflateEnd(&stream) }
        var buffer = [UInt8](repeating: 0, count: chunk)
        var failure: UnpackFailure?
        bytes.withUnsafeBufferPointer { input in
            var next = range.lowerBound
            while true {
                if stream.avail_in == 0, next < range.upperBound {
                    // zlib counts input in 32 bits: a larger part is fed in pieces.
                    let piece = min(range.upperBound - next, 1 << 30)
                    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + next)
                    stream.avail_in = UInt32(piece)
                    next += piece
                }
                let result = buffer.withUnsafeMutableBufferPointer { room in
                    stream.next_out = room.baseAddress
                    stream.avail_out = UInt32(room.count)
                    return CSystemZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk - Int(stream.avail_out)
                if produced > 0 {
                    out.append(contentsOf: buffer[0..<produced])
                    do throws(InputError) { try check(out.count) } catch { failure = .refused(error); return }
                }
                if result == Z_STREAM_END { return }
                if result == Z_BUF_ERROR, stream.avail_in == 0, next == range.upperBound {
                    // Every packed byte is in and the stream has not ended.
                    failure = .damaged(Damage(part: part, reason: LocalizedText(
                        vi: "dữ liệu nén bị cắt cụt", en: "the compressed data ends before the part does")))
                    return
                }
                if result != Z_OK && result != Z_BUF_ERROR {
                    failure = .damaged(Damage(part: part, reason: Self.cannotUnpack))
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    /// zlib's CRC-32 (the checksum ZIP keeps for each entry).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { all in
            var crc: UInt = 0
            var at = 0
            while at < all.count {
                let piece = min(all.count - at, 1 << 30)
                crc = CSystemZlib.crc32(crc, all.baseAddress! + at, UInt32(piece))
                at += piece
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }

    /// The ZIP64 extended information of an entry (APPNOTE 4.5.3): the 64-bit values of
    /// exactly the fields saturated in the directory header, in this order.
    private func zip64(_ extra: Range<Int>, size: UInt64, packed: UInt64, header: UInt64) -> (UInt64, UInt64, UInt64)? {
        var p = extra.lowerBound
        while p + 4 <= extra.upperBound {
            let id = u16(p), length = u16(p + 2)
            guard p + 4 + length <= extra.upperBound else { return nil }
            if id == 1 {
                var q = p + 4
                func take(_ value: UInt64) -> UInt64? {
                    guard value == 0xFFFF_FFFF else { return value }
                    guard q + 8 <= p + 4 + length else { return nil }
                    defer { q += 8 }
                    return u64(q)
                }
                guard let s = take(size), let c = take(packed), let h = take(header) else { return nil }
                return (s, c, h)
            }
            p += 4 + length
        }
        return nil
    }

    static func kind(madeBy: Int, attributes: Int, name: [UInt8]) -> Kind {
        let slash = name.last == UInt8(ascii: "/")
        switch madeBy >> 8 {
        case 3, 19: // Unix, OS X: the mode in the high half
            switch (attributes >> 16) & 0o170000 {
            case 0o100000: return .file
            case 0o040000: return .directory
            case 0o120000: return .symlink
            default: return slash ? .directory : .file
            }
        case 0: // MS-DOS attributes
            return slash || attributes & 0x10 != 0 ? .directory : .file
        default:
            return slash ? .directory : .file
        }
    }

    static let noEnd = LocalizedText(vi: "thiếu phần cuối của gói ZIP: tệp bị cắt cụt?", en: "the end of the ZIP archive is missing: a truncated file?")
    static let wrongDirectory = LocalizedText(vi: "mục lục của gói ZIP sai", en: "the ZIP archive's directory is wrong")
    static let cannotUnpack = LocalizedText(vi: "dữ liệu nén không giải nén được", en: "the compressed data cannot be unpacked")

    /// Whether `length` bytes from `offset` are inside the file.
    private func fits(_ offset: UInt64, _ length: Int) -> Bool {
        length <= bytes.count && offset <= UInt64(bytes.count - length)
    }

    private func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    private func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    private func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
