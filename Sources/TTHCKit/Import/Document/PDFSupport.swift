import CPDFText

/// A word on a PDF page and its box, in points from the page's top left.
struct PDFWord: Hashable, Sendable {
    var text: String
    var x0: Double, y0: Double, x1: Double, y1: Double
    /// 1-based order of the word on its page, in poppler's reading order.
    var order: Int

    var midX: Double { (x0 + x1) / 2 }
    var midY: Double { (y0 + y1) / 2 }
    var height: Double { y1 - y0 }
}

/// A ruling line drawn on a page, in points: horizontal when `y0 == y1`.
struct PDFRule: Hashable, Sendable {
    var x0: Double, y0: Double, x1: Double, y1: Double
    var isHorizontal: Bool { y0 == y1 }
}

/// One page as the table finder needs it: its size, words and ruling lines.
struct PDFPage: Sendable {
    var number: Int
    var width: Double
    var height: Double
    var words: [PDFWord]
    var rules: [PDFRule]
    /// False when the page was too large to render for its ruling lines (the stream
    /// strategy alone is used).
    var rendered: Bool
}

/// Why a PDF could not be opened or read.
enum PDFFailure: Error {
    case damaged(String)
    case encrypted
    case failed(String)
    case tooManyPages(Int)
    case tooManyWords(page: Int, count: Int)
    case tooDense(page: Int)
}

/// The poppler wall. One file imports the C shim (`CPDFText`, which alone includes
/// poppler-glib's headers): Swift values come out (``PDFPage``), and every C object is freed
/// before the call that made it returns; the document itself is closed in `deinit`.
///
/// Why poppler: it is the PDF library Debian ships with a C API (poppler-glib), it reads
/// the damaged and odd files ministries publish, gives each character's box (what the
/// table finder needs), and renders a page, from which the ruling lines are found as
/// Camelot's lattice strategy finds them (on the rendered image). It never touches the
/// network and runs no script.
final class PDFDocumentReader {
    /// Pages past this many are refused: an annex of 1,000 pages is not a decision.
    static let maximumPages = 1_000
    /// Words past this many on one page are refused (a page of 100,000 words is hostile).
    static let maximumWordsPerPage = 20_000
    /// The words of each page, squared, added up over the file: past this the file is
    /// refused. poppler's text layout (`TextPage::coalesce`) grows with the square of a
    /// page's words: a page of 19,000 tiny words took it 4 s and the table finder 2 s
    /// more, so 25 such pages took 166 s. Real pages hold a few hundred words (the longest
    /// annex here: 453 pages, 541 words at most on a page, 43 million in all); a thousand
    /// pages of 1,000 words fit.
    static let maximumLayoutWork = 1_000_000_000
    /// Pixels per point when a page is rendered for its ruling lines.
    static let renderScale = 2.0
    /// A page that would render to more pixels than this at ``renderScale`` is rendered
    /// smaller; below a quarter of it, not at all (stream strategy only).
    static let maximumPixels = 8_000_000
    /// The pixels of all the pages of a file together: finding the rules costs a pass
    /// over each pixel, so a thousand pages of 8,000,000 pixels took over a minute. A
    /// thousand A4 pages at ``renderScale`` (2,004,040 pixels each) fit.
    static let maximumPixelsPerFile = 2_500_000_000

    private let document: OpaquePointer
    /// The bytes poppler reads; kept alive as long as the document.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    let pageCount: Int

