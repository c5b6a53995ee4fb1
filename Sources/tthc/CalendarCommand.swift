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

    /// The standard calendar with the override file applied; diagnostics go to stderr,
    /// and errors stop the command with exit code 2.
    func calendar() throws -> WorkingCalendar {
        var file: InputFile?
        if let holidaysFile {
            do {
                file = try InputFile.read(URL(fileURLWithPath: holidaysFile), displayPath: holidaysFile)
            } catch {
                printDiagnostics(error.diagnostics)
                throw badInputExitCode
            }
        }
        let result = WorkingCalendar.read(overrideFile: file)
        printDiagnostics(result.diagnostics)
        guard let calendar = result.value else { throw badInputExitCode }
        return calendar
    }

    func printDiagnostics(_ diagnostics: [Diagnostic]) {
        var engine = DiagnosticEngine()
        engine.emit(contentsOf: diagnostics)
        for d in engine.sorted { printError(d.rendered(language)) }
    }

    /// A warning on stderr for each provisional year a result relies on.
    func warnProvisional(_ calendar: WorkingCalendar, _ a: CivilDate, _ b: CivilDate) {
        let years = calendar.provisionalYears(between: a, and: b)
        guard !years.isEmpty else { return }
        let list = years.map(String.init).joined(separator: ", ")
        printError(language == .vi
            ? "cảnh báo: chưa có lịch nghỉ chính thức cho năm \(list); kết quả tạm tính theo Bộ luật Lao động"
            : "warning: no official schedule on file for \(list); the result is provisional, computed from the Labour Code")
    }

    func date(_ d: CivilDate) -> String { language == .vi ? d.vietnamese : d.iso }
}

