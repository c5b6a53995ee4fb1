/// A procedure code (mã TTHC) as written in a listing or catalogue.
///
/// National codes look like `1.010696` or `2.000674` (a level digit, a dot, six digits).
/// Local systems append an agency suffix (`1.004227.000.00.00.H56`). Matching uses the
/// national part; ``raw`` keeps the full text for display.
public struct ProcedureCode: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The code as written (trimmed).
    public let raw: String
    /// `d.dddddd`, or `nil` when the text does not start with a well-formed national code.
    public let national: String?
    /// For a procedure written without a code: its folded name, which stands in for the
    /// code as the key (see ``uncoded(name:)``).
    private let nameKey: String?

    public init(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        raw = trimmed
        national = ProcedureCode.nationalPart(of: trimmed)
        nameKey = nil
    }

    private init(uncodedName name: String) {
        raw = ""
        national = nil
        nameKey = "~" + TextNormalization.fold(name)
    }

    /// A procedure its document gives no code ("chưa có mã"): new procedures often have
    /// none until the ministry enters them in the national database. Its ``raw`` text is
    /// empty and its ``key`` is its folded name (never a code's shape), so it is matched to
    /// the catalogue by name and never collides with another procedure's code.
    public static func uncoded(name: String) -> ProcedureCode { ProcedureCode(uncodedName: name) }

    public var isWellFormed: Bool { national != nil }

    /// True for a procedure written without a code.
    public var isUncoded: Bool { nameKey != nil }

    /// The code as reports print it: the code as written, or "chưa có mã" / "no code yet".
    public var label: LocalizedText {
        isUncoded ? LocalizedText(vi: "chưa có mã", en: "no code yet") : LocalizedText(vi: raw, en: raw)
    }

    /// The code as written, nil for a procedure without a code.
    public var written: String? { isUncoded ? nil : raw }

    /// The key records are joined on: the national part, else the raw text (the folded
    /// name for a procedure without a code).
    public var key: String { national ?? nameKey ?? raw }

    public var description: String { raw }

    public static func < (a: ProcedureCode, b: ProcedureCode) -> Bool {
        (a.key, a.raw) < (b.key, b.raw)
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the code as written; a procedure without a code encodes as an empty string.

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(raw)
    }

    /// `d.dddddd` followed by nothing or by `.` and a suffix of letters, digits and dots.
    /// Read on the string's own bytes: a copy of them into an array was an allocation
    /// for every code of every listing and catalogue.
    static func nationalPart(of s: String) -> String? {
        var s = s
        s.makeContiguousUTF8() // nothing to do for a native string
        let whole = s.utf8.withContiguousStorageIfAvailable { b -> Bool? in
            func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
            guard b.count >= 8, isDigit(b[0]), b[1] == UInt8(ascii: "."),
                  b[2..<8].allSatisfy(isDigit) else { return nil }
            if b.count == 8 { return true }
            guard b[8] == UInt8(ascii: "."), b.count > 9 else { return nil }
            let suffixOK = b[9...].allSatisfy { c in
                isDigit(c) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: ".")
            }
            guard suffixOK, b.last != UInt8(ascii: ".") else { return nil }
            return false
        } ?? nil
        guard let whole else { return nil }
        // The national part of a code with a suffix: eight ASCII bytes, stored in the string.
        return whole ? s : String(s.utf8.prefix(8))!
    }
}
