import ArgumentParser
import Foundation
import TTHCKit

/// What every command that works on a catalogue directory needs: the data, the calendar
/// (with the directory's override file applied) and the day to reckon from.
struct LoadedCatalogue {
    var data: CatalogueData
    var calendar: WorkingCalendar
    var asOf: CivilDate
}

/// Options shared by `reconcile`, `remind` and `check`.
struct CatalogueOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The catalogue directory.", valueName: "dir"))
    var catalogs: String = "catalogs"

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The day to reckon from (dd/mm/yyyy or yyyy-mm-dd); default today in Asia/Ho_Chi_Minh.", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: "Language of the output: vi or en.")
    var lang: Language = .vi

    /// Reads the directory. Every diagnostic goes to standard error; on any error the run
    /// stops with exit code 2 before anything is written, except, with
    /// `allowingUnreadListings`, errors that only keep some decision listings from being
    /// read: then the run goes on without them (they are in `data.unreadListings`, and the
    /// caller names them in its output and exits with code 2 after writing it).
    func load(allowingUnreadListings: Bool = false) throws -> LoadedCatalogue {
        let day = try asOf.map { try parseDateArgument($0, name: "--as-of", language: lang) } ?? todayInVietnam()
        let read = CatalogueDirectory.load(URL(fileURLWithPath: catalogs), displayPath: catalogs)
        var engine = DiagnosticEngine()
        engine.emit(contentsOf: read.diagnostics)
        for d in engine.sorted { printError(d.rendered(lang)) }
        guard let data = read.value else { throw badInputExitCode }
        if engine.hasErrors, !(allowingUnreadListings && data.errorsAreConfinedToListings(engine.diagnostics)) {
            throw badInputExitCode
        }
        return LoadedCatalogue(data: data, calendar: data.calendar, asOf: day)
    }
}

extension CatalogueOptions {
    /// Stops with exit code 2, before anything is read or written, when an output would
    /// land inside the catalogue directory, on an input, or on another output of the run
    /// (see ``OutputGuard``).
    func guardOutputs(_ outputs: [OutputGuard.Output], inputs: [String] = []) throws {
        let problems = OutputGuard.problems(outputs, catalogueDirectory: catalogs, inputs: inputs)
        guard !problems.isEmpty else { return }
        for d in problems { printError(d.rendered(lang)) }
        throw badInputExitCode
    }
}

/// Writes a command's output atomically (or to stdout), or stops with exit code 2 and the
/// reason on standard error.
func writeOutput(_ bytes: [UInt8], to path: String?, language: Language) throws {
    do {
        try AtomicFileWriter.writeOutput(bytes, to: path)
    } catch {
        printError("error: \(error.message[language])")
        throw badInputExitCode
    }
}
