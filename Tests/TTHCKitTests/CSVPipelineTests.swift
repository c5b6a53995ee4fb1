import Foundation
import Testing
@testable import TTHCKit

/// A large CSV listing is decoded and tokenised on a second thread while the calling
/// thread interprets its rows (`CSVTableSource.forEachRow`). Whichever way a listing is
/// read, its procedures, origins, unplaced rows, tables, titles and every diagnostic must
/// be the same.
@Suite struct CSVPipelineTests {
    /// What a reader of the result sees, compared whole.
    struct Outcome: Equatable {
        var changes: [ProcedureChange]
        var origins: [ProcedureOrigins]
        var listed: [ListedProcedure]
        var unplaced: [UnplacedRow]
        var tables: [AnnexTable]
        var titles: [String]
        var diagnostics: [String]
    }

    static func outcome(_ file: InputFile, pipelined: Bool, title: String? = nil) -> Outcome {
        let reading = AnnexInterpreter.read(CSVTableSource(file, pipelined: pipelined), file: file.displayPath,
                                            decisionTitle: title)
        return Outcome(changes: reading.changes, origins: reading.origins, listed: reading.listed,
                       unplaced: reading.unplaced, tables: reading.tables, titles: reading.titles,
                       diagnostics: reading.diagnostics.map { $0.rendered(.en) })
    }

    /// Every CSV annex of the real corpus (ministries' and provinces' tables as staff
    /// save them), and the hostile CSV inputs of the malformed-input tests.
    static let corpusFiles: [String] = {
        let root = RealAnnexCorpusTests.root
        return ["annexes", "holdout"].flatMap { directory in
            RealAnnexCorpusTests.documents(in: root.appendingPathComponent(directory), extensions: ["csv"])
                .map { directory + "/" + $0 }
        }
    }()

    @Test func theCorpusHasCSVAnnexes() {
        #expect(Self.corpusFiles.count >= 40)
    }

    @Test(arguments: corpusFiles)
    func realAnnexesReadTheSameOnTwoThreads(_ name: String) throws {
        let url = RealAnnexCorpusTests.resolve(RealAnnexCorpusTests.root.appendingPathComponent(name))
        let file = try InputFile.read(url, displayPath: name)
        let one = Self.outcome(file, pipelined: false)
        let two = Self.outcome(file, pipelined: true)
        #expect(two == one)
    }

    /// A listing of many batches (a batch is 256 rows) with what the tokenizer and the
    /// interpreter each report: a row without a code's change type, an unknown level word,
    /// a quoted cell over three lines, a stray BOM, and an unterminated quote at the end.
    @Test func aLongListingWithErrorsReadsTheSameOnTwoThreads() {
        var csv = "PHỤ LỤC\nSTT;Mã TTHC;Tên thủ tục hành chính;Cấp thực hiện;Cơ quan thực hiện\n"
        csv += "1. Danh mục thủ tục hành chính sửa đổi, bổ sung;;;;\n"
        for i in 0..<3_000 {
            let level = i == 1_500 ? "Cấp vùng" : "Tỉnh"
            let name = i % 700 == 3 ? "\"Thủ tục số \(i);\ntrên \"\"hai\"\"\ndòng\"" : "Thủ tục số \(i) về hồ sơ"
            let bom = i == 2_222 ? "\u{FEFF}" : ""
            csv += "\(i + 1);1.\(String(format: "%06d", i));\(bom)\(name);\(level);Sở Tư pháp tỉnh X\n"
            if i == 1_000 { csv += "Dòng lạ không phải thủ tục;;;;\n" }
        }
        csv += "3001;1.009999;\"Thủ tục không đóng ngoặc;Tỉnh;Sở Y\n"
        let file = InputFile(displayPath: "long.csv", bytes: Array(csv.utf8))
        let one = Self.outcome(file, pipelined: false)
        let two = Self.outcome(file, pipelined: true)
        #expect(one.changes.count == 3_001)
        #expect(one.diagnostics.contains { $0.contains("long.csv:") && $0.contains("not closed before the end of the file") })
        #expect(one.diagnostics.contains { $0.contains("byte order mark") })
        #expect(one.unplaced.count == 1)
        #expect(two == one)
    }

