import ArgumentParser
import BerthCore
import Foundation

extension Env {
    /// `berth env set`: one value of one module's `.env` on the server, read from standard input or a prompt.
    struct SetValue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set one key of a module's .env on the target; the value comes from standard input or a prompt, never from the command line.",
            discussion: "Piped input is taken whole, less one final line break. The file is written beside itself and renamed in (mode 0600, owner kept)."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Argument(help: "The module whose .env holds the key.") var module: String?
        @Argument(help: "The key, as its env schema names it.") var key: String?
        @Flag(help: "Print what happened as JSON.") var json = false
        /// A value typed after the key by mistake: refused without being shown, since it is a secret.
        @Argument(parsing: .allUnrecognized, help: .hidden) var misplaced: [String] = []

        func validate() throws {
            if !misplaced.isEmpty {
                throw ValidationError("env set takes the value on standard input or at its prompt, never on the command line; \(misplaced.count) extra argument(s) not shown")
            }
        }

        func run() async throws {
            let (stack, names) = try global.stack(environment, [module, key].compactMap { $0 }, required: true)
            guard names.count <= 2 else { throw BerthError.usage("env set takes the value on standard input or at its prompt, never on the command line") }
            guard names.count == 2 else { throw BerthError.usage("env set takes the module and the key: berth env set ENV MODULE KEY") }
            let (module, key) = (names[0], names[1])
            let env = ServerEnv(stack: stack, runner: global.runner())
            try env.requireKey(module: module, key: key)
            let value = try SecretInput.read(prompt: "\(module).\(key) on \(stack.environment.name): ")
            let outcome = try await env.set(module: module, key: key, value: value)
            if json { return try Output.json(["module": module, "key": key, "outcome": outcome.rawValue]) }
            Output.line("\(env.remote.root)/\(module)/.env: \(key) \(outcome.rawValue)")
        }
    }
}
