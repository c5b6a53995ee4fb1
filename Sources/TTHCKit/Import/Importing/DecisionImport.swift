import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `tthc import` is told besides the files: values that complete or correct what a
/// document says about itself (one file at a time).
public struct ImportOptions: Sendable {
    public var number: String?
    public var issuer: String?
    public var issued: CivilDate?
    public var effective: CivilDate?
    /// trích yếu: gives the change type where the tables name none.
    public var title: String?

    public init(number: String? = nil, issuer: String? = nil, issued: CivilDate? = nil, effective: CivilDate? = nil,
                title: String? = nil) {
        self.number = number
        self.issuer = issuer
        self.issued = issued
        self.effective = effective
        self.title = title
    }

    var isEmpty: Bool { number == nil && issuer == nil && issued == nil && effective == nil && title == nil }
}

/// One file of an import: how it was read and what would be added for it.
public struct ImportItem: Sendable {
    public var document: DecisionDocument
    /// The decision as it would be added; nil when the file cannot be.
    public var decision: Decision?
    /// The listing file to add, relative to the catalogue directory (`decisions/….xml`).
    public var listingPath: String?
    public var xml: String?
    /// The values of the register row to add.
    public var registerRow: [RegisterColumn: String] = [:]
    /// The physical line of that row in the register once written.
    public var registerLine: Int?
    /// Set when the catalogue already holds the decision (or this import holds it twice).
    public var refused = false
}

/// Everything one `tthc import` would do, worked out before anything is written: the
/// files read, the listings and register rows to add, and every reason not to (errors),
/// so that a write is all or nothing.
public struct ImportPlan: Sendable {
    /// The catalogue directory as the user named it.
    public var catalogue: String
    public var items: [ImportItem] = []
    /// The register after the new rows, when there is anything to add.
    public var register: [UInt8]?
    /// True when `register.csv` is there already.
    public var registerExists = false
    /// Register columns the rows have a value for and the register lacks.
    public var missingRegisterColumns: Set<RegisterColumn> = []
    /// Why nothing can be written (errors) and what to check (warnings).
    public var diagnostics: [Diagnostic] = []
    /// Set when the catalogue directory does not exist (then nothing was checked against it).
    public var catalogueMissing = false

    public var canWrite: Bool { !diagnostics.contains { $0.severity == .error } && !items.isEmpty }
}

/// Adds decisions read from their documents to a catalogue directory: each one as a
/// canonical XML listing in `decisions/` (``DecisionXMLWriter``) and a row of
/// `register.csv` with what the document gives (number, issuer, dates, title), leaving the
/// dates no document can know (national database update, receipt) to the legal desk.
///
/// Nothing already there is ever replaced: a decision the register or a listing already
/// holds, or a listing file of the same name, is an error, and then nothing at all is
/// written (see ``write(_:catalogue:)``).
public enum DecisionImport {
    /// Reads `files` and works out what would be added to the catalogue directory at
    /// `catalogue` (shown as `displayPath`).
    /// `writing` says whether the plan is to be written: a dry run of a catalogue
    /// directory that does not exist only warns that nothing was checked against it.
    public static func plan(_ files: [InputFile], catalogue: URL, displayPath: String, options: ImportOptions = ImportOptions(),
                            writing: Bool = true) -> ImportPlan {
        var plan = ImportPlan(catalogue: displayPath)
        if files.count > 1, !options.isEmpty {
            plan.diagnostics.append(Diagnostic(.error, .importOptionsOneFile, at: SourceLocation(file: "import"), LocalizedText(
                vi: "--number, --issuer, --issued, --effective và --title chỉ dùng khi nhập một tệp",
                en: "--number, --issuer, --issued, --effective and --title apply to one file at a time")))
            return plan
        }
        for file in files {
            plan.items.append(item(file, options: options, into: &plan.diagnostics))
        }
        check(&plan, catalogue: catalogue, inputs: files.map { $0.url.path }, writing: writing)
        return plan
    }

