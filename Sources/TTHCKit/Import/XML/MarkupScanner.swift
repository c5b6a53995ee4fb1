/// A byte-level look at an XML document that runs just ahead of libxml2, on the very bytes
/// handed to it, for two things libxml2's parser cannot give:
///
/// - **A guard.** Any `<!DOCTYPE` stops the input before libxml2 sees the declaration, so
///   no DTD, entity declaration, parameter entity or external reference is ever parsed
///   (billion laughs, XXE). A document that is not UTF-8 (UTF-16/32 by their byte
///   signatures) is stopped at the first byte.
/// - **Where each element starts.** libxml2 knows a node's line as the line where its
///   start tag *ends* and no column at all. The scanner records the line and column of the
///   `<` of every start tag, in document order, and hands them over with the bytes they
///   are in; the reader pops one for each start tag the parser reports, so its queue never
///   holds more than the parser's small look-ahead.
///
/// Hand-written rather than delegated to libxml2 because both needs concern bytes libxml2
/// either must not see or does not report. It recognises only what can matter in a
/// document without a DTD: comments, CDATA sections, processing instructions, end tags and
/// start tags (quoted attribute values may hold `>` but not `<`), which also lets it tell
/// a truncated document (elements left open) from other endings. Lines and columns are counted as
/// libxml2 counts them: 1-based, CR LF and lone CR end a line, one column per character.
struct MarkupScanner {
    /// Why the input was stopped.
    enum Stop: Equatable {
        /// `<!DOCTYPE` at this line and column.
        case doctype(line: Int, column: Int)
        /// The byte signature of UTF-16 or UTF-32 (named here) at the start of the file.
        case notUTF8(String)
        /// A start tag (at this line and column) with more than ``attributeLimit``
        /// attributes: libxml2's duplicate check makes such a tag cost minutes.
        case tooManyAttributes(line: Int, column: Int)
    }

    /// More attributes than any element of our formats has by far (they have at most six).
    static let attributeLimit = 256
    private var attributesInTag = 0

    private enum State {
        case start, text, lessThan, bang, instruction, instructionQuestion, startTag, quoted
        case comment, commentDash, commentDashDash, cdata, cdataBracket, cdataBracketBracket
    }

    /// Where the next byte is.
    private var position = Position(line: 1, column: 1, lastWasCR: false)
    var line: Int { position.line }
    var column: Int { position.column }
    private(set) var stop: Stop?
    /// Elements opened and not yet closed, as far as the bytes seen so far go.
    private(set) var openElements = 0
    /// Whether any element start tag was seen.
    private(set) var sawElement = false
    private var quote: UInt8 = 0
    private var previous: UInt8 = 0
    private var state = State.start
    private var offset = 0
    private var markupLine = 0
    private var markupColumn = 0
    /// Bytes after `<!` so far, while deciding between comment, CDATA and DOCTYPE.
    private var bangBytes: [UInt8] = []
    private var starts: [(line: Int, column: Int)] = []

    private static let commentOpen = Array("--".utf8)
    private static let cdataOpen = Array("[CDATA[".utf8)
    private static let doctypeOpen = Array("DOCTYPE".utf8)

    /// The positions of the element start tags found since the last call, in order.
    mutating func takeElementStarts() -> [(line: Int, column: Int)] {
        defer { starts = [] }
        return starts
    }

