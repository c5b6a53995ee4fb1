/// A column a CSV format knows: its header aliases and whether it must be present.
public struct ColumnSpec<Key: Hashable & Sendable>: Sendable {
    public var key: Key
    /// The header as the format documents it, for messages ("Mã TTHC").
    public var name: String
    /// Headers that name this column, compared after ``TextNormalization/fold(_:)``.
    public var aliases: [String]
    /// Header beginnings that name this column (long headers staff shorten or extend).
    public var prefixes: [String]
    public var required: Bool

    let foldedAliases: Set<String>
    let foldedPrefixes: [String]

    public init(_ key: Key, _ aliases: [String], prefixes: [String] = [], required: Bool = false) {
        self.key = key
        self.name = aliases[0]
        self.aliases = aliases
        self.prefixes = prefixes
        self.required = required
        foldedAliases = Set(aliases.map(TextNormalization.fold))
        foldedPrefixes = prefixes.map(TextNormalization.fold)
    }

    func matches(folded header: String) -> Bool {
        foldedAliases.contains(header) || foldedPrefixes.contains { header.hasPrefix($0) }
    }
}

/// Which cell of a record holds which column, as the header row said.
public struct HeaderMap<Key: Hashable & Sendable>: Sendable {
    /// The physical line of the header row.
    public var line: Int
    /// 0-based cell index of each column present.
    public var index: [Key: Int] { didSet { present = Self.present(index) } }
    /// Each present column's header as written (normalised), for messages.
    public var header: [Key: String]
    /// ``index`` as pairs in cell order, for ``cellIndex(_:)``.
    private var present: [(key: Key, cell: Int)]

    public init(line: Int, index: [Key: Int], header: [Key: String]) {
        self.line = line
        self.index = index
        self.header = header
        present = Self.present(index)
    }

    private static func present(_ index: [Key: Int]) -> [(key: Key, cell: Int)] {
        index.map { (key: $0.key, cell: $0.value) }.sorted { $0.cell < $1.cell }
    }

    public func contains(_ key: Key) -> Bool { cellIndex(key) != nil }

    /// The cell index of `key`'s column, nil when absent. A row's every cell is looked up
    /// by column: comparing a few keys costs less than hashing one (a dictionary lookup
    /// was 3 % of a national `reconcile`).
    @inline(__always)
    public func cellIndex(_ key: Key) -> Int? {
        for p in present where p.key == key { return p.cell }
        return nil
    }
}

/// Recognises header rows and maps header cells onto a format's columns.
///
/// Matching is by folded text (no case, diacritics, punctuation; spacing and line breaks
/// collapsed), so "Mã số\nTTHC", "MÃ SỐ TTHC" and "ma so tthc" are the same header.
/// A header that names a column already taken is an error; a header nothing knows is a
/// warning (the column is ignored); a required column nowhere in the header is an error.
public enum HeaderMatcher {
    /// The message of a file with no row at all (`csv.empty`), for every table reader.
    static let emptyFile = LocalizedText(vi: "tệp rỗng: không có dòng tiêu đề và không có dữ liệu",
                                         en: "the file is empty: no header row and no data")

    /// The message of a header cell that names no known column (`header.unknown`).
    static func unknownColumn(_ header: String) -> LocalizedText {
        LocalizedText(vi: "không nhận ra cột \"\(header)\"; cột này bị bỏ qua", en: "unknown column \"\(header)\"; it is ignored")
    }

    /// How many cells of `record` name a known column; the first record with at least two
    /// is the header row (title rows above it name none).
    public static func recognisedCount<Key>(_ record: CSVRecord, _ specs: [ColumnSpec<Key>]) -> Int {
        recognisedCount(record, specs, HeaderWords(specs))
    }

