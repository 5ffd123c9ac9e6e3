import Foundation
import ServicePlugin

/// `berth deploy`: render, preflight, lock, sync, update, health gate, record; rolls back when the new release fails.
public struct Deployer: Sendable {
    public let stack: Stack
    public let runner: any CommandRunner
    public let options: DeployOptions
    public let progress: any ProgressReporter
    public let remote: Remote

    public init(stack: Stack, runner: any CommandRunner, options: DeployOptions = DeployOptions(), progress: any ProgressReporter = SilentProgress()) {
        self.stack = stack
        self.runner = runner
        self.options = options
        self.progress = progress
        remote = Remote(stack.environment)
    }

    var store: ReleaseStore { ReleaseStore(remote: remote, runner: runner) }
    var lock: DeployLock { DeployLock(remote: remote, runner: runner) }

    /// Runs the pipeline. The report says what happened; it is returned on failure too, inside ``DeployFailure``.
    public func deploy() async throws -> DeployReport {
        var report = DeployReport(environment: stack.environment.name)
        let workspace = NSTemporaryDirectory() + "berth-deploy-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: workspace) }

        let tree = try await step("render", &report) { () -> RenderedTree in
            try StackValidator.validate(stack).throwIfErrors()
            let tree = TreeRenderer.render(stack)
            try TreeWriter(destination: workspace, durable: false).write(tree)
            return tree
        }
        try await step("preflight", &report) { try await Preflight(remote: remote, runner: runner).run(stack) }
        let live = try await step("lock", &report) { try await lock.acquire(Self.lockInfo(options.message), wait: options.lockWait) }
        do {
            try await locked(tree: tree, workspace: workspace, live: live, report: &report)
        } catch {
            try? await lock.release()
            throw DeployFailure(report: report, underlying: error)
        }
        report.ok = true
        return report
    }

    /// Everything done under the lock; the lock is let go by the final record step.
    private func locked(tree: RenderedTree, workspace: String, live: ReleaseRecord?, report: inout DeployReport) async throws {
        let previous = live?.release.id
        report.previousRelease = previous
        let oldSummary = live?.summary
        let summary = StackSummary(stack: stack, tree: tree)
        let plan = Plan(from: previous, old: oldSummary, new: summary)
        report.plan = plan
        progress.started("plan")
        progress.finished("plan", seconds: 0, ok: true, note: "\n" + plan.text)

        try await step("sync", &report) {
            try await runner.check(remote.sync(from: workspace, to: remote.root), what: "rsync to \(remote.name)")
        }
        do {
            try await step("prepare", &report) { try await prepareDirectories() }
            let imagesChanged = plan.services.contains { $0.image != nil }
            let touched = try await step("update", &report) { try await update(pull: true, prune: imagesChanged) }
            try await step("health", &report) {
                let deadline = Date().addingTimeInterval(options.timeout)
                try await HealthGate(remote: remote, runner: runner).wait(for: serviceNames, timeout: options.timeout)
                // Nothing was started or recreated: the running release passed these checks when it was deployed.
                if touched || previous == nil { try await pluginChecks(until: deadline) }
            }
        } catch {
            // History must show the failed attempt, so `berth releases` and `rollback` start from what is really live.
            try? await recordFailure("failed at \(report.failedStep ?? "?"): \(error)", tree: tree, summary: summary)
            guard !options.noRollback else { throw error }
            guard let previous else {
                report.rollbackError = "no previous release to roll back to"
                throw error
            }
            do {
                try await step("rollback", &report) {
                    try await store.restore(previous)
                    try await update(pull: false, prune: false)
                    try await HealthGate(remote: remote, runner: runner).wait(for: oldSummary?.services.keys.sorted() ?? serviceNames, timeout: options.timeout)
                }
                report.rolledBack = true
            } catch let rollbackError {
                report.rollbackError = String(describing: rollbackError)
            }
            throw error
        }
        let id = try await step("record", &report) { () -> String in
            let release = Release(
                id: Self.releaseID(), time: Self.now(), environment: stack.environment.name, commit: options.commit,
                checksum: tree.checksum, images: try await imageDigests(), deployedBy: Self.lockInfo("").owner
            )
            try await store.save(ReleaseRecord(release: release, summary: summary), releasingLock: true)
            return release.id
        }
        report.release = id
    }

    func recordFailure(_ failure: String, tree: RenderedTree, summary: StackSummary) async throws {
        let release = Release(
            id: Self.releaseID(), time: Self.now(), environment: stack.environment.name, commit: options.commit,
            checksum: tree.checksum, images: [], deployedBy: Self.lockInfo("").owner, failure: failure
        )
        try await store.saveFailed(ReleaseRecord(release: release, summary: summary))
    }

    var serviceNames: [String] { stack.modules.flatMap { $0.fragment.services.map(\.name) } }

    /// Runs one named step with progress and records it; failures are re-thrown after recording.
    @discardableResult
    func step<T>(_ name: String, _ report: inout DeployReport, _ body: () async throws -> T) async throws -> T {
        progress.started(name)
        let start = Date()
        do {
            let value = try await body()
            let seconds = Date().timeIntervalSince(start)
            report.steps.append(.init(name: name, ok: true, seconds: seconds))
            progress.finished(name, seconds: seconds, ok: true, note: nil)
            return value
        } catch {
            let seconds = Date().timeIntervalSince(start)
            report.steps.append(.init(name: name, ok: false, seconds: seconds, note: String(describing: error)))
            if report.failedStep == nil {
                report.failedStep = name
                report.error = String(describing: error)
            }
            progress.finished(name, seconds: seconds, ok: false, note: nil)
            throw error
        }
    }
}

/// A deploy that failed, with the report of what it did (and whether it rolled back).
public struct DeployFailure: Error, CustomStringConvertible {
    public var report: DeployReport
    public var underlying: any Error

    public var description: String {
        var text = "deploy to \(report.environment) failed at \(report.failedStep ?? "?"): \(underlying)"
        if report.rolledBack { text += "\nrolled back to release \(report.previousRelease ?? "?"), which is serving again" }
        if let problem = report.rollbackError { text += "\nno rollback: \(problem)" }
        return text
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
