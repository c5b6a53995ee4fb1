/// What a decision says about itself (phần đầu và điều khoản của quyết định), as Decree
/// 30/2020/NĐ-CP lays it out: its number ("Số: 2729/QĐ-BCT"), issuing body (the capitals
/// above the number), place and issue date ("Hà Nội, ngày 03 tháng 12 năm 2021"), title
/// (the lines after "QUYẾT ĐỊNH") and effective date (the article that says "có hiệu lực
/// (thi hành) kể từ ngày …" or "kể từ ngày ký"). Each value keeps the text it was read
/// from and where, so `tthc inspect` can show it and a reviewer can check it; a draft's
/// blank number and day ("Số:      /QĐ-UBND", "ngày   tháng   năm 2025") are noted, never
/// guessed.
///
/// One value whatever form the decision came in. Two readers fill it, because the forms
/// lay the same text out differently: ``readWord(_:file:)`` reads a Word body's
/// paragraphs and header table (a cell holds the issuer and the number on lines of its
/// own), ``readDocument(_:file:)`` a web page's or a PDF's lines (the PDF's two header
/// columns come as pieces of one line, the title runs over several lines, and a "Số:" in
/// an annex belongs to a form, not to the decision).
public struct DecisionHeader: Hashable, Sendable {
    /// A value and the text and place it was read from.
    public struct Found<Value: Hashable & Sendable>: Hashable, Sendable {
        public var value: Value
        public var text: String
        public var location: SourceLocation
    }

    public var number: Found<String>?
    /// "Số:" is there but the number is not filled in (a draft, or a copy published before
    /// numbering).
    public var numberLeftBlank: SourceLocation?
    public var issuer: Found<String>?
    public var place: Found<String>?
    public var issued: Found<CivilDate>?
    /// The place-and-date line is there but its day is not filled in (a draft).
    public var dateLeftBlank: SourceLocation?
    /// The effective date as written.
    public var effective: Found<CivilDate>?
    /// "có hiệu lực kể từ ngày ký": the effective date is the issue date (known only when
    /// that is).
    public var effectiveFromSigning: Found<Bool>?
    public var title: Found<String>?

    public init() {}

    /// True when the document says nothing a decision's header says.
    public var isEmpty: Bool {
        number == nil && issuer == nil && issued == nil && effective == nil && title == nil && effectiveFromSigning == nil
    }

    /// The effective date: the one written, else the issue date when the decision takes
    /// effect on signing.
    public var effectiveDate: CivilDate? {
        effective?.value ?? (effectiveFromSigning != nil ? issued?.value : nil)
    }

    /// The values without their places.
    public var facts: DecisionFacts {
        DecisionFacts(number: number?.value, numberLeftBlank: numberLeftBlank != nil, issuer: issuer?.value,
                      issued: issued?.value, effective: effectiveDate, title: title?.value)
    }
}
