import Foundation

/// The one road through the library, which every command that works on a catalogue
/// directory takes: read the directory into one input value (``CatalogueData``: the
/// catalogue, the decisions, the settings and the finished working calendar), then
/// reconcile it for one day. The check and the reminders are computed from that
/// ``Reconciliation``, never from the raw catalogue beside it; the commands only choose
/// which output to render.
///
/// ```
/// CataloguePipeline.read  →  CatalogueData  →  reconcile(asOf:)  →  Reconciliation
///                                                  ├─ ReportRenderer     (reconcile)
///                                                  ├─ CheckRules         (check)
///                                                  └─ Reminders          (remind)
/// ```
public struct CataloguePipeline: Sendable {
    /// The directory as the user named it: every diagnostic and finding about the whole
    /// catalogue points at it.
    public let directory: String
    public let input: CatalogueData

    public init(directory: String, input: CatalogueData) {
        self.directory = directory
        self.input = input
    }

    /// What reading a directory gives: the pipeline when there is something to go on with,
    /// and every diagnostic, sorted by file, line and column.
    public struct Reading: Sendable {
        public var pipeline: CataloguePipeline?
        public var diagnostics: [Diagnostic]
        /// True when some diagnostic is an error.
        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Reads a catalogue directory. With `allowingUnreadListings`, errors that only keep some
    /// decision listings from being read leave a pipeline without those decisions (they are
    /// in ``CatalogueData/unreadListings`` and every report names them); otherwise any error
    /// leaves none.
    public static func read(_ url: URL, displayPath: String, allowingUnreadListings: Bool = false) -> Reading {
        let read = CatalogueDirectory.load(url, displayPath: displayPath)
        guard let data = read.value else { return Reading(pipeline: nil, diagnostics: read.diagnostics) }
        let hasErrors = read.diagnostics.contains { $0.severity == .error }
        if hasErrors, !(allowingUnreadListings && data.errorsAreConfinedToListings(read.diagnostics)) {
            return Reading(pipeline: nil, diagnostics: read.diagnostics)
        }
        return Reading(pipeline: CataloguePipeline(directory: displayPath, input: data), diagnostics: read.diagnostics)
    }

    /// The reconciliation as of `asOf`, with the settings, calendar and unread listings of
    /// the input.
    public func reconcile(asOf: CivilDate) -> Reconciliation {
        Reconciler(settings: input.settings).reconcile(
            decisions: input.decisions, catalogue: input.catalogue,
            calendar: input.calendar, asOf: asOf, unreadListings: input.unreadListings)
    }

    /// The CI gate's findings as of `asOf`.
    public func check(asOf: CivilDate, failOn: Set<CheckRule> = CheckRules.defaultFailOn,
                      warnOn: Set<CheckRule> = []) -> CheckOutcome {
        CheckRules.evaluate(reconcile(asOf: asOf), failOn: failOn, warnOn: warnOn, catalogueDirectory: directory)
    }

    /// The office's reminders as of `asOf`; `within` defaults to `reminder-within`.
    public func reminders(asOf: CivilDate, within: Int? = nil) -> Reminders {
        Reminders(reconcile(asOf: asOf), within: within)
    }
}
