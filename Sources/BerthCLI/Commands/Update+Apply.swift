import ArgumentParser
import BerthCore
import Foundation
import ServicePlugin

extension Update {
    /// `berth update apply`: pin newer versions in berth.lock and show the plan a deploy would carry out.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Pin the newest versions up to --level in berth.lock, then print the resulting plan; `berth deploy` applies it.",
            discussion:
                "Only berth.lock is written (atomically). A version outside a module's supported range is never pinned; a step across a migration boundary needs --level major and prints the module's note. A `version:` in berth.yaml wins and is left alone. Nothing is written when a registry fails or the new stack does not validate."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var update: UpdateOptions
        @Argument(help: "Modules to update (default: all).") var modules: [String] = []
        @Option(help: "The largest step taken: patch, minor or major.") var level: TagShape.Step = .minor
        @Flag(help: "Show what would change, and its plan, without writing berth.lock.") var dryRun = false
        @Flag(help: "Print the outcome as JSON.") var json = false

        func run() async throws {
            let (stack, modules) = try global.stack(update.environment, self.modules)
            let applier = PinApplier(stack: stack, level: level, dryRun: dryRun)
            let result = try await applier.apply(modules: modules, options: update.registryOptions, runner: global.runner(), progress: TerminalProgress())
            result.warnings.forEach(Output.error)
            if json { return try Output.json(result) }
            Output.line(applier.text(result))
        }
    }
}

extension TagShape.Step: ExpressibleByArgument {}
