import Foundation
import Testing
@testable import TTHCKit

/// Golden files: each fixture is read and the model is encoded as pretty, sorted-keys JSON
/// and compared with `<fixture>.json` next to it. `TTHC_RECORD=1 swift test` rewrites the
/// golden files in the source tree (review the diff before committing).
enum ReaderGolden {
    static var bundleFixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("GoldenReaderTests")
    }

    static func input(_ name: String) throws -> InputFile {
        try InputFile.read(bundleFixtures.appendingPathComponent(name), displayPath: name)
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// Compares `value`, as JSON, with the golden file (recorded when TTHC_RECORD=1).
    static func check(_ value: some Encodable, against name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try GoldenFile.check(try json(value), "GoldenReaderTests/" + name, sourceLocation: sourceLocation)
    }
}

/// What a reader gave back: the value and the rendered diagnostics.
struct ReadOutcome<Value: Encodable & Sendable>: Encodable {
    var value: Value?
    var diagnostics: [String]

    init(_ result: ReadResult<Value>) {
        value = result.value
        var engine = DiagnosticEngine()
        engine.emit(contentsOf: result.diagnostics)
        diagnostics = engine.sorted.map { $0.rendered(.en) }
    }
}

/// CatalogueData as JSON (the library type is not Codable: it holds an InputFile).
struct CatalogueDataSnapshot: Encodable {
    var settings: Settings
    var decisions: [Decision]
    var register: [RegisterEntry]
    var catalogue: Catalogue
    var holidayOverrides: String?

    init(_ data: CatalogueData) {
        settings = data.settings
        decisions = data.decisions
        register = data.register
        catalogue = data.catalogue
        holidayOverrides = data.holidayOverrides?.displayPath
    }
}

@Suite struct GoldenReaderTests {
    @Test func annexListing() throws {
        let result = DecisionCSVReader.read(try ReaderGolden.input("annex-listing.csv"), effectiveDate: CivilDate(year: 2026, month: 12, day: 1))
        try ReaderGolden.check(ReadOutcome(result), against: "annex-listing.json")
        // Spot checks that do not depend on the golden file being right.
        let changes = try #require(result.value)
        #expect(changes.map(\.code.raw) == ["1.013010", "1.013011.000.00.00.H31", "1.002424", "2.000674", "1.013012", "1.000001"])
        #expect(changes.map(\.change) == [.new, .new, .amended, .amended, .replaced, .abolished])
        #expect(changes[0].content.name == "Thủ tục công nhận kết quả nghiên cứu khoa học do tổ chức, cá nhân tự đầu tư")
        #expect(changes[0].location == SourceLocation(file: "annex-listing.csv", line: 11, column: 1))
        #expect(changes[1].content.levels == [.province, .commune])
        #expect(changes[1].content.fees == "Lệ phí: 100.000 đồng; phí thẩm định \"theo hồ sơ\"")
        #expect(changes[2].content.field == "Tiêu chuẩn, đo lường")
        #expect(changes[3].content.field == nil)
        #expect(changes[3].content.levels == [.commune])
        #expect(changes[4].replaces == [ProcedureCode("1.001237")])
        #expect(changes[5].content.levels == [.central])
        #expect(result.diagnostics.isEmpty)
    }

    /// Excel's "Unicode text" (UTF-16LE, tabs) of the same table reads to the same model.
    @Test func unicodeTextReadsLikeCSVUTF8() throws {
        let utf8 = DecisionCSVReader.read(try ReaderGolden.input("annex-listing.csv")).value
        let utf16 = DecisionCSVReader.read(try ReaderGolden.input("annex-listing-unicode-text.csv")).value
        let a = try #require(utf8), b = try #require(utf16)
        #expect(a.count == 6)
        #expect(a.map(\.content) == b.map(\.content))
        #expect(a.map(\.location.line) == b.map(\.location.line))
        #expect(a.map(\.code) == b.map(\.code))
    }

    @Test func register() throws {
        let result = RegisterCSVReader.read(try ReaderGolden.input("register.csv"))
        try ReaderGolden.check(ReadOutcome(result), against: "register.json")
        let entries = try #require(result.value)
        #expect(entries.map(\.received) == [CivilDate(year: 2026, month: 11, day: 6), CivilDate(year: 2026, month: 10, day: 2)])
        #expect(entries.map(\.isFullSnapshot) == [false, true])
        #expect(entries[1].nationalDatabase == nil)
    }

    @Test func localCatalogue() throws {
        let result = CatalogueCSVReader.read(try ReaderGolden.input("local-catalogue.csv"))
        try ReaderGolden.check(ReadOutcome(result), against: "local-catalogue.json")
        let entries = try #require(result.value).entries
        #expect(entries.map(\.code?.raw) == ["1.011730.000.00.00.H31", nil, "1.00423"])
        #expect(entries.map(\.code?.key) == ["1.011730", nil, "1.00423"])
        #expect(entries.map(\.status) == [.inForce, .inForce, .abolished])
        #expect(entries.map(\.content.onlineService) == [.full, nil, OnlineServiceLevel.none])
        #expect(entries[1].content.levels == [.province, .commune])
        #expect(entries[2].location.line == 5) // entry 2 spans lines 3–4
    }

    @Test func settings() throws {
        let result = SettingsReader.read(try ReaderGolden.input("settings.yaml"))
        try ReaderGolden.check(ReadOutcome(result), against: "settings.json")
        let s = try #require(result.value)
        #expect(s.deadlineWorkingDays == 5)
        #expect(s.triggerPolicy == .earliest)
        #expect(s.alarmWorkingDaysBefore == [3, 1])
        #expect(s.scopeLevels == [.province, .commune])
        #expect(s.emailTo == ["vp2@example.vn"])
        #expect(s.onlineServiceTarget == 0.75)
    }

    @Test func catalogueDirectory() throws {
        let dir = ReaderGolden.bundleFixtures.appendingPathComponent("catalogue-dir")
        let result = CatalogueDirectory.load(dir, displayPath: "catalogs")
        try ReaderGolden.check(ReadOutcome(ReadResult(value: result.value.map(CatalogueDataSnapshot.init), diagnostics: result.diagnostics)),
                         against: "catalogue-dir.json")
        let data = try #require(result.value)
        // Sorted by issue date, then number; numbers and dates from the register.
        #expect(data.decisions.map(\.number) == ["1520/QĐ-BKHCN", "2290/QĐ-BKHCN"])
        #expect(data.decisions.map(\.nationalDatabase) == [CivilDate(year: 2026, month: 10, day: 1), nil])
        #expect(data.decisions[1].changes.map(\.change) == [.abolished])
        #expect(data.catalogue.entries.map(\.location.file) == ["catalogs/local/a-so.csv", "catalogs/local/b-xa.csv"])
        #expect(data.settings.province == "Tỉnh Hưng Yên")
        #expect(data.holidayOverrides?.displayPath == "catalogs/holidays/overrides.yaml")
    }
}
