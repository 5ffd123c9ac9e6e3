import ArgumentParser
import BerthCore

/// `berth backup verify`: the restore drill.
struct BackupVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Restore each latest dump into a throwaway PostgreSQL and compare tables and row counts with the live database.",
        discussion: "The throwaway container runs the live database's image without network and is removed afterwards. The engine's own verification runs last. Exit 1 on any mismatch or restore error."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The environment (default: the first one).") var env: String?
    @Argument(help: "Modules whose dumps are drilled (default: all).") var plugins: [String] = []
    @Flag(help: "Print the steps as JSON.") var json = false

    func run() async throws {
        let stack = try global.stack(env)
        let backup = BackupRunner(stack: stack, runner: ProcessRunner(), progress: TerminalProgress())
        try Output.steps(try await RestoreDrill(backup: backup).run(plugins), json: json)
    }
}
