import Foundation
import ZIPFoundation

/// How much an Office container may unpack to before tthc refuses it (giới hạn giải nén).
///
/// A Word or Excel file is a ZIP archive of XML parts, and a hostile one can claim or
/// inflate to far more than it weighs (a "zip bomb"). The limits are generous for real
/// decisions (the largest real annex workbook seen unpacks to a few MB) and small enough
/// that a run stays within memory on a 2-core, 24 GB machine shared by several builds:
///
/// - at most ``maximumEntries`` parts (real files: 10–40);
/// - at most ``maximumPartSize`` bytes unpacked for one part (a sheet of a million
///   short rows is about 60 MB of XML);
/// - at most ``maximumTotalSize`` bytes unpacked for all the parts tthc reads together;
/// - a part over ``ratioFloor`` bytes may unpack to at most ``maximumRatio`` times its
///   packed size (real parts compress 5–30 times, a sheet of 200,000 identical rows about
///   300 times; deflate's ceiling, which bombs use, is about 1,030). Apache POI's
///   `ZipSecureFile` does the same with 100 times; tthc allows more because its other
///   limits already bound memory, and the ratio only has to refuse bombs early.
///
/// Every limit is checked on the sizes the archive declares before anything is unpacked,
/// and again on the bytes actually produced, since the declared sizes can lie.
public struct ContainerLimits: Sendable, Hashable {
    public var maximumEntries = 10_000
    public var maximumPartSize = 128 << 20
    public var maximumTotalSize = 256 << 20
    public var maximumRatio = 500
    public var ratioFloor = 4 << 20

    public init() {}

    /// The limits every reader uses unless a caller (a test) names others.
    public static let standard = ContainerLimits()
}

/// An Office file opened as a ZIP container: the names of its parts, checked, and each
/// part's bytes on request, within ``ContainerLimits``.
///
/// With `OfficeWriting/OfficePackageWriter.swift` (the writer), the only file that imports ZIPFoundation: its types never leave it, and
/// every failure comes out as a ``Diagnostic`` naming the file, in both languages.
final class OfficeContainer {
    let displayPath: String
    let limits: ContainerLimits
    private let archive: Archive?
    private var entries: [String: Entry] = [:]
    /// Parts given in memory instead of an archive (fuzzing, tests of the part readers).
    private var given: [String: [UInt8]] = [:]
    /// Part names in archive order.
    private(set) var names: [String] = []
    private var unpacked = 0
    /// Parts already counted in `unpacked`.
    private var counted: Set<String> = []