    /// Scans `bytes`, the next bytes of the document. Returns how many of them may be handed
    /// to libxml2: all of them, unless a forbidden construct starts in them (then ``stop``
    /// says which, and nothing more may be handed over).
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard stop == nil else { return 0 }
        if state == .start, !bytes.isEmpty {
            if let encoding = MarkupScanner.nonUTF8Signature(bytes) {
                stop = .notUTF8(encoding)
                return 0
            }
            state = .text
        }
        var i = 0
        let n = bytes.count
        while i < n {
            if state == .text {
                skip(bytes, from: &i)
                if i == n { break }
            } else if state == .startTag {
                // Names and spaces inside a tag: only quotes, `>` and `<` matter.
                skip(bytes, from: &i, alsoAt: 0x22, 0x27, 0x3E)
                if i == n { break }
            } else if state == .quoted {
                skip(bytes, from: &i, alsoAt: quote)
                if i == n { break }
            }
            let b = bytes[i]
            switch state {
            case .start, .text:
                if b == 0x3C { // <
                    markupLine = line
                    markupColumn = column
                    state = .lessThan
                }
            case .lessThan:
                switch b {
                case 0x2F: // </ end tag
                    openElements -= 1
                    state = .text
                case 0x3F: state = .instruction // <?
                case 0x21: // <!
                    bangBytes.removeAll(keepingCapacity: true)
                    state = .bang
                default:
                    starts.append((markupLine, markupColumn))
                    sawElement = true
                    attributesInTag = 0
                    state = .startTag
                }
            case .startTag:
                if b == 0x22 || b == 0x27 { // " '
                    quote = b
                    state = .quoted
                    attributesInTag += 1
                    if attributesInTag > MarkupScanner.attributeLimit {
                        stop = .tooManyAttributes(line: markupLine, column: markupColumn)
                        return i
                    }
                } else if b == 0x3E { // >, after / for an empty element
                    if previous != 0x2F { openElements += 1 }
                    state = .text
                } else if b == 0x3C { // malformed (libxml2 reports it); still markup to guard
                    markupLine = line
                    markupColumn = column
                    state = .lessThan
                }
            case .quoted:
                if b == quote { state = .startTag }
            case .bang:
                bangBytes.append(b)
                if bangBytes == MarkupScanner.commentOpen {
                    state = .comment
                } else if bangBytes == MarkupScanner.cdataOpen {
                    state = .cdata
                } else if bangBytes == MarkupScanner.doctypeOpen {
                    stop = .doctype(line: markupLine, column: markupColumn)
                    return i
                } else if !MarkupScanner.commentOpen.starts(with: bangBytes),
                          !MarkupScanner.cdataOpen.starts(with: bangBytes),
                          !MarkupScanner.doctypeOpen.starts(with: bangBytes) {
                    state = .text // malformed markup: libxml2 reports it
                }
            case .instruction:
                if b == 0x3F { state = .instructionQuestion }
            case .instructionQuestion:
                state = b == 0x3E ? .text : b == 0x3F ? .instructionQuestion : .instruction
            case .comment:
                if b == 0x2D { state = .commentDash }
            case .commentDash:
                state = b == 0x2D ? .commentDashDash : .comment
            case .commentDashDash:
                state = b == 0x3E ? .text : b == 0x2D ? .commentDashDash : .comment
            case .cdata:
                if b == 0x5D { state = .cdataBracket }
            case .cdataBracket:
                state = b == 0x5D ? .cdataBracketBracket : .cdata
            case .cdataBracketBracket:
                state = b == 0x3E ? .text : b == 0x5D ? .cdataBracketBracket : .cdata
            }
            advance(over: b)
            previous = b
            i += 1
        }
        return n
    }

    /// Runs through bytes up to the next `<` or one of `a`, `b`, `c` (or the end of
    /// `bytes`), counting lines and columns as ``advance(over:)`` does, in local variables:
    /// most of a document is text, names and attribute values, where nothing needs the
    /// state machine until markup starts or the state's own delimiter comes.
    @inline(__always)
    private mutating func skip(_ bytes: UnsafeBufferPointer<UInt8>, from i: inout Int,
                               alsoAt a: UInt8 = 0x3C, _ b: UInt8 = 0x3C, _ c: UInt8 = 0x3C) {
        let start = i
        var j = i
        var position = position
        let n = bytes.count
        // Eight bytes at a time (and not at the document's first byte, where a byte order
        // mark is no character): the column grows by the bytes that start a character, up
        // to the first delimiter, found in the word itself (``ByteWord/zeroBytes(_:)``
        // marks it exactly). Bytes before it with a line break among them (the end of a
        // line and the next one's indentation) are counted byte by byte.
        if let base = bytes.baseAddress, offset > 0 {
            let words = (ByteWord.repeating(0x3C), ByteWord.repeating(a), ByteWord.repeating(b), ByteWord.repeating(c))
            let lf = ByteWord.repeating(0x0A), cr = ByteWord.repeating(0x0D)
            while j + 8 <= n {
                let w = ByteWord.load(base + j)
                let stops = ByteWord.zeroBytes(w ^ words.0) | ByteWord.zeroBytes(w ^ words.1)
                    | ByteWord.zeroBytes(w ^ words.2) | ByteWord.zeroBytes(w ^ words.3)
                let breaks = ByteWord.zeroBytes(w ^ lf) | ByteWord.zeroBytes(w ^ cr)
                let before = ByteWord.firstMarked(stops)
                if ByteWord.firstMarked(breaks) >= before {
                    if before > 0 {
                        position.column += ByteWord.characterStarts(w, first: before)
                        position.lastWasCR = false
                    }
                } else {
                    for k in 0..<before { position.advance(over: base[j + k], atStart: false) }
                }
                j += before
                if before < 8 { break }
            }
        }
        while j < n {
            let x = bytes[j]
            if x == 0x3C || x == a || x == b || x == c { break }
            position.advance(over: x, atStart: offset + (j - start) == 0)
            j += 1
        }
        guard j > start else { return }
        self.position = position
        offset += j - start
        previous = bytes[j - 1]
        i = j
    }

    @inline(__always)
    private mutating func advance(over b: UInt8) {
        position.advance(over: b, atStart: offset == 0)
        offset += 1
    }

    /// Line and column counting, on a value of its own so that ``skip(_:from:alsoAt:_:_:)``
    /// can keep a copy in registers through a run of bytes.
    private struct Position {
        var line: Int
        var column: Int
        var lastWasCR: Bool

        @inline(__always)
        mutating func advance(over b: UInt8, atStart: Bool) {
            if b == 0x0A {
                if !lastWasCR { line += 1 }
                column = 1
                lastWasCR = false
            } else if b == 0x0D {
                line += 1
                column = 1
                lastWasCR = true
            } else {
                lastWasCR = false
                // One column per character: count lead bytes, not continuation bytes. A
                // UTF-8 byte order mark is not a character of the document.
                if b & 0xC0 != 0x80, !(atStart && b == 0xEF) { column += 1 }
            }
        }
    }

    /// The encoding a document's first bytes announce when it is not UTF-8.
    static func nonUTF8Signature(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let b = Array(bytes.prefix(4))
        func has(_ p: [UInt8]) -> Bool { b.starts(with: p) }
        if has([0x00, 0x00, 0xFE, 0xFF]) || has([0xFF, 0xFE, 0x00, 0x00])
            || has([0x00, 0x00, 0x00, 0x3C]) || has([0x3C, 0x00, 0x00, 0x00]) {
            return "UTF-32"
        }
        if has([0xFE, 0xFF]) || has([0xFF, 0xFE]) || has([0x00, 0x3C]) || has([0x3C, 0x00]) {
            return "UTF-16"
        }
        return nil
    }
}

/// A first-in first-out queue of positions that reuses its storage.
struct PositionQueue {
    private var items: [(Int, Int)] = []
    private var head = 0

    mutating func append(contentsOf new: [(line: Int, column: Int)]) {
        if head > 256, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        for item in new { items.append(item) }
    }

    mutating func popFirst() -> (line: Int, column: Int)? {
        guard head < items.count else { return nil }
        defer { head += 1 }
        return items[head]
    }
}
