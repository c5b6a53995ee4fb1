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

/// English counted nouns, spelled in one place: "1 working day", "3 working days".
public enum English {
    /// `n` and the noun, plural unless `n` is 1 (or -1). `plural` defaults to noun + "s".
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (abs(n) == 1 ? noun : plural ?? noun + "s")
    }
}
