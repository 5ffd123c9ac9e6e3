import ArgumentParser
import BerthCore

extension Env {
    /// `berth env init`: create missing `.env` files and keys, generating secrets.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create missing .env files and keys (mode 0600); secrets are generated, set values are never changed."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "The deploy tree (default: deploy/<env> beside the config file).") var dir: String?
        @Flag(help: "Print what changed as JSON (key names only).") var json = false

        func run() async throws {
            let env = try environment.required()
            let stack = try global.stack(env)
            let config = stack.config
            let peers = try config.environments.filter { $0.shares == env || stack.environment.shares == $0.name }.map { peer in
                (stack: try global.stack(peer.name), root: global.defaultTree(peer.name))
            }
            let changes = try EnvInitializer(stack: stack, root: dir ?? global.defaultTree(env), peers: peers).run()
            if json { return try Output.json(changes) }
            for change in changes {
                var parts: [String] = []
                if !change.generated.isEmpty { parts.append("generated " + change.generated.joined(separator: ", ")) }
                if !change.copiedShared.isEmpty { parts.append("shared " + change.copiedShared.joined(separator: ", ")) }
                if !change.defaulted.isEmpty { parts.append("defaulted " + change.defaulted.joined(separator: ", ")) }
                let verb = change.created ? "created" : (parts.isEmpty ? "unchanged" : "updated")
                Output.line("\(change.file): \(verb)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: "; ")))
                if !change.needsValue.isEmpty {
                    Output.line("  fill in by hand: " + change.needsValue.joined(separator: ", "))
                }
            }
        }
    }
}
