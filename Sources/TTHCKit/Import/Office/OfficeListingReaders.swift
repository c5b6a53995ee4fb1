/// Rows already read (a Word body, parsed whole so its header can be read first) as a
/// ``TableSource``.
struct RowsTableSource: TableSource {
    let rows: [GridRow]
    let diagnostics: [Diagnostic]

    func forEachRow(_ body: (GridRow) -> Void) -> [Diagnostic] {
        rows.forEach(body)
        return diagnostics
    }
}

/// A workbook none of whose sheets holds a cell with data (`csv.empty`), for the listing
/// and the catalogue readers alike.
private func emptyWorkbook(_ file: String) -> Diagnostic {
    Diagnostic(.error, .csvEmpty, at: SourceLocation(file: file), LocalizedText(
        vi: "bảng tính không có ô nào có dữ liệu", en: "the workbook has no cell with data"))
}

/// Reads a decision listing from an Excel workbook: each sheet is read as its own table
/// by its own ``AnnexInterpreter``, so a change type, level or field set on one sheet
/// never reaches the next. The readings are put together in sheet order; a sheet with
/// rows but no annex table is a warning (when another sheet has one), a blank sheet is
/// passed over, and a hidden sheet is not read (a warning says so).
public enum DecisionXLSXReader {
    public static func interpret(_ file: InputFile, effectiveDate: CivilDate? = nil, decisionTitle: String? = nil,
                                 snapshot: Bool = false, limits: ContainerLimits = .standard, keepsOrigins: Bool = true) -> AnnexReading {
        do {
            return interpret(try XLSXWorkbook(file, limits: limits), file: file.displayPath, effectiveDate: effectiveDate,
                             decisionTitle: decisionTitle, snapshot: snapshot, keepsOrigins: keepsOrigins)
        } catch {
            var reading = AnnexReading()
            reading.diagnostics = error.diagnostics
            return reading
        }
    }

    public static func interpret(_ workbook: XLSXWorkbook, file: String, effectiveDate: CivilDate? = nil,
                                 decisionTitle: String? = nil, snapshot: Bool = false, keepsOrigins: Bool = true) -> AnnexReading {
        var readings: [(sheet: XLSXWorkbook.Sheet, reading: AnnexReading)] = []
        var hidden: [Diagnostic] = []
        let budget = TableGuard()
        for sheet in workbook.sheets {
            if sheet.hidden {
                hidden.append(Diagnostic(.warning, .xlsxHiddenSheet, at: SourceLocation(file: sheet.displayPath), LocalizedText(
                    vi: "trang tính \"\(sheet.name)\" đang ẩn và không được đọc; bỏ ẩn nếu nó là một phần của danh mục",
                    en: "the sheet \"\(sheet.name)\" is hidden and is not read; unhide it if it is part of the listing")))
                continue
            }
            readings.append((sheet, AnnexInterpreter.read(workbook.source(sheet, budget: budget), file: sheet.displayPath, decisionTitle: decisionTitle,
                                                          effectiveDate: effectiveDate, snapshot: snapshot, keepsOrigins: keepsOrigins)))
        }
        var reading = combine(readings, file: file)
        reading.diagnostics = hidden + reading.diagnostics
        return reading
    }

    static func combine(_ readings: [(sheet: XLSXWorkbook.Sheet, reading: AnnexReading)], file: String) -> AnnexReading {
        let read = readings.filter { !$0.reading.tables.isEmpty }
        guard !read.isEmpty else {
            // No sheet holds a table: the first sheet with rows says why.
            let blank: (AnnexReading) -> Bool = { $0.diagnostics.contains { $0.id == .csvEmpty } }
            if let first = readings.first(where: { !blank($0.reading) }) { return first.reading }
            var reading = AnnexReading()
            reading.diagnostics = [emptyWorkbook(file)]
            return reading
        }
        var out = AnnexReading()
        for (sheet, r) in readings {
            guard !r.tables.isEmpty else {
                // A sheet that could not be read (a limit, a damaged part) says so, never
                // passes for a sheet without a table.
                if r.diagnostics.contains(where: { $0.severity == .error && $0.id != .csvEmpty && $0.id != .headerNotFound }) {
                    out.diagnostics += r.diagnostics
                } else if !r.diagnostics.contains(where: { $0.id == .csvEmpty }) {
                    out.diagnostics.append(Diagnostic(.warning, .xlsxSheetWithoutTable, at: SourceLocation(file: sheet.displayPath), LocalizedText(
                        vi: "trang tính \"\(sheet.name)\" không có bảng danh mục (dòng tiêu đề có cột tên thủ tục); không đọc",
                        en: "the sheet \"\(sheet.name)\" holds no annex table (a header row with a procedure-name column); not read")))
                }
                continue
            }
            out.append(proceduresOf: r)
            out.listed += r.listed
            out.unplaced += r.unplaced
            out.tables += r.tables
            out.titles += r.titles
            out.isSnapshot = out.isSnapshot || r.isSnapshot
            out.notAPublication = out.notAPublication ?? r.notAPublication
            out.diagnostics += r.diagnostics
        }
        return out
    }
}

/// Reads a decision from a Word document: its header and articles (number, issuer, place
/// and date, title, effective date: ``DecisionHeader``) and its annex tables, which the
/// ``AnnexInterpreter`` reads with the decision's own title as the change type when no
/// heading gives one.
public enum DecisionDOCXReader {
    public static func interpret(_ file: InputFile, effectiveDate: CivilDate? = nil, decisionTitle: String? = nil,
                                 snapshot: Bool = false, limits: ContainerLimits = .standard, keepsOrigins: Bool = true) -> AnnexReading {
        interpret(DOCXBody.rows(file, limits: limits), file: file.displayPath, effectiveDate: effectiveDate,
                  decisionTitle: decisionTitle, snapshot: snapshot, keepsOrigins: keepsOrigins)
    }

