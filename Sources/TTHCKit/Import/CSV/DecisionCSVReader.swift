/// The columns of a decision listing's annex table (phụ lục danh mục TTHC).
public enum ListingColumn: String, Hashable, Sendable, CaseIterable {
    case no, code, name, field, agency, levels, processingTime, fees, onlineService, legalBasis, replaces, change

    /// Header aliases; see docs/formats.md.
    public static let specs: [ColumnSpec<ListingColumn>] = [
        ColumnSpec(.no, ["STT", "Số TT", "Số thứ tự", "no"]),
        ColumnSpec(.code, ["Mã TTHC", "Mã số TTHC", "Mã số", "Số hồ sơ TTHC", "Mã thủ tục", "Mã thủ tục hành chính", "code"], required: true),
        ColumnSpec(.name, ["Tên thủ tục hành chính", "Tên TTHC", "Tên thủ tục", "name"], required: true),
        ColumnSpec(.field, ["Lĩnh vực", "field"]),
        ColumnSpec(.agency, ["Cơ quan thực hiện", "agency"]),
        ColumnSpec(.levels, ["Cấp thực hiện", "levels"]),
        ColumnSpec(.processingTime, ["Thời hạn giải quyết", "processing time"]),
        ColumnSpec(.fees, ["Phí, lệ phí", "Phí", "Lệ phí", "fees"]),
        ColumnSpec(.onlineService, ["Mức độ DVC trực tuyến", "Dịch vụ công trực tuyến", "online service"]),
        ColumnSpec(.legalBasis, ["Tên VBQPPL quy định nội dung sửa đổi, bổ sung, thay thế", "Căn cứ pháp lý", "legal basis"],
                   prefixes: ["Tên VBQPPL quy định", "Căn cứ pháp lý"]),
        ColumnSpec(.replaces, ["Mã TTHC được thay thế", "Thay thế cho", "replaces"]),
        ColumnSpec(.change, ["Loại thay đổi", "change"]),
    ]
}

/// Reads a decision listing written as CSV: the annex table staff copy out of the
/// decision's Word or Excel file.
///
/// Title rows above the header are skipped. Below it, section rows carry meaning:
/// "1. Danh mục thủ tục hành chính mới ban hành" sets the change type, "A. Thủ tục hành
/// chính cấp tỉnh" the level, "I. Lĩnh vực Sở hữu trí tuệ" the field, for the rows that
/// follow (a non-empty cell of the row's own column wins). A row of column numbers
/// ("(1)", "(2)", …) under the header and repeated header rows are skipped.
///
/// The listing carries no decision-level data: number, issuer and dates come from the
/// register row that names the file (see ``CatalogueDirectory``).
public enum DecisionCSVReader {
    /// Reads the procedures the listing announces. `effectiveDate` (the decision's
    /// effective date, from the register) enables the warning for district-level entries in
    /// a decision effective on or after 1 July 2025 (as the XML reader does).
    public static func read(_ file: InputFile, effectiveDate: CivilDate? = nil) -> ReadResult<[ProcedureChange]> {
        var state = ListingState(file: file.displayPath, effectiveDate: effectiveDate)
        let (info, csvDiagnostics) = CSVReader.forEachRecord(file) { record in
            state.consume(record)
        }
        state.table.finish(fileInfo: info)
        var diagnostics = csvDiagnostics + state.table.diagnostics + state.diagnostics
        if let header = state.table.header, state.table.usable, state.changes.isEmpty,
           !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(Diagnostic(.warning, "listing.empty", at: SourceLocation(file: file.displayPath, line: header.line, column: 1), LocalizedText(
                vi: "danh mục không có thủ tục nào dưới dòng tiêu đề",
                en: "the listing has no procedures below its header row")))
        }
        return ReadResult(value: state.changes, diagnostics: diagnostics)
    }
}

/// Where section rows have got to while reading a listing.
private struct ListingState {
    let file: String
    let effectiveDate: CivilDate?
    var table: TableReader<ListingColumn>
    var diagnostics: [Diagnostic] = []
    var changes: [ProcedureChange] = []

    var change: ChangeType?
    var levels: [AdministrativeLevel] = []
    var levelsSource: SourceLocation?
    var field: String?

    /// Parsed vocabulary cells by their text: listings repeat the same few words.
    var levelsCache: [String: Result<[AdministrativeLevel], Vocabulary.UnknownWord>] = [:]
    var onlineCache: [String: Result<OnlineServiceLevel?, Vocabulary.UnknownWord>] = [:]

    init(file: String, effectiveDate: CivilDate?) {
        self.file = file
        self.effectiveDate = effectiveDate
        table = TableReader(specs: ListingColumn.specs, file: file)
    }