    static func item(_ file: InputFile, options: ImportOptions, into diagnostics: inout [Diagnostic]) -> ImportItem {
        let document = DecisionDocument.read(file, decisionTitle: options.title, effectiveDate: options.effective)
        var item = ImportItem(document: document)
        let at = SourceLocation(file: file.displayPath)
        if document.failed {
            diagnostics += document.annex.diagnostics.filter { $0.severity == .error }
            return item
        }
        let annex = document.annex
        if let kind = annex.notAPublication {
            diagnostics.append(Diagnostic(.error, .importNotAPublication, at: at, LocalizedText(
                vi: "không phải quyết định công bố TTHC (\(kind.vi)): văn bản không công bố thay đổi nào, không có gì để thêm vào danh mục",
                en: "not a publication decision (\(kind.en)): the document announces no change, there is nothing to add to the catalogue")))
            return item
        }
        guard !annex.procedures.isEmpty || !annex.listed.isEmpty else {
            diagnostics.append(Diagnostic(.error, .importNoProcedure, at: at, LocalizedText(
                vi: "không đọc được thủ tục nào (xem tthc inspect): không có gì để thêm vào danh mục",
                en: "no procedure was read (see tthc inspect): there is nothing to add to the catalogue")))
            return item
        }
        let facts = document.facts
        func pick<V: Equatable>(_ option: V?, _ own: V?, _ name: String, _ show: (V) -> String) -> V? {
            if let option, let own, option != own {
                diagnostics.append(Diagnostic(.warning, .importOptionDiffers, at: at, LocalizedText(
                    vi: "văn bản ghi \(show(own)); dùng \(name) \(show(option))",
                    en: "the document says \(show(own)); using \(name) \(show(option))")))
            }
            return option ?? own
        }
        let number = pick(options.number, facts.number, "--number") { $0 }
        let issuer = pick(options.issuer, facts.issuer, "--issuer") { $0 }
        let issued = pick(options.issued, facts.issued, "--issued") { $0.iso }
        let effective = pick(options.effective, facts.effective, "--effective") { $0.iso }
        let missing = DecisionFacts(number: number, numberLeftBlank: facts.numberLeftBlank, issuer: issuer, issued: issued,
                                    effective: effective).missing
        guard missing.isEmpty, let number, let issuer, let issued, let effective else {
            let option: [DecisionFact: String] = [.number: "--number", .issuer: "--issuer", .issued: "--issued", .effective: "--effective"]
            let options = missing.compactMap { option[$0.fact] }.joined(separator: ", ")
            diagnostics.append(Diagnostic(.error, .importIncomplete, at: at, LocalizedText(
                vi: "văn bản không ghi \(missing.map(\.name.vi).joined(separator: ", ")) (xem tthc inspect); hãy ghi bằng \(options)",
                en: "the document does not give its \(missing.map(\.name.en).joined(separator: ", ")) (see tthc inspect); give it with \(options)")))
            return item
        }
        let listingPath = "decisions/" + listingName(number) + ".xml"
        var decision = Decision(number: number, issuer: issuer, issued: issued, effective: effective,
                                nationalDatabase: document.listing?.nationalDatabase, received: document.listing?.received,
                                changes: annex.changes, isFullSnapshot: annex.isSnapshot || (document.listing?.isFullSnapshot ?? false),
                                source: SourceLocation(file: listingPath))
        decision.listed = annex.listed
        var dropped: [String] = []
        let source = (file.displayPath as NSString).lastPathComponent
        let xml = DecisionXMLWriter.xml(decision, source: source, unplaced: annex.unplaced, dropped: &dropped)
        for what in dropped {
            diagnostics.append(Diagnostic(.warning, .importCharacterDropped, at: at, LocalizedText(
                vi: "\(what): bỏ một ký tự điều khiển mà XML không chứa được", en: "\(what): a control character XML cannot hold was left out")))
        }
        if let problem = roundTripProblem(decision, xml: xml, path: listingPath) {
            diagnostics.append(Diagnostic(.error, .importInternal, at: at, problem))
            return item
        }
        item.decision = decision
        item.listingPath = listingPath
        item.xml = xml
        var row: [RegisterColumn: String] = [
            .decision: number, .issuer: issuer, .issued: issued.vietnamese, .effective: effective.vietnamese, .listingFile: listingPath,
        ]
        if let title = options.title ?? facts.title { row[.title] = title }
        if decision.isFullSnapshot { row[.scope] = "đầy đủ" }
        item.registerRow = row
        return item
    }

