import Foundation

/// What a decision says about itself around its tables (phần đầu và điều khoản của quyết
/// định): its number ("Số: 2729/QĐ-BCT"), issuing body (the lines above the number),
/// place and date ("Hà Nội, ngày 03 tháng 12 năm 2021"), title (the paragraph after
/// "QUYẾT ĐỊNH") and effective date (the article that says "có hiệu lực (thi hành) kể
/// từ ngày …" or "kể từ ngày ký"). Each value keeps the line it was read from, so
/// `tthc inspect` can show where.
///
/// A decision laid out by Decree 30/2020/NĐ-CP has all of them; a draft often leaves the
/// number and the day blank ("Số:      /QĐ-UBND"), which is reported as such.
public struct DecisionHeader: Hashable, Sendable {
    public struct Found<Value: Hashable & Sendable>: Hashable, Sendable {
        public var value: Value
        /// The line (paragraph or table row) it was read from, and the text there.
        public var line: Int
        public var text: String
    }

    public var number: Found<String>?
    public var issuer: Found<String>?
    public var place: Found<String>?
    public var issued: Found<CivilDate>?
    public var effective: Found<CivilDate>?
    public var title: Found<String>?
    /// "Số:" is there but the number is not filled in (a draft).
    public var numberLeftBlank: Int?
    /// The place-and-date line is there but its day is not filled in (a draft).
    public var dateLeftBlank: Int?

    public init() {}

    /// True when the document says nothing a decision's header says.
    public var isEmpty: Bool {
        number == nil && issuer == nil && issued == nil && effective == nil && title == nil
    }

    /// Reads the header from a document's rows.
    public static func read(_ rows: [GridRow]) -> DecisionHeader {
        var header = DecisionHeader()
        /// Lines seen per grid column, for the issuer above "Số:".
        var linesByColumn: [Int: [String]] = [:]
        var afterQuyetDinh = false
        var signing: Found<Bool>?
        for row in rows {
            let filled = row.filled
            let rowText = filled.map { TextNormalization.clean($0.cell.text) }.joined(separator: " ")
            // Header lines are short; an annex row is not looked at for them.
            let short = rowText.utf8.count <= 600
            if short {
                for (_, cell) in filled {
                    let lines = cell.text.split(whereSeparator: \.isNewline).map { TextNormalization.clean(String($0)) }
                    for line in lines where !line.isEmpty {
                        if header.number == nil, header.numberLeftBlank == nil, let rest = numberLine(line) {
                            if let first = rest.first, first.isNumber {
                                let value = rest.count <= 40 ? String(rest.filter { !$0.isWhitespace }) : String(rest.prefix { !$0.isWhitespace })
                                header.number = Found(value: value, line: row.line, text: line)
                            } else {
                                header.numberLeftBlank = row.line
                            }
                            if header.issuer == nil {
                                let above = (linesByColumn[cell.column] ?? []).filter(isIssuerLine).suffix(3)
                                if !above.isEmpty {
                                    header.issuer = Found(value: above.joined(separator: " "), line: row.line, text: above.joined(separator: " / "))
                                }
                            }
                        } else if header.issued == nil, header.dateLeftBlank == nil, isPlaceAndDate(line) {
                            if let date = dates(in: line).first {
                                header.issued = Found(value: date, line: row.line, text: line)
                            } else {
                                header.dateLeftBlank = row.line
                            }
                            if let comma = line.firstIndex(of: ","), line.distance(from: line.startIndex, to: comma) <= 40 {
                                header.place = Found(value: String(line[..<comma]).trimmingWhitespace(), line: row.line, text: line)
                            }
                        }
                        linesByColumn[cell.column, default: []].append(line)
                    }
                }
            }
            let folded = TextNormalization.fold(rowText)
            if header.title == nil {
                if afterQuyetDinh, !rowText.isEmpty {
                    if !folded.hasPrefix("can cu") { header.title = Found(value: rowText, line: row.line, text: rowText) }
                    afterQuyetDinh = false
                } else if folded == "quyet dinh" {
                    afterQuyetDinh = true
                }
            }
            if header.effective == nil, signing == nil, folded.contains("co hieu luc"), let from = effectiveFrom(rowText) {
                switch from {
                case .signing: signing = Found(value: true, line: row.line, text: rowText)
                case .date(let date): header.effective = Found(value: date, line: row.line, text: rowText)
                }
            }
        }
        if let signing, let issued = header.issued {
            header.effective = Found(value: issued.value, line: signing.line, text: signing.text)
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
        return folded.contains(" ngay ") && folded.contains(" thang ") && folded.contains(" nam ")
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
