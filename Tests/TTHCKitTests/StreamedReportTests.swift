import Foundation
import Testing
@testable import TTHCKit

/// The text, Markdown, HTML and workbook reports are made row by row and handed over in
/// pieces (a national report is hundreds of megabytes). The golden files hold their bytes;
/// these tests hold the pieces, the two passes over a table and the parts made while they
/// are compressed.
@Suite struct StreamedReportTests {
    /// The fixture with its changes repeated until each report passes several pieces.
    static let large: Reconciliation = {
        var r = ReportFixture.reconciliation
        r.changes = Array(repeating: r.changes, count: 1_000).flatMap { $0 }
        return r
    }()

    @Test(arguments: [ReportFormat.text, .markdown, .html])
    func largeReportsAreHandedOverInBoundedPieces(format: ReportFormat) throws {
        let renderer = format.renderer(colour: false)
        guard case .produced(let produce) = renderer.content(Self.large, language: .vi) else {
            Issue.record("\(format) is not produced in pieces")
            return
        }
        var pieces: [Int] = []
        var bytes: [UInt8] = []
        produce { piece in
            pieces.append(piece.count)
            bytes.append(contentsOf: piece)
        }
        #expect(pieces.count > 2)
        // A piece is handed over once it reaches the size, after the line that filled it.
        #expect(pieces.allSatisfy { $0 <= ChunkedOutput.defaultPieceSize + 16 * 1024 })
        #expect(pieces.dropLast().allSatisfy { $0 >= ChunkedOutput.defaultPieceSize })
        // Every run of the producer gives the same bytes (the output file and the collected
        // render come from separate runs).
        #expect(bytes == renderer.render(Self.large, language: .vi))
    }

    @Test func chunkedOutputKeepsEveryByteInOrderAndTrimsOnlyTrailingSpaces() {
        let content = ChunkedOutput.produced(pieceSize: 10) { out in
            out.line("một  ", trimmingTrailingSpaces: true)
            out.line("   ", trimmingTrailingSpaces: true)
            out.line("hai  ")
            for i in 0..<20 { out.line(String(i)) }
        }
        guard case .produced(let produce) = content else { Issue.record("not produced"); return }
        var pieces: [[UInt8]] = []
        produce { pieces.append(Array($0)) }
        let expected = "một\n\nhai  \n" + (0..<20).map { "\($0)\n" }.joined()
        #expect(pieces.flatMap { $0 } == Array(expected.utf8))
        #expect(pieces.count > 3)
        #expect(pieces.dropLast().allSatisfy { $0.count >= 10 && $0.count < 20 })
    }

    /// The first pass over a table sizes the columns as the drawn rows need: a wrapped
    /// column as wide as its widest wrapped line, the others as their widest cell, and the
    /// rows set apart when a cell takes more than one line.
    @Test func widthsPassMeasuresTheWrappedLines() {
        typealias D = ReportDocument
        let columns = [D.Column(title: "Mã", content: .code), D.Column(title: "Tên", content: .longText, wrap: 10)]
        let wrapping = D.Table(columns: columns, rows: [[D.Cell("1.000001"), D.Cell("một hai ba bốn năm sáu bảy")],
                                                        [D.Cell("2"), D.Cell("ngắn")]])
        #expect(TextReport.layout(wrapping) == TextReport.Layout(widths: [8, 10], spaced: true))
        let flat = D.Table(columns: columns, rows: [[D.Cell("2"), D.Cell("ngắn")]])
        #expect(TextReport.layout(flat) == TextReport.Layout(widths: [2, 4], spaced: false))
        // A cell of two lines spaces the rows even when nothing wraps.
        let twoLines = D.Table(columns: columns, rows: [[D.Cell(["a", "b"]), D.Cell("c")]])
        #expect(TextReport.layout(twoLines) == TextReport.Layout(widths: [2, 3], spaced: true))
    }

    @Test func tablesMakeTheSameRowsEachTimeTheyAreRead() throws {
        let doc = ReportDocument(Self.large, language: .en)
        let section = try #require(doc.sections.first { $0.id == .urgent })
        guard case .table(let table) = section.blocks[0] else { Issue.record("no table"); return }
        #expect(table.count == table.rows.reduce(0) { n, _ in n + 1 })
        let first = table.rows.map { $0.map(\.lines) }
        #expect(Array(first) == Array(table.rows.map { $0.map(\.lines) }))
        #expect(table[table.count - 1].map(\.lines) == first.last)
    }

