/// Reads a whole decision published as a document (a saved web page, a PDF with a text
/// layer): its annex tables through the ``AnnexInterpreter``, as a CSV listing is read,
/// and what the decision says about itself (``DecisionHeader/readDocument(_:file:)``).
///
/// The source is read whole before the interpreter starts, for two reasons: a file that
/// turns out to be unreadable half-way (too deep, a giant table, a page over the limits)
/// gives an error and no procedures at all, never a partial listing; and the decision's
/// own title ("Về việc công bố danh mục TTHC được sửa đổi, bổ sung …"), which gives the
/// change type when no heading does, is known before the first table.
public enum DocumentListingReader {
    public enum Kind: String, Sendable {
        case html, pdf
    }

    /// The kind a file's extension names: `.html`/`.htm` and `.pdf`.
    public static func kind(forPath path: String) -> Kind? {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html", "htm": return .html
        case "pdf": return .pdf
        default: return nil
        }
    }

    public struct Reading: Sendable {
        /// The annex, with the decision's header (``AnnexReading/decisionHeader``) when the
        /// document was read.
        public var annex: AnnexReading

        /// What the decision says about itself (empty when the document was not read).
        public var header: DecisionHeader { annex.decisionHeader ?? DecisionHeader() }
    }

    /// `decisionTitle` and `effectiveDate` (from the register) win over the document's own.
    public static func read(_ file: InputFile, kind: Kind, decisionTitle: String? = nil,
                            effectiveDate: CivilDate? = nil, snapshot: Bool = false, keepsOrigins: Bool = true) -> Reading {
        let source: any TableSource = switch kind {
        case .html: HTMLTableSource(file: file)
        case .pdf: PDFTableSource(file: file)
        }
        var rows: [GridRow] = []
        let diagnostics = source.forEachRow { rows.append($0) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            var annex = AnnexReading()
            annex.diagnostics = diagnostics
            return Reading(annex: annex)
        }
        let header = DecisionHeader.readDocument(rows, file: file.displayPath)
        var interpreter = AnnexInterpreter(file: file.displayPath, decisionTitle: decisionTitle ?? header.title?.value,
                                           effectiveDate: effectiveDate ?? header.effectiveDate, snapshot: snapshot,
                                           keepsOrigins: keepsOrigins)
        for row in rows { interpreter.feed(row) }
        var annex = interpreter.finish()
        annex.diagnostics = diagnostics + annex.diagnostics
        annex.decisionHeader = header
        return Reading(annex: annex)
    }
}