    /// Past a limit of ``TableLimits`` the tokenizer stops; on two threads it stops at the
    /// same row, with the same error, and nothing after it is read.
    @Test func aListingPastTheRowLimitStopsAtTheSameRowOnTwoThreads() {
        var csv = "STT,Mã TTHC,Tên thủ tục\n"
        csv.reserveCapacity(2_000_000)
        for i in 0...TableLimits.rows { csv += "\(i),1.\(String(format: "%06d", i % 1_000_000)),a\n" }
        let file = InputFile(displayPath: "rows.csv", bytes: Array(csv.utf8))
        let one = Self.outcome(file, pipelined: false, title: "Quyết định công bố thủ tục hành chính mới ban hành")
        let two = Self.outcome(file, pipelined: true, title: "Quyết định công bố thủ tục hành chính mới ban hành")
        #expect(one.diagnostics.contains { $0.contains("rows.csv:\(TableLimits.rows + 1):1") })
        #expect(two == one)
    }

    /// A large file is checked for UTF-8 cell by cell as it is tokenised, not whole before
    /// its first row; a bad byte far down it (here in row 2,601 of 3,000, batches after
    /// the first were interpreted) still refuses the whole file, with the same error at the
    /// same place, and no procedure read before it is kept. The bad byte stands in each
    /// kind of cell the tokenizer makes a string for in its own way.
    @Test(arguments: ["plain", "short", "quoted", "bom", "afterQuote", "repeated"])
    func aListingNotUTF8FarDownIsRefusedTheSameOnTwoThreads(_ place: String) throws {
        var lines = ["PHỤ LỤC;;;;", "STT;Mã TTHC;Tên thủ tục hành chính;Cấp thực hiện;Cơ quan thực hiện",
                     "1. Danh mục thủ tục hành chính sửa đổi, bổ sung;;;;"]
        let agency = "Sở Tư pháp tỉnh Xuân Hòa"
        for i in 0..<3_000 {
            lines.append("\(i + 1);1.\(String(format: "%06d", i));Thủ tục số \(i) về hồ sơ;Tỉnh;\(agency)")
        }
        // Windows-1258 writes "à" as the single byte 0xE0: a lead byte with no continuation.
        let bad: [UInt8] = [0xE0]
        let row = 2_600 // 0-based among the procedure rows
        let prefix = "\(row + 1);1.\(String(format: "%06d", row));"
        let (before, after): (String, String) = switch place {
        case "plain": (prefix + "Thủ tục ", " về hồ sơ;Tỉnh;" + agency)
        case "short": (prefix + "T", ";Tỉnh;" + agency)
        case "quoted": (prefix + "\"Thủ tục;\ntrên hai dòng ", "\";Tỉnh;" + agency)
        case "bom": (prefix + "\u{FEFF}Thủ tục ", " về hồ sơ;Tỉnh;" + agency)
        case "afterQuote": (prefix + "\"Thủ tục\" ", ";Tỉnh;" + agency)
        default: (prefix + "Thủ tục số 1 về hồ sơ;Tỉnh;" + String(agency.dropLast(3)), "")
        }
        var bytes: [UInt8] = []
        for (k, line) in lines.enumerated() {
            if k == row + 3 { bytes += Array(before.utf8) + bad + Array(after.utf8) } else { bytes += Array(line.utf8) }
            bytes.append(0x0A)
        }
        let file = InputFile(displayPath: "bad.csv", bytes: bytes)
        // Where the bad byte stands: its line, and its column in characters.
        let line = row + 4
        let column = before.split(separator: "\n", omittingEmptySubsequences: false).last!.unicodeScalars.count + 1
        let one = Self.outcome(file, pipelined: false)
        let two = Self.outcome(file, pipelined: true)
        #expect(one.changes.isEmpty)
        #expect(one.diagnostics.count == 1)
        #expect(one.diagnostics.first?.hasPrefix("bad.csv:\(place == "quoted" ? line + 1 : line):\(column): error: the file is not UTF-8 (byte 0xE0)") == true,
                "\(one.diagnostics)")
        #expect(two == one)

