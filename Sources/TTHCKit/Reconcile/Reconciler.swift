/// Reconciles the ministries' decisions with the province's catalogue (đối chiếu danh mục):
/// joins them on the national part of the procedure code, computes each change's
/// publication deadline in working days and its status as of one day, and lists
/// differences, expired entries and other findings. Returns data; prints nothing.
public struct Reconciler: Sendable {
    public var settings: Settings
    /// From how many changes their rows are made in two halves at once (a setting for the
    /// tests, which compare both ways on small inputs).
    var rowsInTwoHalvesFrom = 2_000

    public init(settings: Settings) {
        self.settings = settings
    }

    /// `unreadListings` are the listings that could not be read: the reconciliation names
    /// them so that every report says it covers the other decisions only.
    public func reconcile(decisions: [Decision], catalogue: Catalogue,
                          calendar: some WorkingDayCalendar, asOf: CivilDate,
                          unreadListings: [UnreadListing] = []) -> Reconciliation {
        // A decision issued after the as-of day did not exist on that day. (Trigger dates
        // after it are kept: a recorded future update still gives the deadline to plan for.)
        let known = Reconciler.ordered(decisions.filter { $0.issued <= asOf })
        var run = Run(settings: settings, catalogue: catalogue, calendar: calendar, asOf: asOf, decisions: known)
        var result = run.reconcile(rowsInTwoHalvesFrom: rowsInTwoHalvesFrom)
        result.unreadListings = unreadListings.sorted { $0.file < $1.file }
        result.unplacedRows = known.flatMap(\.unplacedRows)
        result.catalogue = catalogue
        return result
    }

    /// Decisions in the order they take effect on the catalogue (``Decision/precedes(_:_:)``).
    static func ordered(_ decisions: [Decision]) -> [Decision] {
        decisions.sorted(by: Decision.precedes)
    }
}

/// Scorecard counts for one month.
private struct Tally { var published = 0, publishedTotal = 0, posted = 0, postedTotal = 0, complete = 0, completeTotal = 0 }

/// One reconciliation's working state. Built once per call; every index is an array or a
/// dictionary used only for look-ups, never iterated into output.
private struct Run<Calendar: WorkingDayCalendar> {
    let settings: Settings
    let catalogue: Catalogue
    let calendar: Calendar
    let asOf: CivilDate
    let decisions: [Decision]

    /// Local entry indices by national key (its hash; see ``entries(withKey:)``).
    var entriesByKey = PositionsByHash()
    /// The local entries of each key number, in file order: those of number `k` are
    /// `entryPositions[entryStart[k]..<entryStart[k + 1]]` (one array for all keys).
    var entryStart: [Int] = []
    var entryPositions: [Int] = []
    /// Local entry indices by folded name (its hash), for entries no code explains; built on
    /// the first look-up by name (most runs never need one).
    var unexplainedByName: PositionsByHash?
    /// The number of each national key the decisions mention, in the order first met:
    /// later passes index arrays by it instead of hashing the key again.
    var keyNumbers: [String: Int] = [:]
    /// By key number, the positions (in `decisions`) of the decisions that list the key.
    var decisionIndicesByNumber: [[Int]] = []
    /// By key number, the change that gives the ministry's current version (the latest
    /// that issues, amends or replaces-in the key), nil once an abolition or a replacement
    /// takes it away.
    var currentByNumber: [ChangePosition?] = []
    /// By key number, the decision that took the key out of force, nil when none did or a
    /// later decision issued it again.
    var endedByNumber: [Ending?] = []
    /// By local entry: its code's key number; ``noCode`` without a well-formed code,
    /// ``unmentioned`` when no decision mentions its key.
    var entryKeyNumbers: [Int] = []
    /// Decision position by folded number.
    var decisionIndexByNumber: [String: Int] = [:]
    /// Position in `decisions` of the ministry decision each local entry names, if known.
    var namedDecision: [Int?] = []
    /// Local entries paired by name: entry index → the ministry code key it was paired with.
    var nameMatches: [Int: String] = [:]
    var provisionalYears: Set<Int> = []

