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
    static func headerLines(_ header: DecisionHeader, language: Language) -> [String] {
        let vi = language == .vi
        var lines = [vi ? "Quyết định (đọc từ văn bản):" : "The decision (read from the document):"]
        func line(_ viName: String, _ enName: String, _ value: String?, _ at: Int?, blank: Int? = nil) {
            let name = vi ? viName : enName
            if let value, let at {
                lines.append("  \(name): \(value)  ← \(vi ? "dòng" : "line") \(at)")
            } else if let blank {
                lines.append("  \(name): \(vi ? "để trống (dự thảo?)" : "left blank (a draft?)")  ← \(vi ? "dòng" : "line") \(blank)")
            } else {
                lines.append("  \(name): \(vi ? "không tìm thấy" : "not found")")
            }
        }
        line("số", "number", header.number?.value, header.number?.line, blank: header.numberLeftBlank)
        line("cơ quan ban hành", "issuer", header.issuer?.value, header.issuer?.line)
        line("nơi ban hành", "place", header.place?.value, header.place?.line)
        line("ngày ban hành", "issued", header.issued.map { vi ? $0.value.vietnamese : $0.value.iso }, header.issued?.line,
             blank: header.dateLeftBlank)
        line("ngày hiệu lực", "effective", header.effective.map { vi ? $0.value.vietnamese : $0.value.iso }, header.effective?.line)
        line("trích yếu", "title", header.title?.value, header.title?.line)
        return lines
    }

    static func text(_ reading: AnnexReading, file: String, language: Language) -> String {
        let vi = language == .vi
        var lines: [String] = []
        let n = reading.changes.count, u = reading.unplaced.count, t = reading.tables.count
        lines.append(vi
            ? "\(file): \(n) thủ tục, \(t) bảng, \(u) dòng không đọc được"
            : "\(file): \(n) procedure\(n == 1 ? "" : "s"), \(t) table\(t == 1 ? "" : "s"), \(u) row\(u == 1 ? "" : "s") not read")
        if reading.isSnapshot {
            let l = reading.listed.count
            lines.append(vi
                ? "Danh sách đầy đủ (ảnh chụp danh mục quốc gia): \(l) thủ tục đang có hiệu lực, không kèm thay đổi."
                : "A full snapshot (of the national database): \(l) procedure\(l == 1 ? "" : "s") in force, no change announced.")
        }
        if let kind = reading.notAPublication {
            lines.append(vi ? "Không phải quyết định công bố TTHC: \(kind.vi)." : "Not a publication decision: \(kind.en).")
        }
        if let header = reading.decisionHeader {
            lines += headerLines(header, language: language)
        }
        for title in reading.titles {
            lines.append((vi ? "Tiêu đề: " : "Title: ") + title)
        }
        for (i, table) in reading.tables.enumerated() {
            lines.append("")
            let header = table.subheaderLine.map { "\(table.headerLine)–\($0)" } ?? "\(table.headerLine)"
            lines.append(vi ? "Bảng \(i + 1), dòng tiêu đề \(header):" : "Table \(i + 1), header at line \(header):")
            for column in table.columns {
                lines.append("  \(column.index + 1). \"\(column.header)\" → \(column.column.name)")
            }
        }
        for (i, c) in reading.changes.enumerated() {
            let origins = reading.origins(of: i)
            lines.append("")
            lines.append("\(i + 1). \(c.code.label[language]) – \(c.content.name)  [\(c.location.line ?? 0)]")
            func line(_ vi: String, _ en: String, _ value: String, _ origin: ValueOrigin) {
                lines.append("   " + (language == .vi ? vi : en) + ": " + value + "  ← " + origin.described(language))
            }
            line("mã", "code", c.code.label[language], origins.code)
            line("loại thay đổi", "change", c.change.label[language], origins.change)
            let levels = c.content.levels.isEmpty ? (vi ? "không ghi" : "not stated") : c.content.levels.map { $0.label[language] }.joined(separator: ", ")
            line("cấp thực hiện", "levels", levels, origins.levels)
            line("lĩnh vực", "field", c.content.field ?? (vi ? "không ghi" : "not stated"), origins.field)
            if c.change == .replaced {
                line("thay thế", "replaces", c.replaces.isEmpty ? (vi ? "không ghi" : "not stated") : c.replaces.map(\.raw).joined(separator: ", "),
                     origins.replaces)
            }
        }
        if !reading.listed.isEmpty {
            lines.append("")
            lines.append(vi ? "Thủ tục đang có hiệu lực trong danh sách:" : "Procedures in force in the list:")
            for (i, p) in reading.listed.enumerated() {
                lines.append("  \(i + 1). \(p.code.label[language]) – \(p.content.name)  [\(p.location.line ?? 0)]")
            }
        }
        if !reading.unplaced.isEmpty {
            lines.append("")
            lines.append(vi ? "Dòng không đọc được thành thủ tục:" : "Rows not read as procedures:")
            for row in reading.unplaced {
                lines.append("  \(row.location.compilerStyle): \(row.text) — \(row.reason[language])")
            }
        }
        let doubts = reading.diagnostics
        if !doubts.isEmpty {
            lines.append("")
            lines.append(vi ? "Lỗi và nghi vấn:" : "Errors and doubts:")
            for d in doubts { lines.append("  " + d.rendered(language)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
