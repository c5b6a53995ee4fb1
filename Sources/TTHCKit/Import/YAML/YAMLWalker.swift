import Yams

/// The one walker of YAML files behind the Yams wall: `settings.yaml`, the holiday
/// schedule and `holidays/overrides.yaml` all go through it, so they agree on encodings,
/// on which characters are allowed, on positions and on keys.
///
/// - Encodings: UTF-8 (with or without a BOM) and UTF-16 with a BOM; UTF-32 is refused
///   with a message saying to save as UTF-8 (libyaml reads it as garbage at 1:1).
/// - Characters YAML does not allow (NUL and the other C0/C1 controls but tab, LF, CR and
///   NEL; U+FFFE/U+FFFF) are errors at their own line and column, the character named as
///   U+XXXX, never printed raw.
/// - An unknown key is an error at the key, listing the known ones: a misspelt
///   `deadline-working-day: 5` must not leave the default silently in force.
/// - Positions are kept inside the text (``YAMLPosition``).
struct YAMLWalker {
    /// Which file is walked: decides the diagnostic ids.
    enum Kind: Sendable {
        case settings, holidays

        /// The id of each problem the walker itself reports, per file kind.
        func id(_ problem: Problem) -> DiagnosticID {
            switch (self, problem) {
            case (.settings, .encoding): .settingsEncoding
            case (.settings, .syntax): .settingsYAMLSyntax
            case (.settings, .duplicateKey): .settingsDuplicateKey
            case (.settings, .unknownKey): .settingsUnknownKey
            case (.settings, .missingKey): .settingsMissingKey
            case (.settings, .type): .settingsType
            case (.holidays, .encoding): .holidaysEncoding
            case (.holidays, .syntax): .holidaysYAMLSyntax
            case (.holidays, .duplicateKey): .holidaysDuplicateKey
            case (.holidays, .unknownKey): .holidaysUnknownKey
            case (.holidays, .missingKey): .holidaysMissingKey
            case (.holidays, .type): .holidaysType
            }
        }
    }

    enum Problem { case encoding, syntax, duplicateKey, unknownKey, missingKey, type
    }

    let path: String
    let kind: Kind
    var diagnostics: [Diagnostic] = []
    /// Keeps node positions inside the text (set by ``root(_:)``).
    private var position = YAMLPosition("")

