/// The human-readable report laid out once, in words of one language: a title, a few
/// header lines, then numbered sections of tables and paragraphs. The text, Markdown and
/// HTML reporters differ only in how they draw this value, so they always show the same
/// sections, rows and words.
///
/// Dates are written `dd/mm/yyyy` in both languages: it is what the officials who read the
/// report write and read (the CSV and JSON reports use ISO dates instead).
struct ReportDocument: Sendable {
    /// How a cell should stand out. Colour is never the only signal: the cell's words say
    /// the same thing.
    enum Tone: String, Sendable {
        /// Overdue, expired: act now (red).
        case danger
        /// Due soon, deadline unknown (yellow).
        case warning
        /// Published on time (green).
        case success
        /// Everything else (grey badge, no terminal colour).
        case neutral
    }

    enum Alignment: Sendable { case leading, trailing }

    /// What a column holds, so a renderer can set it: statuses, labels and long text
    /// (names, messages, values) need room; dates and decision numbers do not break inside;
    /// procedure codes break after a `.`, file locations after a `/`.
    enum Content: String, Sendable {
        case text, status, label, longText = "long", code, reference, date, location, number
    }

    struct Column: Sendable {
        var title: String
        var content: Content = .text
        var alignment: Alignment = .leading
        /// The widest this column may be in a terminal, in display columns; longer cells
        /// wrap at spaces. `nil`: never wrapped.
        var wrap: Int? = nil
    }

    /// What a cell says as a value a spreadsheet can compute with, besides its words: the
    /// workbook writes it as a number or a date cell (``XLSXReport``); the other reporters
    /// draw the lines.
    enum Value: Sendable, Equatable {
        case date(CivilDate)
        case count(Int)
        /// `part` of `total` (a 766 indicator).
        case ratio(part: Int, total: Int)
        /// A month, `yyyy-mm`.
        case month(String)
    }

    /// A table cell: one or more lines, and a tone when the cell is a status.
    struct Cell: Sendable {
        var lines: [String]
        var tone: Tone?
        /// The cell's value, when it has one the lines spell out.
        var value: Value?
        /// With a value: what the lines say besides it (the trigger's source, the
        /// provincial decision, the mark of a provisional calendar), which a workbook
        /// puts in a column of its own.
        var detail: [String]

        init(_ lines: [String], tone: Tone? = nil, value: Value? = nil, detail: [String] = []) {
            self.lines = lines.map(ReportFormatting.singleLine)
            self.tone = tone
            self.value = value
            self.detail = detail.map(ReportFormatting.singleLine)
        }

        init(_ text: String, tone: Tone? = nil, value: Value? = nil, detail: [String] = []) {
            self.init([text], tone: tone, value: value, detail: detail)
        }
    }

    /// A table whose rows are made when they are read, from the items of the
    /// ``Reconciliation`` already in memory: at national scale a section has hundreds of
    /// thousands of rows, and holding all their cells (several strings each) at once, for
    /// every section, took gigabytes. The rows can be read any number of times (the text
    /// report reads them twice: once to size the columns, once to draw them) and give the
    /// same cells each time.
    struct Table: Sendable {
        var columns: [Column]
        /// How many rows the table has.
        let count: Int
        private let makeRow: @Sendable (Int) -> [Cell]

        /// A table of rows already made (the short tables: the summary, the scorecard).
        init(columns: [Column], rows: [[Cell]]) {
            self.columns = columns
            count = rows.count
            makeRow = { rows[$0] }
        }

        /// A table of one row per item, made from the item when the row is read.
        init<Item: Sendable>(columns: [Column], items: [Item], row: @escaping @Sendable (Item) -> [Cell]) {
            self.columns = columns
            count = items.count
            makeRow = { row(items[$0]) }
        }

        var isEmpty: Bool { count == 0 }

        /// The row at `index` (0-based), made anew.
        subscript(index: Int) -> [Cell] { makeRow(index) }

        /// The rows in order, each made as it is reached.
        var rows: LazyMapSequence<Range<Int>, [Cell]> { (0..<count).lazy.map(makeRow) }
    }

    enum Block: Sendable {
        case table(Table)
        case paragraph(String)
    }

    struct Section: Sendable {
        var id: ReportSections.ID
        var number: Int
        var title: String
        var blocks: [Block]
    }

