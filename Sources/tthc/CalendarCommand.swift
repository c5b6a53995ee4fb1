import ArgumentParser
import TTHCKit

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working-day arithmetic on the Vietnamese public-sector calendar.",
        subcommands: []
    )
}
