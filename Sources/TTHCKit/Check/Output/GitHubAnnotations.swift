/// The check as GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`)
/// and a Markdown table for the job summary (`$GITHUB_STEP_SUMMARY`).
///
/// GitHub shows a limited number of annotations per step, so at most ``limit`` are written,
/// failing ones first; the summary always lists every finding. Escaping follows GitHub's
/// toolkit: in the message `%` `\r` `\n` become `%25` `%0D` `%0A`; in a property value
/// `:` and `,` also become `%3A` and `%2C`.
public struct GitHubAnnotations: Sendable {
    public static let limit = 10

    public var language: Language

    public init(language: Language = .vi) { self.language = language }

    /// The workflow commands, one per line, at most ``limit``.
    public func commands(_ outcome: CheckOutcome) -> [String] {
        let ranked = outcome.findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
        return ranked.prefix(Self.limit).map { f in
            let command = switch f.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            var properties = ["file=" + Self.escapeProperty(f.location.file)]
            if let line = f.location.line, line > 0 { properties.append("line=\(line)") }
            let subject = [f.code, f.name].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            properties.append("title=" + Self.escapeProperty("[\(f.rule.id)] \(subject)"))
            return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(f.message[language]))"
        }
    }

    private var strings: CheckStrings { .for(language) }

    /// The job summary: counts, and a table of every finding.
    public func summary(_ outcome: CheckOutcome) -> String {
        let errors = outcome.count(.error), warnings = outcome.count(.warning), notes = outcome.count(.note)
        var out = "## " + strings.summaryTitle + "\n\n"
        out += strings.summaryCounts(errors, warnings, notes, outcome.asOf) + "\n"
        if outcome.findings.count > Self.limit {
            out += "\n" + strings.summaryTruncated(Self.limit, outcome.findings.count) + "\n"
        }
        guard !outcome.findings.isEmpty else { return out }
        out += "\n| " + strings.summaryColumns.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: strings.summaryColumns.count) + "\n"
        for f in outcome.findings {
            // The rule id is ours and shown as code; every other cell comes from the data.
            let data = [f.location.compilerStyle, f.code ?? "", f.name, f.message[language]].map(Self.escapeCell)
            let cells = [f.severity.keyword, "`\(f.rule.id)`"] + data
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// A workflow command's message: GitHub's escapes, and control characters from the
    /// data made visible (``TerminalText``) so that none reaches the log raw.
    public static func escapeData(_ s: String) -> String {
        TerminalText.visible(s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A"))
    }

    public static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// A Markdown table cell that shows as written: line breaks as spaces, control
    /// characters visible, and every character that means something in GFM (`|`, links
    /// `[…](…)`, images `![…]`, HTML `<…>`, emphasis, code) backslash-escaped, as the
    /// Markdown report escapes them.
    static func escapeCell(_ s: String) -> String {
        let oneLine = s.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        return MarkdownReport.escape(TerminalText.visible(oneLine))
    }
}
