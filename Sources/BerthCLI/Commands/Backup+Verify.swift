import ArgumentParser
import BerthCore

extension Backup {
    /// `berth backup verify`: the restore drill.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Restore each latest dump into a throwaway PostgreSQL and compare tables and row counts with the live database; --full recovers the whole latest snapshot beside production.",
            discussion: """
                The throwaway container runs the live database's image without network and is removed afterwards. The backup tool's own \
                verification runs last. --full restores the latest snapshot into a scratch environment on the same server (under the \
                engine's restore folder, project <name>-drill, no published port, without the engine and the modules that act on other \
                containers), compares every data file's checksum with the manifest the backup wrote and every table's rows with its \
                dump, restores the databases, starts the stack through the health gate and runs the checks; it prints the recovery \
                time, records the drill for berth status and removes the scratch environment. Exit 1 on any mismatch or restore error.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Argument(help: "Modules whose dumps are drilled (default: all).") var modules: [String] = []
        @Flag(help: "Recover the whole latest snapshot into a scratch environment and hold it to the backup's record.") var full = false
        @Flag(help: "Print the steps as JSON.") var json = false

        func run() async throws {
            let (stack, modules) = try global.stack(environment, self.modules)
            if full && !modules.isEmpty { throw BerthError.usage("--full recovers the whole snapshot: it takes no module") }
            let backup = BackupRunner(stack: stack, runner: global.runner(), progress: TerminalProgress())
            guard full else { return try Output.steps(try await RestoreDrill(backup: backup).run(modules), json: json) }
            let steps = try await FullDrill(backup: backup).run()
            if !json && steps.allSatisfy(\.ok) {
                Output.line(String(format: "recovery time: %.1f s", Double(steps.map(\.durationMs).reduce(0, +)) / 1000))
            }
            try Output.steps(steps, json: json)
        }
    }
}
