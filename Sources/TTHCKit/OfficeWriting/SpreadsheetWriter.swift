import Foundation

/// A workbook as tthc writes one (SpreadsheetML, ECMA-376 Part 1 §18), for the reports the
/// legal desk opens in Excel or LibreOffice Calc.
///
/// Hand-written on ``PackageWriter`` and ``XMLBuilder``: the package set has no maintained
/// Swift library that writes xlsx (XMLCoder encodes Codable values, not a package; the
/// xlsx libraries of the ecosystem are readers). The subset written is the one every
/// spreadsheet program reads: shared strings, numbers, dates as serial numbers with a
/// `dd/mm/yyyy` number format, one frozen header row and an autofilter per sheet, column
/// widths, wrapped text and filled status cells. Tests read the output back with openpyxl,
/// convert it with LibreOffice and validate its parts against the ECMA-376 schemas.
struct Workbook {
    enum Value: Equatable {
        /// A text cell (a shared string): identifiers stay text, so `1.013010` is never
        /// turned into the number 1.01301.
        case text(String)
        case number(Int)
        /// A share in 0…1, shown as a percentage with one decimal.
        case share(Double)
        /// A date cell: a serial number with the `dd/mm/yyyy` format.
        case date(CivilDate)
        /// A month (its first day) with the `mm/yyyy` format.
        case month(CivilDate)
    }

    /// How a cell is drawn; each case is one entry of `cellXfs` in `styles.xml`.
    enum Style: Int, CaseIterable {
        case plain = 0, header, text, wrapped, date, number, share, month
        case danger, warning, success, neutral
        case title, note
    }

    struct Cell {
        var value: Value
        var style: Style

        init(_ value: Value, _ style: Style) {
            self.value = value
            self.style = style
        }
    }

    struct Sheet {
        var name: String
        /// Widths in characters of the default font, one per column.
        var widths: [Double] = []
        var rows = Rows()
        /// The header row frozen at the top, and the range of the autofilter, as row
        /// indices (0-based) of `rows`: the header row and the last data row.
        var table: (header: Int, last: Int, columns: Int)?
    }

    /// A sheet's rows: rows given one by one, and runs of rows made when they are written
    /// (a section's table, one row per item of the ``Reconciliation``), so that the cells
    /// of a national report's sheets are never all held at once.
    struct Rows {
        private enum Run {
            /// `count` rows of `given`, from `start`.
            case given(start: Int, count: Int)
            /// `count` rows, the `i`-th made by `row(i)`.
            case made(count: Int, row: (Int) -> [Cell?])
        }
        private var given: [[Cell?]] = []
        private var runs: [Run] = []
        /// How many rows there are.
        private(set) var count = 0
        /// The most cells a row has.
        private(set) var columns = 0

        var isEmpty: Bool { count == 0 }

        mutating func append(_ row: [Cell?]) {
            if case .given(let start, let n)? = runs.last {
                runs[runs.count - 1] = .given(start: start, count: n + 1)
            } else {
                runs.append(.given(start: given.count, count: 1))
            }
            given.append(row)
            count += 1
            columns = max(columns, row.count)
        }

        /// `count` rows of at most `columns` cells, the `i`-th made by `row(i)` each time
        /// the rows are read.
        mutating func append(count n: Int, columns: Int, _ row: @escaping (Int) -> [Cell?]) {
            guard n > 0 else { return }
            runs.append(.made(count: n, row: row))
            count += n
            self.columns = max(self.columns, columns)
        }

        /// Reads the rows one at a time, for a sheet's part made piece by piece.
        struct Reader {
            private let rows: Rows
            private var run = 0, index = 0

            init(_ rows: Rows) { self.rows = rows }

            mutating func next() -> [Cell?]? {
                while run < rows.runs.count {
                    switch rows.runs[run] {
                    case .given(let start, let n) where index < n:
                        index += 1
                        return rows.given[start + index - 1]
                    case .made(let n, let row) where index < n:
                        index += 1
                        return row(index - 1)
                    default:
                        run += 1
                        index = 0
                    }
                }
                return nil
            }
        }
    }

    var sheets: [Sheet] = []
    var title: String

    /// The file's bytes.
    ///
    /// Each sheet's part is made twice: once to number its strings in the shared-string
    /// table and count its bytes (the archive must know an entry's size before it is
    /// compressed), then again, row by row, while it is compressed.
    func archive() -> [UInt8] { [UInt8](archiveData()) }

