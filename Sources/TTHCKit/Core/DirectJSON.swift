/// A value that writes its own JSON into ``PrettyJSON``'s bytes: exactly what its
/// `Encodable` conformance gives there (and through `JSONEncoder` with the same options),
/// without going through the `Encoder` protocol.
///
/// Why: a report's rows are most of its bytes (at national scale 20,000 changes, 63,000
/// online-service review items and 18,000 differences), and the `Encoder` path costs each
/// member of each row an existential container call, a coding-key box, a writer object
/// and, per object, a sort of its members by key. That was a third of `tthc reconcile
/// --format json`. A conformance here writes its members already in key order.
///
/// The rules a conformance follows, which the debug build checks as it writes and
/// `DirectJSONTests` checks against `JSONEncoder` over random rows: members in the order
/// of their keys' UTF-8 bytes; an optional member left out when nil (what
/// `encodeIfPresent` and synthesised conformances do); every member its `encode(to:)`
/// writes, and no other.
///
/// Sendable because a long array's elements are written on two cores (``JSONOut/array(_:)``).
protocol DirectJSON: Encodable, Sendable {
    func writeJSON(_ out: JSONOut)
}

/// Where one value goes: the end of ``bytes``, indented for ``depth``.
struct JSONOut {
    let bytes: JSONBytes
    let depth: Int

    @inline(__always) func string(_ s: String) { bytes.string(s) }
    /// As the `Encoder` path spells it (an integer fits a small, unallocated string).
    @inline(__always) func int(_ n: Int) { bytes.ascii(String(n)) }
    @inline(__always) func bool(_ b: Bool) { b ? bytes.append("true") : bytes.append("false") }

    /// An object whose members `body` writes, in key order.
    @inline(__always) func object(_ body: (inout JSONObjectOut) -> Void) {
        var members = JSONObjectOut(out: self)
        bytes.append(0x7B)
        bytes.append(0x0A)
        body(&members)
        bytes.append(0x0A)
        bytes.indent(depth)
        bytes.append(0x7D)
    }

    /// An array, each element in turn; finished bytes are handed on between elements, as
    /// the `Encoder` path does, so a long array reaches the output in pieces.
    ///
    /// A long array (a report's rows) is written in rounds of ``JSONOut/round`` elements,
    /// each round's two halves at once into bytes of their own, then added in order: the
    /// same bytes as one pass, with at most a round's bytes held apart.
    func array<E: DirectJSON>(_ elements: [E]) {
        bytes.append(0x5B)
        bytes.append(0x0A)
        if elements.count >= Self.round {
            let depth = depth
            @Sendable func half(_ range: Range<Int>) -> [UInt8] {
                let half = JSONBytes()
                Self.write(elements[range], into: half, depth: depth + 1, leading: range.lowerBound > 0)
                return half.bytes
            }
            var start = 0
            while start < elements.count {
                let from = start, end = min(start + Self.round, elements.count), middle = (start + end) / 2
                let (first, second) = concurrently({ half(from..<middle) }, { half(middle..<end) })
                bytes.drain()
                bytes.bytes.append(contentsOf: first)
                bytes.bytes.append(contentsOf: second)
                start = end
            }
        } else {
            Self.write(elements[...], into: bytes, depth: depth + 1, leading: false)
        }
        bytes.append(0x0A)
        bytes.indent(depth)
        bytes.append(0x5D)
    }

    /// Elements per round of a long array: about half a megabyte of a report's rows.
    static let round = 2_048

    /// `elements` as ``array(_:)`` writes them inside the brackets, into `bytes`, each after
    /// ",\n" but the first unless `leading`; finished bytes are handed on before each
    /// element (when `bytes` has a sink).
    private static func write<E: DirectJSON>(_ elements: ArraySlice<E>, into bytes: JSONBytes, depth: Int, leading: Bool) {
        let inner = JSONOut(bytes: bytes, depth: depth)
        var first = !leading
        for element in elements {
            bytes.drain()
            if !first { bytes.append(0x2C); bytes.append(0x0A) }
            first = false
            bytes.indent(depth)
            element.writeJSON(inner)
        }
    }
}

/// The members of one object being written.
struct JSONObjectOut {
    private let out: JSONOut
    private var count = 0
    #if DEBUG
    private var lastKey: [UInt8] = []
    #endif

    fileprivate init(out: JSONOut) { self.out = out }

    /// Writes the separator, the indentation and `"key" : `; returns where the value goes.
    @inline(__always) private mutating func key(_ key: StaticString) -> JSONOut {
        let keyBytes = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        #if DEBUG
        precondition(count == 0 || lastKey.lexicographicallyPrecedes(keyBytes),
                     "DirectJSON member \(key) written after \(String(decoding: lastKey, as: UTF8.self)): keys must ascend")
        lastKey = Array(keyBytes)
        #endif
        if count > 0 { out.bytes.append(0x2C); out.bytes.append(0x0A) }
        count += 1
        out.bytes.indent(out.depth + 1)
        out.bytes.append(0x22)
        out.bytes.bytes.append(contentsOf: keyBytes)
        out.bytes.append("\" : ")
        return JSONOut(bytes: out.bytes, depth: out.depth + 1)
    }

    mutating func member(_ name: StaticString, _ value: String) { key(name).string(value) }
    mutating func member(_ name: StaticString, _ value: Int) { key(name).int(value) }
    mutating func member(_ name: StaticString, _ value: Bool) { key(name).bool(value) }
    mutating func member<V: DirectJSON>(_ name: StaticString, _ value: V) { value.writeJSON(key(name)) }

    /// Optional members: left out when nil.
    mutating func member(_ name: StaticString, _ value: String?) { if let value { member(name, value) } }
    mutating func member(_ name: StaticString, _ value: Int?) { if let value { member(name, value) } }
    mutating func member<V: DirectJSON>(_ name: StaticString, _ value: V?) { if let value { member(name, value) } }
}

extension Array: DirectJSON where Element: DirectJSON {
    func writeJSON(_ out: JSONOut) { out.array(self) }
}

/// An enum written as its raw string, as synthesised `Codable` writes it.
protocol DirectJSONRawString: DirectJSON, RawRepresentable where RawValue == String {}

extension DirectJSONRawString {
    func writeJSON(_ out: JSONOut) { out.string(rawValue) }
}
