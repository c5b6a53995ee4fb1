import Testing
@testable import TTHCKit

@Suite struct TerminalColourTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var choice: ColourChoice
        var noColour: String?
        var output: String?
        var terminal: Bool
        var expected: Bool
        var testDescription: String {
            "--color \(choice) NO_COLOR=\(noColour ?? "unset") output=\(output ?? "stdout") tty=\(terminal) → \(expected)"
        }
    }

    static let cases: [Case] = [
        // The explicit flag wins over everything.
        Case(choice: .always, noColour: "1", output: "report.txt", terminal: false, expected: true),
        Case(choice: .never, noColour: nil, output: nil, terminal: true, expected: false),
        // NO_COLOR: any non-empty value disables; empty means unset.
        Case(choice: .auto, noColour: "1", output: nil, terminal: true, expected: false),
        Case(choice: .auto, noColour: "0", output: nil, terminal: true, expected: false),
        Case(choice: .auto, noColour: "", output: nil, terminal: true, expected: true),
        // Then isatty on the stream actually written.
        Case(choice: .auto, noColour: nil, output: nil, terminal: true, expected: true),
        Case(choice: .auto, noColour: nil, output: "-", terminal: true, expected: true),
        Case(choice: .auto, noColour: nil, output: nil, terminal: false, expected: false),
        Case(choice: .auto, noColour: nil, output: "report.txt", terminal: true, expected: false),
    ]

    @Test(arguments: cases)
    func decision(_ c: Case) {
        let env = c.noColour.map { ["NO_COLOR": $0] } ?? [:]
        var asked: [Int32] = []
        let result = TerminalColour.enabled(choice: c.choice, environment: env, outputPath: c.output) { fd in
            asked.append(fd)
            return c.terminal
        }
        #expect(result == c.expected)
        #expect(asked.allSatisfy { $0 == 1 })  // only standard output is ever asked about
    }
}
