import Foundation

/// Writes the reminders as an iCalendar feed (RFC 5545) the office subscribes to or imports:
/// one all-day event per reminder on its deadline, with display alarms a given number of
/// working days before it.
///
/// Hand-written because none of the Swift packages the project may use (Foundation,
/// swift-argument-parser, Yams) writes iCalendar. It follows RFC 5545: §3.1 content lines
/// (CRLF line ends, folding at 75 octets, never inside a UTF-8 sequence), §3.3.11 TEXT
/// escaping (backslash, semicolon, comma, newline), §3.3.4/§3.3.5 DATE and UTC DATE-TIME
/// values, §3.6.1 VEVENT (all-day: DTSTART;VALUE=DATE with a DTEND the day after, §3.8.2.2),
/// §3.6.6 VALARM with ACTION:DISPLAY and an absolute TRIGGER;VALUE=DATE-TIME (§3.8.6.3),
/// §3.8.4.7 UID, §3.8.7.2 DTSTAMP and §3.8.7.4 SEQUENCE; METHOD:PUBLISH from RFC 5546.
///
/// Everything is derived from the inputs, so the same reminders give the same bytes:
/// - UID: ``Reminders/uid(_:)``, one per (national code, decision);
/// - DTSTAMP: the as-of day at 00:00 in Vietnam (UTC+7), written in UTC;
/// - alarms: 08:00 in Vietnam (01:00 UTC) on the working day `k` working days before the
///   deadline, counted on the working-day calendar; alarms before the as-of day are left out;
/// - SEQUENCE: 0 unless an ``ICalendarState`` is given, which remembers each UID's last
///   deadline and raises the sequence when the deadline moves. A sequence cannot be derived
///   from one run's inputs alone (the previous deadline is not in them), so the state is an
///   explicit file rather than a guess.
///
/// With no reminder the calendar has no component; RFC 5545 asks for at least one, but
/// calendar clients and parsers accept an empty feed, and an invented placeholder event
/// would be worse for the office.
public struct ICalendarWriter: Sendable {
    public var language: Language
    /// Alarms this many working days before the deadline (0 = 08:00 on the day itself).
    public var alarmWorkingDaysBefore: [Int]
    /// Written into PRODID.
    public var toolVersion: String

    public init(language: Language = .vi, alarmWorkingDaysBefore: [Int] = [2, 1, 0], toolVersion: String) {
        self.language = language
        self.alarmWorkingDaysBefore = alarmWorkingDaysBefore
        self.toolVersion = toolVersion
    }

    private var strings: RemindStrings { .for(language) }

