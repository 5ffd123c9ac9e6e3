import Foundation
import ServicePlugin

/// `berth update apply`: pin the newest versions up to a level in `berth.lock`, and the plan that carries them out.
///
/// Writes only `berth.lock`, atomically, and only when every registry answered and the new stack validates.
public struct PinApplier: Sendable {
    public let stack: Stack
    public let level: TagShape.Step
    public let dryRun: Bool

    public init(stack: Stack, level: TagShape.Step, dryRun: Bool) {
        self.stack = stack
        self.level = level
        self.dryRun = dryRun
    }

    /// What apply did.
    public struct Result: Encodable, Sendable {
        public var changes: [PinUpdater.Change]
        public var held: [String]
        public var lockWritten: Bool
        public var dryRun: Bool
        public var plan: Plan
        /// Validation warnings of the stack with the new pins.
        public var warnings: [String]
    }

    public func apply(modules: [String], options: RegistryClient.Options, runner: any CommandRunner, progress: any ProgressReporter) async throws -> Result {
        let report = try await UpdateChecker.report(stack, modules: modules, options: options, runner: runner, progress: progress)
        guard !report.failed else {
            let failures = report.registries.compactMap(\.error).joined(separator: "; ")
            throw BerthError.failed("nothing written: \(failures); name the modules on other registries to update them alone")
        }
        let outcome = PinUpdater(stack: stack, level: level).outcome(report)
        var config = stack.config
        config.lock = outcome.lock
        let next = try StackBuilder().build(config, environment: stack.environment.name)
        let diagnostics = StackValidator.validate(next)
        try diagnostics.throwIfErrors()
        let existing = try? String(contentsOfFile: config.lockPath, encoding: .utf8)
        let write = !dryRun && outcome.lock.text != existing && !(existing == nil && outcome.lock.pins.isEmpty)
        if write { try outcome.lock.write(to: config.lockPath) }
        do {
            let plan = try await Planner(stack: next, runner: runner).plan()
            return Result(
                changes: outcome.changes, held: outcome.held, lockWritten: write, dryRun: dryRun, plan: plan,
                warnings: diagnostics.filter { $0.severity == .warning }.map(\.description)
            )
        } catch {
            throw BerthError.failed((write ? "\(config.lockPath) written, but " : "") + "the plan cannot be shown: \(error)")
        }
    }

    /// The outcome in words: each pin, migration notes, what was left, and the plan.
    public func text(_ result: Result) -> String {
        let lockPath = stack.config.lockPath, environment = stack.environment.name
        var lines =
            result.changes.isEmpty
            ? ["no version to pin at --level \(level)"] : result.changes.map { "\($0.module)/\($0.image): \($0.from) -> \($0.to) (\($0.step))" }
        for change in result.changes { lines += change.notes.map { "  migration (\(change.module)/\(change.image)): \($0)" } }
        lines += result.held.map { "left: \($0)" }
        lines.append(dryRun ? "dry run: \(lockPath) not written" : result.lockWritten ? "wrote \(lockPath)" : "\(lockPath) unchanged")
        lines.append("\nplan for \(environment) (`berth deploy \(environment)` applies it):\n" + result.plan.text)
        return lines.joined(separator: "\n")
    }
}