    var language: Language
    var title: String
    var metadata: [(label: String, value: String)]
    var sections: [Section]

    init(_ r: Reconciliation, language: Language) {
        let s = ReportStrings.for(language)
        let parts = ReportSections(r)
        self.language = language
        title = s.reportTitle
        metadata = [
            (s.provinceLabel, r.province),
            (s.agencyLabel, r.agency),
            (s.asOfLabel, r.asOf.vietnamese),
            (s.ruleLabel, s.rule(r.deadlineWorkingDays, r.triggerPolicy)),
            (s.dueSoonLabel, s.dueSoonRule(r.dueSoonWithin)),
        ].map { (label: $0.0, value: ReportFormatting.singleLine($0.1)) }

        var sections: [Section] = []
        func add(_ id: ReportSections.ID, _ title: String, _ blocks: [Block]) {
            sections.append(Section(id: id, number: sections.count + 1, title: title, blocks: blocks))
        }
        func listOrNone(_ table: Table) -> [Block] {
            table.isEmpty ? [.paragraph(s.none)] : [.table(table)]
        }

        // What could not be read comes first, so that no reader takes the report as whole.
        if !r.unreadListings.isEmpty {
            add(.unread, s.unreadTitle, [.paragraph(s.unreadNote), .table(Self.unreadTable(r.unreadListings, language, s))])
        }
        add(.summary, s.summaryTitle, [.table(Self.summary(r, parts, s))])
        add(.urgent, s.urgentTitle, listOrNone(Self.changeTable(parts.urgent, dueSoonWithin: r.dueSoonWithin, s)))
        add(.expired, s.expiredTitle, listOrNone(Self.expiredTable(parts.expired, s)))
        add(.notPublished, s.notPublishedTitle, listOrNone(Self.changeTable(parts.notPublished, dueSoonWithin: r.dueSoonWithin, s)))
        add(.late, s.lateTitle, listOrNone(Self.changeTable(parts.late, dueSoonWithin: r.dueSoonWithin, s)))
        add(.undated, s.undatedTitle, listOrNone(Self.changeTable(parts.undated, dueSoonWithin: r.dueSoonWithin, s)))
        add(.differences, s.differencesTitle, listOrNone(Self.differenceTable(parts.differences, s)))
        add(.findings, s.findingsTitle, listOrNone(Self.findingTable(parts.findings, language, s)))
        add(.otherChanges, s.otherChangesTitle, listOrNone(Self.changeTable(parts.otherChanges, dueSoonWithin: r.dueSoonWithin, s)))
        add(.incomplete, s.incompleteTitle, Self.completeness(r.completeness, s))
        add(.onlineReview, s.onlineReviewTitle, Self.onlineReview(r, s))
        add(.reportingDuties, s.dutiesTitle, Self.duties(r.reportingDuties, dueSoonWithin: r.dueSoonWithin, s))
        if !r.unplacedRows.isEmpty {
            add(.unplaced, s.unplacedTitle, [.paragraph(s.unplacedNote), .table(Self.unplacedTable(r.unplacedRows, language, s))])
        }
        add(.scorecard, s.scorecardTitle, Self.scorecard(r.scorecard, parts.months, s))
        add(.calendar, s.calendarTitle, Self.calendarNotes(r, parts, s))
        self.sections = sections
    }

    // MARK: Sections