    init(bytes input: [UInt8]) throws(PDFFailure) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(input.count, 1))
        _ = copy.initialize(from: input)
        var document: OpaquePointer?
        var message: UnsafeMutablePointer<CChar>?
        let status = tthc_pdf_open(copy.baseAddress, input.count, &document, &message)
        let text = message.map { String(cString: $0) } ?? ""
        tthc_pdf_free(message)
        guard status == Int32(TTHC_PDF_OK), let document else {
            copy.deallocate()
            switch status {
            case Int32(TTHC_PDF_ENCRYPTED): throw .encrypted
            case Int32(TTHC_PDF_DAMAGED): throw .damaged(text)
            default: throw .failed(text)
            }
        }
        self.document = document
        self.bytes = copy
        pageCount = Int(tthc_pdf_page_count(document))
        if pageCount > Self.maximumPages {
            tthc_pdf_close(document)
            copy.deallocate()
            throw .tooManyPages(pageCount)
        }
    }

    deinit {
        tthc_pdf_close(document)
        bytes.deallocate()
    }

    /// The scale a page of `width` × `height` points in a file of `pages` pages is
    /// rendered at for its rules: ``renderScale``, less where the page would pass its share
    /// of the pixels (``maximumPixels``, and ``maximumPixelsPerFile`` over the pages); nil
    /// (not rendered) below a quarter of ``renderScale``.
    static func scale(width: Double, height: Double, pages: Int) -> Double? {
        guard width > 0, height > 0 else { return nil }
        let share = min(Double(maximumPixels), Double(maximumPixelsPerFile) / Double(max(pages, 1)))
        var scale = renderScale
        let pixels = width * height * scale * scale
        if pixels > share { scale *= (share / pixels).squareRoot() }
        return scale >= renderScale / 4 ? scale : nil
    }

    /// Page `number` (1-based): its words, and its ruling lines when `rules` is true.
    func page(_ number: Int, rules wantRules: Bool) throws(PDFFailure) -> PDFPage {
        let index = Int32(number - 1)
        var width = 0.0, height = 0.0
        _ = tthc_pdf_page_size(document, index, &width, &height)
        let words = try self.words(index, page: number)
        var rules: [PDFRule] = []
        var rendered = false
        if wantRules, let scale = Self.scale(width: width, height: height, pages: pageCount) {
            rules = renderRules(index, scale: scale, words: words)
            rendered = true
        }
        return PDFPage(number: number, width: width, height: height, words: words, rules: rules, rendered: rendered)
    }

    private func words(_ index: Int32, page: Int) throws(PDFFailure) -> [PDFWord] {
        var text: UnsafeMutablePointer<CChar>?
        var boxes: UnsafeMutablePointer<tthc_pdf_box>?
        var count = 0
        guard tthc_pdf_page_text(document, index, &text, &boxes, &count) == 0, let text else { return [] }
        defer { tthc_pdf_free(text); tthc_pdf_free(boxes) }
        let scalars = Array(String(cString: text).unicodeScalars)
        let n = boxes == nil ? 0 : min(count, scalars.count)
        var words: [PDFWord] = []
        var current = String.UnicodeScalarView()
        var box = (x0: Double.infinity, y0: Double.infinity, x1: -Double.infinity, y1: -Double.infinity)
        func flush() {
            if !current.isEmpty {
                words.append(PDFWord(text: String(current), x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1, order: words.count + 1))
            }
            current = String.UnicodeScalarView()
            box = (.infinity, .infinity, -.infinity, -.infinity)
        }
        for i in 0..<n {
            let s = scalars[i]
            if s.properties.isWhitespace || s.value < 0x20 {
                flush()
                continue
            }
            let b = boxes![i]
            // A character whose box sits far from the word's (poppler joins glyphs it
            // takes for one word across a column gap) starts a new word.
            if !current.isEmpty, b.x2 < box.x0 - 1 || b.x1 > box.x1 + 3 || b.y1 > box.y1 || b.y2 < box.y0 { flush() }
            current.append(s)
            box = (min(box.x0, b.x1), min(box.y0, b.y1), max(box.x1, b.x2), max(box.y1, b.y2))
            if words.count > Self.maximumWordsPerPage { throw .tooManyWords(page: page, count: words.count) }
        }
        flush()
        return words
    }

    /// Renders the page in grey and finds the long thin dark runs: the ruling lines.
    /// Pixels under words are blanked first, so underlined or struck text and rows of
    /// underscores are not taken for rules.
    private func renderRules(_ index: Int32, scale: Double, words: [PDFWord]) -> [PDFRule] {
        var pixels: UnsafeMutablePointer<UInt8>?
        var w: Int32 = 0, h: Int32 = 0
        guard tthc_pdf_page_render_grey(document, index, scale, &pixels, &w, &h) == 0, let pixels else { return [] }
        defer { tthc_pdf_free(pixels) }
        let width = Int(w), height = Int(h)
        let image = UnsafeMutableBufferPointer(start: pixels, count: width * height)
        for word in words {
            let inset = word.height * 0.2
            let x0 = max(0, Int((word.x0 * scale).rounded(.up))), x1 = min(width - 1, Int((word.x1 * scale).rounded(.down)))
            let y0 = max(0, Int(((word.y0 + inset) * scale).rounded(.up))), y1 = min(height - 1, Int(((word.y1 - inset) * scale).rounded(.down)))
            guard x0 <= x1, y0 <= y1 else { continue }
            for y in y0...y1 { for x in x0...x1 { image[y * width + x] = 255 } }
        }
        return RuleFinder(image: UnsafeBufferPointer(image), width: width, height: height, scale: scale).rules()
    }
}

