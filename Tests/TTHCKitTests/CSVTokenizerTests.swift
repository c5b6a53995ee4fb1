import Testing
@testable import TTHCKit

/// The CSV tokenizer on the inputs where tokenizers go wrong, each pinned whole: every
/// record's line, every cell's place and text, every diagnostic as printed. The expected
/// texts are what the reader said before it was rewritten for speed, so they pin that its
/// behaviour did not change; and the annex interpreter's path (``CSVTableSource``, which
/// builds grid cells straight from the bytes) must see the very same cells.
@Suite struct CSVTokenizerTests {
    /// "line: [line:column "text"] …" for each record handed over (also from a file with
    /// errors, which the table readers then refuse), then each diagnostic.
    static func tokens(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        let (_, diagnostics) = CSVReader.forEachRecord(InputFile(displayPath: "t.csv", bytes: bytes)) { record in
            out.append("\(record.line): " + record.cells.map { "[\($0.line):\($0.column) \($0.text.debugDescription)]" }.joined(separator: " "))
        }
        return out + diagnostics.map { $0.rendered(.en) }
    }

    /// The rows the interpreter's source hands over, in the same form.
    static func gridTokens(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        let diagnostics = CSVTableSource(InputFile(displayPath: "t.csv", bytes: bytes)).forEachRow { row in
            out.append("\(row.line): " + row.cells.map { "[\($0.line):\($0.column) \($0.text.debugDescription)]" }.joined(separator: " "))
        }
        return out + diagnostics.map { $0.rendered(.en) }
    }

