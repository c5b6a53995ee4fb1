/// The ``DecisionHeader`` of a decision published as a document (the web page or PDF of
/// the whole decision, not only its annex), read from the page's lines.
///
/// The lines read:
///
/// | value | written as |
/// |---|---|
/// | number | "Số: 1696/QĐ-UBND", "Số: 09/2025/QĐ-UBND" (a number left blank, "Số:   /QĐ-UBND", is noted, not guessed) |
/// | issuer | the capitals above "Số:" in the same column ("ỦY BAN NHÂN DÂN / TỈNH LÀO CAI", "BỘ TƯ PHÁP") |
/// | place, issue date | "Lào Cai, ngày 15 tháng 5 năm 2026" |
/// | effective date | "… có hiệu lực (thi hành) kể từ ngày 01/7/2025", "… kể từ ngày 01 tháng 7 năm 2025", "… kể từ ngày ký" (the issue date) |
/// | title | the lines under "QUYẾT ĐỊNH" up to the signer's title or "Căn cứ …" ("Về việc công bố danh mục thủ tục hành chính mới ban hành …") |
///
/// The first of each wins.
extension DecisionHeader {
    /// Reads the header from a document's rows (as a ``TableSource`` gives them).
    public static func readDocument(_ rows: [GridRow], file: String) -> DecisionHeader {
        var extractor = Extractor(file: file)
        for row in rows { extractor.feed(row) }
        return extractor.header
    }
}

private struct Extractor {
    let file: String
    var header = DecisionHeader()
    /// Capitals seen above the number, by grid column: the issuer's lines.
    var capitals: [Int: [String]] = [:]
    /// Collecting the title: the lines so far, and where it started.
    var titleLines: [String]?
    var titleAt: SourceLocation?
    var rowsRead = 0
    /// Past the first annex heading.
    var inAnnex = false

    init(file: String) { self.file = file }

    mutating func feed(_ row: GridRow) {
        // The decision says who it is before its annexes: from the first "Phụ lục" heading
        // on, a "Số:" or a date line belongs to a form in the annex, not to the decision.
        if inAnnex { return }
        if row.cells.count == 1, row.cells[0].text.utf8.count < 200,
           TextNormalization.fold(row.cells[0].text).hasPrefix("phu luc") {
            finishTitle()
            inAnnex = true
            return
        }
        let filled = row.filled
        guard !filled.isEmpty, filled.count <= 6 else {
            finishTitle()
            return
        }
        // The pieces of the row: its cells, and in a cell the parts a source separated by a
        // tab (the PDF reader's wide gaps on a line outside any table: the header block's
        // two columns, "Số:      /QĐ-UBND", "Lai Châu, ngày      tháng    năm 2025").
        var pieces: [(text: String, at: SourceLocation)] = []
        for (_, cell) in filled {
            let at = SourceLocation(file: file, line: cell.line, column: cell.column)
            for part in cell.text.split(separator: "\t") { pieces.append((String(part), at)) }
        }
        let alone = pieces.count == 1
        for (index, piece) in pieces.enumerated() {
            // The number and the place and date may run over the next pieces.
            let following = pieces[index...].prefix(4).map { TextNormalization.clean($0.text) }.joined(separator: " ")
            readNumber(following, column: index, at: piece.at)
            if piece.text.contains(","), TextNormalization.fold(piece.text).contains("ngay") { readDate(following, at: piece.at) }
            for line in piece.text.split(whereSeparator: \.isNewline).map({ TextNormalization.clean(String($0)) }) where !line.isEmpty {
                read(line, column: index, at: piece.at, alone: alone)
            }
        }
    }

    mutating func read(_ line: String, column: Int, at: SourceLocation, alone: Bool) {
        let folded = TextNormalization.fold(line)
        if titleLines != nil {
            if Self.endsTitle(folded) || !alone {
                finishTitle()
            } else if titleLines!.count < 6 {
                if titleLines!.isEmpty { titleAt = at }
                titleLines!.append(line)
                return
            }
        }
        if header.title == nil, folded == "quyet dinh" {
            titleLines = []
            titleAt = nil
            return
        }
        readNumber(line, column: column, at: at)
        if header.number == nil, header.numberLeftBlank == nil, Self.isIssuerLine(line, folded: folded) {
            capitals[column, default: []].append(line)
        }
        readDate(line, at: at)
        if header.effective == nil, header.effectiveFromSigning == nil, let range = folded.range(of: "hieu luc") {
            let after = String(folded[range.upperBound...])
            if let from = after.range(of: "tu ngay") {
                let rest = String(after[from.upperBound...]).trimmingWhitespace()
                if rest == "ky" || rest.hasPrefix("ky ") {
                    header.effectiveFromSigning = .init(value: true, text: line, location: at)
                } else if let date = Self.date(rest) {
                    header.effective = .init(value: date, text: line, location: at)
                }
            }
        }
    }

