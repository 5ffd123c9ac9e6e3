import Foundation

/// The statement scanner behind ``EnvFile``: compose-go's dotenv rules, with line numbers and
/// a problem (instead of a failed load) for each statement compose would refuse.
struct EnvParser {
    private let text: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var annotation: String?
    private(set) var entries: [EnvFile.Entry] = []
    private(set) var problems: [EnvFile.Problem] = []
    /// The values a second pass looks variables up in; nil on the first pass, which sees only earlier keys.
    private let lookup: [String: String]?

    init(_ text: String, lookup: [String: String]? = nil) {
        self.text = Array(text.unicodeScalars)
        self.lookup = lookup
    }

    /// compose resolves `${VAR}` against the whole file: a first pass with the keys above each line,
    /// then a second that looks every variable up in the first pass's values (a later key included).
    static func parse(_ text: String) -> (entries: [EnvFile.Entry], problems: [EnvFile.Problem]) {
        var first = EnvParser(text)
        first.parse()
        var values: [String: String] = [:]
        for entry in first.entries where !entry.inherited { values[entry.key] = entry.value }
        var second = EnvParser(text, lookup: values)
        second.parse()
        return (second.entries, second.problems)
    }

    mutating func parse() {
        while true {
            skipWhitespace()
            guard index < text.count else { return }
            if text[index] == "#" {
                let comment = restOfLine()
                let trimmed = comment.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.hasPrefix(SampleEnv.annotationPrefix) {
                    annotation = String(trimmed.dropFirst(SampleEnv.annotationPrefix.count)).trimmingCharacters(in: .whitespaces)
                }
                continue
            }
            statement()
        }
    }

    private mutating func statement() {
        let start = line
        let pending = annotation
        annotation = nil
        // compose strips a leading "export" when a blank follows it.
        if text[index...].starts(with: "export".unicodeScalars), index + 6 < text.count, Self.isBlank(text[index + 6]) { index += 6 }
        while index < text.count, Self.isBlank(text[index]) { index += 1 }
        var key = ""
        var terminator: Unicode.Scalar?
        while index < text.count {
            let char = text[index]
            if char == "=" || char == ":" || char == "\n" {
                terminator = char
                break
            }
            if Self.isBlank(char) || char == "_" || char == "." || char == "-" || char.properties.isAlphabetic || char.properties.numericType != nil {
                key.unicodeScalars.append(char)
                index += 1
                continue
            }
            return fail(start, "unexpected character '\(Self.shown(char))' in a key name; expected KEY=value")
        }
        key = String(key.unicodeScalars.reversed().drop { Self.isSpace($0) }.reversed().map(Character.init))
        guard let terminator else { return fail(start, "expected KEY=value (no '=' on the last line)") }
        // A bare `export` line names nothing; compose skips it.
        if key.isEmpty && terminator == "\n" { return }
        if key.isEmpty { return fail(start, "expected KEY=value (the key is missing)") }
        if key.contains(" ") || key.contains("\t") { return fail(start, "a key cannot contain a blank") }
        if terminator == "\n" {
            entries.append(.init(key: key, value: "", line: start, annotation: pending, endLine: start, inherited: true))
            return
        }
        index += 1
        while index < text.count, Self.isBlank(text[index]) { index += 1 }
        guard let value = readValue(start: start) else { return }
        entries.append(.init(key: key, value: value, line: start, annotation: pending, endLine: line))
    }

    /// The value after `=`; nil after a problem was recorded.
    private mutating func readValue(start: Int) -> String? {
        guard index < text.count, text[index] == "\"" || text[index] == "'" else {
            var raw = restOfLine()
            if let comment = raw.range(of: " #") { raw = String(raw[..<comment.lowerBound]) }
            return expand(String(raw.unicodeScalars.reversed().drop { Self.isSpace($0) }.reversed().map(Character.init)), start: start)
        }
        let quote = text[index]
        var end = index + 1
        while end < text.count, !(text[end] == quote && text[end - 1] != "\\") { end += 1 }
        guard end < text.count else {
            index = text.count
            fail(start, "the quoted value has no closing \(quote == "\"" ? "double" : "single") quote")
            return nil
        }
        let inner = String(String.UnicodeScalarView(text[(index + 1)..<end]))
        for char in text[index..<end] where char == "\n" { line += 1 }
        // Whatever follows the closing quote is read as the next statement, as compose does.
        index = end + 1
        return quote == "'" ? inner.replacingOccurrences(of: "\\'", with: "'") : expand(Self.unescape(inner), start: start)
    }

    /// Double-quoted escapes as compose reads them: `\a \b \f \n \r \t \v \\ \"` and `\$` (a literal `$`); any other `\X` stays.
    static func unescape(_ value: String) -> String {
        let escapes: [Unicode.Scalar: String] = ["a": "\u{07}", "b": "\u{08}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t", "v": "\u{0B}", "\\": "\\", "\"": "\"", "$": "$$"]
        var out = ""
        var chars = value.unicodeScalars.makeIterator()
        while let char = chars.next() {
            guard char == "\\" else {
                out.unicodeScalars.append(char)
                continue
            }
            guard let next = chars.next() else {
                out += "\\"
                break
            }
            if let replacement = escapes[next] {
                out += replacement
            } else {
                out += "\\"
                out.unicodeScalars.append(next)
            }
        }
        return out
    }

    /// `$$`, `$VAR`, `${VAR}` and the `${VAR:-default}` forms; a malformed or required-but-unset variable is a problem.
    private mutating func expand(_ value: String, start: Int) -> String {
        guard value.contains("$") else { return value }
        var known: [String: String] = [:]
        if let lookup { known = lookup } else { for entry in entries where !entry.inherited { known[entry.key] = entry.value } }
        switch EnvSubstitution.substitute(value, known) {
        case .success(let text): return text
        case .failure(let problem):
            problems.append(.init(line: start, reason: problem.reason))
            return ""
        }
    }

    /// Consumes up to (not including) the next line break and returns it.
    private mutating func restOfLine() -> String {
        var out = String.UnicodeScalarView()
        while index < text.count, text[index] != "\n" {
            out.append(text[index])
            index += 1
        }
        return String(out)
    }

    private mutating func skipWhitespace() {
        while index < text.count, Self.isSpace(text[index]) || text[index] == "\n" {
            if text[index] == "\n" { line += 1 }
            index += 1
        }
    }

    private mutating func fail(_ at: Int, _ reason: String) {
        problems.append(.init(line: at, reason: reason))
        _ = restOfLine()
    }

    /// Blanks inside a line, as compose's `isSpace` (no line break).
    static func isBlank(_ char: Unicode.Scalar) -> Bool {
        ["\t", "\u{0B}", "\u{0C}", "\r", " ", "\u{85}", "\u{A0}"].contains(char)
    }

    /// Any white space but the line break.
    static func isSpace(_ char: Unicode.Scalar) -> Bool { char != "\n" && char.properties.isWhitespace }

    static func shown(_ char: Unicode.Scalar) -> String {
        char.isASCII && char.value >= 0x20 && char.value < 0x7F ? String(char) : String(format: "U+%04X", char.value)
    }
}
