/// What a column of an annex table holds, as its header says.
public enum AnnexColumn: Hashable, Sendable {
    /// STT, TT
    case number
    /// Mã TTHC, Mã số, Số hồ sơ TTHC, Mã hồ sơ, Ký hiệu thủ tục
    case code
    /// Tên thủ tục hành chính, Tên TTHC, Tên
    case name
    case field
    case agency
    /// Cấp thực hiện (the levels as words)
    case levels
    /// One level per column under a merged "Cấp thực hiện" header, ticked with "x".
    case levelMark(AdministrativeLevel)
    case processingTime
    case fees
    /// Mức độ DVC trực tuyến (the level as words)
    case onlineService
    /// "Toàn trình" / "Một phần" under a merged "Mức độ DVC" header, ticked with "x".
    case onlineMark(OnlineServiceLevel)
    case legalBasis
    /// Mã TTHC được thay thế
    case replaces
    /// Tên TTHC được thay thế (may hold the replaced code in brackets)
    case replacedName
    case change
    /// Ghi chú: sometimes the only place that names the level.
    case notes
    /// A header the interpreter knows and does not need (Cách thức thực hiện, Địa điểm
    /// thực hiện, Cơ quan ban hành, the reduced processing time, BCCI…).
    case known(String)

    /// The English name used in `tthc inspect` and in messages.
    public var name: String {
        switch self {
        case .number: "number"
        case .code: "code"
        case .name: "name"
        case .field: "field"
        case .agency: "agency"
        case .levels: "levels"
        case .levelMark(let l): "level mark (\(l.rawValue))"
        case .processingTime: "processing time"
        case .fees: "fees"
        case .onlineService: "online service"
        case .onlineMark(let l): "online service mark (\(l.rawValue))"
        case .legalBasis: "legal basis"
        case .replaces: "replaces"
        case .replacedName: "replaced name"
        case .change: "change"
        case .notes: "notes"
        case .known(let what): what
        }
    }

    /// True for columns whose values the interpreter reads (not ``known(_:)``).
    var isRead: Bool { if case .known = self { false } else { true } }
}