/// Finds ruling lines on a grey page image: runs of dark pixels at least
/// ``minimumLength`` points long, one or a few pixels thick, merged across adjacent rows
/// (or columns) into one rule at their middle.
struct RuleFinder {
    let image: UnsafeBufferPointer<UInt8>
    let width: Int
    let height: Int
    let scale: Double
    /// A pixel darker than this is ink.
    static let threshold: UInt8 = 200
    /// Shorter runs are text or dots, not rules (points).
    static let minimumLength = 8.0
    /// Thicker runs are filled areas (shading, images), not rules (points).
    static let maximumThickness = 4.0

    func rules() -> [PDFRule] {
        horizontal() + vertical()
    }

    private func isInk(_ x: Int, _ y: Int) -> Bool { image[y * width + x] < Self.threshold }

    private struct Run { var start: Int; var end: Int; var first: Int; var last: Int }

    private func merge(_ runsByLine: [[(Int, Int)]]) -> [Run] {
        var open: [Run] = []
        var done: [Run] = []
        for (line, runs) in runsByLine.enumerated() {
            var next: [Run] = []
            for (a, b) in runs {
                if let i = open.firstIndex(where: { $0.last == line - 1 && $0.start <= b && a <= $0.end }) {
                    var r = open.remove(at: i)
                    r.start = min(r.start, a); r.end = max(r.end, b); r.last = line
                    next.append(r)
                } else {
                    next.append(Run(start: a, end: b, first: line, last: line))
                }
            }
            done += open
            open = next
        }
        done += open
        let maxThick = Int(Self.maximumThickness * scale)
        return done.filter { $0.last - $0.first + 1 <= maxThick }
    }

    private func runs(length: Int, lines: Int, ink: (Int, Int) -> Bool) -> [[(Int, Int)]] {
        let minimum = Int(Self.minimumLength * scale)
        var all: [[(Int, Int)]] = []
        all.reserveCapacity(lines)
        for line in 0..<lines {
            var found: [(Int, Int)] = []
            var start = -1, gap = 0
            for i in 0...length {
                if i < length, ink(i, line) {
                    if start < 0 { start = i }
                    gap = 0
                } else if start >= 0 {
                    gap += 1
                    // One pixel of paper inside a rule is antialiasing, not a break.
                    if gap > 1 || i == length {
                        let end = i - gap
                        if end - start + 1 >= minimum { found.append((start, end)) }
                        start = -1
                        gap = 0
                    }
                }
            }
            all.append(found)
        }
        return all
    }

    private func horizontal() -> [PDFRule] {
        merge(runs(length: width, lines: height) { isInk($0, $1) }).map { r in
            let y = Double(r.first + r.last + 1) / 2 / scale
            return PDFRule(x0: Double(r.start) / scale, y0: y, x1: Double(r.end + 1) / scale, y1: y)
        }
    }

    private func vertical() -> [PDFRule] {
        merge(runs(length: height, lines: width) { isInk($1, $0) }).map { r in
            let x = Double(r.first + r.last + 1) / 2 / scale
            return PDFRule(x0: x, y0: Double(r.start) / scale, x1: x, y1: Double(r.end + 1) / scale)
        }
    }
}
