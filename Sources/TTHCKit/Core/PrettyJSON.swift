import Foundation

/// Any `Encodable` value as JSON, byte for byte what `JSONEncoder` writes with
/// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` and its default strategies,
/// written straight into bytes.
///
/// Why not `JSONEncoder` itself: it first builds a tree of every value (an enum node per
/// string, number and container), then serialises the tree into `Data`, which callers
/// copy again into `[UInt8]`. At national scale that was 17 % of `tthc reconcile` and
/// most of its peak memory (the tree, the `Data` and the copy of a 300 MB report at
/// once). Here each value is written as it is encoded: an array's elements go straight
/// into the array's bytes, and an object keeps only its members' finished bytes until it
/// knows them all, to write them in key order.
///
/// What `JSONEncoder` does and this does the same way (tests compare the two over random
/// values): members sorted by the UTF-8 bytes of their keys, a later value for the same
/// key replacing the earlier; two spaces of indentation, `"key" : value`, an empty
/// container as `[` or `{`, two line feeds, the closing bracket; `"`, `\`, and U+0000–U+001F
/// escaped (`\b \f \n \r \t`, the rest as `\u00xx` in lower case), `/` and everything else
/// as it is; a float as its shortest description without a trailing `.0`, and NaN or an
/// infinity refused; `Data` as Base64, `URL` as its absolute string, `Decimal` as a number;
/// a value that encodes nothing as `{}` (at the top level, an error).
///
/// A top-level object is written one member at a time, each straight into the output, so
/// that its largest member (a report's list of changes) is never held twice: its
/// `encode(to:)` runs once to learn the keys (values are not encoded), then once per key,
/// encoding only that key's value. It must therefore give the same members every time it
/// runs, as every `Codable` conformance of a value type does.
public enum PrettyJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        try encode(value, sink: nil, pieceSize: .max)
    }

    /// The same bytes handed to `write` in pieces of about `pieceSize` bytes as they are
    /// written (a piece is valid only during the call), so that the output is never held
    /// whole.
    public static func encode<T: Encodable>(_ value: T, to write: (UnsafeRawBufferPointer) -> Void, pieceSize: Int = 1 << 20) throws {
        try withoutActuallyEscaping(write) { write in
            let rest = try encode(value, sink: write, pieceSize: pieceSize)
            rest.withUnsafeBytes(write)
        }
    }

    /// Writes `value`; returns the bytes not yet handed to `sink` (all of them without one).
    private static func encode<T: Encodable>(_ value: T, sink: ((UnsafeRawBufferPointer) -> Void)?, pieceSize: Int) throws -> [UInt8] {
        let out = JSONBytes(sink: sink, pieceSize: pieceSize)
        if !(value is Data || value is URL || value is Decimal) {
            let keys = TopLevelMembers(.keys)
            let probe = ValueWriter(buffer: JSONBytes(), depth: 0, parent: nil, key: nil, selection: keys)
            try value.encode(to: probe)
            try keys.finish()
            if probe.isObject {
                var seen = Set<String>()
                let sorted = keys.keys.filter { seen.insert($0).inserted }
                    .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                out.append("{\n")
                for (i, key) in sorted.enumerated() {
                    if i > 0 { out.append(",\n") }
                    out.indent(1)
                    out.string(key)
                    out.append(" : ")
                    let member = TopLevelMembers(.member(key, occurrences: keys.keys.count { $0 == key }), out: out)
                    try value.encode(to: ValueWriter(buffer: out, depth: 0, parent: nil, key: nil, selection: member))
                    try member.finish()
                    out.drain()
                }
                out.append("\n}")
                return out.bytes
            }
        }
        let root = ValueWriter(buffer: out, depth: 0, parent: nil, key: nil)
        try root.write(value)
        guard root.wroteValue else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return root.buffer.bytes
    }
}

