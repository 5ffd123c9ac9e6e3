import ArgumentParser

/// `berth plugins`: the name `berth modules` had before, kept for scripts and out of the help.
struct PluginsAlias: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plugins", abstract: Modules.configuration.abstract, shouldDisplay: false)

    @OptionGroup var modules: Modules

    func run() async throws {
        try await modules.run()
    }
}
