/// One copy of each text a table or listing repeats: equal strings come back sharing one storage, so
/// a column that names the same agency on 100,000 rows holds it once. Bounded (65,536
/// distinct texts; later new ones are returned as they are), since hostile input can hold
/// as many distinct texts as it has cells.
///
/// Texts are compared by their UTF-8 bytes, not as `String`s: equal bytes are what sharing
/// needs, and hashing bytes skips the Unicode normalisation `String` hashing does for
/// non-ASCII text (which made the pool cost more than the allocations it saves).
struct StringPool {
    private struct Bytes: Hashable {
        let text: String
        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
        /// Byte equality at once (``TextNormalization/sameBytes(_:_:)``): `utf8.elementsEqual`
        /// went byte by byte through the view's iterator, 3 % of reading a large listing.
        static func == (a: Bytes, b: Bytes) -> Bool { TextNormalization.sameBytes(a.text, b.text) }
    }
    private var known: Set<Bytes> = []

    mutating func intern(_ s: String) -> String {
        // Short texts live inside the String value itself: nothing to share.
        guard s.utf8.count > 15 else { return s }
        let key = Bytes(text: s)
        if let existing = known.firstIndex(of: key) { return known[existing].text }
        if known.count < 65_536 { known.insert(key) }
        return s
    }
}
