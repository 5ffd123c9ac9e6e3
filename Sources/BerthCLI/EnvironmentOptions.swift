import ArgumentParser
import BerthCore
import Foundation
import ServicePlugin

/// The environment argument of the commands that act on one target: deploy, plan, rollback, releases and lock.
struct EnvironmentArgument: ParsableArguments {
    @Argument(help: "The environment, as named under `environments:`.") var environment: String
}

/// The one `--env` option of every other command; which environment it means when left out is decided in core.
struct EnvironmentOption: ParsableArguments {
    @Option(help: "The environment, as named under `environments:` (default: the first one).") var env: String?

    /// For commands that write or judge one environment's files: `--env` must be given.
    func required() throws -> String {
        guard let env else { throw ValidationError("Missing expected argument '--env <env>'") }
        return env
    }
}
