/// The report as a CSV file for Excel: one row per item of every section, so a clerk can
/// filter and sort it.
///
/// Encoding: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the ANSI code
/// page and the Vietnamese letters break), CRLF line ends, comma separator, RFC 4180
/// quoting (a field with `"`, `,`, CR or LF is quoted, `"` doubled). A field that starts
/// with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so Excel never evaluates text
/// from the data as a formula.
///
/// The columns, their order and the `section` and `kind` values are stable and the same in
/// both languages; only the header words, descriptions and labels are translated. Dates
/// are ISO `yyyy-mm-dd`, which Excel reads as dates whatever its locale. Columns:
///
///  1. section: `unread`, `urgent`, `expired`, `not-published`, `late`,
///     `published-undated`, `differences`, `findings`, `other-changes`, `incomplete`,
///     `online-review`, `reporting-duties`, `unplaced` (in that order, rows sorted as in
///     the other reports; `unread` rows name a listing that could not be read, with the
///     error id as kind and the message as description; `unplaced` rows a listing row not
///     read as a procedure, with its text as the name; `incomplete` rows one empty part of
///     an entry, the part's id as kind; `online-review` rows `raise` or `keep`, the levels in
///     columns 18 and 19; `reporting-duties` rows `monthly` or `once`, the due day in 14);
///  2. kind: change status (`overdue`, `pending`, `cannot-compute`, `late`,
///     `published-undated`, `on-time`, `not-applicable`), expiry reason (`abolished`,
///     `replaced`, `valid-until-passed`), compared field (`name`, `field`, `levels`,
///     `agency`, `processing-time`, `fees`, `online-service`) or finding kind
///     (`duplicate-code`, `malformed-code`, `district-level`, `unexplained`,
///     `probable-match`);
///  3. description: the status, reason, field or finding in words;
///  4. working days (late, left or overdue); 5. code; 6. procedure name;
///  7. ministry decision; 8. issuer; 9. change type; 10. levels; 11. effective date;
/// 12. clock start date; 13. clock source; 14. deadline; 15. provisional deadline (yes/no);
/// 16. provincial decision; 17. publication date; 18. what the provincial catalogue says;
/// 19. what the ministry decision says; 20. code this change replaces; 21. code that
///     replaced the expired entry; 22. not in force since; 23. location in the catalogue or
///     listing (`file:line:column`).
public struct CSVReport: ReportRenderer {
    public init() {}

    static let columnCount = 23

    public func render(_ reconciliation: Reconciliation, language: Language) -> [UInt8] {
        content(reconciliation, language: language).collected
    }

    /// The report handed to the file as its rows are made, in pieces of about 1 MiB: at
    /// national scale it is a million rows, which were held as strings and then as bytes
    /// before the first was written.
    public func content(_ reconciliation: Reconciliation, language: Language) -> OutputContent {
        ChunkedOutput.produced { [self] out in self.write(reconciliation, language: language, to: out) }
    }

