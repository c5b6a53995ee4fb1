import Foundation
import Testing
@testable import TTHCKit

/// Golden files live in `Fixtures/report/`, named `reconcile.<language>.<extension>`
/// (`reconcile.json` once: JSON does not depend on the language). Run the tests with
/// `TTHC_RECORD=1` to write them again from the current reporters, then review the diff.
/// The golden file of a report format and language, under `Fixtures/report/`.
func reportGoldenName(_ format: ReportFormat, _ language: Language) -> String {
    "report/" + (format == .json ? "reconcile.json" : "reconcile.\(language.rawValue).\(format.fileExtension)")
}

@Suite struct ReportTests {
    let fixture = ReportFixture.reconciliation

    static let cases: [(ReportFormat, Language)] = ReportFormat.allCases.flatMap { f in Language.allCases.map { (f, $0) } }

    @Test(arguments: cases)
    func matchesGoldenFile(format: ReportFormat, language: Language) throws {
        let bytes = format.renderer(colour: false).render(fixture, language: language)
        try GoldenFile.check(bytes, reportGoldenName(format, language))
    }

    @Test(arguments: cases)
    func twoRendersAreByteIdenticalAndIgnoreInputOrder(format: ReportFormat, language: Language) {
        let renderer = format.renderer(colour: true)
        let first = renderer.render(fixture, language: language)
        #expect(first == renderer.render(fixture, language: language))
        guard format != .json else { return }  // JSON keeps the value's own order by design
        var shuffled = fixture
        shuffled.changes.reverse()
        shuffled.differences.reverse()
        shuffled.expired.reverse()
        shuffled.findings.reverse()
        shuffled.scorecard.months.reverse()
        shuffled.provisionalYears = [2027, 2027]
        #expect(renderer.render(shuffled, language: language) == first)
    }

    // MARK: Status words

    @Test(arguments: [
        (ChangeStatus.overdue(workingDays: 2), "Quá hạn 2 ngày làm việc", "Overdue by 2 working days"),
        (.overdue(workingDays: 1), "Quá hạn 1 ngày làm việc", "Overdue by 1 working day"),
        (.pending(workingDaysLeft: 1), "Còn 1 ngày làm việc", "1 working day left"),
        (.pending(workingDaysLeft: 0), "Đến hạn hôm nay", "Due today"),
        (.onTime, "Đúng hạn", "On time"),
        (.late(workingDays: 3), "Chậm 3 ngày làm việc", "Late by 3 working days"),
        (.cannotCompute, "Chưa xác định được hạn (thiếu ngày kích hoạt)", "Deadline unknown (no trigger date)"),
        (.notApplicable(.centralOnly), "Không áp dụng (chỉ cấp trung ương)", "Not applicable (central level only)"),
        (.publishedUndated, "Đã công bố, thiếu ngày công bố", "Published, no publication date"),
    ])
    func statusWords(status: ChangeStatus, vi: String, en: String) {
        #expect(ReportStrings.vietnamese.status(status) == vi)
        #expect(ReportStrings.english.status(status) == en)
    }

    // MARK: Sections and order

