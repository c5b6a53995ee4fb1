/// A Word document as tthc writes one (WordprocessingML, ECMA-376 Part 1 §17): paragraphs of
/// runs, tables, and sections with their own page size and orientation, in one font.
///
/// Hand-written on ``PackageWriter`` and ``XMLBuilder`` for the reason ``Workbook`` is: no
/// library of the package set writes .docx. Only what an administrative document needs is
/// here, each element in the order the schema requires (`pPr` before runs, `rPr` before
/// text, `tblPr` and `tblGrid` before rows); the tests open the output in LibreOffice and
/// validate its parts against the ECMA-376 schemas.
struct WordDocument {
    /// Sizes in half-points (`w:sz`), as the format counts them: 28 is 14 pt.
    struct Run {
        var text: String
        var bold = false
        var italic = false
        var size: Int? = nil
        /// A line break after the text (`w:br`), inside the same paragraph.
        var breakAfter = false
    }

    enum Alignment: String { case left, center, right, both }

    struct Paragraph {
        var runs: [Run]
        var alignment: Alignment = .both
        /// First-line indent, in twentieths of a point (567 is 1 cm).
        var firstLineIndent = 0
        var spacingBefore = 0
        var spacingAfter = 120
        /// Line spacing in 240ths of a line (240 single, 312 1.3 lines).
        var lineSpacing = 240
        /// A short rule under the paragraph, `inset` twips in from each side: the line
        /// under the issuing body and under the motto.
        var ruleInset: Int? = nil
        /// Kept on the page with the next paragraph (a heading with its table).
        var keepWithNext = false

        init(_ runs: [Run], alignment: Alignment = .both) {
            self.runs = runs
            self.alignment = alignment
        }

        init(_ text: String, bold: Bool = false, italic: Bool = false, size: Int? = nil, alignment: Alignment = .both) {
            self.init([Run(text: text, bold: bold, italic: italic, size: size)], alignment: alignment)
        }
    }

    struct TableCell {
        var paragraphs: [Paragraph]
        /// How many grid columns the cell spans.
        var span = 1
        var shaded = false
    }

    struct Table {
        /// Column widths in twips.
        var widths: [Int]
        var rows: [[TableCell]]
        /// Rows at the top repeated on every page (`w:tblHeader`).
        var headerRows = 0
        var borders = true
    }

    enum Block {
        case paragraph(Paragraph)
        case table(Table)
    }

    /// A4 in twips, portrait or landscape, and the margins of the page.
    struct Page {
        var landscape = false
        var top = 1134, bottom = 1134, left = 1701, right = 850

        var width: Int { landscape ? 16838 : 11906 }
        var height: Int { landscape ? 11906 : 16838 }
        /// The width text can take.
        var textWidth: Int { width - left - right }
    }

    struct Section {
        var page: Page
        var blocks: [Block] = []
    }

    var sections: [Section] = []
    var title: String
    /// Body text size in half-points.
    var bodySize = 28
    var font = "Times New Roman"

