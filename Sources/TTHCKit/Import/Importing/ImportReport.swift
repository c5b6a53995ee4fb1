extension ImportPlan {
    /// What `tthc import` prints: for each file what `tthc inspect` shows, then what is (or
    /// would be) added for it and what is left for the legal desk; last, whether anything
    /// was written.
    public func described(_ language: Language, written: Bool) -> String {
        let vi = language == .vi
        func shown(_ relative: String) -> String {
            catalogue.isEmpty || catalogue == "." ? relative : catalogue + "/" + relative
        }
        var out = ""
        for item in items {
            out += item.document.inspected(format: .text, language: language)
            guard let decision = item.decision, let path = item.listingPath, !item.refused else { continue }
            out += "\n" + (vi ? "Nhập vào \(catalogue):" : "Import into \(catalogue):") + "\n"
            let n = decision.changes.count, l = decision.listed.count
            let counts = vi ? "\(n) thủ tục thay đổi" + (l > 0 ? ", \(l) thủ tục trong danh sách" : "")
                : "\(n) change\(n == 1 ? "" : "s")" + (l > 0 ? ", \(l) procedure\(l == 1 ? "" : "s") listed" : "")
            out += (vi ? "  tệp danh mục mới: " : "  new listing: ") + "\(shown(path)) (\(counts))\n"
            let order: [RegisterColumn] = [.decision, .issuer, .issued, .effective, .listingFile, .scope, .title]
            let values = order.compactMap { item.registerRow[$0] }.joined(separator: " | ")
            let line = item.registerLine.map { vi ? ", dòng \($0)" : ", line \($0)" } ?? ""
            out += (vi ? "  dòng mới trong sổ theo dõi" : "  new register row") + " (\(shown("register.csv"))\(line)): \(values)\n"
            out += vi
                ? "  để bộ phận pháp chế điền: ngày cập nhật CSDL quốc gia và ngày nhận (cột \"Ngày cập nhật CSDLQG\", \"Ngày nhận\" của dòng mới): văn bản không thể ghi các ngày này\n"
                : "  left for the legal desk: the national database update date and the received date (columns \"Ngày cập nhật CSDLQG\", \"Ngày nhận\" of the new row): no document can give them\n"
            out += "\n"
        }
        for column in RegisterColumn.allCases where missingRegisterColumns.contains(column) {
            let name = RegisterColumn.specs.first { $0.key == column }!.name
            out += vi ? "Sổ theo dõi không có cột \"\(name)\": giá trị này không được ghi vào sổ.\n"
                : "The register has no column \"\(name)\": that value is not written into it.\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let files = items.filter { $0.decision != nil }.count
        if written {
            out += vi ? "Đã ghi \(files) tệp danh mục và sổ theo dõi; xem lại bằng git diff.\n"
                : "Written: \(files) listing\(files == 1 ? "" : "s") and the register; review them with git diff.\n"
        } else if errors > 0 {
            out += vi ? "Không ghi gì: \(errors) lỗi.\n" : "Nothing written: \(errors) error\(errors == 1 ? "" : "s").\n"
        } else {
            out += vi ? "Chưa ghi gì (thêm --write để ghi).\n" : "Nothing written yet (add --write to write).\n"
        }
        return out
    }
}