    /// A document from parts already unpacked (`word/document.xml`, …): for fuzzing the
    /// body reader without the container around it.
    public static func interpret(parts: [String: [UInt8]], displayPath: String) -> AnnexReading {
        do {
            let package = try OfficePackage(try OfficeContainer(parts: parts, displayPath: displayPath), expecting: .word)
            return interpret(DOCXBody.rows(package), file: displayPath, effectiveDate: nil, decisionTitle: nil, snapshot: false,
                             keepsOrigins: true)
        } catch {
            var reading = AnnexReading()
            reading.diagnostics = error.diagnostics
            return reading
        }
    }

    /// The rows the interpreter reads: all but the decision's articles. From "Điều 1." to
    /// the annex (a paragraph starting "PHỤ LỤC" or "DANH MỤC", or the next table), the
    /// paragraphs are the decision's own text ("Điều 2. Bãi bỏ Quyết định số …"), not titles
    /// of a table; the header reads them for the effective date.
    static func annexRows(_ rows: [GridRow]) -> [GridRow] {
        var out: [GridRow] = []
        var inArticles = false
        for row in rows {
            let paragraph = row.cells.count == 1
            let folded = paragraph && row.cells[0].text.utf8.count < 2000 ? TextNormalization.fold(TextNormalization.clean(row.cells[0].text)) : ""
            if paragraph, !inArticles, folded.hasPrefix("dieu "),
               folded.dropFirst(5).prefix(while: { $0 != " " }).allSatisfy(\.isNumber), folded.count > 5 {
                inArticles = true
            }
            if inArticles {
                guard !paragraph || folded.hasPrefix("phu luc") || folded.hasPrefix("danh muc") else { continue }
                inArticles = false
            }
            out.append(row)
        }
        return out
    }

    static func interpret(_ body: (rows: [GridRow], diagnostics: [Diagnostic]), file: String, effectiveDate: CivilDate?,
                          decisionTitle: String?, snapshot: Bool, keepsOrigins: Bool = true) -> AnnexReading {
        let (rows, diagnostics) = body
        if diagnostics.contains(where: { $0.severity == .error }), rows.isEmpty {
            var reading = AnnexReading()
            reading.diagnostics = diagnostics
            return reading
        }
        let header = DecisionHeader.readWord(rows, file: file)
        var reading = AnnexInterpreter.read(RowsTableSource(rows: annexRows(rows), diagnostics: diagnostics), file: file,
                                            decisionTitle: decisionTitle ?? header.title?.value,
                                            effectiveDate: effectiveDate ?? header.effectiveDate, snapshot: snapshot,
                                            keepsOrigins: keepsOrigins)
        reading.decisionHeader = header
        return reading
    }
}

/// Reads the province's catalogue from an Excel workbook, with the headers of the CSV
/// catalogue (``CatalogueCSVReader``); every visible sheet with a header row is read, in
/// order.
public enum CatalogueXLSXReader {
    public static func read(_ file: InputFile, limits: ContainerLimits = .standard) -> ReadResult<Catalogue> {
        do {
            return read(try XLSXWorkbook(file, limits: limits), file: file.displayPath)
        } catch {
            return ReadResult(value: nil, diagnostics: error.diagnostics)
        }
    }

    public static func read(_ workbook: XLSXWorkbook, file: String) -> ReadResult<Catalogue> {
        var entries: [LocalEntry] = []
        var diagnostics: [Diagnostic] = []
        var read = false
        let budget = TableGuard()
        for sheet in workbook.sheets where !sheet.hidden {
            let result = CatalogueCSVReader.read(workbook.source(sheet, budget: budget), file: sheet.displayPath)
            // A blank sheet (a workbook's empty Sheet2) is passed over.
            if result.diagnostics.contains(where: { $0.id == .csvEmpty }) { continue }
            read = true
            diagnostics += result.diagnostics
            entries += result.value?.entries ?? []
        }
        if !read {
            diagnostics.append(emptyWorkbook(file))
        }
        return ReadResult(value: diagnostics.contains { $0.severity == .error } ? nil : Catalogue(entries: entries), diagnostics: diagnostics)
    }
}

/// File kinds tthc recognises by extension, and what it says about the ones it does not
/// read.
public enum OfficeFormats {
    /// The message for a document tthc does not read: old binary and OpenDocument files
    /// are to be saved as .docx/.xlsx; nil for kinds it reads.
    public static func refusal(extension ext: String) -> LocalizedText? {
        switch ext.lowercased() {
        case "doc", "odt", "rtf":
            return LocalizedText(vi: "tệp .\(ext) không được đọc; hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx (File › Save As › Word Document)",
                                 en: ".\(ext) files are not read; open the file in Word or LibreOffice and save it as .docx (File › Save As › Word Document)")
        case "xls", "ods", "xlsm", "xlsb":
            return LocalizedText(vi: "tệp .\(ext) không được đọc; hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng .xlsx (File › Save As › Excel Workbook)",
                                 en: ".\(ext) files are not read; open the file in Excel or LibreOffice and save it as .xlsx (File › Save As › Excel Workbook)")
        default:
            return nil
        }
    }
}
