import Foundation
import ZIPFoundation

/// An Office Open XML package as tthc writes one (ECMA-376 Part 2, Open Packaging
/// Conventions): a ZIP archive of XML parts, `[Content_Types].xml` first, then the parts in
/// the order given.
///
/// The same parts always give the same bytes: every entry carries one fixed time
/// (1980-01-01 00:00 UTC, the earliest a ZIP header can hold; ZIPFoundation writes it from
/// `gmtime`, so the time zone of the machine plays no part), the same permissions, and is
/// deflated by zlib at its default level.
///
/// With `Import/Office/ZIPContainer.swift` (the reader), the only file that imports
/// ZIPFoundation.
struct PackageWriter {
    struct Part {
        /// The part name without its leading `/`, e.g. `word/document.xml`.
        var name: String
        /// The content type of an override; `nil` for parts the defaults cover (`.rels`).
        var contentType: String?
        var content: Content

        /// A part's bytes: held, or made piece by piece while the entry is compressed.
        enum Content {
            case bytes([UInt8])
            /// `size` bytes, which each source that `make` returns appends piece by piece
            /// (see ``PieceSource``), the same bytes every time.
            case pieces(size: Int, make: () -> PieceSource)
        }

        init(_ name: String, contentType: String?, _ xml: String) {
            self.name = name
            self.contentType = contentType
            content = .bytes(Array(xml.utf8))
        }

        init(_ name: String, contentType: String?, size: Int, make: @escaping () -> PieceSource) {
            self.name = name
            self.contentType = contentType
            content = .pieces(size: size, make: make)
        }
    }

    /// Appends the next piece of a part (a sheet's row) to the bytes it is given; false when
    /// the part is complete and nothing was appended. A part of hundreds of megabytes (a
    /// national report's sheet) is made this way while its entry is compressed, never
    /// held whole.
    typealias PieceSource = (inout [UInt8]) -> Bool

    /// How many bytes a source makes, counted by running it and dropping its pieces.
    static func size(of source: PieceSource) -> Int {
        var bytes: [UInt8] = []
        var size = 0
        while source(&bytes) {
            size += bytes.count
            bytes.removeAll(keepingCapacity: true)
        }
        return size
    }

    var parts: [Part] = []

    /// A package whose main part is `main` (`word/document.xml`, `xl/workbook.xml`): the
    /// package relationships to it and to the core properties, which carry `title`.
    init(main: String, title: String) {
        add("_rels/.rels", contentType: nil, Self.relationships([
            ("rId1", Self.officeDocumentRelationship, main),
            ("rId2", Self.corePropertiesRelationship, "docProps/core.xml"),
        ]))
        add("docProps/core.xml", contentType: Self.corePropertiesType, Self.coreProperties(title: title, creator: "tthc"))
    }

    mutating func add(_ name: String, contentType: String?, _ xml: String) {
        parts.append(Part(name, contentType: contentType, xml))
    }

    /// A part of `size` bytes made by the sources `make` returns, while it is compressed.
    mutating func add(_ name: String, contentType: String?, size: Int, make: @escaping () -> PieceSource) {
        parts.append(Part(name, contentType: contentType, size: size, make: make))
    }

    /// The fixed modification time of every entry.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    static let relationshipsType = "application/vnd.openxmlformats-package.relationships+xml"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// `[Content_Types].xml`: defaults for `.rels` and `.xml`, an override for every part
    /// that names its own type.
    var contentTypes: String {
        var x = Self.declaration
        x += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        x += "<Default Extension=\"rels\" ContentType=\"\(Self.relationshipsType)\"/>"
        x += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        for part in parts {
            guard let type = part.contentType else { continue }
            x += "<Override PartName=\"/\(XMLText.escape(part.name))\" ContentType=\"\(XMLText.escape(type))\"/>"
        }
        return x + "</Types>"
    }

    /// A relationships part (`_rels/.rels`, `word/_rels/document.xml.rels`, …).
    static func relationships(_ targets: [(id: String, type: String, target: String)]) -> String {
        var x = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for t in targets {
            x += "<Relationship Id=\"\(XMLText.escape(t.id))\" Type=\"\(XMLText.escape(t.type))\" Target=\"\(XMLText.escape(t.target))\"/>"
        }
        return x + "</Relationships>"
    }

    /// The relationship type of a package's main part, and of its core properties.
    static let officeDocumentRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    static let corePropertiesRelationship = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    static let corePropertiesType = "application/vnd.openxmlformats-package.core-properties+xml"

    /// The core properties part (`docProps/core.xml`): a title and the creator, and no
    /// dates, so that the bytes do not depend on the day they are written.
    static func coreProperties(title: String, creator: String) -> String {
        declaration
            + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
            + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + "<dc:title>\(XMLText.escape(title, attribute: false))</dc:title>"
            + "<dc:creator>\(XMLText.escape(creator, attribute: false))</dc:creator>"
            + "</cp:coreProperties>"
    }

    static let themeRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    static let themeType = "application/vnd.openxmlformats-officedocument.theme+xml"

