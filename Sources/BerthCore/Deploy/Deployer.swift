import Foundation
import ServicePlugin

/// `berth deploy`: render, preflight, lock, sync, update, health gate, record; rolls back when the new release fails.
///
/// Every command goes through ``runner``: a ``ProcessRunner`` for real, a ``RecordingRunner`` for
/// the transcript tests and `--dry-run`.
public struct Deployer: Sendable {
    /// The stack; after preflight, with the target engine's ``DockerFeatures``.
    public private(set) var stack: Stack
    public let runner: any CommandRunner
    public let options: DeployOptions
    public let progress: any ProgressReporter
    public let remote: Remote
    /// This deploy's release id, time, owner and scratch folder.
    public let stamp: DeployStamp
    /// The server's image for each reference, as preflight's probe read it; nil when it read none.
    var serverImages: [String: NoOpProbe.Image]?
    /// The project `--adopt` takes over, as preflight found it.
    var switching: AdoptionSwitch?

    public init(stack: Stack, runner: any CommandRunner, options: DeployOptions = DeployOptions(), progress: any ProgressReporter = SilentProgress()) {
        self.stack = stack
        self.runner = runner
        self.options = options
        self.progress = progress
        remote = Remote(stack.environment)
        stamp = options.stamp ?? .now()
    }

    var store: ReleaseStore { ReleaseStore(remote: remote, runner: runner) }
    var lock: DeployLock { DeployLock(remote: remote, runner: runner) }

    /// Runs the pipeline. The report says what happened; it is returned on failure too, inside ``DeployFailure``.
    public func deploy() async throws -> DeployReport {
        var report = DeployReport(environment: stack.environment.name)
        defer { try? FileManager.default.removeItem(atPath: stamp.workspace) }

        var tree = try await step("render", &report) { () -> RenderedTree in
            try StackValidator.validate(stack).throwIfErrors()
            return try render()
        }
        let (facts, probe, checked) = try await step("preflight", &report) {
            try await Preflight(remote: remote, runner: runner, adopting: options.adopt).run(stack, probing: probesBeforeLock ? imageReferences : nil)
        }
        report.warnings = ForeignHolders.findings(facts.containers, stack: checked, root: remote.root, adopting: options.adopt).warnings
        for warning in report.warnings { progress.note("preflight", "warning: \(warning)") }
        var deployer = self
        deployer.serverImages = probe?.images
        deployer.switching = try options.adopt.map { try adoptionSwitch($0, facts: facts) }
        // Rendered again for what preflight found: the socket the target's engine listens on, and its features.
        deployer.stack = checked
        if stack.environment.swarm == nil { deployer.stack.engine = DockerFeatures(dockerVersion: facts.dockerVersion) }
        if deployer.stack.context.dockerSocket != stack.context.dockerSocket || deployer.stack.engine != stack.engine { tree = try deployer.render() }
        return try await deployer.deploy(tree: tree, facts: facts, probe: probe, report: report)
    }

    /// Renders the stack into this deploy's workspace, for the engine as far as it is known.
    private func render() throws -> RenderedTree {
        let tree = TreeRenderer.render(stack)
        try TreeWriter(destination: stamp.workspace, durable: false).write(tree)
        return tree
    }

    /// The deploy from the no-op check on, for the target's engine.
    private func deploy(tree: RenderedTree, facts: PreflightFacts, probe: NoOpProbe?, report: DeployReport) async throws -> DeployReport {
        var report = report
        if let probe, unchanged(tree: tree, probe: probe, report: &report) {
            report.ok = true
            return report
        }
        let live = try await step("lock", &report) { try await lock.acquire(stamp.lockInfo(options.message), wait: options.lockWait) }
        do {
            try await locked(tree: tree, live: live, facts: facts, probeAgain: probe?.locked ?? true, report: &report)
        } catch {
            try? await lock.release()
            throw DeployFailure(report: report, underlying: error)
        }
        report.ok = true
        return report
    }

