/// A value kept in a password manager: a command run on the deploying machine prints it (`pass show tangram/smtp`).
///
/// One `command` fits every adapter: `op read`, `bw get`, `sops -d`, `vault kv get`.
public struct SecretCommand: Sendable, Hashable {
    /// The module whose `.env` receives the value, and its key; empty for a notifier's password.
    public var module: String
    public var key: String
    /// Run with `sh -c` on this machine; its standard output, less the final line break, is the value.
    public var command: String
    /// Where the entry stands in `berth.yaml`, for messages.
    public var path: String
    public var location: String

    public init(module: String, key: String, command: String, path: String, location: String) {
        self.module = module
        self.key = key
        self.command = command
        self.path = path
        self.location = location
    }

    /// `planka.SMTP_PASSWORD`.
    public var name: String { "\(module).\(key)" }
}

extension BerthConfig {
    /// The `secrets:` of one environment: its own entries over the top-level ones, by module and key.
    public func secrets(for environment: String) -> [SecretCommand] {
        let own = environments.first { $0.name == environment }?.secrets ?? []
        return secrets.filter { top in !own.contains { $0.name == top.name } } + own
    }

    /// `module.KEY` for each key a secret command provides in this environment.
    public func secretKeys(_ environment: String) -> Set<String> {
        Set(secrets(for: environment).map(\.name))
    }
}
