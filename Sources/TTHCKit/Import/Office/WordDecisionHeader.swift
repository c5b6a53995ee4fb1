import Foundation

/// The ``DecisionHeader`` of a Word decision, read from its body's rows: the header table
/// (or paragraphs) before the tables, and the articles after them.
extension DecisionHeader {
    /// Reads the header from a Word body's rows (``DOCXBody``): a value's place is the
    /// paragraph or table row it was read from, with the grid column of its cell.
    public static func readWord(_ rows: [GridRow], file: String) -> DecisionHeader {
        var header = DecisionHeader()
        /// Lines seen per grid column, for the issuer above "Số:".
        var linesByColumn: [Int: [String]] = [:]
        var afterQuyetDinh = false
        for row in rows {
            let filled = row.filled
            let rowText = filled.map { TextNormalization.clean($0.cell.text) }.joined(separator: " ")
            func at(_ cell: GridCell?) -> SourceLocation { SourceLocation(file: file, line: row.line, column: cell?.column) }
            // Header lines are short; an annex row is not looked at for them.
            let short = rowText.utf8.count <= 600
            if short {
                for (_, cell) in filled {
                    let lines = cell.text.split(whereSeparator: \.isNewline).map { TextNormalization.clean(String($0)) }
                    for line in lines where !line.isEmpty {
                        if header.number == nil, header.numberLeftBlank == nil, let rest = numberLine(line) {
                            if let first = rest.first, first.isNumber {
                                let value = rest.count <= 40 ? String(rest.filter { !$0.isWhitespace }) : String(rest.prefix { !$0.isWhitespace })
                                header.number = Found(value: value, text: line, location: at(cell))
                            } else {
                                header.numberLeftBlank = at(cell)
                            }
                            if header.issuer == nil {
                                let above = (linesByColumn[cell.column] ?? []).filter(isIssuerLine).suffix(3)
                                if !above.isEmpty {
                                    header.issuer = Found(value: above.joined(separator: " "), text: above.joined(separator: " / "), location: at(cell))
                                }
                            }
                        } else if header.issued == nil, header.dateLeftBlank == nil, isPlaceAndDate(line) {
                            if let date = dates(in: line).first {
                                header.issued = Found(value: date, text: line, location: at(cell))
                            } else {
                                header.dateLeftBlank = at(cell)
                            }
                            if let comma = line.firstIndex(of: ","), line.distance(from: line.startIndex, to: comma) <= 40 {
                                header.place = Found(value: String(line[..<comma]).trimmingWhitespace(), text: line, location: at(cell))
                            }
                        }
                        linesByColumn[cell.column, default: []].append(line)
                    }
                }
            }
            let folded = TextNormalization.fold(rowText)
            if header.title == nil {
                if afterQuyetDinh, !rowText.isEmpty {
                    if !folded.hasPrefix("can cu") { header.title = Found(value: rowText, text: rowText, location: at(filled.first?.cell)) }
                    afterQuyetDinh = false
                } else if folded == "quyet dinh" {
                    afterQuyetDinh = true
                }
            }
            if header.effective == nil, header.effectiveFromSigning == nil, folded.contains("co hieu luc"), let from = effectiveFrom(rowText) {
                switch from {
                case .signing: header.effectiveFromSigning = Found(value: true, text: rowText, location: at(filled.first?.cell))
                case .date(let date): header.effective = Found(value: date, text: rowText, location: at(filled.first?.cell))
                }
            }
        }
        return header
    }

    enum EffectiveFrom { case signing, date(CivilDate) }

    /// The start the text gives for the decision's effect: "có hiệu lực (thi hành) (kể) từ
    /// ngày ký" or "… từ ngày 15 tháng 01 năm 2022" / "… từ ngày 15/01/2022". Nil for
    /// other uses of the words ("từ ngày Quyết định này có hiệu lực đến hết ngày …").
    static func effectiveFrom(_ text: String) -> EffectiveFrom? {
        let words = words(text)
        var i = 0
        while i + 2 < words.count {
            defer { i += 1 }
            guard words[i] == "có", words[i + 1] == "hiệu", words[i + 2] == "lực" else { continue }
            var j = i + 3
            if j + 1 < words.count, words[j] == "thi", words[j + 1] == "hành" { j += 2 }
            if j < words.count, words[j] == "kể" { j += 1 }
            guard j + 1 < words.count, words[j] == "từ", words[j + 1] == "ngày" else { continue }
            if j + 2 < words.count, words[j + 2].hasPrefix("ký") { return .signing }
            if let date = dates(in: words[(j + 1)...].prefix(6).joined(separator: " ")).first { return .date(date) }
        }
        return nil
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { $0.isWhitespace || ",;()".contains($0) }.map { $0.trimmingCharacters(in: ".:") }
    }

    /// The text after "Số:" when the line starts so.
    static func numberLine(_ line: String) -> Substring? {
        guard let colon = line.firstIndex(of: ":"), line.distance(from: line.startIndex, to: colon) <= 4 else { return nil }
        guard TextNormalization.fold(String(line[..<colon])) == "so" else { return nil }
        return line[line.index(after: colon)...].drop { $0.isWhitespace }
    }

    /// "Hà Nội, ngày 03 tháng 12 năm 2021" (also with the day left blank).
    static func isPlaceAndDate(_ line: String) -> Bool {
        let folded = TextNormalization.fold(line)
        guard line.utf8.count <= 120, line.contains(",") else { return false }
        return [" ngay ", " thang ", " nam "].allSatisfy { TextNormalization.contains(folded, $0) }
    }

    /// Lines that can name the issuing body: not the national motto, not a rule of dashes.
    static func isIssuerLine(_ line: String) -> Bool {
        let folded = TextNormalization.fold(line)
        if folded.isEmpty || folded.contains("cong hoa xa hoi chu nghia") || folded.contains("doc lap tu do hanh phuc") { return false }
        return line.contains { $0.isLetter }
    }

    /// The dates written in `text`: "ngày 03 tháng 12 năm 2021" and "03/12/2021".
    static func dates(in text: String) -> [CivilDate] {
        let words = words(text)
        var found: [CivilDate] = []
        var i = 0
        while i < words.count {
            if words[i] == "ngày", i + 5 < words.count, words[i + 2] == "tháng", words[i + 4] == "năm",
               let d = Int(words[i + 1]), let m = Int(words[i + 3]), let y = Int(words[i + 5]),
               let date = CivilDate(year: y, month: m, day: d) {
                found.append(date)
                i += 6
                continue
            }
            if words[i].contains("/"), let date = try? CivilDate.parse(words[i]) { found.append(date) }
            i += 1
        }
        return found
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let last = s.last, set.contains(last) { s.removeLast() }
        return String(s)
    }
}