    /// The file's bytes as the archive holds them (a national workbook is tens of
    /// megabytes: not copied again).
    func archiveData() -> Data {
        let strings = SharedStrings()
        let sizes = sheets.map { sheet in PackageWriter.size(of: Self.sheetXML(sheet, strings.number)) }
        var package = PackageWriter(main: "xl/workbook.xml", title: title)
        package.add("xl/workbook.xml", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    workbookXML)
        var rels: [(id: String, type: String, target: String)] = sheets.indices.map {
            ("rId\($0 + 1)", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", "worksheets/sheet\($0 + 1).xml")
        }
        rels.append(("rId\(sheets.count + 1)", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml"))
        rels.append(("rId\(sheets.count + 2)", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings", "sharedStrings.xml"))
        rels.append(("rId\(sheets.count + 3)", PackageWriter.themeRelationship, "theme/theme1.xml"))
        package.add("xl/_rels/workbook.xml.rels", contentType: nil, PackageWriter.relationships(rels))
        for (i, sheet) in sheets.enumerated() {
            package.add("xl/worksheets/sheet\(i + 1).xml",
                        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
                        size: sizes[i]) { Self.sheetXML(sheet, strings.numbered) }
        }
        package.add("xl/styles.xml", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
                    Self.stylesXML)
        package.add("xl/sharedStrings.xml",
                    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
                    size: PackageWriter.size(of: strings.xml()), make: strings.xml)
        package.add("xl/theme/theme1.xml", contentType: PackageWriter.themeType, PackageWriter.theme(font: "Times New Roman"))
        return package.archiveData()
    }

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting
    /// or ending with an apostrophe (§18.2.19, and Excel's own rule on length).
    static func sheetName(_ text: String) -> String {
        var name = String(text.map { "[]:*?/\\".contains($0) ? "-" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        if name.count > 31 { name = String(name.prefix(31)) }
        while name.hasSuffix("'") || name.hasSuffix(" ") { name.removeLast() }
        return name.isEmpty ? "-" : name
    }

    private var workbookXML: String {
        var x = XMLBuilder(root: "workbook", ["xmlns": Self.mainNamespace, "xmlns:r": Self.relationshipNamespace])
        x.open("bookViews")
        x.empty("workbookView", ["activeTab": "0"])
        x.close("bookViews")
        x.open("sheets")
        for (i, sheet) in sheets.enumerated() {
            x.empty("sheet", ["name": sheet.name, "sheetId": "\(i + 1)", "r:id": "rId\(i + 1)"])
        }
        x.close("sheets")
        let filtered = sheets.enumerated().compactMap { i, s in s.table.map { (i, s, $0) } }
        if !filtered.isEmpty {
            x.open("definedNames")
            for (i, sheet, table) in filtered {
                let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
                x.element("definedName", ["name": "_xlnm._FilterDatabase", "localSheetId": "\(i)", "hidden": "1"],
                          text: quoted + "!" + Self.absoluteRange(table))
            }
            x.close("definedNames")
        }
        x.close("workbook")
        return x.text
    }

    /// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    private static func range(_ t: (header: Int, last: Int, columns: Int)) -> String {
        "A\(t.header + 1):\(columnName(max(t.columns, 1) - 1))\(t.last + 1)"
    }

    private static func absoluteRange(_ t: (header: Int, last: Int, columns: Int)) -> String {
        "$A$\(t.header + 1):$\(columnName(max(t.columns, 1) - 1))$\(t.last + 1)"
    }

    /// Days from 1899-12-30 (the serial-date epoch of Excel's 1900 date system, ECMA-376
    /// §18.17.4.1, for every date after 1900-03-01).
    static func serial(_ date: CivilDate) -> Int { date.dayNumber + 25_569 }

    /// A sheet's part, made a row at a time; `number` gives a text's index in the
    /// shared-string table.
    private static func sheetXML(_ sheet: Sheet, _ number: @escaping (String) -> Int) -> PackageWriter.PieceSource {
        var rows = Rows.Reader(sheet.rows)
        var r = 0
        // What comes next: the part up to the first row, the rows (the last one followed
        // by the rest of the part), nothing.
        enum Stage { case head, rows, done }
        var stage = Stage.head
        return { bytes in
            switch stage {
            case .head:
                stage = .rows
                bytes.append(contentsOf: head(sheet).text.utf8)
                return true
            case .rows:
                guard let row = rows.next() else {
                    stage = .done
                    bytes.append(contentsOf: tail(sheet).text.utf8)
                    return true
                }
                appendRow(row, r, sheet.widths, number, to: &bytes)
                r += 1
                return true
            case .done:
                return false
            }
        }
    }

    /// The part up to the first row.
    private static func head(_ sheet: Sheet) -> XMLBuilder {
        var x = XMLBuilder(root: "worksheet", ["xmlns": mainNamespace, "xmlns:r": relationshipNamespace])
        let lastColumn = max(sheet.widths.count, sheet.rows.columns, 1)
        x.empty("dimension", ["ref": "A1:\(columnName(lastColumn - 1))\(max(sheet.rows.count, 1))"])
        x.open("sheetViews")
        if let table = sheet.table {
            x.open("sheetView", ["workbookViewId": "0"])
            let top = "A\(table.header + 2)"
            x.empty("pane", ["ySplit": "\(table.header + 1)", "topLeftCell": top, "activePane": "bottomLeft", "state": "frozen"])
            x.empty("selection", ["pane": "bottomLeft", "activeCell": top, "sqref": top])
            x.close("sheetView")
        } else {
            x.empty("sheetView", ["workbookViewId": "0"])
        }
        x.close("sheetViews")
        x.empty("sheetFormatPr", ["defaultRowHeight": "15.75"])
        if !sheet.widths.isEmpty {
            x.open("cols")
            for (i, w) in sheet.widths.enumerated() {
                x.empty("col", ["min": "\(i + 1)", "max": "\(i + 1)", "width": Self.decimal(w), "customWidth": "1"])
            }
            x.close("cols")
        }
        x.open("sheetData")
        return x
    }

    /// The row at index `r` (0-based), appended to `out`: the markup ``rowXML(_:_:_:_:)``
    /// builds, written as bytes. A national workbook has millions of cells, and each made
    /// a handful of strings through `XMLBuilder`, twice (the part is counted, then written).
    static func appendRow(_ row: [Cell?], _ r: Int, _ widths: [Double], _ number: (String) -> Int, to out: inout [UInt8]) {
        // Only whether a cell wraps to more than one line matters, so 0 serves as the
        // start of the maximum (``rowXML`` starts from the first cell's count).
        var lines = 0
        for (c, cell) in row.enumerated() {
            lines = max(lines, wrappedLines(cell, width: c < widths.count ? widths[c] : 10))
        }
        out.append(contentsOf: "<row r=\"".utf8)
        appendDecimal(r + 1, to: &out)
        if lines > 1 {
            out.append(contentsOf: "\" ht=\"".utf8)
            out.append(contentsOf: decimal(Double(lines) * lineHeight).utf8)
            out.append(contentsOf: "\" customHeight=\"1\">".utf8)
        } else {
            out.append(contentsOf: "\">".utf8)
        }
        for (c, cell) in row.enumerated() {
            guard let cell else { continue }
            out.append(contentsOf: "<c r=\"".utf8)
            appendColumnName(c, to: &out)
            appendDecimal(r + 1, to: &out)
            out.append(contentsOf: "\" s=\"".utf8)
            appendDecimal(cell.style.rawValue, to: &out)
            switch cell.value {
            case .text(let s):
                out.append(contentsOf: "\" t=\"s\"><v>".utf8)
                appendDecimal(number(s), to: &out)
            case .number(let n):
                out.append(contentsOf: "\"><v>".utf8)
                appendDecimal(n, to: &out)
            case .share(let d):
                out.append(contentsOf: "\"><v>".utf8)
                out.append(contentsOf: decimal(d, digits: 6).utf8)
            case .date(let d), .month(let d):
                out.append(contentsOf: "\"><v>".utf8)
                appendDecimal(serial(d), to: &out)
            }
            out.append(contentsOf: "</v></c>".utf8)
        }
        out.append(contentsOf: "</row>".utf8)
    }

    /// ``columnName(_:)`` appended as bytes.
    static func appendColumnName(_ index: Int, to out: inout [UInt8]) {
        if (0..<26).contains(index) {
            out.append(0x41 + UInt8(index))
        } else {
            out.append(contentsOf: columnName(index).utf8)
        }
    }

    /// `String(n)` appended as bytes.
    static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        guard n >= 0 else { return out.append(contentsOf: String(n).utf8) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var v = n, i = 20
            repeat {
                i -= 1
                digits[i] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// The row at index `r` (0-based) as `XMLBuilder` makes it: the definition
    /// ``appendRow(_:_:_:_:to:)`` is tested against.
    static func rowXML(_ row: [Cell?], _ r: Int, _ widths: [Double], _ number: (String) -> Int) -> XMLBuilder {
        var x = XMLBuilder()
        // Neither Excel nor LibreOffice fits a row to wrapped text when it opens a
        // file, so the height is written: the most lines a cell of the row wraps to.
        let lines = row.enumerated().map { c, cell in Self.wrappedLines(cell, width: c < widths.count ? widths[c] : 10) }.max() ?? 1
        if lines > 1 {
            x.open("row", ["r": "\(r + 1)", "ht": Self.decimal(Double(lines) * Self.lineHeight), "customHeight": "1"])
        } else {
            x.open("row", ["r": "\(r + 1)"])
        }
        for (c, cell) in row.enumerated() {
            guard let cell else { continue }
            let ref = columnName(c) + "\(r + 1)"
            let style = "\(cell.style.rawValue)"
            switch cell.value {
            case .text(let s):
                x.open("c", ["r": ref, "s": style, "t": "s"])
                x.element("v", text: "\(number(s))")
            case .number(let n):
                x.open("c", ["r": ref, "s": style])
                x.element("v", text: "\(n)")
            case .share(let d):
                x.open("c", ["r": ref, "s": style])
                x.element("v", text: Self.decimal(d, digits: 6))
            case .date(let d), .month(let d):
                x.open("c", ["r": ref, "s": style])
                x.element("v", text: "\(serial(d))")
            }
            x.close("c")
        }
        x.close("row")
        return x
    }

    /// The part after the last row.
    private static func tail(_ sheet: Sheet) -> XMLBuilder {
        var x = XMLBuilder()
        x.close("sheetData")
        if let table = sheet.table, table.last > table.header {
            x.empty("autoFilter", ["ref": range(table)])
        }
        x.empty("pageMargins", ["left": "0.5", "right": "0.5", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3"])
        x.empty("pageSetup", ["paperSize": "9", "orientation": "landscape"])
        x.close("worksheet")
        return x
    }

    /// The height of one line of 12 pt text, in points.
    static let lineHeight = 15.75

    /// How many lines a cell takes in a column `width` characters wide: its own lines,
    /// each wrapped at the column's width when its style wraps.
    static func wrappedLines(_ cell: Cell?, width: Double) -> Int {
        guard let cell, case .text(let text) = cell.value else { return 1 }
        let wraps = switch cell.style {
        case .header, .wrapped, .danger, .warning, .success, .neutral: true
        default: false
        }
        let room = max(1, Int(width - 1.5))
        var n = 0
        DisplayWidth.forEachLineWidth(text) { w in n += wraps ? max(1, (w + room - 1) / room) : 1 }
        return n
    }

    /// A decimal with at most `digits` places and no trailing zeros, never in exponent form
    /// (the same text on every machine).
    static func decimal(_ value: Double, digits: Int = 2) -> String {
        let scale = Double((0..<digits).reduce(1) { r, _ in r * 10 })
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale), fraction = abs(scaled % Int(scale))
        guard fraction > 0 else { return "\(whole)" }
        var f = String(fraction)
        f = String(repeating: "0", count: digits - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return (scaled < 0 && whole == 0 ? "-" : "") + "\(whole).\(f)"
    }

    /// The shared-string table, in order of first use. A class: the sheets' parts number
    /// their strings in it while they are counted, and look them up while they are written.
    ///
    /// At national scale it holds 1.7 million texts (a location is one per row), so it keeps
    /// their bytes one after the other in blocks, and finds them through a table of
    /// indices, rather than as a `[String: Int]` of separately allocated strings, which
    /// took about 300 MB for the 80 MB of text.
    final class SharedStrings {
        /// The texts' UTF-8 bytes in blocks of about 1 MiB (a longer text has a block of its
        /// own), so that growing never copies what is held.
        private var blocks: [[UInt8]] = []
        /// Where text `i` is: its block, where it starts in it, and its length.
        private var places: [(block: UInt32, start: UInt32, count: UInt32)] = []
        /// Open addressing on the texts' hashes: a text's index + 1, or 0 for a free slot;
        /// a power of two in size, at most half full.
        private var slots = [UInt32](repeating: 0, count: 1 << 10)
        private(set) var uses = 0

        static let blockSize = 1 << 20

        /// The index of `s`, given it when it is new; one more use.
        func number(_ s: String) -> Int {
            uses += 1
            return find(s, adding: true)!
        }

        /// The index ``number(_:)`` gave `s`.
        func numbered(_ s: String) -> Int {
            guard let i = find(s, adding: false) else { preconditionFailure("a sheet wrote a text it had not numbered") }
            return i
        }

        private func find(_ s: String, adding: Bool) -> Int? {
            var s = s
            return s.withUTF8 { text -> Int? in
                let mask = slots.count - 1
                var slot = Self.hash(UnsafeRawBufferPointer(text)) & mask
                while slots[slot] != 0 {
                    let i = Int(slots[slot] - 1)
                    if bytes(i, { Self.equal($0, text) }) { return i }
                    slot = (slot + 1) & mask
                }
                guard adding else { return nil }
                let i = places.count
                store(text)
                slots[slot] = UInt32(i + 1)
                if places.count * 2 > slots.count { grow() }
                return i
            }
        }

        private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
            a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
        }

        private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
            var hasher = Hasher()
            hasher.combine(bytes: bytes)
            return hasher.finalize()
        }

        /// Calls `body` with the bytes of text `i`.
        private func bytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            let place = places[i]
            return blocks[Int(place.block)].withUnsafeBufferPointer { block in
                body(UnsafeBufferPointer(rebasing: block[Int(place.start)..<Int(place.start) + Int(place.count)]))
            }
        }

        private func store(_ text: UnsafeBufferPointer<UInt8>) {
            if blocks.isEmpty || blocks[blocks.count - 1].count + text.count > Self.blockSize {
                var block: [UInt8] = []
                block.reserveCapacity(max(Self.blockSize, text.count))
                blocks.append(block)
            }
            let b = blocks.count - 1
            places.append((UInt32(b), UInt32(blocks[b].count), UInt32(text.count)))
            blocks[b].append(contentsOf: text)
        }

        /// Twice the slots, every text placed again.
        private func grow() {
            slots = [UInt32](repeating: 0, count: slots.count * 2)
            let mask = slots.count - 1
            for i in places.indices {
                var slot = bytes(i) { Self.hash(UnsafeRawBufferPointer($0)) } & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = UInt32(i + 1)
            }
        }

        /// The `si` item of the text whose UTF-8 is `text`, appended to `out`: the bytes of
        /// ``item(_:)``, without a string when the text needs no escaping and cannot need
        /// `xml:space`.
        static func appendItem(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
            // A text that needs no escaping holds no control, so no line feed; with no
            // space byte at either end, neither its first nor its last character is a space.
            guard text.first != 0x20, text.last != 0x20, !XMLText.mayNeedEscaping(utf8: text) else {
                return out.append(contentsOf: item(String(decoding: text, as: UTF8.self)).utf8)
            }
            out.append(contentsOf: "<si><t>".utf8)
            out.append(contentsOf: text)
            out.append(contentsOf: "</t></si>".utf8)
        }

        /// The `si` item of `s`: its text, with `xml:space="preserve"` where leading or
        /// trailing spaces or line breaks would otherwise be lost.
        static func item(_ s: String) -> String {
            var x = XMLBuilder()
            x.open("si")
            let keep = s.first == " " || s.last == " " || s.contains("\n")
            if keep { x.element("t", ["xml:space": "preserve"], text: s) } else { x.element("t", text: s) }
            x.close("si")
            return x.text
        }

        /// The part, a text at a time.
        func xml() -> PackageWriter.PieceSource {
            var next = -1
            return { [self] out in
                defer { next += 1 }
                if next == -1 {
                    let x = XMLBuilder(root: "sst", ["xmlns": Workbook.mainNamespace, "count": "\(uses)", "uniqueCount": "\(places.count)"])
                    out.append(contentsOf: x.text.utf8)
                } else if next < places.count {
                    bytes(next) { Self.appendItem($0, to: &out) }
                } else if next == places.count {
                    var x = XMLBuilder()
                    x.close("sst")
                    out.append(contentsOf: x.text.utf8)
                } else {
                    next -= 1
                    return false
                }
                return true
            }
        }
    }

    /// The status colours are the HTML report's (`HTMLReport`): text and fill of each tone.
    static let toneColours: [(text: String, fill: String)] = [
        ("FF8A1010", "FFFDE7E7"), ("FF5C4300", "FFFFF3CD"), ("FF0D5421", "FFE4F4E8"), ("FF30363D", "FFF0F2F4"),
    ]

    private static let stylesXML: String = {
        var x = XMLBuilder(root: "styleSheet", ["xmlns": mainNamespace])
        x.open("numFmts", ["count": "3"])
        x.empty("numFmt", ["numFmtId": "164", "formatCode": "dd/mm/yyyy"])
        x.empty("numFmt", ["numFmtId": "165", "formatCode": "0.0%"])
        x.empty("numFmt", ["numFmtId": "166", "formatCode": "mm/yyyy"])
        x.close("numFmts")
        // Fonts: 0 body, 1 bold, 2–5 the tones' bold coloured text, 6 the title.
        x.open("fonts", ["count": "7"])
        func font(bold: Bool, size: String = "12", colour: String? = nil) {
            x.open("font")
            if bold { x.empty("b") }
            x.empty("sz", ["val": size])
            if let colour { x.empty("color", ["rgb": colour]) }
            x.empty("name", ["val": "Times New Roman"])
            x.empty("family", ["val": "1"])
            x.close("font")
        }
        font(bold: false)
        font(bold: true)
        for tone in toneColours { font(bold: true, colour: tone.text) }
        font(bold: true, size: "14")
        x.close("fonts")
        // Fills: 0 and 1 are the two the format reserves; 2 the header; 3–6 the tones.
        x.open("fills", ["count": "7"])
        x.open("fill"); x.empty("patternFill", ["patternType": "none"]); x.close("fill")
        x.open("fill"); x.empty("patternFill", ["patternType": "gray125"]); x.close("fill")
        for colour in ["FFEEF1F5"] + toneColours.map(\.fill) {
            x.open("fill")
            x.open("patternFill", ["patternType": "solid"])
            x.empty("fgColor", ["rgb": colour])
            x.empty("bgColor", ["indexed": "64"])
            x.close("patternFill")
            x.close("fill")
        }
        x.close("fills")
        x.open("borders", ["count": "2"])
        x.open("border"); for side in ["left", "right", "top", "bottom", "diagonal"] { x.empty(side) }; x.close("border")
        x.open("border")
        for side in ["left", "right", "top", "bottom"] {
            x.open(side, ["style": "thin"]); x.empty("color", ["rgb": "FFC8D1DC"]); x.close(side)
        }
        x.empty("diagonal")
        x.close("border")
        x.close("borders")
        x.open("cellStyleXfs", ["count": "1"])
        x.empty("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])
        x.close("cellStyleXfs")
        x.open("cellXfs", ["count": "\(Style.allCases.count)"])
        for style in Style.allCases {
            var (numFmt, font, fill, border, wrap) = ("0", "0", "0", "1", false)
            switch style {
            case .plain: border = "0"
            case .header: (font, fill, wrap) = ("1", "2", true)
            case .text: break
            case .wrapped: wrap = true
            case .date: numFmt = "164"
            case .number: numFmt = "1"
            case .share: numFmt = "165"
            case .month: numFmt = "166"
            case .danger, .warning, .success, .neutral:
                let tone = style.rawValue - Style.danger.rawValue
                (font, fill, wrap) = ("\(2 + tone)", "\(3 + tone)", true)
            case .title: (font, border) = ("6", "0")
            case .note: (border, wrap) = ("0", false)
            }
            let attributes: KeyValuePairs<String, String> = ["numFmtId": numFmt, "fontId": font, "fillId": fill, "borderId": border, "xfId": "0",
                          "applyNumberFormat": numFmt == "0" ? "0" : "1", "applyFont": font == "0" ? "0" : "1",
                          "applyFill": fill == "0" ? "0" : "1", "applyBorder": border == "0" ? "0" : "1", "applyAlignment": "1"]
            x.open("xf", attributes)
            if wrap { x.empty("alignment", ["vertical": "top", "wrapText": "1"]) } else { x.empty("alignment", ["vertical": "top"]) }
            x.close("xf")
        }
        x.close("cellXfs")
        x.open("cellStyles", ["count": "1"])
        x.empty("cellStyle", ["name": "Normal", "xfId": "0", "builtinId": "0"])
        x.close("cellStyles")
        x.close("styleSheet")
        return x.text
    }()
}
