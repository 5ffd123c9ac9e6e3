import Foundation
import ServicePlugin

/// `docker stack deploy` through a Swarm manager: one stack file and `deploy.sh`, services placed across the nodes.
public struct SwarmOrchestrator: Orchestrator {
    /// The cluster's nodes, placements and replicas.
    public let settings: SwarmSettings

    public init(settings: SwarmSettings) {
        self.settings = settings
    }

    public var kind: OrchestratorKind { .swarm }
    public var rendersModuleFiles: Bool { false }
    /// Swarm may be rolling a service back on its own: every deploy runs every step.
    public var probesUnchanged: Bool { false }
    /// The databases run on other nodes than the manager: `berth backup run` dumps each on its node.
    public var schedulesBackups: Bool { false }
    /// Swarm gates each task on its own healthcheck, and rolls back what fails it.
    public var gatesOnModuleChecks: Bool { false }
    public var pollInterval: Double { 1 }
    public var containerAccess: ContainerAccess { .elsewhere("Swarm") }
    public var expectedSwarmState: String { "active/true" }
    public var nodeNames: [String] { settings.nodes.map(\.name) }

    public func files(for stack: Stack) -> [RenderedTree.File] {
        [
            .init(path: SwarmStackFile.fileName, contents: SwarmStackFile.render(stack, settings: settings)),
            .init(path: SwarmDeployScript.fileName, contents: SwarmDeployScript.render(stack), executable: true),
        ]
    }

    public func diagnostics(_ stack: Stack) -> [Diagnostic] {
        SwarmRules.check(stack, settings: settings)
    }

    public func problems(_ facts: PreflightFacts) -> [String] {
        guard !facts.dockerVersion.isEmpty && facts.swarmState != "active/true" else { return [] }
        return ["docker swarm: this engine is not a Swarm manager (state \(facts.swarmState.nonEmpty ?? "unknown")); target a manager, or run `docker swarm init` there"]
    }

    /// The stack file does not depend on the engine's features.
    public func adapted(_ stack: Stack, to features: DockerFeatures) -> Stack { stack }

    public func prepare(_ deployer: DeploySession, facts: PreflightFacts) async throws {
        try await prepareNodes(deployer)
        // The proxy's certificate goes to every node that may run it: those whose folders hold its CA's.
        if let directory = deployer.internalCertificate?.directory {
            let nodes = Self.folders(deployer.stack, settings).filter { $0.1[directory] != nil }.map { deployer.remote.node($0.0) }
            try await deployer.issueInternalCertificate(on: nodes)
        }
    }

    /// Runs `deploy.sh`, then gives Swarm a moment to begin the updates it asked for before the gate looks.
    public func start(_ deployer: DeploySession, plan: Plan?) async throws -> StartMark {
        let since = try await deployStack(deployer)
        try await Task.sleep(nanoseconds: 2_000_000_000)
        // A restored release may be the very one Swarm is rolling back to: its rollbacks are waited out, not held against it.
        return StartMark(since: plan == nil ? nil : since)
    }

    public func digests(_ deployer: DeploySession) async throws -> [Release.Image] {
        try await pinnedDigests(deployer)
    }

    public func state(project: String, remote: Remote, runner: any CommandRunner) async throws -> any RunningState {
        SwarmState(facts: try await SwarmFacts.read(remote, stack: project, runner: runner), settings: settings, stack: project)
    }

    /// Each service's container on the node of its running task; a service with none is left out.
    public func locators(_ services: [String], stack: Stack, remote: Remote, runner: any CommandRunner) async throws -> [String: ContainerLocator] {
        let facts = try await SwarmFacts.read(remote, stack: stack.context.name, runner: runner)
        var found: [String: ContainerLocator] = [:]
        for service in services {
            guard let task = facts.tasks.first(where: { $0.service == service && $0.state.hasPrefix("Running") }), let node = settings.node(task.node) else { continue }
            found[service] = locator(service, stack: stack, on: remote.node(node), node: node.name)
        }
        return found
    }

    /// Sets `id` to a container on this node of the task's service `$service` (`<stack>_<service>`), by Swarm's label.
    public static let findContainer = #"id=$(docker ps -q --filter "label=com.docker.swarm.service.name=$service" | head -n1)"#

    /// A task's container on that node, by the service label Swarm gives it; a node has no deploy folder.
    public func locator(_ service: String, stack: Stack, on machine: Remote, node: String?) -> ContainerLocator {
        ContainerLocator(remote: machine, node: node, root: "/", find: Self.findContainer, service: "\(stack.context.name)_\(service)")
    }

    /// The backup tool runs on every node (`mode: global`): each node that holds persistent data snapshots its own,
    /// and the manager its deploy folder and `.env` files.
    public func snapshotMachines(_ stack: Stack, remote: Remote) -> [(node: String?, remote: Remote)] {
        var names = Set(SwarmPlacement.all(stack, settings: settings).filter(\.stateful).flatMap { $0.nodes(settings).map(\.name) })
        if let manager = settings.nodes.first(where: { remote.node($0).destination == remote.destination }) { names.insert(manager.name) }
        return settings.nodes.filter { names.contains($0.name) }.map { ($0.name, remote.node($0)) }
    }

    /// Every node a database may run on.
    public func dumpMachines(_ stack: Stack, remote: Remote) -> [Remote] {
        let databases = Set(stack.modules.flatMap { $0.backup.dumps.map(\.service) })
        let names = Set(SwarmPlacement.all(stack, settings: settings).filter { databases.contains($0.service) }.flatMap { $0.nodes(settings).map(\.name) })
        return settings.nodes.filter { names.contains($0.name) }.map { remote.node($0) }
    }
}