    /// The listing as written must read back as the decision, with no error: a check of
    /// the writer on every import, so that what the desk reviews is what tthc will read.
    static func roundTripProblem(_ decision: Decision, xml: String, path: String) -> LocalizedText? {
        let back = DecisionXMLReader.read(InputFile(displayPath: path, bytes: Array(xml.utf8)))
        if let error = back.diagnostics.first(where: { $0.severity == .error }) {
            return LocalizedText(vi: "tệp XML viết ra không đọc lại được (lỗi của tthc): \(error.rendered(.vi))",
                                 en: "the XML written does not read back (a bug in tthc): \(error.rendered(.en))")
        }
        guard let read = back.value, same(read, decision) else {
            return LocalizedText(vi: "tệp XML viết ra đọc lại khác với quyết định đã đọc (lỗi của tthc)",
                                 en: "the XML written reads back differently from the decision read (a bug in tthc)")
        }
        return nil
    }

    /// Equal but for where each value was read.
    static func same(_ a: Decision, _ b: Decision) -> Bool {
        func strip(_ d: Decision) -> Decision {
            var d = d
            let nowhere = SourceLocation(file: "")
            d.source = nowhere
            d.unplacedRows = []
            for i in d.changes.indices { d.changes[i].location = nowhere }
            for i in d.listed.indices { d.listed[i].location = nowhere }
            return d
        }
        return strip(a) == strip(b)
    }

