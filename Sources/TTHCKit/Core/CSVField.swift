/// The one way tthc writes a CSV field (the report's CSV, the holiday listing): RFC 4180
/// quoting when the field holds a quote, comma or line break, and a leading `'` before a
/// field a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return).
enum CSVField {
    static func encoded(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            v = "'" + v
        }
        let needsQuotes = v.unicodeScalars.contains { $0 == "\"" || $0 == "," || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return v }
        var quoted = "\""
        for u in v.unicodeScalars {
            if u == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(u) }
        }
        return quoted + "\""
    }
}
