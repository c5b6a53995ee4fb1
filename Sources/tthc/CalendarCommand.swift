import ArgumentParser
import Foundation
import TTHCKit

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working-day arithmetic on the Vietnamese public-sector calendar.",
        discussion: """
        Lịch làm việc của cơ quan hành chính nhà nước: ngày nghỉ lễ, tết, nghỉ bù, \
        hoán đổi và làm bù; tính thời hạn theo ngày làm việc (Bộ luật Dân sự 2015, \
        Điều 147–148). Dates: dd/mm/yyyy or yyyy-mm-dd.
        """,
        subcommands: [Holidays.self, Add.self, Count.self, IsWorking.self, Lunar.self, Solar.self]
    )
}

extension HolidayListing.Format: ExpressibleByArgument {}

/// Options every calendar command shares.
struct CalendarOptions: ParsableArguments {
    @Option(name: .customLong("holidays"), help: ArgumentHelp(
        "Override file adding or removing days off (YAML, see docs/holidays.md).", valueName: "file"))
    var holidaysFile: String?

    @Option(name: .customLong("lang"), help: "Language of the output: vi or en.")
    var language: Language = .vi

    /// The standard calendar with the override file applied; diagnostics go to the run's
    /// printer, and errors stop the command with exit code 2.
    func calendar(_ run: RunDiagnostics) throws -> WorkingCalendar {
        var file: InputFile?
        if let holidaysFile {
            do {
                file = try InputFile.read(URL(fileURLWithPath: holidaysFile), displayPath: holidaysFile)
            } catch {
                try run.stop(error.diagnostics)
            }
        }
        let result = WorkingCalendar.read(overrideFile: file)
        run.report(result.diagnostics)
        guard let calendar = result.value else { throw badInputExitCode }
        return calendar
    }

    /// A warning on stderr for each provisional year a result relies on.
    func warnProvisional(_ calendar: WorkingCalendar, _ a: CivilDate, _ b: CivilDate, _ run: RunDiagnostics) {
        let years = calendar.provisionalYears(between: a, and: b)
        guard !years.isEmpty else { return }
        run.status(run.strings.provisionalYears(years.map(String.init).joined(separator: ", ")))
    }
}

