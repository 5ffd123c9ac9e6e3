import Foundation
import ServicePlugin

/// The deploy's health gate on Swarm: every service runs all its replicas, healthy, across all nodes, and
/// no update that ended after `since` (manager time) was rolled back or paused by Swarm.
public struct SwarmGate: Sendable {
    public let remote: Remote
    public let runner: any CommandRunner
    public let stack: String

    public init(remote: Remote, runner: any CommandRunner, stack: String) {
        self.remote = remote
        self.runner = runner
        self.stack = stack
    }

    public func wait(for services: [String], since: Int, timeout: Double) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let facts = try await SwarmFacts.read(remote, stack: stack, runner: runner)
            let refused = services.filter { name in
                guard let service = facts.services[name], let ended = service.updateEnded, ended >= since else { return facts.services[name]?.update.hasSuffix("paused") == true }
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
