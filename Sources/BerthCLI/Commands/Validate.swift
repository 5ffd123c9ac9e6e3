import ArgumentParser
import BerthCore

/// `berth validate`: report every problem of the config and the stack at once.
struct Validate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the config, the cross-module rules and the Compose conformance of an environment."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
        let env: String
        let diagnostics: [Diagnostic]
        do {
            let config = try global.load()
            env = try environment.name(config, required: true)
            diagnostics = StackValidator.validate(try StackBuilder().build(config, environment: env))
        } catch let error as DiagnosticsError where json {
            try Output.json(Report(ok: false, problems: error.diagnostics))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        if json {
            try Output.json(Report(ok: !diagnostics.hasErrors, problems: diagnostics))
            if diagnostics.hasErrors { throw ExitCode(ExitStatus.usage.rawValue) }
            return
        }
        try Validation.require(diagnostics)
        Output.line("\(global.config): environment \(env) is valid")
    }

    struct Report: Encodable {
        var ok: Bool
        var problems: [Diagnostic]
    }
}
