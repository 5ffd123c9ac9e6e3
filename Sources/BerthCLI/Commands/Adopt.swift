import ArgumentParser
import BerthCore

/// `berth adopt`: take over a compose project that already runs on an environment's server.
struct Adopt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a compose project running on the environment's server and propose the berth.yaml lines that take it over.",
        discussion: """
            Maps each service to a module (by image repository) or an app, pinned to the tags that run, the database's \
            major, role and auth included, and checks that no data folder would change path. Changes nothing: the values \
            of the project's .env files never leave the server. A project that does not exist, is half stopped, has two \
            services on one data folder or would move a folder is refused (exit 2).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Option(help: "The running compose project: its folder's name unless it was started with -p.") var project: String
    @Flag(help: "Write the lines into berth.yaml, the running tags into berth.lock, and take the project's .env values over into the target's .env files, on the server.")
    var write = false
    @Flag(help: "Print the proposal as JSON.") var json = false

    func run() async throws {
        let config = try global.load()
        let plan = try await Adopter(config: config, environment: try environment.name(config, required: true), runner: global.runner()).plan(project: project)
        var report = plan.report
        if write {
            // The lock's conflicts are found before berth.yaml is written: a refusal writes nothing.
            let lockPath = BerthConfig.lockPath(beside: global.config)
            _ = try PinMerge().merged(plan.adoption.pins(), into: try VersionPins.load(lockPath), file: lockPath)
            report.written = try ConfigMerge().write(plan.adoption.unpinned, into: global.config).description
            report.pinned = try PinMerge().write(plan.adoption.pins(), into: lockPath)
            report.env = try await EnvTakeover(adoption: plan.adoption, stack: plan.stack).run(runner: global.runner())
        }
        if json { return try Output.json(report) }
        Output.line(report.text)
    }
}
