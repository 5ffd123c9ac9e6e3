import Foundation
import ServicePlugin

/// Sends events from this machine with ``NotifyScript``: a deploy's outcome, a check that changed state.
public struct Notifier: Sendable {
    public let stack: Stack
    public let runner: any CommandRunner
    /// The mail notifiers' passwords, by `PASSWORD_<n>` key, from their commands.
    public let passwords: [String: String]

    public init(stack: Stack, runner: any CommandRunner, passwords: [String: String] = [:]) {
        self.stack = stack
        self.runner = runner
        self.passwords = passwords
    }

    /// Runs the password commands of the environment's mail notifiers.
    public static func resolvingPasswords(stack: Stack, runner: any CommandRunner) async throws -> Notifier {
        let keys = NotifyScript.passwordKeys(stack.config.notify(for: stack.environment.name))
        let values = try await SecretResolver(runner: runner).resolve(keys.map(\.password))
        return Notifier(stack: stack, runner: runner, passwords: Dictionary(uniqueKeysWithValues: zip(keys.map(\.key), values.map(\.value))))
    }

    /// The notifier of a deploy, whose `secrets` already hold the mail passwords (`notify.PASSWORD_<n>`).
    public init(stack: Stack, runner: any CommandRunner, resolved: [ResolvedSecret]) {
        let passwords = resolved.filter { $0.secret.module == NotifyScript.folder }.map { ($0.secret.key, $0.value) }
        self.init(stack: stack, runner: runner, passwords: Dictionary(passwords, uniquingKeysWith: { $1 }))
    }

    public var targets: [NotifyTarget] { stack.config.notify(for: stack.environment.name) }

    /// The command, as a value: the script, its arguments, the passwords on standard input.
    public func command(_ event: NotifyEvent, title: String, message: String) -> ShellCommand {
        let arguments = [event.rawValue, title, message, stack.context.name, stack.environment.name] + NotifyScript.arguments(targets)
        let input = passwords.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined()
        return ShellCommand([.plain("sh"), .plain("-c"), .plain(NotifyScript.body), .plain("berth")] + arguments.map(ShellCommand.Argument.plain), input: Array(input.utf8))
    }

    /// Sends one event to every notifier that takes it; a notifier that fails is a warning on standard error, never the command's failure.
    public func send(_ event: NotifyEvent, title: String, message: String) async {
        guard targets.contains(where: { $0.events.contains(event) }) else { return }
        let result = try? await runner.run(command(event, title: title, message: message), timeout: 60)
        if result?.succeeded != true {
            let why = result?.stderr.trimmingCharacters(in: .whitespacesAndNewlines) ?? "curl did not run"
            FileHandle.standardError.write(Data("warning: notification '\(title)' not sent: \(why)\n".utf8))
        }
    }
}

extension BerthConfig {
    /// The password commands of one environment's mail notifiers, as `notify.PASSWORD_<n>` secrets written at deploy.
    public func notifyPasswords(for environment: String) -> [SecretCommand] {
        NotifyScript.passwordKeys(notify(for: environment)).map { key, password in
            var secret = password
            secret.module = NotifyScript.folder
            secret.key = key
            return secret
        }
    }
}
