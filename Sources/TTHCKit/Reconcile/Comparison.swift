/// Vietnamese-aware comparison of procedure fields: what counts as "the same" when a
/// ministry's listing and the province's catalogue state a field.
enum Comparison {
    /// Free text: NFC, whitespace collapsed, case ignored; diacritics matter.
    static func text(_ s: String) -> String {
        TextNormalization.clean(s).lowercased()
    }

    /// Fees: as text, but digit grouping ("500.000" vs "500,000" vs "500 000") is ignored.
    static func fees(_ s: String) -> String {
        let t = Array(text(s).unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, u) in t.enumerated() {
            let isSeparator = u == "." || u == "," || u == " " || u == "\u{00A0}"
            if isSeparator, i > 0, i + 1 < t.count,
               t[i - 1].properties.numericType != nil, t[i + 1].properties.numericType != nil {
                continue
            }
            out.append(u)
        }
        return String(out)
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
