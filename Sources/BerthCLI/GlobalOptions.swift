import ArgumentParser
import BerthCore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: [.short, .customLong("config")], help: "The stack description.")
    var config: String = "berth.yaml"

    @Flag(name: .shortAndLong, help: "Print every command before it runs (secrets as ***), to standard error.")
    var verbose = false

    /// The runner every command uses: processes, printed first with `--verbose`; paused at the fault suite's `run:` point.
    func runner() -> any CommandRunner {
        let runner: any CommandRunner = verbose ? VerboseRunner(ProcessRunner()) : ProcessRunner()
        return FaultPoint.configured.map { PausingRunner(runner, at: $0) } ?? runner
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

    /// The name of the environment a command's ``EnvironmentOptions`` give; `required`: it cannot be left out.
    func environment(_ options: EnvironmentOptions, required: Bool = false) throws -> String {
        try options.name(try load(), required: required)
    }

    /// The stack of the environment a command's ``EnvironmentOptions`` give.
    func stack(_ options: EnvironmentOptions, required: Bool = false) throws -> Stack {
        let config = try load()
        return try StackBuilder().build(config, environment: try options.name(config, required: required))
    }

    /// The stack of the environment a command's ``EnvironmentOptions`` give, and the command's own arguments.
    func stack(_ options: EnvironmentOptions, _ rest: [String], required: Bool = false) throws -> (stack: Stack, rest: [String]) {
        let config = try load()
        let (environment, rest) = try options.split(config, rest, required: required)
        return (try StackBuilder().build(config, environment: environment), rest)
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

extension GlobalOptions {
    /// The command line with the global options given before the subcommand moved after it, where the parser takes them:
    /// `berth -c FILE validate` reads as `berth validate -c FILE`.
    ///
    /// Only `-c FILE`, `--config FILE`, `--config=FILE`, `-v` and `--verbose` are moved, and only when a subcommand follows them.
    static func afterSubcommand(_ arguments: [String], of root: any ParsableCommand.Type) -> [String] {
        var leading: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "-c" || argument == "--config", index + 1 < arguments.endIndex {
                leading += arguments[index...(index + 1)]
                index += 2
            } else if argument.hasPrefix("--config=") || argument == "-v" || argument == "--verbose" {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        var command = root
        var end = index
        while end < arguments.endIndex,
            let subcommand = command.configuration.subcommands.first(where: { $0._commandName == arguments[end] || $0.configuration.aliases.contains(arguments[end]) })
        {
            command = subcommand
            end += 1
        }
        guard !leading.isEmpty, end > index else { return arguments }
        return Array(arguments[index..<end] + leading + arguments[end...])
    }
}
