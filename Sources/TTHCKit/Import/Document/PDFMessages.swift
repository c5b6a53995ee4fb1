/// What the PDF reader says when a file cannot be read, in both languages, in one place.
enum PDFMessages {
    static func diagnostic(_ failure: PDFFailure, file: String) -> Diagnostic {
        let at = SourceLocation(file: file)
        switch failure {
        case .encrypted:
            return Diagnostic(.error, .pdfEncrypted, at: at, LocalizedText(
                vi: "tệp PDF được mã hoá (cần mật khẩu): không đọc được; hãy xin bản không đặt mật khẩu hoặc tệp Word",
                en: "the PDF is encrypted (a password is needed): it cannot be read; ask for a copy without a password, or the Word file"))
        case .damaged(let message):
            return Diagnostic(.error, .pdfDamaged, at: at, LocalizedText(
                vi: "không phải tệp PDF đọc được (hỏng hoặc không phải PDF) — poppler báo: \(message)",
                en: "not a readable PDF (damaged, or not a PDF at all): \(message)"))
        case .failed(let message):
            return Diagnostic(.error, .pdfUnreadable, at: at, LocalizedText(
                vi: "không đọc được tệp PDF — poppler báo: \(message)",
                en: "cannot read the PDF: \(message)"))
        case .tooManyPages(let count):
            return Diagnostic(.error, .pdfTooManyPages, at: at, LocalizedText(
                vi: "tệp PDF có \(count) trang, quá giới hạn \(PDFDocumentReader.maximumPages) trang; hãy tách riêng phần phụ lục",
                en: "the PDF has \(count) pages, more than the limit of \(PDFDocumentReader.maximumPages); cut out the annex"))
        case .tooManyWords(let page, let count):
            return Diagnostic(.error, .pdfTooManyWords, at: SourceLocation(file: file, line: page, column: count), LocalizedText(
                vi: "trang \(page) có hơn \(PDFDocumentReader.maximumWordsPerPage) từ: quá giới hạn, không đọc tiếp",
                en: "page \(page) holds more than \(PDFDocumentReader.maximumWordsPerPage) words: over the limit, reading stopped"))
        case .tooDense(let page):
            return Diagnostic(.error, .pdfTooManyWords, at: SourceLocation(file: file, line: page), LocalizedText(
                vi: "các trang của tệp PDF có quá nhiều từ (tính đến trang \(page)): sắp xếp chữ của chúng sẽ mất nhiều phút, trong khi trang phụ lục thật chỉ có vài trăm từ; không đọc tiếp",
                en: "the PDF's pages hold too many words (by page \(page)): laying them out would take minutes, where real annex pages hold a few hundred; reading stopped"))
        }
    }

    static func noTextLayer(pages: Int) -> LocalizedText {
        LocalizedText(
            vi: "tệp PDF không có lớp chữ (\(pages) trang, có lẽ là bản quét): hãy xin tệp Word, hoặc nhận dạng chữ (OCR) trước",
            en: "the PDF has no text layer (\(English.count(pages, "page")), a scan perhaps): ask for the Word file, or OCR it first")
    }
}
