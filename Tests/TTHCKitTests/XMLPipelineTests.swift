import Foundation
import Testing
@testable import TTHCKit

/// A large listing is parsed on a second thread while the calling thread builds the model
/// (`LibXMLDocumentReader.runOnSecondThread`). Whichever way a listing is read, the
/// decision, its procedures in order and every diagnostic must be the same.
@Suite struct XMLPipelineTests {
    static let fixtures = ["decision-valid.xml"] + [
        "bad-date.xml", "bad-enum.xml", "billion-laughs.xml", "code-trailing-dot.xml", "deep-nesting.xml",
        "empty.xml", "external-dtd.xml", "impossible-date.xml", "invalid-utf8.xml", "latin1.xml",
        "mismatched-tags.xml", "missing-attribute.xml", "parameter-entities.xml", "replaces-not-replaced.xml",
        "truncated.xml", "unknown-element.xml", "utf16-no-bom.xml", "xinclude.xml", "xxe-file.xml", "xxe-http.xml",
    ].map { "malformed/" + $0 }

    /// The decision and procedures as JSON, and the diagnostics rendered: what a reader of
    /// the result sees.
    static func outcome(_ file: InputFile, pipelined: Bool) throws -> (json: String, diagnostics: [String], count: Int) {
        var changes: [ProcedureChange] = []
        var result = DecisionXMLReader.run(.memory(file.bytes), displayPath: file.displayPath, pipelined: pipelined) {
            changes.append($0)
        }
        result.value?.changes = changes
        let json = try result.value.map { try XMLFixtures.json($0) } ?? "nil"
        return (json, XMLFixtures.rendered(result.diagnostics), changes.count)
    }

    @Test(arguments: fixtures)
    func fixturesReadTheSameOnTwoThreads(_ name: String) throws {
        let file = try XMLFixtures.file(name)
        let one = try Self.outcome(file, pipelined: false)
        let two = try Self.outcome(file, pipelined: true)
        #expect(two.json == one.json)
        #expect(two.diagnostics == one.diagnostics)
    }

