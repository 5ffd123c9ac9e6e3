/// The lines of a text, edited by position and put back together with every untouched byte as it was.
///
/// Positions are 0-based lines and columns counted in Unicode scalars, as libYAML counts them (a `Mark` less one).
/// A line of a CRLF file keeps its `\r`, and lines added to it get one.
struct TextLines {
    private(set) var lines: [[Unicode.Scalar]]
    private var replacements: [(line: Int, start: Int, end: Int, text: String)] = []
    private var insertions: [(after: Int, lines: [String])] = []

    init(_ text: String) {
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
    }

    /// `\r` when the file's lines end in CRLF.
    var lineEnd: String { lines.first?.last == "\r" ? "\r" : "" }

    /// The last line with text: a file that ends with a newline has an empty line after it.
    var lastLine: Int { lines.count > 1 && lines.last!.isEmpty ? lines.count - 2 : lines.count - 1 }

    func line(_ index: Int) -> [Unicode.Scalar] { index >= 0 && index < lines.count ? lines[index] : [] }

    /// Whether `index` is blank, or a comment that starts the line (one that belongs to the next top-level key).
    func isBlankOrTopComment(_ index: Int) -> Bool {
        let text = line(index)
        guard let first = text.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return true }
        return first == 0 && text[0] == "#"
    }

    mutating func replace(line: Int, from start: Int, to end: Int, with text: String) {
        replacements.append((line, start, end, text))
    }

    mutating func insert(_ text: String, line: Int, at column: Int) { replace(line: line, from: column, to: column, with: text) }

    /// Adds whole lines after line `after`, after any added there before.
    mutating func insertLines(_ new: [String], after: Int) {
        insertions.append((after, new.map { $0 + lineEnd }))
    }

    /// The text with every edit made: the replacements within lines right to left, then the new lines.
    func applied() -> String {
        var result = lines.map { String(String.UnicodeScalarView($0)) }
        for edit in replacements.sorted(by: { ($0.line, $0.start) > ($1.line, $1.start) }) {
            var scalars = Array(result[edit.line].unicodeScalars)
            scalars.replaceSubrange(edit.start..<edit.end, with: Array(edit.text.unicodeScalars))
            result[edit.line] = String(String.UnicodeScalarView(scalars))
        }
        var grouped: [Int: [String]] = [:]
        for insertion in insertions { grouped[insertion.after, default: []] += insertion.lines }
        for (after, new) in grouped.sorted(by: { $0.key > $1.key }) { result.insert(contentsOf: new, at: after + 1) }
        return result.joined(separator: "\n")
    }

    /// The column of the `}` that closes the flow mapping opened at `open`, or nil when it is not on the same line.
    func closingBrace(line index: Int, open: Int) -> Int? {
        let text = line(index)
        guard open < text.count, text[open] == "{" else { return nil }
        var depth = 0
        var column = open
        while column < text.count {
            let character = text[column]
            switch character {
            case "\"", "'":
                guard let end = Self.endOfQuoted(text, from: column) else { return nil }
                column = end
            case "#" where column > 0 && (text[column - 1] == " " || text[column - 1] == "\t"):
                return nil
            case "{", "[":
                depth += 1
            case "}", "]":
                depth -= 1
                if depth == 0 { return character == "}" ? column : nil }
            default: break
            }
            column += 1
        }
        return nil
    }

    /// The column just after the `:` that ends the key starting at `key`, or nil when the line is not `key: …`.
    func afterColon(line index: Int, key: Int) -> Int? {
        let text = line(index)
        guard key < text.count else { return nil }
        var column = key
        if text[key] == "\"" || text[key] == "'" {
            guard let end = Self.endOfQuoted(text, from: key) else { return nil }
            column = end + 1
        }
        while column < text.count {
            if text[column] == ":" && (column + 1 == text.count || [" ", "\t", "\r"].contains(text[column + 1])) { return column + 1 }
            if text[column] == "#" && column > key && text[column - 1] == " " { return nil }
            column += 1
        }
        return nil
    }

    /// The column of the quote that closes the quoted scalar opening at `start`, on the same line.
    static func endOfQuoted(_ text: [Unicode.Scalar], from start: Int) -> Int? {
        let quote = text[start]
        var column = start + 1
        while column < text.count {
            if quote == "\"" && text[column] == "\\" {
                column += 2
                continue
            }
            if text[column] == quote {
                // '' inside single quotes is one quote.
                if quote == "'" && column + 1 < text.count && text[column + 1] == "'" {
                    column += 2
                    continue
                }
                return column
            }
            column += 1
        }
        return nil
    }
}