    /// A part made piece by piece is compressed to the same bytes as the part given whole:
    /// the compressor reads it in the same chunks, across pieces and past the point where
    /// the bytes already handed over are dropped.
    @Test func aPartMadeInPiecesArchivesAsThePartGivenWhole() {
        let pieces = (0..<90_000).map { "<r n=\"\($0)\">\($0 &* 7919 % 10007)</r>" }
        var whole = PackageWriter(main: "x/main.xml", title: "t")
        whole.add("x/main.xml", contentType: "application/xml", pieces.joined())
        let source = { () -> PackageWriter.PieceSource in
            var i = 0
            return { bytes in
                guard i < pieces.count else { return false }
                bytes.append(contentsOf: pieces[i].utf8)
                i += 1
                return true
            }
        }
        let size = PackageWriter.size(of: source())
        #expect(size == pieces.joined().utf8.count && size > 1 << 20)
        var made = PackageWriter(main: "x/main.xml", title: "t")
        made.add("x/main.xml", contentType: "application/xml", size: size, make: source)
        #expect(made.archive() == whole.archive())
    }

    /// Rows made when the sheet is written give the workbook the rows given one by one give.
    @Test func madeRowsWriteTheSameWorkbookAsGivenRows() {
        let rows: [[Workbook.Cell?]] = (0..<20_000).map { i in
            [Workbook.Cell(.text("mã \(i % 97)"), .text), Workbook.Cell(.number(i), .number),
             i % 3 == 0 ? nil : Workbook.Cell(.text("dòng một\nhai \(i)"), .wrapped)]
        }
        var given = Workbook.Sheet(name: "A", widths: [10, 8, 12])
        for row in rows { given.rows.append(row) }
        var made = Workbook.Sheet(name: "A", widths: [10, 8, 12])
        made.rows.append(rows[0])
        made.rows.append(count: rows.count - 2, columns: 3) { rows[$0 + 1] }
        made.rows.append(rows[rows.count - 1])
        given.table = (header: 0, last: rows.count - 1, columns: 3)
        made.table = given.table
        #expect(made.rows.count == given.rows.count && made.rows.columns == 3)
        var a = Workbook(title: "t"), b = Workbook(title: "t")
        a.sheets = [given, given]
        b.sheets = [made, made]
        #expect(a.archive() == b.archive())
    }

    /// The shared-string table numbers each text once, in order of first use, past the
    /// size its table of slots starts at (1,024) and through every time it grows: tthc's own
    /// reader gives back every cell's text, and the table holds each text once.
    @Test func sharedStringsNumberEveryTextOnceAndReadBack() throws {
        let texts = (0..<6_000).map { i in i % 5 == 0 ? "" : "văn bản \(i % 2_500)" + (i % 7 == 0 ? "\ndòng hai" : "") }
        var sheet = Workbook.Sheet(name: "A")
        sheet.rows.append(count: texts.count, columns: 1) { [Workbook.Cell(.text(texts[$0]), .text)] }
        var book = Workbook(title: "t")
        book.sheets = [sheet]
        let bytes = book.archive()
        let read = try XLSXWorkbook(InputFile(displayPath: "s.xlsx", bytes: bytes))
        let (rows, diagnostics) = OfficeFixtures.rows(read.source(read.sheets[0]))
        #expect(diagnostics.isEmpty)
        let expected = texts.enumerated().filter { !$0.element.isEmpty }.map { "\($0.offset + 1): " + $0.element.replacingOccurrences(of: "\n", with: "⏎") }
        #expect(rows == expected)
        let unique = Set(texts).count
        let container = try OfficeContainer(InputFile(displayPath: "s.xlsx", bytes: bytes))
        let sst = String(decoding: try #require(try container.read("xl/sharedStrings.xml")).prefix(300), as: UTF8.self)
        #expect(sst.contains("count=\"\(texts.count)\" uniqueCount=\"\(unique)\""))
    }

    /// The byte test for control characters finds exactly the scalars of category Cc.
    @Test func controlCharactersAreFoundByTheirBytes() {
        var wrong: [UInt32] = []
        for v in UInt32(0)...0x10FF where Unicode.Scalar(v) != nil {
            let u = Unicode.Scalar(v)!
            let control = u.properties.generalCategory == .control
            if ReportFormatting.hasControl("a" + String(u) + "b") != control { wrong.append(v) }
        }
        #expect(wrong.isEmpty)
        #expect(ReportFormatting.singleLine("một\u{85}hai\tba\u{9F}") == "một hai ba")
        #expect(ReportFormatting.singleLine(" Cà  phê\u{A0} ") == "Cà phê")
    }
}
