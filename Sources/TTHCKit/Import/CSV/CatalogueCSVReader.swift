/// The columns of the province's catalogue (danh mục TTHC của tỉnh).
public enum CatalogueColumn: String, Hashable, Sendable, CaseIterable {
    case no, code, name, field, levels, agency, processingTime, fees, onlineService, status
    case provincialDecision, published, posted, ministryDecision, validUntil

    /// Header aliases; see docs/formats.md.
    public static let specs: [ColumnSpec<CatalogueColumn>] = [
        ColumnSpec(.no, ["STT", "Số TT", "Số thứ tự", "no"]),
        ColumnSpec(.code, ["Mã TTHC", "Mã số TTHC", "Mã số", "Số hồ sơ TTHC", "Mã thủ tục", "Mã thủ tục hành chính", "code"]),
        ColumnSpec(.name, ["Tên thủ tục hành chính", "Tên TTHC", "Tên thủ tục", "name"], required: true),
        ColumnSpec(.field, ["Lĩnh vực", "field"]),
        ColumnSpec(.levels, ["Cấp thực hiện", "levels"]),
        ColumnSpec(.agency, ["Cơ quan thực hiện", "agency"]),
        ColumnSpec(.processingTime, ["Thời hạn giải quyết", "processing time"]),
        ColumnSpec(.fees, ["Phí, lệ phí", "Phí", "Lệ phí", "fees"]),
        ColumnSpec(.onlineService, ["Mức độ DVC trực tuyến", "Dịch vụ công trực tuyến", "online service"]),
        ColumnSpec(.status, ["Tình trạng", "Trạng thái", "status"]),
        ColumnSpec(.provincialDecision, ["Số quyết định công bố", "Quyết định công bố", "provincial decision"]),
        ColumnSpec(.published, ["Ngày công bố", "published"]),
        ColumnSpec(.posted, ["Ngày công khai", "posted"]),
        ColumnSpec(.ministryDecision, ["Quyết định của Bộ", "QĐ công bố của Bộ", "ministry decision"]),
        ColumnSpec(.validUntil, ["Hiệu lực đến", "valid until"]),
    ]
}

/// Reads the province's catalogue from CSV. An empty code is allowed; a malformed code is
/// a warning (the reconciler reports it as a finding), not an error.
public enum CatalogueCSVReader {
    public static func read(_ file: InputFile) -> ReadResult<Catalogue> {
        read(CSVTableSource(file), file: file.displayPath)
    }

    /// Reads the catalogue from any grid (a CSV file, a sheet of a workbook) named `file`
    /// in diagnostics.
    public static func read(_ source: some TableSource, file: String) -> ReadResult<Catalogue> {
        var table = TableReader(specs: CatalogueColumn.specs, file: file)
        var diagnostics: [Diagnostic] = []
        var entries: [LocalEntry] = []
        var pool = StringPool()
        var sawRow = false
        let sourceDiagnostics = source.forEachRow { gridRow in
            sawRow = true
            let record = CSVRecord(cells: gridRow.cells.map { CSVCell(text: $0.text, line: $0.line, column: $0.column) }, line: gridRow.line)
            guard let row = table.feed(record) else { return }
            if let entry = entry(row, pool: &pool, into: &diagnostics) { entries.append(entry) }
        }
        if TableLimits.stops(sourceDiagnostics) { return ReadResult(value: nil, diagnostics: sourceDiagnostics) }
        table.finish(decoded: sawRow || !sourceDiagnostics.contains { $0.severity == .error })
        return ReadResult(value: Catalogue(entries: entries), diagnostics: sourceDiagnostics + table.diagnostics + diagnostics)
    }

    /// `pool` shares the storage of the texts a column repeats (a field, an agency, a
    /// decision number), which at national scale is a third of the catalogue's memory.
    static func entry(_ row: TableRow<CatalogueColumn>, pool: inout StringPool, into diagnostics: inout [Diagnostic]) -> LocalEntry? {
        var errors: [Diagnostic] = []
        var code: ProcedureCode?
        if let text = row.text(.code) {
            let parsed = ProcedureCode(text)
            code = parsed
            if !parsed.isWellFormed {
                diagnostics.append(Diagnostic(.warning, .localMalformedCode, at: row.location(.code), row.cellMessage(.code, LocalizedText(
                    vi: "mã TTHC không đúng dạng \"\(text)\" (cần dạng 1.010696, có thể kèm hậu tố); mục này sẽ không khớp được với quyết định của Bộ",
                    en: "malformed procedure code \"\(text)\" (expected 1.010696, optionally with a suffix); the entry cannot be matched to a ministry decision"))))
            }
        }
        let name = row.required(.name, into: &errors)
        var levels: [AdministrativeLevel] = []
        if let text = row.rawText(.levels) {
            do { levels = try Vocabulary.levels(text) } catch { errors.append(row.error(.cellLevel, .levels, error.message)) }
        }
        var online: OnlineServiceLevel?
        if let text = row.text(.onlineService) {
            do { online = try Vocabulary.onlineService(text) } catch {
                errors.append(row.error(.cellOnlineService, .onlineService, error.message))
            }
        }
        var status = EntryStatus.inForce
        if let text = row.text(.status) {
            do { status = try Vocabulary.status(text) } catch { errors.append(row.error(.cellStatus, .status, error.message)) }
        }
        let published = row.date(.published, into: &errors)
        let posted = row.date(.posted, into: &errors)
        let validUntil = row.date(.validUntil, into: &errors)


        diagnostics += errors
        guard errors.isEmpty, let name else { return nil }
        return LocalEntry(
            code: code,
            content: ProcedureContent(
                name: name, field: pool.text(row, .field), levels: levels, agency: pool.text(row, .agency),
                processingTime: pool.text(row, .processingTime), fees: pool.text(row, .fees), onlineService: online),
            status: status, provincialDecision: pool.text(row, .provincialDecision), publishedOn: published, postedOn: posted,
            ministryDecision: pool.text(row, .ministryDecision), validUntil: validUntil, location: row.recordLocation)
    }
}
