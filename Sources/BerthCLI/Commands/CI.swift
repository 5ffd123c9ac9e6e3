import ArgumentParser

/// `berth ci`: continuous-integration files that run Berth.
struct CI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci",
        abstract: "Write the CI workflow that plans, deploys and checks updates for an environment.",
        subcommands: [GitHub.self]
    )
}