    private static func summary(_ r: Reconciliation, _ parts: ReportSections, _ s: ReportStrings) -> Table {
        let counts = r.statusCounts
        var rows: [[Cell]] = [[Cell(s.totalChanges), Cell(String(r.changes.count), value: .count(r.changes.count))]]
        for kind in ChangeStatus.Kind.allCases {
            let n = counts[kind] ?? 0
            let tone: Tone? = switch kind {
            case .overdue: n > 0 ? .danger : nil
            case .cannotCompute: n > 0 ? .warning : nil
            case .onTime: n > 0 ? .success : nil
            default: nil
            }
            rows.append([Cell(s.statusKind(kind)), Cell(String(n), tone: tone, value: .count(n))])
            if kind == .pending {
                rows.append([Cell(s.dueSoonCount(r.dueSoonWithin)),
                             Cell(String(parts.dueSoonCount), tone: parts.dueSoonCount > 0 ? .warning : nil, value: .count(parts.dueSoonCount))])
            }
        }
        rows.append([Cell(s.expiredCount), Cell(String(r.expired.count), tone: r.expired.isEmpty ? nil : .danger, value: .count(r.expired.count))])
        rows.append([Cell(s.differencesCount), Cell(String(r.differences.count), value: .count(r.differences.count))])
        rows.append([Cell(s.findingsCount), Cell(String(r.findings.count), value: .count(r.findings.count))])
        rows.append([Cell(s.incompleteCount), Cell(String(r.completeness.incomplete.count),
                                                   tone: r.completeness.incomplete.isEmpty ? nil : .warning,
                                                   value: .count(r.completeness.incomplete.count))])
        let raise = r.onlineReview.filter { $0.proposal == .raise }.count
        rows.append([Cell(s.raiseCount), Cell(String(raise), value: .count(raise))])
        return Table(columns: [Column(title: s.summaryItem), Column(title: s.summaryCount, content: .number, alignment: .trailing)],
                     rows: rows)
    }

    static func tone(of status: ChangeStatus, dueSoonWithin: Int) -> Tone {
        switch status {
        case .overdue: .danger
        case .pending(let left): left <= dueSoonWithin ? .warning : .neutral
        case .cannotCompute: .warning
        case .onTime: .success
        case .late, .publishedUndated, .notApplicable: .neutral
        }
    }

    /// A status with an explanation in parentheses goes on two lines: the status, then
    /// the explanation ("Không áp dụng" / "(chỉ cấp trung ương)").
    static func statusLines(_ text: String) -> [String] {
        // Found in the UTF-8 (Foundation's `range(of:)` bridged every status of a national
        // report to an NSString): the space and the parenthesis are ASCII, so where they
        // start is a character boundary of the text.
        guard text.hasSuffix(")"), let open = text.utf8.firstRange(of: " (".utf8) else { return [text] }
        return [String(text[..<open.lowerBound]), String(text[text.index(after: open.lowerBound)...])]
    }

    private static func changeTable(_ rows: [ChangeRow], dueSoonWithin: Int, _ s: ReportStrings) -> Table {
        let columns = [
            Column(title: s.statusColumn, content: .status, wrap: 30),
            Column(title: s.deadlineColumn, content: .date),
            Column(title: s.codeColumn, content: .code),
            Column(title: s.nameColumn, content: .longText, wrap: 40),
            Column(title: s.decisionColumn, content: .reference, wrap: 24),
            Column(title: s.triggerColumn, content: .date, wrap: 24),
            Column(title: s.publicationColumn, content: .date, wrap: 24),
        ]
        return Table(columns: columns, items: rows) { row -> [Cell] in
            var decision = [row.decision]
            if row.change == .replaced, !row.replaces.isEmpty {
                decision.append(s.replacesCode(row.replaces.map(\.raw).joined(separator: ", ")))
            } else {
                decision.append(row.change.label[s.language])
            }
            var name = [row.name]
            if let local = row.local, local.match == .probableByName {
                name.append("(" + s.probableLocalMatch(local.code, local.name) + ")")
            }
            var trigger = ["–"]
            var triggerDetail: [String] = []
            if let date = row.trigger {
                trigger = [date.vietnamese]
                if let source = row.triggerSource { triggerDetail.append("(" + s.triggerSource(source) + ")") }
            }
            let deadline = row.deadline.map { $0.vietnamese + (row.provisional ? "*" : "") } ?? "–"
            return [
                Cell(statusLines(s.status(row.status)), tone: tone(of: row.status, dueSoonWithin: dueSoonWithin)),
                Cell(deadline, value: row.deadline.map(Value.date), detail: row.provisional ? ["*"] : []),
                Cell(row.code.label[s.language]),
                Cell(name),
                Cell(decision),
                Cell(trigger + triggerDetail, value: row.trigger.map(Value.date), detail: triggerDetail),
                publicationCell(row.publishedOn, row.provincialDecision, s),
            ]
        }
    }

