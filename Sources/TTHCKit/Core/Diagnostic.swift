/// Where in an input file something was found. Lines and columns are 1-based; `line` is
/// the physical line where a record starts. `field` names a CSV column or XML element
/// when a column number alone would not help the reader.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var field: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }

    /// `file:line:col`, as compilers print it.
    public var compilerStyle: String {
        var s = file
        if let line { s += ":\(line)" }
        if let line = line, line > 0, let column { s += ":\(column)" }
        return s
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line ?? 0, a.column ?? 0, a.field ?? "") < (b.file, b.line ?? 0, b.column ?? 0, b.field ?? "")
    }
}

/// How bad a diagnostic is. Errors stop a run before any output is written.
public enum Severity: String, Sendable, Codable, Comparable {
    case note, warning, error

    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// The word compilers print; kept English so editors and CI recognise it.
    public var keyword: String { rawValue }
}

/// One problem found in the input: what, where, how bad. The library returns these; the
/// executable prints them and a ``DiagnosticEngine`` decides the exit code.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// The kind of problem; its raw value is the stable id, e.g. `csv.unterminated-quote`.
    public var id: DiagnosticID
    public var severity: Severity
    public var location: SourceLocation
    public var message: LocalizedText

    public init(_ severity: Severity, _ id: DiagnosticID, at location: SourceLocation, _ message: LocalizedText) {
        self.id = id
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `path:line:col: error: message`.
    public func rendered(_ language: Language) -> String {
        "\(location.compilerStyle): \(severity.keyword): \(message[language])"
    }
}

/// Thrown when a stage cannot go on because its input has errors. Carries every
/// diagnostic found so far (warnings too), sorted by location.
public struct InputError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// Collects diagnostics from every stage of a run.
public struct DiagnosticEngine: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    public init() {}

    public mutating func emit(_ d: Diagnostic) { diagnostics.append(d) }
    public mutating func emit(contentsOf ds: some Sequence<Diagnostic>) { diagnostics.append(contentsOf: ds) }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Diagnostics in a stable order: by file, line, column, then id.
    public var sorted: [Diagnostic] {
        diagnostics.sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.id != b.id { return a.id < b.id }
            return a.message.en < b.message.en
        }
    }
}
