/// Every word of `tthc inspect` (``InspectReport``, ``ValueOrigin/described(_:)``, the
/// decision's own number and dates) and of `tthc import`, which shows the same reading
/// (its plan, ``ImportPlan/described(_:written:)``, and the comments it writes into a
/// listing, ``DecisionXMLWriter``), one table per language.
///
/// Domain labels the model owns (`ChangeType.label`, `AdministrativeLevel.label`,
/// `ProcedureCode.label`) are used as they are.
struct InspectStrings: StringTable {
    var language: Language

    // The reading
    /// "d.csv: 3 thủ tục, 1 bảng, 0 dòng không đọc được"
    var summary: @Sendable (_ file: String, _ procedures: Int, _ tables: Int, _ unread: Int) -> String
    var snapshot: @Sendable (_ listed: Int) -> String
    var notAPublication: @Sendable (_ kind: String) -> String
    var titleRow: String
    var table: @Sendable (_ number: Int, _ headerLines: String) -> String
    var code: String
    var change: String
    var levels: String
    var field: String
    var replaces: String
    var notStated: String
    var listedHeading: String
    var unplacedHeading: String
    var doubtsHeading: String

    // Where a value came from (``ValueOrigin``); `place` is "line:column".
    var fromCell: @Sendable (_ header: String, _ place: String) -> String
    var fromNameCell: @Sendable (_ place: String) -> String
    var fromNotes: @Sendable (_ place: String) -> String
    var fromSection: @Sendable (_ line: Int, _ text: String) -> String
    var fromTitle: @Sendable (_ line: Int, _ text: String) -> String
    var fromDecisionTitle: @Sendable (_ text: String) -> String
    var fromColumnHeader: @Sendable (_ header: String) -> String
    var fromReplacedCode: String

    // What the decision says about itself
    var decisionHeading: String
    var number: String
    var issuer: String
    var place: String
    var issued: String
    var effective: String
    var decisionTitle: String
    var date: @Sendable (CivilDate) -> String
    var leftBlank: String
    var notFound: String
    var onSigning: String

    // The comments of a listing `tthc import` writes
    var readBy: @Sendable (_ source: String) -> String
    var notReadAsProcedure: String

    // What `tthc import` adds, or would add
    var importInto: @Sendable (_ catalogue: String) -> String
    var counts: @Sendable (_ changes: Int, _ listed: Int) -> String
    var newListing: String
    var newRegisterRow: String
    var registerLine: @Sendable (Int) -> String
    var leftForLegalDesk: String
    var registerLacksColumn: @Sendable (_ name: String) -> String
    var written: @Sendable (_ listings: Int) -> String
    var nothingWritten: @Sendable (_ errors: Int) -> String
    var nothingWrittenYet: String

    static let vietnamese = InspectStrings(
        language: .vi,
        summary: { file, n, t, u in "\(file): \(n) thủ tục, \(t) bảng, \(u) dòng không đọc được" },
        snapshot: { l in "Danh sách đầy đủ (ảnh chụp danh mục quốc gia): \(l) thủ tục đang có hiệu lực, không kèm thay đổi." },
        notAPublication: { kind in "Không phải quyết định công bố TTHC: \(kind)." },
        titleRow: "Tiêu đề: ",
        table: { i, header in "Bảng \(i), dòng tiêu đề \(header):" },
        code: "mã",
        change: "loại thay đổi",
        levels: "cấp thực hiện",
        field: "lĩnh vực",
        replaces: "thay thế",
        notStated: "không ghi",
        listedHeading: "Thủ tục đang có hiệu lực trong danh sách:",
        unplacedHeading: "Dòng không đọc được thành thủ tục:",
        doubtsHeading: "Lỗi và nghi vấn:",
        fromCell: { header, place in "cột \"\(header)\" (\(place))" },
        fromNameCell: { place in "trong ô tên (\(place))" },
        fromNotes: { place in "cột ghi chú (\(place))" },
        fromSection: { line, text in "dòng mục ở dòng \(line): \"\(text)\"" },
        fromTitle: { line, text in "tiêu đề ở dòng \(line): \"\(text)\"" },
        fromDecisionTitle: { text in "trích yếu quyết định: \"\(text)\"" },
        fromColumnHeader: { header in "tiêu đề cột \"\(header)\"" },
        fromReplacedCode: "có mã TTHC được thay thế",
        decisionHeading: "Quyết định (đọc từ văn bản):",
        number: "số",
        issuer: "cơ quan ban hành",
        place: "nơi ban hành",
        issued: "ngày ban hành",
        effective: "ngày hiệu lực",
        decisionTitle: "trích yếu",
        date: { $0.vietnamese },
        leftBlank: "để trống",
        notFound: "không tìm thấy",
        onSigning: "kể từ ngày ký",
        readBy: { source in "đọc bằng tthc import từ " + source },
        notReadAsProcedure: "không đọc được thành thủ tục",
        importInto: { catalogue in "Nhập vào \(catalogue):" },
        counts: { n, l in "\(n) thủ tục thay đổi" + (l > 0 ? ", \(l) thủ tục trong danh sách" : "") },
        newListing: "  tệp danh mục mới: ",
        newRegisterRow: "  dòng mới trong sổ theo dõi",
        registerLine: { n in ", dòng \(n)" },
        leftForLegalDesk: "  để bộ phận pháp chế điền: ngày cập nhật CSDL quốc gia và ngày nhận (cột \"Ngày cập nhật CSDLQG\", \"Ngày nhận\" của dòng mới): văn bản không thể ghi các ngày này",
        registerLacksColumn: { name in "Sổ theo dõi không có cột \"\(name)\": giá trị này không được ghi vào sổ." },
        written: { files in "Đã ghi \(files) tệp danh mục và sổ theo dõi; xem lại bằng git diff." },
        nothingWritten: { errors in "Không ghi gì: \(errors) lỗi." },
        nothingWrittenYet: "Chưa ghi gì (thêm --write để ghi)."
    )

