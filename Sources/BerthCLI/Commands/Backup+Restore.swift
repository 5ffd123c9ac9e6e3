import ArgumentParser
import BerthCore
import Foundation

extension Backup {
    /// `berth backup restore`: put a module's databases back from a dump.
    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: "Restore a module's databases from its latest dump (or --dump FILE, or --snapshot ID with its data folders), then check it.",
            discussion:
                "Stops the module's app containers, restores each database into a new one and swaps it in (the previous data stays as <db>_before_restore), starts them again and runs the module's checks. A failed restore leaves the live database as it was. Asks for confirmation unless --yes."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOption
        @Argument(help: "The module to restore.") var plugin: String
        @Option(help: "A dump file on the server to restore instead of the latest one.") var dump: String?
        @Option(help: "Also restore the module's data folders, and its dumps, as this engine snapshot holds them.") var snapshot: String?
        @Flag(help: "Do not ask for confirmation.") var yes = false
        @Option(help: "Seconds to wait for a deploy that holds the deploy lock.") var lockWait: Double = 0

        func validate() throws { try ArgumentRules.wait(lockWait, "--lock-wait") }
        @Flag(help: "Print the steps as JSON.") var json = false

        func run() async throws {
            let stack = try global.stack(environment.env)
            _ = try stack.selectModules([plugin])
            if !yes { try confirm(stack.environment.name) }
            let runner = global.runner()
            let backup = BackupRunner(stack: stack, runner: runner, progress: TerminalProgress())
            let steps = try await DeployLock(remote: backup.remote, runner: runner).holding("berth backup restore \(plugin)", wait: lockWait) { _ in
                try await DumpRestorer(backup: backup).run(plugin: plugin, dumpFile: dump, snapshot: snapshot)
            }
            try Output.steps(steps, json: json)
        }

        /// Asks on the terminal; with no terminal there is nobody to ask, so it refuses.
        func confirm(_ environment: String) throws {
            guard isatty(STDIN_FILENO) == 1 else {
                throw BerthError.usage("refusing to restore \(plugin) on \(environment) without --yes: there is no terminal to confirm on")
            }
            Output.error(
                "This stops \(plugin) on \(environment) and replaces its databases with \(dump ?? snapshot.map { "snapshot \($0)" } ?? "the latest dumps")\(snapshot == nil ? "" : ", and its data folders"). Type '\(plugin)' to go on:"
            )
            guard readLine()?.trimmingCharacters(in: .whitespaces) == plugin else { throw BerthError.usage("restore of \(plugin) cancelled") }
        }
    }
}
