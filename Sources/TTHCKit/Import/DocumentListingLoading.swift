import Foundation

extension CatalogueDirectory {
    /// A decision published as a document (`decisions/*.html`, `*.pdf`), read as its CSV
    /// equivalent: the register row naming the file gives the number, issuer and dates, as
    /// for CSV. Without one, the document's own text must give them all (number, issuer,
    /// issue date, and the effective date or "kể từ ngày ký"); what it lacks is an error
    /// naming the missing values. With both, the register wins and a value the document
    /// gives differently is a warning.
    static func documentDecision(_ reading: DocumentListingReader.Reading, path: String, display: String,
                                 entry: RegisterEntry?) -> (Decision?, [Diagnostic]) {
        let m = reading.header
        let annex = reading.annex
        var diagnostics: [Diagnostic] = []
        let at = SourceLocation(file: display)
        let decision: Decision
        if let entry {
            if let number = m.number, TextNormalization.fold(number.value) != TextNormalization.fold(entry.decisionNumber) {
                diagnostics.append(Diagnostic(.warning, .catalogueRegisterConflict, at: number.location, LocalizedText(
                    vi: "văn bản ghi số \(number.value) nhưng sổ theo dõi (dòng \(entry.location.line ?? 0)) ghi \(entry.decisionNumber); dùng số trong sổ",
                    en: "the document says number \(number.value) but the register (line \(entry.location.line ?? 0)) says \(entry.decisionNumber); using the register's")))
            }
            if let issued = m.issued, issued.value != entry.issued {
                diagnostics.append(Diagnostic(.warning, .catalogueRegisterConflict, at: issued.location, LocalizedText(
                    vi: "văn bản ghi ngày ban hành \(issued.value.vietnamese) nhưng sổ theo dõi ghi \(entry.issued.vietnamese); dùng ngày trong sổ",
                    en: "the document says issue date \(issued.value.iso) but the register says \(entry.issued.iso); using the register's")))
            }
            decision = Decision(number: entry.decisionNumber, issuer: entry.issuer, issued: entry.issued, effective: entry.effective,
                                nationalDatabase: entry.nationalDatabase, received: entry.received, changes: annex.changes,
                                isFullSnapshot: entry.isFullSnapshot || annex.isSnapshot, source: at)
        } else {
            let missing = m.facts.missing.map(\.name)
            guard missing.isEmpty, let number = m.number, let issuer = m.issuer, let issued = m.issued, let effective = m.effectiveDate else {
                diagnostics.append(Diagnostic(.error, .catalogueDocumentMetadataMissing, at: at, LocalizedText(
                    vi: "văn bản không ghi đủ thông tin quyết định (thiếu: \(missing.map(\.vi).joined(separator: ", "))) và không có dòng nào trong register.csv ghi tệp này ở cột \"Tệp danh mục\"; hãy thêm một dòng với Tệp danh mục = \(path)",
                    en: "the document does not give the whole decision (missing: \(missing.map(\.en).joined(separator: ", "))) and no row of register.csv names this file in its \"listing file\" column; add a row with listing file = \(path)")))
                return (nil, diagnostics)
            }
            decision = Decision(number: number.value, issuer: issuer.value, issued: issued.value, effective: effective,
                                changes: annex.changes, isFullSnapshot: annex.isSnapshot, source: at)
        }
        var result = decision
        result.unplacedRows = annex.unplaced
        result.listed = annex.listed
        return (result, diagnostics)
    }
}
