import ArgumentParser

/// `berth env`: the `.env` files beside each module.
struct Env: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check and create the .env files of a deploy tree.",
        subcommands: [Check.self, Init.self, Keys.self, SetValue.self]
    )
}