    init(settings: Settings, catalogue: Catalogue, calendar: Calendar, asOf: CivilDate, decisions: [Decision]) {
        self.settings = settings
        self.catalogue = catalogue
        self.calendar = calendar
        self.asOf = asOf
        self.decisions = decisions

        // The local entries' index and the decisions' indexes do not depend on each other:
        // built at once (for a large catalogue).
        let large = Self.isLarge(catalogue, decisions)
        let (byKey, byDecision) = concurrently(atOnce: large, {
            PositionsByHash(count: catalogue.entries.count) { i in
                catalogue.entries[i].code.flatMap { $0.isWellFormed ? $0.key.hashValue : nil }
            }
        }, {
            var indexByNumber: [String: Int] = [:]
            indexByNumber.reserveCapacity(decisions.count)
            var keys = KeyNumbering(room: decisions.reduce(0) { $0 + $1.changes.count })
            for (d, decision) in decisions.enumerated() {
                indexByNumber[Comparison.decisionKey(decision.number)] = d
                for (c, change) in decision.changes.enumerated() {
                    // Each decision in order: a later one's word on a key stands. A
                    // replacement takes the codes it replaces away (and ends them).
                    let k = keys.number(change.code.key, listedIn: d)
                    for old in change.replaces where old.key != change.code.key {
                        let o = keys.number(old.key, listedIn: d)
                        if change.change == .replaced {
                            keys.current[o] = nil
                            keys.ended[o] = Ending(decision: d, reason: .replaced, replacement: change.code)
                        }
                    }
                    switch change.change {
                    case .new, .amended, .replaced:
                        keys.current[k] = ChangePosition(decision: d, change: c)
                        keys.ended[k] = nil
                    case .abolished:
                        keys.current[k] = nil
                        keys.ended[k] = Ending(decision: d, reason: .abolished, replacement: nil)
                    }
                }
            }
            let named = catalogue.entries.indices.map { i in
                catalogue.entries[i].ministryDecision.flatMap { indexByNumber[Comparison.decisionKey($0)] }
            }
            return (indexByNumber: indexByNumber, keys: keys, named: named)
        })
        entriesByKey = byKey
        decisionIndexByNumber = byDecision.indexByNumber
        keyNumbers = byDecision.keys.numbers
        decisionIndicesByNumber = byDecision.keys.decisions
        currentByNumber = byDecision.keys.current
        endedByNumber = byDecision.keys.ended
        namedDecision = byDecision.named
        // Each entry's key number: one hash of its key, here, for every later pass (in
        // two halves at once for a large catalogue).
        let numbers = keyNumbers
        @Sendable func number(_ i: Int) -> Int {
            guard let code = catalogue.entries[i].code, code.isWellFormed else { return Self.noCode }
            return numbers[code.key] ?? Self.unmentioned
        }
        let count = catalogue.entries.count, middle = large ? count / 2 : count
        let (low, high) = concurrently(atOnce: large, { (0..<middle).map(number) }, { (middle..<count).map(number) })
        entryKeyNumbers = low + high
        // Counted, then placed: every entry of a numbered key, by number, in file order.
        var start = [Int](repeating: 0, count: keyNumbers.count + 1)
        for k in entryKeyNumbers where k >= 0 { start[k + 1] += 1 }
        for k in 0..<keyNumbers.count { start[k + 1] += start[k] }
        var next = start, positions = [Int](repeating: 0, count: start[keyNumbers.count])
        for (i, k) in entryKeyNumbers.enumerated() where k >= 0 {
            positions[next[k]] = i
            next[k] += 1
        }
        entryStart = start
        entryPositions = positions
    }

    /// ``entryKeyNumbers`` of an entry without a well-formed code.
    static var noCode: Int { -1 }
    /// ``entryKeyNumbers`` of an entry whose well-formed code no decision mentions.
    static var unmentioned: Int { -2 }

