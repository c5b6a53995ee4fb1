import Foundation
import Testing
import TestSupport
@testable import TTHCKit

/// The real-annex corpus (`Tests/Corpus/`): annex tables published by ministries and
/// provinces, transcribed as staff save them from Word or Excel, each with its source and
/// the expected extraction of every procedure (code, change type, levels, replaced codes,
/// name). `annexes/` must read whole; `holdout/` holds annexes the interpreter was not
/// tuned on, and must read at least 95 % right (`scripts/corpus.py` prints both figures).
@Suite struct RealAnnexCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus")

    /// The shared real documents beside the repository (`../shared/real-documents`), which
    /// CI lays out too. The corpus reads them in place: `NAME.shared` in a corpus folder
    /// holds the file name of the shared document that stands for `NAME`.
    static let shared = root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/real-documents")

    /// `url` itself, or the shared document its `.shared` file names.
    static func resolve(_ url: URL) -> URL {
        if FileManager.default.fileExists(atPath: url.path) { return url }
        let pointer = url.appendingPathExtension("shared")
        guard let target = try? String(contentsOf: pointer, encoding: .utf8) else { return url }
        return shared.appendingPathComponent(target.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The documents of a corpus folder with one of `extensions`, shared ones included by
    /// the name they stand for.
    static func documents(in directory: URL, extensions: [String]) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let own = names.filter { name in extensions.contains { name.hasSuffix("." + $0) } }
        let pointed = names.filter { $0.hasSuffix(".shared") }.map { String($0.dropLast(".shared".count)) }
            .filter { name in extensions.contains { name.hasSuffix("." + $0) } }
        return Array(Set(own + pointed)).sorted()
    }

    struct Annex: CustomTestStringConvertible, Sendable {
        var directory: String
        var stem: String
        var testDescription: String { directory + "/" + stem }
        var url: URL { RealAnnexCorpusTests.root.appendingPathComponent(directory).appendingPathComponent(stem) }
    }

    static func annexes(in directory: String) -> [Annex] {
        let dir = root.appendingPathComponent(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".expected.tsv") }.sorted()
            .map { Annex(directory: directory, stem: String($0.dropLast(".expected.tsv".count))) }
    }

    /// One procedure line, compared as the corpus script compares it: NFC, runs of spaces
    /// collapsed, spaces dropped from codes.
    static func lines(_ tsv: String) -> [[String]] {
        tsv.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map { line in
            var f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5 else { return f }
            f[0] = f[0].replacingOccurrences(of: " ", with: "")
            f[3] = f[3].replacingOccurrences(of: " ", with: "")
            f[4] = TextNormalization.clean(f[4])
            return f
        }
    }

    /// The decision title for an annex whose table names no change type: the `Title:` line
    /// of its source note.
    static func title(_ annex: Annex) -> String? {
        corpusNoteTitle(annex.url.appendingPathExtension("source.md"))
    }

    static func read(_ annex: Annex) throws -> (expected: [[String]], read: [[String]], reading: AnnexReading) {
        let csv = annex.url.appendingPathExtension("csv")
        let file = try InputFile.read(csv, displayPath: annex.testDescription + ".csv")
        let reading = DecisionCSVReader.interpret(file, decisionTitle: title(annex))
        let expected = try String(contentsOf: annex.url.appendingPathExtension("expected.tsv"), encoding: .utf8)
        return (lines(expected.replacingOccurrences(of: "\u{FEFF}", with: "")), lines(InspectReport.tsv(reading)), reading)
    }

    @Test func corpusIsLargeAndVaried() {
        let all = Self.annexes(in: "annexes")
        #expect(all.count >= 20)
        // Ministries and provinces both, from several years.
        #expect(all.contains { $0.stem.hasPrefix("bo-") } && all.contains { !$0.stem.hasPrefix("bo-") })
        let years = Set(all.compactMap { $0.stem.split(separator: "-").first(where: { $0.count == 4 && $0.allSatisfy(\.isNumber) }) })
        #expect(years.count >= 2)
    }

    @Test(arguments: annexes(in: "annexes"))
    func annexReadsWhole(_ annex: Annex) throws {
        let (expected, read, reading) = try Self.read(annex)
        #expect(!expected.isEmpty || reading.notAPublication != nil)
        #expect(read == expected)
        #expect(!reading.diagnostics.contains { $0.severity == .error })
    }

    @Test func holdoutReadsAtLeast95PercentRight() throws {
        var right = 0, total = 0
        for annex in Self.annexes(in: "holdout") {
            let (expected, read, _) = try Self.read(annex)
            total += expected.count
            // Paired in order, as the corpus script pairs them.
            let diff = read.difference(from: expected)
            right += expected.count - diff.removals.count
        }
        #expect(total >= 40)
        #expect(Double(right) >= 0.95 * Double(total), "\(right)/\(total) holdout procedures read right")
    }
}
