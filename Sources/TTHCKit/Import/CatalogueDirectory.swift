import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Everything a catalogue directory holds, read and cross-checked.
public struct CatalogueData: Sendable {
    public var settings: Settings
    /// Every decision, CSV listings completed with their register row's number, issuer and
    /// dates; in the order they take effect (``Decision/precedes(_:_:)``).
    public var decisions: [Decision]
    /// The register rows, in file order.
    public var register: [RegisterEntry]
    /// The province's catalogue: the `local/` files concatenated in name order.
    public var catalogue: Catalogue
    /// `holidays/overrides.yaml` when present.
    public var holidayOverrides: InputFile?
    /// The working calendar with `holidays/overrides.yaml` applied (parsed during the
    /// load like every other file, so `validate` reports its problems too).
    public var calendar: WorkingCalendar
    /// Decision listings that could not be read (each with its errors); `decisions` holds
    /// every other one. Errors anywhere else leave no usable data at all.
    public var unreadListings: [UnreadListing]

    public init(settings: Settings, decisions: [Decision], register: [RegisterEntry], catalogue: Catalogue,
                holidayOverrides: InputFile?, calendar: WorkingCalendar = .standard(), unreadListings: [UnreadListing] = []) {
        self.settings = settings
        self.decisions = decisions
        self.register = register
        self.catalogue = catalogue
        self.holidayOverrides = holidayOverrides
        self.calendar = calendar
        self.unreadListings = unreadListings
    }

    /// True when every error in `diagnostics` belongs to an unread listing: the run can
    /// still report every other decision (and must name the unread ones).
    public func errorsAreConfinedToListings(_ diagnostics: [Diagnostic]) -> Bool {
        let confined = Set(unreadListings.flatMap(\.errors))
        return diagnostics.allSatisfy { $0.severity != .error || confined.contains($0) }
    }
}

/// Reads a catalogue directory (`catalogs/` by default): `settings.yaml`, `register.csv`,
/// `decisions/*.csv|*.xlsx|*.docx|*.xml`, `local/*.csv|*.xlsx|*.xml`, `holidays/overrides.yaml`.
///
/// Every file is read even when an earlier one has errors, so one run reports every
/// problem; the diagnostics come back sorted by file, line and column. Across files it
/// checks that each CSV listing has a register row naming it (the listing carries no
/// number or dates of its own), that every listing file the register names exists, and
/// that no decision is given twice.
public enum CatalogueDirectory {
    /// Reads the directory. The value is nil when an error leaves nothing usable; when every
    /// error only keeps some decision listings from being read, the value is kept, without
    /// those decisions, and names them in ``CatalogueData/unreadListings``.
    public static func load(_ dir: URL, displayPath: String) -> ReadResult<CatalogueData> {
        var loader = Loader(root: dir, displayRoot: displayPath)
        let data = loader.load()
        var engine = DiagnosticEngine()
        engine.emit(contentsOf: loader.diagnostics)
        // Errors that only keep some listings from being read leave the rest usable: the
        // value lists those listings, and callers decide whether to go on without them.
        if let data, engine.hasErrors, data.errorsAreConfinedToListings(engine.diagnostics) {
            return ReadResult(partial: data, diagnostics: engine.sorted)
        }
        return ReadResult(value: data, diagnostics: engine.sorted)
    }

    /// Extensions of files staff drop into the folders by mistake and that are not read.
    static let officeExtensions: Set<String> = ["xlsx", "xls", "xlsm", "ods", "doc", "docx", "odt"]
}

private struct Loader {
    let root: URL
    let displayRoot: String
    var diagnostics: [Diagnostic] = []
    /// Decision numbers (folded) already reported as given twice in the register.
    var reportedDuplicates: Set<String> = []
    /// Listing files named by register rows that had errors.
    var listingsOfBadRegisterRows: Set<String> = []

    init(root: URL, displayRoot: String) {
        self.root = root
        var display = displayRoot
        while display.count > 1, display.hasSuffix("/") { display.removeLast() }
        self.displayRoot = display
        canonicalRoot = realpath(root.path, nil).map { real in
            defer { free(real) }
            return String(cString: real)
        }
    }

    /// The path diagnostics print for a path relative to the catalogue directory.
    func display(_ relative: String) -> String {
        displayRoot.isEmpty || displayRoot == "." ? relative : displayRoot + "/" + relative
    }

