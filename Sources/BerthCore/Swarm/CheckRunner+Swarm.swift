import Foundation
import ServicePlugin

extension CheckRunner {
    /// `berth check` on a Swarm cluster: the nodes first, then every module's checks, read through the manager.
    ///
    /// Container checks read the task of every replica on every node; command checks run in a task's
    /// container on its node (over SSH to that node); HTTP checks with a public host go through the proxy.
    func runSwarm(_ modules: [StackModule], settings: SwarmSettings) async throws -> [CheckResult] {
        let stackName = stack.context.name
        let facts = try await SwarmFacts.read(remote, stack: stackName, runner: runner)
        let lost = facts.nodes.filter { !$0.ready }
        let nodes = CheckResult(
            module: "cluster", check: "nodes", status: lost.isEmpty ? .ok : .fail, latencyMs: 0,
            message: lost.isEmpty
                ? "\(facts.nodes.count) nodes ready"
                : lost.map { node in
                    let tasks = facts.tasks.filter { $0.node == node.name }.map(\.name)
                    return "node \(node.name) is \(node.status.lowercased())" + (tasks.isEmpty ? "" : " (it ran \(tasks.joined(separator: ", ")))")
                }.joined(separator: "; "))
        let http = try await HTTPProber.make(
            remote: remote, runner: runner, direct: false, environment: stack.environment, hosts: Self.publicHosts(modules))
        let checks = modules.flatMap { module in module.healthChecks.filter { !options.deployGate || $0.gatesDeploy }.map { (module, $0) } }
        var results: [CheckResult] = []
        for (module, check) in checks {
            let timeout = check.timeout ?? options.timeout
            results.append(
                await Self.timed(plugin: module.id, check: check.name, timeout: timeout) {
                    try await self.evaluateSwarm(check, of: module, facts: facts, settings: settings, http: http, timeout: timeout)
                })
        }
        try? await http.shutdown()
        return [nodes] + results
    }

    func evaluateSwarm(
        _ check: HealthCheck, of module: StackModule, facts: SwarmFacts, settings: SwarmSettings, http: HTTPProber, timeout: Double
    ) async throws -> (CheckResult.Status, String) {
        switch check.kind {
        case .container(let service):
            return facts.status(service)
        case .command(let service, let argv, let expectExit):
            return try await commandCheck(try taskExec(service, argv, facts: facts, settings: settings), argv: argv, expectExit: expectExit, timeout: timeout)
        case .commandJSON(let service, let argv, let expectation):
            return try await jsonCheck(try taskExec(service, argv, facts: facts, settings: settings), argv: argv, expectation: expectation, timeout: timeout)
        case .http(let probe) where probe.publicHost != nil:
            return try await http.probe(probe, facts: StackFacts(containers: [:]), secrets: secrets(for: probe, module: module), slowAfterMs: probe.maxLatencyMs ?? options.slowAfterMs)
        case .http(let probe):
            // A task's overlay address is reachable only inside the cluster; its own healthcheck is what Swarm gates on.
            let (status, detail) = facts.status(probe.service)
            return (status, "\(detail) (not probed directly on Swarm)")
        case .tcp(let service, _):
            return facts.status(service)
        default:
            return try await evaluate(check, of: module, facts: StackFacts(containers: [:]), http: http, timeout: timeout)
        }
    }

    /// A command in a running task's container, on the node it runs on.
    func taskExec(_ service: String, _ argv: [String], facts: SwarmFacts, settings: SwarmSettings) throws -> ShellCommand {
        guard let task = facts.tasks.first(where: { $0.service == service && $0.state.hasPrefix("Running") }), let node = settings.node(task.node) else {
            throw BerthError.failed("no running task of \(service)")
        }
        return SwarmExec.command(remote.node(node), stack: stack.context.name, service: service, argv: argv)
    }
}

/// A command run in the container of a service's task on the node at hand.
enum SwarmExec {
    /// Shell that sets `id` to a container on this node of the task's service named by the shell word `service`.
    static func findContainer(_ service: String) -> String {
        #"id=$(docker ps -q --filter "label=com.docker.swarm.service.name="# + service + #"" | head -n1)"#
    }

    static let script =
        #"s=$1; shift; "# + findContainer("$s")
        + #"; [ -n "$id" ] || { echo "no container of $s on this node" >&2; exit 125; }; exec docker exec -i "$id" "$@""#

    static func command(_ remote: Remote, stack: String, service: String, argv: [String]) -> ShellCommand {
        remote.script(script, ["\(stack)_\(service)"] + argv)
    }
}
