import Foundation

/// The decision title a corpus source note gives on its `Title:` line (for annexes whose
/// tables name no change type), or nil.
public func corpusNoteTitle(_ note: URL) -> String? {
    guard let text = try? String(contentsOf: note, encoding: .utf8) else { return nil }
    for raw in text.split(separator: "\n") {
        var line = raw.trimmingCharacters(in: .whitespaces)
        while let first = line.first, "-* ".contains(first) { line.removeFirst() }
        if line.lowercased().hasPrefix("title:") {
            return line.dropFirst(6).trimmingCharacters(in: CharacterSet(charactersIn: " `\""))
        }
    }
    return nil
}
