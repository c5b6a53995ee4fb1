import Foundation

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
/// The archive is read by ``ZIPArchiveReader`` (zlib's inflate, bounded by each part's
/// packed bytes); every failure comes out as a ``Diagnostic`` naming the file, in both
/// languages.
final class OfficeContainer {
    let displayPath: String
    let limits: ContainerLimits
    private let archive: ZIPArchiveReader?
    private var entries: [String: ZIPArchiveReader.Entry] = [:]
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
            throw InputError([Self.damaged(file.displayPath, reason: ZIPArchiveReader.noEnd)])
        }
        let archive: ZIPArchiveReader
        do {
            archive = try ZIPArchiveReader(file.bytes, limit: limits.maximumEntries)
        } catch {
            throw InputError([Self.damaged(file.displayPath, error)])
        }
        self.archive = archive
        if archive.entries.count > limits.maximumEntries {
            throw InputError([Self.refuse(file.displayPath, .officeTooManyParts, LocalizedText(
                vi: "tệp chứa hơn \(limits.maximumEntries) phần: không phải tệp Office bình thường (có thể là tệp độc hại)",
                en: "the file holds more than \(limits.maximumEntries) parts: not an ordinary Office file (possibly hostile)"))])
        }
        var declaredTotal: UInt64 = 0
        for entry in archive.entries {
            guard let name = entry.name else {
                let shown = Self.shown(entry.shownName)
                throw InputError([Self.refuse(file.displayPath, .officeUnsafeName, LocalizedText(
                    vi: "tên phần \"\(shown)\" trong tệp không an toàn (không phải văn bản UTF-8); tệp bị từ chối",
                    en: "the part name \"\(shown)\" is unsafe (it is not UTF-8 text); the file is refused"))])
            }
            if let why = Self.unsafeName(name) {
                throw InputError([Self.refuse(file.displayPath, .officeUnsafeName, LocalizedText(
                    vi: "tên phần \"\(Self.shown(name))\" trong tệp không an toàn (\(why.vi)); tệp bị từ chối",
                    en: "the part name \"\(Self.shown(name))\" is unsafe (\(why.en)); the file is refused"))])
            }
            if entry.kind == .symlink {
                throw InputError([Self.refuse(file.displayPath, .officeUnsafeName, LocalizedText(
                    vi: "phần \"\(Self.shown(name))\" là liên kết tượng trưng (symlink); tệp bị từ chối",
                    en: "the part \"\(Self.shown(name))\" is a symbolic link; the file is refused"))])
            }
            guard entry.kind == .file else { continue }
            let key = name.lowercased()
            if entries[key] != nil {
                throw InputError([Self.refuse(file.displayPath, .officeUnsafeName, LocalizedText(
                    vi: "tệp có hai phần cùng tên \"\(Self.shown(name))\"; tệp bị từ chối",
                    en: "the file holds two parts named \"\(Self.shown(name))\"; the file is refused"))])
            }
            // Every part is checked when the file is opened, read or not: a method tthc
            // does not read, an encrypted part, packed bytes outside the file.
            do { _ = try archive.dataRange(entry) } catch { throw InputError([Self.damaged(file.displayPath, error)]) }
            try check(name: name, size: entry.size, packed: entry.packedSize)
            declaredTotal += entry.size
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

    /// Whether the archive has its end record: the last "PK\u{5}\u{6}" that leaves room
    /// for the 22-byte record, with its comment inside the file.
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

    /// The most room reserved ahead for a part's bytes (see ``read(_:)``).
    static let reservedAtMost = 4 << 20

    /// True when the container holds a part of this name (compared without case, as
    /// Office does).
    func has(_ name: String) -> Bool { entries[name.lowercased()] != nil || given[name.lowercased()] != nil }

    /// The unpacked bytes of a part, or nil when there is no such part.
    func read(_ name: String) throws(InputError) -> [UInt8]? {
        if let bytes = given[name.lowercased()] { return bytes }
        guard let archive, let entry = entries[name.lowercased()] else { return nil }
        // The size the entry declares is the file's word, not a fact: room is reserved for
        // at most 4 MiB of it, so a header that claims the whole part limit for a part of a
        // few bytes (read again for each sheet that names it) costs no large allocation.
        let reserve = Int(min(entry.size, UInt64(min(limits.maximumPartSize, Self.reservedAtMost))))
        // A part read again was within the total the first time.
        let total: Int? = counted.contains(name.lowercased()) ? nil : unpacked
        let limits = limits
        let path = displayPath
        let packed = entry.packedSize
        let bytes: [UInt8]
        do {
            bytes = try archive.unpack(entry, reserve: reserve) { count throws(InputError) in
                try Self.check(path, name: name, size: UInt64(count), packed: packed, limits: limits)
                if let total, total + count > limits.maximumTotalSize { throw InputError([Self.totalTooLarge(path, limits)]) }
            }
        } catch {
            switch error {
            case .refused(let refusal): throw refusal
            case .damaged(let damage): throw InputError([Self.damaged(displayPath, damage)])
            }
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

    /// The reader's account of a damaged archive or part.
    static func damaged(_ path: String, _ damage: ZIPArchiveReader.Damage) -> Diagnostic {
        if let part = damage.part { return damaged(path, part: part, damage.reason) }
        return damaged(path, reason: damage.reason)
    }

    static func totalTooLarge(_ path: String, _ limits: ContainerLimits) -> Diagnostic {
        refuse(path, .officeTooLarge, LocalizedText(
            vi: "tệp giải nén ra hơn \(sizeText(limits.maximumTotalSize)) (giới hạn của tthc; có thể là \"bom nén\")",
            en: "the file unpacks to more than \(sizeText(limits.maximumTotalSize)) in all (tthc's limit; possibly a zip bomb)"))
    }
}
