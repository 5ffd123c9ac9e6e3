import ArgumentParser
import BerthCore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: [.short, .customLong("config")], help: "The stack description.")
    var config: String = "berth.yaml"

    /// Loads and checks the config; problems are thrown as one ``DiagnosticsError``.
    func load() throws -> BerthConfig {
        try ConfigLoader().load(path: config)
    }

    /// The folder the config file sits in; relative defaults live there.
    var configDirectory: String {
        URL(fileURLWithPath: config).standardizedFileURL.deletingLastPathComponent().path
    }

    /// Loads the config and builds the stack for one environment.
    func stack(_ environment: String) throws -> Stack {
        try StackBuilder().build(try load(), environment: environment)
    }

    /// The stack for the named environment, or the first one.
    func stack(_ environment: String?) throws -> Stack {
        let config = try load()
        return try StackBuilder().build(config, environment: environment ?? config.environments[0].name)
    }

    /// The default deploy tree of an environment: `deploy/<env>` beside the config.
    func defaultTree(_ environment: String) -> String {
        "\(configDirectory)/deploy/\(environment)"
    }
}