    /// The decisions' view of one key number while the run is built: what
    /// ``keyNumbers``, ``decisionIndicesByNumber``, ``currentByNumber`` and
    /// ``endedByNumber`` become.
    struct KeyNumbering {
        var numbers: [String: Int] = [:]
        var decisions: [[Int]] = []
        var current: [ChangePosition?] = []
        var ended: [Ending?] = []

        init(room: Int) {
            numbers.reserveCapacity(room)
        }

        /// The key's number (a new one the first time it is met), with decision `d` noted
        /// among the decisions that list it.
        mutating func number(_ key: String, listedIn d: Int) -> Int {
            if let k = numbers[key] {
                if decisions[k].last != d { decisions[k].append(d) }
                return k
            }
            let k = decisions.count
            numbers[key] = k
            decisions.append([d])
            current.append(nil)
            ended.append(nil)
            return k
        }
    }

    /// A change, by its decision's position in `decisions` and its own in that decision.
    struct ChangePosition {
        var decision: Int
        var change: Int
    }

    /// The decision that took a key out of force, and the code that replaced it.
    struct Ending {
        var decision: Int
        var reason: ExpiredEntry.Reason
        var replacement: ProcedureCode?
    }


    /// Whether a reconciliation is worth spreading over two cores: 2,000 entries and changes
    /// together or more (a province's own catalogue is a few hundred to 2,000 entries).
    static func isLarge(_ catalogue: Catalogue, _ decisions: [Decision]) -> Bool {
        catalogue.entries.count + decisions.reduce(0) { $0 + $1.changes.count } >= 2_000
    }

    /// Entries whose code no decision mentions (or that have none), by folded name; the
    /// names folded in two halves at once when `inTwoHalves`.
    func nameIndex(inTwoHalves: Bool = false) -> PositionsByHash {
        let catalogue = catalogue, numbers = entryKeyNumbers
        @Sendable func key(_ i: Int) -> Int? {
            numbers[i] >= 0 ? nil : TextNormalization.fold(catalogue.entries[i].content.name).hashValue
        }
        return inTwoHalves ? PositionsByHash(inTwoHalves: catalogue.entries.count, key)
            : PositionsByHash(count: catalogue.entries.count, key)
    }

    /// The entries with a well-formed code of this national key, in file order: by its
    /// number when a decision mentions it, else from the index by hash.
    func entries(withKey key: String) -> ArraySlice<Int> {
        if let k = keyNumbers[key] { return entryPositions[entryStart[k]..<entryStart[k + 1]] }
        return ArraySlice(entriesByKey.positions(forHash: key.hashValue).filter { catalogue.entries[$0].code?.key == key })
    }

    /// The entries no code explains whose folded name is `folded`, in file order.
    func unexplainedEntries(named folded: String) -> [Int] {
        (unexplainedByName ?? PositionsByHash()).positions(forHash: folded.hashValue)
            .filter { TextNormalization.fold(catalogue.entries[$0].content.name) == folded }
    }

    mutating func reconcile(rowsInTwoHalvesFrom: Int) -> Reconciliation {
        let rows = changeRows(inTwoHalvesFrom: rowsInTwoHalvesFrom)
        // Everything after the rows only reads the run: two independent halves, at once
        // (for a large catalogue).
        let run = self
        let (found, reviewed) = concurrently(atOnce: Self.isLarge(catalogue, decisions), {
            (differences: run.differences(), findings: run.findings())
        }, {
            let completeness = run.completeness()
            let scorecard = run.scorecard(complete: completeness.isComplete)
            return (completeness: completeness.value, scorecard: scorecard, expired: run.expired(),
                    onlineReview: run.onlineReview(scorecard: scorecard), duties: run.reportingDuties())
        })
        var result = Reconciliation(
            schemaVersion: Reconciliation.schemaVersion,
            asOf: asOf,
            province: settings.province,
            agency: settings.agency,
            deadlineWorkingDays: settings.deadlineWorkingDays,
            triggerPolicy: settings.triggerPolicy,
            dueSoonWithin: settings.reminderWithin,
            changes: rows,
            differences: found.differences,
            expired: reviewed.expired,
            findings: found.findings,
            scorecard: reviewed.scorecard,
            provisionalYears: provisionalYears.sorted())
        result.completeness = reviewed.completeness
        result.onlineReview = reviewed.onlineReview
        result.reportingDuties = reviewed.duties
        return result
    }

