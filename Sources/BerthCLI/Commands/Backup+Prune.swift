import ArgumentParser
import BerthCore

extension Backup {
    /// `berth backup prune`: retention, run by the admin with a login the server never has.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Forget and prune the snapshots backup_keep: does not keep, in each repository, with a login that may delete.",
            discussion: """
                Run it from the admin's machine or CI, not the server. A repository off the server is pruned from this machine \
                with the engine's PRUNE_ keys (COPY_PRUNE_ for backup_copy_to:), which only secrets: gives: the server's own \
                login may add snapshots but never delete them (a REST server served --append-only, an S3 key without delete). \
                restic must be installed here. A repository folder on the server is pruned there. Exit 1 when a prune fails.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Flag(help: "Print the steps as JSON.") var json = false

        func run() async throws {
            let stack = try global.stack(environment)
            let secrets = try await SecretResolver(runner: global.runner()).resolve(stack.config.secrets(for: stack.environment.name))
            let backup = BackupRunner(stack: stack, runner: global.runner(), progress: TerminalProgress())
            try Output.steps(try await Pruner(backup: backup, secrets: secrets).run(), json: json)
        }
    }
}
