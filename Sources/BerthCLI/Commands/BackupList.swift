import ArgumentParser
import BerthCore

/// `berth backup list`: dumps and snapshots with times and sizes.
struct BackupList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the dumps on the server and the backup engine's snapshots, with times and sizes.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The environment (default: the first one).") var env: String?
    @Flag(help: "Print the listing as JSON.") var json = false

    func run() async throws {
        let stack = try global.stack(env)
        let catalog = try await BackupCatalog.read(BackupRunner(stack: stack, runner: ProcessRunner()))
        if json { try Output.json(catalog) } else { Output.line(catalog.table) }
    }
}
