import ArgumentParser
import BerthCore

extension Env {
    /// `berth env init`: create missing `.env` files and keys, generating secrets.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create missing .env files and keys (mode 0600); secrets are generated, set values are never changed.",
            discussion: """
                Without --dir, works on the environment's target over SSH (or on this machine for a file: target): \
                the server generates the secrets itself, so no value ever leaves it, and no local tree is needed. \
                With --dir, works on a rendered tree on this machine.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Option(help: "A rendered deploy tree on this machine to work on instead of the target.") var dir: String?
        @Flag(help: "Print what changed as JSON (key names only).") var json = false

        func run() async throws {
            let stack = try global.stack(environment, required: true)
            let env = stack.environment.name
            let peers = try stack.config.environments.filter { $0.shares == env || stack.environment.shares == $0.name }.map { try global.stack($0.name) }
            let changes =
                if let dir {
                    try EnvInitializer(stack: stack, root: dir, peers: peers.map { ($0, global.defaultTree($0.environment.name)) }).run()
                } else {
                    try await ServerEnv(stack: stack, runner: global.runner(), peers: peers).initialize()
                }
            if json { return try Output.json(changes) }
            for change in changes {
                var parts: [String] = []
                if !change.generated.isEmpty { parts.append("generated " + change.generated.joined(separator: ", ")) }
                if !change.copiedShared.isEmpty { parts.append("shared " + change.copiedShared.joined(separator: ", ")) }
                if !change.defaulted.isEmpty { parts.append("defaulted " + change.defaulted.joined(separator: ", ")) }
                if !change.addedEmpty.isEmpty { parts.append("added empty " + change.addedEmpty.joined(separator: ", ")) }
                // Every file written is reported as written: the verb follows the write, not the kinds of keys.
                let verb = change.created ? "created" : (change.written ? "updated" : "unchanged")
                Output.line("\(change.file): \(verb)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: "; ")))
                if !change.needsValue.isEmpty {
                    Output.line("  fill in by hand: " + change.needsValue.joined(separator: ", "))
                }
            }
        }
    }
}
