/// Vietnamese-aware comparison of procedure fields: what counts as "the same" when a
/// ministry's listing and the province's catalogue state a field.
enum Comparison {
    /// Free text: NFC, whitespace collapsed, case ignored; diacritics matter.
    static func text(_ s: String) -> String {
        TextNormalization.clean(s).lowercased()
    }

    /// Fees: as text, but digit grouping ("500.000" vs "500,000" vs "500 000") is ignored:
    /// a separator (full stop, comma, space, no-break space) between two numeric scalars
    /// is dropped. Read over a sliding window of three scalars into UTF-8 bytes, and the
    /// text returned as it is when nothing is dropped: appending to a scalar view for
    /// every fee cell compared was a fiftieth of a national `reconcile`.
    static func fees(_ s: String) -> String {
        let t = text(s)
        @inline(__always) func isSeparator(_ u: Unicode.Scalar) -> Bool {
            u == "." || u == "," || u == " " || u == "\u{00A0}"
        }
        @inline(__always) func isNumeric(_ u: Unicode.Scalar) -> Bool {
            // Among ASCII scalars only the digits have a numeric type.
            u.isASCII ? (0x30...0x39).contains(u.value) : u.properties.numericType != nil
        }
        // Each scalar is kept or dropped once the next one is seen; kept ones are copied
        // as UTF-8 bytes.
        var out: [UInt8] = []
        out.reserveCapacity(t.utf8.count)
        var dropped = false
        var previous: Unicode.Scalar?, current: Unicode.Scalar?
        for next in t.unicodeScalars {
            if let u = current {
                if let p = previous, isSeparator(u), isNumeric(p), isNumeric(next) {
                    dropped = true
                } else {
                    UTF8.encode(u) { out.append($0) }
                }
            }
            previous = current
            current = next
        }
        guard dropped else { return t }
        if let u = current { UTF8.encode(u) { out.append($0) } }
        return String(decoding: out, as: UTF8.self)
    }

    /// A processing time parsed into a value and a unit: "15 ngày làm việc" is
    /// (15, working days) and differs from "15 ngày" (15, calendar days).
    struct Duration: Equatable {
        enum Unit: String { case workingDays, days, months, years, hours }
        var value: String
        var unit: Unit
    }

    static func duration(_ s: String) -> Duration? {
        let words = TextNormalization.fold(s).split(separator: " ").map(String.init)
        guard let i = words.firstIndex(where: { $0.first?.isNumber == true }) else { return nil }
        // "1,5 ngày" folds to "1 5 ngay": join digit groups split by a decimal comma.
        var value = words[i]
        var j = i + 1
        while j < words.count, words[j].allSatisfy(\.isNumber) {
            value += "." + words[j]
            j += 1
        }
        let rest = words[j...]
        guard let first = rest.first else { return nil }
        let unit: Duration.Unit
        switch first {
        case "ngay":
            unit = rest.dropFirst().starts(with: ["lam", "viec"]) ? .workingDays : .days
        case "thang": unit = .months
        case "nam": unit = .years
        case "gio": unit = .hours
        default: return nil
        }
        return Duration(value: value, unit: unit)
    }

    static func sameProcessingTime(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if let x = duration(a), let y = duration(b) { return x == y }
        return text(a) == text(b)
    }

    /// Free text compared with ``text(_:)``; identical strings (the usual case) need no work.
    static func sameText(_ a: String?, _ b: String) -> Bool {
        guard let a else { return false }
        return a == b || text(a) == text(b)
    }

    /// Fees compared with ``fees(_:)``.
    static func sameFees(_ a: String?, _ b: String) -> Bool {
        guard let a else { return false }
        return a == b || fees(a) == fees(b)
    }

    /// Decision numbers: "2345/QĐ-BKHCN" and "2345/QD-BKHCN" are the same decision.
    static func decisionKey(_ s: String) -> String {
        TextNormalization.fold(s)
    }
}
