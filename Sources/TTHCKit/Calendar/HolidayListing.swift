import Foundation

/// A year's special days, rendered as text, CSV or JSON for `tthc calendar holidays`.
///
/// The JSON schema (stable, keys sorted):
/// `{"days": [{"date", "kind", "name": {"en", "vi"}, "provisional", "source", "weekday",
/// "weekdayName": {"en", "vi"}}], "provisional": Bool, "year": Int}`; `weekday` is ISO
/// (1 = Monday … 7 = Sunday). CSV has the header
/// `date,weekday,kind,name_vi,name_en,source,provisional`, RFC 4180 quoting, LF line ends.
public struct HolidayListing: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, csv, json }

    public var year: Int
    /// True when the year has no official schedule on file.
    public var provisional: Bool
    public var days: [SpecialDay]

    public init(year: Int, calendar: WorkingCalendar) {
        self.year = year
        self.provisional = calendar.isProvisional(year: year)
        self.days = calendar.specialDays(in: year)
    }

    public func render(_ format: Format, language: Language) -> String {
        switch format {
        case .text: text(language)
        case .csv: csv(language)
        case .json: json()
        }
    }

    func text(_ language: Language) -> String {
        let strings = CalendarStrings.for(language)
        var lines = [strings.title(year, provisional)]
        let kindWidth = days.map { DisplayWidth.of($0.kind.label[language]) }.max() ?? 0
        for day in days {
            var line = strings.date(day.date) + "  " + DisplayWidth.padded(day.date.weekday.label[language], to: strings.weekdayWidth)
                + "  " + DisplayWidth.padded(day.kind.label[language], to: kindWidth) + "  " + day.name[language]
            if day.provisional { line += " " + strings.provisional }
            line += " " + strings.source(day.source)
            lines.append(line)
        }
        if days.isEmpty { lines.append(strings.noWeekdayOff) }
        return lines.joined(separator: "\n") + "\n"
    }

    func csv(_ language: Language) -> String {
        var out = "date,weekday,kind,name_vi,name_en,source,provisional\n"
        for day in days {
            let fields = [day.date.iso, day.date.weekday.label[language], day.kind.rawValue, day.name.vi,
                          day.name.en, day.source, day.provisional ? "true" : "false"]
            out += fields.map(CSVField.encoded).joined(separator: ",") + "\n"
        }
        return out
    }

    struct JSONDay: Encodable {
        var date: String
        var kind: String
        var name: LocalizedText
        var provisional: Bool
        var source: String
        var weekday: Int
        var weekdayName: LocalizedText
    }

    struct JSONListing: Encodable {
        var days: [JSONDay]
        var provisional: Bool
        var year: Int
    }

    func json() -> String {
        let listing = JSONListing(
            days: days.map {
                JSONDay(date: $0.date.iso, kind: $0.kind.rawValue, name: $0.name, provisional: $0.provisional,
                        source: $0.source, weekday: $0.date.weekday.rawValue,
                        weekdayName: $0.date.weekday.label)
            },
            provisional: provisional, year: year)
        // Encoding plain strings, numbers and booleans cannot fail.
        let bytes = (try? PrettyJSON.encode(listing)) ?? []
        return String(decoding: bytes, as: UTF8.self) + "\n"
    }
}


/// Every word of the holiday listing and of the working-day explanations
/// (``WorkingCalendar/reason(for:)``, ``WorkingCalendar/explainAdding(workingDays:to:)``),
/// one table per language. ``provisional`` is also the mark the reminders and the calendar
/// commands put after a provisional result.
public struct CalendarStrings: StringTable {
    var language: Language
    var title: @Sendable (_ year: Int, _ provisional: Bool) -> String
    var date: @Sendable (CivilDate) -> String
    /// Columns of the weekday name: the longest, "Chủ nhật" / "Wednesday".
    var weekdayWidth: Int
    public var provisional: String
    var source: @Sendable (String) -> String
    var noWeekdayOff: String
    var weeklyRestDay: String
    var workingDay: String
    var eventDayEndsPeriod: String
    var eventDayNotCounted: String
    var nextWorkingDay: @Sendable (_ reason: String) -> String

    public static let vietnamese = CalendarStrings(
        language: .vi,
        title: { year, provisional in
            "Lịch nghỉ khu vực công năm \(year): "
                + (provisional ? "tạm tính theo Bộ luật Lao động (chưa có lịch chính thức)" : "theo lịch chính thức")
        },
        date: { $0.vietnamese },
        weekdayWidth: 8,
        provisional: "(tạm tính)",
        source: { "[nguồn: \($0)]" },
        noWeekdayOff: "(không có ngày nghỉ nào rơi vào ngày thường)",
        weeklyRestDay: "ngày nghỉ hằng tuần",
        workingDay: "ngày làm việc",
        eventDayEndsPeriod: "ngày xảy ra sự kiện; thời hạn 0 ngày kết thúc vào cuối ngày này",
        eventDayNotCounted: "ngày xảy ra sự kiện: không tính (Điều 147 Bộ luật Dân sự 2015)",
        nextWorkingDay: { reason in "\(reason); ngày làm việc tiếp theo (Điều 148 khoản 5 Bộ luật Dân sự 2015)" })

    public static let english = CalendarStrings(
        language: .en,
        title: { year, provisional in
            "Public-sector days off in \(year): "
                + (provisional ? "provisional, computed from the Labour Code (no official schedule on file)" : "official schedule")
        },
        date: { $0.iso },
        weekdayWidth: 9,
        provisional: "(provisional)",
        source: { "[source: \($0)]" },
        noWeekdayOff: "(no weekday off)",
        weeklyRestDay: "weekly rest day",
        workingDay: "working day",
        eventDayEndsPeriod: "day of the event; a period of 0 days ends at the end of this day",
        eventDayNotCounted: "day of the event: not counted (Civil Code 2015, Art. 147)",
        nextWorkingDay: { reason in "\(reason); next working day (Civil Code 2015, Art. 148(5))" })
}