    private static func expiredTable(_ entries: [ExpiredEntry], _ s: ReportStrings) -> Table {
        Table(
            columns: [
                Column(title: s.reasonColumn, content: .status, wrap: 28),
                Column(title: s.sinceColumn, content: .date),
                Column(title: s.codeColumn, content: .code),
                Column(title: s.nameColumn, content: .longText, wrap: 40),
                Column(title: s.decisionColumn, content: .reference),
                Column(title: s.locationColumn, content: .location),
            ],
            items: entries, row: { e in
                [
                    Cell(s.expiredReason(e.reason, e.replacement?.raw), tone: .danger),
                    Cell(e.since.vietnamese, value: .date(e.since)),
                    Cell(e.code ?? "–"),
                    Cell(e.name),
                    Cell(e.decision ?? "–"),
                    Cell(e.location.compilerStyle),
                ]
            })
    }

    private static func differenceTable(_ differences: [Difference], _ s: ReportStrings) -> Table {
        Table(
            columns: [
                Column(title: s.codeColumn, content: .code),
                Column(title: s.nameColumn, content: .longText, wrap: 32),
                Column(title: s.fieldColumn, content: .label, wrap: 20),
                Column(title: s.localColumn, content: .longText, wrap: 28),
                Column(title: "→", content: .code),
                Column(title: s.ministryColumn, content: .longText, wrap: 28),
                Column(title: s.decisionColumn, content: .reference),
                Column(title: s.locationColumn, content: .location),
            ],
            items: differences, row: { d in
                [
                    Cell(d.code.label[s.language]),
                    Cell(d.name),
                    Cell(d.field.label[s.language]),
                    Cell(d.local?.label[s.language] ?? s.emptyValue),
                    Cell("→"),
                    Cell(d.ministry?.label[s.language] ?? s.emptyValue),
                    Cell(d.decision),
                    Cell(d.location.compilerStyle),
                ]
            })
    }

    private static func unreadTable(_ unread: [UnreadListing], _ language: Language, _ s: ReportStrings) -> Table {
        Table(
            columns: [Column(title: s.fileColumn, content: .location), Column(title: s.reasonColumn, content: .longText, wrap: 70)],
            items: unread, row: { listing in
                [Cell(listing.file), Cell(listing.errors.map { "\($0.location.compilerStyle): \($0.message[language])" })]
            })
    }

    private static func unplacedTable(_ rows: [UnplacedRow], _ language: Language, _ s: ReportStrings) -> Table {
        Table(
            columns: [Column(title: s.rowColumn, content: .location), Column(title: s.rowTextColumn, content: .longText, wrap: 50),
                      Column(title: s.reasonColumn, content: .longText, wrap: 40)],
            items: rows, row: { row in
                [Cell(row.location.compilerStyle), Cell(row.text), Cell(row.reason[language])]
            })
    }

    private static func findingTable(_ findings: [Finding], _ language: Language, _ s: ReportStrings) -> Table {
        Table(
            columns: [
                Column(title: s.kindColumn, content: .label, wrap: 24),
                Column(title: s.codeColumn, content: .code),
                Column(title: s.nameColumn, content: .longText, wrap: 36),
                Column(title: s.messageColumn, content: .longText, wrap: 44),
                Column(title: s.locationColumn, content: .location),
            ],
            items: findings, row: { f in
                [
                    Cell(s.findingKind(f.kind)),
                    Cell(f.code ?? "–"),
                    Cell(f.name),
                    Cell(f.message[language]),
                    Cell(f.location.compilerStyle),
                ]
            })
    }

