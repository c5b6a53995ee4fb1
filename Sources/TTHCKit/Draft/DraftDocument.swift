/// The draft publication decision as a Word document, laid out as Decree 30/2020/NĐ-CP
/// (Appendix I, "Thể thức và kỹ thuật trình bày văn bản hành chính") prescribes, and as
/// provinces' real publication decisions read (Lai Châu's 2362/QĐ-UBND of 2025 among the
/// test documents):
///
/// - A4, margins top and bottom 20 mm, left 30 mm, right 15 mm (the decree: 20–25, 20–25,
///   30–35, 15–20 mm); Times New Roman, body 14 pt, line spacing 1.2, 6 pt between
///   paragraphs, first lines indented 1.27 cm;
/// - the header in two columns without borders: the issuing body (upper case, bold, 13 pt,
///   a short rule under it) and "Số:      /QĐ-UBND" with the number left for the clerk;
///   the national title "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (upper case, bold, 13 pt), the
///   motto "Độc lập - Tự do - Hạnh phúc" (bold, 14 pt, ruled under) and the place and date
///   line (italic, 14 pt), day and month left blank;
/// - "QUYẾT ĐỊNH" and its summary (bold, centred), the signing authority, the recitals
///   (italic, one per line, each ending in ";", the proposal that closes them in "."),
///   "QUYẾT ĐỊNH:", Articles 1–3;
/// - "Nơi nhận:" (bold italic, 12 pt) with its lines (11 pt) beside the signature block
///   (bold, upper case, 14 pt);
/// - the annex on landscape pages: its title, "(Kèm theo Quyết định số …)", then one table
///   per change type, its rows grouped by level and field like a ministry's annex, the
///   header row repeated on every page.
///
/// The document is Vietnamese whatever `--lang` says: it is a draft of a Vietnamese legal
/// document.
enum DraftDocument {
    static func word(_ d: PublicationDraft) -> WordDocument {
        let words = DraftWords(d)
        var doc = WordDocument(title: words.summary)
        var body = WordDocument.Section(page: WordDocument.Page())
        body.blocks.append(.table(header(words, width: body.page.textWidth)))
        body.blocks.append(.paragraph(spaced(centred(bold("QUYẾT ĐỊNH", size: 28)), before: 240, after: 0)))
        body.blocks.append(.paragraph(centred(bold(words.summary, size: 28))))
        body.blocks.append(.paragraph(spaced(centred(bold(words.authority.uppercased(), size: 28)), before: 120, after: 240)))
        // Each basis on its own line ending in ";"; the proposal closes them with ".".
        for recital in words.recitals {
            body.blocks.append(.paragraph(text(DraftWords.ending(recital, ";"), italic: true)))
        }
        body.blocks.append(.paragraph(text(words.proposal, italic: true)))
        body.blocks.append(.paragraph(spaced(centred(bold("QUYẾT ĐỊNH:", size: 28)), before: 120, after: 120)))
        for (number, article) in words.articles.enumerated() {
            var p = WordDocument.Paragraph([WordDocument.Run(text: "Điều \(number + 1). ", bold: true),
                                            WordDocument.Run(text: article.first ?? "")])
            p.firstLineIndent = 720
            p.spacingAfter = 120
            p.lineSpacing = 288
            body.blocks.append(.paragraph(p))
            for more in article.dropFirst() {
                // "(Có Phụ lục kèm theo)" stands centred in italics under Article 1.
                body.blocks.append(.paragraph(more.hasPrefix("(") ? spaced(centred(italic(more)), before: 0, after: 120) : text(more)))
            }
        }
        body.blocks.append(.table(signature(words, width: body.page.textWidth)))
        doc.sections.append(body)

        var annex = WordDocument.Section(page: WordDocument.Page(landscape: true))
        annex.blocks.append(.paragraph(centred(bold("Phụ lục", size: 28))))
        annex.blocks.append(.paragraph(spaced(centred(bold(words.annexTitle.uppercased(), size: 26)), before: 0, after: 0)))
        annex.blocks.append(.paragraph(spaced(centred(italic(words.annexReference, size: 26)), before: 0, after: 240)))
        for (i, change) in words.changeTypes.enumerated() {
            var heading = centred(bold("\(roman(i + 1)). " + DraftWords.listTitle(change).uppercased(), size: 26))
            heading.keepWithNext = true
            annex.blocks.append(.paragraph(spaced(heading, before: i == 0 ? 0 : 240, after: 120)))
            annex.blocks.append(.table(annexTable(change, d.entries.filter { $0.change == change }, width: annex.page.textWidth)))
        }
        doc.sections.append(annex)
        return doc
    }

