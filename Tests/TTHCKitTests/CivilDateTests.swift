import Testing
@testable import TTHCKit

@Suite struct CivilDateTests {
    @Test func dayNumberRoundTripsOverFourCenturies() {
        // Every day from 1900 to 2300: the day number is consecutive and converts back.
        var previous = CivilDate(year: 1900, month: 1, day: 1)!.dayNumber - 1
        for year in 1900...2300 {
            for month in 1...12 {
                for day in 1...CivilDate.daysInMonth(year: year, month: month) {
                    let d = CivilDate(year: year, month: month, day: day)!
                    #expect(d.dayNumber == previous + 1)
                    previous = d.dayNumber
                    #expect(CivilDate(dayNumber: d.dayNumber) == d)
                }
            }
        }
    }

    @Test func knownDayNumbersAndWeekdays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1)!.dayNumber == 11017)
        #expect(CivilDate(year: 1969, month: 12, day: 31)!.dayNumber == -1)
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.weekday == .thursday)
        #expect(CivilDate(year: 2026, month: 11, day: 24)!.weekday == .tuesday)
        #expect(CivilDate(year: 1945, month: 9, day: 2)!.weekday == .sunday)
        #expect(CivilDate(year: 1900, month: 1, day: 1)!.weekday == .monday)
    }

    @Test func impossibleTriplesAreRejected() {
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2024, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2024, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2024, month: 0, day: 1) == nil)
    }

    @Test(arguments: [
        ("21/01/1985", "1985-01-21"), ("1/5/2026", "2026-05-01"), ("2026-04-30", "2026-04-30"),
        (" 02/09/2025 ", "2025-09-02"), ("2-9-2025", "2025-09-02"), ("02.09.2025", "2025-09-02"),
    ])
    func parsesAcceptedForms(text: String, iso: String) throws {
        #expect(try CivilDate.parse(text).iso == iso)
    }

    @Test(arguments: ["31/02/2024", "29/02/2023", "2024-02-30", "00/01/2024", "2024-13-01"])
    func impossibleDatesSayImpossible(text: String) {
        #expect(throws: DateParseError(text: text, reason: .impossible)) { try CivilDate.parse(text) }
    }

    @Test(arguments: ["", "2024", "1/1/24", "2024/01/01", "01-01/2024", "mười/1/2024", "1/1/2024x", "+1/1/2024"])
    func malformedDatesSayMalformed(text: String) {
        #expect(throws: DateParseError(text: text, reason: .malformed)) { try CivilDate.parse(text) }
    }

    @Test func messagesAreBilingual() {
        let e = DateParseError(text: "31/02/2024", reason: .impossible)
        #expect(e.message.vi == "ngày không tồn tại \"31/02/2024\"")
        #expect(e.message.en == "no such date \"31/02/2024\"")
    }

    @Test func printsBothForms() {
        let d = CivilDate(year: 2026, month: 2, day: 9)!
        #expect(d.iso == "2026-02-09")
        #expect(d.vietnamese == "09/02/2026")
    }

    /// The parser against its definition over arrays of bytes and split parts, on texts
    /// of digits, every separator, spaces and letters: the same date, or the same error.
    @Test func parserAgreesWithItsDefinition() {
        func reference(_ text: String) -> Result<CivilDate, DateParseError> {
            let s = text.trimmingWhitespace()
            let bytes = Array(s.utf8)
            func number(_ slice: ArraySlice<UInt8>) -> Int? {
                guard !slice.isEmpty, slice.count <= 4, slice.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
                return slice.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            }
            func made(_ y: Int, _ m: Int, _ d: Int) -> Result<CivilDate, DateParseError> {
                CivilDate(year: y, month: m, day: d).map { .success($0) } ?? .failure(DateParseError(text: s, reason: .impossible))
            }
            if bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
               let y = number(bytes[0..<4]), let m = number(bytes[5..<7]), let d = number(bytes[8..<10]) { return made(y, m, d) }
            for sep in [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")] {
                let parts = bytes.split(separator: sep, omittingEmptySubsequences: false)
                guard parts.count == 3 else { continue }
                guard (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
                      let d = number(parts[0]), let m = number(parts[1]), let y = number(parts[2]) else { break }
                return made(y, m, d)
            }
            return .failure(DateParseError(text: s, reason: .malformed))
        }
        let pieces = ["1", "2", "0", "9", "31", "12", "2024", "0229", "/", "-", ".", " ", "x", "\u{A0}", "ệ"]
        var generator = SplitMix(seed: 5)
        var dates = 0
        let numbers = ["1", "01", "29", "31", "2", "12", "13", "2024", "2023", "0000", "202", "1a", ""]
        let separators = ["/", "-", ".", "/", " "]
        func pick(_ from: [String]) -> String { from[Int(generator.next() % UInt64(from.count))] }
        for k in 0..<30_000 {
            // Half of the texts shaped as three numbers and two separators, half any pieces.
            let s = k % 2 == 0
                ? pick(numbers) + pick(separators) + pick(numbers) + pick(separators) + pick(numbers) + (generator.next() % 8 == 0 ? pick(pieces) : "")
                : (0..<Int(generator.next() % 7)).map { _ in pick(pieces) }.joined()
            let parsed = Result { () throws(DateParseError) in try CivilDate.parse(s) }
            switch (parsed, reference(s)) {
            case let (.success(a), .success(b)): #expect(a == b); dates += 1
            case let (.failure(a), .failure(b)): #expect(a == b, "\(s.debugDescription)")
            default: Issue.record("\(s.debugDescription): \(parsed) against \(reference(s))")
            }
        }
        #expect(dates > 50)
    }

    /// The ISO form written byte by byte against the padded parts joined, and read back:
    /// every day of 1900–2300, and the first and last day of every year a date can be
    /// made of (1–9999); a day past 9999 (reached by counting days) keeps the padded form.
    @Test func isoFormOverWholeRanges() throws {
        func joined(_ d: CivilDate) -> String { pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2) }
        var days: [CivilDate] = []
        var d = CivilDate(year: 1900, month: 1, day: 1)!
        while d.year <= 2300 {
            days.append(d)
            d = d.adding(days: 1)
        }
        for year in 1...9999 { days += [CivilDate(year: year, month: 1, day: 1)!, CivilDate(year: year, month: 12, day: 31)!] }
        for d in days {
            #expect(d.iso == joined(d))
            #expect(try CivilDate.parse(d.iso) == d)
        }
        #expect(CivilDate(year: 12, month: 3, day: 4)!.iso == "0012-03-04")
        let later = CivilDate(dayNumber: CivilDate(year: 9999, month: 12, day: 31)!.dayNumber + 65)
        #expect(later.iso == "10000-03-05")
    }
}

