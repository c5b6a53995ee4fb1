/// Renders a ``Reconciliation`` as one report file (báo cáo đối chiếu).
///
/// Every reporter returns bytes rather than a `String`, so that a format can carry what a
/// string cannot say (the CSV byte-order mark). The same value and language always give
/// the same bytes.
public protocol ReportRenderer: Sendable {
    func render(_ reconciliation: Reconciliation, language: Language) -> [UInt8]
    /// What the output file is written from: by default the rendered bytes; a format whose
    /// reports grow large hands them over as they are produced (``JSONReport``).
    func content(_ reconciliation: Reconciliation, language: Language) -> OutputContent
}

extension ReportRenderer {
    public func content(_ reconciliation: Reconciliation, language: Language) -> OutputContent {
        .bytes(render(reconciliation, language: language))
    }
}

/// The report formats `tthc reconcile --format` offers.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// For a terminal: aligned columns, colour when asked.
    case text
    /// GitHub-flavoured Markdown.
    case markdown
    /// One self-contained, printable HTML file.
    case html
    /// For Excel: UTF-8 with BOM, CRLF, one row per item.
    case csv
    /// The ``Reconciliation`` value itself (see `docs/report-schema.md`).
    case json
    /// An Excel workbook: codes as text, dates as dates, one sheet per section.
    case xlsx

    /// The reporter for this format. `colour` only affects ``text``.
    public func renderer(colour: Bool = false) -> any ReportRenderer {
        switch self {
        case .text: TextReport(colour: colour)
        case .markdown: MarkdownReport()
        case .html: HTMLReport()
        case .csv: CSVReport()
        case .json: JSONReport()
        case .xlsx: XLSXReport()
        }
    }

    /// The usual file-name extension, without the dot.
    /// Whether the format is binary (a ZIP container), which a terminal must not be sent.
    public var isBinary: Bool { self == .xlsx }

    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .markdown: "md"
        case .html: "html"
        case .csv: "csv"
        case .json: "json"
        case .xlsx: "xlsx"
        }
    }
}
