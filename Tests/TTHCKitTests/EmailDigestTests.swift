import Foundation
import Testing
import TestSupport
@testable import TTHCKit

@Suite struct EmailDigestTests {
    let digest = EmailDigest(from: "Văn phòng Sở KH&CN <vanphong@skhcn.example.vn>",
                             to: ["phongphapche@skhcn.example.vn", "Lãnh đạo Sở <lanhdao@skhcn.example.vn>"])

    var feed: ICalendarFeed {
        ICalendarWriter(toolVersion: "0.1.0").render(RemindScenario.reminders(), calendar: RemindScenario.calendar)
    }

    var message: [UInt8] { digest.render(RemindScenario.reminders(), calendar: feed) }

    @Test func golden() throws {
        try GoldenFile.check(message, "remind/digest.vi.eml")
    }

    @Test func goldenEnglish() throws {
        var d = digest
        d.language = .en
        try GoldenFile.check(d.render(RemindScenario.reminders(), calendar: feed), "remind/digest.en.eml")
    }

    @Test func linesEndInCRLFAndStayShort() {
        let lines = message.split(separator: 0x0a, omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.last == 0x0d })
        #expect(lines.allSatisfy { $0.count - 1 <= 76 })
        #expect(lines.allSatisfy { $0.allSatisfy { $0 < 0x80 } })
    }

    @Test func headersAreDeterministic() {
        let text = String(decoding: message, as: UTF8.self)
        #expect(text.contains("\r\nDate: Fri, 20 Nov 2026 00:00:00 +0700\r\n"))
        #expect(text.contains("\r\nMIME-Version: 1.0\r\n"))
        #expect(message == digest.render(RemindScenario.reminders(), calendar: feed))
        let other = digest.render(RemindScenario.reminders(within: 1), calendar: feed)
        func messageID(_ m: [UInt8]) -> Substring? {
            String(decoding: m, as: UTF8.self).split(separator: "\r\n").first { $0.hasPrefix("Message-ID: <") }
        }
        #expect(messageID(message)?.hasSuffix(".20261120@tthc>") == true)
        #expect(messageID(message) != messageID(other))
    }

    @Test(arguments: ["[TTHC] Nhắc hạn công bố: 2 quá hạn, 4 sắp đến hạn – 20/11/2026",
                      RemindScenario.longName, "ệ", "a"])
    func encodedWordsHoldWholeCharactersAndStayWithin75(text: String) throws {
        let words = EmailDigest.encodedWords(text)
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        var decoded = ""
        for word in words {
            let data = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            decoded += try #require(String(data: data, encoding: .utf8))
        }
        #expect(decoded == text)
    }

    @Test func quotedPrintableKeepsLinesShortAndProtectsLineStarts() {
        let text = String(repeating: "ệ", count: 40) + "\n.\nFrom here \nx=1\n"
        let qp = EmailDigest.quotedPrintable(text)
        let lines = qp.components(separatedBy: "\r\n")
        let e = "=E1=BB=87"
        #expect(lines == [
            String(repeating: e, count: 8) + "=E1=",
            "=BB=87" + String(repeating: e, count: 7) + "=E1=BB=",
            "=87" + String(repeating: e, count: 8) + "=",
            String(repeating: e, count: 8) + "=E1=",
            "=BB=87" + String(repeating: e, count: 6),
            "=2E", "=46rom here=20", "x=3D1",
        ])
        #expect(lines.allSatisfy { $0.count <= 76 })
        // Decoding (soft breaks out, =XX to bytes) gives the text back.
        var bytes: [UInt8] = []
        let joined = Array(qp.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
        var i = 0
        while i < joined.count {
            if joined[i] == UInt8(ascii: "=") {
                bytes.append(UInt8(String(decoding: joined[i + 1...i + 2], as: UTF8.self), radix: 16)!)
                i += 3
            } else {
                bytes.append(joined[i])
                i += 1
            }
        }
        #expect(String(decoding: bytes, as: UTF8.self) + "\n" == text)
    }

    @Test func anEmptySelectionSaysSo() {
        let empty = Reminders(RemindScenario.reconciliation(), within: -1)
        let emptier = Reminders(reconcile([], [], asOf: "2026-11-20", settings: RemindScenario.settings))
        #expect(empty.items.count == 2)
        #expect(digest.bodyText(emptier).contains("\nKhông có thủ tục nào quá hạn hoặc sắp đến hạn công bố.\n"))
    }

    @Test(.enabled(if: Python.has("email"), "needs python3"))
    func pythonEmailParserReadsTheDigest() throws {
        let script = """
        import sys, email
        from email import policy
        msg = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)
        print(msg['Subject'])
        print(msg['From'].addresses[0].display_name, msg['From'].addresses[0].addr_spec)
        print([a.addr_spec for a in msg['To'].addresses])
        print(msg['Date'].datetime.isoformat(), msg.get_content_type(), msg.defects)
        parts = list(msg.iter_parts())
        print([p.get_content_type() for p in parts], [p.defects for p in parts])
        sys.stdout.write(parts[0].get_content().replace('\\r\\n', '\\n'))
        att = parts[1]
        print(att.get_filename(), att.get_param('method'), att.get_content_charset())
        sys.stdout.buffer.write(att.get_payload(decode=True))
        """
        let result = try Python.run(script, input: message)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        let expected = """
        [TTHC] Nhắc hạn công bố: 2 quá hạn, 4 sắp đến hạn – 20/11/2026
        Văn phòng Sở KH&CN vanphong@skhcn.example.vn
        ['phongphapche@skhcn.example.vn', 'lanhdao@skhcn.example.vn']
        2026-11-20T00:00:00+07:00 multipart/mixed []
        ['text/plain', 'text/calendar'] [[], []]

        """ + digest.bodyText(RemindScenario.reminders()) + "tthc-nhac-han.ics PUBLISH utf-8\n" + feed.text
        #expect(result.stdout == expected)
    }
}
