import Foundation
import ServicePlugin

/// The deploy's health gate on Swarm: every service runs all its replicas, healthy, across all nodes, and
/// no update that ended after `since` (manager time) was rolled back or paused by Swarm.
public struct SwarmGate: Sendable {
    /// The manager, what runs the commands, and the stack's name.
    public let remote: Remote
    public let runner: any CommandRunner
    public let stack: String

    /// A gate for `stack` through the manager at `remote`.
    public init(remote: Remote, runner: any CommandRunner, stack: String) {
        self.remote = remote
        self.runner = runner
        self.stack = stack
    }

    /// Polls until every service in `services` is ready, or throws naming what is not.
    ///
    /// `since` (manager epoch seconds) is when this deploy began; nil puts a release back (Berth's rollback): Swarm may be rolling back to that very release, so
    /// its rollbacks are waited out, not held against it.
    public func wait(for services: [String], since: Int?, timeout: Double) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let facts = try await SwarmFacts.read(remote, stack: stack, runner: runner)
            // Swarm rolling a service back means a new task failed: this release is refused at once. A rollback
            // or pause that ended before this deploy began belongs to an earlier one.
            let refused = services.filter { name in
                guard let since, let service = facts.services[name] else { return false }
                if service.update == "rollback_started" { return true }
                guard let ended = service.updateEnded, ended >= since else { return service.update.hasSuffix("paused") }
                return service.update.hasPrefix("rollback") || service.update.hasSuffix("paused")
            }
            if !refused.isEmpty {
                let detail = refused.map { "\($0) (\(facts.services[$0]?.update ?? "?"))" }.joined(separator: ", ")
                throw BerthError.failed("health gate: Swarm stopped the update of \(detail): a new task never became healthy")
            }
            // An update still running may yet be rolled back: wait for its end.
            let waiting = services.filter { !facts.readiness($0).ok || ["updating", "rollback_started"].contains(facts.services[$0]?.update ?? "") }
            if waiting.isEmpty { return }
            if Date() >= deadline {
                let detail = waiting.map { "\($0) (\(facts.readiness($0).detail))" }.joined(separator: ", ")
                throw BerthError.failed("health gate: not healthy within \(Int(timeout)) s: \(detail)")
            }
            try await Task.sleep(nanoseconds: 1_000_000_000)
        }
    }
}
