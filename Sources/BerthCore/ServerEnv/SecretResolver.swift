import ServicePlugin

/// A `secrets:` entry with the value its command printed; the value is never printed or recorded.
public struct ResolvedSecret: Sendable {
    public let secret: SecretCommand
    public let value: String

    public init(secret: SecretCommand, value: String) {
        self.secret = secret
        self.value = value
    }
}

/// Runs the `secrets:` commands on this machine, one after another (a password manager may prompt).
public struct SecretResolver: Sendable {
    public let runner: any CommandRunner

    public init(runner: any CommandRunner) {
        self.runner = runner
    }

    /// The command, as a value.
    public static func command(_ secret: SecretCommand) -> ShellCommand {
        ShellCommand([.plain("sh"), .plain("-c"), .plain(secret.command)])
    }

    /// Every value, or the first failure naming the entry; a command that prints nothing fails too.
    public func resolve(_ secrets: [SecretCommand]) async throws -> [ResolvedSecret] {
        var resolved: [ResolvedSecret] = []
        for secret in secrets {
            let result = try await runner.run(Self.command(secret), timeout: 120)
            let entry = "\(secret.location): \(secret.path)"
            guard result.succeeded else {
                let reason = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
                throw BerthError.failed("\(entry): `\(secret.command)` failed (exit \(result.status))\(reason.isEmpty ? "" : ": \(reason)"); nothing was changed")
            }
            let value = result.stdout.withoutFinalLineBreak
            guard !value.isEmpty else { throw BerthError.failed("\(entry): `\(secret.command)` printed nothing; nothing was changed") }
            resolved.append(ResolvedSecret(secret: secret, value: value))
        }
        return resolved
    }
}