/// The words of real annex tables: header cells, section and title rows, levels, codes.
/// Everything is matched on ``TextNormalization/fold(_:)`` keys, so case, diacritics,
/// punctuation, line breaks and spacing do not matter. See docs/formats.md for the lists.
public enum AnnexVocabulary {
    /// The column a header cell names, or nil when it names none the interpreter knows.
    /// `folded` is the cell's folded text.
    public static func column(forFolded h: String) -> AnnexColumn? {
        if h.isEmpty { return nil }
        let words = h.split(separator: " ").map(String.init)
        func starts(_ prefix: String) -> Bool { h == prefix || h.hasPrefix(prefix + " ") }
        func has(_ phrase: String) -> Bool { TextNormalization.contains(" " + h + " ", " " + phrase + " ") }
        let replacedWords = has("duoc thay the") || has("bi thay the")

        switch h {
        case "stt", "tt", "so tt", "so thu tu", "no", "#": return .number
        case "ten", "name", "thu tuc hanh chinh", "ten thu tuc": return .name
        case "ma", "code", "ma so", "ma hs": return .code
        case "toan trinh", "dvc toan trinh", "dvctt toan trinh", "full": return .onlineMark(.full)
        case "mot phan", "dvc mot phan", "dvctt mot phan", "partial": return .onlineMark(.partial)
        case "tinh", "cap tinh": return .levelMark(.province)
        case "huyen", "cap huyen": return .levelMark(.district)
        case "xa", "cap xa": return .levelMark(.commune)
        case "trung uong", "cap trung uong", "cap bo", "bo": return .levelMark(.central)
        case "field": return .field
        case "agency": return .agency
        case "levels": return .levels
        case "processing time": return .processingTime
        case "fees": return .fees
        case "online service": return .onlineService
        case "legal basis": return .legalBasis
        case "replaces": return .replaces
        case "change": return .change
        case "notes": return .notes
        default: break
        }
        // Documents before codes and names: "Tên VBQPPL quy định nội dung sửa đổi, bổ sung,
        // thay thế" names a law, not a procedure.
        if starts("ten vbqppl") || starts("vbqppl") || starts("ten van ban") || starts("van ban") || starts("ten vb")
            || starts("can cu") || has("can cu phap ly") || starts("quyet dinh cong bo") {
            return starts("quyet dinh cong bo") ? .known("publication decision") : .legalBasis
        }
        if starts("ma") || starts("so ho so") || starts("ky hieu") {
            return replacedWords ? .replaces : .code
        }
        if starts("ten") {
            return replacedWords ? .replacedName : .name
        }
        if starts("thay the cho") { return .replaces }
        if starts("linh vuc") { return .field }
        if starts("co quan ban hanh") { return .known("issuer") }
        if starts("co quan") || starts("don vi thuc hien") || starts("noi tiep nhan") { return .agency }
        if starts("cap thuc hien") || starts("cap giai quyet") || h == "cap" || starts("tham quyen giai quyet") { return .levels }
        if starts("thoi han") || starts("thoi gian") {
            if has("cat giam") || has("sau cat giam") || has("rut ngan") { return .known("reduced processing time") }
            return .processingTime
        }
        if words.first == "phi" || words.first == "le" && words.dropFirst().first == "phi" || starts("muc thu") { return .fees }
        if starts("muc do") || has("dvc truc tuyen") || has("dich vu cong truc tuyen") || starts("dvctt") || starts("dvc") {
            if has("toan trinh") { return .onlineMark(.full) }
            if has("mot phan") { return .onlineMark(.partial) }
            return .onlineService
        }
        if starts("loai thay doi") || starts("hinh thuc cong bo") { return .change }
        if starts("ghi chu") { return .notes }
        if starts("cach thuc") { return .known("method") }
        if starts("dia diem") { return .known("place") }
        if has("bcci") || has("buu chinh cong ich") { return .known("public postal service") }
        if starts("doi tuong") { return .known("applicants") }
        if starts("theo quy dinh") { return .processingTime }
        if starts("sau cat giam") || starts("cat giam") { return .known("reduced processing time") }
        if starts("ket qua") { return .known("result") }
        if starts("trinh tu") || starts("thanh phan ho so") { return .known("steps") }
        return nil
    }

    // MARK: Headings (title rows, part titles, section rows)

    /// What a title or section heading says. Each part is nil when the heading does not
    /// speak of it.
    public struct Heading: Hashable, Sendable {
        /// The enumerator the heading starts with ("I", "A", "1", "I.1", "a", "Phần II").
        public var enumerator: String?
        /// The text after the enumerator, trailing count ("(17 TTHC)") removed.
        public var text: String
        public var change: ChangeType?
        /// More than one change type named ("… mới ban hành, được sửa đổi, bổ sung và bị bãi
        /// bỏ …"): the heading of a whole annex, which sets none.
        public var mixedChange: Bool = false
        /// The levels it names; `[]` when it says "áp dụng chung"/"dùng chung" without
        /// naming any.
        public var levels: [AdministrativeLevel]?
        /// "Lĩnh vực X" or, after a Roman numeral, "X".
        public var field: String?

        /// True when the heading says anything the interpreter uses.
        public var isUnderstood: Bool { change != nil || mixedChange || levels != nil || field != nil }
    }

