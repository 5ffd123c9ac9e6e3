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
        @OptionGroup var environment: EnvironmentOptions
        @Argument(help: "The module to restore.") var module: String?
        @Option(help: "A dump file on the server to restore instead of the latest one.") var dump: String?
        @Option(help: "Also restore the module's data folders, and its dumps, as this snapshot of the backup tool holds them.") var snapshot: String?
        @Flag(help: "Do not ask for confirmation.") var yes = false
        @Option(help: "Seconds to wait for a deploy that holds the deploy lock.") var lockWait: Double = 0

        func validate() throws { try ArgumentRules.wait(lockWait, "--lock-wait") }
        @Flag(help: "Print the steps as JSON.") var json = false

        func run() async throws {
            let (stack, names) = try global.stack(environment, [module].compactMap { $0 })
            guard names.count == 1, let module = names.first else { throw BerthError.usage("missing the module: berth backup restore [ENV] MODULE") }
            _ = try stack.selectModules([module])
            if !yes { try confirm(module, on: stack.environment.name) }
            let runner = global.runner()
            let backup = BackupRunner(stack: stack, runner: runner, progress: TerminalProgress())
            let steps = try await DeployLock(remote: backup.remote, runner: runner).holding("berth backup restore \(module)", wait: lockWait) { _ in
                try await DumpRestorer(backup: backup).run(module: module, dumpFile: dump, snapshot: snapshot)
            }
            try Output.steps(steps, json: json)
        }

        /// Asks on the terminal; with no terminal there is nobody to ask, so it refuses.
        func confirm(_ module: String, on environment: String) throws {
            guard isatty(STDIN_FILENO) == 1 else {
                throw BerthError.usage("refusing to restore \(module) on \(environment) without --yes: there is no terminal to confirm on")
            }
            Output.error(
                "This stops \(module) on \(environment) and replaces its databases with \(dump ?? snapshot.map { "snapshot \($0)" } ?? "the latest dumps")\(snapshot == nil ? "" : ", and its data folders"). Type '\(module)' to go on:"
            )
            guard readLine()?.trimmingCharacters(in: .whitespaces) == module else { throw BerthError.usage("restore of \(module) cancelled") }
        }
    }
}
