import Testing
@testable import TTHCKit

/// The interpreter's rules one at a time, on small tables in the shapes real annexes use
/// (the corpus in `Tests/Corpus/` tests them together on published documents).
@Suite struct AnnexInterpreterTests {
    /// Reads CSV text and returns the procedures as corpus lines.
    func read(_ csv: String, title: String? = nil, effective: CivilDate? = nil) -> (lines: [String], reading: AnnexReading) {
        let reading = DecisionCSVReader.interpret(InputFile(displayPath: "a.csv", bytes: Array(csv.utf8)),
                                                  effectiveDate: effective, decisionTitle: title)
        return (InspectReport.tsv(reading).split(separator: "\n").dropFirst().map(String.init), reading)
    }

    @Test func changeTypeFromAPartTitleAboveTheHeader() {
        let (lines, r) = read("""
            PHỤ LỤC II. DANH MỤC TTHC BỊ BÃI BỎ
            TT,Mã hồ sơ,Tên TTHC,Ghi chú
            1,1.000001,Thủ tục A,TTHC cấp huyện
            """)
        #expect(lines == ["1.000001\tabolished\tdistrict\t-\tThủ tục A"])
        #expect(r.procedures[0].changeOrigin == .title(line: 1, text: "PHỤ LỤC II. DANH MỤC TTHC BỊ BÃI BỎ"))
        #expect(r.procedures[0].levelsOrigin == .notes(at: SourceLocation(file: "a.csv", line: 3, column: 22)))
    }

    /// A procedure under a "new" heading that names the code it replaces is a replacement,
    /// and inspect says why.
    @Test func aReplacedCodeMakesAReplacement() {
        let (lines, r) = read("""
            DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH
            STT,Mã TTHC,Tên TTHC,Mã TTHC được thay thế
            1,1.000001,Thủ tục A,1.000009
            """)
        #expect(lines == ["1.000001\treplaced\t-\t1.000009\tThủ tục A"])
        #expect(r.procedures[0].changeOrigin == .replacedCodeGiven)
        #expect(r.procedures[0].changeOrigin.described(.vi) == "có mã TTHC được thay thế")
        #expect(r.procedures[0].changeOrigin.described(.en) == "a replaced code is given")
    }

    @Test func twoRowHeaderWithMarkColumns() {
        let (lines, r) = read("""
            DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH
            STT,Mã TTHC,Tên TTHC,Mức độ DVC,,Thời hạn giải quyết,
            ,,,Toàn trình,Một phần,Theo quy định,Sau cắt giảm
            1,1.000001,Thủ tục A,x,,10 ngày,7 ngày
            2,,Thủ tục B,,X,15 ngày,10 ngày
            """)
        #expect(lines == ["1.000001\tnew\t-\t-\tThủ tục A", "-\tnew\t-\t-\tThủ tục B"])
        #expect(r.tables.count == 1 && r.tables[0].subheaderLine == 3)
        #expect(r.procedures.map(\.change.content.onlineService) == [.full, .partial])
        #expect(r.procedures.map(\.change.content.processingTime) == ["10 ngày", "15 ngày"])
        #expect(r.diagnostics.isEmpty)
    }

    @Test func levelsAsMarksUnderAMergedHeader() {
        let (lines, _) = read("""
            1. Danh mục TTHC được sửa đổi, bổ sung
            STT,Tên thủ tục hành chính,Cấp thực hiện,,
            ,,Tỉnh,Huyện,Xã
            1,Thủ tục A (Mã TTHC: 2.000001),x,,x
            """)
        #expect(lines == ["2.000001\tamended\tprovince,commune\t-\tThủ tục A"])
    }

