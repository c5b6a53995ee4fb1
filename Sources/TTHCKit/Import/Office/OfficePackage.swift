/// What the first bytes of a file say it is, before anything is unpacked.
enum OfficeSniffer {
    enum Kind: Equatable {
        /// A ZIP archive: a .docx/.xlsx (or an OpenDocument file, told apart once open).
        case zip
        /// An OLE compound file holding an encrypted OOXML package (a password-protected
        /// .docx/.xlsx).
        case encrypted
        /// An OLE compound file: the old binary .doc/.xls.
        case legacyBinary
        case empty
        case other
    }

    static func kind(of bytes: [UInt8]) -> Kind {
        if bytes.isEmpty { return .empty }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // The stream names of an encrypted package, in UTF-16LE, in the directory.
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return contains(bytes, marker) ? .encrypted : .legacyBinary
        }
        return .other
    }

    private static func contains(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
        guard bytes.count >= marker.count else { return false }
        let first = marker[0]
        var i = 0
        let end = bytes.count - marker.count
        while i <= end {
            if bytes[i] == first, bytes[i..<(i + marker.count)].elementsEqual(marker) { return true }
            i += 1
        }
        return false
    }

    /// The error for a file that is no Office Open XML container.
    static func refusal(_ kind: Kind, file: String) -> Diagnostic {
        let message: LocalizedText
        let id: DiagnosticID
        switch kind {
        case .encrypted:
            id = .officeEncrypted
            message = LocalizedText(
                vi: "tệp được đặt mật khẩu (mã hoá): tthc không đọc được; hãy mở tệp, bỏ mật khẩu (File › Info › Protect › Encrypt) và lưu lại",
                en: "the file is password-protected (encrypted): tthc cannot read it; open it, remove the password (File › Info › Protect › Encrypt) and save it again")
        case .legacyBinary:
            id = .officeLegacyFormat
            message = LocalizedText(
                vi: "tệp Word/Excel định dạng cũ (.doc/.xls) không được đọc; hãy mở và lưu lại dạng .docx hoặc .xlsx (File › Save As)",
                en: "old binary Word/Excel files (.doc/.xls) are not read; open the file and save it as .docx or .xlsx (File › Save As)")
        case .empty:
            id = .officeEmpty
            message = LocalizedText(vi: "tệp rỗng", en: "the file is empty")
        case .zip, .other:
            id = .officeNotOffice
            message = LocalizedText(
                vi: "tệp không phải tệp Word (.docx) hay Excel (.xlsx) (không phải gói ZIP của Office)",
                en: "the file is not a Word (.docx) or Excel (.xlsx) file (not an Office ZIP package)")
        }
        return Diagnostic(.error, id, at: SourceLocation(file: file), message)
    }
}

/// An Office Open XML package (gói OOXML): the ZIP container with its relationships, and
/// the XML of each part streamed through the libxml2 wall without a schema.
struct OfficePackage {
    let container: OfficeContainer
    var displayPath: String { container.displayPath }

    /// Opens the file and checks that it is the kind of document expected (`kind`: the
    /// main part's folder, "word" or "xl"), so an OpenDocument file or a Word file named
    /// .xlsx gets a clear message.
    init(_ file: InputFile, expecting kind: Kind, limits: ContainerLimits) throws(InputError) {
        try self.init(try OfficeContainer(file, limits: limits), expecting: kind)
    }

    init(_ container: OfficeContainer, expecting kind: Kind) throws(InputError) {
        self.container = container
        if let mimetype = try container.read("mimetype"),
           String(decoding: mimetype.prefix(100), as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument") {
            throw InputError([Diagnostic(.error, .officeOpendocument, at: SourceLocation(file: container.displayPath), LocalizedText(
                vi: "tệp OpenDocument (.odt/.ods) không được đọc; hãy lưu lại dạng \(kind.extension) (LibreOffice: File › Save As › \(kind.saveAs))",
                en: "OpenDocument files (.odt/.ods) are not read; save the file as \(kind.extension) (LibreOffice: File › Save As › \(kind.saveAs))"))])
        }
        guard let main = try mainPart(), main.lowercased().hasPrefix(kind.folder + "/") else {
            let other = container.has("word/document.xml") ? "Word (.docx)" : container.has("xl/workbook.xml") ? "Excel (.xlsx)" : nil
            throw InputError([Diagnostic(.error, .officeWrongKind, at: SourceLocation(file: container.displayPath), LocalizedText(
                vi: "tệp không phải tệp \(kind.name)" + (other.map { ": đây là tệp \($0)" } ?? " (thiếu phần \(kind.folder)/…; tệp hỏng, bị mã hoá hay không phải tệp Office?)"),
                en: "the file is not a \(kind.name) file" + (other.map { ": it is a \($0) file" } ?? " (no \(kind.folder)/… part; damaged, encrypted or not an Office file?)")))])
        }
        self.main = main
    }