    /// Reads a heading. `text` is the row's non-blank cells joined by a space.
    public static func heading(_ text: String) -> Heading {
        let cleaned = TextNormalization.clean(text)
        let (enumerator, rest) = splitEnumerator(cleaned)
        let body = stripCount(rest)
        let folded = " " + TextNormalization.fold(body) + " "
        func says(_ phrase: String) -> Bool { TextNormalization.contains(folded, phrase) }
        var heading = Heading(enumerator: enumerator, text: body)

        var changes: Set<ChangeType> = []
        if says(" bai bo ") || says(" huy bo ") { changes.insert(.abolished) }
        if says(" thay the ") { changes.insert(.replaced) }
        if says(" sua doi ") || says(" bo sung ") { changes.insert(.amended) }
        if says(" moi ban hanh ") || says(" ban hanh moi ") || says(" tthc moi ")
            || says(" hanh chinh moi ") || says(" thu tuc moi ") || says(" cong bo moi ") {
            changes.insert(.new)
        }
        for (word, type) in [(" new ", ChangeType.new), (" amended ", .amended), (" replaced ", .replaced), (" abolished ", .abolished)]
        where says(word) { changes.insert(type) }
        if changes.count == 1 { heading.change = changes.first } else if changes.count > 1 { heading.mixedChange = true }

        let levels = levelsNamed(inFolded: folded)
        if !levels.isEmpty {
            heading.levels = levels
        } else if says(" ap dung chung ") || says(" dung chung ") {
            heading.levels = []
        }

        let foldedBody = TextNormalization.fold(body)
        if foldedBody == "linh vuc" || foldedBody.hasPrefix("linh vuc ") {
            heading.field = dropWords(body, count: 2)
        } else if heading.change == nil, !heading.mixedChange, heading.levels == nil, let enumerator,
                  isRomanNumeral(enumerator), !body.isEmpty, !foldedBody.hasPrefix("danh muc") {
            heading.field = body
        }
        return heading
    }

    /// The levels a text names: "cấp tỉnh", "cấp tỉnh và cấp huyện", "cấp tỉnh, huyện",
    /// "(CẤP BỘ, CẤP TỈNH, CẤP XÃ)", "trung ương", in the order of the enum.
    public static func levelsNamed(inFolded s: String) -> [AdministrativeLevel] {
        let tokens = s.split(separator: " ")
        var found: Set<AdministrativeLevel> = []
        var i = 0
        while i < tokens.count {
            if tokens[i] == "trung", i + 1 < tokens.count, tokens[i + 1] == "uong" { found.insert(.central) }
            if tokens[i] == "cap" {
                var j = i + 1
                while j < tokens.count {
                    switch tokens[j] {
                    case "tinh": found.insert(.province)
                    case "huyen": found.insert(.district)
                    case "xa": found.insert(.commune)
                    case "bo": found.insert(.central)
                    case "dia":
                        // "cấp trung ương và địa phương": the local level meant is the province.
                        if j + 1 < tokens.count, tokens[j + 1] == "phuong" { found.insert(.province); j += 1 }
                    case "trung":
                        if j + 1 < tokens.count, tokens[j + 1] == "uong" { found.insert(.central); j += 1 }
                    case "va", "cap", "and": break
                    default: j = tokens.count
                    }
                    j += 1
                }
            }
            i += 1
        }
        return found.sorted()
    }

    /// A levels cell in any wording: the strict list ("Tỉnh, Huyện"), else levels named
    /// with "cấp" ("UBND cấp xã"). Nil when it names none.
    public static func levels(cell text: String) -> [AdministrativeLevel]? {
        levelCells.answer(text, levelsUncached)
    }

    /// The cells of the levels and online-service columns already read (a listing repeats
    /// a handful of them on every row).
    private static let levelCells = CellCache<[AdministrativeLevel]?>()
    private static let onlineCells = CellCache<OnlineServiceLevel??>()

    private static func levelsUncached(_ text: String) -> [AdministrativeLevel]? {
        if let strict = try? Vocabulary.levels(text), !strict.isEmpty { return strict }
        let named = levelsNamed(inFolded: " " + TextNormalization.fold(text) + " ")
        return named.isEmpty ? nil : named
    }

    /// An online-service cell in any wording ("Toàn trình", "DVC trực tuyến một phần",
    /// "Mức độ 4"); `.some(nil)` for an empty cell, nil when not understood.
    public static func onlineService(cell text: String) -> OnlineServiceLevel?? {
        onlineCells.answer(text, onlineServiceUncached)
    }

