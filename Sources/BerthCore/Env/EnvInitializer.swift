import Foundation
import ServicePlugin

/// `berth env init`: creates missing `.env` files and keys; never changes a value that is set.
public struct EnvInitializer: Sendable {
    /// What happened to one file, by key name only.
    public struct Change: Sendable, Hashable, Codable {
        public var file: String
        public var created: Bool
        public var generated: [String]
        public var defaulted: [String]
        public var copiedShared: [String]
        /// Required keys with no generator or default: the admin must fill them.
        public var needsValue: [String]
        /// Keys added with no value (`KEY=`), for the admin to fill: a write like any other.
        public var addedEmpty: [String] = []
        /// Whether the file's text was written; false when only its mode was made 0600.
        public var written = false
    }

    public var stack: Stack
    public var root: String
    /// The trees of environments sharing a proxy with this one (`shares:`), read for shared values only:
    /// staging's OIDC client secret must be the one production's identity provider holds.
    public var peers: [(stack: Stack, root: String)]

    public init(stack: Stack, root: String, peers: [(stack: Stack, root: String)] = []) {
        self.stack = stack
        self.root = root
        self.peers = peers
    }

    /// Stages every file first and renames them all at the end, so a failure writes nothing.
    public func run() throws -> [Change] {
        // A module with no env schema has no .env to write (and, in a Swarm tree, may have no folder at all).
        for module in stack.modules where !module.envSchema.isEmpty && !FileManager.default.fileExists(atPath: "\(root)/\(module.id)") {
            throw BerthError.usage("\(root)/\(module.id): no such folder; run `berth render --env \(stack.environment.name) --out \(root)` first")
        }
        let modules = stack.modules.filter { !$0.envSchema.isEmpty }
        let existing = try Dictionary(
            uniqueKeysWithValues: modules.map { module in
                let path = "\(root)/\(module.id)/.env"
                try FileKind.requireFileOrNothing(path)
                // Read once: the parse decides what to fill, the text is what gets edited.
                return (module.id, try EnvFile.readText(path).map { (EnvFile(path: path, text: $0), $0) })
            })
        let peerValues = peers.flatMap { peer, peerRoot in
            peer.modules.filter { !$0.envSchema.isEmpty }.compactMap { module in
                (try? EnvFile.readText("\(peerRoot)/\(module.id)/.env")).flatMap { $0 }.map { (module, EnvFile(path: "", text: $0).values) }
            }
        }
        let outcome = plan(existing: existing, peerValues: peerValues) { $0.generate() }
        var staged: [SecureFile.Staged] = []
        do {
            for write in outcome.writes { staged.append(try SecureFile.stage(write.text, for: write.path)) }
            try SecureFile.commit(staged)
        } catch {
            SecureFile.discard(staged)
            throw error
        }
        for path in outcome.unchanged { try SecureFile.restrict(path) }
        return outcome.changes
    }

    /// What `env init` writes, decided from the files as they are: the same for a local tree and a server's.
    struct Outcome {
        var changes: [Change] = []
        var writes: [(path: String, text: String)] = []
        /// Files that keep their text; only their mode is made 0600.
        var unchanged: [String] = []
    }

    /// Decides every file's new text; `generate` makes each secret (here, or a placeholder the server fills).
    func plan(existing: [String: (EnvFile, String)?], peerValues: [(module: StackModule, values: [String: String])], generate: (SecretGenerator) -> String) -> Outcome {
        let modules = stack.modules.filter { !$0.envSchema.isEmpty }
        var sharedValues: [String: String] = [:]
        for (module, values) in modules.map({ ($0, existing[$0.id]??.0.values ?? [:]) }) + peerValues {
            for key in module.envSchema {
                if let id = key.shared, let value = values[key.name], !value.isEmpty, sharedValues[id] == nil { sharedValues[id] = value }
            }
        }
        var outcome = Outcome()
        for module in modules {
            let path = "\(root)/\(module.id)/.env"
            let file = existing[module.id] ?? nil
            var change = Change(file: path, created: file == nil, generated: [], defaulted: [], copiedShared: [], needsValue: [])
            let fills = fills(for: module, current: file?.0, shared: &sharedValues, change: &change, generate: generate)
            let sample = SampleEnv.render(module.envSchema, module: module.id)
            let text = if let file { EnvLayout.update(file.1, parsed: file.0, fills: fills, sample: sample) } else { EnvLayout.create(sample, fills: fills) }
            if let text { outcome.writes.append((path, text)) } else { outcome.unchanged.append(path) }
            change.written = text != nil
            outcome.changes.append(change)
        }
        return outcome
    }

    /// The values to write for keys that are missing or empty; a key named in any form (even without `=`) is never added again.
    func fills(
        for module: StackModule, current: EnvFile?, shared: inout [String: String], change: inout Change, generate: (SecretGenerator) -> String = { $0.generate() }
    ) -> [String: String] {
        let values = current?.values ?? [:]
        let named = Set(current?.keys ?? [])
        var fills: [String: String] = [:]
        for key in module.envSchema where (values[key.name] ?? "").isEmpty && !(named.contains(key.name) && values[key.name] == nil) {
            if let id = key.shared, let value = shared[id] {
                fills[key.name] = value
                change.copiedShared.append(key.name)
            } else if let generator = key.generator {
                let value = generate(generator)
                if let id = key.shared { shared[id] = value }
                fills[key.name] = value
                change.generated.append(key.name)
            } else if let value = key.defaultValue {
                fills[key.name] = value
                change.defaulted.append(key.name)
            } else {
                if values[key.name] == nil {
                    fills[key.name] = ""
                    change.addedEmpty.append(key.name)
                }
                if key.required { change.needsValue.append(key.name) }
            }
        }
        return fills
    }
}
