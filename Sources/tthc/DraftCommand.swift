import ArgumentParser
import Foundation
import TTHCKit

/// `tthc draft`: the province's draft publication decision, as a Word document.
struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Write the province's draft publication decision (.docx) for a ministry decision or for every pending change.",
        discussion: """
        Dự thảo Quyết định của Chủ tịch UBND tỉnh công bố danh mục thủ tục hành chính, \
        theo thể thức Nghị định 30/2020/NĐ-CP, kèm Phụ lục danh mục thủ tục thuộc phạm vi của tỉnh. \
        Số và ngày ký để trống cho văn thư. Xem docs/draft.md.
        """
    )

    @OptionGroup var options: CatalogueOptions

    @Option(name: .long, help: ArgumentHelp("The ministry decision to publish, e.g. 2105/QĐ-BKHCN.", valueName: "number"))
    var decision: String?

    @Flag(name: .customLong("all-pending"), help: "Publish every change in scope not yet published, of every decision.")
    var allPending = false

    @Option(name: .shortAndLong, help: ArgumentHelp("The Word file to write (atomically).", valueName: "file.docx"))
    var output: String

    func run() throws {
        let run = RunDiagnostics(options.lang)
        let day = try options.day(run)
        let selection: PublicationDraft.Selection
        switch (decision, allPending) {
        case (let number?, false): selection = .decision(number)
        case (nil, true): selection = .allPending
        default: try run.stop(option: "--decision", CLIStrings.both { $0.draftSelection })
        }
        try options.guardOutputs([.init("--output", output)], run)
        try refuseBinaryToTerminal(output, format: "docx", run)
        // A draft must hold every procedure: a listing that cannot be read stops it.
        let pipeline = try options.pipeline(run)
        let reconciliation = pipeline.reconcile(asOf: day)
        let draft: PublicationDraft
        do {
            draft = try PublicationDraft.make(selection, reconciliation: reconciliation, decisions: pipeline.input.decisions,
                                              register: pipeline.input.register, settings: pipeline.input.settings)
        } catch {
            try run.stop(option: decision == nil ? "--all-pending" : "--decision", CLIStrings.both { s in
                switch error {
                case .noSuchDecision(let n, let known): s.draftNoSuchDecision(n, known)
                case .nothingInScope(let n): s.draftNothingInScope(n)
                case .nothingPending: s.draftNothingPending(day)
                }
            })
        }
        try run.write(draft.docx(), to: output, option: "--output")
        let published = draft.entries.filter { !$0.status.awaitsPublication }.count
        run.status(run.strings.draftSummary(output, draft.entries.count, draft.sources.map(\.number), published))
        try run.finish()
    }
}