    static let cases: [(name: String, bytes: [UInt8])] = [
        ("quoted fields with line breaks", Array("a,\"x\ny\",b\n\"1\n\n2\",c,\"\n\"\nz,z,z\n".utf8)),
        ("doubled quotes", Array("\"say \"\"hi\"\"\",\"\"\"\"\"\",\"\"\n\"\"\"a\",b\"\"c\n".utf8)),
        ("CR/LF and lone CR, inside and outside quotes", Array("a,\"b\r\nc\",\"d\re\"\rf,g\r\n\r\rh,i\n".utf8)),
        ("BOM at the start", [0xEF, 0xBB, 0xBF] + Array("Mã,Tên\n1,đ\n".utf8)),
        ("BOM inside an unquoted cell", Array("a,b\nc\u{FEFF}d,e\n".utf8)),
        ("BOM at the start of a line and in a quoted cell", Array("a,b\n\u{FEFF}c,\"x\u{FEFF}y\"\n".utf8)),
        ("invalid UTF-8 after multi-byte letters", Array("Mã số,Tên\nđệ,ư".utf8) + [0xC3, 0x28] + Array(",z\n".utf8)),
        ("invalid UTF-8 after a quoted line break", Array("a,\"Tên\nthủ ".utf8) + [0xE1, 0xBB] + Array("\"\n".utf8)),
        ("truncated UTF-8 at the end", Array("a,b\nc,đ".utf8) + [0xE1]),
        ("invalid UTF-8 after a BOM", [0xEF, 0xBB, 0xBF] + Array("ab,ế".utf8) + [0xFF]),
        ("a quote inside an unquoted cell", Array("a\"b,c\"d\"\ne,f\n".utf8)),
        ("text after a closing quote", Array("\"ab\"cd,e\nf,\"g\" ,h\n".utf8)),
        ("unterminated quote", Array("a,b\nc,\"d\ne,f\n".utf8)),
        ("last line without a line break", Array("a,b\nc,\"d\"".utf8)),
        ("last cell empty at the end of the file", Array("a;b;\nc;".utf8)),
        ("blank lines and a record of blanks", Array("\n\r\n;;\n\ra;b\n".utf8)),
        ("NUL bytes", Array("a,b\nc".utf8) + [0] + Array("d,\"".utf8) + [0] + Array("\"\n".utf8)),
        ("tab delimiter, semicolons and commas in text", Array("STT\tTên\n1\tA, B; C\n".utf8)),
        ("UTF-16 LE with a quoted line break", [0xFF, 0xFE] + Array("a,\"b\nc\"\nđ,e\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
    ]

    /// The grid path checks UTF-8 cell by cell as it tokenises, not the whole file first:
    /// of a file that is not UTF-8 it hands over the records before the bad one, then
    /// gives the same error (the readers set those records aside).
    static let gridRecordsBeforeTheBadByte: [String: [String]] = [
        "invalid UTF-8 after multi-byte letters": ["1: [1:1 \"Mã số\"] [1:7 \"Tên\"]"],
        "truncated UTF-8 at the end": ["1: [1:1 \"a\"] [1:3 \"b\"]"],
    ]

    @Test(arguments: 0..<cases.count)
    func awkwardInput(_ index: Int) {
        let (name, bytes) = Self.cases[index]
        #expect(Self.tokens(bytes) == Self.expected[index], "\(name)")
        #expect(Self.gridTokens(bytes) == (Self.gridRecordsBeforeTheBadByte[name] ?? []) + Self.expected[index], "\(name)")
    }

    /// Records handed over, cells in them, and the diagnostics, on both paths.
    static func budget(_ text: String) -> (records: Int, cells: Int, grid: (records: Int, cells: Int), diagnostics: [String], gridDiagnostics: [String]) {
        let file = InputFile(displayPath: "t.csv", bytes: Array(text.utf8))
        var records = 0, cells = 0, gridRecords = 0, gridCells = 0
        let (_, diagnostics) = CSVReader.forEachRecord(file) { records += 1; cells += $0.cells.count }
        let gridDiagnostics = CSVTableSource(file).forEachRow { gridRecords += 1; gridCells += $0.cells.count }
        return (records, cells, (gridRecords, gridCells), diagnostics.map { $0.rendered(.en) }, gridDiagnostics.map { $0.rendered(.en) })
    }

    /// Every limit of ``TableLimits`` stops (or cuts) both paths at the same place, with
    /// the same words, after handing over the same records.
    @Test func limitsHoldOnBothPaths() {
        let mebibyte = TableLimitTests.mebibyte
        let cases: [(text: String, records: Int, cells: Int, diagnostics: [String])] = [
            // A cell of exactly 1 MiB, unquoted and quoted, is read.
            ("x\n" + mebibyte + "\n\"" + mebibyte + "\"\n", 3, 3, []),
            // One byte more is refused at the cell's start, quoted or not.
            ("x\n" + mebibyte + "b,c\n", 1, 1, ["t.csv:2:1: " + TableLimitTests.cellTooLong]),
            ("x\n\"" + mebibyte + "b\"\n", 1, 1, ["t.csv:2:1: " + TableLimitTests.cellTooLong]),
            // Text after the closing quote counts towards the cell.
            ("x\n\"" + mebibyte + "\"b\n", 1, 1, [
                "t.csv:2:349529: error: text after a closing quote; inside a quoted cell, write each \" as \"\"",
                "t.csv:2:1: " + TableLimitTests.cellTooLong,
            ]),
            // 1,025 cells: the last is left out, with a warning where it starts.
            (String(repeating: "a,", count: 1_024) + "a\nb\n", 2, 1_025, ["t.csv:1:2049: " + TableLimitTests.tooWide]),
            // The 100,001st record, then the 2,000,001st cell.
            (String(repeating: "a\n", count: 100_001), 100_000, 100_000, ["t.csv:100001:1: " + TableLimitTests.tooManyRows]),
            (String(repeating: String(repeating: "a,", count: 999) + "a\n", count: 2_000) + "x,y\n", 2_000, 2_000_000,
             ["t.csv:2001:1: " + TableLimitTests.tooManyCells]),
        ]
        for (n, c) in cases.enumerated() {
            let got = Self.budget(c.text)
            #expect(got.records == c.records && got.cells == c.cells, "case \(n)")
            #expect(got.grid.records == c.records && got.grid.cells == c.cells, "case \(n)")
            #expect(got.diagnostics == c.diagnostics, "case \(n)")
            #expect(got.gridDiagnostics == c.diagnostics, "case \(n)")
        }
    }

    static let expected: [[String]] = [
        // quoted fields with line breaks
        [
            "1: [1:1 \"a\"] [1:3 \"x\\ny\"] [2:4 \"b\"]",
            "3: [3:1 \"1\\n\\n2\"] [5:4 \"c\"] [5:6 \"\\n\"]",
            "7: [7:1 \"z\"] [7:3 \"z\"] [7:5 \"z\"]",
        ],
        // doubled quotes
        [
            "1: [1:1 \"say \\\"hi\\\"\"] [1:14 \"\\\"\\\"\"] [1:21 \"\"]",
            "2: [2:1 \"\\\"a\"] [2:7 \"b\\\"\\\"c\"]",
        ],
        // CR/LF and lone CR, inside and outside quotes
        [
            "1: [1:1 \"a\"] [1:3 \"b\\r\\nc\"] [2:4 \"d\\re\"]",
            "4: [4:1 \"f\"] [4:3 \"g\"]",
            "7: [7:1 \"h\"] [7:3 \"i\"]",
        ],
        // BOM at the start
        [
            "1: [1:1 \"Mã\"] [1:4 \"Tên\"]",
            "2: [2:1 \"1\"] [2:3 \"đ\"]",
        ],
        // BOM inside an unquoted cell
        [
            "1: [1:1 \"a\"] [1:3 \"b\"]",
            "2: [2:1 \"cd\"] [2:5 \"e\"]",
            "t.csv:2:2: error: a byte order mark (U+FEFF) in the middle of the file: two files were probably joined; remove it or split the file",
        ],
        // BOM at the start of a line and in a quoted cell
        [
            "1: [1:1 \"a\"] [1:3 \"b\"]",
            "2: [2:1 \"c\"] [2:4 \"xy\"]",
            "t.csv:2:1: error: a byte order mark (U+FEFF) in the middle of the file: two files were probably joined; remove it or split the file",
            "t.csv:2:6: error: a byte order mark (U+FEFF) in the middle of the file: two files were probably joined; remove it or split the file",
        ],
        // invalid UTF-8 after multi-byte letters
        [
            "t.csv:2:5: error: the file is not UTF-8 (byte 0xC3); it was probably saved in a legacy code page (Windows-1258, TCVN3, VNI). Save it again as CSV UTF-8: in Excel, File › Save As › CSV UTF-8 (Comma delimited); in LibreOffice, choose the Unicode (UTF-8) character set",
        ],
        // invalid UTF-8 after a quoted line break
        [
            "t.csv:2:5: error: the file is not UTF-8 (byte 0xE1); it was probably saved in a legacy code page (Windows-1258, TCVN3, VNI). Save it again as CSV UTF-8: in Excel, File › Save As › CSV UTF-8 (Comma delimited); in LibreOffice, choose the Unicode (UTF-8) character set",
        ],
        // truncated UTF-8 at the end
        [
            "t.csv:2:4: error: the file is not UTF-8 (byte 0xE1); it was probably saved in a legacy code page (Windows-1258, TCVN3, VNI). Save it again as CSV UTF-8: in Excel, File › Save As › CSV UTF-8 (Comma delimited); in LibreOffice, choose the Unicode (UTF-8) character set",
        ],
        // invalid UTF-8 after a BOM
        [
            "t.csv:1:5: error: the file is not UTF-8 (byte 0xFF); it was probably saved in a legacy code page (Windows-1258, TCVN3, VNI). Save it again as CSV UTF-8: in Excel, File › Save As › CSV UTF-8 (Comma delimited); in LibreOffice, choose the Unicode (UTF-8) character set",
        ],
        // a quote inside an unquoted cell
        [
            "1: [1:1 \"a\\\"b\"] [1:5 \"c\\\"d\\\"\"]",
            "2: [2:1 \"e\"] [2:3 \"f\"]",
        ],
        // text after a closing quote
        [
            "1: [1:1 \"abcd\"] [1:8 \"e\"]",
            "2: [2:1 \"f\"] [2:3 \"g \"] [2:8 \"h\"]",
            "t.csv:1:5: error: text after a closing quote; inside a quoted cell, write each \" as \"\"",
            "t.csv:2:6: error: text after a closing quote; inside a quoted cell, write each \" as \"\"",
        ],
        // unterminated quote
        [
            "1: [1:1 \"a\"] [1:3 \"b\"]",
            "2: [2:1 \"c\"] [2:3 \"d\\ne,f\\n\"]",
            "t.csv:2:3: error: the quote opened here is not closed before the end of the file",
        ],
        // last line without a line break
        [
            "1: [1:1 \"a\"] [1:3 \"b\"]",
            "2: [2:1 \"c\"] [2:3 \"d\"]",
        ],
        // last cell empty at the end of the file
        [
            "1: [1:1 \"a\"] [1:3 \"b\"] [1:5 \"\"]",
            "2: [2:1 \"c\"] [2:3 \"\"]",
        ],
        // blank lines and a record of blanks
        [
            "3: [3:1 \"\"] [3:2 \"\"] [3:3 \"\"]",
            "5: [5:1 \"a\"] [5:3 \"b\"]",
        ],
        // NUL bytes
        [
            "1: [1:1 \"a\"] [1:3 \"b\"]",
            "2: [2:1 \"c\\0d\"] [2:5 \"\\0\"]",
            "t.csv:2:2: error: the file contains a NUL byte: this is not CSV text (a binary file, or UTF-16 without a BOM?); save it again as CSV UTF-8",
        ],
        // tab delimiter, semicolons and commas in text
        [
            "1: [1:1 \"STT\"] [1:5 \"Tên\"]",
            "2: [2:1 \"1\"] [2:3 \"A, B; C\"]",
        ],
        // UTF-16 LE with a quoted line break
        [
            "1: [1:1 \"a\"] [1:3 \"b\\nc\"]",
            "3: [3:1 \"đ\"] [3:3 \"e\"]",
        ],
    ]
}
