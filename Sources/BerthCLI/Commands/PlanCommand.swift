import ArgumentParser
import BerthCore

/// `berth plan`: what a deploy would change.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Compare the deployed release with what would be deployed now: services, images, env keys, labels, ports, volumes, files."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions
    @OptionGroup var appTags: AppTagOptions
    @Flag(help: "Exit 3 when there are changes.") var detailedExitcode = false
    @Flag(help: "Print the plan as JSON.") var json = false

    func run() async throws {
        let stack = try await appTags.pinnedStack(global, environment: try global.environment(environment, required: true))
        try Validation.require(StackValidator.validate(stack))
        let plan = try await Planner(stack: stack, runner: global.runner()).plan()
        if json { try Output.json(plan) } else { Output.line(plan.text) }
        if plan.hasChanges && detailedExitcode { try ExitStatus.changes.exit() }
    }
}