    /// The file's bytes.
    func archive() -> [UInt8] {
        var package = PackageWriter(main: "word/document.xml", title: title)
        package.add("word/document.xml",
                    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", documentXML)
        package.add("word/_rels/document.xml.rels", contentType: nil, PackageWriter.relationships([
            ("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml"),
            ("rId2", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings", "settings.xml"),
            ("rId3", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable", "fontTable.xml"),
            ("rId4", PackageWriter.themeRelationship, "theme/theme1.xml"),
        ]))
        package.add("word/styles.xml",
                    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml", stylesXML)
        package.add("word/settings.xml",
                    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml", settingsXML)
        package.add("word/fontTable.xml",
                    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml", fontTableXML)
        package.add("word/theme/theme1.xml", contentType: PackageWriter.themeType, PackageWriter.theme(font: font))
        return package.archive()
    }

    static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// `word/document.xml`. A section's properties close its last paragraph, except the
    /// last section's, which close the body (§17.6.17).
    var documentXML: String {
        var x = XMLBuilder(root: "w:document", ["xmlns:w": Self.namespace])
        x.open("w:body")
        for (i, section) in sections.enumerated() {
            let last = i == sections.count - 1
            for (j, block) in section.blocks.enumerated() {
                switch block {
                case .paragraph(let p):
                    let closes = !last && j == section.blocks.count - 1
                    Self.paragraph(p, &x, sectionEnd: closes ? section.page : nil)
                case .table(let t):
                    Self.table(t, &x)
                    if !last && j == section.blocks.count - 1 {
                        Self.paragraph(Paragraph([]), &x, sectionEnd: section.page)
                    }
                }
            }
            if last { Self.sectionProperties(section.page, &x) }
        }
        x.close("w:body")
        x.close("w:document")
        return x.text
    }

    private static func sectionProperties(_ page: Page, _ x: inout XMLBuilder) {
        x.open("w:sectPr")
        if page.landscape {
            x.empty("w:pgSz", ["w:w": "\(page.width)", "w:h": "\(page.height)", "w:orient": "landscape"])
        } else {
            x.empty("w:pgSz", ["w:w": "\(page.width)", "w:h": "\(page.height)"])
        }
        x.empty("w:pgMar", ["w:top": "\(page.top)", "w:right": "\(page.right)", "w:bottom": "\(page.bottom)",
                            "w:left": "\(page.left)", "w:header": "567", "w:footer": "567", "w:gutter": "0"])
        x.close("w:sectPr")
    }

    private static func paragraph(_ p: Paragraph, _ x: inout XMLBuilder, sectionEnd: Page? = nil) {
        x.open("w:p")
        x.open("w:pPr")
        if p.keepWithNext { x.empty("w:keepNext") }
        // The schema's order: keepNext, pBdr, spacing, ind, jc, sectPr.
        if p.ruleInset != nil {
            x.open("w:pBdr")
            x.empty("w:bottom", ["w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"])
            x.close("w:pBdr")
        }
        x.empty("w:spacing", ["w:before": "\(p.spacingBefore)", "w:after": "\(p.spacingAfter)",
                              "w:line": "\(p.lineSpacing)", "w:lineRule": "auto"])
        if let inset = p.ruleInset {
            x.empty("w:ind", ["w:left": "\(inset)", "w:right": "\(inset)"])
        } else if p.firstLineIndent > 0 {
            x.empty("w:ind", ["w:firstLine": "\(p.firstLineIndent)"])
        }
        x.empty("w:jc", ["w:val": p.alignment.rawValue])
        if let page = sectionEnd { sectionProperties(page, &x) }
        x.close("w:pPr")
        for run in p.runs {
            x.open("w:r")
            if run.bold || run.italic || run.size != nil {
                x.open("w:rPr")
                if run.bold { x.empty("w:b") }
                if run.italic { x.empty("w:i") }
                if let size = run.size {
                    x.empty("w:sz", ["w:val": "\(size)"])
                    x.empty("w:szCs", ["w:val": "\(size)"])
                }
                x.close("w:rPr")
            }
            x.element("w:t", ["xml:space": "preserve"], text: run.text)
            if run.breakAfter { x.empty("w:br") }
            x.close("w:r")
        }
        x.close("w:p")
    }

    private static func table(_ t: Table, _ x: inout XMLBuilder) {
        x.open("w:tbl")
        x.open("w:tblPr")
        x.empty("w:tblW", ["w:w": "\(t.widths.reduce(0, +))", "w:type": "dxa"])
        x.empty("w:jc", ["w:val": "center"])
        x.open("w:tblBorders")
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            if t.borders {
                x.empty("w:" + side, ["w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"])
            } else {
                x.empty("w:" + side, ["w:val": "nil"])
            }
        }
        x.close("w:tblBorders")
        x.empty("w:tblLayout", ["w:type": "fixed"])
        x.open("w:tblCellMar")
        x.empty("w:left", ["w:w": "85", "w:type": "dxa"])
        x.empty("w:right", ["w:w": "85", "w:type": "dxa"])
        x.close("w:tblCellMar")
        x.close("w:tblPr")
        x.open("w:tblGrid")
        for w in t.widths { x.empty("w:gridCol", ["w:w": "\(w)"]) }
        x.close("w:tblGrid")
        for (r, row) in t.rows.enumerated() {
            x.open("w:tr")
            x.open("w:trPr")
            x.empty("w:cantSplit")
            if r < t.headerRows { x.empty("w:tblHeader") }
            x.close("w:trPr")
            var column = 0
            for cell in row {
                let width = t.widths[column..<min(column + cell.span, t.widths.count)].reduce(0, +)
                column += cell.span
                x.open("w:tc")
                x.open("w:tcPr")
                x.empty("w:tcW", ["w:w": "\(width)", "w:type": "dxa"])
                if cell.span > 1 { x.empty("w:gridSpan", ["w:val": "\(cell.span)"]) }
                if cell.shaded { x.empty("w:shd", ["w:val": "clear", "w:color": "auto", "w:fill": "F2F2F2"]) }
                x.close("w:tcPr")
                // A cell must hold at least one paragraph (§17.4.66).
                let paragraphs = cell.paragraphs.isEmpty ? [Paragraph([])] : cell.paragraphs
                for p in paragraphs { paragraph(p, &x) }
                x.close("w:tc")
            }
            x.close("w:tr")
        }
        x.close("w:tbl")
    }

    /// The default run font and size, and the default paragraph; Vietnamese as the
    /// language, so that a spelling checker uses the right dictionary.
    private var stylesXML: String {
        var x = XMLBuilder(root: "w:styles", ["xmlns:w": Self.namespace])
        x.open("w:docDefaults")
        x.open("w:rPrDefault")
        x.open("w:rPr")
        x.empty("w:rFonts", ["w:ascii": font, "w:hAnsi": font, "w:eastAsia": font, "w:cs": font])
        x.empty("w:sz", ["w:val": "\(bodySize)"])
        x.empty("w:szCs", ["w:val": "\(bodySize)"])
        x.empty("w:lang", ["w:val": "vi-VN", "w:eastAsia": "vi-VN", "w:bidi": "ar-SA"])
        x.close("w:rPr")
        x.close("w:rPrDefault")
        x.open("w:pPrDefault")
        x.open("w:pPr")
        x.empty("w:spacing", ["w:after": "0", "w:line": "240", "w:lineRule": "auto"])
        x.close("w:pPr")
        x.close("w:pPrDefault")
        x.close("w:docDefaults")
        x.open("w:style", ["w:type": "paragraph", "w:default": "1", "w:styleId": "Normal"])
        x.empty("w:name", ["w:val": "Normal"])
        x.empty("w:qFormat")
        x.close("w:style")
        x.open("w:style", ["w:type": "table", "w:default": "1", "w:styleId": "TableNormal"])
        x.empty("w:name", ["w:val": "Normal Table"])
        x.empty("w:uiPriority", ["w:val": "99"])
        x.empty("w:semiHidden")
        x.open("w:tblPr")
        x.empty("w:tblInd", ["w:w": "0", "w:type": "dxa"])
        x.close("w:tblPr")
        x.close("w:style")
        x.close("w:styles")
        return x.text
    }

    /// The one font the document uses (§17.8.3), a serif with the Latin and Vietnamese
    /// letters (Windows code page 1258's charset, A3).
    private var fontTableXML: String {
        var x = XMLBuilder(root: "w:fonts", ["xmlns:w": Self.namespace])
        x.open("w:font", ["w:name": font])
        x.empty("w:charset", ["w:val": "A3"])
        x.empty("w:family", ["w:val": "roman"])
        x.empty("w:pitch", ["w:val": "variable"])
        x.close("w:font")
        x.close("w:fonts")
        return x.text
    }

    private var settingsXML: String {
        var x = XMLBuilder(root: "w:settings", ["xmlns:w": Self.namespace])
        x.empty("w:defaultTabStop", ["w:val": "720"])
        x.empty("w:compat")
        x.close("w:settings")
        return x.text
    }
}
