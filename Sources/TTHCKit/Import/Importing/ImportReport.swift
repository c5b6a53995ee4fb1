extension ImportPlan {
    /// What `tthc import` prints: for each file what `tthc inspect` shows, then what is (or
    /// would be) added for it and what is left for the legal desk; last, whether anything
    /// was written.
    public func described(_ language: Language, written: Bool) -> String {
        let words = InspectStrings.for(language)
        func shown(_ relative: String) -> String {
            catalogue.isEmpty || catalogue == "." ? relative : catalogue + "/" + relative
        }
        var out = ""
        for item in items {
            out += item.document.inspected(format: .text, language: language)
            guard let decision = item.decision, let path = item.listingPath, !item.refused else { continue }
            out += "\n" + words.importInto(catalogue) + "\n"
            out += words.newListing + "\(shown(path)) (\(words.counts(decision.changes.count, decision.listed.count)))\n"
            let order: [RegisterColumn] = [.decision, .issuer, .issued, .effective, .listingFile, .scope, .title]
            let values = order.compactMap { item.registerRow[$0] }.joined(separator: " | ")
            let line = item.registerLine.map(words.registerLine) ?? ""
            out += words.newRegisterRow + " (\(shown("register.csv"))\(line)): \(values)\n"
            out += words.leftForLegalDesk + "\n"
            out += "\n"
        }
        for column in RegisterColumn.allCases where missingRegisterColumns.contains(column) {
            let name = RegisterColumn.specs.first { $0.key == column }!.name
            out += words.registerLacksColumn(name) + "\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let files = items.filter { $0.decision != nil }.count
        if written {
            out += words.written(files) + "\n"
        } else if errors > 0 {
            out += words.nothingWritten(errors) + "\n"
        } else {
            out += words.nothingWrittenYet + "\n"
        }
        return out
    }
}
