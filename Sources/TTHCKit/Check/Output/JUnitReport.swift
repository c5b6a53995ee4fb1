/// The check as JUnit XML, the test-report format CI servers display (GitLab, Jenkins,
/// Azure, the GitHub test-report actions): one `<testsuite>` per rule, one `<testcase>`
/// per (rule, procedure) checked, so the counts say how much was checked and not only
/// what failed.
///
/// A finding of a rule the run fails on is a `<failure>`; a finding of another rule leaves
/// the case passing and is written to its `<system-out>` as `warning: …` or `note: …`, so
/// the report agrees with the exit code. No timestamps or durations: the same inputs give
/// the same bytes. Hand-written XML (a few elements, escaped here) rather than through
/// libxml2's writer, which the project keeps behind the XML reader.
public struct JUnitReport: Sendable {
    public var language: Language

    public init(language: Language = .vi) { self.language = language }

    public func render(_ outcome: CheckOutcome) -> String {
        struct Case {
            var subject: CheckSubject
            var failures: [CheckFinding]
            var notes: [CheckFinding]
        }
        var suites: [(rule: CheckRule, cases: [Case])] = []
        for rule in CheckRule.allCases {
            let cases = outcome.subjects.filter { $0.rule == rule }.map { subject in
                let found = outcome.findings(of: subject)
                return Case(subject: subject, failures: found.filter { $0.severity == .error },
                            notes: found.filter { $0.severity != .error })
            }
            // An opt-in rule the run did not turn on has no suite (it checked nothing).
            if CheckRule.optIn.contains(rule) && cases.isEmpty { continue }
            suites.append((rule, cases))
        }
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.cases.filter { !$0.failures.isEmpty }.count }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"tthc check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        for (rule, cases) in suites {
            let failing = cases.filter { !$0.failures.isEmpty }.count
            out += "  <testsuite name=\"\(Self.escape(rule.id))\" tests=\"\(cases.count)\" failures=\"\(failing)\" errors=\"0\" skipped=\"0\">\n"
            out += "    <properties>\n"
            out += "      <property name=\"description\" value=\"\(Self.escape(rule.shortDescription[language]))\"/>\n"
            out += "      <property name=\"fails-run\" value=\"\(outcome.failOn.contains(rule))\"/>\n"
            out += "    </properties>\n"
            for c in cases {
                let s = c.subject
                var name = [s.code, s.name].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                if let decision = s.decision { name += " (\(decision))" }
                var attributes = "classname=\"tthc.\(Self.escape(rule.id))\" name=\"\(Self.escape(name))\" file=\"\(Self.escape(s.location.file))\""
                if let line = s.location.line { attributes += " line=\"\(line)\"" }
                if c.failures.isEmpty && c.notes.isEmpty {
                    out += "    <testcase \(attributes)/>\n"
                    continue
                }
                out += "    <testcase \(attributes)>\n"
                if let first = c.failures.first {
                    let text = c.failures.map { $0.rendered(language) }.joined(separator: "\n")
                    out += "      <failure type=\"\(Self.escape(rule.id))\" message=\"\(Self.escape(first.message[language]))\">"
                    out += Self.escape(text, attribute: false) + "</failure>\n"
                }
                if !c.notes.isEmpty {
                    let text = c.notes.map { $0.rendered(language) }.joined(separator: "\n")
                    out += "      <system-out>" + Self.escape(text, attribute: false) + "</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// Escapes XML 1.0 character data or an attribute value (see ``XMLText/escape(_:attribute:)``).
    public static func escape(_ text: String, attribute: Bool = true) -> String {
        XMLText.escape(text, attribute: attribute)
    }
}