    @Test func sectionsComeInTheDocumentedOrderWithSortedRows() {
        let parts = ReportSections(fixture)
        #expect(parts.urgent.map(\.status) == [.overdue(workingDays: 3), .overdue(workingDays: 2),
                                               .pending(workingDaysLeft: 0), .pending(workingDaysLeft: 2)])
        #expect(parts.notPublished.map(\.code.raw) == ["1.011020", "1.011021", "2.002165"])
        #expect(parts.late.map(\.status) == [.late(workingDays: 3), .late(workingDays: 1)])
        #expect(parts.otherChanges.map(\.code.raw) == ["1.010696", "2.000500", "1.001100", "1.002200"])
        #expect(parts.expired.map(\.reason) == [.abolished, .validUntilPassed, .replaced])
        #expect(parts.differences.map(\.field) == [.processingTime, .fees, .name, .levels, .agency, .onlineService])
        #expect(parts.findings.map(\.kind) == CheckRule.findingRules)
        #expect(parts.months.map(\.month) == ["2026-11", "2026-12"])

        let doc = ReportDocument(fixture, language: .vi)
        #expect(doc.sections.map(\.id) == ReportSections.ID.allCases)
        #expect(doc.sections.map(\.number) == Array(1...16))
        // Without unread listings or unplaced rows, those two sections are left out.
        var whole = fixture
        whole.unreadListings = []
        whole.unplacedRows = []
        #expect(ReportDocument(whole, language: .vi).sections.map(\.id) == ReportSections.ID.allCases.filter { $0 != .unread && $0 != .unplaced })
    }

    @Test func summaryCountsEveryStatusAndTheOtherSections() {
        let doc = ReportDocument(fixture, language: .en)
        guard let summary = doc.sections.first(where: { $0.id == .summary }), case .table(let table) = summary.blocks[0] else {
            Issue.record("summary is not a table")
            return
        }
        let pairs = table.rows.map { ($0[0].lines[0], $0[1].lines[0]) }
        #expect(pairs.map(\.0) == [
            "Changes in the ministry decisions", "Overdue, not published", "Not yet published, within deadline",
            "of which due soon (at most 2 working days left)", "Deadline unknown", "Published late",
            "Published, no publication date", "Published on time", "Not applicable",
            "Procedures no longer in force still listed", "Differences from the ministry decisions", "Other findings",
            "Procedures missing a constituent part", "Procedures proposed for a higher online-service level",
        ])
        #expect(pairs.map(\.1) == ["14", "2", "4", "2", "1", "2", "1", "1", "3", "3", "6", "5", "2", "2"])
    }

    @Test func scorecardGivesCountsPercentagesAndTheOnlineTarget() {
        let text = String(decoding: TextReport().render(fixture, language: .vi), as: UTF8.self)
        // Indicator 1.3 stands beside them.
        #expect(text.contains("11/2026                   4/5 (80,0%)                    5/5 (100,0%)"))
        #expect(text.contains("Cộng                      6/8 (75,0%)                     6/7 (85,7%)"))
        #expect(text.contains("5/5 (100,0%)\n"))
        #expect(text.contains("7/8 (87,5%)\n"))
        #expect(text.contains("có dịch vụ công trực tuyến: 45/80 (56,3%); toàn trình 30, một phần 15."))
        #expect(text.contains("Chỉ tiêu được giao: 60,0%. Chưa đạt, còn thiếu 3 thủ tục."))
        let en = String(decoding: TextReport().render(fixture, language: .en), as: UTF8.self)
        #expect(en.contains("Target: 60.0%. Not met, 3 more procedures needed."))
    }

    @Test(arguments: [(0.5625, true, 0), (0.57, false, 1), (0.7, false, 11), (0.0, true, 0)])
    func onlineTargetIsComparedInIntegers(target: Double, met: Bool, missing: Int) {
        var r = fixture
        r.scorecard.onlineTarget = target
        let expected = ReportStrings.english.onlineTarget(ReportFormatting.percent(ratio: target, separator: "."), met, missing)
        let text = String(decoding: TextReport().render(r, language: .en), as: UTF8.self)
        #expect(text.contains(expected))
    }

    @Test func provisionalDeadlinesAreMarkedAndExplained() {
        let text = String(decoding: TextReport().render(fixture, language: .vi), as: UTF8.self)
        #expect(text.contains("04/01/2027*"))
        #expect(text.contains("Năm 2027 chưa có lịch nghỉ chính thức"))
        #expect(text.contains("Dấu * sau một hạn công bố: hạn tạm tính."))
        var clean = fixture
        clean.provisionalYears = []
        for i in clean.changes.indices { clean.changes[i].provisional = false }
        let plain = String(decoding: TextReport().render(clean, language: .vi), as: UTF8.self)
        #expect(!plain.contains("*"))
        #expect(plain.contains("Mọi năm dùng để tính hạn đều có lịch nghỉ chính thức."))
    }

    @Test func anEmptyReconciliationKeepsEverySectionAndSaysSo() throws {
        var r = fixture
        r.changes = []; r.differences = []; r.expired = []; r.findings = []; r.provisionalYears = []
        r.unreadListings = []; r.unplacedRows = []
        r.completeness = Completeness(); r.onlineReview = []; r.reportingDuties = []
        r.scorecard = Scorecard(months: [], onlineFull: 0, onlinePartial: 0, inForceTotal: 0, onlineTarget: nil)
        let text = String(decoding: TextReport().render(r, language: .vi), as: UTF8.self)
        // The eight lists, the constituent parts and the online-service review.
        #expect(text.components(separatedBy: "\nKhông có.\n").count - 1 == 10)
        #expect(text.contains("\nChưa cấu hình nghĩa vụ báo cáo (danh sách reports: trong settings.yaml).\n"))
        #expect(text.contains("\nChưa có quyết định công bố nào để tính chỉ số.\n"))
        #expect(text.contains("\nThủ tục đang có hiệu lực có dịch vụ công trực tuyến: 0/0 (–); toàn trình 0, một phần 0.\n"))
        #expect(text.contains("\nChưa cấu hình chỉ tiêu dịch vụ công trực tuyến.\n"))
        #expect(text.contains("\nMọi năm dùng để tính hạn đều có lịch nghỉ chính thức.\n"))
        let csv = try Self.parseCSV(Array(CSVReport().render(r, language: .en).dropFirst(3)))
        #expect(csv == [ReportStrings.english.csvHeaders])
        let md = String(decoding: MarkdownReport().render(r, language: .en), as: UTF8.self)
        #expect(md.components(separatedBy: "\nNone.\n").count - 1 == 10)
    }

    // MARK: Text

    @Test func colourCodesOnlyWhenAsked() {
        let plain = TextReport(colour: false).render(fixture, language: .vi)
        #expect(!plain.contains(0x1B))
        let coloured = String(decoding: TextReport(colour: true).render(fixture, language: .vi), as: UTF8.self)
        #expect(coloured.contains("\u{1B}[31mQuá hạn 3 ngày làm việc\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31mĐã bị bãi bỏ\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33mCòn 2 ngày làm việc\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32mĐúng hạn\u{1B}[0m"))
        #expect(!coloured.contains("\u{1B}[33mCòn 3 ngày làm việc"))  // not due soon: no colour
        // Without the escape sequences the coloured text is the plain text.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(Array(stripped.utf8) == plain)
    }

    @Test func escapeBytesInTheDataNeverReachTheTerminal() {
        var r = fixture
        r.changes[1].name = "Tên\u{1B}[2J\r\nmới\tx"
        let text = TextReport(colour: false).render(r, language: .vi)
        #expect(!text.contains(0x1B))
        #expect(!text.contains(0x0D))
        #expect(!text.contains(0x09))
        #expect(String(decoding: text, as: UTF8.self).contains("Tên [2J mới x"))
    }

    /// The one-column shortcut agrees with the general rule on every scalar it answers.
    @Test func displayWidthShortcutMatchesTheRule() {
        var differ: [UInt32] = []
        for v in UInt32(0)...0x2FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if DisplayWidth.of(u) != DisplayWidth.general(u) { differ.append(v) }
        }
        #expect(differ.isEmpty, "\(differ.prefix(10).map { String($0, radix: 16) })")
        #expect(DisplayWidth.of("\u{AD}") == 0)
    }

    @Test(arguments: [
        ("Quá hạn", 7), ("Qua\u{0301} ha\u{0323}n", 7), ("Đường", 5), ("漢字", 4), ("a\u{200B}b", 2), ("\u{1B}", 0), ("", 0),
    ])
    func displayWidth(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func columnsAlignByDisplayWidthNotBytes() {
        // In the summary table every row is as wide as the header: the counts are
        // right-aligned under "Số lượng" although the labels carry many diacritics.
        let text = String(decoding: TextReport().render(fixture, language: .vi), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        let start = lines.firstIndex { $0.hasPrefix("Nội dung") }!
        let table = lines[start..<(start + 14)]
        #expect(Set(table.map(DisplayWidth.of)).count == 1)
        #expect(table.last!.hasPrefix("Vấn đề khác"))
    }

    @Test(arguments: [
        ("một hai ba bốn năm", 7, ["một hai", "ba bốn", "năm"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("ngắn", 10, ["ngắn"]),
    ])
    func wrapping(text: String, width: Int, lines: [String]) {
        #expect(DisplayWidth.wrap(text, width: width) == lines)
    }

    /// A 160 KB word (a pasted blob in a procedure name) is cut into pieces of the column's
    /// width that put it back together, and words around it keep their places; wide
    /// characters (2 columns each) are never split across the width.
    @Test func aHugeUnbrokenWordIsCutIntoColumnWidePieces() {
        let word = String(repeating: "ấ", count: 160_000)
        let lines = DisplayWidth.wrap("trước " + word + " sau", width: 40)
        #expect(lines.first == "trước")
        #expect(lines.last == String(repeating: "ấ", count: 160_000 % 40) + " sau" || lines.last == "sau")
        #expect(lines.dropFirst().joined().replacingOccurrences(of: " sau", with: "").replacingOccurrences(of: "sau", with: "") == word)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 })
        let wide = DisplayWidth.wrap(String(repeating: "日", count: 9), width: 4)
        #expect(wide == ["日日", "日日", "日日", "日日", "日"])
        #expect(DisplayWidth.wrap("日", width: 1) == ["日"])
    }

    // MARK: HTML

    @Test func htmlEscapesTextAndIsSelfContained() {
        let html = String(decoding: HTMLReport().render(fixture, language: .vi), as: UTF8.self)
        #expect(html.contains("Cấp chứng chỉ &quot;nhân viên bức xạ&quot; &lt;người phụ trách an toàn&gt; &amp; kiểm định"))
        #expect(!html.contains("<người"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(String(decoding: HTMLReport().render(fixture, language: .en), as: UTF8.self).contains("<html lang=\"en\">"))
        #expect(html.contains("@page { size: A4; margin: 15mm; }"))
        #expect(html.contains("thead { display: table-header-group; }"))
        for external in ["<script", "<link", "<img", "@import", "url(", "src=", "http://", "https://"] {
            #expect(!html.contains(external), "external reference \(external)")
        }
        // Status badges carry their words, never colour alone.
        #expect(html.contains("<span class=\"badge danger\">Quá hạn 3 ngày làm việc</span>"))
        #expect(html.contains("<span class=\"badge success\">Đúng hạn</span>"))
    }

    @Test func htmlEscapeCoversAttributesToo() {
        #expect(HTMLReport.escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
    }

    // MARK: Markdown

    @Test func markdownEscapesPipesAndKeepsTablesRectangular() {
        var r = fixture
        r.changes[2].name = "Vận chuyển | đóng gói *nguồn* [loại 1]"
        let md = String(decoding: MarkdownReport().render(r, language: .vi), as: UTF8.self)
        #expect(md.contains("Vận chuyển \\| đóng gói \\*nguồn\\* \\[loại 1\\]"))
        // Every table row has as many unescaped pipes as its header.
        var expected: Int?
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else { expected = nil; continue }
            let pipes = Self.unescapedPipes(String(line))
            if let e = expected { #expect(pipes == e, "\(line)") } else { expected = pipes }
        }
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0, escaped = false
        for c in line {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true } else if c == "|" { count += 1 }
        }
        return count
    }

    // MARK: CSV

    @Test func csvHasBOMCRLFAndStableColumns() throws {
        for language in Language.allCases {
            let bytes = CSVReport().render(fixture, language: language)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let records = try Self.parseCSV(Array(bytes.dropFirst(3)))
            #expect(records[0] == ReportStrings.for(language).csvHeaders)
            #expect(records.allSatisfy { $0.count == CSVReport.columnCount })
            // One row per item of every section.
            // (An incomplete entry gives a row per empty part.)
            #expect(records.count == 1 + 1 + 14 + 3 + 6 + 5 + 3 + 3 + 3 + 1)
            let counts: [(String, Int)] = [("unread", 1), ("urgent", 4), ("expired", 3), ("not-published", 3), ("late", 2),
                                           ("published-undated", 1), ("differences", 6), ("findings", 5), ("other-changes", 4),
                                           ("incomplete", 3), ("online-review", 3), ("reporting-duties", 3), ("unplaced", 1)]
            let sections: [String] = counts.flatMap { Array(repeating: $0.0, count: $0.1) }
            #expect(records.dropFirst().map { $0[0] } == sections)
            #expect(records.filter { $0[0] == "incomplete" }.map { $0[1] } == ["fees", "legal-basis", "dossier"])
            #expect(records.filter { $0[0] == "online-review" }.map { $0[1] } == ["raise", "raise", "keep"])
            let duties: [[String]] = records.filter { $0[0] == "reporting-duties" }.map { [$0[1], $0[3], $0[13]] }
            #expect(duties == [["monthly", "7", "2027-01-08"], ["once", "3", "2027-01-04"], ["once", "", "2019-05-29"]])
        }
        let vi = try Self.parseCSV(Array(CSVReport().render(fixture, language: .vi).dropFirst(3)))
        let en = try Self.parseCSV(Array(CSVReport().render(fixture, language: .en).dropFirst(3)))
        // Stable identifiers and ISO dates do not depend on the language.
        for (a, b) in zip(vi.dropFirst(), en.dropFirst()) {
            #expect(a[0] == b[0] && a[1] == b[1] && a[3] == b[3] && a[4] == b[4] && a[13] == b[13] && a[22] == b[22])
        }
        #expect(vi[2][13] == "2026-12-24")
        #expect(vi[1][1] == "csv.encoding" && vi[1][22] == "catalogs/decisions/2400-QD-BKHCN.csv:7:12")
        #expect(vi.last?[5] == "Phần II | Nội dung cụ thể <của> thủ tục")
    }

    @Test func csvQuotesQuotesCommasAndNewlinesAndNeutralisesFormulas() throws {
        var r = fixture
        r.changes[2].name = "Cấp \"giấy phép\", vận chuyển\nchất phóng xạ"
        r.changes[1].name = "=HYPERLINK(\"http://x\")"
        let bytes = CSVReport().render(r, language: .vi)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(",\"Cấp \"\"giấy phép\"\", vận chuyển\nchất phóng xạ\","))
        let records = try Self.parseCSV(Array(bytes.dropFirst(3)))
        #expect(records[2][5] == "Cấp \"giấy phép\", vận chuyển\nchất phóng xạ")
        #expect(records[3][5] == "'=HYPERLINK(\"http://x\")")
    }

    @Test(arguments: [("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
                      ("two\r\nlines", "\"two\r\nlines\""), ("-1", "'-1"), ("@SUM", "'@SUM"), ("", "")])
    func csvField(value: String, encoded: String) {
        #expect(CSVField.encoded(value) == encoded)
    }

    /// An RFC 4180 reader that insists on CRLF record ends outside quotes.
    static func parseCSV(_ bytes: [UInt8]) throws -> [[String]] {
        struct Malformed: Error { var offset: Int }
        var records: [[String]] = [], record: [String] = [], field: [UInt8] = []
        var i = 0, quoted = false
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    quoted = false
                } else { field.append(b) }
                i += 1
                continue
            }
            switch b {
            case 0x22 where field.isEmpty: quoted = true
            case 0x2C: record.append(String(decoding: field, as: UTF8.self)); field = []
            case 0x0D:
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { throw Malformed(offset: i) }
                record.append(String(decoding: field, as: UTF8.self)); field = []
                records.append(record); record = []
                i += 1
            case 0x0A, 0x22: throw Malformed(offset: i)
            default: field.append(b)
            }
            i += 1
        }
        guard !quoted, field.isEmpty, record.isEmpty else { throw Malformed(offset: i) }
        return records
    }

    // MARK: JSON

    static let documentedTopLevelKeys = [
        "agency", "asOf", "changes", "completeness", "deadlineWorkingDays", "differences", "dueSoonWithin", "expired",
        "findings", "onlineReview", "province", "provisionalYears", "reportingDuties", "schemaVersion", "scorecard",
        "triggerPolicy", "unplacedRows", "unreadListings",
    ]

    @Test func jsonHasExactlyTheDocumentedKeysAndRoundTrips() throws {
        let bytes = JSONReport().render(fixture, language: .vi)
        #expect(bytes == JSONReport().render(fixture, language: .en))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object.keys.sorted() == Self.documentedTopLevelKeys)
        #expect(object["schemaVersion"] as? Int == 2)
        #expect(try JSONDecoder().decode(Reconciliation.self, from: Data(bytes)) == fixture)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"decision\" : \"2345/QĐ-BKHCN\""))  // slashes not escaped
        #expect(text.contains("\"asOf\" : \"2026-12-29\""))
    }

    @Test func jsonSchemaFileDeclaresTheSameTopLevelKeys() throws {
        let url = GoldenFile.sourceFixtures.deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/report-schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(properties.keys.sorted() == Self.documentedTopLevelKeys)
        #expect((schema["required"] as? [String])?.sorted() == Self.documentedTopLevelKeys)
        let doc = try String(contentsOf: url.deletingPathExtension().appendingPathExtension("md"), encoding: .utf8)
        for key in Self.documentedTopLevelKeys { #expect(doc.contains("`\(key)`"), "\(key) undocumented") }
    }

    @Test func nonFiniteTargetIsLeftOutOfJSON() throws {
        var r = fixture
        r.scorecard.onlineTarget = .nan
        let bytes = JSONReport().render(r, language: .en)
        let decoded = try JSONDecoder().decode(Reconciliation.self, from: Data(bytes))
        #expect(decoded.scorecard.onlineTarget == nil)
    }
}