    /// One row per change of every decision, in order. From `threshold` changes on, they
    /// are split in two halves rowed at once, each by a copy of the run; a row depends only
    /// on the run as built and on its own change, so the rows are the same as one pass
    /// gives. What rowing records is merged as one pass leaves it: name pairings of the
    /// second half after the first (the later change's pairing wins), provisional years
    /// together.
    mutating func changeRows(inTwoHalvesFrom threshold: Int) -> [ChangeRow] {
        let all = decisions.indices.flatMap { d in decisions[d].changes.indices.map { (d, $0) } }
        @Sendable func rowed(_ part: ArraySlice<(Int, Int)>, by run: Run, room: Int) -> (rows: [ChangeRow], run: Run) {
            var run = run
            var rows: [ChangeRow] = []
            rows.reserveCapacity(room)
            for (d, c) in part { rows.append(run.row(for: run.decisions[d].changes[c], in: run.decisions[d], at: d)) }
            return (rows, run)
        }
        guard all.count >= max(threshold, 2) else {
            let (rows, run) = rowed(all[...], by: self, room: all.count)
            self = run
            return rows
        }
        // Both halves look up names in the same index: built once, before they start (a
        // change whose code the catalogue lacks, a new procedure, is looked up by name).
        if unexplainedByName == nil { unexplainedByName = nameIndex(inTwoHalves: true) }
        let run = self, middle = all.count / 2
        // The first half's array has room for both: the second is appended to it in place,
        // not both copied into a third.
        let ((firstRows, firstRun), (secondRows, secondRun)) = concurrently(
            { rowed(all[..<middle], by: run, room: all.count) }, { rowed(all[middle...], by: run, room: all.count - middle) })
        nameMatches = firstRun.nameMatches.merging(secondRun.nameMatches) { _, later in later }
        provisionalYears = firstRun.provisionalYears.union(secondRun.provisionalYears)
        var rows = consume firstRows
        rows.append(contentsOf: secondRows)
        return rows
    }

    // MARK: Matching

    /// The local entry for a code: the first in-force entry with that national key, else
    /// the first entry with it, else an entry paired by name (remembered as a probable match).
    mutating func localEntry(for code: ProcedureCode, name: String?) -> (index: Int, match: MatchKind)? {
        if code.isWellFormed, case let candidates = entries(withKey: code.key), !candidates.isEmpty {
            let i = candidates.first { catalogue.entries[$0].status == .inForce } ?? candidates[candidates.startIndex]
            return (i, .code)
        }
        guard let name else { return nil }
        if unexplainedByName == nil { unexplainedByName = nameIndex() }
        let candidates = unexplainedEntries(named: TextNormalization.fold(name))
        guard !candidates.isEmpty else { return nil }
        let i = candidates.first { catalogue.entries[$0].status == .inForce } ?? candidates[0]
        nameMatches[i] = code.key
        return (i, .probableByName)
    }

    func reference(_ index: Int, _ match: MatchKind) -> LocalReference {
        let e = catalogue.entries[index]
        return LocalReference(code: e.code?.raw, name: e.content.name, location: e.location, match: match)
    }

    /// Whether entry `index` states the version that decision `d` gives its code: it names
    /// that decision or a later one for the same code, or, naming none the program knows,
    /// it was published on or after the decision was issued.
    func reflects(_ index: Int, decision d: Int, key: String) -> Bool {
        if let n = namedDecision[index], let k = keyNumbers[key], decisionIndicesByNumber[k].contains(n) {
            return n >= d
        }
        guard let published = catalogue.entries[index].publishedOn else { return false }
        return published >= decisions[d].issued
    }

    // MARK: Changes

