import Foundation
import ServicePlugin

/// Waits until every container of the stack runs and, where it has a Docker healthcheck, is healthy.
///
/// It reads the containers as `berth check` does (``StackFacts``) and holds them to the same rule
/// (``StackFacts/Container/readiness``), so the deploy gate and the admin's check never disagree.
public struct HealthGate: Sendable {
    public let remote: Remote
    /// The compose project whose containers it reads.
    public let project: String
    public let runner: any CommandRunner
    /// Told which services are still awaited, with the time waited so far.
    public let progress: any ProgressReporter

    public init(remote: Remote, project: String, runner: any CommandRunner, progress: any ProgressReporter = SilentProgress()) {
        self.remote = remote
        self.project = project
        self.runner = runner
        self.progress = progress
    }

    /// Polls until all `services` are ready, and returns the containers as the last look saw them; throws naming
    /// the ones that are not ready.
    ///
    /// Every quarter second: with `start_interval`, a container turns healthy within a second or two of its start.
    @discardableResult
    public func wait(for services: [String], timeout: Double) async throws -> StackFacts {
        let start = Date()
        let deadline = start.addingTimeInterval(timeout)
        var said: (waiting: [String], at: Date)?
        while true {
            let facts = try await StackFacts.read(remote, project: project, runner: runner, timeout: 30)
            let waiting = services.filter { facts.containers[$0].readiness(service: $0).0 != .ok }
            if waiting.isEmpty { return facts }
            // Unhealthy is final for this deploy; not running yet may still change (a restart policy, a slow start).
            let unhealthy = waiting.contains { facts.containers[$0]?.health == "unhealthy" }
            if unhealthy || Date() >= deadline {
                let detail = waiting.map { "\($0) (\(facts.containers[$0].readiness(service: $0).1))" }.joined(separator: ", ")
                throw BerthError.failed("health gate: \(unhealthy ? "unhealthy" : "not healthy within \(Int(timeout)) s"): \(detail)")
            }
            // A line when the set of awaited services changes, and every 5 s while it does not.
            if said?.waiting != waiting || Date().timeIntervalSince(said!.at) >= 5 {
                let states = waiting.map { "\($0) (\(facts.containers[$0].readiness(service: $0).1))" }.joined(separator: ", ")
                progress.note("health", "waiting for \(states), \(Int(Date().timeIntervalSince(start))) s")
                said = (waiting, Date())
            }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
    }
}
