import ArgumentParser
import BerthCore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: [.short, .customLong("config")], help: "The stack description.")
    var config: String = "berth.yaml"

    @Flag(name: .shortAndLong, help: "Print every command before it runs (secrets as ***), to standard error.")
    var verbose = false

    /// The runner every command uses: processes, printed first with `--verbose`.
    func runner() -> any CommandRunner {
        verbose ? VerboseRunner(ProcessRunner()) : ProcessRunner()
    }

    /// Loads and checks the config; problems are thrown as one ``DiagnosticsError``.
    func load() throws -> BerthConfig {
        try ConfigLoader().load(path: config)
    }

    /// The folder the config file sits in; relative defaults live there.
    var configDirectory: String {
        URL(fileURLWithPath: config).standardizedFileURL.deletingLastPathComponent().path
    }

    /// The stack for the named environment, or the first one.
    func stack(_ environment: String?) throws -> Stack {
        let config = try load()
        return try StackBuilder().build(config, environment: config.environmentName(environment))
    }

    /// The local git commit of the config's folder, with `-dirty` when it has changes; nil outside git.
    func gitCommit() async -> String? {
        await GitCommit.describe(configDirectory, runner: ProcessRunner())
    }

    /// The default deploy tree of an environment: `deploy/<env>` beside the config.
    func defaultTree(_ environment: String) -> String {
        "\(configDirectory)/deploy/\(environment)"
    }
}