    static let english = InspectStrings(
        language: .en,
        summary: { file, n, t, u in
            "\(file): \(English.count(n, "procedure")), \(English.count(t, "table")), \(English.count(u, "row")) not read"
        },
        snapshot: { l in "A full snapshot (of the national database): \(English.count(l, "procedure")) in force, no change announced." },
        notAPublication: { kind in "Not a publication decision: \(kind)." },
        titleRow: "Title: ",
        table: { i, header in "Table \(i), header at line \(header):" },
        code: "code",
        change: "change",
        levels: "levels",
        field: "field",
        replaces: "replaces",
        notStated: "not stated",
        listedHeading: "Procedures in force in the list:",
        unplacedHeading: "Rows not read as procedures:",
        doubtsHeading: "Errors and doubts:",
        fromCell: { header, place in "column \"\(header)\" (\(place))" },
        fromNameCell: { place in "inside the name cell (\(place))" },
        fromNotes: { place in "notes column (\(place))" },
        fromSection: { line, text in "section row at line \(line): \"\(text)\"" },
        fromTitle: { line, text in "title at line \(line): \"\(text)\"" },
        fromDecisionTitle: { text in "decision title: \"\(text)\"" },
        fromColumnHeader: { header in "column header \"\(header)\"" },
        fromReplacedCode: "a replaced code is given",
        decisionHeading: "The decision (read from the document):",
        number: "number",
        issuer: "issuer",
        place: "place",
        issued: "issued",
        effective: "effective",
        decisionTitle: "title",
        date: { $0.iso },
        leftBlank: "left blank",
        notFound: "not found",
        onSigning: "on signing",
        readBy: { source in "read by tthc import from " + source },
        notReadAsProcedure: "not read as a procedure",
        importInto: { catalogue in "Import into \(catalogue):" },
        counts: { n, l in English.count(n, "change") + (l > 0 ? ", \(English.count(l, "procedure")) listed" : "") },
        newListing: "  new listing: ",
        newRegisterRow: "  new register row",
        registerLine: { n in ", line \(n)" },
        leftForLegalDesk: "  left for the legal desk: the national database update date and the received date (columns \"Ngày cập nhật CSDLQG\", \"Ngày nhận\" of the new row): no document can give them",
        registerLacksColumn: { name in "The register has no column \"\(name)\": that value is not written into it." },
        written: { files in "Written: \(English.count(files, "listing")) and the register; review them with git diff." },
        nothingWritten: { errors in "Nothing written: \(English.count(errors, "error"))." },
        nothingWrittenYet: "Nothing written yet (add --write to write)."
    )
}

extension SourceLocation {
    /// "line:column" (0 for a part not known), as `inspect` and the import comments show a
    /// place inside the file they are about.
    var lineAndColumn: String { "\(line ?? 0):\(column ?? 0)" }
}
