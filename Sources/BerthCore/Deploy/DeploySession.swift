import Foundation
import ServicePlugin

/// One deploy after preflight: the stack as the target's engine runs it, what preflight found, the tree rendered
/// once, and every step from the no-op skip to the record. ``Rollbacker`` uses one too, without a preflight.
public struct DeploySession: Sendable {
    /// The stack, adapted to the socket and engine preflight found.
    public let stack: Stack
    public let runner: any CommandRunner
    public let options: DeployOptions
    public let progress: any ProgressReporter
    public let remote: Remote
    public let stamp: DeployStamp
    /// What preflight found (empty for a rollback, which runs none).
    public let facts: PreflightFacts
    /// The files this deploy ships, rendered once.
    public let tree: RenderedTree
    /// The server's image for each reference, as preflight's probe read it; nil when it read none.
    var serverImages: [String: NoOpProbe.Image]?
    /// The project `--adopt` takes over, as preflight found it.
    var switching: AdoptionSwitch?

    public init(
        stack: Stack, runner: any CommandRunner, options: DeployOptions = DeployOptions(), progress: any ProgressReporter = SilentProgress(),
        stamp: DeployStamp? = nil, facts: PreflightFacts = PreflightFacts(), tree: RenderedTree = RenderedTree([])
    ) {
        self.stack = stack
        self.runner = runner
        self.options = options
        self.progress = progress
        self.remote = Remote(stack.environment)
        self.stamp = stamp ?? options.stamp ?? .now()
        self.facts = facts
        self.tree = tree
    }

    var store: ReleaseStore { ReleaseStore(remote: remote, runner: runner) }
    var lock: DeployLock { DeployLock(remote: remote, runner: runner) }
    var orchestrator: any Orchestrator { stack.orchestrator }
    var summary: StackSummary { StackSummary(stack: stack, tree: tree) }

    /// The deploy from the no-op skip on, each step once and in this order.
    func run(probe: NoOpProbe?, report: DeployReport) async throws -> DeployReport {
        var report = report
        if let probe, !probe.locked, let live = probe.live, skip(live: live, probe: probe, report: &report) { return report }
        let live = try await step("lock", &report) { try await lock.acquire(stamp.lockInfo(options.message), wait: options.lockWait) }
        do {
            try await locked(live: live, probeAgain: probe?.locked ?? true, report: &report)
        } catch {
            try? await lock.release()
            throw DeployFailure(report: report, underlying: error)
        }
        report.ok = true
        return report
    }

    /// Everything done under the lock; the lock is let go by the final record step, or by a skip.
    ///
    /// `probeAgain` is false when preflight's probe already found changes with the lock free: a deploy that
    /// started since can only have made more.
    private func locked(live: ReleaseRecord?, probeAgain: Bool, report: inout DeployReport) async throws {
        if let switching, let live {
            throw BerthError.usage("--adopt \(switching.project): \(remote.name) already runs release \(live.release.id); a project is taken over by the first deploy only")
        }
        let plan = showPlan(live: live, report: &report)
        if !options.secrets.isEmpty { try await step("secrets", &report) { try await writeSecrets() } }
        if let live, probeAgain, try await unchangedUnderLock(live: live, report: &report) { return }
        try await step("sync", &report) {
            try await runner.check(remote.sync(from: stamp.workspace, to: remote.root), what: "rsync to \(remote.name)")
        }
        // What the migration steps did, so that a failure (now) or a rollback (later) takes exactly that back.
        var undo: [MigrationUndo] = []
        do {
            var before: [String] = []
            if let switching { before = try await takeOver(switching, report: &report) }
            try await migrate(plan, phase: .beforeStart, undo: &undo, report: &report)
            try await step("prepare", &report) { try await orchestrator.prepare(self, facts: facts) }
            let mark = try await step("update", &report) { try await orchestrator.start(self, plan: plan) }
            try await migrate(plan, phase: .afterStart, undo: &undo, report: &report)
            try await gate(mark, services: stack.serviceNames, checks: mark.touched || live == nil, report: &report)
            try await migrate(plan, phase: .afterGate, undo: &undo, report: &report)
            if let switching { try await step("adopt: verify", &report) { try await verify(switching, against: before) } }
            // Only a release that passed its gate schedules backups: a failed first deploy leaves the crontab as it found it.
            if orchestrator.schedulesBackups {
                try await step("schedule", &report) { try await runner.check(scheduleCommand(), timeout: 60, what: "scheduling backups on \(remote.name)") }
            }
        } catch {
            // History must show the failed attempt, so `berth releases` and `rollback` start from what is really live.
            try? await store.saveFailed(record(images: [], failure: "failed at \(report.failedStep ?? "?"): \(error)"))
            await recover(live: live, undoing: undo, of: plan, report: &report)
            throw error
        }
        try await step("record", &report) {
            try await store.save(record(images: try await orchestrator.digests(self), failure: nil, migrations: undo), releasingLock: true)
        }
        report.release = stamp.releaseID
        if let switching { await removeTakenOver(switching, report: &report) }
    }

    /// The health gate: every service ready by the orchestrator's rule, then, where it gates on them and a
    /// container changed, the modules' own checks.
    func gate(_ mark: StartMark, services: [String], checks: Bool = false, report: inout DeployReport, prefix: String = "") async throws {
        try await step(prefix + "health", &report) {
            let deadline = Date().addingTimeInterval(options.timeout)
            let seen = try await HealthGate(remote: remote, project: stack.context.name, runner: runner, progress: progress, orchestrator: orchestrator)
                .wait(for: services, since: mark, timeout: options.timeout)
            // Nothing was started or recreated: the running release passed these checks when it was deployed.
            if checks && orchestrator.gatesOnModuleChecks && !options.skipModuleChecks { try await moduleChecks(until: deadline, seen: seen) }
        }
    }

    /// The one restore → start → gate sequence: a deploy's automatic rollback and `berth rollback` both put a release back with it.
    func restoreAndStart(_ id: String, services: [String], report: inout DeployReport, prefix: String = "") async throws {
        try await step(prefix + "restore", &report) { try await store.restore(id) }
        let mark = try await step(prefix + "update", &report) { try await orchestrator.start(self, plan: nil) }
        try await gate(mark, services: services, report: &report, prefix: prefix)
    }

    func record(images: [Release.Image], failure: String?, migrations: [MigrationUndo] = []) -> ReleaseRecord {
        var release = Release(
            id: stamp.releaseID, time: stamp.time, environment: stack.environment.name, commit: options.commit,
            checksum: tree.checksum, images: images, deployedBy: stamp.owner, failure: failure, engine: stack.engine,
            adoptedFrom: switching.map { AdoptedFrom(project: $0.project, folder: $0.folder, files: $0.files) }
        )
        release.migrations = migrations.isEmpty ? nil : migrations
        return ReleaseRecord(release: release, summary: summary, config: options.configText)
    }

    /// Runs one named step with progress and records it in `report`.
    @discardableResult
    func step<T>(_ name: String, _ report: inout DeployReport, _ body: () async throws -> T) async throws -> T {
        try await progress.step(name, &report, body)
    }
}