    /// A file name for a decision number: `2729/QĐ-BCT` → `2729-QD-BCT`, ASCII letters and
    /// digits with single dashes between the parts.
    public static func listingName(_ number: String) -> String {
        var out = ""
        var dash = false
        for c in number.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
            .decomposedStringWithCanonicalMapping.unicodeScalars {
            if c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) {
                if dash, !out.isEmpty { out += "-" }
                dash = false
                out.unicodeScalars.append(c)
            } else if c.properties.generalCategory != .nonspacingMark {
                dash = true
            }
        }
        return out.isEmpty ? "quyet-dinh" : out
    }

    /// Checks the items against the catalogue directory and each other, and prepares the
    /// register's new bytes.
    static func check(_ plan: inout ImportPlan, catalogue: URL, inputs: [String], writing: Bool) {
        let ready = plan.items.indices.filter { plan.items[$0].decision != nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: catalogue.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            plan.catalogueMissing = true
            plan.diagnostics.append(Diagnostic(writing ? .error : .warning, .catalogueMissing, at: SourceLocation(file: plan.catalogue), LocalizedText(
                vi: "không tìm thấy thư mục danh mục (dùng --catalogs để chỉ đường dẫn)\(writing ? "" : "; chưa đối chiếu với danh mục")",
                en: "no such catalogue directory (use --catalogs to point at it)\(writing ? "" : "; nothing was checked against the catalogue")")))
            return
        }
        let loaded = CatalogueDirectory.load(catalogue, displayPath: plan.catalogue)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        guard let data = loaded.value, errors.isEmpty else {
            plan.diagnostics += errors
            plan.diagnostics.append(Diagnostic(.error, .importCatalogueErrors, at: SourceLocation(file: plan.catalogue), LocalizedText(
                vi: "thư mục danh mục có lỗi (như trên; tthc validate cũng chỉ ra): hãy sửa trước khi nhập quyết định mới",
                en: "the catalogue directory has errors (above; tthc validate shows them too): fix them before importing a decision")))
            return
        }
        func shown(_ relative: String) -> String {
            plan.catalogue.isEmpty || plan.catalogue == "." ? relative : plan.catalogue + "/" + relative
        }
        var seen: [String: String] = [:]
        var accepted: [Int] = []
        for i in ready {
            let decision = plan.items[i].decision!
            let file = plan.items[i].document.file
            let at = SourceLocation(file: file)
            let key = TextNormalization.fold(decision.number)
            var refused = false
            func refuse(_ id: DiagnosticID, _ message: LocalizedText) {
                plan.diagnostics.append(Diagnostic(.error, id, at: at, message))
                refused = true
            }
            if let row = data.register.first(where: { TextNormalization.fold($0.decisionNumber) == key }) {
                refuse(.importAlreadyRegistered, LocalizedText(
                    vi: "quyết định \(decision.number) đã có trong sổ theo dõi (\(row.location.compilerStyle)); không nhập lại, không ghi gì",
                    en: "decision \(decision.number) is already in the register (\(row.location.compilerStyle)); it is not imported again, nothing is written"))
            }
            if let listing = data.decisions.first(where: { TextNormalization.fold($0.number) == key }), !refused {
                refuse(.importAlreadyListed, LocalizedText(
                    vi: "quyết định \(decision.number) đã có trong \(listing.source.compilerStyle); không nhập lại, không ghi gì",
                    en: "decision \(decision.number) is already given in \(listing.source.compilerStyle); it is not imported again, nothing is written"))
            }
            let path = plan.items[i].listingPath!
            var info = stat()
            if lstat(catalogue.appendingPathComponent(path).path, &info) == 0, !refused {
                refuse(.importListingExists, LocalizedText(
                    vi: "\(shown(path)) đã có; tthc không ghi đè tệp danh mục, không ghi gì",
                    en: "\(shown(path)) already exists; tthc never writes over a listing, nothing is written"))
            }
            if let earlier = seen[key], !refused {
                refuse(.importTwice, LocalizedText(
                    vi: "quyết định \(decision.number) cũng là tệp \(earlier) của lần nhập này; mỗi quyết định chỉ nhập một lần",
                    en: "decision \(decision.number) is also the file \(earlier) of this import; each decision is imported once"))
            }
            seen[key] = seen[key] ?? file
            if refused { plan.items[i].refused = true } else { accepted.append(i) }
        }
        let outputs = accepted.map { OutputGuard.Output(plan.items[$0].document.file, catalogue.appendingPathComponent(plan.items[$0].listingPath!).path) }
            + [OutputGuard.Output("register.csv", catalogue.appendingPathComponent("register.csv").path)]
        plan.diagnostics += OutputGuard.problems(outputs, catalogueDirectory: nil, inputs: inputs)
        guard !ready.isEmpty else { return }

        var existing: InputFile?
        let registerURL = catalogue.appendingPathComponent("register.csv")
        if FileManager.default.fileExists(atPath: registerURL.path) {
            plan.registerExists = true
            do {
                existing = try InputFile.read(registerURL, displayPath: shown("register.csv"))
            } catch {
                plan.diagnostics += error.diagnostics
                return
            }
        }
        switch RegisterAppend.appending(ready.map { plan.items[$0].registerRow }, to: existing) {
        case .failure(let d): plan.diagnostics.append(d)
        case .success(let result):
            plan.register = result.bytes
            plan.missingRegisterColumns = result.missingColumns
            for (n, i) in ready.enumerated() { plan.items[i].registerLine = result.lines[n] }
        }
    }

    /// Writes the plan: every listing, then the register, each atomically; a listing file
    /// is only ever created, never replaced. When one write fails, the listings already
    /// written are removed again, so the catalogue directory is as it was.
    /// A failure names the file as the user's paths show it (`catalogs/register.csv`).
    public static func write(_ plan: ImportPlan, catalogue: URL) throws(FileWriteError) {
        do {
            try writeFiles(plan, catalogue: catalogue)
        } catch {
            var shown = error
            let root = catalogue.path.hasSuffix("/") ? catalogue.path : catalogue.path + "/"
            if shown.path.hasPrefix(root) {
                let relative = String(shown.path.dropFirst(root.count))
                shown.path = plan.catalogue.isEmpty || plan.catalogue == "." ? relative : plan.catalogue + "/" + relative
            }
            throw shown
        }
    }

    static func writeFiles(_ plan: ImportPlan, catalogue: URL) throws(FileWriteError) {
        guard plan.canWrite, let register = plan.register else { return }
        var created: [String] = []
        var madeDirectory = false
        let decisions = catalogue.appendingPathComponent("decisions").path
        func undo() {
            for path in created.reversed() { _ = unlink(path) }
            if madeDirectory { _ = rmdir(decisions) }
        }
        var info = stat()
        if lstat(decisions, &info) != 0 {
            guard mkdir(decisions, 0o755) == 0 else { throw FileWriteError(path: decisions, operation: .create, code: errno) }
            madeDirectory = true
        }
        for item in plan.items {
            guard let path = item.listingPath, let xml = item.xml else { continue }
            let target = catalogue.appendingPathComponent(path).path
            do {
                try AtomicFileWriter.write(Array(xml.utf8), to: target, replacing: false)
            } catch {
                undo()
                throw error
            }
            created.append(target)
        }
        do {
            try AtomicFileWriter.write(register, to: catalogue.appendingPathComponent("register.csv").path, replacing: plan.registerExists)
        } catch {
            undo()
            throw error
        }
    }
}