    mutating func readNumber(_ line: String, column: Int, at: SourceLocation) {
        guard header.number == nil, header.numberLeftBlank == nil, let number = Self.number(in: line) else { return }
        if let number {
            header.number = .init(value: number, text: line, location: at)
        } else {
            header.numberLeftBlank = at
        }
        if header.issuer == nil, let lines = capitals[column], !lines.isEmpty {
            let issuer = lines.suffix(3)
            header.issuer = .init(value: issuer.joined(separator: " "), text: issuer.joined(separator: " / "), location: at)
        }
    }

    mutating func readDate(_ line: String, at: SourceLocation) {
        guard header.issued == nil, let (place, date) = Self.placeAndDate(line) else { return }
        if let date {
            header.issued = .init(value: date, text: line, location: at)
        } else if header.dateLeftBlank == nil {
            header.dateLeftBlank = at
        }
        if header.place == nil, !place.isEmpty { header.place = .init(value: place, text: line, location: at) }
    }

    mutating func finishTitle() {
        guard let lines = titleLines else { return }
        titleLines = nil
        if !lines.isEmpty {
            let at = titleAt ?? SourceLocation(file: file)
            let text = lines.joined(separator: " ")
            header.title = .init(value: text, text: text, location: at)
        }
    }

    /// Lines that end the title: the signer's title or the grounds.
    static func endsTitle(_ folded: String) -> Bool {
        ["chu tich", "bo truong", "thu truong", "can cu", "uy ban nhan dan", "giam doc", "thu tuong", "quyet dinh", "dieu 1"]
            .contains { folded.hasPrefix($0) }
    }

    /// nil: no number line; .some(nil): the number is left blank; .some(n): the number.
    /// "Số: 1696/QĐ-UBND", "Số 09/2025/QĐ-UBND", "Số:      /QĐ-UBND".
    static func number(in line: String) -> String?? {
        let tokens = line.split(whereSeparator: \.isWhitespace).map(String.init)
        // The line starts with "Số" ("Kèm theo Quyết định số …/QĐ-UBND" is a reference, not the number).
        guard let head = tokens.first, TextNormalization.fold(head) == "so" else { return nil }
        let so = 0
        for (k, token) in tokens.enumerated().dropFirst(so + 1).prefix(3) {
            let upper = token.uppercased()
            guard upper.contains("/QĐ") || upper.contains("/QD") else { continue }
            var t = Substring(token)
            while let c = t.first, ",;.:()".contains(c) { t.removeFirst() }
            while let c = t.last, ",;.:()".contains(c) { t.removeLast() }
            if let first = t.unicodeScalars.first, ("0"..."9").contains(first) { return .some(String(t)) }
            // "1696 /QĐ-UBND": the number apart from the slash.
            if k > so + 1, let digit = tokens[k - 1].unicodeScalars.first, ("0"..."9").contains(digit) {
                return .some(tokens[k - 1] + String(t))
            }
            return .some(nil)
        }
        return nil
    }

    static func isIssuerLine(_ line: String, folded: String) -> Bool {
        if folded.contains("cong hoa") || folded.contains("doc lap") || folded.contains("hanh phuc") { return false }
        let letters = line.unicodeScalars.filter { $0.properties.isAlphabetic }
        return letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
    }

    /// "Lào Cai, ngày 15 tháng 5 năm 2026" → place and date (nil when the day or month is
    /// left blank, "ngày      tháng 9 năm 2025", or the date is impossible).
    static func placeAndDate(_ line: String) -> (String, CivilDate?)? {
        guard let comma = line.range(of: ", ngày") ?? line.range(of: ", Ngày") ?? line.range(of: ",ngày") else { return nil }
        let place = String(line[..<comma.lowerBound]).trimmingWhitespace()
        let rest = TextNormalization.fold(String(line[comma.lowerBound...]))
        guard rest.contains("thang"), rest.contains("nam"), place.count <= 40, !place.isEmpty else { return nil }
        return (place, Self.date(rest))
    }

    /// "15 thang 5 nam 2026", "ngay 15 thang 5 nam 2026", "01 7 2025" (01/7/2025 folded):
    /// day, month and year as the first words.
    static func date(_ folded: String) -> CivilDate? {
        var words = folded.split(separator: " ").map(String.init)
        if words.first == "ngay" { words.removeFirst() }
        func number(_ i: Int) -> Int? { i < words.count && words[i].count <= 4 ? Int(words[i]) : nil }
        if words.count >= 5, words[1] == "thang", words[3] == "nam", let d = number(0), let m = number(2), let y = number(4), y >= 1900 {
            return CivilDate(year: y, month: m, day: d)
        }
        if let d = number(0), let m = number(1), let y = number(2), y >= 1900 {
            return CivilDate(year: y, month: m, day: d)
        }
        return nil
    }
}