    // MARK: Header and signature

    private static func header(_ w: DraftWords, width: Int) -> WordDocument.Table {
        let left = width * 38 / 100, right = width - left
        var body: [WordDocument.Paragraph] = w.issuingBodyLines.map { spaced(centred(bold($0.uppercased(), size: 26)), before: 0, after: 0) }
        var rule = WordDocument.Paragraph([])
        rule.ruleInset = left * 3 / 10
        rule.spacingAfter = 120
        rule.lineSpacing = 120
        body.append(rule)
        body.append(spaced(centred(WordDocument.Paragraph("Số:        /QĐ-UBND", size: 26)), before: 60, after: 0))
        var nation = [spaced(centred(bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size: 26)), before: 0, after: 0),
                      spaced(centred(bold("Độc lập - Tự do - Hạnh phúc", size: 28)), before: 0, after: 0)]
        var motto = WordDocument.Paragraph([])
        motto.ruleInset = right * 22 / 100
        motto.spacingAfter = 120
        motto.lineSpacing = 120
        nation.append(motto)
        nation.append(spaced(centred(italic(w.dateLine, size: 28)), before: 60, after: 0))
        return WordDocument.Table(widths: [left, right], rows: [[WordDocument.TableCell(paragraphs: body), WordDocument.TableCell(paragraphs: nation)]],
                                  borders: false)
    }

    private static func signature(_ w: DraftWords, width: Int) -> WordDocument.Table {
        let left = width / 2, right = width - left
        var recipients = [spaced(WordDocument.Paragraph([WordDocument.Run(text: "Nơi nhận:", bold: true, italic: true, size: 24)], alignment: .left), before: 240, after: 0)]
        recipients += w.recipients.map { spaced(WordDocument.Paragraph("- " + $0, size: 22, alignment: .left), before: 0, after: 0) }
        var signer = w.signer.enumerated().map { i, line in spaced(centred(bold(line.uppercased(), size: 28)), before: i == 0 ? 240 : 0, after: 0) }
        // Room for the signature and the seal.
        for _ in 0..<4 { signer.append(spaced(WordDocument.Paragraph([]), before: 0, after: 0)) }
        if !w.signerName.isEmpty { signer.append(centred(bold(w.signerName, size: 28))) }
        return WordDocument.Table(widths: [left, right], rows: [[WordDocument.TableCell(paragraphs: recipients), WordDocument.TableCell(paragraphs: signer)]],
                                  borders: false)
    }

    // MARK: Annex

    /// The columns of one change type's table, as the publication form has them.
    static func columns(_ change: ChangeType) -> [(title: String, share: Int)] {
        switch change {
        case .new, .amended:
            [("STT", 5), ("Mã TTHC", 10), ("Tên thủ tục hành chính", 26), ("Thời hạn giải quyết", 14),
             ("Địa điểm thực hiện", 16), ("Phí, lệ phí", 12), ("Căn cứ pháp lý", 17)]
        case .replaced:
            [("STT", 5), ("Mã TTHC", 9), ("Tên thủ tục hành chính", 22), ("Mã TTHC được thay thế", 9),
             ("Thời hạn giải quyết", 13), ("Địa điểm thực hiện", 14), ("Phí, lệ phí", 11), ("Căn cứ pháp lý", 17)]
        case .abolished:
            [("STT", 5), ("Mã TTHC", 12), ("Tên thủ tục hành chính", 43), ("Văn bản quy định việc bãi bỏ", 40)]
        }
    }

    static func cells(_ e: PublicationDraft.Entry, number: Int) -> [String] {
        let code = e.code?.raw ?? "Chưa có mã"
        switch e.change {
        case .new, .amended:
            return ["\(number)", code, e.name, e.processingTime ?? "", e.place ?? "", e.fees ?? "", e.legalBasis ?? ""]
        case .replaced:
            return ["\(number)", code, e.name, e.replaces.map(\.raw).joined(separator: ", "), e.processingTime ?? "",
                    e.place ?? "", e.fees ?? "", e.legalBasis ?? ""]
        case .abolished:
            return ["\(number)", code, e.name, e.legalBasis ?? "Quyết định số \(e.decision) của \(e.issuer)"]
        }
    }

    private static func annexTable(_ change: ChangeType, _ entries: [PublicationDraft.Entry], width: Int) -> WordDocument.Table {
        let columns = columns(change)
        let total = columns.reduce(0) { $0 + $1.share }
        var widths = columns.map { width * $0.share / total }
        widths[2] += width - widths.reduce(0, +)
        // The header row and the level and field rows are kept with the row after them, so
        // that no page ends on a heading.
        func cell(_ text: String, bold isBold: Bool = false, centred isCentred: Bool = false, keep: Bool = false) -> WordDocument.TableCell {
            var p = WordDocument.Paragraph(text, bold: isBold, size: 24, alignment: isCentred ? .center : .left)
            p.spacingBefore = 40
            p.spacingAfter = 40
            p.keepWithNext = keep
            return WordDocument.TableCell(paragraphs: [p])
        }
        var rows: [[WordDocument.TableCell]] = [columns.map { var c = cell($0.title, bold: true, centred: true, keep: true); c.shaded = true; return c }]
        var level: [AdministrativeLevel]? = nil
        var field: String?? = nil
        var groups = 0
        for (i, e) in entries.enumerated() {
            if e.levels != level {
                level = e.levels
                field = nil
                var c = cell(letter(groups) + ". " + DraftWords.levelHeading(e.levels).uppercased(), bold: true, keep: true)
                c.span = columns.count
                rows.append([c])
                groups += 1
            }
            if e.field != field {
                field = e.field
                if let name = e.field {
                    var heading = spaced(WordDocument.Paragraph(
                        [WordDocument.Run(text: "Lĩnh vực " + DraftWords.lowercasedFirst(name), bold: true, italic: true, size: 24)],
                        alignment: .left), before: 40, after: 40)
                    heading.keepWithNext = true
                    var c = WordDocument.TableCell(paragraphs: [heading])
                    c.span = columns.count
                    rows.append([c])
                }
            }
            rows.append(cells(e, number: i + 1).enumerated().map { j, text in cell(text, centred: j == 0) })
        }
        return WordDocument.Table(widths: widths, rows: rows, headerRows: 1)
    }

    // MARK: Paragraph helpers

    private static func bold(_ s: String, size: Int? = nil) -> WordDocument.Paragraph { WordDocument.Paragraph(s, bold: true, size: size) }
    private static func italic(_ s: String, size: Int? = nil) -> WordDocument.Paragraph { WordDocument.Paragraph(s, italic: true, size: size) }

    private static func centred(_ p: WordDocument.Paragraph) -> WordDocument.Paragraph {
        var p = p
        p.alignment = .center
        return p
    }

    private static func spaced(_ p: WordDocument.Paragraph, before: Int, after: Int) -> WordDocument.Paragraph {
        var p = p
        p.spacingBefore = before
        p.spacingAfter = after
        return p
    }

    /// A body paragraph: justified, first line indented 1.27 cm, 6 pt after, 1.2 lines.
    private static func text(_ s: String, italic: Bool = false) -> WordDocument.Paragraph {
        var p = WordDocument.Paragraph(s, italic: italic)
        p.firstLineIndent = 720
        p.spacingAfter = 120
        p.lineSpacing = 288
        return p
    }

    static func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, out = ""
        for (v, s) in table { while n >= v { out += s; n -= v } }
        return out
    }

    static func letter(_ n: Int) -> String { n < 26 ? String(UnicodeScalar(UInt8(65 + n))) : "\(n + 1)" }
}

extension PublicationDraft {
    /// The draft as the bytes of a .docx file: the same draft always gives the same bytes.
    public func docx() -> [UInt8] { DraftDocument.word(self).archive() }
}