    init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// What a file's bytes compose to.
    enum Root {
        case node(Node)
        /// No document at all (an empty file, or only comments).
        case empty
        /// A diagnostic says why.
        case failed
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: path, line: 1, column: 1) }
        let at = position.clamp(line: mark.line, column: mark.column)
        return SourceLocation(file: path, line: at.line, column: at.column)
    }

    mutating func error(_ id: DiagnosticID, _ node: Node?, _ message: LocalizedText) {
        diagnostics.append(Diagnostic(.error, id, at: location(node), message))
    }

    private mutating func error(_ problem: Problem, line: Int, column: Int, _ message: LocalizedText) {
        diagnostics.append(Diagnostic(.error, kind.id(problem),
                                      at: SourceLocation(file: path, line: line, column: column), message))
    }

    // MARK: Reading the text

    mutating func root(_ bytes: [UInt8]) -> Root {
        if let tooLarge = InputFile.yamlTooLarge(bytes, file: path) {
            diagnostics.append(tooLarge)
            return .failed
        }
        guard let text = decode(bytes), allowedCharacters(text) else { return .failed }
        position = YAMLPosition(text)
        do {
            guard let node = try composeYAML(text) else { return .empty }
            return .node(node)
        } catch let e as YamlError {
            switch e {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                 .composer(_, let problem, let mark, _):
                let at = position.clamp(line: mark.line, column: mark.column)
                error(.syntax, line: at.line, column: at.column, LocalizedText(
                    vi: "YAML không hợp lệ: \(problem)", en: "invalid YAML: \(problem)"))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let at = position.clamp(line: context.mark.line, column: context.mark.column)
                let list = duplicates.sorted().joined(separator: ", ")
                error(.duplicateKey, line: at.line, column: at.column, LocalizedText(
                    vi: "khóa lặp lại: \(list)", en: "duplicated key: \(list)"))
            default:
                error(.syntax, line: 1, column: 1, LocalizedText(vi: "YAML không hợp lệ: \(e)", en: "invalid YAML: \(e)"))
            }
            return .failed
        } catch {
            self.error(.syntax, line: 1, column: 1, LocalizedText(
                vi: "YAML không hợp lệ: \(error)", en: "invalid YAML: \(error)"))
            return .failed
        }
    }

    private static let saveAsUTF8 = LocalizedText(
        vi: "hãy lưu tệp dưới dạng UTF-8", en: "save the file as UTF-8")

    /// The text of the bytes, or nil with a diagnostic at the first byte that is wrong.
    private mutating func decode(_ b: [UInt8]) -> String? {
        if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) {
            error(.encoding, line: 1, column: 1, LocalizedText(
                vi: "tệp mã hóa UTF-32, YAML ở đây không đọc được; " + Self.saveAsUTF8.vi,
                en: "the file is encoded in UTF-32, which is not read here; " + Self.saveAsUTF8.en))
            return nil
        }
        if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) {
            let bigEndian = b[0] == 0xFE
            var units: [UInt16] = []
            units.reserveCapacity(b.count / 2)
            var i = 2
            while i + 1 < b.count {
                units.append(bigEndian ? UInt16(b[i]) << 8 | UInt16(b[i + 1]) : UInt16(b[i + 1]) << 8 | UInt16(b[i]))
                i += 2
            }
            guard b.count % 2 == 0, let text = String(validating: units, as: UTF16.self) else {
                error(.encoding, line: 1, column: 1, LocalizedText(
                    vi: "tệp UTF-16 hỏng (nửa cặp thay thế lẻ hoặc số byte lẻ); " + Self.saveAsUTF8.vi,
                    en: "broken UTF-16 (an unpaired surrogate or an odd number of bytes); " + Self.saveAsUTF8.en))
                return nil
            }
            return text
        }
        let start = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let bad = CSVReader.firstInvalidUTF8(b, from: start) else {
            return String(decoding: b[start...], as: UTF8.self)
        }
        let at = YAMLPosition(String(decoding: b[start..<bad], as: UTF8.self))
        let byte = String(b[bad], radix: 16, uppercase: true)
        error(.encoding, line: at.lines, column: at.lastLineLength + 1, LocalizedText(
            vi: "tệp không phải văn bản UTF-8 (byte 0x\(byte)); " + Self.saveAsUTF8.vi,
            en: "the file is not UTF-8 text (byte 0x\(byte)); " + Self.saveAsUTF8.en))
        return nil
    }

    /// False, with an error at the first one, when the text holds a character YAML does not
    /// allow (YAML 1.1 §5.1, c-printable).
    private mutating func allowedCharacters(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let i = scalars.firstIndex(where: { u in
            let v = u.value
            return !(v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0x7E).contains(v) || v == 0x85
                || (0xA0...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000)
        }) else { return true }
        // Located as YAML counts lines (``YAMLPosition``): by the text before it.
        let at = YAMLPosition(String(scalars[..<i]))
        let code = String(scalars[i].value, radix: 16, uppercase: true)
        let shown = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
        error(.encoding, line: at.lines, column: at.lastLineLength + 1, LocalizedText(
            vi: "ký tự điều khiển \(shown) không được phép trong YAML; hãy xóa nó",
            en: "control character \(shown) is not allowed in YAML; remove it"))
        return false
    }

    // MARK: Walking the nodes

    /// A plain null (`~`, `null`, nothing).
    func isNull(_ node: Node?) -> Bool {
        guard let node else { return true }
        return node.scalar.map { $0.style == .plain && ["", "~", "null", "Null", "NULL"].contains($0.string) } ?? false
    }

    /// The entries of a mapping, in file order, when `node` is one whose keys are all in
    /// `allowed` and which has every key of `required`. An unknown key is an error at the
    /// key (the entry is dropped); a missing key an error at the mapping, and gives nil.
    mutating func mapping(_ node: Node, _ key: String, allowed: [String], required: [String] = [])
        -> [(key: String, value: Node)]? {
        guard let mapping = node.mapping else {
            error(kind.id(.type), node, LocalizedText(
                vi: (key.isEmpty ? "" : "\"\(key)\": ") + "cần một bảng khóa: giá trị (\(allowed.joined(separator: ", ")))",
                en: (key.isEmpty ? "" : "\"\(key)\": ") + "expected a mapping of keys (\(allowed.joined(separator: ", ")))"))
            return nil
        }
        var out: [(key: String, value: Node)] = []
        for (keyNode, value) in mapping {
            let name = keyNode.scalar?.string ?? "?"
            guard keyNode.scalar != nil, allowed.contains(name) else {
                let shown = key.isEmpty ? name : key + "." + name
                error(kind.id(.unknownKey), keyNode, LocalizedText(
                    vi: "khóa không hợp lệ \"\(shown)\": cần một trong \(allowed.joined(separator: ", "))",
                    en: "unknown key \"\(shown)\": expected one of \(allowed.joined(separator: ", "))"))
                continue
            }
            out.append((name, value))
        }
        var complete = true
        for name in required where !out.contains(where: { $0.key == name }) {
            error(kind.id(.missingKey), node, LocalizedText(vi: "thiếu khóa \"\(name)\"", en: "missing key \"\(name)\""))
            complete = false
        }
        return complete ? out : nil
    }

    /// The items of a sequence (none for a null); anything else is an error and gives nil.
    mutating func sequence(_ node: Node, _ key: String) -> [Node]? {
        if isNull(node) { return [] }
        guard let items = node.sequence else {
            error(kind.id(.type), node, LocalizedText(
                vi: "\"\(key)\" cần một danh sách (mỗi mục bắt đầu bằng \"- \", hoặc dạng [a, b])",
                en: "\"\(key)\" expects a list (items starting with \"- \", or written [a, b])"))
            return nil
        }
        return Array(items)
    }

    /// A value of the wrong type: `"key": expected …, found "…"` at the value.
    mutating func expected(_ node: Node, _ key: String, _ what: LocalizedText) {
        let found = node.scalar?.string ?? (node.mapping != nil ? "{…}" : "[…]")
        error(kind.id(.type), node, LocalizedText(
            vi: "\"\(key)\": cần \(what.vi), nhưng có \"\(found)\"",
            en: "\"\(key)\": expected \(what.en), found \"\(found)\""))
    }
}
