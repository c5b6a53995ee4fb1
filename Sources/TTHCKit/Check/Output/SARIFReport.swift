import Foundation

/// The check as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), the
/// format code-scanning services read: GitHub shows each result on the catalogue line.
///
/// - `tool.driver`: name `tthc`, the version, and every rule with its id, short and full
///   description, help text and default level (`error` for the rules the run fails on).
/// - each result: rule id and index, level, message, the catalogue or listing file as the
///   user named it (relative to the repository root, `uriBaseId: %SRCROOT%`) with its line,
///   and `partialFingerprints["tthc/v1"]` from ``CheckFinding/fingerprint``, which does not
///   depend on line numbers, so a result survives rows moving in the file.
/// - `columnKind: unicodeCodePoints`.
///
/// Encoded with `JSONEncoder` and sorted keys: the same outcome gives the same bytes.
public struct SARIFReport: Sendable {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    public var language: Language
    public var toolVersion: String

    public init(language: Language = .vi, toolVersion: String) {
        self.language = language
        self.toolVersion = toolVersion
    }

    public func render(_ outcome: CheckOutcome) -> [UInt8] {
        let rules = CheckRule.allCases
        let log = Log(
            schema: Self.schemaURI, version: "2.1.0",
            runs: [Run(
                tool: Tool(driver: Driver(
                    name: "tthc", version: toolVersion,
                    rules: rules.map { rule in
                        Rule(id: rule.id,
                             shortDescription: Message(text: rule.shortDescription[language]),
                             fullDescription: Message(text: rule.fullDescription[language]),
                             help: Message(text: rule.help[language]),
                             defaultConfiguration: Configuration(
                                level: Self.level(outcome.failOn.contains(rule) ? .error : rule.nonFailingLevel)))
                    })),
                columnKind: "unicodeCodePoints",
                results: outcome.findings.map { f in
                    let subject = [f.code, f.name].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                    return Result(
                        ruleId: f.rule.id, ruleIndex: rules.firstIndex(of: f.rule)!, level: Self.level(f.severity),
                        message: Message(text: "\(subject): \(f.message[language])"),
                        locations: [Location(physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: Self.uri(f.location.file), uriBaseId: "%SRCROOT%"),
                            region: f.location.line.flatMap { $0 > 0 ? Region(startLine: $0) : nil }))],
                        partialFingerprints: ["tthc/v1": f.fingerprint])
                })])
        // Encoding plain structs of strings and integers cannot fail.
        return ((try? PrettyJSON.encode(log)) ?? []) + [0x0a]
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A relative URI reference for a path: `/` kept, anything else outside the URI
    /// path characters (spaces, Vietnamese letters) percent-encoded as UTF-8.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~/!$&'()*+,;=:@")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    // MARK: The subset of the SARIF object model written here

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable {
        var tool: Tool
        var columnKind: String
        var results: [Result]
    }
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name: String
        var version: String
        var rules: [Rule]
    }
    struct Rule: Encodable {
        var id: String
        var shortDescription: Message
        var fullDescription: Message
        var help: Message
        var defaultConfiguration: Configuration
    }
    struct Configuration: Encodable { var level: String }
    struct Message: Encodable { var text: String }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
    }
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }
    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String
    }
    struct Region: Encodable { var startLine: Int }
}
