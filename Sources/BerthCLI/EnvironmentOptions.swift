import ArgumentParser
import BerthCore
import Foundation
import ServicePlugin

/// The environment of every command that acts on one: its first argument, or `--env`.
///
/// One rule for all of them: the first argument is the environment when it names one under `environments:` (for a
/// command that needs one, or takes nothing else, whatever it is), else it is the command's own (a module, a service).
/// Where the environment can be left out, the first one in berth.yaml is meant.
struct EnvironmentOptions: ParsableArguments {
    /// The rule, as `--help` and the README say it.
    static let rule =
        "The environment is the first argument, or --env; commands that can do without it act on the first environment in berth.yaml."

    @Argument(help: ArgumentHelp("The environment, as named under `environments:` (or --env); read as one only when it names one.", valueName: "environment"))
    var first: String?

    @Option(help: "The environment, instead of the first argument; where it may be left out, the first one in berth.yaml.") var env: String?

    /// The environment of a command that takes no other argument; `required`: it cannot be left out.
    func name(_ config: BerthConfig, required: Bool = false) throws -> String {
        if let first, let env {
            throw BerthError.usage("the environment is given twice: '\(first)' and --env \(env)")
        }
        return try named(first ?? env, config, required: required)
    }

    /// The environment and the command's own arguments, of a command that takes some after the environment.
    ///
    /// Without `--env`, the first argument is the environment when the command needs one, or when it names one; a name
    /// that is both an environment and a module or app is refused, since either reading could be meant.
    func split(_ config: BerthConfig, _ rest: [String], required: Bool = false) throws -> (environment: String, rest: [String]) {
        guard let first else { return (try named(env, config, required: required), rest) }
        if required && env == nil { return (first, rest) }
        guard env == nil, config.environments.contains(where: { $0.name == first }) else {
            return (try named(env, config, required: required), [first] + rest)
        }
        if config.services.contains(where: { $0.id == first }) || config.apps.contains(where: { $0.name == first }) {
            throw BerthError.usage("'\(first)' names both an environment and a module: give the environment as --env \(first), or rename one of them")
        }
        return (first, rest)
    }

    private func named(_ name: String?, _ config: BerthConfig, required: Bool) throws -> String {
        if let name { return name }
        if required { throw BerthError.usage("missing the environment: give it as the first argument or as --env") }
        return config.environmentName(nil)
    }
}
