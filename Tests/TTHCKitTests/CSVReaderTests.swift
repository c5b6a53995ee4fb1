import Testing
@testable import TTHCKit

@Suite struct CSVReaderTests {
    func document(_ bytes: [UInt8]) throws -> CSVDocument {
        let result = CSVReader.read(InputFile(displayPath: "t.csv", bytes: bytes))
        #expect(result.diagnostics.isEmpty)
        return try #require(result.value)
    }

    func cells(_ doc: CSVDocument) -> [[String]] { doc.records.map { $0.cells.map(\.text) } }

    @Test func quotedCellsKeepDelimitersLineBreaksAndQuotes() throws {
        let doc = try document(Array("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"x\ny\",,z\n".utf8))
        #expect(cells(doc) == [["a", "b,1", "say \"hi\""], ["x\ny", "", "z"]])
        #expect(doc.records.map(\.line) == [1, 2])
        #expect(doc.records[1].cells.map { [$0.line, $0.column] } == [[2, 1], [3, 4], [3, 5]])
        #expect(doc.delimiter == ",")
    }

    /// Columns count characters (Unicode scalars), not bytes.
    @Test func columnsCountCharacters() throws {
        let doc = try document(Array("Mã số;Tên thủ tục;đ\n".utf8))
        #expect(doc.records[0].cells.map(\.column) == [1, 7, 19])
        #expect(doc.delimiter == ";")
    }

    @Test(arguments: [
        ("STT;Tên;Phí, lệ phí\n1;A;Không, miễn\n2;B;100, 200, 300\n", ";"),
        ("STT,Tên,\"Phí; lệ phí\"\n1,A,\"x;y;z\"\n", ","),
        ("STT\tTên\tPhí, lệ phí\n1\tA\tKhông\n", "\t"),
        ("PHỤ LỤC;;\nDANH MỤC, 2026;;\nSTT;Tên;Phí\n", ";"),
    ])
    func delimiterIsDetected(text: String, delimiter: String) throws {
        #expect(try document(Array(text.utf8)).delimiter == Character(delimiter))
    }

    @Test func lineEndsCRLFLoneCRAndLF() throws {
        let doc = try document(Array("a,b\r\nc,d\re,f\ng,h".utf8))
        #expect(cells(doc) == [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]])
        #expect(doc.records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let doc = try document(Array("a,b\n\n\r\nc,d\n".utf8))
        #expect(doc.records.map(\.line) == [1, 4])
    }

    @Test func encodings() throws {
        let text = "Mã,Tên\n1.000001,Thủ tục\n"
        let expected = [["Mã", "Tên"], ["1.000001", "Thủ tục"]]
        let utf8 = try document(Array(text.utf8))
        #expect(utf8.encoding == .utf8 && cells(utf8) == expected)
        let bom = try document([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(bom.encoding == .utf8WithBOM && cells(bom) == expected)
        #expect(bom.records[0].cells[0].column == 1)
        let le = try document(utf16(text, bigEndian: false))
        #expect(le.encoding == .utf16LE && cells(le) == expected)
        let be = try document(utf16(text, bigEndian: true))
        #expect(be.encoding == .utf16BE && cells(be) == expected)
        // Without a BOM the NUL pattern of the ASCII start gives the byte order away.
        let bare = try document(Array(utf16("STT,Tên\n1,A\n", bigEndian: false).dropFirst(2)))
        #expect(bare.encoding == .utf16LE && cells(bare) == [["STT", "Tên"], ["1", "A"]])
        // Characters outside the BMP come through surrogate pairs.
        #expect(cells(try document(utf16("a,😀\n", bigEndian: true))) == [["a", "😀"]])
    }

    @Test func trailingDelimiterGivesAnEmptyLastCell() throws {
        #expect(cells(try document(Array("a,b,\nc,d,".utf8))) == [["a", "b", ""], ["c", "d", ""]])
    }

    /// The fast path returns exactly what TextNormalization.clean returns, over strings
    /// built from the characters listings contain, spaces in every position, decomposed
    /// marks and odd whitespace.
    @Test func fastCleanAgreesWithClean() {
        let alphabet: [String] = ["a", "Đ", "ệ", "ư", "ờ", "e\u{301}", " ", "  ", "\u{A0}", "\n", "\t", "₫", "–", "\u{2126}", "1", ",", "\"", "ﬁ", "\u{200B}", "Ω"]
        var generator = SplitMix(seed: 42)
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 8)
            let s = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            #expect(TextNormalization.clean(s) == TextNormalization.normalisedByFoundation(s), "\(Array(s.unicodeScalars))")
        }
    }

