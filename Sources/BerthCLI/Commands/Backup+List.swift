import ArgumentParser
import BerthCore

extension Backup {
    /// `berth backup list`: dumps and snapshots with times and sizes.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the dumps on the server and the backup tool's snapshots, with times and sizes.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var environment: EnvironmentOptions
        @Flag(help: "Print the listing as JSON.") var json = false

        func run() async throws {
            let stack = try global.stack(environment)
            let catalog = try await BackupCatalog.read(BackupRunner(stack: stack, runner: global.runner()))
            if json { try Output.json(catalog) } else { Output.line(catalog.table) }
        }
    }
}