@Suite struct TextNormalizationTests {
    /// Every scalar of the fast paths' ranges, alone, between letters and between spaces,
    /// folds and cleans exactly as the Foundation-based reference does.
    @Test func fastPathsAgreeWithTheReferenceScalarByScalar() {
        let scalars = (0x01..<0x300).compactMap(Unicode.Scalar.init) + (0x1E00...0x1EFF).compactMap(Unicode.Scalar.init)
            + (0x2010...0x205E).compactMap(Unicode.Scalar.init) + ["\u{20AB}"]
        for u in scalars {
            for s in ["\(Character(u))", "a\(Character(u))b", " Đ\(Character(u)) ệ "] {
                #expect(TextNormalization.fold(s) == TextNormalization.foldedByFoundation(s), "U+\(String(u.value, radix: 16))")
                #expect(Array(TextNormalization.clean(s).utf8) == Array(TextNormalization.normalisedByFoundation(s).utf8), "U+\(String(u.value, radix: 16))")
            }
        }
    }

    /// Scalars outside the tables are folded one at a time and remembered. Every scalar of
    /// the Basic Multilingual Plane from U+0300 and every 97th beyond it, alone and among
    /// letters and marks, folds as the reference does (twice: computed, then remembered).
    @Test func otherScalarsAgreeWithTheReference() {
        let values = Array(0x300..<0x10000) + Array(stride(from: 0x10000, through: 0x10FFFF, by: 97))
        for u in values.compactMap({ Unicode.Scalar(UInt32($0)) }) {
            let c = Character(u)
            for s in ["\(c)", "a\(c)\u{301}b", "Đ\u{323}\(c) ệ"] {
                let expected = TextNormalization.foldedByFoundation(s)
                #expect(TextNormalization.fold(s) == expected, "U+\(String(u.value, radix: 16))")
                #expect(TextNormalization.fold(s) == expected, "U+\(String(u.value, radix: 16)), remembered")
            }
        }
    }

