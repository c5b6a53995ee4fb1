/// The online-service review as a CSV listing the departments fill in (danh sách rà soát
/// mức độ dịch vụ công trực tuyến): every in-force procedure with the level the province
/// lists, the level the ministry's latest decision gives, the proposal (raise, with the
/// level proposed, or keep) and its ground, and an empty reason column for the desk.
/// Candidates come first, then the levels kept, each in catalogue order; the last row
/// gives the share of procedures with online service against `online-service-target`.
///
/// The same CSV conventions as ``CSVReport``: UTF-8 with a byte-order mark, CRLF line
/// ends, RFC 4180 quoting, formula-looking fields prefixed with `'`. The `proposal` column
/// holds the stable ids `raise` / `keep`; the words are in the next columns.
public struct OnlineReviewListing: Sendable {
    public init() {}

    public func render(_ r: Reconciliation, language: Language) -> [UInt8] {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        for record in records(r, language: language) {
            bytes += Array(record.map(CSVField.encoded).joined(separator: ",").utf8)
            bytes += [0x0D, 0x0A]
        }
        return bytes
    }

    /// The listing's rows as text, header first and the share last: what the CSV encodes,
    /// and what a workbook of the same listing would write cell by cell.
    public func records(_ r: Reconciliation, language: Language) -> [[String]] {
        let s = ReportStrings.for(language)
        var records: [[String]] = [[
            language == .vi ? "STT" : "No", s.codeColumn, s.nameColumn, s.currentLevelColumn, s.ministryLevelColumn,
            s.decisionColumn, s.proposalColumn, s.levelColumn, s.groundColumn, s.deskReasonColumn, s.locationColumn,
        ]]
        let items = ReportDocument.reviewOrder(r.onlineReview)
        for (i, item) in items.enumerated() {
            records.append([
                String(i + 1), item.code ?? "", item.name, item.current?.label[language] ?? "", item.ministry?.label[language] ?? "",
                item.ministryDecision ?? "", item.proposal.rawValue, item.proposed?.label[language] ?? "",
                item.proposal == .raise ? s.ground(item.ground) : "", "", item.location.compilerStyle,
            ])
        }
        let share = ReportDocument.onlineShareLines(r.scorecard, s).joined(separator: " ")
        var total = [String](repeating: "", count: records[0].count)
        total[0] = s.totalRow
        total[2] = share
        records.append(total)
        return records
    }
}