    private static func scorecard(_ card: Scorecard, _ months: [Scorecard.Month], _ s: ReportStrings) -> [Block] {
        let sep = s.decimalSeparator
        func ratio(_ part: Int, _ total: Int) -> Cell {
            Cell("\(part)/\(total) (" + ReportFormatting.percent(part, of: total, separator: sep) + ")",
                 value: total > 0 ? .ratio(part: part, total: total) : nil, detail: total > 0 ? ["\(part)/\(total)"] : [])
        }
        var blocks: [Block] = []
        if months.isEmpty {
            blocks.append(.paragraph(s.noMonths))
        } else {
            var rows = months.map { m in
                [Cell(ReportFormatting.month(m.month), value: .month(m.month)),
                 ratio(m.publishedOnTime, m.publishedTotal),
                 ratio(m.postedOnTime, m.postedTotal),
                 ratio(m.publishedComplete, m.completeTotal)]
            }
            rows.append([
                Cell(s.totalRow),
                ratio(months.reduce(0) { $0 + $1.publishedOnTime }, months.reduce(0) { $0 + $1.publishedTotal }),
                ratio(months.reduce(0) { $0 + $1.postedOnTime }, months.reduce(0) { $0 + $1.postedTotal }),
                ratio(months.reduce(0) { $0 + $1.publishedComplete }, months.reduce(0) { $0 + $1.completeTotal }),
            ])
            blocks.append(.table(Table(
                columns: [Column(title: s.monthColumn, content: .date),
                          Column(title: s.indicator11Column, content: .number, alignment: .trailing),
                          Column(title: s.indicator12Column, content: .number, alignment: .trailing),
                          Column(title: s.indicator13Column, content: .number, alignment: .trailing)],
                rows: rows)))
            blocks += (s.indicatorNotes + [s.indicator13Note]).map(Block.paragraph)
        }
        blocks += onlineShareLines(card, s).map(Block.paragraph)
        return blocks
    }

    /// The provincial publication as a cell's lines: the date, then the decision; "not
    /// published" when there is neither.
    /// The publication cell: the day, the provincial decision, or "not published"; the day
    /// is its value, the decision its detail.
    static func publicationCell(_ date: CivilDate?, _ decision: String?, _ s: ReportStrings) -> Cell {
        var lines: [String] = []
        if let date { lines.append(date.vietnamese) }
        if let decision { lines.append(s.provincialDecision(decision)) }
        if lines.isEmpty { lines = [s.notPublished] }
        return Cell(lines, value: date.map(Value.date), detail: date == nil ? [] : Array(lines.dropFirst()))
    }

    /// The share of in-force procedures with online service, then the target sentence.
    static func onlineShareLines(_ card: Scorecard, _ s: ReportStrings) -> [String] {
        let sep = s.decimalSeparator
        let online = card.onlineFull + card.onlinePartial
        var lines = [s.onlineShare(online, card.inForceTotal, ReportFormatting.percent(online, of: card.inForceTotal, separator: sep),
                                   card.onlineFull, card.onlinePartial)]
        if let target = card.onlineTarget, let needed = card.onlineNeeded {
            lines.append(s.onlineTarget(ReportFormatting.percent(ratio: target, separator: sep), online >= needed, max(0, needed - online)))
        } else {
            lines.append(s.noOnlineTarget)
        }
        return lines
    }

    /// The review's items, candidates first, then the levels kept; catalogue order within each.
    static func reviewOrder(_ items: [OnlineReviewItem]) -> [OnlineReviewItem] {
        items.filter { $0.proposal == .raise } + items.filter { $0.proposal == .keep }
    }

    /// The parts a list of them names, in words, comma-separated.
    static func partList(_ parts: [ProcedurePart], _ language: Language) -> String {
        parts.map { $0.label[language] }.joined(separator: ", ")
    }

    private static func completeness(_ c: Completeness, _ s: ReportStrings) -> [Block] {
        var blocks: [Block] = [
            .paragraph(s.completenessScope(c.heldParts.isEmpty ? s.emptyValue : partList(c.heldParts, s.language))),
            .paragraph(s.completenessShare(c.complete, c.inForceTotal,
                                           ReportFormatting.percent(c.complete, of: c.inForceTotal, separator: s.decimalSeparator))),
        ]
        let table = Table(
            columns: [
                Column(title: s.missingPartsColumn, content: .status, wrap: 28),
                Column(title: s.codeColumn, content: .code),
                Column(title: s.nameColumn, content: .longText, wrap: 40),
                Column(title: s.publicationColumn, content: .date, wrap: 24),
                Column(title: s.locationColumn, content: .location),
            ],
            items: c.incomplete, row: { e in
                return [
                    Cell(partList(e.missing, s.language), tone: .warning),
                    Cell(e.code ?? "–"),
                    Cell(e.name),
                    publicationCell(e.publishedOn, e.provincialDecision, s),
                    Cell(e.location.compilerStyle),
                ]
            })
        blocks += table.isEmpty ? [.paragraph(s.none)] : [.table(table)]
        return blocks
    }

    static func level(_ level: OnlineServiceLevel?, _ s: ReportStrings) -> String {
        level?.label[s.language] ?? s.noLevel
    }