    mutating func row(for change: ProcedureChange, in decision: Decision, at d: Int) -> ChangeRow {
        let trigger = triggerDate(decision)
        var row = ChangeRow(
            decision: decision.number, issuer: decision.issuer, effective: decision.effective,
            code: change.code, name: change.content.name, change: change.change, replaces: change.replaces,
            levels: change.content.levels, trigger: trigger?.date, triggerSource: trigger?.source,
            deadline: nil, provincialDecision: nil, publishedOn: nil, status: .cannotCompute,
            local: nil, provisional: false, location: change.location)

        if let reason = outOfScope(change) {
            row.status = .notApplicable(reason)
            return row
        }

        // What the catalogue should show, and whether it shows it.
        var published = false
        var publication: (decision: String?, date: CivilDate?) = (nil, nil)
        switch change.change {
        case .new, .amended, .replaced:
            let match = localEntry(for: change.code, name: change.content.name)
            if let match {
                row.local = reference(match.index, match.match)
                let e = catalogue.entries[match.index]
                if e.status == .inForce, reflects(match.index, decision: d, key: change.code.key) {
                    published = true
                    publication = (e.provincialDecision, e.publishedOn)
                }
            }
            if change.change == .replaced {
                for old in change.replaces where old.key != change.code.key {
                    if let oldMatch = localEntry(for: old, name: nil), catalogue.entries[oldMatch.index].status == .inForce {
                        published = false
                    }
                }
            }
        case .abolished:
            guard let match = localEntry(for: change.code, name: change.content.name) else {
                row.status = .notApplicable(.notListedLocally)
                return row
            }
            row.local = reference(match.index, match.match)
            let e = catalogue.entries[match.index]
            if e.status == .abolished {
                published = true
                publication = (e.provincialDecision, e.publishedOn)
            }
        }
        // A publication dated after the as-of day has not happened yet on that day.
        if published, let date = publication.date, date > asOf { published = false }
        if published {
            row.provincialDecision = publication.decision
            row.publishedOn = publication.date
        }

        guard let trigger else {
            row.status = .cannotCompute
            return row
        }
        let deadline = calendar.adding(workingDays: settings.deadlineWorkingDays, to: trigger.date)
        row.deadline = deadline
        var spanEnd = deadline
        if published {
            if let date = publication.date {
                spanEnd = max(spanEnd, date)
                row.status = date <= deadline
                    ? .onTime : .late(workingDays: calendar.workingDays(from: deadline, to: date))
            } else {
                row.status = .publishedUndated
            }
        } else if asOf <= deadline {
            row.status = .pending(workingDaysLeft: calendar.workingDays(from: asOf, to: deadline))
        } else {
            spanEnd = asOf
            row.status = .overdue(workingDays: calendar.workingDays(from: deadline, to: asOf))
        }
        let years = Array(min(trigger.date, spanEnd).year...max(deadline, spanEnd).year).filter(calendar.isProvisional)
        if !years.isEmpty {
            row.provisional = true
            provisionalYears.formUnion(years)
        }
        return row
    }

    func triggerDate(_ decision: Decision) -> (date: CivilDate, source: TriggerSource)? {
        let national = decision.nationalDatabase.map { ($0, TriggerSource.nationalDatabase) }
        let received = decision.received.map { ($0, TriggerSource.received) }
        switch settings.triggerPolicy {
        case .nationalDatabaseFirst:
            return national ?? received
        case .earliest:
            guard let n = national, let r = received else { return national ?? received }
            return r.0 < n.0 ? r : n
        }
    }

    func outOfScope(_ change: ProcedureChange) -> NotApplicableReason? {
        let levels = change.content.levels
        if !levels.isEmpty {
            if levels.allSatisfy({ $0 == .central }) { return .centralOnly }
            if !levels.contains(where: settings.scopeLevels.contains) { return .outOfScope }
        }
        if !settings.scopeFields.isEmpty {
            let fields = Set(settings.scopeFields.map(TextNormalization.fold))
            guard let field = change.content.field, fields.contains(TextNormalization.fold(field)) else {
                return .outOfScope
            }
        }
        if !settings.scopeAgencies.isEmpty {
            let agencies = Set(settings.scopeAgencies.map(TextNormalization.fold))
            guard let agency = change.content.agency, agencies.contains(TextNormalization.fold(agency)) else {
                return .outOfScope
            }
        }
        return nil
    }