    /// ``recognisedCount(_:_:)`` with the specs' ``HeaderWords`` built once by the caller:
    /// every data row is tested for a repeated header row, and most cells are rejected
    /// after a letter or two of their folded text, without folding the rest.
    ///
    /// Counting stops at `limit` (a header row needs two). The cells are borrowed where they
    /// lie, not copied out of the record: a copy retained and released every cell's text,
    /// which was half of this test's cost.
    static func recognisedCount<Key>(_ record: CSVRecord, _ specs: [ColumnSpec<Key>], _ words: HeaderWords,
                                     upTo limit: Int = .max) -> Int {
        record.cells.withUnsafeBufferPointer { cells in
            var n = 0
            for c in cells.indices where n < limit {
                let named = cells[c].text.utf8.withContiguousStorageIfAvailable { words.names(utf8: $0) } ?? words.names(cells[c].text)
                switch named {
                case true?: n += 1
                case false?: continue
                case nil:
                    let folded = TextNormalization.fold(cells[c].text)
                    if !folded.isEmpty, specs.contains(where: { $0.matches(folded: folded) }) { n += 1 }
                }
            }
            return n
        }
    }

    /// Maps the header row's cells onto columns.
    public static func match<Key>(_ record: CSVRecord, _ specs: [ColumnSpec<Key>], file: String) -> (HeaderMap<Key>, [Diagnostic]) {
        var map = HeaderMap<Key>(line: record.line, index: [:], header: [:])
        var diagnostics: [Diagnostic] = []
        var firstCell: [Key: CSVCell] = [:]
        for (i, cell) in record.cells.enumerated() {
            let written = TextNormalization.clean(cell.text)
            let folded = TextNormalization.fold(written)
            let location = SourceLocation(file: file, line: cell.line, column: cell.column, field: written)
            if folded.isEmpty { continue }
            guard let spec = specs.first(where: { $0.matches(folded: folded) }) else {
                diagnostics.append(Diagnostic(.warning, .headerUnknown, at: location, unknownColumn(written)))
                continue
            }
            if let first = firstCell[spec.key] {
                let firstText = TextNormalization.clean(first.text)
                diagnostics.append(Diagnostic(.error, .headerDuplicate, at: location, LocalizedText(
                    vi: "cột \"\(written)\" trùng với cột \"\(firstText)\" ở dòng \(first.line), cột \(first.column) (cả hai là cột \(spec.name))",
                    en: "column \"\(written)\" duplicates column \"\(firstText)\" at line \(first.line), column \(first.column) (both are the \(spec.name) column)")))
                continue
            }
            firstCell[spec.key] = cell
            map.index[spec.key] = i
            map.header[spec.key] = written
        }
        for spec in specs where spec.required && map.index[spec.key] == nil {
            diagnostics.append(missingColumn(spec, at: SourceLocation(file: file, line: record.line, column: record.cells[0].column)))
        }
        return (map, diagnostics)
    }

    static func missingColumn<Key>(_ spec: ColumnSpec<Key>, at location: SourceLocation) -> Diagnostic {
        let aliases = spec.aliases.map { "\"\($0)\"" }.joined(separator: ", ")
        var location = location
        location.field = spec.name
        return Diagnostic(.error, .headerMissingColumn, at: location, LocalizedText(
            vi: "thiếu cột bắt buộc \"\(spec.name)\" (tiêu đề được chấp nhận: \(aliases))",
            en: "missing required column \"\(spec.name)\" (accepted headers: \(aliases))"))
    }
}

/// The folded aliases and prefixes of a format's columns as a byte trie, walked while a
/// cell is folded (``TextNormalization/foldTable``, the table ``TextNormalization/fold(_:)``
/// itself uses), so that a cell that names no column is known as soon as its folded text
/// leaves every header: after the "1" of a row number or the "thu" of a procedure name.
///
/// The answer is exact: `true` when the cell's fold is an alias or begins with a prefix,
/// `false` when it is neither, and `nil` when the cell holds a scalar outside the fold
/// table (the caller then folds it whole; tests compare the two).
struct HeaderWords: Sendable {
    /// Nodes where a folded alias ends; node 0 is the root.
    private var endsAlias: [Bool] = [false]
    /// Nodes where a folded prefix ends: every text through them names a column.
    private var endsPrefix: [Bool] = [false]
    /// Each node's children, laid out flat: node `k`'s edges are
    /// `edgeBytes[edgeStart[k]..<edgeStart[k + 1]]`, leading to the same places of
    /// `edgeNodes`.
    private var edgeStart: [Int32] = []
    private var edgeBytes: [UInt8] = []
    private var edgeNodes: [Int32] = []

