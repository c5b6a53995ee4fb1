import Foundation
import Synchronization

/// Vietnamese-aware text normalisation shared by importers and the reconciler.
public enum TextNormalization {
    /// Unicode NFC with runs of whitespace (including NBSP and line breaks) collapsed to one
    /// space and the ends trimmed. This is the form every free-text field is stored in.
    ///
    /// Large listings have millions of cells and nearly all are already NFC (Excel and Word
    /// write precomposed Vietnamese), and Foundation's normaliser costs more than the rest
    /// of reading. So two fast paths come first: text proven already clean is returned as
    /// it is, and text whose scalars are all NFC-stable in any context (see
    /// ``isNFCStable(_:)``) only has its whitespace collapsed. Anything else goes through
    /// ``normalised(_:)``, which gives what ``normalisedByFoundation(_:)`` gives in time
    /// linear in the text's length (tests compare them).
    public static func clean(_ s: String) -> String {
        if isAlreadyClean(s) { return s }
        var s = s
        s.makeContiguousUTF8() // nothing to do for a native string
        let collapsed = s.utf8.withContiguousStorageIfAvailable { collapsedIfStable(utf8: $0) } ?? nil
        return collapsed ?? normalised(s)
    }

    /// `b` with its whitespace collapsed (runs of U+0009–U+000D, U+0020, U+0085 and U+00A0
    /// as one space, the ends trimmed) when all its scalars are NFC-stable, else nil. Works
    /// on the bytes (which hold valid UTF-8, being a string's) into the new string's own
    /// storage: no scalars are built and nothing is copied twice.
    private static func collapsedIfStable(utf8 b: UnsafeBufferPointer<UInt8>) -> String? {
        var stable = true
        let out = String(unsafeUninitializedCapacity: b.count) { o in
            var k = 0, i = 0
            var pendingSpace = false
            let n = b.count
            while i < n {
                let c = b[i]
                let length: Int
                var space = false
                if c < 0x80 {
                    length = 1
                    space = c == 0x20 || (c >= 0x09 && c <= 0x0D)
                } else if c < 0xE0 {
                    length = 2
                    let d = b[i + 1]
                    if c == 0xC2, d == 0x85 || d == 0xA0 {
                        space = true
                    } else if c >= 0xCC { // U+0300 and up: combining marks and beyond
                        stable = false
                    }
                } else if c < 0xF0 {
                    length = 3
                    stable = isNFCStable(threeByteScalar(b, at: i))
                } else {
                    length = 4
                    stable = false
                }
                guard stable else { return 0 }
                if space {
                    pendingSpace = k > 0
                } else {
                    if pendingSpace {
                        o[k] = 0x20
                        k += 1
                    }
                    pendingSpace = false
                    for j in 0..<length { o[k + j] = b[i + j] }
                    k += length
                }
                i += length
            }
            return k
        }
        return stable ? out : nil
    }

    /// The reference form of ``clean(_:)``: Foundation's NFC, then whitespace (Unicode
    /// White_Space, ZERO WIDTH SPACE, BOM) collapsed.
    static func normalisedByFoundation(_ s: String) -> String {
        collapsingWhitespace(s.precomposedStringWithCanonicalMapping)
    }

    /// ``normalisedByFoundation(_:)`` in linear time: Foundation composes text that
    /// ``canonicallyDecomposed(_:)`` has already decomposed and put in canonical order, so
    /// its own ordering step finds nothing to move.
    static func normalised(_ s: String) -> String {
        collapsingWhitespace(String(String.UnicodeScalarView(canonicallyDecomposed(s))).precomposedStringWithCanonicalMapping)
    }

