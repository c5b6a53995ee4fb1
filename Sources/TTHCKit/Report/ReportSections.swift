import Foundation

/// The items of a ``Reconciliation`` grouped into the report's sections, each sorted.
///
/// Every reporter shows the same sections in the same order, so the grouping and the
/// sort orders live here once:
///
/// - `urgent`: overdue (most working days past first), then pending with at most
///   `dueSoonWithin` working days left (fewest left first);
/// - `expired`: by the day they stopped being in force, then code;
/// - `notPublished`: the other pending changes (fewest days left first), then those whose
///   deadline cannot be computed;
/// - `late`: most working days late first;
/// - `undated`, `otherChanges` (on time, then not applicable): by decision, then code;
/// - `differences`: by code, then field in ``ComparedField`` order;
/// - `findings`: by kind, then catalogue location.
///
/// Remaining ties are broken by deadline, decision, code, name and location, so the order
/// never depends on the order the reconciler produced.
struct ReportSections: Sendable {
    /// Stable identifiers of the sections, used as CSV `section` values and HTML anchors.
    enum ID: String, Sendable, CaseIterable {
        case unread, summary, urgent, expired, notPublished = "not-published", late,
             undated = "published-undated", differences, findings, otherChanges = "other-changes",
             incomplete, onlineReview = "online-review", reportingDuties = "reporting-duties",
             unplaced, scorecard, calendar
    }

    var urgent: [ChangeRow]
    var expired: [ExpiredEntry]
    var notPublished: [ChangeRow]
    var late: [ChangeRow]
    var undated: [ChangeRow]
    var differences: [Difference]
    var findings: [Finding]
    var otherChanges: [ChangeRow]
    var months: [Scorecard.Month]
    var provisionalYears: [Int]
    var dueSoonCount: Int

    init(_ r: Reconciliation) {
        func isDueSoon(_ row: ChangeRow) -> Bool {
            if case .pending(let left) = row.status { return left <= r.dueSoonWithin }
            return false
        }
        let rows = r.changes
        // The sorts move indices, not rows, and compare each row's integer keys, computed
        // once, before any string.
        let order = RowOrder(rows: rows)
        urgent = order.sorted(rows.indices.filter { rows[$0].status.kind == .overdue || isDueSoon(rows[$0]) }) { row in
            // Overdue first, most days past first; then fewest days left first.
            switch row.status {
            case .overdue(let n): -n - 1_000_000
            case .pending(let n): n
            default: 0
            }
        }
        notPublished = order.sorted(rows.indices.filter {
            (rows[$0].status.kind == .pending && !isDueSoon(rows[$0])) || rows[$0].status.kind == .cannotCompute
        }) { row in
            if case .pending(let n) = row.status { return n }
            return Int.max
        }
        late = order.sorted(rows.indices.filter { rows[$0].status.kind == .late }) { -($0.status.workingDays ?? 0) }
        undated = order.sorted(rows.indices.filter { rows[$0].status.kind == .publishedUndated }, byDecision: true) { _ in 0 }
        otherChanges = order.sorted(rows.indices.filter { rows[$0].status.kind == .onTime || rows[$0].status.kind == .notApplicable },
                                    byDecision: true) { $0.status.kind == .onTime ? 0 : 1 }
        dueSoonCount = rows.filter(isDueSoon).count

        expired = r.expired.sorted { a, b in
            (a.since, a.code ?? "", a.name, a.location) < (b.since, b.code ?? "", b.name, b.location)
        }
        let fieldRank = { (f: ComparedField) in ComparedField.allCases.firstIndex(of: f)! }
        differences = r.differences.sorted { a, b in
            if a.code != b.code { return a.code < b.code }
            if a.field != b.field { return fieldRank(a.field) < fieldRank(b.field) }
            return (a.decision, a.location, a.local?.stable ?? "", a.ministry?.stable ?? "")
                < (b.decision, b.location, b.local?.stable ?? "", b.ministry?.stable ?? "")
        }
        findings = r.findings.sorted { a, b in
            if a.kind != b.kind { return a.kind < b.kind }
            if a.location != b.location { return a.location < b.location }
            return (a.code ?? "", a.name, a.message.en) < (b.code ?? "", b.name, b.message.en)
        }
        months = r.scorecard.months.sorted { $0.month < $1.month }
        provisionalYears = Array(Set(r.provisionalYears)).sorted()
    }

