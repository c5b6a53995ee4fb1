/// The report rows that are most of a JSON report's bytes, written without the `Encoder`
/// protocol (see ``DirectJSON``). Each writes the members of its `encode(to:)` (or of its
/// synthesised conformance) in key order.

extension ChangeRow: DirectJSON {
    func writeJSON(_ out: JSONOut) {
        out.object { o in
            o.member("change", change)
            o.member("code", code)
            o.member("deadline", deadline)
            o.member("decision", decision)
            o.member("effective", effective)
            o.member("issuer", issuer)
            o.member("levels", levels)
            o.member("local", local)
            o.member("location", location)
            o.member("name", name)
            o.member("provincialDecision", provincialDecision)
            o.member("provisional", provisional)
            o.member("publishedOn", publishedOn)
            if !replaces.isEmpty { o.member("replaces", replaces) }
            o.member("status", status)
            o.member("trigger", trigger)
            o.member("triggerSource", triggerSource)
        }
    }
}

extension ChangeStatus: DirectJSON {
    func writeJSON(_ out: JSONOut) {
        out.object { o in
            o.member("kind", kind)
            if case .notApplicable(let reason) = self { o.member("reason", reason) }
            o.member("workingDays", workingDays)
        }
    }
}

extension LocalReference: DirectJSON {
    func writeJSON(_ out: JSONOut) {
        out.object { o in
            o.member("code", code)
            o.member("location", location)
            o.member("match", match)
            o.member("name", name)
        }
    }
}

extension Difference: DirectJSON {
    func writeJSON(_ out: JSONOut) {
        out.object { o in
            o.member("code", code)
            o.member("decision", decision)
            o.member("field", field)
            o.member("local", local?.stable)
            o.member("location", location)
            o.member("ministry", ministry?.stable)
            o.member("name", name)
        }
    }
}

extension ExpiredEntry: DirectJSON {
    func writeJSON(_ out: JSONOut) {
        out.object { o in
            o.member("code", code)
            o.member("decision", decision)
            o.member("location", location)
            o.member("name", name)
            o.member("reason", reason)
            o.member("replacement", replacement)
            o.member("since", since)
        }
    }
}

extension OnlineReviewItem: DirectJSON {
    func writeJSON(_ out: JSONOut) {
        out.object { o in
            o.member("code", code)
            o.member("current", current)
            o.member("ground", ground)
            o.member("location", location)
            o.member("ministry", ministry)
            o.member("ministryDecision", ministryDecision)
            o.member("name", name)
            o.member("proposal", proposal)
            o.member("proposed", proposed)
        }
    }
}

extension IncompleteEntry: DirectJSON {
    func writeJSON(_ out: JSONOut) {
        out.object { o in
            o.member("code", code)
            o.member("location", location)
            o.member("missing", missing)
            o.member("name", name)
            o.member("provincialDecision", provincialDecision)
            o.member("publishedOn", publishedOn)
        }
    }
}

extension SourceLocation: DirectJSON {
    func writeJSON(_ out: JSONOut) {
        out.object { o in
            o.member("column", column)
            o.member("field", field)
            o.member("file", file)
            o.member("line", line)
        }
    }
}

extension ProcedureCode: DirectJSON {
    func writeJSON(_ out: JSONOut) { out.string(raw) }
}

extension CivilDate: DirectJSON {
    func writeJSON(_ out: JSONOut) { out.string(iso) }
}

extension ChangeType: DirectJSONRawString {}
extension AdministrativeLevel: DirectJSONRawString {}
extension OnlineServiceLevel: DirectJSONRawString {}
extension ProcedurePart: DirectJSONRawString {}
extension MatchKind: DirectJSONRawString {}
extension TriggerSource: DirectJSONRawString {}
extension NotApplicableReason: DirectJSONRawString {}
extension ChangeStatus.Kind: DirectJSONRawString {}
extension ComparedField: DirectJSONRawString {}
extension ExpiredEntry.Reason: DirectJSONRawString {}
extension OnlineReviewItem.Proposal: DirectJSONRawString {}
extension OnlineReviewItem.Ground: DirectJSONRawString {}