    /// Opens `file` and checks every entry name and declared size.
    init(_ file: InputFile, limits: ContainerLimits = .standard) throws(InputError) {
        displayPath = file.displayPath
        self.limits = limits
        let kind = OfficeSniffer.kind(of: file.bytes)
        guard kind == .zip else { throw InputError([OfficeSniffer.refusal(kind, file: file.displayPath)]) }
        guard Self.hasEndRecord(file.bytes) else {
            throw InputError([Self.damaged(file.displayPath, reason: Self.reason(Archive.ArchiveError.missingEndOfCentralDirectoryRecord))])
        }
        // ZIPFoundation reads a file-backed archive: its in-memory one (`Archive(data:)`)
        // crashes when an offset points past the end (`MemoryFile.readData` makes a negative
        // range) and leaks when the end record is missing, both found by the fuzzers. The
        // bytes already read go to a private temporary file (mode 0600, created exclusively),
        // unlinked as soon as the archive has it open.
        if let part = Self.unreadableEntry(file.bytes) {
            throw InputError([Self.damaged(file.displayPath, part: part, LocalizedText(
                vi: "phương thức nén không rõ, hoặc dữ liệu nén vượt quá cuối tệp", en: "an unknown compression method, or packed data past the end of the file"))])
        }
        let copy = try Self.privateCopy(file.bytes, displayPath: file.displayPath)
        defer { unlink(copy.path) }
        let archive: Archive
        do {
            archive = try Archive(url: copy, accessMode: .read)
        } catch {
            throw InputError([Self.damaged(file.displayPath, reason: Self.reason(error))])
        }
        self.archive = archive
        var declaredTotal: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maximumEntries {
                throw InputError([Self.refuse(file.displayPath, .officeTooManyParts, LocalizedText(
                    vi: "tệp chứa hơn \(limits.maximumEntries) phần: không phải tệp Office bình thường (có thể là tệp độc hại)",
                    en: "the file holds more than \(limits.maximumEntries) parts: not an ordinary Office file (possibly hostile)"))])
            }
            let name = entry.path(using: .utf8)
            if let why = Self.unsafeName(name) {
                throw InputError([Self.refuse(file.displayPath, .officeUnsafeName, LocalizedText(
                    vi: "tên phần \"\(Self.shown(name))\" trong tệp không an toàn (\(why.vi)); tệp bị từ chối",
                    en: "the part name \"\(Self.shown(name))\" is unsafe (\(why.en)); the file is refused"))])
            }
            if entry.type == .symlink {
                throw InputError([Self.refuse(file.displayPath, .officeUnsafeName, LocalizedText(
                    vi: "phần \"\(Self.shown(name))\" là liên kết tượng trưng (symlink); tệp bị từ chối",
                    en: "the part \"\(Self.shown(name))\" is a symbolic link; the file is refused"))])
            }
            guard entry.type == .file else { continue }
            let key = name.lowercased()
            if entries[key] != nil {
                throw InputError([Self.refuse(file.displayPath, .officeUnsafeName, LocalizedText(
                    vi: "tệp có hai phần cùng tên \"\(Self.shown(name))\"; tệp bị từ chối",
                    en: "the file holds two parts named \"\(Self.shown(name))\"; the file is refused"))])
            }
            // A part cannot hold more packed bytes than the whole file: ZIPFoundation reads
            // on while fewer come back (a part declared at gigabytes in a file of a few
            // kilobytes kept it reading past the end for ever, found by the fuzzer).
            if entry.compressedSize > UInt64(file.bytes.count) {
                throw InputError([Self.damaged(file.displayPath, part: name, LocalizedText(
                    vi: "kích thước nén khai báo (\(entry.compressedSize) byte) lớn hơn cả tệp", en: "its declared packed size (\(entry.compressedSize) bytes) is larger than the whole file"))])
            }
            try check(name: name, size: entry.uncompressedSize, packed: entry.compressedSize)
            declaredTotal += entry.uncompressedSize
            entries[key] = entry
            names.append(name)
        }
        if declaredTotal > UInt64(limits.maximumTotalSize) {
            throw InputError([Self.totalTooLarge(file.displayPath, limits)])
        }
        if entries.isEmpty {
            throw InputError([Self.damaged(file.displayPath, reason: LocalizedText(vi: "gói ZIP không có phần nào", en: "the ZIP archive holds no part"))])
        }
    }

    /// A container of parts already unpacked, with the same part-size limits.
    init(parts: [String: [UInt8]], displayPath: String, limits: ContainerLimits = .standard) throws(InputError) {
        self.displayPath = displayPath
        self.limits = limits
        archive = nil
        for (name, bytes) in parts.sorted(by: { $0.key < $1.key }) {
            try check(name: name, size: UInt64(bytes.count), packed: UInt64(bytes.count))
            given[name.lowercased()] = bytes
            names.append(name)
        }
    }

    /// Whether ZIPFoundation will find the archive's end record: the last "PK\u{5}\u{6}"
    /// that leaves room for the 22-byte record, with its comment inside the file. Tested
    /// first because ZIPFoundation looks for it one `fread` a byte from the end (seconds on a
    /// large file that has none), and because its in-memory archive leaked when it was
    /// missing (found by the fuzzers).
    static func hasEndRecord(_ bytes: [UInt8]) -> Bool {
        guard let p = endRecord(bytes) else { return false }
        let comment = Int(bytes[p + 20]) | Int(bytes[p + 21]) << 8
        return p + 22 + comment <= bytes.count
    }

    /// Where the last end-of-central-directory signature (PK 05 06) starts, with room for
    /// the record's 22 bytes after it.
    static func endRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var p = bytes.count - 22
        while p >= 0 {
            if bytes[p] == 0x50, bytes[p + 1] == 0x4B, bytes[p + 2] == 0x05, bytes[p + 3] == 0x06 { return p }
            p -= 1
        }
        return nil
    }

    /// The first entry of the central directory that ZIPFoundation could not read to its
    /// end: a compression method other than stored (0) or deflate (8), in the directory or
    /// in the entry's own header, or packed bytes that run past the end of the file. Its
    /// inflater reads on from the file until the stream ends and never stops at the end
    /// of the file, so such an entry kept it reading for ever (found by the fuzzers).
    /// ZIP64 entries (sizes or offsets of 0xFFFFFFFF) are left to ZIPFoundation.
    static func unreadableEntry(_ bytes: [UInt8]) -> String? {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard let end = endRecord(bytes) else { return nil }
        var p = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard p + 46 <= bytes.count, u32(p) == 0x0201_4B50 else { return nil }
            let method = u16(p + 10), packed = u32(p + 20), nameLength = u16(p + 28)
            let offset = u32(p + 42)
            let name = p + 46 + nameLength <= bytes.count ? String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self) : "?"
            if packed != 0xFFFF_FFFF, offset != 0xFFFF_FFFF {
                guard method == 0 || method == 8, offset + 30 <= bytes.count, u32(offset) == 0x0403_4B50 else { return name }
                let localMethod = u16(offset + 8)
                let start = offset + 30 + u16(offset + 26) + u16(offset + 28)
                guard localMethod == 0 || localMethod == 8, start + packed <= bytes.count else { return name }
            }
            p += 46 + nameLength + u16(p + 30) + u16(p + 32)
        }
        return nil
    }

    /// Writes `bytes` to a new private file in the temporary directory.
    static func privateCopy(_ bytes: [UInt8], displayPath: String) throws(InputError) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(".tthc-office-\(getpid())-\(UUID().uuidString).zip")
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        var failure = fd < 0 ? errno : 0
        if fd >= 0 {
            var written = 0
            bytes.withUnsafeBytes { all in
                while written < all.count {
                    let r = write(fd, all.baseAddress! + written, all.count - written)
                    if r < 0 { if errno == EINTR { continue }; failure = errno; break }
                    written += r
                }
            }
            close(fd)
            if failure != 0 { unlink(url.path) }
        }
        guard failure == 0 else {
            let reason = String(cString: strerror(failure))
            throw InputError([refuse(displayPath, .fileUnreadable, LocalizedText(
                vi: "không tạo được bản sao tạm để giải nén tệp: \(reason)", en: "cannot make the temporary copy to unpack the file: \(reason)"))])
        }
        return url
    }

    /// The most room reserved ahead for a part's bytes (see ``read(_:)``).
    static let reservedAtMost = 4 << 20

    /// True when the container holds a part of this name (compared without case, as
    /// Office does).
    func has(_ name: String) -> Bool { entries[name.lowercased()] != nil || given[name.lowercased()] != nil }

    /// The unpacked bytes of a part, or nil when there is no such part.
    func read(_ name: String) throws(InputError) -> [UInt8]? {
        if let bytes = given[name.lowercased()] { return bytes }
        guard let archive, let entry = entries[name.lowercased()] else { return nil }
        var bytes: [UInt8] = []
        // The size the entry declares is the file's word, not a fact: room is reserved for
        // at most 4 MiB of it, so a header that claims the whole part limit for a part of a
        // few bytes (read again for each sheet that names it) costs no large allocation.
        bytes.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(min(limits.maximumPartSize, Self.reservedAtMost)))))
        var overrun: InputError?
        let packed = entry.compressedSize
        // A part read again was within the total the first time.
        let total: Int? = counted.contains(name.lowercased()) ? nil : unpacked
        let limits = limits
        let path = displayPath
        var checksum: CRC32 = 0
        do {
            checksum = try archive.extract(entry, bufferSize: 64 << 10) { chunk in
                bytes.append(contentsOf: chunk)
                do throws(InputError) {
                    try Self.check(path, name: name, size: UInt64(bytes.count), packed: packed, limits: limits)
                    if let total, total + bytes.count > limits.maximumTotalSize { throw InputError([Self.totalTooLarge(path, limits)]) }
                } catch {
                    overrun = error
                    throw CancellationError()
                }
            }
        } catch {
            if let overrun { throw overrun }
            let why = Self.reason(error)
            throw InputError([Self.damaged(displayPath, part: name, why)])
        }
        // The consumer form of `extract` computes the checksum but leaves the comparing to us.
        if checksum != entry.checksum {
            let why = Self.reason(Archive.ArchiveError.invalidCRC32)
            throw InputError([Self.damaged(displayPath, part: name, why)])
        }
        // A part read again (a sheet's merged ranges, then its rows) is not counted twice:
        // the total bounds what the file makes tthc unpack, not how often.
        if counted.insert(name.lowercased()).inserted { unpacked += bytes.count }
        return bytes
    }

    private func check(name: String, size: UInt64, packed: UInt64) throws(InputError) {
        try Self.check(displayPath, name: name, size: size, packed: packed, limits: limits)
    }

    private static func check(_ path: String, name: String, size: UInt64, packed: UInt64,
                              limits: ContainerLimits) throws(InputError) {
        if size > UInt64(limits.maximumPartSize) {
            throw InputError([refuse(path, .officePartTooLarge, LocalizedText(
                vi: "phần \"\(shown(name))\" giải nén ra hơn \(sizeText(limits.maximumPartSize)) (giới hạn của tthc; có thể là \"bom nén\")",
                en: "the part \"\(shown(name))\" unpacks to more than \(sizeText(limits.maximumPartSize)) (tthc's limit; possibly a zip bomb)"))])
        }
        if size > UInt64(limits.ratioFloor), size > UInt64(limits.maximumRatio) * max(packed, 1) {
            throw InputError([refuse(path, .officeCompressionRatio, LocalizedText(
                vi: "phần \"\(shown(name))\" nén hơn \(limits.maximumRatio) lần (\(packed) byte giải nén ra hơn \(size) byte): đặc trưng của \"bom nén\", tệp bị từ chối",
                en: "the part \"\(shown(name))\" is compressed more than \(limits.maximumRatio) times (\(packed) bytes unpack to more than \(size)): the mark of a zip bomb, the file is refused"))])
        }
    }

    /// A limit as messages give it: "128 MB", or bytes when it is no whole number of MB.
    private static func sizeText(_ n: Int) -> String { n % (1 << 20) == 0 ? "\(n >> 20) MB" : "\(n) byte" }

    /// Why a part name could reach outside the archive, or nil when it is safe.
    static func unsafeName(_ name: String) -> LocalizedText? {
        if name.isEmpty { return LocalizedText(vi: "tên rỗng", en: "an empty name") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\u{7F}" }) {
            return LocalizedText(vi: "có ký tự điều khiển", en: "it holds a control character")
        }
        if name.contains("\\") { return LocalizedText(vi: "có dấu \\", en: "it holds a backslash") }
        if name.hasPrefix("/") { return LocalizedText(vi: "đường dẫn tuyệt đối", en: "an absolute path") }
        let first = name.split(separator: "/").first.map(String.init) ?? ""
        if first.count == 2, first.hasSuffix(":") { return LocalizedText(vi: "có tên ổ đĩa", en: "it names a drive") }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return LocalizedText(vi: "có \"..\" trỏ ra ngoài tệp", en: "\"..\" points outside the file")
        }
        return nil
    }

    /// A name as messages show it: printable, at most 80 characters.
    static func shown(_ name: String) -> String {
        let printable = String(String.UnicodeScalarView(name.unicodeScalars.map { $0.value < 0x20 || $0 == "\u{7F}" ? "?" : $0 }))
        return printable.count > 80 ? String(printable.prefix(77)) + "…" : printable
    }

    static func refuse(_ path: String, _ id: DiagnosticID, _ message: LocalizedText) -> Diagnostic {
        Diagnostic(.error, id, at: SourceLocation(file: path), message)
    }

    static func damaged(_ path: String, reason: LocalizedText) -> Diagnostic {
        refuse(path, .officeDamaged, LocalizedText(
            vi: "tệp Office bị hỏng hoặc không đọc được (\(reason.vi)); hãy mở và lưu lại tệp bằng Word/Excel",
            en: "the Office file is damaged or unreadable (\(reason.en)); open it and save it again in Word/Excel"))
    }

    /// A part that cannot be unpacked: `damaged` with the part named.
    static func damaged(_ path: String, part: String, _ why: LocalizedText) -> Diagnostic {
        damaged(path, reason: LocalizedText(vi: "phần \(shown(part)): \(why.vi)", en: "part \(shown(part)): \(why.en)"))
    }

    /// ZIPFoundation's error, in words staff can act on.
    static func reason(_ error: any Error) -> LocalizedText {
        switch error as? Archive.ArchiveError {
        case .missingEndOfCentralDirectoryRecord?:
            return LocalizedText(vi: "thiếu phần cuối của gói ZIP: tệp bị cắt cụt?", en: "the end of the ZIP archive is missing: a truncated file?")
        case .invalidCRC32?:
            return LocalizedText(vi: "mã kiểm tra (CRC) của dữ liệu không khớp", en: "the data's checksum (CRC) does not match")
        case .invalidCompressionMethod?:
            return LocalizedText(vi: "phương pháp nén không được hỗ trợ", en: "an unsupported compression method")
        case .invalidCentralDirectoryOffset?, .invalidCentralDirectorySize?, .invalidCentralDirectoryEntryCount?,
             .invalidLocalHeaderDataOffset?, .invalidLocalHeaderSize?, .invalidEntrySize?:
            return LocalizedText(vi: "mục lục của gói ZIP sai", en: "the ZIP archive's directory is wrong")
        default:
            return LocalizedText(vi: "dữ liệu nén không giải nén được", en: "the compressed data cannot be unpacked")
        }
    }

    static func totalTooLarge(_ path: String, _ limits: ContainerLimits) -> Diagnostic {
        refuse(path, .officeTooLarge, LocalizedText(
            vi: "tệp giải nén ra hơn \(sizeText(limits.maximumTotalSize)) (giới hạn của tthc; có thể là \"bom nén\")",
            en: "the file unpacks to more than \(sizeText(limits.maximumTotalSize)) in all (tthc's limit; possibly a zip bomb)"))
    }
}
