import Foundation
import ServicePlugin

/// Waits until every service of the stack runs as it should, by its orchestrator's rule, with a progress line as it waits.
///
/// It reads what runs as `berth check` does (``Orchestrator/state(project:remote:runner:)``) and holds it to the
/// same readiness, so the deploy gate and the admin's check never disagree. One loop serves every orchestrator.
public struct HealthGate: Sendable {
    public let remote: Remote
    /// The compose project or Swarm stack it reads.
    public let project: String
    public let runner: any CommandRunner
    /// Told which services are still awaited, with the time waited so far.
    public let progress: any ProgressReporter
    public let orchestrator: any Orchestrator

    public init(
        remote: Remote, project: String, runner: any CommandRunner, progress: any ProgressReporter = SilentProgress(), orchestrator: any Orchestrator = ComposeOrchestrator()
    ) {
        self.remote = remote
        self.project = project
        self.runner = runner
        self.progress = progress
        self.orchestrator = orchestrator
    }

    /// Polls until all `services` are ready and settled, and returns the last look; throws naming the ones that are not.
    ///
    /// `mark` is what the start handed over: on Swarm, when the deploy began, so that an older rollback is not held against it.
    @discardableResult
    public func wait(for services: [String], since mark: StartMark? = nil, timeout: Double) async throws -> any RunningState {
        let start = Date()
        let deadline = start.addingTimeInterval(timeout)
        var said: (waiting: [String], at: Date)?
        while true {
            let state = try await orchestrator.state(project: project, remote: remote, runner: runner)
            let waiting = services.filter { state.readiness($0).status != .ok || state.settling($0) }
            if let refusal = state.refusal(waiting, services: services, since: mark) { throw BerthError.failed("health gate: " + refusal) }
            if waiting.isEmpty { return state }
            if Date() >= deadline {
                let detail = waiting.map { "\($0) (\(state.readiness($0).detail))" }.joined(separator: ", ")
                throw BerthError.failed("health gate: not healthy within \(Int(timeout)) s: \(detail)")
            }
            // A line when the set of awaited services changes, and every 5 s while it does not.
            if said?.waiting != waiting || Date().timeIntervalSince(said!.at) >= 5 {
                let states = waiting.map { "\($0) (\(state.readiness($0).detail))" }.joined(separator: ", ")
                progress.note("health", "waiting for \(states), \(Int(Date().timeIntervalSince(start))) s")
                said = (waiting, Date())
            }
            try await Task.sleep(nanoseconds: UInt64(orchestrator.pollInterval * 1_000_000_000))
        }
    }
}
