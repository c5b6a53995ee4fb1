/// The reminders as a short list for the terminal (danh sách nhắc hạn): what `tthc remind`
/// prints when no calendar or e-mail output is asked for. Overdue changes first, then those
/// due soon, one line each: deadline (dd/mm/yyyy), working days, procedure code, name, and
/// the ministry decision with the kind of change.
public struct ReminderListing: Sendable {
    public var language: Language

    public init(language: Language = .vi) { self.language = language }

    /// The list, `\n` line ends, ending with a newline, with control characters from the
    /// data made visible (``TerminalText``): it is meant for a terminal.
    public func render(_ reminders: Reminders) -> String {
        TerminalText.visible(lines(reminders))
    }

    private func lines(_ reminders: Reminders) -> String {
        // One width per column over both sections, so the two lists line up.
        let all = reminders.overdue + reminders.dueSoon
        let statusWidth = all.map { DisplayWidth.of(strings.listStatus($0)) }.max() ?? 0
        let codeWidth = all.map { DisplayWidth.of($0.code.label[language]) }.max() ?? 0
        let lines = strings.digest(reminders, rows: { rows in
            rows.map { row in
                var line = "  " + (row.deadline?.vietnamese ?? "–")
                line += "  " + DisplayWidth.padded(strings.listStatus(row), to: statusWidth)
                line += "  " + DisplayWidth.padded(row.code.label[language], to: codeWidth)
                line += "  " + row.name
                line += " [\(row.decision), \(row.change.label[language])]"
                if row.provisional { line += strings.provisionalMark }
                return line
            }
        }, duties: { duties in
            let leftWidth = duties.map { DisplayWidth.of(strings.dutyLeft($0)) }.max() ?? 0
            return duties.map { d in
                "  " + d.due.vietnamese + "  " + DisplayWidth.padded(strings.dutyLeft(d), to: leftWidth)
                    + "  " + d.name + " [" + strings.dutyRule(d) + "]"
            }
        })
        return lines.joined(separator: "\n") + "\n"
    }

    private var strings: RemindStrings { .for(language) }
}
