import ArgumentParser

/// `berth backup`: dumps and snapshots, the restore drill, and listings.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Back up the stack: database dumps and the backup tool's snapshots.",
        subcommands: [Run.self, Verify.self, Restore.self, List.self, Prune.self]
    )
}
