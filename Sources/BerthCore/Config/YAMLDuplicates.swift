/// Where a duplicate key stands: Yams names only the mapping that holds it.
enum YAMLDuplicates {
    /// The line of the second `key:` at or after `from` (1-based), at the indent of the first one.
    static func secondLine(of key: String, in text: String, from: Int) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var indent: Int?
        for index in max(from - 1, 0)..<lines.count {
            let line = lines[index]
            let body = line.drop { $0 == " " }
            let bare = body.hasPrefix("- ") ? body.dropFirst(2) : body
            let quotedKeys = ["\(key):", "\"\(key)\":", "'\(key)':"]
            // A flow mapping on one line holds both keys on that line.
            if line.contains("{"), quotedKeys.contains(where: { needle in line.components(separatedBy: needle).count > 2 }) { return index + 1 }
            guard quotedKeys.contains(where: { bare.hasPrefix($0) }) else { continue }
            let column = line.count - bare.count
            if let first = indent {
                if column == first { return index + 1 }
            } else {
                indent = column
            }
        }
        return nil
    }
}
