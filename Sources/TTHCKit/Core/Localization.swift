/// The languages user-facing text is written in. Vietnamese is the default.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi, en
}

/// A piece of user-facing text in both languages. Every message the library produces
/// carries both, so the executable can choose at the edge.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    public subscript(_ language: Language) -> String {
        language == .vi ? vi : en
    }
}