extension CalendarCommand {
    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "holidays",
            abstract: "List a year's weekdays off and Saturdays worked.",
            discussion: "Mỗi ngày nghỉ rơi vào ngày thường và mỗi ngày làm bù: ngày, thứ, loại, tên, văn bản quyết định, tạm tính hay chính thức.")

        @Argument(help: "The year, e.g. 2026.")
        var year: Int

        @Option(help: "Output format: text, csv or json.")
        var format: HolidayListing.Format = .text

        @OptionGroup var options: CalendarOptions

        func run() throws {
            let run = RunDiagnostics(options.language)
            let range = VietnameseLunarCalendar.supportedYears
            guard range.contains(year) else {
                try run.stop(option: "YEAR", CLIStrings.both { $0.yearOutOfRange(year, range) })
            }
            let calendar = try options.calendar(run)
            let listing = HolidayListing(year: year, calendar: calendar)
            print(listing.render(format, language: options.language), terminator: "")
            let newYear = CivilDate(year: year, month: 1, day: 1)!
            options.warnProvisional(calendar, newYear, newYear, run)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "The date N working days after DATE (the day of DATE is not counted).",
            discussion: """
            Prints the deadline as yyyy-mm-dd on the first line. N = 0 gives DATE itself when \
            it is a working day, else the next working day. A negative N counts backwards \
            (tthc calendar add 10/3/2026 -3). |N| ≤ 10000.
            """)

        @Argument(help: ArgumentHelp("The day of the triggering event.", valueName: "date"))
        var date: String

        @Argument(help: ArgumentHelp("Working days to add.", valueName: "n"))
        var workingDays: Int

        @Flag(help: "List each day counted or skipped, with the reason.")
        var explain = false

        @OptionGroup var options: CalendarOptions

        /// Counts as large as forty years of working days, either way: enough for any
        /// deadline, and a count past it is a typing mistake, not a request to compute a date
        /// in the year 385341.
        static let range = -10_000...10_000

        func run() throws {
            let run = RunDiagnostics(options.language)
            let start = try run.date(date, option: "DATE")
            guard Self.range.contains(workingDays) else {
                try run.stop(option: "N", CLIStrings.both { $0.countOutOfRange(Self.range, workingDays) })
            }
            let calendar = try options.calendar(run)
            let result = calendar.adding(workingDays: workingDays, to: start)
            print(result.iso)
            if explain {
                for step in calendar.explainAdding(workingDays: workingDays, to: start) {
                    print(Self.line(step, run.strings, options.language))
                }
            }
            options.warnProvisional(calendar, start, result, run)
        }

        static func line(_ step: ExplainedDay, _ strings: CLIStrings, _ language: Language) -> String {
            let role = strings.explainRole(step.role, step.count ?? 0)
            var s = strings.date(step.date) + "  " + DisplayWidth.padded(role, to: 8) + "  " + step.reason[language]
            if step.provisional { s += strings.provisionalMark }
            return s
        }
    }

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "count",
            abstract: "The number of working days after FROM up to and including TO.",
            discussion: "Negative when TO is before FROM.")

        @Argument(help: ArgumentHelp("Start (not counted).", valueName: "from"))
        var from: String

        @Argument(help: ArgumentHelp("End (counted).", valueName: "to"))
        var to: String

        @OptionGroup var options: CalendarOptions

        func run() throws {
            let run = RunDiagnostics(options.language)
            let a = try run.date(from, option: "FROM")
            let b = try run.date(to, option: "TO")
            let calendar = try options.calendar(run)
            print(calendar.workingDays(from: a, to: b))
            options.warnProvisional(calendar, a, b, run)
        }
    }

    struct IsWorking: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "is-working",
            abstract: "Exit 0 when DATE is a working day, 1 when it is not; says why.")

        @Argument(help: ArgumentHelp("The day to check.", valueName: "date"))
        var date: String

        @OptionGroup var options: CalendarOptions

        func run() throws {
            let run = RunDiagnostics(options.language)
            let strings = run.strings
            let day = try run.date(date, option: "DATE")
            let calendar = try options.calendar(run)
            let working = calendar.isWorkingDay(day)
            var line = strings.date(day) + ": " + (working ? strings.workingDay : strings.notWorkingDay)
                + " (" + calendar.reason(for: day)[options.language] + ")"
            if calendar.specialDay(on: day)?.provisional ?? calendar.isProvisional(year: day.year) {
                line += strings.provisionalMark
            }
            print(line)
            if !working { throw ExitCode(1) }
        }
    }

    struct Lunar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lunar",
            abstract: "The Vietnamese lunar date (âm lịch, UTC+7) of a solar date.")

        @Argument(help: ArgumentHelp("A solar (Gregorian) date.", valueName: "date"))
        var date: String

        @Option(name: .customLong("lang"), help: "Language of the output: vi or en.")
        var language: Language = .vi

        func run() throws {
            let run = RunDiagnostics(language)
            let day = try run.date(date, option: "DATE")
            try checkLunarRange(day.year, option: "DATE", run)
            let lunar = VietnameseLunarCalendar.lunarDate(of: day)
            var line = "\(lunar.day)/\(lunar.month)/\(lunar.year)"
            if lunar.isLeapMonth { line += run.strings.leapMonth }
            print(line)
        }
    }

    struct Solar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "solar",
            abstract: "The solar date of a Vietnamese lunar date given as d/m/yyyy.")

        @Argument(help: ArgumentHelp("Lunar day/month/year, e.g. 10/3/2026.", valueName: "lunar-date"))
        var lunarDate: String

        @Flag(help: "The month is the leap (nhuận) month.")
        var leap = false

        @Option(name: .customLong("lang"), help: "Language of the messages: vi or en.")
        var language: Language = .vi

        func run() throws {
            let run = RunDiagnostics(language)
            let parts = lunarDate.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
                  (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4
            else {
                try run.stop(option: "LUNAR-DATE", CLIStrings.both { $0.invalidLunarDate(lunarDate) })
            }
            try checkLunarRange(y, option: "LUNAR-DATE", run)
            let lunar = LunarDate(year: y, month: m, day: d, isLeapMonth: leap)
            guard let solar = VietnameseLunarCalendar.civilDate(of: lunar) else {
                try run.stop(option: "LUNAR-DATE", CLIStrings.both { $0.noSuchLunarDate(d, m, y, leap) })
            }
            print(solar.iso)
        }
    }
}

/// Stops with exit 2 when `year` is outside the lunar calendar's range.
func checkLunarRange(_ year: Int, option: String, _ run: RunDiagnostics) throws {
    let r = VietnameseLunarCalendar.supportedYears
    guard r.contains(year) else {
        try run.stop(option: option, CLIStrings.both { $0.lunarYearOutOfRange(year, r) })
    }
}
