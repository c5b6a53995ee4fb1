import ArgumentParser
import Foundation
import TTHCKit

/// Options shared by `reconcile`, `remind`, `check` and `validate`.
struct CatalogueOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The catalogue directory.", valueName: "dir"))
    var catalogs: String = "catalogs"

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The day to reckon from (dd/mm/yyyy or yyyy-mm-dd); default today in Asia/Ho_Chi_Minh.", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    /// The day to reckon from, or a stop at `--as-of`.
    func day(_ run: RunDiagnostics) throws -> CivilDate {
        try asOf.map { try run.date($0, option: "--as-of") } ?? todayInVietnam()
    }

    /// Reads the directory through the library's pipeline. Every diagnostic goes to the
    /// run's printer; on any error the run stops with exit code 2 before anything is
    /// written, except, with `allowingUnreadListings`, errors that only keep some decision
    /// listings from being read: then the run goes on without them (the reports name them,
    /// and ``RunDiagnostics/finish(_:)`` still exits with code 2).
    func pipeline(_ run: RunDiagnostics, allowingUnreadListings: Bool = false) throws -> CataloguePipeline {
        let reading = CataloguePipeline.read(URL(fileURLWithPath: catalogs), displayPath: catalogs,
                                             allowingUnreadListings: allowingUnreadListings)
        run.report(reading.diagnostics)
        guard let pipeline = reading.pipeline else { throw badInputExitCode }
        return pipeline
    }

    /// Stops with exit code 2, before anything is read or written, when an output would
    /// land inside the catalogue directory, on an input, or on another output of the run
    /// (see ``OutputGuard``).
    func guardOutputs(_ outputs: [OutputGuard.Output], inputs: [String] = [], _ run: RunDiagnostics) throws {
        let problems = OutputGuard.problems(outputs, catalogueDirectory: catalogs, inputs: inputs)
        if !problems.isEmpty { try run.stop(problems) }
    }
}
