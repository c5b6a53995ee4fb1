/// What `tthc inspect` prints: how a listing was read, so that a clerk can check a new
/// annex in a minute before committing it.
///
/// Two forms: `text`, for people (each table's columns, then each procedure with its
/// code, name, change type, levels, field and replaced codes and where each came from,
/// then the rows not placed and every doubt); and `tsv`, one line per procedure with
/// `code change levels replaces name`, the form the annex corpus's expected files use
/// (`-` for nothing; levels as `central,province,district,commune`; change `listed` for a
/// procedure a full snapshot lists as in force).
public enum InspectReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, tsv
    }

    public static func render(_ reading: AnnexReading, file: String, format: Format, language: Language) -> String {
        switch format {
        case .tsv: tsv(reading)
        case .text: text(reading, file: file, language: language)
        }
    }

    /// The corpus form: a header line, then one line per procedure in document order.
    public static func tsv(_ reading: AnnexReading) -> String {
        var out = "code\tchange\tlevels\treplaces\tname\n"
        for c in reading.changes {
            let levels = c.content.levels.isEmpty ? "-" : c.content.levels.map(\.rawValue).joined(separator: ",")
            let replaces = c.replaces.isEmpty ? "-" : c.replaces.map(\.raw).joined(separator: ",")
            out += [c.code.written ?? "-", c.change.rawValue, levels, replaces, tsvField(c.content.name)].joined(separator: "\t") + "\n"
        }
        for p in reading.listed {
            let levels = p.content.levels.isEmpty ? "-" : p.content.levels.map(\.rawValue).joined(separator: ",")
            out += [p.code.written ?? "-", "listed", levels, "-", tsvField(p.content.name)].joined(separator: "\t") + "\n"
        }
        return out
    }

    static func tsvField(_ s: String) -> String {
        String(s.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }

    /// What the decision says about itself (``DecisionHeader``), whatever form it came in:
    /// each value with where it was read and the text there, or that it is left blank or
    /// was not found.
    static func headerLines(_ header: DecisionHeader, language: Language) -> [String] {
        let words = InspectStrings.for(language)
        // Where a value was read, and the text there unless it is the value itself (a title).
        func place(_ at: SourceLocation, _ text: String, shown: String) -> String {
            at.compilerStyle + (text == shown ? "" : ": \"\(text)\"")
        }
        func line<V>(_ name: String, _ found: DecisionHeader.Found<V>?, blank: SourceLocation? = nil,
                     _ show: (V) -> String) -> String {
            if let found { return "  \(name): \(show(found.value))  ← " + place(found.location, found.text, shown: show(found.value)) }
            if let blank { return "  \(name): \(words.leftBlank)  ← \(blank.compilerStyle)" }
            return "  \(name): " + words.notFound
        }
        var lines = [words.decisionHeading]
        lines.append(line(words.number, header.number, blank: header.numberLeftBlank) { $0 })
        lines.append(line(words.issuer, header.issuer) { $0 })
        lines.append(line(words.place, header.place) { $0 })
        lines.append(line(words.issued, header.issued, blank: header.dateLeftBlank, words.date))
        if header.effective == nil, let signing = header.effectiveFromSigning {
            let date = header.issued.map { " (\(words.date($0.value)))" } ?? ""
            lines.append("  \(words.effective): \(words.onSigning)\(date)  ← " + place(signing.location, signing.text, shown: ""))
        } else {
            lines.append(line(words.effective, header.effective, words.date))
        }
        lines.append(line(words.decisionTitle, header.title) { $0 })
        return lines
    }

    static func text(_ reading: AnnexReading, file: String, language: Language) -> String {
        let words = InspectStrings.for(language)
        var lines: [String] = []
        lines.append(words.summary(file, reading.changes.count, reading.tables.count, reading.unplaced.count))
        if reading.isSnapshot {
            lines.append(words.snapshot(reading.listed.count))
        }
        if let kind = reading.notAPublication {
            lines.append(words.notAPublication(kind[language]))
        }
        if let header = reading.decisionHeader {
            lines += headerLines(header, language: language)
        }
        for title in reading.titles {
            lines.append(words.titleRow + title)
        }
        for (i, table) in reading.tables.enumerated() {
            lines.append("")
            let header = table.subheaderLine.map { "\(table.headerLine)–\($0)" } ?? "\(table.headerLine)"
            lines.append(words.table(i + 1, header))
            for column in table.columns {
                lines.append("  \(column.index + 1). \"\(column.header)\" → \(column.column.name)")
            }
        }
        for (i, c) in reading.changes.enumerated() {
            let origins = reading.origins(of: i)
            lines.append("")
            lines.append("\(i + 1). \(c.code.label[language]) – \(c.content.name)  [\(c.location.line ?? 0)]")
            func line(_ name: String, _ value: String, _ origin: ValueOrigin) {
                lines.append("   " + name + ": " + value + "  ← " + origin.described(language))
            }
            line(words.code, c.code.label[language], origins.code)
            line(words.change, c.change.label[language], origins.change)
            let levels = c.content.levels.isEmpty ? words.notStated : c.content.levels.map { $0.label[language] }.joined(separator: ", ")
            line(words.levels, levels, origins.levels)
            line(words.field, c.content.field ?? words.notStated, origins.field)
            if c.change == .replaced {
                line(words.replaces, c.replaces.isEmpty ? words.notStated : c.replaces.map(\.raw).joined(separator: ", "), origins.replaces)
            }
        }
        if !reading.listed.isEmpty {
            lines.append("")
            lines.append(words.listedHeading)
            for (i, p) in reading.listed.enumerated() {
                lines.append("  \(i + 1). \(p.code.label[language]) – \(p.content.name)  [\(p.location.line ?? 0)]")
            }
        }
        if !reading.unplaced.isEmpty {
            lines.append("")
            lines.append(words.unplacedHeading)
            for row in reading.unplaced {
                lines.append("  \(row.location.compilerStyle): \(row.text) — \(row.reason[language])")
            }
        }
        let doubts = reading.diagnostics
        if !doubts.isEmpty {
            lines.append("")
            lines.append(words.doubtsHeading)
            for d in doubts { lines.append("  " + d.rendered(language)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
