import ArgumentParser
import BerthCore
import Foundation
import ServicePlugin

/// `berth update apply`: pin newer versions in berth.lock and show the plan a deploy would carry out.
struct UpdateApply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Pin the newest versions up to --level in berth.lock, then print the resulting plan; `berth deploy` applies it.",
        discussion: "Only berth.lock is written (atomically). A version outside a module's supported range is never pinned; a step across a migration boundary needs --level major and prints the module's note. A `version:` in berth.yaml wins and is left alone. Nothing is written when a registry fails or the new stack does not validate."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var update: UpdateOptions
    @Argument(help: "Modules to update (default: all).") var plugins: [String] = []
    @Option(help: "The largest step taken: patch, minor or major.") var level: TagShape.Step = .minor
    @Flag(help: "Show what would change, and its plan, without writing berth.lock.") var dryRun = false
    @Flag(help: "Print the outcome as JSON.") var json = false

    func run() async throws {
        let stack = try global.stack(update.env)
        let report = try await UpdateChecker.report(stack, modules: plugins, options: update.registryOptions, runner: ProcessRunner(), progress: TerminalProgress())
        guard !report.failed else {
            let failures = report.registries.compactMap(\.error).joined(separator: "; ")
            throw BerthError.failed("nothing written: \(failures); name the modules on other registries to update them alone")
        }
        let outcome = LockUpdater(stack: stack, level: level).outcome(report)
        var config = stack.config
        config.lock = outcome.lock
        let next = try StackBuilder().build(config, environment: stack.environment.name)
        try Validation.require(StackValidator.validate(next))
        let existing = try? String(contentsOfFile: config.lockPath, encoding: .utf8)
        let write = !dryRun && outcome.lock.text != existing && !(existing == nil && outcome.lock.pins.isEmpty)
        if write { try outcome.lock.write(to: config.lockPath) }
        let plan: Plan
        do {
            plan = try await Planner(stack: next, runner: ProcessRunner()).plan()
        } catch {
            throw BerthError.failed((write ? "\(config.lockPath) written, but " : "") + "the plan cannot be shown: \(error)")
        }
        if json { return try Output.json(Summary(changes: outcome.changes, held: outcome.held, lockWritten: write, dryRun: dryRun, plan: plan)) }
        Output.line(text(outcome, written: write, lockPath: config.lockPath, plan: plan, environment: stack.environment.name))
    }

    func text(_ outcome: LockUpdater.Outcome, written: Bool, lockPath: String, plan: Plan, environment: String) -> String {
        var lines = outcome.changes.isEmpty ? ["no version to pin at --level \(level)"] : outcome.changes.map { "\($0.module)/\($0.image): \($0.from) -> \($0.to) (\($0.step))" }
        for change in outcome.changes { lines += change.notes.map { "  migration (\(change.module)/\(change.image)): \($0)" } }
        lines += outcome.held.map { "left: \($0)" }
        lines.append(dryRun ? "dry run: \(lockPath) not written" : written ? "wrote \(lockPath)" : "\(lockPath) unchanged")
        lines.append("\nplan for \(environment) (`berth deploy \(environment)` applies it):\n" + plan.text)
        return lines.joined(separator: "\n")
    }

    struct Summary: Encodable {
        var changes: [LockUpdater.Change]
        var held: [String]
        var lockWritten: Bool
        var dryRun: Bool
        var plan: Plan
    }
}

extension TagShape.Step: ExpressibleByArgument {}
