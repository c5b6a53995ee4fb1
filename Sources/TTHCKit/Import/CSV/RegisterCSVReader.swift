/// The columns of the decision register (sổ theo dõi văn bản đến).
public enum RegisterColumn: String, Hashable, Sendable, CaseIterable {
    case no, decision, issuer, issued, effective, nationalDatabase, received, incomingNumber, listingFile, scope, title

    /// Header aliases; see docs/formats.md.
    public static let specs: [ColumnSpec<RegisterColumn>] = [
        ColumnSpec(.no, ["STT", "Số TT", "no"]),
        ColumnSpec(.decision, ["Số quyết định", "Số QĐ", "decision"], required: true),
        ColumnSpec(.issuer, ["Cơ quan ban hành", "issuer"], required: true),
        ColumnSpec(.issued, ["Ngày ban hành", "issued"], required: true),
        ColumnSpec(.effective, ["Ngày hiệu lực", "Ngày có hiệu lực", "effective"], required: true),
        ColumnSpec(.nationalDatabase, ["Ngày cập nhật CSDLQG", "Ngày cập nhật CSDL quốc gia", "national database"]),
        ColumnSpec(.received, ["Ngày nhận", "Ngày đến", "received"]),
        ColumnSpec(.incomingNumber, ["Số đến", "incoming number"]),
        ColumnSpec(.listingFile, ["Tệp danh mục", "listing file"]),
        ColumnSpec(.scope, ["Phạm vi", "scope"]),
        ColumnSpec(.title, ["Trích yếu", "Trích yếu nội dung", "title"]),
    ]
}

/// Reads the decision register: one row per received decision, with the dates a CSV
/// listing cannot carry (received, national database) and the listing file it belongs to.
public enum RegisterCSVReader {
    public static func read(_ file: InputFile) -> ReadResult<[RegisterEntry]> {
        let all = readRows(file)
        return ReadResult(value: all.entries, diagnostics: all.diagnostics)
    }

    /// Every row read, the good ones as entries, and the listing files named by rows that
    /// have an error (so that a listing whose row has a bad date is not also reported as
    /// named by no row).
    public static func readRows(_ file: InputFile) -> (entries: [RegisterEntry], listingsOfBadRows: Set<String>, diagnostics: [Diagnostic]) {
        var table = TableReader(specs: RegisterColumn.specs, file: file.displayPath)
        var diagnostics: [Diagnostic] = []
        var entries: [RegisterEntry] = []
        var listingsOfBadRows: Set<String> = []
        let (info, csvDiagnostics) = CSVReader.forEachRecord(file) { record in
            guard let row = table.feed(record) else { return }
            if let entry = entry(row, into: &diagnostics) {
                entries.append(entry)
            } else if let listing = row.text(.listingFile) {
                listingsOfBadRows.insert(normalisedListingPath(listing))
            }
        }
        if TableLimits.stops(csvDiagnostics) { return ([], [], csvDiagnostics) }
        table.finish(fileInfo: info)
        return (entries, listingsOfBadRows, csvDiagnostics + table.diagnostics + diagnostics)
    }

    static func entry(_ row: TableRow<RegisterColumn>, into diagnostics: inout [Diagnostic]) -> RegisterEntry? {
        var errors: [Diagnostic] = []
        let number = row.required(.decision, into: &errors)
        let issuer = row.required(.issuer, into: &errors)
        let issued = row.date(.issued, into: &errors)
        if issued == nil, row.text(.issued) == nil { _ = row.required(.issued, into: &errors) }
        let effective = row.date(.effective, into: &errors)
        if effective == nil, row.text(.effective) == nil { _ = row.required(.effective, into: &errors) }
        let nationalDatabase = row.date(.nationalDatabase, into: &errors)
        let received = row.date(.received, into: &errors)
        var fullSnapshot = false
        if let scope = row.text(.scope) {
            switch TextNormalization.fold(scope) {
            case "day du", "full snapshot", "full": fullSnapshot = true
            case "thay doi", "changes": fullSnapshot = false
            default:
                errors.append(row.error(.cellScope, .scope, LocalizedText(
                    vi: "phạm vi không hợp lệ \"\(scope)\"; chấp nhận: đầy đủ (full-snapshot), thay đổi (changes), hoặc để trống",
                    en: "unknown scope \"\(scope)\"; accepted: full-snapshot (đầy đủ), changes (thay đổi), or empty")))
            }
        }
        diagnostics += errors
        guard errors.isEmpty, let number, let issuer, let issued, let effective else { return nil }
        return RegisterEntry(
            decisionNumber: number, issuer: issuer, issued: issued, effective: effective,
            nationalDatabase: nationalDatabase, received: received, incomingNumber: row.text(.incomingNumber),
            listingFile: row.text(.listingFile).map(normalisedListingPath), isFullSnapshot: fullSnapshot,
            title: row.text(.title), location: row.recordLocation)
    }

    /// `decisions\x.csv` and `./decisions/x.csv` name `decisions/x.csv`.
    static func normalisedListingPath(_ path: String) -> String {
        var p = path.replacingOccurrences(of: "\\", with: "/")
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }
}
