import ArgumentParser
import BerthCore

/// `berth ps`: the services of a deployed environment with their containers' state.
struct Ps: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the services of a deployed environment: state, health, image and uptime.",
        discussion: "A service the rendered stack has but Docker runs no container for is shown as missing."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Flag(help: "Print the services as JSON.") var json = false

    func run() async throws {
        let services = try await StackStatus.read(try global.stack(environment), runner: global.runner())
        if json { return try Output.json(services) }
        Output.line(services.table)
    }
}
