import Foundation

/// The reminders as one e-mail (thư nhắc hạn) that `sendmail -t` accepts: a UTF-8 text
/// body listing overdue changes first, then those due soon, with the iCalendar feed
/// attached.
///
/// Hand-written because none of the Swift packages the project may use (Foundation,
/// swift-argument-parser, Yams) composes MIME messages. It follows RFC 5322 (header
/// fields, §3.3 date-time, §3.6.4 Message-ID, CRLF line ends, folding), RFC 2045
/// (MIME-Version, §6.7 quoted-printable with lines of at most 76 characters, §6.8 base64
/// in 76-character lines), RFC 2046 §5.1 (multipart/mixed) and RFC 2047 (`=?UTF-8?B?…?=`
/// encoded-words of at most 75 characters, each holding whole characters, for the subject
/// and display names). The text/calendar part carries `method=PUBLISH` (RFC 5545 §8.1).
///
/// Deterministic: the Date is the as-of day at 00:00 in Vietnam (+0700), and the
/// Message-ID and the MIME boundary are derived from a SHA-256 of the content and the
/// as-of day.
public struct EmailDigest: Sendable {
    /// `Name <address>` or a bare address.
    public var from: String
    public var to: [String]
    public var language: Language
    /// The attachment's file name.
    public var attachmentName: String

    public init(from: String, to: [String], language: Language = .vi, attachmentName: String = "tthc-nhac-han.ics") {
        self.from = from
        self.to = to
        self.language = language
        self.attachmentName = attachmentName
    }

    private var strings: RemindStrings { .for(language) }

    /// The plain-text body, with `\n` line ends (before transfer encoding).
    public func bodyText(_ reminders: Reminders) -> String {
        let strings = strings
        var lines = strings.digest(reminders, rows: { rows in
            rows.enumerated().flatMap { i, row in
                ["", "\(i + 1). \(row.code.label[language]) – \(row.name)"] + strings.details(row).dropFirst().map { "   " + $0 }
            }
        }, duties: { duties in
            duties.enumerated().flatMap { i, d in
                ["", "\(i + 1). \(d.name)"] + strings.details(d).dropFirst().map { "   " + $0 }
            }
        })
        lines += ["", strings.attachment(attachmentName)]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The whole message, CRLF line ends.
    public func render(_ reminders: Reminders, calendar: ICalendarFeed) -> [UInt8] {
        let body = Self.quotedPrintable(bodyText(reminders))
        let attachment = Self.base64Lines(calendar.bytes)
        let subject = strings.subject(reminders.overdue.count, reminders.dueSoon.count, reminders.asOf)
        let digest = SHA256.hex(Array((
            [from] + to + [subject, reminders.asOf.iso, body, attachment]).joined(separator: "\u{0}").utf8))
        let boundary = "tthc-" + digest.prefix(24)

        var lines: [String] = [
            "From: " + Self.mailbox(from),
            "To: " + to.map(Self.mailbox).joined(separator: ",\r\n "),
            "Subject: " + Self.headerText(subject),
            "Date: " + Self.rfc5322Date(reminders.asOf),
            "Message-ID: <\(digest.prefix(32)).\(ICalendarWriter.basic(reminders.asOf))@tthc>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(boundary)\"",
            "",
            "--" + boundary,
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            body,
            "",
            "--" + boundary,
            "Content-Type: text/calendar; charset=UTF-8; method=PUBLISH;\r\n name=\"\(attachmentName)\"",
            "Content-Disposition: attachment; filename=\"\(attachmentName)\"",
            "Content-Transfer-Encoding: base64",
            "",
            attachment,
            "--" + boundary + "--",
        ]
        lines.append("")
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    // MARK: Encodings

    /// `Fri, 20 Nov 2026 00:00:00 +0700` (RFC 5322 §3.3).
    static func rfc5322Date(_ d: CivilDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(d.weekday.englishName.prefix(3)), \(d.day) \(months[d.month - 1]) \(pad(d.year, 4)) 00:00:00 +0700"
    }

    /// An unstructured header value: as is when it is short ASCII, else RFC 2047
    /// encoded-words on folded lines.
    static func headerText(_ text: String) -> String {
        let printable = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7f }
        if printable && text.utf8.count <= 66 { return text }
        return encodedWords(text).joined(separator: "\r\n ")
    }

    /// `=?UTF-8?B?…?=` words of at most 64 characters, so that a header line holding one
    /// (after `Subject: ` or a folding space) stays within RFC 2047's 76 characters. Each
    /// word holds whole UTF-8 sequences, as §5 requires.
    public static func encodedWords(_ text: String) -> [String] {
        let maxBytes = 39 // 52 base64 characters + 12 of "=?UTF-8?B?" and "?="
        var words: [String] = []
        var chunk: [UInt8] = []
        for u in text.unicodeScalars {
            let bytes = Array(String(u).utf8)
            if chunk.count + bytes.count > maxBytes {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// A mailbox (RFC 5322 §3.4): `Display Name <addr>` with the name encoded when it is
    /// not plain ASCII, quoted when it holds specials; a bare address as is.
    static func mailbox(_ text: String) -> String {
        let s = text.trimmingWhitespace()
        guard s.hasSuffix(">"), let open = s.lastIndex(of: "<") else { return s }
        let address = String(s[open...])
        var name = s[..<open].trimmingWhitespace()
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        if name.isEmpty { return address }
        if !name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) {
            return encodedWords(name).joined(separator: "\r\n ") + "\r\n " + address
        }
        let specials = Set("()<>[]:;@\\,.\"")
        if name.contains(where: specials.contains) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" " + address
        }
        return name + " " + address
    }

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text with `\n` line ends: hard breaks
    /// become CRLF, encoded lines are at most 76 characters (soft breaks end in `=`),
    /// trailing spaces are encoded, and a line never starts with `.` or `From ` in clear
    /// (so `sendmail` without `-i` and mbox readers leave it alone).
    public static func quotedPrintable(_ text: String) -> String {
        var out: [String] = []
        let hex = Array("0123456789ABCDEF")
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            let bytes = Array(line.utf8)
            var tokens: [String] = []
            for (i, b) in bytes.enumerated() {
                let isLast = i == bytes.count - 1
                let literal: Bool
                switch b {
                case 0x20, 0x09: literal = !isLast
                case 0x3D: literal = false
                case 0x2E: literal = i != 0
                case 0x46: literal = !(i == 0 && line.hasPrefix("From "))
                case 0x21...0x7E: literal = true
                default: literal = false
                }
                tokens.append(literal ? String(UnicodeScalar(b)) : "=" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0x0f)]))
            }
            var current = ""
            for token in tokens {
                if current.count + token.count > 75 {
                    out.append(current + "=")
                    current = ""
                }
                current += token
            }
            out.append(current)
        }
        return out.joined(separator: "\r\n")
    }

    /// Base64 (RFC 2045 §6.8) in lines of 76 characters joined with CRLF.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        var lines: [String] = []
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            lines.append(String(decoding: encoded[start..<end], as: UTF8.self))
            start = end
        }
        return lines.joined(separator: "\r\n")
    }
}
