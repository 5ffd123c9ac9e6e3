import ArgumentParser
import BerthCore

extension Backup {
    /// `berth backup run`: before-hooks, dumps, snapshot, after-hooks.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Dump every database into the dumps folder, then snapshot data_root, the deploy folder and the dumps.",
            discussion:
                "Each dump streams into a .partial file on the server, is checked with pg_restore --list, fsynced and renamed over the previous one: a failed dump never replaces the last good one. After-hooks run even when the snapshot fails. Exit 1 on any failure."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Argument(help: "Modules whose dumps and hooks run (default: all); the snapshot covers everything.") var modules: [String] = []
        @Option(help: "Seconds to wait for a deploy that holds the deploy lock.") var lockWait: Double = 0

        func validate() throws { try ArgumentRules.wait(lockWait, "--lock-wait") }
        @Flag(help: "Print the steps as JSON.") var json = false

        func run() async throws {
            let (stack, modules) = try global.stack(environment, self.modules)
            // An unknown module is a usage error before the lock is taken or anything is touched.
            _ = try stack.selectModules(modules)
            let runner = global.runner()
            let backup = BackupRunner(stack: stack, runner: runner, progress: TerminalProgress())
            let steps = try await DeployLock(remote: backup.remote, runner: runner).holding("berth backup run", wait: lockWait) { live in
                try await backup.run(modules, release: .some(live?.release.id))
            }
            try Output.steps(steps, json: json)
        }
    }
}
