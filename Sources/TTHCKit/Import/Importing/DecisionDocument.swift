import Foundation

/// A decision file read in whatever form it came (an annex table as CSV, an Excel
/// workbook, a Word decision, a saved web page, a PDF, an XML listing), with what it says
/// about itself: what `tthc inspect` shows and `tthc import` adds to the catalogue.
public struct DecisionDocument: Sendable {
    public enum Kind: String, Sendable {
        case csv, xlsx, docx, html, pdf, xml
    }

    public var file: String
    public var kind: Kind
    public var annex: AnnexReading
    /// An XML listing as read (it carries its own number and dates).
    public var listing: Decision?

    /// The refusal for a file tthc does not read by its extension (old binary and
    /// OpenDocument files, to be saved as .docx/.xlsx); nil for every other.
    public static func refusal(forPath path: String) -> Diagnostic? {
        let ext = (path as NSString).pathExtension.lowercased()
        return OfficeFormats.refusal(extension: ext).map { Diagnostic(.error, .officeUnsupportedFormat, at: SourceLocation(file: path), $0) }
    }

    /// The kind a path's extension names; anything else is read as CSV.
    public static func kind(ofPath path: String) -> Kind {
        switch (path as NSString).pathExtension.lowercased() {
        case "xlsx": .xlsx
        case "docx": .docx
        case "html", "htm": .html
        case "pdf": .pdf
        case "xml": .xml
        default: .csv
        }
    }

    /// Reads `file` as its extension says. `decisionTitle` (trích yếu) gives the change
    /// type where the tables name none and wins over the document's own title;
    /// `effectiveDate` is the decision's, for the district-level check.
    public static func read(_ file: InputFile, decisionTitle: String? = nil, effectiveDate: CivilDate? = nil,
                            snapshot: Bool = false) -> DecisionDocument {
        let path = file.displayPath
        if let refusal = refusal(forPath: path) {
            var annex = AnnexReading()
            annex.diagnostics = [refusal]
            return DecisionDocument(file: path, kind: .csv, annex: annex)
        }
        let kind = kind(ofPath: path)
        switch kind {
        case .html, .pdf:
            let document = DocumentListingReader.read(file, kind: kind == .html ? .html : .pdf, decisionTitle: decisionTitle,
                                                      effectiveDate: effectiveDate, snapshot: snapshot)
            return DecisionDocument(file: path, kind: kind, annex: document.annex)
        case .xml:
            let result = DecisionXMLReader.read(file)
            var annex = AnnexReading(xmlListing: result)
            annex.listed = result.value?.listed ?? []
            annex.isSnapshot = result.value?.isFullSnapshot ?? false
            return DecisionDocument(file: path, kind: kind, annex: annex, listing: result.value)
        case .xlsx:
            return DecisionDocument(file: path, kind: kind, annex: DecisionXLSXReader.interpret(
                file, effectiveDate: effectiveDate, decisionTitle: decisionTitle, snapshot: snapshot))
        case .docx:
            return DecisionDocument(file: path, kind: kind, annex: DecisionDOCXReader.interpret(
                file, effectiveDate: effectiveDate, decisionTitle: decisionTitle, snapshot: snapshot))
        case .csv:
            return DecisionDocument(file: path, kind: kind, annex: DecisionCSVReader.interpret(
                file, effectiveDate: effectiveDate, decisionTitle: decisionTitle, snapshot: snapshot))
        }
    }

    /// True when the file could not be read.
    public var failed: Bool { annex.diagnostics.contains { $0.severity == .error } }

    /// What the document says about the decision, whatever reader found it.
    public var facts: DecisionFacts {
        if let listing {
            return DecisionFacts(number: listing.number, issuer: listing.issuer, issued: listing.issued,
                                 effective: listing.effective, title: nil)
        }
        return annex.decisionHeader?.facts ?? DecisionFacts()
    }

    /// What `tthc inspect` prints (``InspectReport``).
    public func inspected(format: InspectReport.Format, language: Language) -> String {
        InspectReport.render(annex, file: file, format: format, language: language)
    }
}

/// A decision's number, issuer, dates and title as a document gives them (nil where it
/// does not).
public struct DecisionFacts: Hashable, Sendable {
    public var number: String?
    /// "Số:      /QĐ-UBND": the number is left blank (a draft, or a copy published before
    /// numbering).
    public var numberLeftBlank = false
    public var issuer: String?
    public var issued: CivilDate?
    public var effective: CivilDate?
    public var title: String?

    public init(number: String? = nil, numberLeftBlank: Bool = false, issuer: String? = nil, issued: CivilDate? = nil,
                effective: CivilDate? = nil, title: String? = nil) {
        self.number = number
        self.numberLeftBlank = numberLeftBlank
        self.issuer = issuer
        self.issued = issued
        self.effective = effective
        self.title = title
    }
}

extension DecisionFacts {
    /// The four values every listing needs that these lack, in that order, each with its
    /// name (the number "left blank" when the document has "Số:      /QĐ-UBND").
    public var missing: [(fact: DecisionFact, name: LocalizedText)] {
        var out: [(DecisionFact, LocalizedText)] = []
        if number == nil { out.append((.number, numberLeftBlank ? DecisionFact.numberLeftBlank : DecisionFact.number.label)) }
        if issuer == nil { out.append((.issuer, DecisionFact.issuer.label)) }
        if issued == nil { out.append((.issued, DecisionFact.issued.label)) }
        if effective == nil { out.append((.effective, DecisionFact.effective.label)) }
        return out
    }
}
