import ArgumentParser
import BerthCore

extension Backup {
    /// `berth backup verify`: the restore drill.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Restore each latest dump into a throwaway PostgreSQL and compare tables and row counts with the live database.",
            discussion:
                "The throwaway container runs the live database's image without network and is removed afterwards. The backup tool's own verification runs last. Exit 1 on any mismatch or restore error."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Argument(help: "Modules whose dumps are drilled (default: all).") var modules: [String] = []
        @Flag(help: "Print the steps as JSON.") var json = false

        func run() async throws {
            let (stack, modules) = try global.stack(environment, self.modules)
            let backup = BackupRunner(stack: stack, runner: global.runner(), progress: TerminalProgress())
            try Output.steps(try await RestoreDrill(backup: backup).run(modules), json: json)
        }
    }
}