/// Bytes being written, shared by a value and the values nested in it that are written
/// in place.
final class JSONBytes {
    /// Not checked for overlapping access at run time: one thread writes one `JSONBytes`,
    /// and the check on each append (a thread-local look-up and a set insertion) was a
    /// fifth of writing a report's rows.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    /// Where finished bytes go (the output's own buffer only); nil: they stay here.
    private let sink: ((UnsafeRawBufferPointer) -> Void)?
    private let pieceSize: Int

    init(sink: ((UnsafeRawBufferPointer) -> Void)? = nil, pieceSize: Int = .max) {
        self.sink = sink
        self.pieceSize = pieceSize
    }

    /// Hands the bytes so far to the sink once there are a piece's worth. Called only where
    /// everything written before is final: between array elements and top-level members.
    @inline(__always) func drain() {
        guard let sink, bytes.count >= pieceSize else { return }
        bytes.withUnsafeBytes(sink)
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always) func append(_ byte: UInt8) { bytes.append(byte) }
    @inline(__always) func append(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Two spaces a level, copied from a run of spaces rather than appended one by one.
    func indent(_ depth: Int) {
        let spaces: StaticString = "                                                                "
        var left = 2 * depth
        while left > 0 {
            let n = min(left, spaces.utf8CodeUnitCount)
            bytes.append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: n))
            left -= n
        }
    }

    /// A JSON string: quotes, and the escapes `JSONEncoder` writes.
    func string(_ s: String) {
        append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            // Eight bytes at a time up to the first word with a byte to escape: most texts
            // have none, and testing each byte was most of writing them.
            var clean = 0
            if let base = utf8.baseAddress {
                let quote = ByteWord.repeating(0x22), backslash = ByteWord.repeating(0x5C), control = ByteWord.repeating(0x20)
                while clean + 8 <= utf8.count {
                    let w = ByteWord.load(base + clean)
                    if ByteWord.has(w, quote) || ByteWord.has(w, backslash) || ByteWord.hasByteBelow(w, control) { break }
                    clean += 8
                }
            }
            for i in clean..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                append(0x5C)
                switch b {
                case 0x22, 0x5C: append(b)
                case 0x08: append(UInt8(ascii: "b"))
                case 0x0C: append(UInt8(ascii: "f"))
                case 0x0A: append(UInt8(ascii: "n"))
                case 0x0D: append(UInt8(ascii: "r"))
                case 0x09: append(UInt8(ascii: "t"))
                default:
                    append("u00")
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    append(hex[Int(b >> 4)])
                    append(hex[Int(b & 0xF)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        append(0x22)
    }

    func ascii(_ s: String) { bytes.append(contentsOf: s.utf8) }

    func float<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F, path: () -> [any CodingKey]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: path(), debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        ascii(text)
    }
}

/// The `Encoder` of one value. It writes the value at the end of `buffer`, indented for
/// `depth`; an object's members wait in ``ObjectMembers`` until ``finish()``.
final class ValueWriter: Encoder {
    let buffer: JSONBytes
    let depth: Int
    /// Unowned: a parent keeps its open children (nested containers) alive, and a child
    /// never outlives the `encode(to:)` that made it, so a strong reference would only make
    /// cycles that keep every nested container, and the output, alive.
    private unowned let parent: ValueWriter?
    private let key: (any CodingKey)?

    private enum State { case none, object(ObjectMembers), array(ArrayElements), single }
    private var state = State.none

    /// For the top-level object only: which of its members this pass writes.
    private let selection: TopLevelMembers?

    init(buffer: JSONBytes, depth: Int, parent: ValueWriter?, key: (any CodingKey)?, selection: TopLevelMembers? = nil) {
        self.buffer = buffer
        self.depth = depth
        self.parent = parent
        self.key = key
        self.selection = selection
    }

    var isObject: Bool {
        if case .object = state { return true }
        return false
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var writer: ValueWriter? = self
        while let w = writer, let key = w.key {
            path.append(key)
            writer = w.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var wroteValue: Bool {
        if case .none = state { return false }
        return true
    }

    /// Encodes `value` here, then closes what it opened.
    func write<T: Encodable>(_ value: T) throws {
        switch value {
        case let data as Data:
            buffer.string(data.base64EncodedString())
            state = .single
        case let url as URL:
            buffer.string(url.absoluteString)
            state = .single
        case let decimal as Decimal:
            buffer.ascii(decimal.description)
            state = .single
        case let direct as any DirectJSON:
            direct.writeJSON(JSONOut(bytes: buffer, depth: depth))
            state = .single
        default:
            try value.encode(to: self)
            try finish()
        }
    }

    /// Writes the closing part of the container the value opened, or `{}` when it encoded
    /// nothing (as `JSONEncoder` does for a nested value). Once only: the value is then
    /// written (`.single`).
    func finish() throws {
        switch state {
        case .none:
            // At the top level, an error for PrettyJSON.encode to throw.
            if parent != nil { writeEmptyObject() }
        case .object(let members):
            try members.write(into: buffer, depth: depth)
            state = .single
        case .array(let elements):
            try elements.close()
            state = .single
        case .single:
            break
        }
    }

    private func writeEmptyObject() {
        buffer.append("{\n\n")
        buffer.indent(depth)
        buffer.append(0x7D)
        state = .single
    }

    /// A value a single value container wraps, in this writer's place; one that encodes
    /// nothing is `{}` even at the top level, as in `JSONEncoder`.
    func writeWrapped<T: Encodable>(_ value: T) throws {
        precondition(!wroteValue, "a single value container was asked to encode twice")
        try write(value)
        if !wroteValue { writeEmptyObject() }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let members: ObjectMembers
        if case .object(let existing) = state {
            members = existing
        } else {
            precondition(!wroteValue, "a value asked for a keyed container after encoding something else")
            members = ObjectMembers(writer: self, selection: selection)
            state = .object(members)
        }
        return KeyedEncodingContainer(ObjectContainer<Key>(members: members))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let existing) = state { return ArrayContainer(elements: existing) }
        precondition(!wroteValue, "a value asked for an unkeyed container after encoding something else")
        let elements = ArrayElements(writer: self)
        state = .array(elements)
        return ArrayContainer(elements: elements)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValue(writer: self) }

    /// A value nested in this one, written at the end of `buffer` (or of a buffer of its own).
    func child(key: any CodingKey, buffer: JSONBytes? = nil) -> ValueWriter {
        ValueWriter(buffer: buffer ?? self.buffer, depth: depth + 1, parent: self, key: key)
    }

    fileprivate func markSingle() {
        precondition(!wroteValue, "a single value container was asked to encode twice")
        state = .single
    }
}

/// An object's members so far: each finished value's bytes in one buffer, by range, and
/// values still open (a nested container) as their writers.
final class ObjectMembers {
    unowned let writer: ValueWriter
    let values = JSONBytes()
    private enum Value { case range(Range<Int>), open(ValueWriter) }
    private var members: [(key: String, value: Value)] = []
    private var index: [String: Int] = [:]

    /// Set for the top-level object, whose members are written one pass at a time.
    private let selection: TopLevelMembers?

    init(writer: ValueWriter, selection: TopLevelMembers?) {
        self.writer = writer
        self.selection = selection
    }

    /// Containers replaced by a later value for their key, kept alive since the value's
    /// `encode(to:)` may still write into them.
    private var replaced: [ValueWriter] = []

    private func set(_ key: String, _ value: Value) {
        let existing: Int?
        if members.count < 16 {
            existing = members.firstIndex(where: { $0.key == key })
        } else {
            if index.isEmpty { for (i, m) in members.enumerated() { index[m.key] = i } }
            existing = index[key]
            if existing == nil { index[key] = members.count }
        }
        guard let i = existing else {
            members.append((key, value))
            return
        }
        if case .open(let child) = members[i].value { replaced.append(child) }
        members[i].value = value
    }

    /// Writes a finished value: `body` appends it to ``values``.
    func add(_ key: any CodingKey, _ body: (JSONBytes) throws -> Void) rethrows {
        if let selection {
            if let out = selection.take(key.stringValue) { try body(out) }
            return
        }
        let start = values.bytes.count
        try body(values)
        set(key.stringValue, .range(start..<values.bytes.count))
    }

    func add<T: Encodable>(_ key: any CodingKey, encoding value: T) throws {
        if let selection {
            if let out = selection.take(key.stringValue) { try writer.child(key: key, buffer: out).write(value) }
            return
        }
        let start = values.bytes.count
        try writer.child(key: key, buffer: values).write(value)
        set(key.stringValue, .range(start..<values.bytes.count))
    }

    /// A member whose value is still being written (a nested container, a super encoder).
    func open(_ key: any CodingKey) -> ValueWriter {
        let child = writer.child(key: key, buffer: JSONBytes())
        if let selection {
            // Another member's container is written into a buffer nobody reads (kept alive
            // while the pass may still write to it).
            if selection.take(key.stringValue) != nil { selection.open = child } else { selection.skipped.append(child) }
            return child
        }
        set(key.stringValue, .open(child))
        return child
    }

    func write(into out: JSONBytes, depth: Int) throws {
        if selection != nil { return } // PrettyJSON.encode writes the top-level braces
        out.append("{\n")
        let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (i, member) in sorted.enumerated() {
            if i > 0 { out.append(",\n") }
            out.indent(depth + 1)
            out.string(member.key)
            out.append(" : ")
            switch member.value {
            case .range(let range):
                values.bytes.withUnsafeBufferPointer { out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
            case .open(let child):
                try child.finish()
                out.bytes.append(contentsOf: child.buffer.bytes)
            }
        }
        out.append(0x0A)
        out.indent(depth)
        out.append(0x7D)
    }
}

/// One pass over the top-level object (see ``PrettyJSON``): learning its keys, or writing
/// the value of one of them into the output. A key given more than once is written at its
/// last occurrence, the one `JSONEncoder` keeps; nothing written is ever taken back, so
/// the output can go to its file as it grows.
final class TopLevelMembers {
    enum Pass { case keys, member(String, occurrences: Int) }
    let pass: Pass
    let out: JSONBytes
    /// The keys met, in order, repeats included (`.keys`).
    private(set) var keys: [String] = []
    /// Occurrences of the member's key met so far.
    private var met = 0
    /// The member's value when it is a nested container, finished at the end of the pass.
    var open: ValueWriter?
    /// Nested containers this pass does not write, kept alive while it may still write
    /// into them.
    var skipped: [ValueWriter] = []

    init(_ pass: Pass, out: JSONBytes = JSONBytes()) {
        self.pass = pass
        self.out = out
    }

    /// Where the value for `key` goes this pass, or nil when it is not written.
    func take(_ key: String) -> JSONBytes? {
        switch pass {
        case .keys:
            keys.append(key)
            return nil
        case .member(let selected, let occurrences):
            guard key == selected else { return nil }
            met += 1
            return met == occurrences ? out : nil
        }
    }

    func finish() throws {
        skipped = []
        guard let open else { return }
        try open.finish()
        out.bytes.append(contentsOf: open.buffer.bytes)
        self.open = nil
    }
}

/// An array's elements, written to the array's buffer as they come.
final class ArrayElements {
    unowned let writer: ValueWriter
    var count = 0
    /// A nested container still open: closed before the next element.
    private var open: ValueWriter?

    init(writer: ValueWriter) {
        self.writer = writer
        writer.buffer.append("[\n")
    }

    /// Starts an element: closes an open one, writes the separator and indentation.
    func next() throws {
        if let open {
            try open.finish()
            self.open = nil
        }
        writer.buffer.drain()
        if count > 0 { writer.buffer.append(",\n") }
        writer.buffer.indent(writer.depth + 1)
        count += 1
    }

    func element() -> ValueWriter { writer.child(key: ArrayIndex(count - 1)) }

    func opened() throws -> ValueWriter {
        try next()
        let child = element()
        open = child
        return child
    }

    func close() throws {
        if let open {
            try open.finish()
            self.open = nil
        }
        writer.buffer.append(0x0A)
        writer.buffer.indent(writer.depth)
        writer.buffer.append(0x5D)
    }
}

/// The key of an array element in a coding path.
struct ArrayIndex: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let members: ObjectMembers
    var codingPath: [any CodingKey] { members.writer.codingPath }

    private func path(_ key: Key) -> () -> [any CodingKey] { { members.writer.codingPath + [key] } }

    mutating func encodeNil(forKey key: Key) throws { members.add(key) { $0.append("null") } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { members.add(key) { value ? $0.append("true") : $0.append("false") } }
    mutating func encode(_ value: String, forKey key: Key) throws { members.add(key) { $0.string(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { try members.add(key) { try $0.float(value, path: path(key)) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { try members.add(key) { try $0.float(value, path: path(key)) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { members.add(key) { $0.ascii(String(value)) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try members.add(key, encoding: value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        members.open(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        members.open(key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { members.open(SuperKey()) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { members.open(key) }
}

/// The key `JSONEncoder` gives a keyed container's `superEncoder()`.
private struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

private struct ArrayContainer: UnkeyedEncodingContainer, ScalarWriting {
    let elements: ArrayElements
    var codingPath: [any CodingKey] { elements.writer.codingPath }
    var count: Int { elements.count }

    func put(_ body: (JSONBytes) throws -> Void) throws {
        try elements.next()
        try body(elements.writer.buffer)
    }

    func path() -> [any CodingKey] { elements.writer.codingPath + [ArrayIndex(elements.count - 1)] }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try elements.next()
        try elements.element().write(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        // The protocol's method cannot throw; closing the element before it cannot fail
        // (only encoding a non-finite float does, and that is not left open).
        (try! elements.opened()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        (try! elements.opened()).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { try! elements.opened() }
}

private struct SingleValue: SingleValueEncodingContainer, ScalarWriting {
    let writer: ValueWriter
    var codingPath: [any CodingKey] { writer.codingPath }

    func put(_ body: (JSONBytes) throws -> Void) throws {
        writer.markSingle()
        try body(writer.buffer)
    }

    func path() -> [any CodingKey] { writer.codingPath }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // The value takes this writer's place (a wrapper that encodes what it wraps); once
        // it is written, the closing ``ValueWriter/finish()`` of the wrapper does nothing.
        try writer.writeWrapped(value)
    }
}

/// The scalar methods an unkeyed and a single value container share: each writes one
/// value where ``put(_:)`` says (after an array's separator, or in a value's place).
private protocol ScalarWriting {
    func put(_ body: (JSONBytes) throws -> Void) throws
    /// Where the value goes, for an error.
    func path() -> [any CodingKey]
}

extension ScalarWriting {
    mutating func encodeNil() throws { try put { $0.append("null") } }
    mutating func encode(_ value: Bool) throws { try put { value ? $0.append("true") : $0.append("false") } }
    mutating func encode(_ value: String) throws { try put { $0.string(value) } }
    mutating func encode(_ value: Double) throws { try put { try $0.float(value, path: path) } }
    mutating func encode(_ value: Float) throws { try put { try $0.float(value, path: path) } }
    mutating func encode(_ value: Int) throws { try put { $0.ascii(String(value)) } }
    mutating func encode(_ value: Int8) throws { try put { $0.ascii(String(value)) } }
    mutating func encode(_ value: Int16) throws { try put { $0.ascii(String(value)) } }
    mutating func encode(_ value: Int32) throws { try put { $0.ascii(String(value)) } }
    mutating func encode(_ value: Int64) throws { try put { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt) throws { try put { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt8) throws { try put { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt16) throws { try put { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt32) throws { try put { $0.ascii(String(value)) } }
    mutating func encode(_ value: UInt64) throws { try put { $0.ascii(String(value)) } }
}
