import ArgumentParser
import BerthCore
import Foundation

/// `berth check`: run the modules' health checks against a deployed environment.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the health checks of every module (or the named ones) against a deployed environment.",
        discussion: "All checks run at once, each with its own timeout. Exit 0 when all are ok (warnings count as ok unless --strict), 1 on any failure, 2 on usage errors."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "The environment (default: the first one).") var env: String?
    @Argument(help: "Modules to check (default: all).") var plugins: [String] = []
    @Option(help: "Seconds each check may take.") var timeout: Double = 5
    @Flag(help: "Reach HTTP checks on the containers' own addresses instead of their public hostnames.") var direct = false
    @Flag(help: "Treat warnings as failures.") var strict = false
    @Flag(help: "Print the results as JSON.") var json = false

    func run() async throws {
        let config = try global.load()
        let stack = try StackBuilder().build(config, environment: env ?? config.environments[0].name)
        let engine = CheckEngine(stack: stack, runner: ProcessRunner(), options: CheckOptions(timeout: timeout, direct: direct))
        let results = try await engine.run(plugins)
        if json { try Output.json(results) } else { Output.line(results.table) }
        let code = results.exitCode(strict: strict)
        if code != 0 { throw ExitCode(code) }
    }
}