    private static func onlineReview(_ r: Reconciliation, _ s: ReportStrings) -> [Block] {
        var blocks = onlineShareLines(r.scorecard, s).map(Block.paragraph)
        let items = reviewOrder(r.onlineReview)
        let table = Table(
            columns: [
                Column(title: s.proposalColumn, content: .status, wrap: 24),
                Column(title: s.codeColumn, content: .code),
                Column(title: s.nameColumn, content: .longText, wrap: 40),
                Column(title: s.currentLevelColumn, content: .label, wrap: 16),
                Column(title: s.ministryLevelColumn, content: .label, wrap: 24),
                Column(title: s.groundColumn, content: .longText, wrap: 28),
            ],
            items: items, row: { item in
                var ministry = [item.ministry.map { level($0, s) } ?? "–"]
                if let decision = item.ministryDecision { ministry.append(decision) }
                return [
                    Cell(s.proposal(item.proposal == .raise, level(item.proposed, s)), tone: item.proposal == .raise ? .warning : .neutral),
                    Cell(item.code ?? "–"),
                    Cell(item.name),
                    Cell(level(item.current, s)),
                    Cell(ministry),
                    Cell(s.ground(item.ground)),
                ]
            })
        blocks += table.isEmpty ? [.paragraph(s.none)] : [.table(table), .paragraph(s.onlineReviewNote)]
        return blocks
    }

    /// "20" / "20th" for a monthly duty, the date for a one-off one.
    static func dutyDay(_ d: DutyOccurrence, _ language: Language) -> String {
        guard d.kind == .monthly else { return d.named.vietnamese }
        guard language == .en else { return String(d.named.day) }
        let n = d.named.day
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    static func dutyRule(_ d: DutyOccurrence, _ s: ReportStrings) -> String {
        s.dutyRule(d.kind == .monthly, d.before, dutyDay(d, s.language))
    }

    /// Why the due day is not the day before the named one, when it is not.
    static func dutyMove(_ d: DutyOccurrence, _ s: ReportStrings) -> String? {
        let from = d.unmoved
        guard from != d.due || d.workingDayRule == .keep && from.isWeekend else { return nil }
        return s.dutyMoved(from.vietnamese, from.weekday.label[s.language], d.workingDayRule)
    }

    private static func duties(_ duties: [DutyOccurrence], dueSoonWithin: Int, _ s: ReportStrings) -> [Block] {
        guard !duties.isEmpty else { return [.paragraph(s.noDuties)] }
        let table = Table(
            columns: [
                Column(title: s.dueColumn, content: .date, wrap: 30),
                Column(title: s.daysLeftColumn, content: .status, wrap: 24),
                Column(title: s.dutyColumn, content: .longText, wrap: 40),
                Column(title: s.dutyRuleColumn, content: .longText, wrap: 32),
                Column(title: s.settingsLocationColumn, content: .location),
            ],
            items: duties, row: { d in
                var due = [d.due.vietnamese]
                if let move = dutyMove(d, s) { due.append("(" + move + ")") }
                let tone: Tone = switch d.workingDaysLeft {
                case let n? where n <= dueSoonWithin: .warning
                default: .neutral
                }
                return [
                    Cell(due, value: .date(d.due), detail: Array(due.dropFirst())),
                    Cell(s.dutyLeft(d.workingDaysLeft), tone: tone),
                    Cell(d.name),
                    Cell(dutyRule(d, s)),
                    Cell(d.location.compilerStyle),
                ]
            })
        return [.table(table), .paragraph(s.dutyRuleNote)]
    }

    private static func calendarNotes(_ r: Reconciliation, _ parts: ReportSections, _ s: ReportStrings) -> [Block] {
        var blocks: [Block] = []
        if parts.provisionalYears.isEmpty {
            blocks.append(.paragraph(s.noProvisionalYears))
        } else {
            let years = parts.provisionalYears.map(String.init).joined(separator: ", ")
            blocks.append(.paragraph(s.provisionalYears(years)))
        }
        if !parts.provisionalYears.isEmpty || r.changes.contains(where: \.provisional) {
            blocks.append(.paragraph(s.provisionalMark))
        }
        blocks.append(.paragraph(s.dateNote))
        return blocks
    }
}
