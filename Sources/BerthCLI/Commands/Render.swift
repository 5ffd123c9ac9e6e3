import ArgumentParser
import BerthCore
import ServicePlugin

/// `berth render`: write the deploy tree of one environment.
struct Render: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the deploy tree (compose files, sample.env, extra files, update.sh) of an environment.",
        discussion: "Existing .env files in the output folder are never touched. The tree is swapped in whole, so a failed render changes nothing."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @Option(help: "The output folder (default: deploy/<env> beside the config file).") var out: String?
    @Option(help: "Render for this Docker Engine version (e.g. 28.2.2): from 25, healthchecks get start_interval. Default: what every Docker Engine runs; a deploy renders for its target's Docker.")
    var dockerVersion: String?
    @Flag(help: "Print what was written as JSON.") var json = false

    func run() async throws {
        var stack = try global.stack(environment, required: true)
        let env = stack.environment.name
        try Validation.require(StackValidator.validate(stack))
        if let dockerVersion { stack.engine = try DockerFeatures(option: dockerVersion) }
        let tree = TreeRenderer.render(stack)
        let destination = out ?? global.defaultTree(env)
        try TreeWriter(destination: destination, protecting: [global.configDirectory]).write(tree)
        if json { return try Output.json(Summary(environment: env, out: destination, files: tree.paths)) }
        Output.line("rendered \(tree.files.count) files for \(env) into \(destination)")
    }

    struct Summary: Encodable {
        var environment: String
        var out: String
        var files: [String]
    }
}
