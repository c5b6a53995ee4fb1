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

    /// The same listing as an Excel workbook (a path ending in `.xlsx`): one sheet, the
    /// header row frozen with an autofilter, codes and locations as text cells, the row
    /// numbers as numbers, the reason column left empty and wide for the departments.
    public func workbook(_ r: Reconciliation, language: Language) -> [UInt8] {
        let s = ReportStrings.for(language)
        let rows = records(r, language: language)
        var sheet = Workbook.Sheet(name: Workbook.sheetName(s.onlineReviewTitle))
        for (i, record) in rows.enumerated() {
            sheet.rows.append(record.enumerated().map { c, text -> Workbook.Cell? in
                if i == 0 { return Workbook.Cell(.text(text), .header) }
                if text.isEmpty { return c == Self.reasonColumn ? Workbook.Cell(.text(""), .wrapped) : nil }
                if c == 0, let n = Int(text) { return Workbook.Cell(.number(n), .number) }
                return Workbook.Cell(.text(text), i == rows.count - 1 ? .note : .wrapped)
            })
        }
        sheet.table = (header: 0, last: rows.count - 2, columns: rows[0].count)
        sheet.widths = [6, 12, 48, 14, 14, 16, 10, 14, 28, 40, 36]
        var book = Workbook(title: s.onlineReviewTitle)
        book.sheets = [sheet]
        return book.archive()
    }

    /// Where the department writes its reason.
    static let reasonColumn = 9

    /// The listing's rows as text, header first and the share last: what the CSV encodes,
    /// and what a workbook of the same listing would write cell by cell.
    public func records(_ r: Reconciliation, language: Language) -> [[String]] {
        let s = ReportStrings.for(language)
        var records: [[String]] = [[
            s.rowNumberColumn, s.codeColumn, s.nameColumn, s.currentLevelColumn, s.ministryLevelColumn,
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
