/// The report as JSON: the ``Reconciliation`` value itself, encoded with sorted keys,
/// indentation and unescaped slashes (decision numbers such as `2345/QĐ-BKHCN` stay
/// readable) by ``PrettyJSON``, which writes what `JSONEncoder` would. The schema is documented in `docs/report-schema.md` and
/// `docs/report-schema.json`; `schemaVersion` says which version a file follows.
///
/// The language is not used: JSON carries stable identifiers and ISO dates, and the few
/// messages it holds (findings) carry both languages.
///
/// JSON has no NaN or infinity: an online-service target that is not a finite number is
/// left out, as if none were configured.
public struct JSONReport: ReportRenderer {
    public init() {}

    public func render(_ reconciliation: Reconciliation, language: Language) -> [UInt8] {
        content(reconciliation, language: language).collected
    }

    /// The report handed to the file as it is encoded: at national scale it is hundreds of
    /// megabytes, never held whole.
    public func content(_ reconciliation: Reconciliation, language: Language) -> OutputContent {
        var value = reconciliation
        if let target = value.scorecard.onlineTarget, !target.isFinite { value.scorecard.onlineTarget = nil }
        return .produced { [value] write in
            // Every value left is a string, integer, boolean, finite number, array or keyed
            // container, so encoding cannot fail; a failure would be a programming error in
            // a Codable conformance.
            do { try PrettyJSON.encode(value, to: write) } catch {
                preconditionFailure("Reconciliation failed to encode as JSON: \(error)")
            }
            withUnsafeBytes(of: UInt8(0x0A)) { write($0) }
        }
    }
}
