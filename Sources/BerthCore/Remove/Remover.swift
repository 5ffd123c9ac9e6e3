import Foundation
import ServicePlugin

/// `berth remove`: takes an environment's stack down, under its deploy lock, step by step.
///
/// The order, read top to bottom in ``run(purge:report:confirm:)``: refuse while an environment that shares this one's
/// proxy is deployed, take the deploy lock, then ``RemovalCommands/steps(purge:)`` one at a time, then let go of
/// the lock (`--purge` deleted it with the deploy folder). Every command goes through ``runner``: a
/// ``ProcessRunner`` for real (`--verbose` prints them, secrets masked), a ``RecordingRunner`` for the transcript tests.
public struct Remover: Sendable {
    public let stack: Stack
    public let runner: any CommandRunner
    public let progress: any ProgressReporter
    /// Seconds to wait for a deploy that holds the lock.
    public var lockWait: Double = 0
    /// Who takes the lock, and when.
    public var stamp: DeployStamp = .now()
    public let commands: RemovalCommands

    public init(stack: Stack, runner: any CommandRunner, progress: any ProgressReporter = SilentProgress()) {
        self.stack = stack
        self.runner = runner
        self.progress = progress
        commands = RemovalCommands(stack: stack)
    }

    var remote: Remote { commands.remote }
    var lock: DeployLock { DeployLock(remote: remote, runner: runner) }

    /// Runs every step; the report lists what each removed, on failure too (a ``BerthError`` says which step failed).
    ///
    /// `confirm` runs once the refusal is ruled out and before the lock is taken, so that nobody is asked for a
    /// removal that would be refused, and no deploy waits on a person: it throws to cancel.
    public func run(purge: Bool, report: inout RemovalReport, confirm: () throws -> Void = {}) async throws {
        if !commands.sharers.isEmpty { try await progress.step("sharers", &report) { try await refuseDeployedSharers() } }
        try confirm()
        try await progress.step("lock", &report) { try await lock.acquire(stamp.lockInfo(purge ? "berth remove --purge" : "berth remove"), wait: lockWait) }
        do {
            for step in commands.steps(purge: purge) { try await run(step, report: &report) }
            // The deploy folder went last with --purge, and the lock inside it.
            if !purge { try await progress.step("unlock", &report) { try await lock.release() } }
        } catch {
            try? await lock.release()
            throw error
        }
        report.ok = true
    }

    /// Runs one step and adds what it removed to the report, also when it failed half-way.
    func run(_ step: RemovalStep, report: inout RemovalReport) async throws {
        var printed = ""
        defer { report.removed += RemovalReport.Item.parse(printed, node: step.node) }
        try await progress.step(step.name, &report) {
            let result = try await runner.run(step.command, timeout: step.timeout)
            printed = result.stdout
            guard result.succeeded else {
                let detail = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).suffix(2000)
                throw BerthError.failed("\(step.what) failed (exit \(result.status))" + (detail.isEmpty ? "" : ":\n\(detail)"))
            }
        }
    }

    /// A usage error (exit 2) while an environment that shares this one's proxy is deployed: removing the proxy and
    /// its network would cut it off.
    func refuseDeployedSharers() async throws {
        let result = try await runner.check(commands.deployedSharers(), timeout: 60, what: "reading the environments that share \(stack.environment.name) on \(remote.name)")
        if let refusal = commands.refusal(result.stdout) { throw BerthError.usage(refusal) }
    }
}