    init<Key>(_ specs: [ColumnSpec<Key>]) {
        // Each node's children as (byte, node) pairs while the trie grows.
        var children: [[(byte: UInt8, node: Int32)]] = [[]]
        func insert(_ folded: String) -> Int {
            var node = 0
            for b in folded.utf8 {
                if let next = children[node].first(where: { $0.byte == b }) {
                    node = Int(next.node)
                } else {
                    children.append([])
                    endsAlias.append(false)
                    endsPrefix.append(false)
                    children[node].append((b, Int32(children.count - 1)))
                    node = children.count - 1
                }
            }
            return node
        }
        for spec in specs {
            for alias in spec.foldedAliases where !alias.isEmpty { endsAlias[insert(alias)] = true }
            for prefix in spec.foldedPrefixes { endsPrefix[insert(prefix)] = true }
        }
        for edges in children {
            edgeStart.append(Int32(edgeBytes.count))
            for edge in edges {
                edgeBytes.append(edge.byte)
                edgeNodes.append(edge.node)
            }
        }
        edgeStart.append(Int32(edgeBytes.count))
    }

    /// The node reached from `node` through `byte`, once the trie is built.
    @inline(__always)
    private func child(_ node: Int, _ byte: UInt8) -> Int? {
        var k = Int(edgeStart[node])
        let end = Int(edgeStart[node + 1])
        while k < end {
            if edgeBytes[k] == byte { return Int(edgeNodes[k]) }
            k += 1
        }
        return nil
    }

    /// Whether `text` folds to a known header; nil when only folding it whole can tell.
    func names(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { names(utf8: $0) }
    }

    /// ``names(_:)`` over the text's UTF-8 bytes, decoded a scalar at a time and folded
    /// through ``TextNormalization/flatFoldTable`` (as the fold itself reads Vietnamese):
    /// taking each piece out of the table of enums retained and released its bytes, and
    /// this test runs on every cell of every data row. With the trie's edges in flat
    /// arrays, the repeated-header test went from 3.0 % to 1.8 % of a national `reconcile`.
    func names(utf8 p: UnsafeBufferPointer<UInt8>) -> Bool? {
        let table = TextNormalization.flatFoldTable
        var node = 0
        var started = false
        var pendingSpace = false
        var i = 0
        let n = p.count
        while i < n {
            guard let v = TextNormalization.flatFoldIndex(p, at: &i) else { return nil }
            let entry = table[v]
            switch entry & 0xFF {
            case 0:
                continue
            case 1:
                pendingSpace = started
            case 2:
                if pendingSpace {
                    guard let next = child(node, 0x20) else { return false }
                    node = next
                    if endsPrefix[node] { return true }
                }
                if !started && endsPrefix[0] { return true } // an empty prefix names any text
                pendingSpace = false
                started = true
                var bytes = entry >> 16
                for _ in 0..<Int((entry >> 8) & 0xFF) {
                    guard let next = child(node, UInt8(truncatingIfNeeded: bytes)) else { return false }
                    node = next
                    if endsPrefix[node] { return true }
                    bytes >>= 8
                }
            default:
                return nil // a piece too long for a table word
            }
        }
        return endsAlias[node]
    }
}

/// A data row of a CSV table, read through its header.
struct TableRow<Key: Hashable & Sendable> {
    let record: CSVRecord
    let header: HeaderMap<Key>
    let file: String

    func cell(_ key: Key) -> CSVCell? {
        guard let i = header.cellIndex(key) else { return nil }
        return record[i]
    }

    /// The cell's text normalised (NFC, whitespace collapsed); nil when absent or empty.
    func text(_ key: Key) -> String? {
        guard let cell = cell(key) else { return nil }
        let s = TextNormalization.clean(cell.text)
        return s.isEmpty ? nil : s
    }

    /// The cell's text as written (line breaks kept, for cells that list several values);
    /// nil when absent or blank.
    func rawText(_ key: Key) -> String? {
        guard let cell = cell(key), !cell.isBlank else { return nil }
        return cell.text
    }

    /// Where the cell is; a short row's missing cell points at the record start.
    func location(_ key: Key) -> SourceLocation {
        if let cell = cell(key) {
            return SourceLocation(file: file, line: cell.line, column: cell.column, field: header.header[key])
        }
        return SourceLocation(file: file, line: record.line, column: 1, field: header.header[key])
    }

