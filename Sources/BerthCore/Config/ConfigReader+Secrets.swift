extension ConfigReader {
    /// `secrets:`: `module.KEY: { command: "…" }` entries; whether the module and key exist is checked per environment.
    mutating func readSecrets(_ node: ConfigNode?) -> [SecretCommand] {
        guard let node else { return [] }
        guard let pairs = node.pairs else {
            diagnostics.append(node.error("must be a mapping of module.KEY to { command: \"…\" }"))
            return []
        }
        return pairs.compactMap { name, entry in
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, EnvFile.isValidKey(parts[1]) else {
                diagnostics.append(entry.error("must be named module.KEY (planka.SMTP_PASSWORD), got '\(Validators.quoted(name))'"))
                return nil
            }
            return secretSource(entry).map { SecretCommand(module: parts[0], key: parts[1], command: $0, path: entry.path, location: entry.location) }
        }
    }

    /// `{ command: "…" }`: the command of a secret source.
    mutating func secretSource(_ node: ConfigNode) -> String? {
        guard let fields = mapping(node, allowed: ["command"]) else { return nil }
        return string(fields, "command", node) { text in
            text.trimmingCharacters(in: .whitespaces).isEmpty ? "must be a command that prints the value, such as \"pass show tangram/smtp\"" : nil
        }
    }
}