    // MARK: Current versions and differences

    /// The ministry's current version of entry `i`: by its code, else by the name it was
    /// matched on. No hashing when the code is current.
    func currentVersion(of i: Int) -> ChangePosition? {
        if entryKeyNumbers[i] >= 0, let v = currentByNumber[entryKeyNumbers[i]] { return v }
        return nameMatches[i].flatMap { keyNumbers[$0] }.flatMap { currentByNumber[$0] }
    }

    func differences() -> [Difference] {
        var out: [Difference] = []
        for (i, e) in catalogue.entries.enumerated() where e.status == .inForce {
            guard let version = currentVersion(of: i) else { continue }
            let decision = decisions[version.decision], change = decision.changes[version.change]
            let m = change.content, l = e.content
            func add(_ field: ComparedField, _ local: ComparedValue?, _ ministry: ComparedValue?) {
                out.append(Difference(code: e.code ?? change.code, name: l.name, decision: decision.number,
                                      field: field, local: local, ministry: ministry, location: e.location))
            }
            func text(_ s: String?) -> ComparedValue? { s.map(ComparedValue.text) }
            if !Comparison.sameText(l.name, m.name) { add(.name, text(l.name), text(m.name)) }
            if let mf = m.field, !Comparison.sameText(l.field, mf) { add(.field, text(l.field), text(mf)) }
            let ml = m.levels.filter { $0 != .central }, ll = l.levels.filter { $0 != .central }
            if !ml.isEmpty, ml != ll {
                add(.levels, ll.isEmpty ? nil : .levels(ll), .levels(ml))
            }
            if let ma = m.agency, !Comparison.sameText(l.agency, ma) { add(.agency, text(l.agency), text(ma)) }
            if let mt = m.processingTime, !(l.processingTime.map { Comparison.sameProcessingTime($0, mt) } ?? false) {
                add(.processingTime, text(l.processingTime), text(mt))
            }
            if let mfee = m.fees, !Comparison.sameFees(l.fees, mfee) { add(.fees, text(l.fees), text(mfee)) }
            if let mo = m.onlineService, l.onlineService != mo {
                add(.onlineService, l.onlineService.map(ComparedValue.onlineService), .onlineService(mo))
            }
        }
        return out
    }

    // MARK: Expired

    func expired() -> [ExpiredEntry] {
        var out: [ExpiredEntry] = []
        for (i, e) in catalogue.entries.enumerated() where e.status == .inForce {
            // By code (the decisions that took its key out of force, with what replaced
            // it; a later decision that issues the code again puts it back), or by the
            // name a procedure without a code was matched on.
            let number = entryKeyNumbers[i] == Self.noCode ? nameMatches[i].flatMap { keyNumbers[$0] } : entryKeyNumbers[i]
            if let number, number >= 0, let end = endedByNumber[number], decisions[end.decision].effective <= asOf {
                let decision = decisions[end.decision]
                out.append(ExpiredEntry(code: e.code?.raw, name: e.content.name, reason: end.reason,
                                        decision: decision.number, replacement: end.replacement,
                                        since: decision.effective, location: e.location))
            } else if let until = e.validUntil, until < asOf {
                out.append(ExpiredEntry(code: e.code?.raw, name: e.content.name, reason: .validUntilPassed,
                                        decision: nil, replacement: nil, since: until.adding(days: 1),
                                        location: e.location))
            }
        }
        return out
    }

    // MARK: Other findings