    /// A theme part (DrawingML, ECMA-376 Part 1 §20.1.6), which Word and Excel expect beside
    /// the main part: the twelve colours of the usual palette, `font` for headings and body,
    /// and the three fill, line, effect and background styles the schema requires.
    static func theme(font: String) -> String {
        var x = XMLBuilder(root: "a:theme", ["xmlns:a": "http://schemas.openxmlformats.org/drawingml/2006/main", "name": "tthc"])
        x.open("a:themeElements")
        x.open("a:clrScheme", ["name": "tthc"])
        x.open("a:dk1"); x.empty("a:sysClr", ["val": "windowText", "lastClr": "000000"]); x.close("a:dk1")
        x.open("a:lt1"); x.empty("a:sysClr", ["val": "window", "lastClr": "FFFFFF"]); x.close("a:lt1")
        for (name, rgb) in [("dk2", "44546A"), ("lt2", "E7E6E6"), ("accent1", "4472C4"), ("accent2", "ED7D31"),
                            ("accent3", "A5A5A5"), ("accent4", "FFC000"), ("accent5", "5B9BD5"), ("accent6", "70AD47"),
                            ("hlink", "0563C1"), ("folHlink", "954F72")] {
            x.open("a:" + name); x.empty("a:srgbClr", ["val": rgb]); x.close("a:" + name)
        }
        x.close("a:clrScheme")
        x.open("a:fontScheme", ["name": "tthc"])
        for kind in ["a:majorFont", "a:minorFont"] {
            x.open(kind)
            x.empty("a:latin", ["typeface": font])
            x.empty("a:ea", ["typeface": ""])
            x.empty("a:cs", ["typeface": ""])
            x.close(kind)
        }
        x.close("a:fontScheme")
        x.open("a:fmtScheme", ["name": "tthc"])
        func solid(_ x: inout XMLBuilder) {
            x.open("a:solidFill"); x.empty("a:schemeClr", ["val": "phClr"]); x.close("a:solidFill")
        }
        x.open("a:fillStyleLst"); for _ in 0..<3 { solid(&x) }; x.close("a:fillStyleLst")
        x.open("a:lnStyleLst")
        for w in ["6350", "12700", "19050"] { x.open("a:ln", ["w": w]); solid(&x); x.close("a:ln") }
        x.close("a:lnStyleLst")
        x.open("a:effectStyleLst")
        for _ in 0..<3 { x.open("a:effectStyle"); x.empty("a:effectLst"); x.close("a:effectStyle") }
        x.close("a:effectStyleLst")
        x.open("a:bgFillStyleLst"); for _ in 0..<3 { solid(&x) }; x.close("a:bgFillStyleLst")
        x.close("a:fmtScheme")
        x.close("a:themeElements")
        x.close("a:theme")
        return x.text
    }

    /// The archive's bytes. Writing to memory fails only when memory does.
    func archive() -> [UInt8] { [UInt8](archiveData()) }

    /// The archive's bytes as the in-memory archive holds them.
    func archiveData() -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            let all = [Part("[Content_Types].xml", contentType: nil, contentTypes)] + parts
            for part in all {
                switch part.content {
                case .bytes(let bytes):
                    let data = Data(bytes)
                    try archive.addEntry(with: part.name, type: .file, uncompressedSize: Int64(data.count),
                                         modificationDate: Self.entryDate, permissions: 0o644,
                                         compressionMethod: .deflate) { position, size in
                        data.subdata(in: Int(position)..<Int(position) + size)
                    }
                case .pieces(let total, let make):
                    // The compressor asks for the bytes in order, a chunk at a time; the
                    // source makes pieces until the chunk is there. The chunks, and so the
                    // compressed bytes, are those of the whole part given at once.
                    let source = make()
                    var pending: [UInt8] = []
                    var start = 0
                    var more = true
                    try archive.addEntry(with: part.name, type: .file, uncompressedSize: Int64(total),
                                         modificationDate: Self.entryDate, permissions: 0o644,
                                         compressionMethod: .deflate) { position, size in
                        while more && pending.count - start < size { more = source(&pending) }
                        precondition(pending.count - start >= size, "part \(part.name) made fewer bytes than it counted")
                        let chunk = Data(pending[start..<start + size])
                        start += size
                        if start >= 1 << 20 {
                            pending.removeFirst(start)
                            start = 0
                        }
                        return chunk
                    }
                    precondition(pending.count == start && !source(&pending), "part \(part.name) made more bytes than it counted")
                }
            }
            guard let data = archive.data else { preconditionFailure("the in-memory ZIP archive has no data") }
            return data
        } catch {
            preconditionFailure("an in-memory ZIP archive could not be written: \(error)")
        }
    }
}

/// Builds XML text element by element, for the Word and Excel parts: names and attribute
/// values are escaped once, here (``XMLText``).
struct XMLBuilder {
    private(set) var text: String

    init(root: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        text = PackageWriter.declaration
        open(root, attributes)
    }

    init() { text = "" }

    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        text += "<" + name
        for (k, v) in attributes { text += " \(k)=\"\(XMLText.escape(v))\"" }
        text += ">"
    }

    mutating func close(_ name: String) { text += "</" + name + ">" }

    /// An element with no content.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        text += "<" + name
        for (k, v) in attributes { text += " \(k)=\"\(XMLText.escape(v))\"" }
        text += "/>"
    }

    /// An element holding only text.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text value: String) {
        open(name, attributes)
        text += XMLText.escape(value, attribute: false)
        close(name)
    }

    /// Markup built elsewhere (a run, a cell), already escaped.
    mutating func append(_ markup: XMLBuilder) { text += markup.text }
}
