import Foundation

/// A parsed `.env` or `sample.env` file: entries with line numbers, and the lines that did not parse.
public struct EnvFile: Sendable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        /// The value with surrounding quotes removed.
        public var value: String
        public var line: Int
        /// The `# berth:` annotation right above the key, in sample files.
        public var annotation: String?
    }

    public var path: String
    public var entries: [Entry]
    /// Lines that are neither blank, a comment nor `KEY=value`.
    public var malformed: [(line: Int, text: String)]

    public init(path: String, text: String) {
        self.path = path
        entries = []
        malformed = []
        var annotation: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(SampleEnv.annotationPrefix) {
                annotation = String(trimmed.dropFirst(SampleEnv.annotationPrefix.count)).trimmingCharacters(in: .whitespaces)
                continue
            }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                malformed.append((index + 1, line))
                annotation = nil
                continue
            }
            var key = String(line[..<equals]).trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("export ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard Self.isValidKey(key) else {
                malformed.append((index + 1, line))
                annotation = nil
                continue
            }
            let value = Self.unquote(String(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
            entries.append(Entry(key: key, value: value, line: index + 1, annotation: annotation))
            annotation = nil
        }
    }

    /// Reads a file; nil when it does not exist.
    public static func read(_ path: String) throws -> EnvFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BerthError.io("\(path): cannot read the file")
        }
        return EnvFile(path: path, text: text)
    }

    public static func isValidKey(_ key: String) -> Bool {
        key.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil
    }

    static func unquote(_ value: String) -> String {
        for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        return value
    }

    /// The first entry for each key.
    public var values: [String: String] {
        var result: [String: String] = [:]
        for entry in entries where result[entry.key] == nil { result[entry.key] = entry.value }
        return result
    }

    public var keys: [String] { entries.map(\.key) }
}