    func exists(_ relative: String, directory: Bool = false) -> Bool {
        var isDirectory: ObjCBool = false
        let found = FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &isDirectory)
        return found && isDirectory.boolValue == directory
    }

    /// True when anything is at `relative`: a file, a directory or a special file. The
    /// catalogue's own files use this rather than ``exists(_:directory:)`` so that a
    /// directory named `register.csv` is reported, not taken for a missing file.
    func present(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path)
    }

    mutating func readFile(_ relative: String) -> InputFile? {
        switch opened(relative) {
        case .success(let file): return file
        case .failure(let errors):
            diagnostics += errors.diagnostics
            return nil
        }
    }

    /// A file of the catalogue read whole, or the errors that keep it from being read.
    /// Changes nothing, so the files of a folder can be read on several threads.
    func opened(_ relative: String) -> Result<InputFile, Unopened> {
        switch checked(relative) {
        case .failure(let error): return .failure(error)
        case .success:
            do {
                return .success(try InputFile.read(root.appendingPathComponent(relative), displayPath: display(relative)))
            } catch {
                return .failure(Unopened(diagnostics: error.diagnostics))
            }
        }
    }

    /// Why a file of the catalogue was not read.
    struct Unopened: Error {
        var diagnostics: [Diagnostic]
    }

    /// The absolute path of a file of the catalogue, or nil (with the error) when it is a
    /// link out of the catalogue directory (see ``insideCatalogue(_:)``). Opening it (a
    /// missing file, a special file, the size limit) is the reader's to check.
    mutating func checkedPath(_ relative: String) -> String? {
        switch checked(relative) {
        case .success(let path): return path
        case .failure(let error):
            diagnostics += error.diagnostics
            return nil
        }
    }

    /// ``checkedPath(_:)`` without recording the error.
    func checked(_ relative: String) -> Result<String, Unopened> {
        let path = root.appendingPathComponent(relative).path
        var target = stat()
        if stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG, !insideCatalogue(path) {
            return .failure(Unopened(diagnostics: [Self.linkOutside(at: SourceLocation(file: display(relative)))]))
        }
        return .success(path)
    }

    /// Regular, non-hidden files in a subdirectory, sorted by name. Anything there that
    /// cannot be read is an error, never a silent gap in the data: a subdirectory that
    /// cannot be listed, a symbolic link that leads nowhere, in a loop, or out of the
    /// catalogue directory (see ``insideCatalogue(_:)``), a FIFO, socket or device.
    /// Subdirectories inside it are not read (a warning says so).
    mutating func files(in subdirectory: String) -> [String] {
        let dirURL = root.appendingPathComponent(subdirectory)
        var info = stat()
        guard lstat(dirURL.path, &info) == 0 else { return [] }
        guard exists(subdirectory, directory: true) else {
            diagnostics.append(Diagnostic(.error, .catalogueNotADirectory, at: SourceLocation(file: display(subdirectory)), LocalizedText(
                vi: "\(subdirectory) phải là một thư mục", en: "\(subdirectory) must be a directory")))
            return []
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: dirURL.path)
        } catch {
            let reason = String(cString: strerror(errno == 0 ? EACCES : errno))
            diagnostics.append(Diagnostic(.error, .catalogueUnreadableDirectory, at: SourceLocation(file: display(subdirectory)), LocalizedText(
                vi: "không đọc được thư mục: \(reason)", en: "cannot read the directory: \(reason)")))
            return []
        }
        var out: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let relative = subdirectory + "/" + name
            let path = root.appendingPathComponent(relative).path
            let at = SourceLocation(file: display(relative))
            var target = stat()
            guard stat(path, &target) == 0 else {
                let reason = String(cString: strerror(errno))
                diagnostics.append(Diagnostic(.error, .fileBrokenLink, at: at, LocalizedText(
                    vi: "liên kết tượng trưng không dẫn tới tệp nào đọc được: \(reason)",
                    en: "a symbolic link that leads to no readable file: \(reason)")))
                continue
            }
            switch target.st_mode & S_IFMT {
            case S_IFREG:
                guard insideCatalogue(path) else {
                    diagnostics.append(Self.linkOutside(at: at))
                    continue
                }
                out.append(relative)
            case S_IFDIR:
                diagnostics.append(Diagnostic(.warning, .catalogueSubdirectory, at: at, LocalizedText(
                    vi: "thư mục con không được đọc; hãy đặt tệp trực tiếp trong \(subdirectory)/",
                    en: "subdirectories are not read; put the files directly in \(subdirectory)/")))
            default:
                diagnostics.append(InputFile.notRegular(at: at))
            }
        }
        return out
    }

    /// A file of the catalogue that is a link out of it (see ``insideCatalogue(_:)``).
    static func linkOutside(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, .fileLinkOutside, at: location, LocalizedText(
            vi: "liên kết tượng trưng trỏ ra ngoài thư mục danh mục; tthc chỉ đọc tệp nằm trong thư mục danh mục (hãy chép tệp vào đây)",
            en: "a symbolic link that leads out of the catalogue directory; tthc reads only files inside it (copy the file in instead)"))
    }

    /// The canonical catalogue directory, to which every file read must belong once its
    /// links are resolved: a link committed to the catalogue repository must not make CI
    /// read (and publish in its report) any file the job can read.
    let canonicalRoot: String?

    func insideCatalogue(_ path: String) -> Bool {
        guard let rootPath = canonicalRoot, let real = realpath(path, nil) else { return false }
        defer { free(real) }
        let resolved = String(cString: real)
        return resolved.hasPrefix(rootPath == "/" ? "/" : rootPath + "/")
    }

    static func pathExtension(_ path: String) -> String {
        (path as NSString).pathExtension.lowercased()
    }

    mutating func load() -> CatalogueData? {
        guard exists("", directory: true) else {
            diagnostics.append(Diagnostic(.error, .catalogueMissing, at: SourceLocation(file: displayRoot), LocalizedText(
                vi: "không tìm thấy thư mục danh mục (dùng --catalogs để chỉ đường dẫn)",
                en: "no such catalogue directory (use --catalogs to point at it)")))
            return nil
        }
        var settings = Settings()
        if present("settings.yaml"), let file = readFile("settings.yaml") {
            let result = SettingsReader.read(file)
            diagnostics += result.diagnostics
            if let value = result.value { settings = value }
        }
        var register: [RegisterEntry] = []
        if present("register.csv"), let file = readFile("register.csv") {
            let result = RegisterCSVReader.readRows(file)
            diagnostics += result.diagnostics
            // The good rows still name their listings; a row with an error already has its
            // own diagnostic, so its listing is not reported again as named by no row.
            register = result.entries
            listingsOfBadRegisterRows = result.listingsOfBadRows
        }
        checkRegisterDuplicates(register)

        let listings = files(in: "decisions")
        // XML listings, the form of large ones, are parsed on every core first; everything
        // else about a listing (its register row, the order of its diagnostics) is done
        // below, one listing after another in name order.
        let loader = self
        let streamed = listings.concurrentMap { path in
            Self.pathExtension(path) == "xml" ? loader.streamXML(path, pipelined: Self.eachOnOneThread(listings.count)) : nil
        }
        var decisions: [Decision] = []
        var unread: [UnreadListing] = []
        for (path, streamed) in zip(listings, streamed) {
            let before = diagnostics.count
            var decision: Decision?
            switch Self.pathExtension(path) {
            // Where each value came from is for `tthc inspect`: not kept here.
            case "csv": decision = readTableListing(path, register: register) { file, effective, title, snapshot in
                DecisionCSVReader.interpret(file, effectiveDate: effective, decisionTitle: title, snapshot: snapshot, keepsOrigins: false)
            }
            case "xlsx": decision = readTableListing(path, register: register) { file, effective, title, snapshot in
                DecisionXLSXReader.interpret(file, effectiveDate: effective, decisionTitle: title, snapshot: snapshot, keepsOrigins: false)
            }
            case "docx": decision = readWordListing(path, register: register)
            case "xml": decision = readXMLListing(path, streamed!, register: register)
            case "html", "htm", "pdf": decision = readDocumentListing(path, register: register)
            default:
                ignored(path)
                continue
            }
            let errors = diagnostics[before...].filter { $0.severity == .error }
            if let decision, errors.isEmpty {
                decisions.append(decision)
            } else {
                // The run goes on without this decision and names it; its errors (at the
                // listing or at its register row) stay where they are.
                let file = display(path)
                unread.append(UnreadListing(file: file, errors: diagnostics[before...].filter { $0.severity == .error }
                    .sorted { $0.location < $1.location }))
            }
        }
        checkRegisterListingFiles(register, listings: Set(listings))
        checkDuplicateDecisions(decisions)

        // The local files are read on every core and taken in name order.
        var entries: [LocalEntry] = []
        let localFiles = files(in: "local")
        let readings = localFiles.concurrentMap { path in loader.readLocal(path, pipelined: Self.eachOnOneThread(localFiles.count)) }
        for (path, reading) in zip(localFiles, readings) {
            guard let reading else {
                ignored(path)
                continue
            }
            diagnostics += reading.diagnostics
            take(reading.value?.entries ?? [], into: &entries)
        }

        var overrides: InputFile?
        if present("holidays/overrides.yaml") { overrides = readFile("holidays/overrides.yaml") }
        let calendar = WorkingCalendar.read(overrideFile: overrides)
        diagnostics += calendar.diagnostics

        // Said when nothing else is wrong: with errors, those explain the emptiness.
        if decisions.isEmpty, unread.isEmpty, entries.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(Diagnostic(.warning, .catalogueEmpty, at: SourceLocation(file: displayRoot), LocalizedText(
                vi: "thư mục danh mục không có quyết định nào (decisions/) và không có thủ tục nào (local/): không có gì để đối chiếu hay kiểm tra",
                en: "the catalogue directory holds no decision (decisions/) and no procedure (local/): there is nothing to reconcile or check")))
        }
        decisions.sort(by: Decision.precedes)
        return CatalogueData(settings: settings, decisions: decisions, register: register,
                             catalogue: Catalogue(entries: entries), holidayOverrides: overrides,
                             calendar: calendar.value ?? .standard(), unreadListings: unread)
    }

    /// Adds a file's entries; the first file's array is taken as it is, not copied.
    func take(_ read: [LocalEntry], into entries: inout [LocalEntry]) {
        if entries.isEmpty { entries = read } else { entries += read }
    }

    mutating func ignored(_ path: String) {
        let ext = Self.pathExtension(path)
        let message: LocalizedText
        if let refusal = OfficeFormats.refusal(extension: ext) {
            message = refusal
        } else if path.hasPrefix("local/"), ["pdf", "html", "htm"].contains(ext) {
            message = LocalizedText(vi: "danh mục của tỉnh (local/) chỉ đọc từ tệp .csv, .xlsx hoặc .xml; hãy chép bảng sang Excel và lưu dạng .xlsx",
                                    en: "the local catalogue (local/) is read from .csv, .xlsx or .xml files only; copy the table into Excel and save it as .xlsx")
        } else if ext == "docx" {
            message = LocalizedText(vi: "danh mục của tỉnh (local/) chỉ đọc từ tệp .csv, .xlsx hoặc .xml; hãy chép bảng Word sang Excel và lưu dạng .xlsx",
                                    en: "the local catalogue (local/) is read from .csv, .xlsx or .xml files only; copy the Word table into Excel and save it as .xlsx")
        } else if CatalogueDirectory.officeExtensions.contains(ext) {
            message = LocalizedText(vi: "tệp .\(ext) không được đọc; hãy lưu bảng dạng .xlsx, .docx hoặc CSV UTF-8 (Excel: File › Save As › CSV UTF-8)",
                                    en: ".\(ext) files are not read; save the table as .xlsx, .docx or CSV UTF-8 (Excel: File › Save As › CSV UTF-8)")
        } else {
            message = LocalizedText(vi: "tệp bị bỏ qua: chỉ đọc tệp .csv, .xlsx, .docx, .html, .pdf và .xml",
                                    en: "file ignored: only .csv, .xlsx, .docx, .html, .pdf and .xml files are read")
        }
        diagnostics.append(Diagnostic(.warning, .catalogueIgnoredFile, at: SourceLocation(file: display(path)), message))
    }

    /// The register rows whose listing file is `path` (relative to the catalogue directory;
    /// a bare file name means the file in `decisions/`).
    func registerRows(naming path: String, in register: [RegisterEntry]) -> [RegisterEntry] {
        register.filter { entry in entry.listingFile.map { Self.listing($0, names: path) } ?? false }
    }

    /// Whether a register's "Tệp danh mục" value names the file at `path` (relative to the
    /// catalogue directory): the same path, or a bare file name for the file in `decisions/`.
    static func listing(_ listing: String, names path: String) -> Bool {
        listing == path || (!listing.contains("/") && "decisions/" + listing == path)
    }

    /// A listing that is only a table (CSV, a workbook): its number, issuer and dates come
    /// from the register row that names it.
    mutating func readTableListing(_ path: String, register: [RegisterEntry],
                                   _ interpret: (InputFile, CivilDate?, String?, Bool) -> AnnexReading) -> Decision? {
        guard let file = readFile(path) else { return nil }
        let rows = registerRows(naming: path, in: register)
        let entry = rows.first
        let reading = interpret(file, entry?.effective, entry?.title, entry?.isFullSnapshot ?? false)
        diagnostics += reading.diagnostics
        let result = ReadResult(value: reading.changes, diagnostics: reading.diagnostics)
        guard let entry else {
            if listingsOfBadRegisterRows.contains(where: { Self.listing($0, names: path) }) {
                return nil
            }
            let kind = Self.pathExtension(path) == "csv" ? LocalizedText(vi: "CSV", en: "a CSV listing")
                : LocalizedText(vi: "Excel", en: "an Excel listing")
            diagnostics.append(Diagnostic(.error, .catalogueListingUnregistered, at: SourceLocation(file: display(path)), LocalizedText(
                vi: "không có dòng nào trong register.csv ghi tệp này ở cột \"Tệp danh mục\"; danh mục \(kind.vi) lấy số quyết định, cơ quan ban hành và các ngày từ sổ theo dõi, hãy thêm một dòng với Tệp danh mục = \(path)",
                en: "no row of register.csv names this file in its \"listing file\" column; \(kind.en) takes its decision number, issuer and dates from the register, so add a row with listing file = \(path)")))
            return nil
        }
        for extra in rows.dropFirst() {
            diagnostics.append(Diagnostic(.error, .catalogueListingRegisteredTwice, at: extra.location, LocalizedText(
                vi: "tệp danh mục \(path) đã được ghi ở dòng \(entry.location.line ?? 0) của sổ theo dõi",
                en: "the listing file \(path) is already named on line \(entry.location.line ?? 0) of the register")))
        }
        guard let changes = result.value else { return nil }
        var decision = Decision(
            number: entry.decisionNumber, issuer: entry.issuer, issued: entry.issued, effective: entry.effective,
            nationalDatabase: entry.nationalDatabase, received: entry.received, changes: changes,
            isFullSnapshot: entry.isFullSnapshot || reading.isSnapshot, source: SourceLocation(file: display(path)))
        decision.unplacedRows = reading.unplaced
        decision.listed = reading.listed
        return decision
    }

    /// A saved web page or a PDF: see ``CatalogueDirectory/documentDecision(_:path:display:entry:)``.
    mutating func readDocumentListing(_ path: String, register: [RegisterEntry]) -> Decision? {
        guard let file = readFile(path), let kind = DocumentListingReader.kind(forPath: path) else { return nil }
        let rows = registerRows(naming: path, in: register)
        let entry = rows.first
        let reading = DocumentListingReader.read(file, kind: kind, decisionTitle: entry?.title, effectiveDate: entry?.effective,
                                                 snapshot: entry?.isFullSnapshot ?? false, keepsOrigins: false)
        diagnostics += reading.annex.diagnostics
        guard !reading.annex.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        let (decision, more) = CatalogueDirectory.documentDecision(reading, path: path, display: display(path), entry: entry)
        diagnostics += more
        return decision
    }

    /// A Word decision says its own number, issuer, issue and effective dates
    /// (``DecisionHeader``); a register row (naming the file, or with the same number)
    /// gives what it leaves out, and always the national-database and received dates,
    /// which no decision can know. Dates both give differently are a warning (the document
    /// wins); the register's issuer, as a clerk wrote it, is preferred to the capitals of
    /// the document's header.
    mutating func readWordListing(_ path: String, register: [RegisterEntry]) -> Decision? {
        guard let file = readFile(path) else { return nil }
        let byFile = registerRows(naming: path, in: register).first
        let reading = DecisionDOCXReader.interpret(file, effectiveDate: byFile?.effective, decisionTitle: byFile?.title,
                                                   snapshot: byFile?.isFullSnapshot ?? false, keepsOrigins: false)
        diagnostics += reading.diagnostics
        guard !reading.diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        let header = reading.decisionHeader ?? DecisionHeader()
        let byNumber = header.number.flatMap { n in register.first { TextNormalization.fold($0.decisionNumber) == TextNormalization.fold(n.value) } }
        let entry = byNumber ?? byFile
        let missing = entry == nil ? header.facts.missing.map(\.name) : []
        guard missing.isEmpty, let number = header.number?.value ?? entry?.decisionNumber,
              let issuer = entry?.issuer ?? header.issuer?.value,
              let issued = header.issued?.value ?? entry?.issued, let effective = header.effectiveDate ?? entry?.effective else {
            diagnostics.append(Diagnostic(.error, .catalogueWordDecisionIncomplete, at: SourceLocation(file: display(path)), LocalizedText(
                vi: "văn bản Word không ghi \(missing.map(\.vi).joined(separator: ", ")) (xem tthc inspect) và không có dòng nào trong register.csv cho quyết định này; hãy thêm một dòng với Tệp danh mục = \(path)",
                en: "the Word document does not give its \(missing.map(\.en).joined(separator: ", ")) (see tthc inspect) and no row of register.csv is about this decision; add a row with listing file = \(path)")))
            return nil
        }
        var decision = Decision(
            number: number, issuer: issuer, issued: issued, effective: effective, nationalDatabase: nil, received: nil,
            changes: reading.changes, isFullSnapshot: (entry?.isFullSnapshot ?? false) || reading.isSnapshot,
            source: SourceLocation(file: display(path)))
        decision.unplacedRows = reading.unplaced
        decision.listed = reading.listed
        completeFromRegister(&decision, path: path, register: register)
        return decision
    }

    /// One file of `local/` read; nil when files of its kind are not read there.
    /// Whether a large file may be read on two threads (`nil`: as its reader decides by its
    /// size) or must be read on one (`false`), when `count` files are read at once on every
    /// core: with as many files as cores, each core already has a file, and a second
    /// thread per file only adds the hand-over between threads. (At national 10×, 34 local
    /// files of 6 MB each read on two threads apiece made reading them cost 13 times what
    /// a tenth of the rows cost.)
    static func eachOnOneThread(_ count: Int) -> Bool? {
        count >= ProcessInfo.processInfo.activeProcessorCount ? false : nil
    }

    func readLocal(_ path: String, pipelined: Bool? = nil) -> ReadResult<Catalogue>? {
        let read: (InputFile) -> ReadResult<Catalogue>
        switch Self.pathExtension(path) {
        case "csv": read = { CatalogueCSVReader.read(CSVTableSource($0, pipelined: pipelined), file: $0.displayPath) }
        case "xlsx": read = { CatalogueXLSXReader.read($0) }
        case "xml": read = { CatalogueXMLReader.read($0) }
        default: return nil
        }
        switch opened(path) {
        case .success(let file): return read(file)
        case .failure(let error): return ReadResult(value: nil, diagnostics: error.diagnostics)
        }
    }

    /// An XML listing parsed, streamed from its file (``DecisionXMLReader/stream(path:displayPath:_:)``).
    func streamXML(_ path: String, pipelined: Bool? = nil) -> ReadResult<Decision> {
        switch checked(path) {
        case .failure(let error): return ReadResult(value: nil, diagnostics: error.diagnostics)
        case .success(let absolute):
            var changes: [ProcedureChange] = []
            var result = DecisionXMLReader.stream(path: absolute, displayPath: display(path), pipelined: pipelined) { changes.append($0) }
            result.value?.changes = changes
            return result
        }
    }

    /// An XML listing carries its own number and dates; a register row for the same
    /// decision (by number, or naming the file) fills the dates the listing leaves out, and
    /// a date both give differently is a warning (the listing wins).
    ///
    /// The listing was streamed from disk by ``streamXML(_:)``, never held whole in memory:
    /// only its procedures are kept.
    mutating func readXMLListing(_ path: String, _ result: ReadResult<Decision>, register: [RegisterEntry]) -> Decision? {
        diagnostics += result.diagnostics
        guard var decision = result.value else { return nil }
        completeFromRegister(&decision, path: path, register: register)
        return decision
    }

    /// Checks a decision that carries its own number against the register rows naming its
    /// file, and takes the dates it leaves out from the row with its number.
    mutating func completeFromRegister(_ decision: inout Decision, path: String, register: [RegisterEntry]) {
        let key = TextNormalization.fold(decision.number)
        for entry in registerRows(naming: path, in: register) where TextNormalization.fold(entry.decisionNumber) != key {
            diagnostics.append(Diagnostic(.error, .catalogueListingNumberMismatch, at: entry.location, LocalizedText(
                vi: "dòng này ghi quyết định \(entry.decisionNumber) với tệp \(path), nhưng tệp đó là quyết định \(decision.number)",
                en: "this row names decision \(entry.decisionNumber) with the file \(path), but that file is decision \(decision.number)")))
        }
        guard let entry = register.first(where: { TextNormalization.fold($0.decisionNumber) == key }) else { return }
        // Dates both give: (name, listing's, register's).
        var pairs: [(DecisionFact, CivilDate, CivilDate)] = [
            (.issued, decision.issued, entry.issued),
            (.effective, decision.effective, entry.effective),
        ]
        if let registered = entry.nationalDatabase {
            if let own = decision.nationalDatabase { pairs.append((.nationalDatabase, own, registered)) } else { decision.nationalDatabase = registered }
        }
        if let registered = entry.received {
            if let own = decision.received {
                pairs.append((.received, own, registered))
            } else {
                decision.received = registered
            }
        }
        for (fact, own, registered) in pairs where own != registered {
            let name = fact.label
            diagnostics.append(Diagnostic(.warning, .catalogueRegisterConflict, at: entry.location, LocalizedText(
                vi: "\(name.vi) của quyết định \(decision.number): sổ theo dõi ghi \(registered.vietnamese) nhưng tệp \(path) ghi \(own.vietnamese); dùng ngày trong tệp",
                en: "\(name.en) of decision \(decision.number): the register says \(registered.iso) but \(path) says \(own.iso); using the file's date")))
        }
    }

    mutating func checkRegisterDuplicates(_ register: [RegisterEntry]) {
        var first: [String: RegisterEntry] = [:]
        for entry in register {
            let key = TextNormalization.fold(entry.decisionNumber)
            if let earlier = first[key] {
                reportedDuplicates.insert(key)
                diagnostics.append(Diagnostic(.error, .catalogueDuplicateDecision, at: entry.location, LocalizedText(
                    vi: "quyết định \(entry.decisionNumber) đã có ở dòng \(earlier.location.line ?? 0) của sổ theo dõi",
                    en: "decision \(entry.decisionNumber) is already on line \(earlier.location.line ?? 0) of the register")))
            } else {
                first[key] = entry
            }
        }
    }

    mutating func checkRegisterListingFiles(_ register: [RegisterEntry], listings: Set<String>) {
        for entry in register {
            guard let listing = entry.listingFile else { continue }
            if listings.contains(where: { Self.listing(listing, names: $0) }) { continue }
            diagnostics.append(Diagnostic(.error, .catalogueListingMissing, at: entry.location, LocalizedText(
                vi: "quyết định \(entry.decisionNumber): không có tệp danh mục \"\(listing)\" trong thư mục decisions/",
                en: "decision \(entry.decisionNumber): the listing file \"\(listing)\" is not in the decisions/ directory")))
        }
    }

    mutating func checkDuplicateDecisions(_ decisions: [Decision]) {
        var first: [String: Decision] = [:]
        for decision in decisions {
            let key = TextNormalization.fold(decision.number)
            if let earlier = first[key] {
                if reportedDuplicates.contains(key) { continue }
                diagnostics.append(Diagnostic(.error, .catalogueDuplicateDecision, at: decision.source, LocalizedText(
                    vi: "quyết định \(decision.number) đã có trong \(earlier.source.compilerStyle)",
                    en: "decision \(decision.number) is already given in \(earlier.source.compilerStyle)")))
            } else {
                first[key] = decision
            }
        }
    }
}