    /// Random strings of scalars chosen for how normalisation treats them: nonspacing marks
    /// of different combining classes, a spacing mark that reorders (U+1D165, which sends
    /// the whole text to the reference) and one that does not, scalars that decompose into
    /// a letter or a symbol and a mark, Hangul, letter numbers, enclosing marks, case oddities.
    @Test func mixedScriptsAgreeWithTheReference() {
        #expect(TextNormalization.otherPieces("\u{1D165}") == nil)
        #expect(TextNormalization.otherPieces("\u{301}")?.count == 1)
        let alphabet: [String] = ["a", "Đ", "đ", "e\u{301}", "\u{301}", "\u{323}", "\u{345}", "\u{1D165}", "\u{1D15F}",
                                  "\u{903}", "\u{B48}", "\u{F73}", "\u{AC00}", "\u{2260}", "日", "İ", "ẞ", "ǅ", "Σ",
                                  "\u{20DD}", "٣", "Ⅻ", " ", "-", "\u{2013}", "x", "ệ", "\u{FB01}", "\u{2126}"]
        var generator = SplitMix(seed: 7)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 8)
            let s = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(TextNormalization.fold(s) == TextNormalization.foldedByFoundation(s), "\(Array(s.unicodeScalars))")
        }
    }

    /// Cells as annexes hold them (precomposed Vietnamese, punctuation, every kind of
    /// whitespace and line break, now and then a combining mark or a scalar beyond the
    /// fast paths): cleaned to exactly the bytes of the reference, whichever path is taken.
    @Test func cleaningGivesTheReferenceBytesOnCellLikeText() {
        let alphabet: [String] = ["Thủ", "tục", "Đ", "ệ", "ữ", "a", "1", ",", "–", "“", "₫", "(", " ", "  ", "\u{A0}", "\u{85}",
                                  "\t", "\n", "\r\n", "\u{2028}", "\u{202F}", "\u{200B}", "\u{FEFF}", "e\u{301}", "😀", "\u{1E00}"]
        var generator = SplitMix(seed: 1958)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 12)
            let s = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(Array(TextNormalization.clean(s).utf8) == Array(TextNormalization.normalisedByFoundation(s).utf8),
                    "\(s.debugDescription)")
        }
    }

    /// The linear normaliser gives what Foundation gives, over random strings of scalars
    /// whose canonical order matters: marks of many combining classes in any order,
    /// non-starters that decompose into several marks (U+0344, Tibetan U+0F73, U+0F75,
    /// U+0F81), precomposed letters followed by marks, Hangul syllables and loose jamo.
    @Test func linearNormalisationAgreesWithFoundation() {
        let alphabet: [String] = ["a", "ệ", "Ạ", "\u{301}", "\u{323}", "\u{302}", "\u{31B}", "\u{345}", "\u{344}", "\u{F73}",
                                  "\u{F75}", "\u{F81}", "\u{F71}", "\u{5B0}", "\u{5BC}", "\u{1D165}", "\u{1D16E}", "\u{AC00}",
                                  "\u{AC01}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{3099}", "か", " ", "\u{A0}", "\u{2000}"]
        var generator = SplitMix(seed: 11)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 10)
            let s = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(TextNormalization.normalised(s) == TextNormalization.normalisedByFoundation(s), "\(Array(s.unicodeScalars))")
            #expect(TextNormalization.clean(s) == TextNormalization.normalisedByFoundation(s), "\(Array(s.unicodeScalars))")
            #expect(TextNormalization.fold(s) == TextNormalization.foldedByFoundation(s), "\(Array(s.unicodeScalars))")
        }
    }

    /// The linear normaliser orders marks by Swift's combining classes and Foundation by
    /// its own tables: they agree on every scalar up to U+1FFFF. Each mark is put before
    /// and after one mark of every class; each other scalar between U+0301 (class 230) and
    /// U+0323 (220), where Foundation would move it if it took it for a mark.
    @Test func combiningClassesAgreeWithFoundation() {
        let scalars = (0x300..<0x20000).compactMap { Unicode.Scalar(UInt32($0)) }.filter { $0.properties.generalCategory != .unassigned }
        let marks = scalars.filter { $0.properties.canonicalCombiningClass.rawValue != 0 }
        var byClass: [UInt8: Unicode.Scalar] = [:]
        for m in marks where byClass[m.properties.canonicalCombiningClass.rawValue] == nil { byClass[m.properties.canonicalCombiningClass.rawValue] = m }
        #expect(byClass.count > 50)
        for x in marks {
            for r in byClass.values {
                for s in ["a\(Character(x))\(Character(r))", "a\(Character(r))\(Character(x))"] {
                    #expect(TextNormalization.normalised(s) == TextNormalization.normalisedByFoundation(s), "U+\(String(x.value, radix: 16))")
                }
            }
        }
        for x in scalars where x.properties.canonicalCombiningClass.rawValue == 0 {
            let s = "a\u{301}" + String(Character(x)) + "\u{323}"
            #expect(TextNormalization.normalised(s) == TextNormalization.normalisedByFoundation(s), "U+\(String(x.value, radix: 16))")
        }
    }

    /// 80,000 pairs of marks of two classes under one letter, in the wrong order: Foundation
    /// took 38 s to normalise such a cell (its canonical ordering is a bubble sort), the
    /// linear normaliser sorts the run once. The name comes out in canonical order, the dot
    /// below composed with the letter.
    @Test func longRunsOfMarksAreNormalisedInOnePass() {
        let name = "a" + String(repeating: "\u{301}\u{323}", count: 80_000)
        let text = HostileCSVTests.header + HostileCSVTests.newSection + "1,1.000001,\"" + name + "\"\n"
        let result = DecisionCSVReader.read(InputFile(displayPath: "d.csv", bytes: Array(text.utf8)))
        #expect(result.diagnostics.isEmpty)
        #expect(result.value?.first?.content.name == "ạ" + String(repeating: "\u{323}", count: 79_999) + String(repeating: "\u{301}", count: 80_000))
        // A spacing mark that reorders (U+1D165) sends the fold through the decomposition.
        #expect(TextNormalization.fold("Ab" + String(repeating: "\u{1D165}\u{301}", count: 80_000)) == "ab")
    }

    @Test(arguments: [
        ("Mã số  TTHC", "ma so tthc"), ("MÃ SỐ\nTTHC", "ma so tthc"), ("Tên thủ tục hành chính", "ten thu tuc hanh chinh"),
        ("2345/QĐ-BKHCN", "2345 qd bkhcn"), ("Thu\u{309} tu\u{323}c", "thu tuc"), ("Đường–phố", "duong pho"), ("", ""),
        ("日本 語", "日本 語"), ("  ", ""),
    ])
    func foldsToTheExpectedKey(text: String, key: String) {
        #expect(TextNormalization.fold(text) == key)
    }
}
