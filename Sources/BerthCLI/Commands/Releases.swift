import ArgumentParser
import BerthCore

/// `berth releases`: the releases recorded on the target.
struct Releases: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the releases recorded on the target, newest last.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Flag(help: "Print the releases as JSON.") var json = false

    func run() async throws {
        let stack = try global.stack(environment)
        let history = try await ReleaseHistory.read(stack, runner: global.runner())
        if json { return try Output.json(history) }
        if history.releases.isEmpty { return Output.line("no releases recorded on \(stack.environment.name)") }
        history.lines.forEach(Output.line)
    }
}
