/// The columns of the province's catalogue (danh mục TTHC của tỉnh).
public enum CatalogueColumn: String, Hashable, Sendable, CaseIterable {
    case no, code, name, field, levels, agency, processingTime, fees, onlineService, status
    case provincialDecision, published, posted, ministryDecision, validUntil
    // The constituent parts beyond the list's own columns (Decree 63/2010 Art. 8 as
    // amended by Decree 92/2017), with the national database's headers as aliases.
    case legalBasis, steps, method, dossier, applicants, result, requirements, forms

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
        ColumnSpec(.legalBasis, ["Căn cứ pháp lý", "Căn cứ pháp lý của TTHC", "legal basis"]),
        ColumnSpec(.steps, ["Trình tự thực hiện", "steps"]),
        ColumnSpec(.method, ["Cách thức thực hiện", "method"]),
        ColumnSpec(.dossier, ["Thành phần, số lượng hồ sơ", "Thành phần hồ sơ", "Hồ sơ", "dossier"]),
        ColumnSpec(.applicants, ["Đối tượng thực hiện", "Đối tượng thực hiện TTHC", "applicants"]),
        ColumnSpec(.result, ["Kết quả thực hiện", "Kết quả thực hiện TTHC", "result"]),
        ColumnSpec(.requirements, ["Yêu cầu, điều kiện", "Yêu cầu, điều kiện thực hiện", "requirements"]),
        ColumnSpec(.forms, ["Mẫu đơn, mẫu tờ khai", "Tên mẫu đơn, mẫu tờ khai", "forms"]),
    ]

    /// The columns of the free-text parts (``ProcedurePart/detailParts``), with their part.
    static let detailColumns: [(column: CatalogueColumn, part: ProcedurePart)] =
        allCases.compactMap { c in c.part.flatMap { ProcedurePart.detailParts.contains($0) ? (c, $0) : nil } }

    /// The constituent part a column holds, if it holds one.
    public var part: ProcedurePart? {
        switch self {
        case .processingTime: .processingTime
        case .fees: .fees
        case .agency: .agency
        case .onlineService: .onlineService
        case .legalBasis: .legalBasis
        case .steps: .steps
        case .method: .method
        case .dossier: .dossier
        case .applicants: .applicants
        case .result: .result
        case .requirements: .requirements
        case .forms: .forms
        default: nil
        }
    }
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
        // The parts this file's header holds, built once: every entry shares the array.
        var held: (line: Int, parts: [ProcedurePart])?
        let sourceDiagnostics = source.forEachRecord { record in
            sawRow = true
            guard let row = table.feed(record) else { return }
            if held?.line != row.header.line {
                held = (row.header.line, CatalogueColumn.allCases.compactMap { row.header.contains($0) ? $0.part : nil }.sorted())
            }
            if var entry = entry(row, pool: &pool, into: &diagnostics) {
                entry.heldParts = held!.parts
                entries.append(entry)
            }
        }
        if TableLimits.stops(sourceDiagnostics) { return ReadResult(value: nil, diagnostics: sourceDiagnostics) }
        // Rows read before the file's first bad byte count for nothing, as when the
        // whole file is checked before its first row.
        if CSVReader.undecodable(sourceDiagnostics) { return ReadResult(value: Catalogue(entries: []), diagnostics: sourceDiagnostics) }
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
            ministryDecision: pool.text(row, .ministryDecision), validUntil: validUntil, location: row.recordLocation,
            details: details(row, pool: &pool))
    }

    /// The free-text parts the row gives (legal basis, steps, dossier…).
    static func details(_ row: TableRow<CatalogueColumn>, pool: inout StringPool) -> [ProcedurePart: String] {
        var out: [ProcedurePart: String] = [:]
        for (column, part) in CatalogueColumn.detailColumns {
            if let text = pool.text(row, column) { out[part] = text }
        }
        return out
    }
}