    private func write(_ reconciliation: Reconciliation, language: Language, to out: ChunkedOutput) {
        let s = ReportStrings.for(language)
        let parts = ReportSections(reconciliation)
        out.append(contentsOf: [0xEF, 0xBB, 0xBF])
        func emit(_ record: [String]) {
            for (i, field) in record.enumerated() {
                if i > 0 { out.append(byte: 0x2C) }
                out.append(CSVField.encoded(field))
            }
            out.append(byte: 0x0D)
            out.append(byte: 0x0A)
            out.flushIfFull()
        }
        emit(s.csvHeaders)

        func change(_ section: ReportSections.ID, _ rows: [ChangeRow]) {
            for row in rows {
                var f = Self.empty
                f[0] = section.rawValue
                f[1] = row.status.kind.rawValue
                f[2] = s.status(row.status)
                f[3] = row.status.workingDays.map(String.init) ?? ""
                f[4] = row.code.label[s.language]
                f[5] = row.name
                f[6] = row.decision
                f[7] = row.issuer
                f[8] = row.change.label[language]
                f[9] = row.levels.map { $0.label[language] }.joined(separator: ", ")
                f[10] = row.effective.iso
                f[11] = row.trigger?.iso ?? ""
                f[12] = row.triggerSource.map(s.triggerSource) ?? ""
                f[13] = row.deadline?.iso ?? ""
                f[14] = row.deadline == nil ? "" : (row.provisional ? s.yes : s.no)
                f[15] = row.provincialDecision ?? ""
                f[16] = row.publishedOn?.iso ?? ""
                f[19] = row.replaces.map(\.raw).joined(separator: ", ")
                f[22] = row.location.compilerStyle
                emit(f)
            }
        }

        // Listings that could not be read come first, one row per error.
        for listing in reconciliation.unreadListings {
            for error in listing.errors {
                var f = Self.empty
                f[0] = ReportSections.ID.unread.rawValue
                f[1] = error.id.rawValue
                f[2] = error.message[language]
                f[22] = error.location.compilerStyle
                emit(f)
            }
        }
        change(.urgent, parts.urgent)
        for e in parts.expired {
            var f = Self.empty
            f[0] = ReportSections.ID.expired.rawValue
            f[1] = e.reason.rawValue
            f[2] = s.expiredReason(e.reason, e.replacement?.raw)
            f[4] = e.code ?? ""
            f[5] = e.name
            f[6] = e.decision ?? ""
            f[20] = e.replacement?.raw ?? ""
            f[21] = e.since.iso
            f[22] = e.location.compilerStyle
            emit(f)
        }
        change(.notPublished, parts.notPublished)
        change(.late, parts.late)
        change(.undated, parts.undated)
        for d in parts.differences {
            var f = Self.empty
            f[0] = ReportSections.ID.differences.rawValue
            f[1] = d.field.rawValue
            f[2] = d.field.label[language]
            f[4] = d.code.label[s.language]
            f[5] = d.name
            f[6] = d.decision
            f[17] = d.local?.label[language] ?? ""
            f[18] = d.ministry?.label[language] ?? ""
            f[22] = d.location.compilerStyle
            emit(f)
        }
        for finding in parts.findings {
            var f = Self.empty
            f[0] = ReportSections.ID.findings.rawValue
            f[1] = finding.kind.rawValue
            f[2] = finding.message[language]
            f[4] = finding.code ?? ""
            f[5] = finding.name
            f[22] = finding.location.compilerStyle
            emit(f)
        }
        change(.otherChanges, parts.otherChanges)
        // One row per empty part of an incomplete entry, so a clerk can filter by part.
        for e in reconciliation.completeness.incomplete {
            for part in e.missing {
                var f = Self.empty
                f[0] = ReportSections.ID.incomplete.rawValue
                f[1] = part.rawValue
                f[2] = part.label[language]
                f[4] = e.code ?? ""
                f[5] = e.name
                f[15] = e.provincialDecision ?? ""
                f[16] = e.publishedOn?.iso ?? ""
                f[22] = e.location.compilerStyle
                emit(f)
            }
        }
        for item in ReportDocument.reviewOrder(reconciliation.onlineReview) {
            var f = Self.empty
            f[0] = ReportSections.ID.onlineReview.rawValue
            f[1] = item.proposal.rawValue
            f[2] = s.proposal(item.proposal == .raise, ReportDocument.level(item.proposed, s)) + " – " + s.ground(item.ground)
            f[4] = item.code ?? ""
            f[5] = item.name
            f[6] = item.ministryDecision ?? ""
            f[17] = item.current?.label[language] ?? ""
            f[18] = item.ministry?.label[language] ?? ""
            f[22] = item.location.compilerStyle
            emit(f)
        }
        for d in reconciliation.reportingDuties {
            var f = Self.empty
            f[0] = ReportSections.ID.reportingDuties.rawValue
            f[1] = d.kind.rawValue
            f[2] = ReportDocument.dutyRule(d, s) + (ReportDocument.dutyMove(d, s).map { " (" + $0 + ")" } ?? "")
            f[3] = d.workingDaysLeft.map(String.init) ?? ""
            f[5] = d.name
            f[13] = d.due.iso
            f[22] = d.location.compilerStyle
            emit(f)
        }
        for row in reconciliation.unplacedRows {
            var f = Self.empty
            f[0] = ReportSections.ID.unplaced.rawValue
            f[1] = "unplaced-row"
            f[2] = row.reason[language]
            f[5] = row.text
            f[22] = row.location.compilerStyle
            emit(f)
        }
    }

    private static let empty = [String](repeating: "", count: columnCount)
}