    func findings() -> [Finding] {
        var out: [Finding] = []
        func add(_ kind: CheckRule, _ e: LocalEntry, _ message: LocalizedText) {
            out.append(Finding(kind: kind, code: e.code?.raw, name: e.content.name, message: message, location: e.location))
        }
        // The first entry of each code, by index, from the index by key hash the run
        // already has: no key hashed again, no location copied.
        let entries = catalogue.entries
        let firstOfKey = entriesByKey.earliestEqual(count: entries.count) { entries[$0].code?.key == entries[$1].code?.key }
        for (i, e) in catalogue.entries.enumerated() {
            guard let code = e.code else {
                add(.malformedCode, e, CheckStrings.both(\.noCode))
                continue
            }
            guard code.isWellFormed else {
                add(.malformedCode, e, CheckStrings.both { $0.malformedCode(code.raw) })
                continue
            }
            if case let first = firstOfKey[i], first >= 0 {
                let key = code.key, location = entries[first].location
                add(.duplicateCode, e, CheckStrings.both { $0.duplicateCode(key, location.compilerStyle) })
            }
        }
        for e in catalogue.entries
        where e.status == .inForce && AdministrativeLevel.namesAbolishedDistrict(e.content.levels, on: asOf) {
            add(.districtLevel, e, CheckStrings.both(\.districtLevel))
        }
        for decision in decisions {
            for change in decision.changes
            where change.change != .abolished && AdministrativeLevel.namesAbolishedDistrict(change.content.levels, on: decision.effective) {
                out.append(Finding(kind: .districtLevel, code: change.code.raw, name: change.content.name,
                                   message: CheckStrings.both { $0.decisionDistrictLevel(decision.number) },
                                   location: change.location))
            }
        }
        let snapshots = decisions.filter(\.isFullSnapshot)
        if !snapshots.isEmpty {
            let listed = Set(snapshots.flatMap { $0.changes.map(\.code.key) + $0.listed.map(\.code.key) })
            for (i, e) in catalogue.entries.enumerated() where e.status == .inForce {
                guard let code = e.code, code.isWellFormed, !listed.contains(code.key), nameMatches[i] == nil else { continue }
                add(.unexplained, e, CheckStrings.both { $0.unexplained(snapshots.map(\.number).joined(separator: ", ")) })
            }
        }
        for i in nameMatches.keys.sorted() {
            let e = catalogue.entries[i], key = nameMatches[i]!
            add(.probableMatch, e, CheckStrings.both { $0.probableMatch(key) })
        }
        return out.sorted { ($0.kind, $0.location) < ($1.kind, $1.location) }
    }

    // MARK: Scorecard

    /// `complete[i]`: entry `i` is in force with no held part empty (``completeness()``).
    func scorecard(complete: [Bool]) -> Scorecard {
        // By year × 100 + month: a number to hash, not a "yyyy-mm" string made per entry.
        var months: [Int: Tally] = [:]
        var full = 0, partial = 0, total = 0
        for (i, e) in catalogue.entries.enumerated() {
            if e.status == .inForce {
                total += 1
                if e.content.onlineService == .full { full += 1 }
                if e.content.onlineService == .partial { partial += 1 }
            }
            guard let published = e.publishedOn, published <= asOf else { continue }
            let month = published.year * 100 + published.month
            var t = months[month, default: Tally()]
            if let d = namedDecision[i] {
                t.publishedTotal += 1
                if calendar.workingDays(from: published, to: decisions[d].effective) >= 5 { t.published += 1 }
            }
            let postDeadline = calendar.adding(workingDays: 5, to: published)
            if let posted = e.postedOn, posted <= asOf {
                t.postedTotal += 1
                if posted <= postDeadline { t.posted += 1 }
            } else if postDeadline < asOf {
                t.postedTotal += 1
            }
            if e.status == .inForce {
                t.completeTotal += 1
                if complete[i] { t.complete += 1 }
            }
            months[month] = t
        }
        return Scorecard(
            months: months.keys.sorted().map { m in
                let t = months[m]!
                return Scorecard.Month(month: String(CivilDate(year: m / 100, month: m % 100, day: 1)!.iso.prefix(7)),
                                       publishedOnTime: t.published, publishedTotal: t.publishedTotal,
                                       postedOnTime: t.posted, postedTotal: t.postedTotal,
                                       publishedComplete: t.complete, completeTotal: t.completeTotal)
            },
            onlineFull: full, onlinePartial: partial, inForceTotal: total, onlineTarget: settings.onlineServiceTarget)
    }