    /// The feed, and the state updated with this run's deadlines when one was given.
    public func render(_ reminders: Reminders, calendar: some WorkingDayCalendar,
                       state: ICalendarState? = nil) -> ICalendarFeed {
        var state = state
        var lines: [String] = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//tthc//tthc \(toolVersion)//\(language.rawValue.uppercased())",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(strings.calendarName(agency: reminders.agency, province: reminders.province)),
        ]
        let stamp = Self.utcStamp(reminders.asOf.adding(days: -1), hour: 17)
        for row in reminders.items {
            guard let deadline = row.deadline else { continue }
            let uid = Reminders.uid(row)
            let sequence = state?.sequence(for: uid, deadline: deadline) ?? 0
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escape(uid),
                "DTSTAMP:" + stamp,
                "DTSTART;VALUE=DATE:" + Self.basic(deadline),
                "DTEND;VALUE=DATE:" + Self.basic(deadline.adding(days: 1)),
                "SEQUENCE:\(sequence)",
                "SUMMARY:" + Self.escape(strings.summary(row)),
                "DESCRIPTION:" + Self.escape(strings.details(row).joined(separator: "\n")),
                "STATUS:CONFIRMED",
                "TRANSP:TRANSPARENT",
            ]
            lines += alarms(before: deadline, asOf: reminders.asOf, calendar: calendar) { k in
                strings.alarm(row, workingDaysBefore: k)
            }
            lines.append("END:VEVENT")
        }
        // The reporting duties: one event on each next due day, with the same alarms.
        for duty in reminders.duties {
            let sequence = state?.sequence(for: duty.uid, deadline: duty.due) ?? 0
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escape(duty.uid),
                "DTSTAMP:" + stamp,
                "DTSTART;VALUE=DATE:" + Self.basic(duty.due),
                "DTEND;VALUE=DATE:" + Self.basic(duty.due.adding(days: 1)),
                "SEQUENCE:\(sequence)",
                "SUMMARY:" + Self.escape(strings.dutySummary(duty.name)),
                "DESCRIPTION:" + Self.escape(strings.details(duty).dropFirst().joined(separator: "\n")),
                "STATUS:CONFIRMED",
                "TRANSP:TRANSPARENT",
            ]
            lines += alarms(before: duty.due, asOf: reminders.asOf, calendar: calendar) { k in strings.dutyAlarm(k, duty.name) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        let text = lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
        return ICalendarFeed(text: text, state: state)
    }

    /// The VALARMs of an event on `day`: one per `alarmWorkingDaysBefore`, earliest first,
    /// at 08:00 in Vietnam; those before the as-of day are left out.
    func alarms(before day: CivilDate, asOf: CivilDate, calendar: some WorkingDayCalendar,
                text: (Int) -> String) -> [String] {
        var lines: [String] = []
        for k in Set(alarmWorkingDaysBefore.filter { $0 >= 0 }).sorted(by: >) {
            let alarmDay = Self.workingDay(k, before: day, calendar: calendar)
            guard alarmDay >= asOf else { continue }
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:" + Self.escape(text(k)),
                "TRIGGER;VALUE=DATE-TIME:" + Self.utcStamp(alarmDay, hour: 1),
                "END:VALARM",
            ]
        }
        return lines
    }

    /// The working day `k` working days before `date` (`date` itself for 0).
    static func workingDay(_ k: Int, before date: CivilDate, calendar: some WorkingDayCalendar) -> CivilDate {
        var day = date, left = k
        while left > 0 {
            day = day.adding(days: -1)
            if calendar.isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// `yyyymmdd` (RFC 5545 §3.3.4).
    static func basic(_ date: CivilDate) -> String {
        pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2)
    }

    /// `yyyymmddThh0000Z` (RFC 5545 §3.3.5, form #2).
    static func utcStamp(_ date: CivilDate, hour: Int) -> String {
        basic(date) + "T" + pad(hour, 2) + "0000Z"
    }

    /// Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` and line breaks.
    public static func escape(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for u in text.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            default:
                // Other control characters are not allowed in TEXT (§3.3.11, §3.1).
                if u.value < 0x20 && u != "\t" || u.value == 0x7f { out += " " } else { out.unicodeScalars.append(u) }
            }
            previousWasCR = u == "\r"
        }
        return out
    }

    /// Folds a content line (RFC 5545 §3.1): no physical line longer than 75 octets, a
    /// continuation line starts with one space, and a multi-octet UTF-8 sequence is never
    /// split. Lines are joined with CRLF.
    public static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        for u in line.unicodeScalars {
            let size = UTF8.width(u)
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(u)
            octets += size
        }
        return out
    }
}

/// A rendered feed.
public struct ICalendarFeed: Sendable, Equatable {
    /// The calendar, with CRLF line ends.
    public var text: String
    /// The SEQUENCE state to save for the next run, when one was given.
    public var state: ICalendarState?

    public var bytes: [UInt8] { Array(text.utf8) }
}

/// What the previous runs published (the `--ics-state` file): each UID's last deadline and
/// sequence number. A JSON object `{"<uid>": {"deadline": "yyyy-mm-dd", "sequence": n}}`,
/// written with sorted keys. UIDs that drop out of the feed are kept, so a reminder that
/// comes back continues its sequence.
public struct ICalendarState: Sendable, Equatable, Codable {
    public struct Event: Sendable, Equatable, Codable {
        public var deadline: CivilDate
        public var sequence: Int
        public init(deadline: CivilDate, sequence: Int) {
            self.deadline = deadline
            self.sequence = sequence
        }
    }

    public var events: [String: Event]

    public init(events: [String: Event] = [:]) { self.events = events }

    /// The sequence for an event with this deadline: 0 the first time, one more than last
    /// time when the deadline moved, unchanged otherwise. Records the result.
    public mutating func sequence(for uid: String, deadline: CivilDate) -> Int {
        let next: Int
        if let previous = events[uid] {
            next = previous.deadline == deadline ? previous.sequence : min(previous.sequence + 1, Self.sequenceRange.upperBound + 1)
        } else {
            next = 0
        }
        events[uid] = Event(deadline: deadline, sequence: next)
        return next
    }

