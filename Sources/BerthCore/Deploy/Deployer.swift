import Foundation
import ServicePlugin

/// `berth deploy`: one pass through the pipeline, each step once; rolls back when the new release fails.
///
/// The order, read top to bottom in ``deploy()`` and ``DeploySession/run(probe:report:)``: validate, preflight,
/// render (once, for the engine preflight found), then the no-op skip, lock, plan, secrets, sync, prepare, start,
/// health gate, schedule and record. Every command goes through ``runner``: a ``ProcessRunner`` for real, a
/// ``RecordingRunner`` for the transcript tests and `--dry-run`.
public struct Deployer: Sendable {
    /// The stack as configured; the session carries it as preflight adapted it.
    public let stack: Stack
    public let runner: any CommandRunner
    public let options: DeployOptions
    public let progress: any ProgressReporter
    /// This deploy's release id, time, owner and scratch folder.
    public let stamp: DeployStamp

    public init(stack: Stack, runner: any CommandRunner, options: DeployOptions = DeployOptions(), progress: any ProgressReporter = SilentProgress()) {
        self.stack = stack
        self.runner = runner
        self.options = options
        self.progress = progress
        stamp = options.stamp ?? .now()
    }

    /// Runs the pipeline. The report says what happened; it is returned on failure too, inside ``DeployFailure``.
    public func deploy() async throws -> DeployReport {
        var report = DeployReport(environment: stack.environment.name)
        defer { try? FileManager.default.removeItem(atPath: stamp.workspace) }
        DeployStamp.sweepWorkspaces()
        let remote = Remote(stack.environment)
        // A config error is a usage error (exit 2) before the target is asked anything.
        let invalid = try validate(stack)
        for warning in invalid { progress.note("validate", warning) }
        let probing = stack.orchestrator.probesUnchanged && !options.force && options.secrets.isEmpty
        let found = try await progress.step("preflight", &report) {
            try await Preflight(remote: remote, runner: runner, adopting: options.adopt).run(stack, probing: probing ? DeploySession.imageReferences(stack) : nil)
        }
        for warning in found.warnings { progress.note("preflight", "warning: \(warning)") }
        report.warnings = invalid + found.warnings
        let adapted = found.stack.orchestrator.adapted(found.stack, to: DockerFeatures(dockerVersion: found.facts.dockerVersion))
        let tree = try await progress.step("render", &report) { try render(adapted) }
        var session = DeploySession(stack: adapted, runner: runner, options: options, progress: progress, stamp: stamp, facts: found.facts, tree: tree)
        session.serverImages = found.probe?.images
        session.switching = try options.adopt.map { try session.adoptionSwitch($0) }
        return try await session.run(probe: found.probe, report: report)
    }

    /// Renders the stack into this deploy's workspace, once, for the engine preflight found.
    private func render(_ stack: Stack) throws -> RenderedTree {
        let tree = TreeRenderer.render(stack)
        try TreeWriter(destination: stamp.workspace, durable: false).write(tree)
        return tree
    }

    /// Every rule, once: errors stop the deploy before the lock; warnings (`file:line: warning: …`) go into the report.
    private func validate(_ stack: Stack) throws -> [String] {
        let diagnostics = StackValidator.validate(stack)
        try diagnostics.throwIfErrors()
        return diagnostics.filter { $0.severity == .warning }.map(\.description)
    }
}
