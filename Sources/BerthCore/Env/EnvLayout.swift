import Foundation

/// The text of a `.env` that `env init` writes: line for line with its `sample.env` (the same
/// comments, each key on the sample's line), so `check-env-file-coherency.py`-style hooks pass.
enum EnvLayout {
    /// A new `.env`: the sample, with each key's line holding its value.
    static func create(_ sample: String, fills: [String: String]) -> String {
        var lines = Self.lines(sample)
        for entry in EnvFile(path: "sample.env", text: sample).entries {
            lines[entry.line - 1] = "\(entry.key)=\(quoted(fills[entry.key] ?? entry.value))"
        }
        return lines.joined(separator: "\n")
    }

    /// An existing `.env` with empty `KEY=` lines filled in place and missing keys added; nil when nothing changes.
    ///
    /// Values already set, and lines that name a key in any other form, are kept byte for byte.
    static func update(_ text: String, parsed: EnvFile, fills: [String: String], sample: String) -> String? {
        guard !fills.isEmpty else { return nil }
        var lines = lines(text)
        var pending = fills
        for entry in parsed.entries where entry.value.isEmpty && !entry.inherited && entry.line == entry.endLine {
            guard let fill = pending[entry.key], let filled = fillEmpty(lines[entry.line - 1], key: entry.key, value: fill) else { continue }
            lines[entry.line - 1] = filled
            pending[entry.key] = nil
        }
        let named = Set(parsed.keys)
        let missing = pending.keys.filter { !named.contains($0) }
        if missing.isEmpty {
            let out = lines.joined(separator: "\n")
            return out == text ? nil : out
        }
        let sampleFile = EnvFile(path: "sample.env", text: sample)
        if isSampleShaped(lines, parsed: parsed, sample: sample, sampleFile: sampleFile) {
            return rebuild(sample, sampleFile: sampleFile, lines: lines, parsed: parsed, fills: pending)
        }
        let crlf = lines.first?.hasSuffix("\r") == true
        var out = lines.joined(separator: "\n")
        var added = ["", "# Added by `berth env init`."]
        for entry in sampleFile.entries where missing.contains(entry.key) {
            added.append("\(entry.key)=\(quoted(pending[entry.key] ?? ""))")
        }
        if !out.hasSuffix("\n") && !out.isEmpty { out += crlf ? "\r\n" : "\n" }
        out += added.map { crlf ? $0 + "\r" : $0 }.joined(separator: "\n") + "\n"
        return out
    }

    /// `KEY=` (with `export ` or blanks) becomes `KEY=value`; nil for any other shape.
    static func fillEmpty(_ line: String, key: String, value: String) -> String? {
        let carriage = line.hasSuffix("\r") ? "\r" : ""
        let body = carriage.isEmpty ? line : String(line.dropLast())
        guard body.trimmingCharacters(in: .whitespaces).hasSuffix("="),
            let equals = body.lastIndex(of: "=")
        else { return nil }
        var name = body[..<equals].trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("export") { name = String(name.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
        guard name == key else { return nil }
        return String(body[...equals]) + quoted(value) + carriage
    }

    /// Written by Berth from a sample: every comment is a sample line, every key a sample key, none twice, no CR.
    static func isSampleShaped(_ lines: [String], parsed: EnvFile, sample: String, sampleFile: EnvFile) -> Bool {
        let sampleLines = Set(Self.lines(sample))
        let sampleKeys = Set(sampleFile.keys)
        let statementLines = Set(parsed.entries.flatMap { Array($0.line...$0.endLine) })
        guard Set(parsed.keys).count == parsed.entries.count, parsed.problems.isEmpty,
            parsed.entries.allSatisfy({ sampleKeys.contains($0.key) })
        else { return false }
        return lines.enumerated().allSatisfy { index, line in
            !line.hasSuffix("\r") && (statementLines.contains(index + 1) || line.isEmpty || sampleLines.contains(line))
        }
    }

    /// The sample's lines, each key's line taken verbatim from the existing file where it has the key.
    static func rebuild(_ sample: String, sampleFile: EnvFile, lines: [String], parsed: EnvFile, fills: [String: String]) -> String {
        var out = Self.lines(sample)
        for entry in sampleFile.entries.reversed() {
            if let old = parsed.entries.first(where: { $0.key == entry.key }) {
                out.replaceSubrange((entry.line - 1)..<entry.line, with: lines[(old.line - 1)..<old.endLine])
            } else {
                out[entry.line - 1] = "\(entry.key)=\(quoted(fills[entry.key] ?? entry.value))"
            }
        }
        return out.joined(separator: "\n")
    }

    /// The lines of a text split at each line feed only; a CRLF line keeps its `\r` (Swift's `split` sees `\r\n` as one character).
    static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    /// A value as compose reads it back: bare when plain, single-quoted when it has no `'` or line break, else double-quoted.
    static func quoted(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-./:@+,=%".unicodeScalars.contains($0)) }
        if plain { return value }
        if !value.contains("'") && !value.contains("\n") { return "'\(value)'" }
        var escaped = ""
        for char in value.unicodeScalars {
            switch char {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "$": escaped += "$$"
            default: escaped.unicodeScalars.append(char)
            }
        }
        return "\"\(escaped)\""
    }
}
