/// Adds rows to the decision register (`register.csv`) the way a clerk would: below the
/// last row, in the file's own columns, delimiter and line ends, leaving every byte already
/// there as it was, so that the diff shows only the new rows.
struct RegisterAppend {
    /// The header a new register gets.
    static let newHeader: [RegisterColumn] = [
        .decision, .issuer, .issued, .effective, .nationalDatabase, .received, .incomingNumber, .listingFile, .title,
    ]

    /// The register's bytes with `rows` appended, the physical line of each new row, and
    /// the columns the rows have values for that the register has no column for.
    struct Result {
        var bytes: [UInt8]
        var lines: [Int]
        var missingColumns: Set<RegisterColumn>
    }

    enum Outcome {
        case success(Result)
        case failure(Diagnostic)
    }

    /// `existing` is the register as it is (nil when there is none yet).
    static func appending(_ rows: [[RegisterColumn: String]], to existing: InputFile?) -> Outcome {
        var bytes: [UInt8]
        var columns: [Int: RegisterColumn] = [:]
        var width: Int
        var delimiter: UInt8 = UInt8(ascii: ",")
        var newline: [UInt8] = [0x0A]
        if let existing {
            let read = CSVReader.read(existing)
            guard let document = read.value, document.encoding == .utf8 || document.encoding == .utf8WithBOM else {
                let encoding = read.value?.encoding.rawValue ?? "?"
                return .failure(Diagnostic(.error, .importRegisterEncoding, at: SourceLocation(file: existing.displayPath), LocalizedText(
                    vi: "sổ theo dõi không phải văn bản UTF-8 (\(encoding)) nên không thêm dòng được; hãy lưu lại dạng CSV UTF-8 (Excel: File › Save As › CSV UTF-8)",
                    en: "the register is not UTF-8 text (\(encoding)), so no row can be added; save it again as CSV UTF-8 (Excel: File › Save As › CSV UTF-8)")))
            }
            let words = HeaderWords(RegisterColumn.specs)
            guard let header = document.records.first(where: { HeaderMatcher.recognisedCount($0, RegisterColumn.specs, words) >= 2 }) else {
                return .failure(Diagnostic(.error, .importRegisterHeader, at: SourceLocation(file: existing.displayPath), LocalizedText(
                    vi: "sổ theo dõi không có dòng tiêu đề cột (Số quyết định, Cơ quan ban hành, …) nên không biết ghi vào cột nào",
                    en: "the register has no header row (Số quyết định, Cơ quan ban hành, …), so there is no telling which column is which")))
            }
            let (map, _) = HeaderMatcher.match(header, RegisterColumn.specs, file: existing.displayPath)
            for (key, index) in map.index { columns[index] = key }
            width = header.cells.count
            delimiter = document.delimiter.asciiValue ?? delimiter
            bytes = existing.bytes
            if bytes.indices.contains(where: { bytes[$0] == 0x0D && $0 + 1 < bytes.count && bytes[$0 + 1] == 0x0A }) {
                newline = [0x0D, 0x0A]
            }
            if let last = bytes.last, last != 0x0A, last != 0x0D { bytes += newline }
        } else {
            for (i, key) in newHeader.enumerated() { columns[i] = key }
            width = newHeader.count
            let names = newHeader.map { key in RegisterColumn.specs.first { $0.key == key }!.name }
            bytes = Array(names.map { quoted($0, delimiter: delimiter) }.joined(separator: ",").utf8) + newline
        }
        let present = Set(columns.values)
        var missing: Set<RegisterColumn> = []
        var lines: [Int] = []
        for row in rows {
            missing.formUnion(Set(row.keys).subtracting(present))
            let cells = (0..<width).map { i in columns[i].flatMap { row[$0] } ?? "" }
            lines.append(bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 })
            bytes += Array(cells.map { quoted($0, delimiter: delimiter) }.joined(separator: String(UnicodeScalar(delimiter))).utf8)
            bytes += newline
        }
        return .success(Result(bytes: bytes, lines: lines, missingColumns: missing))
    }

    /// A cell as CSV writes it: quoted when it holds the delimiter, a quote, a line break,
    /// or spaces at either end.
    static func quoted(_ text: String, delimiter: UInt8) -> String {
        let needs = text.utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || text.first == " " || text.last == " "
        return needs ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
