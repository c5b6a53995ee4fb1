import Foundation
import Testing
@testable import TTHCKit

/// The rows that write their own JSON (``DirectJSON``) against `JSONEncoder` on the same
/// values, which goes through their `Encodable` conformances: the same bytes for random
/// rows that leave out and fill in every optional member, with texts that need escaping.
@Suite struct DirectJSONTests {
    struct Random {
        var generator = SplitMix(seed: 20261201)

        mutating func int(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
        mutating func bool() -> Bool { int(2) == 0 }
        mutating func pick<T>(_ values: [T]) -> T { values[int(values.count)] }
        mutating func maybe<T>(_ make: (inout Random) -> T) -> T? { bool() ? make(&self) : nil }

        mutating func text() -> String {
            pick(["", "Cấp giấy phép", "a \"quoted\" \\ name", "tab\there\nline", "\u{1}ctl", "/slash/", "Đăng ký 𝒜 😀"])
        }
        mutating func date() -> CivilDate { CivilDate(year: 2000 + int(60), month: 1 + int(12), day: 1 + int(28))! }
        mutating func code() -> ProcedureCode { ProcedureCode(pick(["1.013012", "2.000123.000.00.00.H01", "", "x\"y"])) }
        mutating func location() -> TTHCKit.SourceLocation {
            TTHCKit.SourceLocation(file: pick(["local/a.csv", "decisions/q\"d.xml"]), line: maybe { $0.int(100_000) - 5 },
                           column: maybe { $0.int(300) }, field: maybe { $0.text() })
        }
        mutating func levels() -> [AdministrativeLevel] { (0..<int(4)).map { _ in pick(AdministrativeLevel.allCases) } }
        mutating func online() -> OnlineServiceLevel { pick(OnlineServiceLevel.allCases) }
        mutating func status() -> ChangeStatus {
            pick([.onTime, .late(workingDays: int(40)), .pending(workingDaysLeft: int(4)), .overdue(workingDays: int(900) + 10),
                  .publishedUndated, .cannotCompute, .notApplicable(pick([.centralOnly, .outOfScope, .notListedLocally]))])
        }

        mutating func changeRow() -> ChangeRow {
            ChangeRow(decision: text(), issuer: text(), effective: date(), code: code(), name: text(),
                      change: pick(ChangeType.allCases), replaces: (0..<int(3)).map { _ in code() }, levels: levels(),
                      trigger: maybe { $0.date() }, triggerSource: maybe { $0.pick([.nationalDatabase, .received]) },
                      deadline: maybe { $0.date() }, provincialDecision: maybe { $0.text() }, publishedOn: maybe { $0.date() },
                      status: status(),
                      local: maybe { LocalReference(code: $0.maybe { $0.text() }, name: $0.text(), location: $0.location(),
                                                    match: $0.pick([.code, .probableByName])) },
                      provisional: bool(), location: location())
        }

        mutating func compared(_ field: ComparedField) -> ComparedValue {
            switch field {
            case .levels: .levels(levels())
            case .onlineService: .onlineService(online())
            default: .text(text())
            }
        }

        mutating func difference() -> Difference {
            let field = pick(ComparedField.allCases)
            return Difference(code: code(), name: text(), decision: text(), field: field,
                              local: maybe { $0.compared(field) }, ministry: maybe { $0.compared(field) }, location: location())
        }

        mutating func expired() -> ExpiredEntry {
            ExpiredEntry(code: maybe { $0.text() }, name: text(), reason: pick([.abolished, .replaced, .validUntilPassed]),
                         decision: maybe { $0.text() }, replacement: maybe { $0.code() }, since: date(), location: location())
        }

        mutating func review() -> OnlineReviewItem {
            OnlineReviewItem(code: maybe { $0.text() }, name: text(), current: maybe { $0.online() }, ministry: maybe { $0.online() },
                             ministryDecision: maybe { $0.text() }, proposal: pick([.keep, .raise]), proposed: maybe { $0.online() },
                             ground: maybe { $0.pick([.ministryOffers, .targetNotMet]) }, location: location())
        }

        mutating func incomplete() -> IncompleteEntry {
            IncompleteEntry(code: maybe { $0.text() }, name: text(), missing: (0..<int(4)).map { _ in pick(ProcedurePart.allCases) },
                            provincialDecision: maybe { $0.text() }, publishedOn: maybe { $0.date() }, location: location())
        }
    }

    /// Rows of every kind, alone and in arrays (empty ones too), nested in an object the
    /// `Encoder` path writes, as the report nests them.
    struct Rows: Encodable {
        var changes: [ChangeRow]
        var differences: [Difference]
        var expired: [ExpiredEntry]
        var onlineReview: [OnlineReviewItem]
        var incomplete: [IncompleteEntry]
        var one: ChangeRow
    }

    @Test func sameBytesAsJSONEncoderOverRandomRows() throws {
        var random = Random()
        for _ in 0..<300 {
            let rows = Rows(changes: (0..<random.int(4)).map { _ in random.changeRow() },
                            differences: (0..<random.int(4)).map { _ in random.difference() },
                            expired: (0..<random.int(4)).map { _ in random.expired() },
                            onlineReview: (0..<random.int(4)).map { _ in random.review() },
                            incomplete: (0..<random.int(4)).map { _ in random.incomplete() },
                            one: random.changeRow())
            let expected = try PrettyJSONTests.foundation(rows)
            let actual = try PrettyJSON.encode(rows)
            #expect(actual == expected, "\(String(decoding: expected, as: UTF8.self))\n---\n\(String(decoding: actual, as: UTF8.self))")
            if actual != expected { break }
            // An array of rows at the top level, and one row alone.
            #expect(try PrettyJSON.encode(rows.changes) == (try PrettyJSONTests.foundation(rows.changes)))
            #expect(try PrettyJSON.encode(rows.one) == (try PrettyJSONTests.foundation(rows.one)))
        }
    }

    /// Long arrays are written in rounds, each round's halves at once: lengths around the
    /// round's size and its multiples, nested at depth 1 and at the top level, give the
    /// bytes `JSONEncoder` gives.
    @Test func longArraysWrittenInRoundsGiveTheSameBytes() throws {
        var random = Random()
        let round = JSONOut.round
        for count in [round - 1, round, round + 1, 2 * round + 3, 3 * round - 1] {
            let rows = Rows(changes: (0..<count).map { _ in random.changeRow() },
                            differences: (0..<(count / 3)).map { _ in random.difference() },
                            expired: [], onlineReview: (0..<count).map { _ in random.review() },
                            incomplete: [], one: random.changeRow())
            #expect(try PrettyJSON.encode(rows) == (try PrettyJSONTests.foundation(rows)), "\(count) rows")
            #expect(try PrettyJSON.encode(rows.onlineReview) == (try PrettyJSONTests.foundation(rows.onlineReview)), "\(count) rows")
        }
    }
}
