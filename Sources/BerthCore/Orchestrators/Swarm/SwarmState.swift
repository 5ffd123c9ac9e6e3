import ServicePlugin

/// A Swarm stack as one look through the manager saw it: the nodes, the services' counts and updates, the tasks.
public struct SwarmState: RunningState {
    public let facts: SwarmFacts
    public let settings: SwarmSettings
    /// The stack's name, which prefixes its services'.
    public let stack: String

    public func readiness(_ service: String) -> (status: CheckResult.Status, detail: String) {
        let ready = facts.readiness(service)
        return (ready.ok ? .ok : .fail, ready.detail)
    }

    /// An update still running may yet be rolled back: the gate waits for its end.
    public func settling(_ service: String) -> Bool {
        ["updating", "rollback_started"].contains(facts.services[service]?.update ?? "")
    }

    /// Swarm rolling a service back means a new task failed: the release is refused at once. A rollback or pause
    /// that ended before `mark` belongs to an earlier deploy; without a mark (a restored release) none counts.
    public func refusal(_ waiting: [String], services: [String], since mark: StartMark?) -> String? {
        let refused = services.filter { name in
            guard let since = mark?.since, let service = facts.services[name] else { return false }
            if service.update == "rollback_started" { return true }
            guard let ended = service.updateEnded, ended >= since else { return service.update.hasSuffix("paused") }
            return service.update.hasPrefix("rollback") || service.update.hasSuffix("paused")
        }
        guard !refused.isEmpty else { return nil }
        let detail = refused.map { "\($0) (\(facts.services[$0]?.update ?? "?"))" }.joined(separator: ", ")
        return "Swarm stopped the update of \(detail): a new task never became healthy"
    }

    /// A task's overlay address is reachable only inside the cluster.
    public func address(_ service: String) -> String? { nil }
    public var reachesContainers: Bool { false }

    /// In the container of a running task, on its node (over SSH to that node).
    public func exec(_ service: String, _ argv: [String], on remote: Remote) throws -> ShellCommand {
        guard let task = facts.tasks.first(where: { $0.service == service && $0.state.hasPrefix("Running") }), let node = settings.node(task.node) else {
            throw BerthError.failed("no running task of \(service)")
        }
        let locator = ContainerLocator(remote: remote.node(node), node: node.name, root: "/", find: SwarmOrchestrator.findContainer, service: "\(self.stack)_\(service)")
        return locator.exec(argv)
    }

    /// The nodes first: a lost node names the tasks it ran.
    public var ownResults: [CheckResult] {
        let lost = facts.nodes.filter { !$0.ready }
        let message =
            lost.isEmpty
            ? "\(facts.nodes.count) nodes ready"
            : lost.map { node in
                let tasks = facts.tasks.filter { $0.node == node.name }.map(\.name)
                return "node \(node.name) is \(node.status.lowercased())" + (tasks.isEmpty ? "" : " (it ran \(tasks.joined(separator: ", ")))")
            }.joined(separator: "; ")
        return [CheckResult(module: "cluster", check: "nodes", status: lost.isEmpty ? .ok : .fail, latencyMs: 0, message: message)]
    }
}