    /// Unicode White_Space, ZERO WIDTH SPACE and BOM runs as one space, the ends trimmed.
    private static func collapsingWhitespace(_ nfc: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in nfc.unicodeScalars {
            if u.properties.isWhitespace || u == "\u{200B}" || u == "\u{FEFF}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(u)
            }
        }
        return String(out)
    }

    /// Scalars that NFC leaves as they are whatever surrounds them, as long as no combining
    /// mark follows (combining marks are outside these ranges): Latin (U+0000–U+02FF), Latin
    /// Extended Additional (U+1E00–U+1EFF, where precomposed Vietnamese lives), general
    /// punctuation without its spaces (U+2010–U+2027, U+2030–U+205E) and the đồng sign.
    /// None of them is whitespace but U+0009–U+000D, U+0020, U+0085 and U+00A0.
    @inline(__always)
    static func isNFCStable(_ v: UInt32) -> Bool {
        v < 0x300 || (0x1E00...0x1EFF).contains(v) || (0x2010...0x2027).contains(v)
            || (0x2030...0x205E).contains(v) || v == 0x20AB
    }

    /// True when `s` has no leading, trailing or repeated spaces, no whitespace but U+0020,
    /// and only NFC-stable scalars: then ``clean(_:)`` would return it unchanged. Works on
    /// the UTF-8 bytes without building scalars for ASCII.
    static func isAlreadyClean(_ s: String) -> Bool {
        var s = s
        s.makeContiguousUTF8() // nothing to do for a native string
        return s.utf8.withContiguousStorageIfAvailable { isAlreadyClean(utf8: $0) } ?? false
    }

    /// ``isAlreadyClean(_:)`` on the string's bytes (valid UTF-8, being a string's). The
    /// letters of Vietnamese take the first two ways out of the loop: two-byte sequences
    /// led by C2–CB are U+0080–U+02FF (stable; only U+0085 and U+00A0 are whitespace), and
    /// E1 B8–E1 BB lead U+1E00–U+1EFF.
    private static func isAlreadyClean(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = true // a leading space is not clean
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 {
                i += 1
                if c == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                    continue
                }
                if c >= 0x09 && c <= 0x0D { return false }
                previousSpace = false
                continue
            }
            previousSpace = false
            guard i + 1 < n else { return false }
            let d = b[i + 1]
            if c >= 0xC2, c <= 0xCB {
                if c == 0xC2, d == 0x85 || d == 0xA0 { return false }
                i += 2
                continue
            }
            guard c & 0xF0 == 0xE0, i + 2 < n else { return false }
            if c == 0xE1, d >= 0xB8, d <= 0xBB {
                i += 3
                continue
            }
            guard isNFCStable(threeByteScalar(b, at: i)) else { return false }
            i += 3
        }
        return !previousSpace || n == 0
    }

    /// The scalar of the three-byte UTF-8 sequence at `i` (its lead byte E0–EF).
    @inline(__always)
    private static func threeByteScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        UInt32(b[i] & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
    }

    /// True when `a` and `b` hold the same UTF-8 bytes (not merely canonically equivalent
    /// text, which `==` accepts): compared at once where both are held whole.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let n = a.utf8.count
        guard b.utf8.count == n else { return false }
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in n == 0 || memcmp(x.baseAddress!, y.baseAddress!, n) == 0 }
        }
        return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }

    /// A folded key for matching headers, section titles and names: no diacritics,
    /// "đ" → "d", lower case, punctuation dropped, whitespace collapsed.
    /// "Mã số  TTHC" and "MA SO TTHC" fold to the same key.
    ///
    /// Text made only of Latin and precomposed Vietnamese letters (nearly all of it) is
    /// folded through a per-scalar table computed from ``foldedByFoundation(_:)`` ahead of
    /// time (``foldTable``). Any
    /// other scalar (a combining mark of decomposed text, CJK, punctuation) is folded on its
    /// own through that reference and remembered (``otherPieces(_:)``), which is exact
    /// because the reference maps the decomposed text scalar by scalar. The one exception,
    /// a mark that reorders yet is not dropped, sends the whole text through its canonical
    /// decomposition (``canonicallyDecomposed(_:)``), as the reference does.
    /// Every path gives the same key (tests compare them).
    public static func fold(_ s: String) -> String { fold(s, past: Int.max) }

    /// The beginning of ``fold(_:)``: more than its first `bytes` bytes, cut only before a
    /// scalar of the fold tables (a starter: no run of marks is cut, so `hasPrefix` of a
    /// key of `bytes` bytes answers as on the whole fold), or all of it. Tells a long
    /// cell's first words without folding the rest.
    static func foldedPrefix(_ s: String, bytes: Int) -> String { fold(s, past: bytes) }

    /// Whether `text` holds `phrase`, as Foundation's `contains` answers, without bridging
    /// both to NSString when both are ASCII, as folded keys and the phrases looked for in
    /// them nearly always are: ASCII text has no canonical equivalents, so a match is then
    /// a run of equal bytes. (Foundation's search was a twentieth of `tthc reconcile` on
    /// the bundled catalogue, from the headings alone.)
    static func contains(_ text: String, _ phrase: String) -> Bool {
        let bytewise = text.utf8.withContiguousStorageIfAvailable { t in
            phrase.utf8.withContiguousStorageIfAvailable { p -> Bool? in
                guard !p.isEmpty, t.allSatisfy({ $0 < 0x80 }), p.allSatisfy({ $0 < 0x80 }) else { return nil }
                guard t.count >= p.count else { return false }
                let first = p[0]
                for i in 0...(t.count - p.count) where t[i] == first {
                    if memcmp(t.baseAddress! + i, p.baseAddress!, p.count) == 0 { return true }
                }
                return false
            } ?? nil
        } ?? nil
        return bytewise ?? text.contains(phrase)
    }

    /// The fold, stopped before the first starter met once more than `limit` bytes are out.
    private static func fold(_ s: String, past limit: Int) -> String {
        if let folded = s.utf8.withContiguousStorageIfAvailable({ foldedInTables($0, past: limit) }), let folded {
            return folded
        }
        return foldByScalars(s, past: limit)
    }

    /// ``fold(_:past:)`` of text whose scalars all lie in the fold tables (U+0000–U+02FF and
    /// U+1E00–U+1EFF: all of Vietnamese), read from its UTF-8 bytes with ``flatFoldTable``;
    /// nil at the first scalar outside them, for ``foldByScalars(_:past:)`` to fold the whole
    /// text (it gives the same fold up to there). Decoding each scalar and taking its piece
    /// out of an array of enums retained and released the piece's bytes every time: folding
    /// names for the reconciler's name index was a twelfth of a national `reconcile`.
    private static func foldedInTables(_ p: UnsafeBufferPointer<UInt8>, past limit: Int) -> String? {
        let table = flatFoldTable
        var out: [UInt8] = []
        out.reserveCapacity(min(p.count, limit &+ 8) &+ 8)
        var pendingSpace = false
        var i = 0
        let n = p.count
        while i < n {
            guard let v = flatFoldIndex(p, at: &i) else { return nil }
            if out.count > limit { break }
            let entry = table[v]
            switch entry & 0xFF {
            case 0: continue // a mark
            case 1: pendingSpace = !out.isEmpty
            case 2:
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                var bytes = entry >> 16
                for _ in 0..<Int((entry >> 8) & 0xFF) {
                    out.append(UInt8(truncatingIfNeeded: bytes))
                    bytes >>= 8
                }
            default: return nil // a piece too long for an entry
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The ``flatFoldTable`` entry of the scalar whose UTF-8 starts at `p[i]`, with `i`
    /// moved past it; nil (and `i` unmoved) when the scalar lies outside the tables.
    /// `p` is a String's storage, so well-formed UTF-8.
    @inline(__always)
    static func flatFoldIndex(_ p: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Int? {
        let b = p[i], n = p.count
        if b < 0x80 {
            i += 1
            return Int(b)
        } else if b >= 0xC2, b <= 0xCB, i + 1 < n {
            // Two bytes below U+0300.
            defer { i += 2 }
            return Int(b & 0x1F) << 6 | Int(p[i + 1] & 0x3F)
        } else if b == 0xE1, i + 2 < n, p[i + 1] >= 0xB8, p[i + 1] <= 0xBB {
            // U+1E00–U+1EFF, placed after the 0x300 entries of the first table.
            defer { i += 3 }
            return 0x300 + (Int(p[i + 1] & 0x03) << 6 | Int(p[i + 2] & 0x3F))
        }
        return nil
    }

    /// ``foldTable`` as one array of words, U+0000–U+02FF then U+1E00–U+1EFF: the low byte
    /// says drop (0), separator (1), text (2) or too long to hold (3); the next its length;
    /// the six above it the folded bytes, first byte lowest.
    static let flatFoldTable: [UInt64] = (foldTable.latin + foldTable.vietnamese).map { piece in
        switch piece {
        case .drop: return 0
        case .separator: return 1
        case .text(let bytes):
            guard bytes.count <= 6 else { return 3 }
            var word: UInt64 = 2 | UInt64(bytes.count) << 8
            for (k, byte) in bytes.enumerated() { word |= UInt64(byte) << (16 + 8 * UInt64(k)) }
            return word
        }
    }

    /// The fold a scalar at a time, through the tables where they reach and the
    /// decomposition of every other scalar.
    private static func foldByScalars(_ s: String, past limit: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(s.utf8.count, limit &+ 8))
        var pendingSpace = false
        func take(_ piece: FoldPiece) {
            switch piece {
            case .drop:
                break
            case .separator:
                pendingSpace = !out.isEmpty
            case .text(let bytes):
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(contentsOf: bytes)
            }
        }
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x300 {
                if out.count > limit { break }
                take(foldTable.latin[Int(v)])
            } else if (0x1E00...0x1EFF).contains(v) {
                if out.count > limit { break }
                take(foldTable.vietnamese[Int(v - 0x1E00)])
            } else {
                guard let pieces = otherPieces(u) else { return folded(canonicallyDecomposed(s)) }
                pieces.forEach(take)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What a scalar outside the tables contributes to a folded key: one piece per scalar of
    /// its canonical decomposition, as ``foldedByFoundation(_:)`` treats them. Nil when the
    /// decomposition holds a mark with a non-zero combining class that is not a nonspacing
    /// mark: canonical ordering may move such a mark past its neighbours' marks, and the
    /// reference keeps it, so only the whole text can be folded exactly.
    static func otherPieces(_ u: Unicode.Scalar) -> [FoldPiece]? {
        if let known = otherPieceCache.withLock({ $0[u.value] }) { return known }
        var pieces: [FoldPiece]? = []
        for d in String(Character(u)).decomposedStringWithCanonicalMapping.unicodeScalars {
            if d.properties.generalCategory == .nonspacingMark {
                pieces?.append(.drop)
            } else if d.properties.canonicalCombiningClass != .notReordered {
                pieces = nil
                break
            } else {
                let folded = foldedByFoundation(String(Character(d)))
                pieces?.append(folded.isEmpty ? .separator : .text(Array(folded.utf8)))
            }
        }
        // Hostile text can hold every scalar there is; remember a bounded number.
        otherPieceCache.withLock { cache in
            if cache.count < 4096 { cache[u.value] = .some(pieces) }
        }
        return pieces
    }

    private static let otherPieceCache = Mutex<[UInt32: [FoldPiece]?]>([:])

    /// The reference form of ``fold(_:)``: Foundation's canonical decomposition, marks
    /// dropped, letters and digits lower-cased, everything else a separator.
    static func foldedByFoundation(_ s: String) -> String {
        folded(s.decomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// The fold of text already canonically decomposed.
    private static func folded(_ decomposed: some Sequence<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in decomposed {
            if u.properties.generalCategory == .nonspacingMark { continue }
            var scalar = u
            if u == "đ" || u == "Đ" { scalar = "d" }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                for l in String(scalar).lowercased().unicodeScalars { out.append(l) }
            } else {
                pendingSpace = !out.isEmpty
            }
        }
        return String(out)
    }

    /// The canonical decomposition (NFD) of `s`, in time linear in its length.
    ///
    /// Foundation's canonical ordering is a bubble sort over each run of combining marks:
    /// 80,000 pairs of marks of two classes under one letter took it 38 s, and Swift's own
    /// normaliser is quadratic there too. Here each scalar is decomposed on its own
    /// (Hangul by the standard's arithmetic, anything else through Foundation, remembered),
    /// and a run of marks out of order is sorted by combining class, stably, in
    /// O(n log n); a run already in order, as in all real text, is left as it is.
    static func canonicallyDecomposed(_ s: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.unicodeScalars.count)
        var runStart = 0
        var lastClass: UInt8 = 0
        var inOrder = true
        func closeRun() {
            if !inOrder {
                let run = out[runStart...].enumerated()
                    .map { (combiningClass: $0.element.properties.canonicalCombiningClass.rawValue, index: $0.offset, scalar: $0.element) }
                    .sorted { ($0.combiningClass, $0.index) < ($1.combiningClass, $1.index) }
                out.replaceSubrange(runStart..., with: run.map(\.scalar))
            }
            inOrder = true
            lastClass = 0
        }
        func append(_ d: Unicode.Scalar) {
            let combiningClass = d.value < 0x300 ? 0 : d.properties.canonicalCombiningClass.rawValue
            if combiningClass == 0 {
                closeRun()
                out.append(d)
                runStart = out.count
            } else {
                if combiningClass < lastClass { inOrder = false }
                lastClass = combiningClass
                out.append(d)
            }
        }
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0xC0 {
                append(u)
            } else if (0xAC00...0xD7A3).contains(v) {
                // Hangul syllables (Unicode §3.12): leading consonant, vowel, trailing one.
                let index = v - 0xAC00
                append(Unicode.Scalar(0x1100 + index / 588)!)
                append(Unicode.Scalar(0x1161 + index % 588 / 28)!)
                if index % 28 != 0 { append(Unicode.Scalar(0x11A7 + index % 28)!) }
            } else {
                decomposition(u).forEach(append)
            }
        }
        closeRun()
        return out
    }

    /// The full canonical decomposition of one scalar, through Foundation (one scalar has
    /// nothing to reorder); remembered for a bounded number of scalars.
    private static func decomposition(_ u: Unicode.Scalar) -> [Unicode.Scalar] {
        if let known = decompositionCache.withLock({ $0[u.value] }) { return known }
        let scalars = Array(String(Character(u)).decomposedStringWithCanonicalMapping.unicodeScalars)
        decompositionCache.withLock { cache in
            if cache.count < 4096 { cache[u.value] = scalars }
        }
        return scalars
    }

    private static let decompositionCache = Mutex<[UInt32: [Unicode.Scalar]]>([:])

    /// What one scalar contributes to a folded key.
    enum FoldPiece: Sendable, Equatable {
        /// A combining mark: nothing.
        case drop
        /// Punctuation or whitespace: a word break.
        case separator
        /// Letters or digits, already folded (UTF-8).
        case text([UInt8])
    }

    /// ``foldedByFoundation(_:)`` applied to each scalar of U+0000–U+02FF and
    /// U+1E00–U+1EFF, decoded from ``EmbeddedFoldTable`` at first use: computing it through
    /// Foundation took a millisecond or two of every start. A test checks the embedded
    /// table against ``computedFoldTable`` (scripts/embed-tables.sh writes it again).
    static let foldTable: (latin: [FoldPiece], vietnamese: [FoldPiece]) =
        (decodedFoldTable(EmbeddedFoldTable.latin, first: 0, count: 0x300),
         decodedFoldTable(EmbeddedFoldTable.vietnamese, first: 0x1E00, count: 0x100))

    /// The fold table as Foundation gives it today.
    static func computedFoldTable() -> (latin: [FoldPiece], vietnamese: [FoldPiece]) {
        func piece(_ v: UInt32) -> FoldPiece {
            guard let u = Unicode.Scalar(v) else { return .separator }
            let folded = foldedByFoundation(String(Character(u)))
            if !folded.isEmpty { return .text(Array(folded.utf8)) }
            let marksOnly = String(Character(u)).decomposedStringWithCanonicalMapping.unicodeScalars
                .allSatisfy { $0.properties.generalCategory == .nonspacingMark }
            return marksOnly ? .drop : .separator
        }
        return ((0..<0x300).map(piece), (0x1E00...0x1EFF).map(piece))
    }

    /// One of ``EmbeddedFoldTable``'s texts: lines of a scalar number in hexadecimal and the
    /// pieces of that scalar and the next ones, "-" a separator, "." a dropped mark, else
    /// the folded text.
    static func decodedFoldTable(_ text: String, first: UInt32, count: Int) -> [FoldPiece] {
        var out: [FoldPiece] = []
        out.reserveCapacity(count)
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "))
            precondition(UInt32(String(decoding: fields[0], as: UTF8.self), radix: 16) == first + UInt32(out.count),
                         "embedded fold table: line out of order")
            for field in fields.dropFirst() {
                switch Array(field) {
                case [UInt8(ascii: "-")]: out.append(.separator)
                case [UInt8(ascii: ".")]: out.append(.drop)
                case let bytes: out.append(.text(bytes))
                }
            }
        }
        precondition(out.count == count, "embedded fold table: \(out.count) scalars, not \(count)")
        return out
    }
}