    private static func onlineServiceUncached(_ text: String) -> OnlineServiceLevel?? {
        if let strict = try? Vocabulary.onlineService(text) { return .some(strict) }
        let f = " " + TextNormalization.fold(text) + " "
        func says(_ phrase: String) -> Bool { TextNormalization.contains(f, phrase) }
        if says(" toan trinh ") || says(" muc do 4 ") { return .some(.full) }
        if says(" mot phan ") || says(" muc do 3 ") { return .some(.partial) }
        if says(" khong ") || says(" muc do 2 ") || says(" muc do 1 ") || says(" cung cap thong tin ") {
            return .some(OnlineServiceLevel.none)
        }
        return nil
    }

    /// True for a tick in a mark column: "x", "X", "✓", "✔", "có".
    public static func isMark(_ text: String) -> Bool {
        let t = TextNormalization.clean(text)
        return ["x", "X", "✓", "✔", "☑", "v", "V"].contains(t) || TextNormalization.fold(t) == "co"
    }

    /// "I. Lĩnh vực X" → ("I", "Lĩnh vực X"); "I LĨNH VỰC" → ("I", "LĨNH VỰC"); "I.1. X",
    /// "V.2 X", "a) X", "1. X", "Phần II. X", "PHỤ LỤC II. X" → the enumerator and the rest.
    /// An enumerator is a Roman numeral, one letter, a number, or those joined by dots,
    /// ended by `.`, `)`, `:`, `-` or a space; a lone letter or numeral needs a `.`, `)` or
    /// a heading word after it (so "A B C" is no enumerated heading but "A. X" is).
    public static func splitEnumerator(_ heading: String) -> (String?, String) {
        var s = Substring(heading)
        var prefixWord: String?
        let folded = TextNormalization.fold(String(s.prefix(12)))
        for word in ["phan", "muc", "chuong", "phu luc", "part"] where folded == word || folded.hasPrefix(word + " ") {
            let wordLength = word == "phu luc" ? 2 : 1
            var taken = 0
            while taken < wordLength, let space = s.firstIndex(of: " ") {
                s = s[s.index(after: space)...]
                taken += 1
            }
            guard taken == wordLength else { s = Substring(heading); break }
            prefixWord = String(heading[heading.startIndex..<s.startIndex]).trimmingWhitespace()
            break
        }
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count, i < 12, scalars[i].isASCII,
              scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) || scalars[i] == "." {
            i += 1
        }
        var token = String(String.UnicodeScalarView(scalars[0..<i]))
        var hasPunctuation = false
        if token.hasSuffix(".") { token.removeLast(); hasPunctuation = true }
        guard !token.isEmpty, isEnumeratorToken(token) else { return (prefixWord, String(s)) }
        var j = i
        if !hasPunctuation, j < scalars.count {
            let t = scalars[j]
            if t == ")" || t == ":" || t == "-" || t == "–" || t == "/" {
                hasPunctuation = true
                j += 1
            } else if t != " " {
                return (prefixWord, String(s))
            }
        }
        // "A B" or "C" alone (a word, not an enumerator) when nothing but a space follows:
        // only Roman numerals and numbers stand without punctuation.
        if !hasPunctuation, prefixWord == nil, !isRomanNumeral(token), !token.allSatisfy(\.isNumber), !token.contains(".") {
            return (nil, String(s))
        }
        var rest = TextNormalization.clean(String(String.UnicodeScalarView(scalars[j...])))
        while let first = rest.first, "-–:.)".contains(first) { rest.removeFirst(); rest = rest.trimmingWhitespace() }
        let enumerator = prefixWord.map { $0 + " " + token } ?? token
        return (enumerator, rest)
    }

    /// "I", "IV", "A", "a", "12", "I.1", "1.2.3", "V.2".
    static func isEnumeratorToken(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 4 else { return false }
        for (n, part) in parts.enumerated() {
            if part.isEmpty { return n == parts.count - 1 && n > 0 }
            let s = String(part)
            let ok = isRomanNumeral(s) || (s.count <= 3 && s.allSatisfy(\.isNumber)) || (s.count == 1 && s.first!.isLetter)
            if !ok { return false }
        }
        return true
    }

    static func isRomanNumeral(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 6 && (s.allSatisfy { "IVXLC".contains($0) } || s.allSatisfy { "ivxlc".contains($0) })
    }

    /// Drops a trailing count: "LĨNH VỰC CHỨNG THỰC (17 TTHC)" → "LĨNH VỰC CHỨNG THỰC";
    /// also "(gồm 05 thủ tục)", "- 03 TTHC".
    public static func stripCount(_ s: String) -> String {
        var t = s.trimmingWhitespace()
        if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            let inside = TextNormalization.fold(String(t[t.index(after: open)..<t.index(before: t.endIndex)]))
            let words = inside.split(separator: " ")
            if words.contains(where: { $0.allSatisfy(\.isNumber) }),
               words.allSatisfy({ $0.allSatisfy(\.isNumber) || ["tthc", "thu", "tuc", "hanh", "chinh", "gom", "co", "thutuc"].contains(String($0)) }) {
                t = String(t[..<open]).trimmingWhitespace()
            }
        }
        return t
    }

    /// The text after its first `count` words, without a leading `:` or `-`.
    static func dropWords(_ s: String, count: Int) -> String? {
        var words = s.split(separator: " ", omittingEmptySubsequences: true).dropFirst(count).joined(separator: " ")
        while let first = words.first, first == ":" || first == "-" || first == "–" { words.removeFirst() }
        let cleaned = TextNormalization.clean(words)
        return cleaned.isEmpty ? nil : cleaned
    }

    // MARK: Codes

    /// Every procedure code written in a text, in order: national codes `d.dddddd` with an
    /// optional local suffix (`1.004227.000.00.00.H56`), standing as words of their own.
    public static func codes(in text: String) -> [(code: ProcedureCode, range: Range<String.Index>)] {
        var out: [(ProcedureCode, Range<String.Index>)] = []
        let chars = Array(text.unicodeScalars)
        var indices: [String.Index] = []
        indices.reserveCapacity(chars.count + 1)
        var idx = text.unicodeScalars.startIndex
        while idx < text.unicodeScalars.endIndex { indices.append(idx); idx = text.unicodeScalars.index(after: idx) }
        indices.append(text.unicodeScalars.endIndex)
        func isDigit(_ u: Unicode.Scalar) -> Bool { ("0"..."9").contains(u) }
        func isWordChar(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || isDigit(u) }
        var i = 0
        while i + 8 <= chars.count {
            let startsWord = i == 0 || !(isWordChar(chars[i - 1]) || chars[i - 1] == ".")
            if startsWord, isDigit(chars[i]), chars[i + 1] == ".", (2..<8).allSatisfy({ isDigit(chars[i + $0]) }) {
                var end = i + 8
                // A local suffix: ".000.00.00.H56"
                while end + 1 < chars.count, chars[end] == ".", isWordChar(chars[end + 1]) {
                    var k = end + 1
                    while k < chars.count, chars[k].isASCII, isWordChar(chars[k]) { k += 1 }
                    end = k
                }
                if end == chars.count || !isWordChar(chars[end]) {
                    let range = indices[i]..<indices[end]
                    out.append((ProcedureCode(String(text[range])), range))
                    i = end
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// True when a code cell says there is no code: "Không có mã", "Chưa có mã số", "-",
    /// "Chưa có".
    public static func saysNoCode(_ text: String) -> Bool {
        let f = TextNormalization.fold(text)
        if f.isEmpty { return TextNormalization.clean(text).allSatisfy { "-–—/x".contains($0) } }
        return f.hasPrefix("khong co ma") || f.hasPrefix("chua co ma") || f == "chua co" || f == "khong co"
            || f.hasPrefix("chua duoc cap ma") || f == "moi" || f == "tthc moi"
    }
}
