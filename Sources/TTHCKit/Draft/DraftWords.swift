/// The sentences of the draft decision, built from the draft and the `draft:` settings
/// (docs/draft.md): the one place its Vietnamese is spelled.
struct DraftWords {
    let draft: PublicationDraft

    init(_ draft: PublicationDraft) { self.draft = draft }

    /// "Tỉnh Hưng Yên" → "tỉnh Hưng Yên"; "Thành phố Hà Nội" → "thành phố Hà Nội".
    var provinceInSentence: String { Self.lowercasedFirst(draft.province) }

    /// The province's name alone: "Hưng Yên".
    var provinceName: String {
        let folded = TextNormalization.fold(draft.province)
        for prefix in ["tinh ", "thanh pho "] where folded.hasPrefix(prefix) {
            return String(draft.province.dropFirst(prefix.count))
        }
        return draft.province
    }

    /// Ủy ban nhân dân tỉnh Hưng Yên.
    var issuingBody: String { draft.settings.issuingBody ?? "Ủy ban nhân dân " + provinceInSentence }

    /// The issuing body on two lines, as the header prints it: "ỦY BAN NHÂN DÂN" / "TỈNH HƯNG YÊN".
    var issuingBodyLines: [String] {
        let body = issuingBody
        let words = body.split(separator: " ")
        guard TextNormalization.fold(body).hasPrefix("uy ban nhan dan "), words.count > 4 else { return [body] }
        return [words.prefix(4).joined(separator: " "), words.dropFirst(4).joined(separator: " ")]
    }

    var place: String { draft.settings.place ?? provinceName }

    /// "Hưng Yên, ngày      tháng      năm 2026": day and month left for the signing.
    var dateLine: String { "\(place), ngày      tháng      năm \(draft.asOf.year)" }

    /// "Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên".
    var authority: String { "Chủ tịch " + issuingBody }

    var changeTypes: [ChangeType] { Set(draft.entries.map(\.change)).sorted() }

    /// The fields of the procedures, in annex order, as a sentence says them.
    var fields: [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for e in draft.entries {
            guard let f = e.field, seen.insert(TextNormalization.fold(f)).inserted else { continue }
            out.append(Self.lowercasedFirst(f))
        }
        return out.sorted { TextNormalization.fold($0) < TextNormalization.fold($1) }
    }

    /// "mới ban hành, được sửa đổi, bổ sung và bị bãi bỏ".
    static func changePhrase(_ types: [ChangeType]) -> String {
        joined(types.map { change in
            switch change {
            case .new: "mới ban hành"
            case .amended: "được sửa đổi, bổ sung"
            case .replaced: "được thay thế"
            case .abolished: "bị bãi bỏ"
            }
        })
    }

    /// "a", "a và b", "a, b và c".
    static func joined(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " và " + items.last!
    }

    /// " trong lĩnh vực a", " trong các lĩnh vực: a; b; c" (field names hold "và" and
    /// commas themselves), or nothing when no field is known.
    private var fieldPhrase: String {
        let f = fields
        switch f.count {
        case 0: return ""
        case 1: return " trong lĩnh vực " + f[0]
        default: return " trong các lĩnh vực: " + f.joined(separator: "; ")
        }
    }

    private var scopePhrase: String {
        "thuộc phạm vi chức năng quản lý của \(draft.agency) \(provinceInSentence)"
    }

    /// The summary under "QUYẾT ĐỊNH" (trích yếu).
    var summary: String {
        "Về việc công bố danh mục thủ tục hành chính \(Self.changePhrase(changeTypes))\(fieldPhrase) \(scopePhrase)"
    }

    /// The recitals: the settings' (or the usual ones), then one per ministry decision.
    var recitals: [String] {
        let fixed = draft.settings.recitals ?? Self.usualRecitals
        let sources = draft.sources.map { s in
            let about = s.title.map { Self.lowercasedFirst($0.hasPrefix("V/v ") ? String($0.dropFirst(4)) : $0) }
                ?? "công bố thủ tục hành chính \(Self.changePhrase(s.changes))"
            let subject = about.hasPrefix("về việc") ? about : "về việc " + about
            return "Căn cứ Quyết định số \(s.number) ngày \(s.issued.vietnamese) của \(s.issuer) \(subject)"
        }
        return fixed + sources
    }