    /// The main part ("word/document.xml", "xl/workbook.xml").
    private(set) var main = ""

    enum Kind {
        case word, excel
        var folder: String { self == .word ? "word" : "xl" }
        var name: String { self == .word ? "Word (.docx)" : "Excel (.xlsx)" }
        var `extension`: String { self == .word ? ".docx" : ".xlsx" }
        var saveAs: String { self == .word ? "Word 2007-365 (.docx)" : "Excel 2007-365 (.xlsx)" }
    }

    /// The officeDocument relationship of `_rels/.rels`, or the usual name when there is
    /// no such file.
    private func mainPart() throws(InputError) -> String? {
        let relations = try relationships(of: "")
        if let target = relations.first(where: { $0.type.hasSuffix("/officeDocument") })?.target { return target }
        for name in ["word/document.xml", "xl/workbook.xml"] where container.has(name) { return name }
        return nil
    }

    struct Relationship {
        var id: String
        var type: String
        /// The part name, resolved against the source part's folder.
        var target: String
        var external: Bool
    }

    /// The relationships of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`;
    /// "" → `_rels/.rels`).
    func relationships(of part: String) throws(InputError) -> [Relationship] {
        let folder = part.split(separator: "/").dropLast().joined(separator: "/")
        let file = part.split(separator: "/").last.map(String.init) ?? ""
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        var result: [Relationship] = []
        try parse(relsName, optional: true) { event in
            guard case .start(let tag) = event, tag.localName == "Relationship",
                  let id = tag.attributes["Id"], let target = tag.attributes["Target"] else { return }
            let external = tag.attributes["TargetMode"] == "External"
            result.append(Relationship(id: id, type: tag.attributes["Type"] ?? "",
                                       target: external ? target : Self.resolve(target, from: folder), external: external))
        }
        return result
    }

    /// A relationship target as a part name: relative to `folder`, or absolute from the
    /// package root; ".." that would leave the package leaves the name unresolvable.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == "." { continue }
            if piece == ".." {
                if parts.isEmpty { return "\u{0}outside" }
                parts.removeLast()
                continue
            }
            parts.append(piece)
        }
        return parts.joined(separator: "/")
    }

    /// Streams a part's XML to `body`. A missing part is an error unless `optional`; XML
    /// errors name the part and stop the reading of this file (an Office application
    /// never writes malformed XML, so the file is damaged or made by hand).
    func parse(_ part: String, optional: Bool = false, _ body: (XMLStreamEvent) -> Void) throws(InputError) {
        if optional, !container.has(part) { return }
        try parse(try bytes(part), of: part, body)
    }

    /// A part's unpacked bytes, for a reader that goes over them more than once (a sheet:
    /// its merged ranges come after its rows); a missing part is an error.
    func bytes(_ part: String) throws(InputError) -> [UInt8] {
        guard let bytes = try container.read(part) else {
            throw InputError([Diagnostic(.error, .officeMissingPart, at: SourceLocation(file: displayPath), LocalizedText(
                vi: "tệp thiếu phần \(part) (tệp hỏng hoặc bị mã hoá?)", en: "the file has no part \(part) (damaged or encrypted?)"))])
        }
        return bytes
    }

    /// Streams the XML of `part`, already unpacked, to `body`.
    func parse(_ bytes: [UInt8], of part: String, _ body: (XMLStreamEvent) -> Void) throws(InputError) {
        let diagnostics = LibXMLStream.read(.memory(bytes), displayPath: displayPath, schema: nil, namespace: "", body)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw InputError(errors.prefix(3).map { d in
                let place = d.location.line.map { l in d.location.column.map { "\(l):\($0)" } ?? "\(l)" } ?? ""
                return Diagnostic(.error, d.id, at: SourceLocation(file: displayPath), LocalizedText(
                    vi: "phần \(part)\(place.isEmpty ? "" : " (\(place))"): \(d.message.vi)",
                    en: "part \(part)\(place.isEmpty ? "" : " (\(place))"): \(d.message.en)"))
            })
        }
    }
}