    // MARK: Complete publication, online-service review, reporting duties

    /// The check, and for each entry whether it is in force and complete: each entry's
    /// missing parts are looked at once, here, for the section and the monthly 1.3 share.
    func completeness() -> (value: Completeness, isComplete: [Bool]) {
        var held = Set<ProcedurePart>()
        var out = Completeness()
        var isComplete = [Bool](repeating: false, count: catalogue.entries.count)
        // The entries of one file share one array of held parts: each is added once.
        var lastHeld: [ProcedurePart]?
        for (i, e) in catalogue.entries.enumerated() where e.status == .inForce {
            if e.heldParts != lastHeld {
                held.formUnion(e.heldParts)
                lastHeld = e.heldParts
            }
            out.inForceTotal += 1
            let missing = e.missingParts
            if missing.isEmpty {
                out.complete += 1
                isComplete[i] = true
            } else {
                out.incomplete.append(IncompleteEntry(code: e.code?.raw, name: e.content.name, missing: missing,
                                                      provincialDecision: e.provincialDecision, publishedOn: e.publishedOn,
                                                      location: e.location))
            }
        }
        out.heldParts = held.sorted()
        return (out, isComplete)
    }

    /// Every in-force entry beside the ministry's current version: a candidate when the
    /// ministry offers more, or (target not met) when it has no online service at all.
    func onlineReview(scorecard: Scorecard) -> [OnlineReviewItem] {
        let targetMissed = scorecard.onlineNeeded.map { scorecard.onlineFull + scorecard.onlinePartial < $0 } ?? false
        // One item per in-force entry (680,000 at national 10x): reserved exactly, so the
        // array carries no growth slack.
        var out: [OnlineReviewItem] = []
        out.reserveCapacity(catalogue.entries.reduce(0) { $0 + ($1.status == .inForce ? 1 : 0) })
        for (i, e) in catalogue.entries.enumerated() where e.status == .inForce {
            let version = currentVersion(of: i)
            let ministry = version.flatMap { decisions[$0.decision].changes[$0.change].content.onlineService }
            let have = e.content.onlineService?.degree ?? 0
            var item = OnlineReviewItem(entry: e, ministry: ministry, ministryDecision: version.map { decisions[$0.decision].number }, proposal: .keep,
                                        proposed: nil, ground: nil)
            if let ministry, ministry.degree > have {
                item.proposal = .raise
                item.proposed = ministry
                item.ground = .ministryOffers
            } else if targetMissed, have == 0 {
                item.proposal = .raise
                item.proposed = .partial
                item.ground = .targetNotMet
            }
            out.append(item)
        }
        return out
    }

    /// Soonest first; ties by name and identifier.
    func reportingDuties() -> [DutyOccurrence] {
        settings.reports.map { duty in
            let (named, due) = duty.occurrence(onOrAfter: asOf, calendar: calendar)
            let kind: DutyOccurrence.Kind
            let stamp: String
            switch duty.schedule {
            case .monthly: kind = .monthly; stamp = String(named.iso.prefix(7))
            case .once: kind = .once; stamp = named.iso
            }
            let slug = TextNormalization.fold(duty.name).split(separator: " ").joined(separator: "-")
            return DutyOccurrence(name: duty.name, kind: kind, named: named, due: due, before: duty.before,
                                  workingDayRule: duty.workingDayRule,
                                  workingDaysLeft: due < asOf ? nil : calendar.workingDays(from: asOf, to: due),
                                  uid: "report-\(slug)-\(stamp)@tthc", location: duty.location)
        }.sorted { ($0.due, $0.name, $0.uid) < ($1.due, $1.name, $1.uid) }
    }
}
