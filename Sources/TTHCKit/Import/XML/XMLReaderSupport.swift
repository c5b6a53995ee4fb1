/// Pieces shared by ``DecisionXMLReader`` and ``CatalogueXMLReader``: collecting the text of
/// leaf elements, parsing values the XSD has already checked, and the checks the XSD
/// cannot express.
struct XMLFieldCollector {
    /// The leaf element whose text is being collected, and where it starts.
    private(set) var current: (name: String, location: SourceLocation)?
    private var text = ""

    mutating func begin(_ tag: XMLStartTag) {
        current = (tag.localName, tag.location)
        text = ""
    }

    mutating func append(_ s: String) {
        if current != nil { text += s }
    }

    /// The collected text, normalised with ``TextNormalization/clean(_:)``, if `name` was
    /// being collected.
    mutating func end(_ name: String) -> (text: String, location: SourceLocation)? {
        guard let c = current, c.name == name else { return nil }
        current = nil
        defer { text = "" }
        return (TextNormalization.clean(text), c.location)
    }
}

/// Diagnostics the Swift side finds, plus the ones that only matter when libxml2 found
/// nothing (the XSD already rejects what they describe; they guard against a value that
/// could not be built without any error being reported).
struct XMLCheckLog {
    var diagnostics: [Diagnostic] = []
    var fallbacks: [Diagnostic] = []

    /// `xml` diagnostics followed by these, sorted by position; fallbacks only when there
    /// is no error otherwise.
    func merged(with xml: [Diagnostic]) -> [Diagnostic] {
        var all = xml + diagnostics
        if !all.contains(where: { $0.severity == .error }) { all += fallbacks }
        var engine = DiagnosticEngine()
        engine.emit(contentsOf: all)
        return engine.sorted
    }

    /// An ISO date the XSD has checked; `nil` (and a fallback diagnostic) otherwise.
    mutating func date(_ text: String?, _ what: String, at location: SourceLocation) -> CivilDate? {
        guard let text else { return nil }
        let trimmed = TextNormalization.clean(text)
        do {
            return try CivilDate.parse(trimmed)
        } catch {
            fallbacks.append(Diagnostic(.error, .xmlDate, at: location, LocalizedText(
                vi: "\(what): \(error.message.vi)", en: "\(what): \(error.message.en)")))
            return nil
        }
    }
}

extension XMLStartTag {
    /// An attribute's value with whitespace cleaned; `nil` when absent or blank.
    func text(_ name: String) -> String? {
        guard let raw = attributes[name] else { return nil }
        let s = TextNormalization.clean(raw)
        return s.isEmpty ? nil : s
    }
}

extension String {
    /// `nil` for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