    @Test func sectionRowsInEveryNumberingStyle() {
        let (lines, _) = read("""
            STT,Mã số TTHC,Tên thủ tục hành chính
            Phần I. Danh mục thủ tục hành chính được sửa đổi, bổ sung
            A. TTHC cấp tỉnh
            I,LĨNH VỰC CHỨNG THỰC (17 TTHC),
            1,1.000001,Thủ tục A
            I.1,Lĩnh vực hộ tịch,
            2,1.000002,Thủ tục B
            B,TTHC cấp xã,
            a) Lĩnh vực nuôi con nuôi
            1,2.000003,Thủ tục C
            """)
        #expect(lines == ["1.000001\tamended\tprovince\t-\tThủ tục A", "1.000002\tamended\tprovince\t-\tThủ tục B",
                          "2.000003\tamended\tcommune\t-\tThủ tục C"])
        let fields = read("""
            STT,Mã số TTHC,Tên thủ tục hành chính
            Phần I. Danh mục thủ tục hành chính được sửa đổi, bổ sung
            I,LĨNH VỰC CHỨNG THỰC (17 TTHC),
            1,1.000001,Thủ tục A
            V.2. Lĩnh vực hộ tịch
            2,1.000002,Thủ tục B
            """).reading.procedures.map(\.change.content.field)
        #expect(fields == ["CHỨNG THỰC", "hộ tịch"])
    }

    /// Which heading is nested in which is learnt from the order: a change heading under a
    /// level heading keeps the level.
    @Test func levelAboveChangeKeepsTheLevel() {
        let (lines, _) = read("""
            DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ
            STT,Mã TTHC,Tên TTHC
            I. Danh mục TTHC mới ban hành
            1,2.000001,Thủ tục A
            II. Danh mục TTHC bị bãi bỏ
            1,2.000002,Thủ tục B
            """)
        #expect(lines == ["2.000001\tnew\tcommune\t-\tThủ tục A", "2.000002\tabolished\tcommune\t-\tThủ tục B"])
    }

    @Test func sharedLevelsAndTheCentralLevel() {
        let (lines, _) = read("""
            1. Danh mục thủ tục hành chính được thay thế
            STT,Mã TTHC,Tên TTHC,Mã TTHC được thay thế
            DÙNG CHUNG (CẤP BỘ, CẤP TỈNH, CẤP XÃ)
            1,1.000009,Thủ tục A,"2.001023, 2.002621 và 2.000986"
            Thủ tục hành chính áp dụng chung
            2,1.000010,Thủ tục B,1.000003
            """)
        #expect(lines == ["1.000009\treplaced\tcentral,province,commune\t2.001023,2.002621,2.000986\tThủ tục A",
                          "1.000010\treplaced\t-\t1.000003\tThủ tục B"])
    }

    @Test func severalTablesWithTheirOwnColumns() {
        let (lines, r) = read("""
            A. DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH (2 TTHC)
            STT,Tên thủ tục hành chính,Thời hạn giải quyết,Phí,Lĩnh vực
            1,Thủ tục A,5 ngày,Không,Hộ tịch
            2,Thủ tục B,7 ngày,Không,Hộ tịch

            B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ
            STT,Mã TTHC,Tên TTHC,Căn cứ pháp lý
            1,1.000004,Thủ tục C,Thông tư 1/2026
            1,1.000005,Thủ tục D,Thông tư 1/2026
            """)
        #expect(lines == ["-\tnew\t-\t-\tThủ tục A", "-\tnew\t-\t-\tThủ tục B",
                          "1.000004\tabolished\t-\t-\tThủ tục C", "1.000005\tabolished\t-\t-\tThủ tục D"])
        #expect(r.tables.map(\.headerLine) == [2, 7])
        #expect(r.procedures[2].changeOrigin == .title(line: 6, text: "B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ"))
        #expect(r.procedures.map(\.change.code.isUncoded) == [true, true, false, false])
    }

    @Test func noCodeSaidInWordsAndCodesInNames() {
        let (lines, _) = read("""
            Danh mục TTHC mới ban hành
            STT,Mã TTHC,Tên TTHC
            1,Không có mã số,Thủ tục A
            2,,Thủ tục B (1.010801)
            3,,Thủ tục C - Mã số: 1.010802
            """)
        #expect(lines == ["-\tnew\t-\t-\tThủ tục A", "1.010801\tnew\t-\t-\tThủ tục B", "1.010802\tnew\t-\t-\tThủ tục C"])
    }

    @Test func theDecisionTitleGivesTheChangeTypeLast() {
        let csv = "STT,Mã TTHC,Tên TTHC\n1,1.000001,Thủ tục A\n"
        #expect(read(csv, title: "V/v công bố danh mục TTHC được sửa đổi, bổ sung trong lĩnh vực hộ tịch").lines
            == ["1.000001\tamended\t-\t-\tThủ tục A"])
        let r = read(csv).reading
        #expect(r.procedures.isEmpty)
        #expect(r.unplaced.map(\.location.line) == [2])
        #expect(r.diagnostics.map(\.id.rawValue) == ["listing.no-change"])
    }

    @Test func aDelegationIsNotAPublication() {
        let r = read("""
            DANH MỤC THỦ TỤC HÀNH CHÍNH ỦY QUYỀN CHO GIÁM ĐỐC SỞ CÔNG THƯƠNG GIẢI QUYẾT
            STT,Mã TTHC,Tên TTHC
            1,2.000229,Thủ tục A
            """).reading
        #expect(r.procedures.isEmpty)
        #expect(r.notAPublication?.en == "a list of delegated procedures")
        #expect(r.diagnostics.map(\.id.rawValue).contains("annex.not-a-publication"))
    }

    @Test func totalsUnderATableAreNotProcedures() {
        let (lines, r) = read("""
            Danh mục TTHC bị bãi bỏ
            STT,Mã TTHC,Tên TTHC
            1,1.000001,Thủ tục A
            Tổng số TTHC công bố:,01,TTHC
            - Cấp tỉnh:,01,TTHC
            """)
        #expect(lines == ["1.000001\tabolished\t-\t-\tThủ tục A"])
        #expect(r.unplaced.isEmpty && r.diagnostics.isEmpty)
    }

    @Test func anUnknownHeaderNeverStopsTheRun() {
        let (lines, r) = read("""
            Danh mục TTHC bị bãi bỏ
            STT,Mã TTHC,Tên TTHC,Người ký,Cấp thực hiện
            1,1.000001,Thủ tục A,Ông X,Tỉnh
            """)
        #expect(lines == ["1.000001\tabolished\tprovince\t-\tThủ tục A"])
        #expect(r.diagnostics.map { $0.rendered(.en) } == ["a.csv:2:22: warning: unknown column \"Người ký\"; it is ignored"])
    }

    @Test(arguments: [
        ("I. Lĩnh vực X", "I", "Lĩnh vực X"), ("I LĨNH VỰC", "I", "LĨNH VỰC"), ("I.1. X", "I.1", "X"), ("V.2 X", "V.2", "X"),
        ("a) X", "a", "X"), ("Phần II. X", "Phần II", "X"), ("PHỤ LỤC II. X", "PHỤ LỤC II", "X"), ("1. X", "1", "X"),
        ("Thủ tục A", nil, "Thủ tục A"), ("LĨNH VỰC", nil, "LĨNH VỰC"), ("A B", nil, "A B"), ("1.013010 X", nil, "1.013010 X"),
        ("IV - Lĩnh vực Y", "IV", "Lĩnh vực Y"),
    ] as [(String, String?, String)])
    func enumerators(heading: String, enumerator: String?, rest: String) {
        let (e, r) = AnnexVocabulary.splitEnumerator(heading)
        #expect(e == enumerator)
        #expect(r == rest)
    }

    @Test(arguments: [
        ("Mã hồ sơ", AnnexColumn.code), ("Mã TTHC gốc", .code), ("Ký hiệu thủ tục", .code), ("TT", .number), ("Tên", .name),
        ("Thời gian giải quyết", .processingTime), ("Thời hạn giải quyết (ngày làm việc)", .processingTime),
        ("Phí, lệ phí (nếu có)", .fees), ("Phí/lệ phí (vnđ)", .fees), ("Căn cứ pháp lý", .legalBasis), ("Ghi chú", .notes),
        ("Mã số TTHC được thay thế", .replaces), ("Tên TTHC được thay thế", .replacedName), ("Tên TTHC thay thế", .name),
        ("Tên VBQPPL quy định nội dung sửa đổi, bổ sung, thay thế", .legalBasis), ("Cơ quan ban hành", .known("issuer")),
        ("Cách thức thực hiện", .known("method")), ("Địa điểm thực hiện", .known("place")),
    ] as [(String, AnnexColumn)])
    func headerWords(header: String, column: AnnexColumn) {
        #expect(AnnexVocabulary.column(forFolded: TextNormalization.fold(header)) == column)
    }
}