    /// Everything done under the lock; the lock is let go by the final record step.
    ///
    /// `probeAgain` is false when preflight's probe already found changes with the lock free: a deploy that
    /// started since can only have made more.
    private func locked(tree: RenderedTree, live: ReleaseRecord?, facts: PreflightFacts, probeAgain: Bool, report: inout DeployReport) async throws {
        let previous = live?.release.id
        if let switching, let live {
            throw BerthError.usage("--adopt \(switching.project): \(remote.name) already runs release \(live.release.id); a project is taken over by the first deploy only")
        }
        let summary = StackSummary(stack: stack, tree: tree)
        let plan = showPlan(live: live, summary: summary, report: &report)

        if !options.secrets.isEmpty { try await step("secrets", &report) { try await writeSecrets() } }
        if let live, probeAgain, try await unchanged(tree: tree, live: live, report: &report) { return }
        try await step("sync", &report) {
            try await runner.check(remote.sync(from: stamp.workspace, to: remote.root), what: "rsync to \(remote.name)")
        }
        var before: [String] = []
        do {
            if let switching { before = try await takeOver(switching, report: &report) }
            if let swarm = stack.environment.swarm {
                try await step("prepare", &report) { try await prepareSwarm(swarm) }
                let since = try await step("update", &report) { try await swarmUpdate() }
                try await step("health", &report) { try await swarmGate(since: since, services: serviceNames) }
            } else {
                try await composeSteps(plan: plan, previous: previous, facts: facts, report: &report)
            }
            if let switching { try await step("adopt: verify", &report) { try await verify(switching, against: before) } }
            // Only a release that passed its gate schedules backups: a failed first deploy leaves the crontab as it found it.
            if stack.environment.swarm == nil {
                try await step("schedule", &report) { try await runner.check(scheduleCommand(), timeout: 60, what: "scheduling backups on \(remote.name)") }
            }
        } catch {
            // History must show the failed attempt, so `berth releases` and `rollback` start from what is really live.
            try? await store.saveFailed(record(summary: summary, tree: tree, images: [], failure: "failed at \(report.failedStep ?? "?"): \(error)"))
            await recover(live: live, facts: facts, report: &report)
            throw error
        }
        try await step("record", &report) {
            let images = stack.environment.swarm == nil ? try await imageDigests() : try await swarmImageDigests()
            try await store.save(record(summary: summary, tree: tree, images: images, failure: nil), releasingLock: true)
        }
        report.release = stamp.releaseID
        if let switching { await removeTakenOver(switching, report: &report) }
    }

    /// The one restore → update → gate sequence: a deploy's automatic rollback and `berth rollback` both put a release back with it.
    func restoreAndStart(_ id: String, services: [String], report: inout DeployReport, prefix: String = "") async throws {
        try await step(prefix + "restore", &report) { try await store.restore(id) }
        if stack.environment.swarm != nil {
            // The previous stack file, deployed again: Swarm's own per-service rollback is not relied on.
            try await step(prefix + "update", &report) { try await swarmUpdate() }
            try await step(prefix + "health", &report) { try await swarmGate(since: nil, services: services) }
            return
        }
        try await step(prefix + "update", &report) { try await update(pull: false, prune: false) }
        try await step(prefix + "health", &report) {
            try await HealthGate(remote: remote, project: stack.context.name, runner: runner, progress: progress).wait(for: services, timeout: options.timeout)
        }
    }

    func record(summary: StackSummary, tree: RenderedTree, images: [Release.Image], failure: String?) -> ReleaseRecord {
        let release = Release(
            id: stamp.releaseID, time: stamp.time, environment: stack.environment.name, commit: options.commit,
            checksum: tree.checksum, images: images, deployedBy: stamp.owner, failure: failure, engine: stack.engine,
            adoptedFrom: switching.map { AdoptedFrom(project: $0.project, folder: $0.folder, files: $0.files) }
        )
        return ReleaseRecord(release: release, summary: summary)
    }

    var serviceNames: [String] { stack.serviceNames }

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