    /// The order of the change rows' sections: a section's own key, then (for the sections
    /// by decision) decision and code, then the tie-break: deadline (none last), decision,
    /// code, name, change type, location. The section's key and the deadline are computed
    /// once per row, and the sort moves indices, not rows.
    private struct RowOrder {
        let rows: [ChangeRow]

        /// The rows at `indices`, ordered by `key`, then (when `byDecision`) decision and
        /// code, then the tie-break.
        func sorted(_ indices: [Int], byDecision: Bool = false, _ key: (ChangeRow) -> Int) -> [ChangeRow] {
            let keys = indices.map { key(rows[$0]) }
            let deadlines = indices.map { rows[$0].deadline?.dayNumber ?? Int.max }
            let order = indices.indices.sorted { a, b in
                if keys[a] != keys[b] { return keys[a] < keys[b] }
                let ra = indices[a], rb = indices[b]
                if byDecision {
                    if rows[ra].decision != rows[rb].decision { return rows[ra].decision < rows[rb].decision }
                    if rows[ra].code != rows[rb].code { return rows[ra].code < rows[rb].code }
                }
                if deadlines[a] != deadlines[b] { return deadlines[a] < deadlines[b] }
                return ReportSections.tieBreakAfterDeadline(rows[ra], rows[rb])
            }
            return order.map { rows[indices[$0]] }
        }
    }

    /// The tie-break after the deadline: decision, code, name, change type, location.
    static func tieBreakAfterDeadline(_ a: ChangeRow, _ b: ChangeRow) -> Bool {
        if a.decision != b.decision { return a.decision < b.decision }
        if a.code != b.code { return a.code < b.code }
        if a.name != b.name { return a.name < b.name }
        if a.change != b.change { return a.change < b.change }
        return a.location < b.location
    }
}

/// Formatting shared by the reporters.
enum ReportFormatting {
    /// A share as a percentage with one decimal, rounded half up, computed in integers so
    /// the text never depends on floating-point printing: 6 of 7 → "85,7%" / "85.7%".
    static func percent(_ part: Int, of total: Int, separator: String) -> String {
        guard total > 0 else { return "–" }
        let tenths = (part * 2000 + total) / (2 * total)
        return tenthsPercent(tenths, separator: separator)
    }

    /// A ratio in 0…1 (a configured target) as a percentage with one decimal.
    static func percent(ratio: Double, separator: String) -> String {
        tenthsPercent(Int((ratio * 1000).rounded()), separator: separator)
    }

    private static func tenthsPercent(_ tenths: Int, separator: String) -> String {
        "\(tenths / 10)\(separator)\(tenths % 10)%"
    }

    /// `yyyy-mm` → `mm/yyyy`, the way the months of a Vietnamese report are written.
    static func month(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2 else { return text }
        return "\(parts[1])/\(parts[0])"
    }

    /// The same text in NFC with control characters (line breaks, tabs, escape) turned
    /// into spaces and runs of spaces collapsed: a cell of a text table, Markdown table or
    /// terminal must stay on its line and must not carry terminal escape sequences.
    static func singleLine(_ text: String) -> String {
        // Every cell of every report passes here, and most hold no control character:
        // they are found in the UTF-8 bytes, without a property lookup per scalar.
        guard hasControl(text) else { return TextNormalization.clean(text) }
        let controlsAsSpaces = text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }
        return TextNormalization.clean(String(String.UnicodeScalarView(controlsAsSpaces)))
    }

    /// Whether `text` holds a control character (general category Cc: U+0000–U+001F and
    /// U+007F–U+009F): in UTF-8 a byte below 0x20, 0x7F, or 0xC2 followed by 0x80–0x9F.
    static func hasControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { p in
            var previous: UInt8 = 0
            for b in p {
                if b < 0x20 || b == 0x7F || (previous == 0xC2 && b <= 0x9F) { return true }
                previous = b
            }
            return false
        }
    }
}