    /// The recitals a provincial publication decision usually opens with: the law on local
    /// government, the decrees on the control of procedures, and the circular on its
    /// practice (as in the provinces' decisions of 2025).
    static let usualRecitals = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
        "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành chính; "
            + "Nghị định số 92/2017/NĐ-CP ngày 07 tháng 8 năm 2017 của Chính phủ sửa đổi, bổ sung một số điều của "
            + "các Nghị định liên quan đến kiểm soát thủ tục hành chính",
        "Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31 tháng 10 năm 2017 của Văn phòng Chính phủ hướng dẫn về nghiệp vụ "
            + "kiểm soát thủ tục hành chính",
    ]

    var proposal: String { Self.ending(draft.settings.proposal ?? "Theo đề nghị của Giám đốc \(draft.agency)", ".", trimming: ".;") }

    /// A sentence as written in the settings, its closing marks replaced by the one its
    /// place in the decision asks for.
    static func ending(_ s: String, _ mark: String, trimming marks: String = ";.,") -> String {
        var t = s
        while let last = t.last, marks.contains(last) { t.removeLast() }
        return t + mark
    }

    /// Articles 1 to 3, each as its paragraphs.
    var articles: [[String]] {
        let count = draft.entries.count
        let n = count < 10 ? "0\(count)" : "\(count)"
        let first = ["Công bố kèm theo Quyết định này danh mục \(n) thủ tục hành chính \(Self.changePhrase(changeTypes))"
                     + "\(fieldPhrase) \(scopePhrase).",
                     "(Có Phụ lục kèm theo)"]
        var second = ["Quyết định này có hiệu lực thi hành kể từ ngày ký."]
        let ending = changeTypes.filter { $0 == .replaced || $0 == .abolished }
        if !ending.isEmpty {
            second.append("Các thủ tục hành chính \(Self.changePhrase(ending)) tại Phụ lục kèm theo Quyết định này "
                          + "không còn được thực hiện kể từ ngày Quyết định này có hiệu lực.")
        }
        let executors = draft.settings.executors
            ?? "Chánh Văn phòng Ủy ban nhân dân \(Self.shortProvince(provinceInSentence)); Giám đốc \(draft.agency); "
            + "Chủ tịch Ủy ban nhân dân các xã, phường; Thủ trưởng các cơ quan, đơn vị và tổ chức, cá nhân có liên quan "
            + "chịu trách nhiệm thi hành Quyết định này"
        return [first, second, [Self.ending(executors, "./.", trimming: "./")]]
    }

    /// "tỉnh Hưng Yên" → "tỉnh" (Article 3's "Chánh Văn phòng Ủy ban nhân dân tỉnh").
    static func shortProvince(_ s: String) -> String {
        let folded = TextNormalization.fold(s)
        if folded.hasPrefix("thanh pho") { return "thành phố" }
        return "tỉnh"
    }

    var recipients: [String] {
        draft.settings.recipients ?? [
            "Như Điều 3;",
            "Văn phòng Chính phủ (Cục Kiểm soát thủ tục hành chính);",
            "Chủ tịch, các Phó Chủ tịch UBND \(Self.shortProvince(provinceInSentence));",
            "Lưu: VT.",
        ]
    }

    var signer: [String] { draft.settings.signer ?? ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] }

    var signerName: String { draft.settings.signerName ?? "" }

    /// "DANH MỤC THỦ TỤC HÀNH CHÍNH … THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA …" (upper-cased where printed).
    var annexTitle: String {
        "Danh mục thủ tục hành chính \(Self.changePhrase(changeTypes))\(fieldPhrase) \(scopePhrase)"
    }

    var annexReference: String {
        "(Kèm theo Quyết định số        /QĐ-UBND ngày      tháng      năm \(draft.asOf.year) của \(authority))"
    }

    /// The title of one change type's list in the annex.
    static func listTitle(_ change: ChangeType) -> String {
        "Danh mục thủ tục hành chính " + changePhrase([change])
    }

    /// "Thủ tục hành chính cấp tỉnh", "… cấp tỉnh, cấp xã"; levels unknown are said so.
    static func levelHeading(_ levels: [AdministrativeLevel]) -> String {
        guard !levels.isEmpty else { return "Thủ tục hành chính chưa ghi cấp thực hiện" }
        return "Thủ tục hành chính " + levels.map { "cấp " + $0.label.vi }.joined(separator: ", ")
    }

    /// The first letter in lower case, for a name inside a sentence ("Hoạt động khoa học"
    /// → "hoạt động khoa học"); a name whose second letter is upper case is an acronym and
    /// stays as written.
    static func lowercasedFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        let rest = s.dropFirst()
        if let second = rest.first, second.isUppercase { return s }
        return first.lowercased() + rest
    }
}
