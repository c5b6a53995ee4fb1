/// Reads a decision listing written as CSV: the annex table staff copy out of the
/// decision's Word or Excel file, as it is laid out there.
///
/// The file becomes a ``TableGrid`` through ``CSVTableSource`` and the
/// ``AnnexInterpreter`` reads it, as it reads every other source: title rows and part
/// titles, one- or two-row headers, several tables, section rows in any numbering style,
/// codes wherever they stand (see the interpreter for the rules).
///
/// The listing carries no decision-level data: number, issuer and dates come from the
/// register row that names the file (see ``CatalogueDirectory``), whose title ("Trích
/// yếu") gives the change type when no heading in the file does.
public enum DecisionCSVReader {
    /// Reads the procedures the listing announces. `effectiveDate` (the decision's
    /// effective date, from the register) enables the warning for district-level entries in
    /// a decision effective on or after 1 July 2025 (as the XML reader does).
    public static func read(_ file: InputFile, effectiveDate: CivilDate? = nil,
                            decisionTitle: String? = nil) -> ReadResult<[ProcedureChange]> {
        let reading = interpret(file, effectiveDate: effectiveDate, decisionTitle: decisionTitle, keepsOrigins: false)
        return ReadResult(value: reading.changes, diagnostics: reading.diagnostics)
    }

    /// The whole reading: procedures with the origin of each value (unless `keepsOrigins`
    /// is false), unplaced rows, tables.
    public static func interpret(_ file: InputFile, effectiveDate: CivilDate? = nil,
                                 decisionTitle: String? = nil, snapshot: Bool = false, keepsOrigins: Bool = true) -> AnnexReading {
        AnnexInterpreter.read(CSVTableSource(file), file: file.displayPath,
                              decisionTitle: decisionTitle, effectiveDate: effectiveDate, snapshot: snapshot, keepsOrigins: keepsOrigins)
    }
}
