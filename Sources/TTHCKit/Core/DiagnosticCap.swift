extension Array where Element == Diagnostic {
    /// The diagnostics with at most `perKind` of each id and severity, in their order, and
    /// for each kind past it one more at the file that counts the rest: a file of a
    /// hundred thousand unknown keys says so in twenty-one lines, not in a hundred thousand.
    func cappedPerKind(_ perKind: Int = 20, file: String) -> [Diagnostic] {
        var seen: [String: Int] = [:]
        var kept = filter { d in
            let key = d.severity.rawValue + " " + d.id.rawValue
            seen[key, default: 0] += 1
            return seen[key]! <= perKind
        }
        for d in self where seen[d.severity.rawValue + " " + d.id.rawValue, default: 0] > perKind {
            let key = d.severity.rawValue + " " + d.id.rawValue
            let more = seen[key]! - perKind
            seen[key] = 0
            kept.append(Diagnostic(d.severity, d.id, at: SourceLocation(file: file), d.severity == .error
                ? LocalizedText(vi: "… và \(more) lỗi cùng loại nữa trong tệp này", en: "… and \(more) more errors of this kind in this file")
                : LocalizedText(vi: "… và \(more) cảnh báo cùng loại nữa trong tệp này", en: "… and \(more) more warnings of this kind in this file")))
        }
        return kept
    }
}