        // The tokenizer alone: the same refusal, and only rows before the bad one handed over.
        var handed = 0
        let (info, diagnostics) = CSVReader.forEachCellRow(file, as: CSVCell.self, checkingAsItGoes: true) { _, _ in handed += 1 }
        let whole = CSVReader.forEachRecord(file) { _ in }
        #expect(info == nil)
        #expect(whole.0 == nil)
        #expect(diagnostics.map { $0.rendered(.en) } == whole.1.map { $0.rendered(.en) })
        #expect(handed == row + 3)

        // The catalogue reader sets aside what it read before the bad byte.
        let catalogueOne = CatalogueCSVReader.read(CSVTableSource(file, pipelined: false), file: "bad.csv")
        let catalogueTwo = CatalogueCSVReader.read(CSVTableSource(file, pipelined: true), file: "bad.csv")
        #expect(catalogueTwo.value?.entries.count == catalogueOne.value?.entries.count)
        #expect(catalogueTwo.value?.entries.isEmpty ?? true)
        #expect(catalogueTwo.diagnostics.map { $0.rendered(.en) } == catalogueOne.diagnostics.map { $0.rendered(.en) })
    }

    /// A cell's string is known to be well formed when it holds no 0xEF byte (the first
    /// byte of the U+FFFD that `String(decoding:)` puts for bad bytes). Characters from
    /// U+F000 up written as such are read; a truncated four-byte letter, which U+FFFD
    /// replaces with as many bytes as it had, and a lone 0xEF are refused.
    @Test func cellsWithCharactersFromUF000AreCheckedByteByByte() {
        let header = "STT;Mã TTHC;Tên thủ tục hành chính\n1. Danh mục thủ tục hành chính mới ban hành;;\n"
        let good = header + "1;1.000001;Thủ tục \u{FFFD} có ký tự thay thế\n2;1.000002;\"Mẫu \u{F8FF}\u{FEFF}x\"\n"
        for pipelined in [false, true] {
            let reading = Self.outcome(InputFile(displayPath: "g.csv", bytes: Array(good.utf8)), pipelined: pipelined)
            #expect(reading.changes.map(\.content.name) == ["Thủ tục \u{FFFD} có ký tự thay thế", "Mẫu \u{F8FF}x"], "\(pipelined)")
        }
        for (bad, column) in [([UInt8]([0xF0, 0x90, 0x80]), 20), ([0xEF], 20), ([0xEF, 0xBF], 20)] {
            let bytes = Array((header + "1;1.000001;Thủ tục ").utf8) + bad + Array("A\n".utf8)
            for pipelined in [false, true] {
                let reading = Self.outcome(InputFile(displayPath: "b.csv", bytes: bytes), pipelined: pipelined)
                #expect(reading.changes.isEmpty)
                #expect(reading.diagnostics.first?.hasPrefix("b.csv:3:\(column): error: the file is not UTF-8") == true, "\(bad) \(reading.diagnostics)")
            }
        }
    }

    /// A file past the row limit with a bad byte after the rows the tokenizer reached: the
    /// bytes it never tokenised are checked too, and the encoding decides, as when the
    /// whole file is checked first.
    @Test func aBadByteAfterTheRowLimitIsStillFound() {
        var csv = "STT,Mã TTHC,Tên thủ tục\n"
        for i in 0...TableLimits.rows { csv += "\(i),1.\(String(format: "%06d", i % 1_000_000)),a\n" }
        let file = InputFile(displayPath: "rows.csv", bytes: Array(csv.utf8) + [0x61, 0xFF, 0x0A])
        let one = Self.outcome(file, pipelined: false)
        let two = Self.outcome(file, pipelined: true)
        #expect(one.diagnostics.count == 1)
        #expect(one.diagnostics.first?.hasPrefix("rows.csv:\(TableLimits.rows + 3):2: error: the file is not UTF-8 (byte 0xFF)") == true,
                "\(one.diagnostics)")
        #expect(two == one)
    }

    /// The bound the interpreter reserves room by: never fewer than the records handed
    /// over, whatever the line ends; 0 for a small file.
    @Test func theRowCountBoundHoldsForEveryLineEnd() {
        #expect(CSVTableSource(InputFile(displayPath: "s.csv", bytes: Array("a,b\n1,2\n".utf8))).rowCountBound == 0)
        for end in ["\n", "\r\n", "\r"] {
            let row = "1,\"x\(end)y\",z" + end
            let text = "a,b,c" + end + String(repeating: row, count: (1 << 20) / row.utf8.count + 1)
            let file = InputFile(displayPath: "l.csv", bytes: Array(text.utf8))
            var records = 0
            _ = CSVReader.forEachRecord(file) { _ in records += 1 }
            let bound = CSVTableSource(file).rowCountBound
            #expect(bound >= records, "line end \(end.debugDescription)")
            #expect(bound <= 3 * records + 1, "line end \(end.debugDescription)")
        }
    }

    /// A CSV file's row bound is its line breaks plus one, counted the slow way (CRLF
    /// counts twice: a bound, not a count of records).
    @Test func theRowBoundCountsEveryLineBreak() {
        var text = ""
        for i in 0..<30_000 { text += ["a,b\n", "c,\"d\r\ne\"\r\n", "f\r", "g,h,i,j\n\n"][i % 4] }
        text += "tail"
        let bytes = Array(text.utf8)
        let expected = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
        // Past the size from which the bound is counted, with bytes that break no line
        // (and a length that is no multiple of the 255-byte blocks it is counted in).
        let padded = bytes + [UInt8](repeating: 0x78, count: max(0, (1 << 20) - bytes.count) + 3)
        #expect(CSVTableSource(InputFile(displayPath: "l.csv", bytes: padded)).rowCountBound == expected)
    }

    /// A long text repeated down a column is one string among the records of a share
    /// period and a string of its own in the next one, so that no string is held by two
    /// batches read on different threads; quoted or not, the text is the same.
    @Test func aRepeatedTextIsSharedWithinItsPeriodOnly() {
        var csv = ""
        for i in 0..<10 {
            csv += "\(i);Sở Khoa học và Công nghệ tỉnh;\(i % 2 == 0 ? "\"Lệ phí 500.000 đồng; phí\"" : "\"Lệ phí 500.000 đồng; phí\"")\n"
        }
        let file = InputFile(displayPath: "l.csv", bytes: Array(csv.utf8))
        func storage(sharingWithin period: Int) -> [[UnsafeRawPointer?]] {
            // Every record kept, so that no string is freed and its address taken again.
            var records: [[GridCell]] = []
            _ = CSVReader.forEachCellRow(file, as: GridCell.self, sharingTextsWithin: period) { cells, line in
                #expect(cells.map(\.text).dropFirst() == ["Sở Khoa học và Công nghệ tỉnh", "Lệ phí 500.000 đồng; phí"])
                // A shared cell has the place of its own record, and what it tells of its text.
                #expect(cells.map(\.line) == [line, line, line] && cells.map(\.column) == [1, 3, 33])
                #expect(cells.dropFirst().allSatisfy { $0.isClean && !$0.isBlank })
                records.append(cells)
            }
            return records.map { cells in
                cells.dropFirst().map { $0.text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil }
            }
        }
        let byFour = storage(sharingWithin: 4)
        #expect(byFour.count == 10)
        for (record, pointers) in byFour.enumerated() {
            let first = byFour[record - record % 4]
            #expect(pointers == first, "record \(record) shares the strings of record \(record - record % 4)")
            if record % 4 == 0, record > 0 {
                #expect(pointers[0] != byFour[record - 1][0] && pointers[1] != byFour[record - 1][1],
                        "record \(record) starts a period: strings of its own")
            }
        }
        // Without a period, every record shares the first one's strings.
        let whole = storage(sharingWithin: .max)
        #expect(whole.allSatisfy { $0 == whole[0] })
    }
}