    /// Many batches of events (a batch is 4,096), with errors early, late and in between.
    @Test func aLongListingWithErrorsReadsTheSameOnTwoThreads() throws {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <decision xmlns="urn:tthc:decision:1" number="1/QĐ-BX" issuer="Bộ X" issued="2026-10-20" effective="2026-11-01">

        """
        let changes = ["new", "amended", "abolished"]
        for i in 0..<6_000 {
            let change = i == 10 || i == 5_999 ? "modified" : changes[i % 3]
            let level = i == 3_000 ? "county" : "province"
            xml += """
              <procedure code="1.\(String(format: "%06d", i))" change="\(change)">
                <name>Thủ tục số \(i) &amp; hồ sơ</name>
                <levels><level>\(level)</level></levels>
                <agency>Sở X</agency>
              </procedure>

            """
        }
        xml += "</decision>\n"
        let file = InputFile(displayPath: "long.xml", bytes: Array(xml.utf8))
        let one = try Self.outcome(file, pipelined: false)
        let two = try Self.outcome(file, pipelined: true)
        #expect(one.count == 5_998) // the two with change="modified" carry no change
        #expect(one.diagnostics.count == 3)
        #expect(two.count == one.count)
        #expect(two.json == one.json)
        #expect(two.diagnostics == one.diagnostics)
    }

    /// On two threads the guard reads a few chunks ahead of the parser. A document the
    /// parser stops reading early (here at libxml2's depth limit) must read as on one
    /// thread: what the guard found further on (a DOCTYPE, the end of the input with
    /// elements open) is not what the parser was given, and says nothing about it.
    @Test func whatTheGuardReadAheadDoesNotChangeTheErrors() throws {
        func document(_ tail: String) -> InputFile {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<decision xmlns=\"urn:tthc:decision:1\" number=\"1/QĐ-BX\">\n"
            xml += String(repeating: "<procedure>", count: 300) + "\n"
            // 100 KB after the stop: within what the guard reads ahead.
            for i in 0..<1_500 { xml += "<name>Thủ tục số \(i) về hoạt động khoa học và công nghệ</name>\n" }
            return InputFile(displayPath: "ahead.xml", bytes: Array((xml + tail).utf8))
        }
        for tail in ["<!DOCTYPE decision [<!ENTITY a \"b\">]>\n</decision>\n", "<procedure code=\"1.999999\""] {
            let file = document(tail)
            #expect(file.bytes.count > LibXMLDocumentReader.chunkSize)
            #expect(file.bytes.count < GuardedFeed.chunksAhead * LibXMLDocumentReader.chunkSize)
            let one = try Self.outcome(file, pipelined: false)
            let two = try Self.outcome(file, pipelined: true)
            #expect(one.diagnostics.contains { $0.hasPrefix("ahead.xml:3:") && $0.contains("256") }, "\(one.diagnostics)")
            #expect(one.diagnostics.allSatisfy { !$0.contains("DOCTYPE") && !$0.contains("truncated") })
            #expect(two.diagnostics == one.diagnostics)
        }
    }

    /// Streamed from disk on two threads (the way a large listing in a catalogue is read):
    /// the same procedures as a whole read on one.
    @Test func aFileStreamedOnTwoThreadsGivesWhatAWholeReadGives() throws {
        let source = try XMLFixtures.file("decision-valid.xml")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tthc-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("d.xml").path
        try Data(source.bytes).write(to: URL(fileURLWithPath: path))
        var streamed: [ProcedureChange] = []
        let result = DecisionXMLReader.run(.file(path: path), displayPath: source.displayPath, pipelined: true) {
            streamed.append($0)
        }
        let whole = DecisionXMLReader.read(source)
        #expect(result.diagnostics.isEmpty)
        #expect(streamed == whole.value?.changes)
    }

    /// The strings every event holds (the namespace, the file name of its place) are made
    /// once for the whole document, by the thread that uses the events, whether or not a
    /// second thread parses: no event's string is made for each event, and none is made on
    /// the parsing thread (whose strings, let go of on the other, moved their counts
    /// between the cores). Over several hand-overs of recorded events.
    @Test(arguments: [false, true])
    func sharedStringsAreMadeOncePerDocument(pipelined: Bool) {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<decision xmlns=\"urn:tthc:decision:1\" number=\"1/QĐ-BX\">\n"
        for i in 0..<3_000 {
            xml += "<procedure code=\"1.\(String(format: "%06d", i))\" change=\"new\"><name>Thủ tục \(i) &amp; hồ sơ</name></procedure>\n"
        }
        xml += "</decision>\n"
        func identity(_ s: String) -> UnsafeRawPointer? {
            s.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        }
        // Every tag kept, so that no string is freed and its address taken again.
        var tags: [XMLStartTag] = []
        var names: [String] = []
        var events = 0
        var inName = false
        _ = LibXMLStream.read(.memory(Array(xml.utf8)), displayPath: "quyet-dinh-so-1-bo-x.xml", schema: nil,
                              namespace: DecisionXMLReader.namespace, pipelined: pipelined) { event in
            switch event {
            case .start(let tag):
                tags.append(tag)
                inName = tag.localName == "name"
                if inName { names.append("") }
            case .text(let text): if inName { names[names.count - 1] += text }
            case .end: inName = false
            }
            events += 1
        }
        #expect(events > 3 * LibXMLStream.batchSize)
        #expect(tags.count == 6_001)
        #expect(tags.allSatisfy { $0.namespace == "urn:tthc:decision:1" && $0.location.file == "quyet-dinh-so-1-bo-x.xml" })
        #expect(Set(tags.map { identity($0.namespace) }).count == 1)
        #expect(Set(tags.map { identity($0.location.file) }).count == 1)
        // The texts (a name comes in pieces, split where the parser met `&amp;`) and the
        // attribute values themselves, each where it belongs.
        #expect(names.count == 3_000)
        #expect(names.first == "Thủ tục 0 & hồ sơ" && names.last == "Thủ tục 2999 & hồ sơ")
        let procedures = tags.filter { $0.localName == "procedure" }
        #expect(procedures.map { $0.attributes["code"] } == (0..<3_000).map { "1." + String(format: "%06d", $0) })
        #expect(procedures.allSatisfy { $0.attributes["change"] == "new" && $0.location.column == 1 })
        #expect(procedures.map(\.location.line) == Array(3..<3_003))
    }
}
