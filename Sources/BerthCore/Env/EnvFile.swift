import Foundation

/// A parsed `.env` or `sample.env` file, read exactly as `docker compose` reads it.
///
/// One parser serves `env check`, `env init` and the checks: CRLF line ends, `export KEY=`,
/// `KEY: value`, `KEY="…"` (escapes, several lines), `KEY='…'` (literal), inline ` # comments`
/// on unquoted values, and `${VAR}` references to keys set earlier in the same file.
public struct EnvFile: Sendable {
    public struct Entry: Sendable, Hashable {
        public var key: String
        /// The value as compose sees it: quotes removed, escapes and earlier keys expanded.
        public var value: String
        /// The line the key stands on.
        public var line: Int
        /// The `# berth:` annotation right above the key, in sample files.
        public var annotation: String?
        /// The last line of the value (a quoted value may span several).
        public var endLine: Int
        /// A bare `KEY` line: compose takes the value from its own environment.
        public var inherited: Bool = false

        /// Whether the key may be named in a message: a `NAME=` line whose name is one a program reads
        /// (`[A-Z_][A-Z0-9_]*`, as every module declares them). Anything else may be a secret pasted over several lines, a private key's
        /// base64 read as a key: it is reported by its line number only.
        public var nameable: Bool {
            !inherited && key.range(of: "^[A-Z_][A-Z0-9_]{0,127}$", options: .regularExpression) != nil
        }
    }

    /// A line compose would refuse, with why.
    public struct Problem: Sendable, Hashable {
        public var line: Int
        public var reason: String
    }

    public var path: String
    public var entries: [Entry]
    /// Statements compose cannot read.
    public var problems: [Problem]

    /// The lines that did not parse (kept for callers that only need where).
    public var malformed: [(line: Int, text: String)] { problems.map { ($0.line, $0.reason) } }

    public init(path: String, text: String) {
        self.path = path
        (entries, problems) = EnvParser.parse(text)
    }

    /// Reads a file; nil when it does not exist. A folder, an unreadable or non-UTF-8 file is an error naming why.
    public static func read(_ path: String) throws -> EnvFile? {
        try readText(path).map { EnvFile(path: path, text: $0) }
    }

    /// The file's text, for callers that keep it beside the parse; nil when it does not exist.
    static func readText(_ path: String) throws -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw BerthError.io("\(path): cannot read the file (\(String(cString: strerror(code))))")
        }
        if info.st_mode & S_IFMT == S_IFDIR { throw BerthError.io("\(path): is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            let code = access(path, R_OK) == 0 ? EIO : errno
            throw BerthError.io("\(path): cannot read the file (\(String(cString: strerror(code))))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw BerthError.io("\(path): is not UTF-8 text") }
        return text
    }

    /// A name compose and a shell both take: `[A-Za-z_][A-Za-z0-9_]*`.
    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
            && !(key.utf8.first! >= 0x30 && key.utf8.first! <= 0x39)
    }

    /// The value compose uses for each key: the last one set wins, as in compose.
    public var values: [String: String] {
        var result: [String: String] = [:]
        for entry in entries where !entry.inherited { result[entry.key] = entry.value }
        return result
    }

    /// Every key the file names, in any form, in file order.
    public var keys: [String] { entries.map(\.key) }
}