    /// The sequences a state file may hold: RFC 5545 §3.8.7.4 makes SEQUENCE a
    /// non-negative INTEGER, which §3.3.8 bounds at 2147483647; the top one is kept free so
    /// that one more move still fits.
    public static let sequenceRange = 0...2_147_483_646

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        events = try container.decode([String: Event].self)
        for (uid, event) in events where !Self.sequenceRange.contains(event.sequence) {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [ICalendarStateKey(uid), ICalendarStateKey("sequence")],
                debugDescription: "sequence \(event.sequence) outside \(Self.sequenceRange)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(events)
    }

    /// Reads a state file; an empty file is an empty state. A file that is not a state is
    /// an ``InputError`` naming it, with the line and column of the problem: `JSONDecoder`
    /// gives neither, so a syntax error is located from `JSONSerialization`'s character
    /// offset, and a value of the wrong shape at the line of its UID's key.
    public static func read(_ file: InputFile) throws(InputError) -> ICalendarState {
        if file.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) { return ICalendarState() }
        let data = Data(file.bytes)
        do {
            return try JSONDecoder().decode(ICalendarState.self, from: data)
        } catch {
            var location = SourceLocation(file: file.displayPath, line: 1, column: 1)
            var path = ""
            if let decoding = error as? DecodingError {
                let keys: [any CodingKey]
                switch decoding {
                case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
                    keys = c.codingPath
                @unknown default:
                    keys = []
                }
                path = keys.map(\.stringValue).joined(separator: ".")
                if let uid = keys.first?.stringValue {
                    location = Self.position(ofKey: uid, in: file.bytes, file: file.displayPath) ?? location
                } else if let offset = syntaxErrorOffset(data) {
                    location = Self.position(ofOffset: offset, in: file.bytes, file: file.displayPath)
                }
            }
            let at = path.isEmpty ? "" : " (\(path))"
            throw InputError([Diagnostic(.error, .icsStateInvalid, at: location, LocalizedText(
                vi: "tệp trạng thái lịch không hợp lệ\(at): cần một đối tượng JSON {\"UID\": {\"deadline\": \"yyyy-mm-dd\", \"sequence\": số từ 0 đến \(sequenceRange.upperBound)}}",
                en: "invalid calendar state file\(at): expected a JSON object {\"UID\": {\"deadline\": \"yyyy-mm-dd\", \"sequence\": a number from 0 to \(sequenceRange.upperBound)}}"))])
        }
    }

    /// The character offset `JSONSerialization` names in a syntax error ("… around
    /// character 48."; the end of the data for "Unexpected end of file"), if it names one.
    static func syntaxErrorOffset(_ data: Data) -> Int? {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return nil
        } catch {
            let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
            if text.contains("end of file") { return data.count }
            guard let range = text.range(of: "character ") else { return nil }
            return Int(text[range.upperBound...].prefix { $0.isNumber })
        }
    }

    /// Line and column (counted in characters) of a byte offset; the end of the file when
    /// the offset is past it.
    static func position(ofOffset offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        let prefix = String(decoding: bytes.prefix(max(0, offset)), as: UTF8.self)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        return SourceLocation(file: file, line: lines.count, column: (lines.last?.count ?? 0) + 1)
    }

    /// Where the object key `"key"` is written, if it is.
    static func position(ofKey key: String, in bytes: [UInt8], file: String) -> SourceLocation? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let encoded = try? encoder.encode(key) else { return nil }
        let needle = [UInt8](encoded)
        guard needle.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            guard Array(bytes[start..<(start + needle.count)]) == needle else { continue }
            // A key is followed by a colon; the same text as a value is not.
            let next = bytes[(start + needle.count)...].first { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }
            if next == UInt8(ascii: ":") { return position(ofOffset: start, in: bytes, file: file) }
        }
        return nil
    }

    /// The file's bytes: pretty-printed JSON with sorted keys and a final newline.
    public var encoded: [UInt8] {
        ((try? PrettyJSON.encode(self)) ?? Array("{}".utf8)) + [0x0a]
    }
}

/// A coding-path key naming a UID or a field of a state file, for error locations.
struct ICalendarStateKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
