/// Writes a ``Decision`` as a decision listing in the canonical XML format
/// (`urn:tthc:decision:1`, `catalogs/schema/decision.xsd`, docs/xml.md), the form
/// `tthc import --write` adds to the catalogue directory for the legal desk to review.
///
/// The output is deterministic (attributes and elements always in the schema's order, two
/// spaces of indentation, LF line ends, a final newline) and reads back through
/// ``DecisionXMLReader`` as the same decision: every procedure with its code (or none, or
/// the code as written when it is not a national code), change, replaced codes, name,
/// field, levels, agency, processing time, fees, online service and legal basis, and the
/// procedures a full snapshot lists without a change.
public enum DecisionXMLWriter {
    /// The listing's text. `source` (a file name) is named in a comment at the top;
    /// `unplaced` rows are kept as comments at the end, so a reviewer sees in the diff what
    /// the reader could not place. Characters XML 1.0 cannot hold (C0 controls other than
    /// tab, line feed and carriage return; U+FFFE, U+FFFF) are left out, and each value
    /// that lost one is named in `dropped`.
    public static func xml(_ decision: Decision, source: String? = nil, unplaced: [UnplacedRow] = [],
                           language: Language = .vi, dropped: inout [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let words = InspectStrings.for(language)
        if let source {
            out += "<!-- " + comment(words.readBy(source)) + " -->\n"
        }
        var attributes = [
            ("number", decision.number), ("issuer", decision.issuer),
            ("issued", decision.issued.iso), ("effective", decision.effective.iso),
        ]
        if let d = decision.nationalDatabase { attributes.append(("national-database", d.iso)) }
        if let d = decision.received { attributes.append(("received", d.iso)) }
        if decision.isFullSnapshot { attributes.append(("scope", "full-snapshot")) }
        var text = Escaper(dropped: [])
        out += "<decision xmlns=\"\(DecisionXMLReader.namespace)\""
        for (name, value) in attributes { out += " \(name)=\"\(text.attribute(value, what: name))\"" }
        out += ">\n"
        for change in decision.changes {
            out += procedure(code: change.code, change: change.change, replaces: change.replaces, content: change.content,
                             legalBasis: change.legalBasis, text: &text)
        }
        for listed in decision.listed {
            out += procedure(code: listed.code, change: nil, replaces: [], content: listed.content, legalBasis: nil, text: &text)
        }
        for row in unplaced {
            out += "  <!-- " + comment("\(words.notReadAsProcedure) (\(row.location.lineAndColumn)): \(row.text) — \(row.reason[language])") + " -->\n"
        }
        out += "</decision>\n"
        dropped += text.dropped
        return out
    }

    static func procedure(code: ProcedureCode, change: ChangeType?, replaces: [ProcedureCode], content: ProcedureContent,
                          legalBasis: String?, text: inout Escaper) -> String {
        let what = code.written ?? content.name
        var out = "  <procedure"
        if let written = code.written {
            out += code.isWellFormed ? " code=\"\(text.attribute(written, what: what))\"" : " written-code=\"\(text.attribute(written, what: what))\""
        }
        if let change { out += " change=\"\(change.rawValue)\"" }
        out += ">\n"
        func element(_ name: String, _ value: String?) {
            guard let value else { return }
            out += "    <\(name)>\(text.content(value, what: what))</\(name)>\n"
        }
        for replaced in replaces { element("replaces", replaced.raw) }
        element("name", content.name)
        element("field", content.field)
        if !content.levels.isEmpty {
            out += "    <levels>" + content.levels.map { "<level>\($0.rawValue)</level>" }.joined() + "</levels>\n"
        }
        element("agency", content.agency)
        element("processing-time", content.processingTime)
        element("fees", content.fees)
        element("online-service", content.onlineService?.rawValue)
        element("legal-basis", legalBasis)
        out += "  </procedure>\n"
        return out
    }

    /// Text for a comment: no "--", not ending in "-", on one line.
    static func comment(_ s: String) -> String {
        var t = TextNormalization.clean(String(String.UnicodeScalarView(s.unicodeScalars.filter(Escaper.allowed))))
        while t.contains("--") { t = t.replacingOccurrences(of: "--", with: "- -") }
        if t.hasSuffix("-") { t += " " }
        return t
    }

    /// Escapes values, cleaned as the reader cleans them, and notes the ones that lost a
    /// character XML cannot hold.
    struct Escaper {
        var dropped: [String]

        static func allowed(_ u: Unicode.Scalar) -> Bool {
            let v = u.value
            if v < 0x20 { return v == 0x09 || v == 0x0A || v == 0x0D }
            return v != 0xFFFE && v != 0xFFFF
        }

        mutating func content(_ value: String, what: String) -> String { escape(value, what: what, quote: false) }
        mutating func attribute(_ value: String, what: String) -> String { escape(value, what: what, quote: true) }

        mutating func escape(_ value: String, what: String, quote: Bool) -> String {
            var out = ""
            var lost = false
            for u in TextNormalization.clean(value).unicodeScalars {
                guard Self.allowed(u) else { lost = true; continue }
                switch u {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"" where quote: out += "&quot;"
                default: out.unicodeScalars.append(u)
                }
            }
            if lost { dropped.append(what) }
            return out
        }
    }
}