    mutating func consume(_ record: CSVRecord) {
        guard let row = table.feed(record) else { return }
        if isColumnNumberRow(record) { return }
        if row.cell(.code)?.isBlank ?? true {
            section(row)
            return
        }
        if !ProcedureCode(row.cell(.code)!.text).isWellFormed {
            // The header repeated on each printed page comes along when staff copy the table.
            if HeaderMatcher.recognisedCount(record, ListingColumn.specs) >= 2 { return }
            // "B;Thủ tục hành chính cấp trung ương": a heading whose text landed in the code column.
            if hasHeadingNumber(row), section(row, onlyIfUnderstood: true) { return }
        }
        procedure(row)
    }

    /// "(1) (2) (3) …" or "1 2 3 …": the column numbering some annexes put under the header.
    func isColumnNumberRow(_ record: CSVRecord) -> Bool {
        var numbered = 0
        for cell in record.cells where !cell.isBlank {
            var digits = 0
            for b in cell.text.utf8 {
                switch b {
                case 0x30...0x39: digits += 1
                case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: " "): continue
                default: return false
                }
            }
            guard digits > 0 else { return false }
            numbered += 1
        }
        return numbered >= 3
    }

    // MARK: Section rows

    /// True when the STT cell holds a heading enumerator ("A", "II") rather than a number.
    func hasHeadingNumber(_ row: TableRow<ListingColumn>) -> Bool {
        let stt = row.cell(.no).map { TextNormalization.fold($0.text) } ?? ""
        return !stt.isEmpty && !stt.allSatisfy(\.isNumber)
    }

    /// Applies a section row. With `onlyIfUnderstood`, does nothing and returns false when
    /// the heading names no change type, level or field.
    @discardableResult
    mutating func section(_ row: TableRow<ListingColumn>, onlyIfUnderstood: Bool = false) -> Bool {
        let cells = row.record.cells.filter { !$0.isBlank }
        let heading = cells.map { TextNormalization.clean($0.text) }.joined(separator: " ")
        let location = SourceLocation(file: file, line: row.record.line, column: cells.first?.column ?? 1)
        let (enumerator, rest) = Self.splitEnumerator(heading)
        let folded = " " + TextNormalization.fold(rest) + " "

        if Self.foldedHasPrefix(rest, "linh vuc") {
            field = Self.dropWords(rest, count: 2)
            return true
        }
        let headingChange = Self.change(inFolded: folded)
        let headingLevels = Self.levels(inFolded: folded)
        if let headingChange {
            change = headingChange
            levels = []
            levelsSource = nil
            field = nil
        }
        if !headingLevels.isEmpty {
            levels = headingLevels
            levelsSource = location
            field = nil
        }
        if headingChange != nil || !headingLevels.isEmpty { return true }

        if let enumerator, Self.isRomanNumeral(enumerator), !rest.isEmpty {
            field = rest
            return true
        }
        if onlyIfUnderstood { return false }
        if cells.count == 1 || hasHeadingNumber(row) {
            diagnostics.append(Diagnostic(.warning, "listing.unknown-section", at: location, LocalizedText(
                vi: "không hiểu dòng tiêu đề mục \"\(heading)\" (cần loại thay đổi, cấp thực hiện hoặc \"Lĩnh vực …\"); dòng này bị bỏ qua",
                en: "section row \"\(heading)\" not understood (expected a change type, a level or \"Lĩnh vực …\"); the row is ignored")))
            return true
        }
        diagnostics.append(row.error("cell.required", .code, LocalizedText(
            vi: "thiếu mã TTHC", en: "the procedure code is missing")))
        return true
    }

    /// The change type a section heading names, by keywords.
    static func change(inFolded s: String) -> ChangeType? {
        if s.contains(" bai bo ") { return .abolished }
        if s.contains(" thay the ") { return .replaced }
        if s.contains(" sua doi ") || s.contains(" bo sung ") { return .amended }
        if s.contains(" moi ban hanh ") || s.contains(" ban hanh moi ") { return .new }
        for (word, type) in [(" new ", ChangeType.new), (" amended ", .amended), (" replaced ", .replaced), (" abolished ", .abolished)]
        where s.contains(word) { return type }
        return nil
    }

    /// The levels a section heading names ("Thủ tục hành chính cấp tỉnh").
    static func levels(inFolded s: String) -> [AdministrativeLevel] {
        var result: [AdministrativeLevel] = []
        if s.contains(" trung uong ") || s.contains(" central level ") { result.append(.central) }
        if s.contains(" cap tinh ") || s.contains(" province level ") || s.contains(" provincial level ") { result.append(.province) }
        if s.contains(" cap huyen ") || s.contains(" district level ") { result.append(.district) }
        if s.contains(" cap xa ") || s.contains(" commune level ") { result.append(.commune) }
        return result
    }

    /// "I. Lĩnh vực X" → ("I", "Lĩnh vực X"); "1) A" → ("1", "A"). The enumerator is at most
    /// eight letters or digits followed by `.` or `)`.
    static func splitEnumerator(_ heading: String) -> (String?, String) {
        let scalars = Array(heading.unicodeScalars)
        var i = 0
        while i < scalars.count, i < 9, scalars[i].properties.isAlphabetic || scalars[i].properties.numericType != nil { i += 1 }
        guard i > 0, i <= 8, i < scalars.count, scalars[i] == "." || scalars[i] == ")" else { return (nil, heading) }
        let enumerator = String(String.UnicodeScalarView(scalars[0..<i]))
        let rest = TextNormalization.clean(String(String.UnicodeScalarView(scalars[(i + 1)...])))
        return (enumerator, rest)
    }

    static func isRomanNumeral(_ s: String) -> Bool {
        !s.isEmpty && s.uppercased().allSatisfy { "IVXLC".contains($0) }
    }

    static func foldedHasPrefix(_ s: String, _ prefix: String) -> Bool {
        let f = TextNormalization.fold(s)
        return f == prefix || f.hasPrefix(prefix + " ")
    }

    /// The text after its first `count` words, without a leading `:` or `-`.
    static func dropWords(_ s: String, count: Int) -> String? {
        var words = s.split(separator: " ", omittingEmptySubsequences: true).dropFirst(count).joined(separator: " ")
        while let first = words.first, first == ":" || first == "-" || first == "–" { words.removeFirst() }
        let cleaned = TextNormalization.clean(words)
        return cleaned.isEmpty ? nil : cleaned
    }

    // MARK: Procedure rows

    mutating func procedure(_ row: TableRow<ListingColumn>) {
        var errors: [Diagnostic] = []
        let codeText = row.text(.code) ?? ""
        let code = ProcedureCode(codeText)
        if !code.isWellFormed {
            errors.append(row.error("cell.code", .code, Self.malformedCode(codeText)))
        }
        let name = row.required(.name, into: &errors)

        var changeType = change
        if let text = row.text(.change) {
            do { changeType = try Vocabulary.changeType(text) } catch {
                errors.append(row.error("cell.change", .change, error.message))
            }
        }
        if changeType == nil, row.text(.change) == nil {
            errors.append(Diagnostic(.error, "listing.no-change", at: row.recordLocation, LocalizedText(
                vi: "không biết loại thay đổi của thủ tục \(codeText): chưa có dòng mục (như \"1. Danh mục thủ tục hành chính mới ban hành\") ở trên và không có cột \"Loại thay đổi\"",
                en: "no change type for procedure \(codeText): no section row (such as \"1. Danh mục thủ tục hành chính mới ban hành\") above it and no \"Loại thay đổi\" column")))
        }

        var rowLevels = levels
        var rowLevelsSource = levelsSource
        if let text = row.rawText(.levels) {
            let parsed = levelsCache[text] ?? Result { () throws(Vocabulary.UnknownWord) in try Vocabulary.levels(text) }
            levelsCache[text] = parsed
            switch parsed {
            case .success(let value):
                rowLevels = value
                rowLevelsSource = row.location(.levels)
            case .failure(let error):
                errors.append(row.error("cell.level", .levels, error.message))
            }
        }

        var online: OnlineServiceLevel?
        if let text = row.text(.onlineService) {
            let parsed = onlineCache[text] ?? Result { () throws(Vocabulary.UnknownWord) in try Vocabulary.onlineService(text) }
            onlineCache[text] = parsed
            switch parsed {
            case .success(let value): online = value
            case .failure(let error): errors.append(row.error("cell.online-service", .onlineService, error.message))
            }
        }

        var replaces: ProcedureCode?
        if let text = row.text(.replaces) {
            let replaced = ProcedureCode(text)
            if replaced.isWellFormed { replaces = replaced } else {
                errors.append(row.error("cell.code", .replaces, Self.malformedCode(text)))
            }
        }

        if rowLevels.contains(.district), let effectiveDate, effectiveDate >= AdministrativeLevel.districtAbolished,
           let source = rowLevelsSource {
            diagnostics.append(Diagnostic(.warning, "listing.district-level", at: source, LocalizedText(
                vi: "thủ tục \(codeText) ghi cấp huyện trong quyết định có hiệu lực ngày \(effectiveDate.vietnamese), khi cấp huyện đã không còn (từ 01/07/2025)",
                en: "procedure \(codeText) names the district level in a decision effective on \(effectiveDate.iso), when the district level no longer exists (since 2025-07-01)")))
        }

        diagnostics += errors
        guard errors.isEmpty, let name, let changeType else { return }
        changes.append(ProcedureChange(
            code: code, change: changeType, replaces: replaces,
            content: ProcedureContent(
                name: name, field: row.text(.field) ?? field, levels: rowLevels, agency: row.text(.agency),
                processingTime: row.text(.processingTime), fees: row.text(.fees), onlineService: online),
            legalBasis: row.text(.legalBasis),
            location: row.recordLocation))
    }

    static func malformedCode(_ text: String) -> LocalizedText {
        LocalizedText(
            vi: "mã TTHC không hợp lệ \"\(text)\": cần dạng 1.010696 (một chữ số, dấu chấm, sáu chữ số), có thể kèm hậu tố như .000.00.00.H56",
            en: "malformed procedure code \"\(text)\": expected 1.010696 (a digit, a dot, six digits), optionally followed by a suffix such as .000.00.00.H56")
    }
}
