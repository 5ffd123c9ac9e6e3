import ArgumentParser

/// `berth db`: the modules' databases.
struct Db: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work on the modules' PostgreSQL databases.",
        subcommands: [Upgrade.self]
    )
}
