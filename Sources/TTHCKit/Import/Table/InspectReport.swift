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

    /// What a Word decision says about itself, each value with the line it was read from.
    static func wordHeaderLines(_ header: DecisionHeader, language: Language) -> [String] {
        let words = InspectStrings.for(language)
        var lines = [words.wordHeading]
        func line(_ name: String, _ value: String?, _ at: Int?, blank: Int? = nil) {
            if let value, let at {
                lines.append("  \(name): \(value)  ← \(words.line(at))")
            } else if let blank {
                lines.append("  \(name): \(words.leftBlankDraft)  ← \(words.line(blank))")
            } else {
                lines.append("  \(name): \(words.notFoundInWord)")
            }
        }
        line(words.number, header.number?.value, header.number?.location.line, blank: header.numberLeftBlank?.line)
        line(words.issuer, header.issuer?.value, header.issuer?.location.line)
        line(words.place, header.place?.value, header.place?.location.line)
        line(words.issued, header.issued.map { words.date($0.value) }, header.issued?.location.line, blank: header.dateLeftBlank?.line)
        let effectiveAt = header.effective?.location ?? header.effectiveFromSigning?.location
        line(words.effective, header.effectiveDate.map(words.date), effectiveAt?.line)
        line(words.decisionTitle, header.title?.value, header.title?.location.line)
        return lines
    }

    /// What a web page or a PDF says about itself: each value found, with where and the
    /// text there, or that it was not.
    static func documentHeaderLines(_ header: DecisionHeader, language: Language) -> [String] {
        let words = InspectStrings.for(language)
        func line<V>(_ name: String, _ found: DecisionHeader.Found<V>?, _ show: (V) -> String) -> String {
            guard let found else { return "  \(name): " + words.notFound }
            return "  \(name): \(show(found.value))  ← \(found.location.compilerStyle): \"\(found.text)\""
        }
        var lines = [words.documentHeading]
        if header.number == nil, let blank = header.numberLeftBlank {
            lines.append("  \(words.number): \(words.leftBlank)  ← \(blank.compilerStyle)")
        } else {
            lines.append(line(words.number, header.number) { $0 })
        }
        lines.append(line(words.issuer, header.issuer) { $0 })
        lines.append(line(words.place, header.place) { $0 })
        lines.append(line(words.issued, header.issued, words.date))
        if header.effective == nil, let signing = header.effectiveFromSigning {
            let date = header.issued.map { " (\(words.date($0.value)))" } ?? ""
            lines.append("  \(words.effective): \(words.onSigning)\(date)  ← \(signing.location.compilerStyle): \"\(signing.text)\"")
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
            lines += wordHeaderLines(header, language: language)
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
