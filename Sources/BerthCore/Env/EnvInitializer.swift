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
    }

    public var stack: Stack
    public var root: String

    public init(stack: Stack, root: String) {
        self.stack = stack
        self.root = root
    }

    public func run() throws -> [Change] {
        for module in stack.modules where !FileManager.default.fileExists(atPath: "\(root)/\(module.id)") {
            throw BerthError.usage("\(root)/\(module.id): no such folder; run `berth render --env \(stack.environment.name) --out \(root)` first")
        }
        let existing = try Dictionary(uniqueKeysWithValues: stack.modules.map { module in
            (module.id, try EnvFile.read("\(root)/\(module.id)/.env"))
        })
        var sharedValues: [String: String] = [:]
        for module in stack.modules {
            let values = existing[module.id]??.values ?? [:]
            for key in module.envSchema {
                if let id = key.shared, let value = values[key.name], !value.isEmpty, sharedValues[id] == nil { sharedValues[id] = value }
            }
        }
        var changes: [Change] = []
        for module in stack.modules where !module.envSchema.isEmpty {
            let path = "\(root)/\(module.id)/.env"
            let file = existing[module.id] ?? nil
            let current = file?.values ?? [:]
            var change = Change(file: path, created: file == nil, generated: [], defaulted: [], copiedShared: [], needsValue: [])
            var fills: [String: String] = [:]
            for key in module.envSchema where (current[key.name] ?? "").isEmpty {
                if let id = key.shared, let value = sharedValues[id] {
                    fills[key.name] = value
                    change.copiedShared.append(key.name)
                } else if let generator = key.generator {
                    let value = generator.generate()
                    if let id = key.shared { sharedValues[id] = value }
                    fills[key.name] = value
                    change.generated.append(key.name)
                } else if let value = key.defaultValue {
                    fills[key.name] = value
                    change.defaulted.append(key.name)
                } else {
                    if current[key.name] == nil { fills[key.name] = "" }
                    if key.required { change.needsValue.append(key.name) }
                }
            }
            let text: String? = if file != nil {
                Self.update(try? String(contentsOfFile: path, encoding: .utf8), fills: fills, schema: module.envSchema)
            } else {
                Self.create(module.envSchema, fills: fills, module: module.id)
            }
            if let text { try SecureFile.write(text, to: path) } else { try SecureFile.restrict(path) }
            changes.append(change)
        }
        return changes
    }

    static func create(_ schema: [EnvKey], fills: [String: String], module: String) -> String {
        var out = "# Created by `berth env init` for module \(module). Keep this file private (mode 0600).\n"
        for key in schema {
            out += "\n# \(key.description)\n\(key.name)=\(fills[key.name] ?? "")\n"
        }
        return out
    }

    /// Sets empty keys in place and appends missing ones; nil when nothing changes.
    static func update(_ text: String?, fills: [String: String], schema: [EnvKey]) -> String? {
        guard let text, !fills.isEmpty else { return nil }
        var pending = fills
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.isEmpty, let fill = pending.removeValue(forKey: key) { lines[index] = "\(key)=\(fill)" }
        }
        var out = lines.joined(separator: "\n")
        let missing = schema.filter { pending[$0.name] != nil }
        if !missing.isEmpty {
            if !out.hasSuffix("\n") { out += "\n" }
            out += "\n# Added by `berth env init`.\n"
            for key in missing { out += "# \(key.description)\n\(key.name)=\(pending[key.name] ?? "")\n" }
        }
        return out == text ? nil : out
    }
}
