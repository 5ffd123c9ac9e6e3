extension ServerEnv {
    /// One module's `.env` on the server, by key name only.
    public struct KeyReport: Sendable, Hashable, Codable {
        public var module: String
        public var file: String
        public var exists: Bool
        /// Schema keys that hold a value.
        public var set: [String]
        /// Schema keys with no value; `required` lists the ones a deploy needs.
        public var missing: [String]
        public var required: [String]
        /// Keys the file names that no schema declares.
        public var extra: [String]
        /// Secrets to keep off the server as well: without them no backup can be read.
        public var keepOffServer: [String]
        /// Keys only the admin's machine has (`secrets:`), never the server: a login that may delete backups.
        public var adminOnly: [String] = []
    }

    /// `berth env keys ENV`: which keys each module's `.env` sets, misses or has extra; never a value.
    public func keys() async throws -> [KeyReport] {
        let own = Self.paths(stack)
        let files = try await read(own.map(\.path), tag: Self.newTag())
        let adminKeys = stack.adminKeys
        return zip(own, files).map { entry, file in
            let parsed = file.masked.map { EnvFile(path: entry.path, text: $0) }
            let values = parsed?.values ?? [:]
            let schema = entry.module.envSchema.map(\.name)
            let set = schema.filter { !(values[$0] ?? "").isEmpty }
            let missing = schema.filter { !set.contains($0) }
            let required = entry.module.envSchema.filter { $0.required && missing.contains($0.name) }.map(\.name)
            var extra: [String] = []
            // A line that is not NAME=value may be a secret pasted over several lines: named by its line only.
            for found in parsed?.entries ?? [] where !schema.contains(found.key) {
                let name = found.nameable ? found.key : "line \(found.line) (not KEY=value)"
                if !extra.contains(name) { extra.append(name) }
            }
            var report = KeyReport(
                module: entry.module.id, file: entry.path, exists: file.masked != nil, set: set, missing: missing, required: required, extra: extra,
                keepOffServer: entry.module.envSchema.filter(\.keepOffServer).map(\.name))
            report.adminOnly = adminKeys.filter { $0.hasPrefix(entry.module.id + ".") }.map { String($0.dropFirst(entry.module.id.count + 1)) }.sorted()
            return report
        }
    }
}