extension CalendarCommand {
    struct Holidays: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a year's weekdays off and Saturdays worked.",
            discussion: "Mỗi ngày nghỉ rơi vào ngày thường và mỗi ngày làm bù: ngày, thứ, loại, tên, văn bản quyết định, tạm tính hay chính thức.")

        @Argument(help: "The year, e.g. 2026.")
        var year: Int

        @Option(help: "Output format: text, csv or json.")
        var format: HolidayListing.Format = .text

        @OptionGroup var options: CalendarOptions

        func run() throws {
            let range = VietnameseLunarCalendar.supportedYears
            guard range.contains(year) else {
                try usageError(LocalizedText(
                    vi: "năm \(year) nằm ngoài phạm vi lịch (\(range.lowerBound)–\(range.upperBound))",
                    en: "year \(year) is outside the calendar's range (\(range.lowerBound)–\(range.upperBound))"), language: options.language)
            }
            let calendar = try options.calendar()
            let listing = HolidayListing(year: year, calendar: calendar)
            print(listing.render(format, language: options.language), terminator: "")
            let newYear = CivilDate(year: year, month: 1, day: 1)!
            options.warnProvisional(calendar, newYear, newYear)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
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
            let start = try parseDateArgument(date, name: "DATE", language: options.language)
            guard Self.range.contains(workingDays) else {
                try usageError(LocalizedText(
                    vi: "N: cần số ngày làm việc từ \(Self.range.lowerBound) đến \(Self.range.upperBound), nhưng có \(workingDays)",
                    en: "N: expected a number of working days from \(Self.range.lowerBound) to \(Self.range.upperBound), found \(workingDays)"),
                    language: options.language)
            }
            let calendar = try options.calendar()
            let result = calendar.adding(workingDays: workingDays, to: start)
            print(result.iso)
            if explain {
                for step in calendar.explainAdding(workingDays: workingDays, to: start) {
                    print(Self.line(step, options))
                }
            }
            options.warnProvisional(calendar, start, result)
        }

        static func line(_ step: ExplainedDay, _ options: CalendarOptions) -> String {
            let lang = options.language
            let role: String
            switch step.role {
            case .trigger: role = lang == .vi ? "bắt đầu" : "start"
            case .counted: role = (lang == .vi ? "tính " : "day ") + String(step.count ?? 0)
            case .skipped: role = lang == .vi ? "bỏ qua" : "skipped"
            case .rolledForward: role = lang == .vi ? "hết hạn" : "ends"
            }
            var s = options.date(step.date) + "  " + role.padded(8) + "  " + step.reason[lang]
            if step.provisional { s += lang == .vi ? " (tạm tính)" : " (provisional)" }
            return s
        }
    }

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The number of working days after FROM up to and including TO.",
            discussion: "Negative when TO is before FROM.")

        @Argument(help: ArgumentHelp("Start (not counted).", valueName: "from"))
        var from: String

        @Argument(help: ArgumentHelp("End (counted).", valueName: "to"))
        var to: String

        @OptionGroup var options: CalendarOptions

        func run() throws {
            let a = try parseDateArgument(from, name: "FROM", language: options.language)
            let b = try parseDateArgument(to, name: "TO", language: options.language)
            let calendar = try options.calendar()
            print(calendar.workingDays(from: a, to: b))
            options.warnProvisional(calendar, a, b)
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
            let day = try parseDateArgument(date, name: "DATE", language: options.language)
            let calendar = try options.calendar()
            let working = calendar.isWorkingDay(day)
            let lang = options.language
            var line = options.date(day) + ": "
                + (working ? (lang == .vi ? "ngày làm việc" : "working day")
                           : (lang == .vi ? "không phải ngày làm việc" : "not a working day"))
                + " (" + calendar.reason(for: day)[lang] + ")"
            if calendar.specialDay(on: day)?.provisional ?? calendar.isProvisional(year: day.year) {
                line += lang == .vi ? " (tạm tính)" : " (provisional)"
            }
            print(line)
            if !working { throw ExitCode(1) }
        }
    }

    struct Lunar: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The Vietnamese lunar date (âm lịch, UTC+7) of a solar date.")

        @Argument(help: ArgumentHelp("A solar (Gregorian) date.", valueName: "date"))
        var date: String

        @Option(name: .customLong("lang"), help: "Language of the output: vi or en.")
        var language: Language = .vi

        func run() throws {
            let day = try parseDateArgument(date, name: "DATE", language: language)
            try checkLunarRange(day.year, language: language)
            let lunar = VietnameseLunarCalendar.lunarDate(of: day)
            var line = "\(lunar.day)/\(lunar.month)/\(lunar.year)"
            if lunar.isLeapMonth { line += language == .vi ? " (tháng nhuận)" : " (leap month)" }
            print(line)
        }
    }

    struct Solar: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The solar date of a Vietnamese lunar date given as d/m/yyyy.")

        @Argument(help: ArgumentHelp("Lunar day/month/year, e.g. 10/3/2026.", valueName: "lunar-date"))
        var lunarDate: String

        @Flag(help: "The month is the leap (nhuận) month.")
        var leap = false

        @Option(name: .customLong("lang"), help: "Language of the messages: vi or en.")
        var language: Language = .vi

        func run() throws {
            let parts = lunarDate.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
                  (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4
            else {
                try usageError(LocalizedText(
                    vi: "LUNAR-DATE: ngày âm lịch không hợp lệ \"\(lunarDate)\": cần dạng d/m/yyyy",
                    en: "LUNAR-DATE: invalid lunar date \"\(lunarDate)\": expected d/m/yyyy"), language: language)
            }
            try checkLunarRange(y, language: language)
            let lunar = LunarDate(year: y, month: m, day: d, isLeapMonth: leap)
            guard let solar = VietnameseLunarCalendar.civilDate(of: lunar) else {
                let shown = "\(d)/\(m)/\(y)" + (leap ? " (nhuận)" : "")
                try usageError(LocalizedText(
                    vi: "LUNAR-DATE: không có ngày âm lịch \(shown)",
                    en: "LUNAR-DATE: no such lunar date \(d)/\(m)/\(y)" + (leap ? " (leap month)" : "")), language: language)
            }
            print(solar.iso)
        }
    }
}

/// Stops with exit 2 when `year` is outside the lunar calendar's range.
func checkLunarRange(_ year: Int, language: Language) throws {
    let r = VietnameseLunarCalendar.supportedYears
    guard r.contains(year) else {
        try usageError(LocalizedText(
            vi: "năm \(year) nằm ngoài phạm vi lịch âm (\(r.lowerBound)–\(r.upperBound))",
            en: "year \(year) is outside the lunar calendar's range (\(r.lowerBound)–\(r.upperBound))"), language: language)
    }
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