    /// The lookup rows use agrees with the header map's dictionary, as matched and after
    /// the dictionary is changed.
    @Test func headerMapLookupFollowsItsIndex() {
        let header = CSVRecord(cells: ["STT", "Tên thủ tục", "Mã TTHC", "Ghi chú", "Lĩnh vực"].enumerated().map {
            CSVCell(text: $0.element, line: 3, column: 1 + 10 * $0.offset)
        }, line: 3)
        var (map, _) = HeaderMatcher.match(header, CatalogueColumn.specs, file: "t.csv")
        #expect(map.index == [.no: 0, .name: 1, .code: 2, .field: 4])
        func agrees() -> Bool { CatalogueColumn.allCases.allSatisfy { map.cellIndex($0) == map.index[$0] } }
        #expect(agrees())
        map.index[.code] = nil
        map.index[.fees] = 3
        #expect(map.cellIndex(.code) == nil && map.cellIndex(.fees) == 3 && agrees())
        #expect(!map.contains(.code) && map.contains(.fees))
    }

    /// The header trie answers what folding the whole cell and matching it answers, for
    /// every format's columns and a set with prefixes (an empty one too): over the aliases
    /// themselves, their beginnings and extensions in other cases and spacing, and text
    /// with scalars outside the fold table (where it must defer).
    @Test func headerTrieAgreesWithFoldingTheWholeCell() {
        let prefixed = [
            ColumnSpec("note", ["Ghi chú"], prefixes: ["Ghi chú", "Căn cứ pháp lý"]),
            ColumnSpec("name", ["Tên thủ tục"]),
        ]
        let anyText = [ColumnSpec("any", ["STT"], prefixes: ["—"])]
        func check<Key>(_ specs: [ColumnSpec<Key>], seed: UInt64) {
            let words = HeaderWords(specs)
            var pieces = ["a", "Đ", "ệ", "ư", " ", "\n", ",", "1", "e\u{301}", "(", "ﬁ", "Ω", "\u{A0}"]
            for spec in specs { for alias in spec.aliases + spec.prefixes { pieces += [alias, alias.uppercased(), String(alias.prefix(3)), String(alias.dropFirst(2))] } }
            var generator = SplitMix(seed: seed)
            var deferred = 0
            for _ in 0..<20_000 {
                let length = Int(generator.next() % 4)
                let s = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
                let folded = TextNormalization.fold(s)
                let whole = !folded.isEmpty && specs.contains { $0.matches(folded: folded) }
                if let answer = words.names(s) {
                    #expect(answer == whole, "\(s.debugDescription) folds to \(folded.debugDescription)")
                } else {
                    deferred += 1
                    #expect(s.unicodeScalars.contains { $0.value >= 0x300 && !(0x1E00...0x1EFF).contains($0.value) })
                }
                #expect(HeaderMatcher.recognisedCount(CSVRecord(cells: [CSVCell(text: s, line: 1, column: 1)], line: 1), specs) == (whole ? 1 : 0))
            }
            #expect(deferred > 0 && deferred < 20_000)
        }
        check(CatalogueColumn.specs, seed: 1)
        check(RegisterColumn.specs, seed: 2)
        check(prefixed, seed: 3)
        check(anyText, seed: 4)
    }
}

/// A small deterministic generator (SplitMix64) so the property test is reproducible.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