    var recordLocation: SourceLocation {
        SourceLocation(file: file, line: record.line, column: record.cells.first?.column ?? 1)
    }

    /// `column "Ngày ban hành": …`, both languages.
    func cellMessage(_ key: Key, _ message: LocalizedText) -> LocalizedText {
        let name = header.header[key] ?? ""
        return LocalizedText(vi: "cột \"\(name)\": \(message.vi)", en: "column \"\(name)\": \(message.en)")
    }

    /// An error at a cell.
    func error(_ id: DiagnosticID, _ key: Key, _ message: LocalizedText) -> Diagnostic {
        Diagnostic(.error, id, at: location(key), cellMessage(key, message))
    }

    /// A date cell; nil when empty, a diagnostic when not a date.
    func date(_ key: Key, into diagnostics: inout [Diagnostic]) -> CivilDate? {
        guard let text = text(key) else { return nil }
        do {
            return try CivilDate.parse(text)
        } catch {
            diagnostics.append(self.error(.cellDate, key, error.message))
            return nil
        }
    }

    /// A required text cell; records an error naming the column when empty.
    func required(_ key: Key, into diagnostics: inout [Diagnostic]) -> String? {
        if let text = text(key) { return text }
        diagnostics.append(error(.cellRequired, key, LocalizedText(vi: "ô bắt buộc bị trống", en: "required cell is empty")))
        return nil
    }
}

extension StringPool {
    /// A table cell's normalised text (``TableRow/text(_:)``), shared.
    mutating func text<Key>(_ row: TableRow<Key>, _ key: Key) -> String? {
        row.text(key).map { intern($0) }
    }
}

/// Finds the header row of a CSV table, skipping title rows above it, and turns the rows
/// below into ``TableRow``s.
struct TableReader<Key: Hashable & Sendable> {
    let specs: [ColumnSpec<Key>]
    let file: String
    private(set) var header: HeaderMap<Key>?
    var diagnostics: [Diagnostic] = []

    private let words: HeaderWords

    init(specs: [ColumnSpec<Key>], file: String) {
        self.specs = specs
        self.file = file
        words = HeaderWords(specs)
    }

    private var sawRecord = false
    /// False when the header lacks a required column: rows are then not read, since every
    /// one of them would repeat that error.
    private(set) var usable = true

    /// Nil for title rows, the header row and blank rows; a data row otherwise.
    mutating func feed(_ record: CSVRecord) -> TableRow<Key>? {
        if !record.isBlank { sawRecord = true }
        guard let header else {
            if HeaderMatcher.recognisedCount(record, specs, words) >= 2 {
                let (map, ds) = HeaderMatcher.match(record, specs, file: file)
                header = map
                diagnostics += ds
                usable = !ds.contains { $0.id == .headerMissingColumn }
            }
            return nil
        }
        if !usable || record.isBlank { return nil }
        // A header row again below the first (tables copied from several printed pages,
        // or two exports pasted one under the other) is not data: skip it, as the listing
        // reader does.
        if HeaderMatcher.recognisedCount(record, specs, words, upTo: 2) >= 2 { return nil }
        return TableRow(record: record, header: header, file: file)
    }

    /// Call at the end: an error when no header row was found.
    mutating func finish(fileInfo: CSVReader.FileInfo?) {
        finish(decoded: fileInfo != nil)
    }

    /// `decoded`: false when the file's bytes could not be read as text at all (that
    /// error is already reported).
    mutating func finish(decoded: Bool) {
        guard header == nil, decoded else { return }
        guard sawRecord else {
            diagnostics.append(Diagnostic(.error, .csvEmpty, at: SourceLocation(file: file, line: 1, column: 1), HeaderMatcher.emptyFile))
            return
        }
        let names = specs.filter(\.required).map { "\"\($0.name)\"" }.joined(separator: ", ")
        diagnostics.append(Diagnostic(.error, .headerNotFound, at: SourceLocation(file: file, line: 1, column: 1), LocalizedText(
            vi: "không tìm thấy dòng tiêu đề: cần một dòng có các cột \(names)",
            en: "no header row found: expected a row with the columns \(names)")))
    }
}
