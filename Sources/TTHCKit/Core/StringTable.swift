/// A table of every word one part of the program shows, one value of the table per
/// language (``ReportStrings``, ``RemindStrings``, ``CheckStrings``, ``CalendarStrings``,
/// and the commands' own). Renderers ask ``for(_:)`` and format what they get; a message
/// that must carry both languages (a diagnostic, a finding) is made with ``both(_:)``.
/// No other code spells user-facing words or tests the language.
public protocol StringTable: Sendable {
    static var vietnamese: Self { get }
    static var english: Self { get }
}

extension StringTable {
    public static func `for`(_ language: Language) -> Self {
        switch language {
        case .vi: vietnamese
        case .en: english
        }
    }

    /// One entry of the table in both languages.
    public static func both(_ entry: (Self) -> String) -> LocalizedText {
        LocalizedText(vi: entry(vietnamese), en: entry(english))
    }
}
