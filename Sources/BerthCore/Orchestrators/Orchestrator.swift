import Foundation
import ServicePlugin

/// How a rendered stack runs on its target: `docker compose` on one server, or a Swarm stack through a manager.
///
/// One value per environment, chosen once from `engine:` (``EnvironmentConfig/orchestrator``). Rendering,
/// preflight, the deploy and its gate, the checks, the backups and the day-2 commands ask it what to do, and
/// never which one it is. A third orchestrator is a third conformance and one more `engine:` case.
public protocol Orchestrator: Sendable {
    /// The name `engine:` gives it.
    var kind: OrchestratorKind { get }

    /// The top-level files that run the stack (compose's include file and scripts, or the Swarm stack file and `deploy.sh`),
    /// and whether each module gets a compose file of its own.
    func files(for stack: Stack) -> [RenderedTree.File]
    var rendersModuleFiles: Bool { get }

    /// Config problems that only this orchestrator has (Swarm's placement rules).
    func diagnostics(_ stack: Stack) -> [Diagnostic]
    /// What preflight found wrong with the target for this orchestrator.
    func problems(_ facts: PreflightFacts) -> [String]
    /// The stack as it renders for the Docker engine found: compose's files use what the engine supports.
    func adapted(_ stack: Stack, to features: DockerFeatures) -> Stack

    /// Whether an unchanged deploy may be skipped after one look at the server (``NoOpProbe``).
    var probesUnchanged: Bool { get }
    /// Whether the daily `backup.sh` runs from the deploy user's crontab on the target.
    var schedulesBackups: Bool { get }
    /// Whether the modules' own checks gate a deploy after the containers are ready.
    var gatesOnModuleChecks: Bool { get }
    /// How long the health gate waits between two looks.
    var pollInterval: Double { get }

    /// Creates the folders the services mount (and labels nodes) before anything starts.
    func prepare(_ session: DeploySession, facts: PreflightFacts) async throws
    /// Starts the synced files: a new release (`plan`), or a restored one as it was (`plan` nil).
    func start(_ session: DeploySession, plan: Plan?) async throws -> StartMark
    /// Each image of the stack with the digest the engine runs it by.
    func digests(_ session: DeploySession) async throws -> [Release.Image]

    /// What runs now, in one round trip.
    func state(project: String, remote: Remote, runner: any CommandRunner) async throws -> any RunningState
    /// Where each of `services`' containers is found, for dumps and hooks; at most one round trip.
    func locators(_ services: [String], stack: Stack, remote: Remote, runner: any CommandRunner) async throws -> [String: ContainerLocator]
    /// A container of `service` on `machine` (the target, or the node named `node`), found when the line runs: no round trip.
    func locator(_ service: String, stack: Stack, on machine: Remote, node: String?) -> ContainerLocator
    /// The machines a backup snapshots, each with the name that tags its snapshot (nil: the target alone).
    func snapshotMachines(_ stack: Stack, remote: Remote) -> [(node: String?, remote: Remote)]
    /// The machines dumps are written on (every node a database may run on).
    func dumpMachines(_ stack: Stack, remote: Remote) -> [Remote]

    /// `berth remove`'s steps that take the stack down: its containers, networks and live-network attachments, or the
    /// Swarm stack (until its networks are gone) and the node labels Berth set.
    func takeDown(_ stack: Stack, remote: Remote) -> [RemovalStep]
    /// Each machine that holds the stack's data, with its folders and named volumes there, for `berth remove --purge`.
    func dataHolders(_ stack: Stack, remote: Remote) -> [DataHolder]

    /// `docker info`'s Swarm state on a target this orchestrator runs on (`active/true`: a manager), as the dry run simulates it.
    var expectedSwarmState: String { get }
    /// The cluster's nodes by name; none for one server.
    var nodeNames: [String] { get }

    /// Containers this machine may touch one by one (ps, logs, exec, heal, restore); nil says why not.
    var containerAccess: ContainerAccess { get }
}

/// `engine:`'s values.
public enum OrchestratorKind: String, Sendable, Hashable {
    /// `docker compose` on one server.
    case compose
    /// `docker stack deploy` to a Swarm manager.
    case swarm
}

/// What a start hands the gate: when it began, by the manager's clock, and whether it changed any container.
public struct StartMark: Sendable {
    /// Manager epoch seconds just before the start; nil for a restored release, whose own rollbacks are not held against it.
    public var since: Int?
    /// Whether a container was created, recreated, started or removed.
    public var touched: Bool

    public init(since: Int? = nil, touched: Bool = true) {
        self.since = since
        self.touched = touched
    }
}

/// Whether the day-2 commands may reach single containers, and if not, what to do instead.
public enum ContainerAccess: Sendable {
    case local
    /// Not here; the text says what to run instead.
    case elsewhere(String)
}

extension Stack {
    /// A usage error for a command that reaches containers one by one, where the orchestrator places them elsewhere.
    public func requireContainers(_ command: String, instead: String) throws {
        guard case .elsewhere(let runsOn) = orchestrator.containerAccess else { return }
        throw BerthError.usage("\(command): environments.\(environment.name) runs on \(runsOn), where \(instead)")
    }

    /// The orchestrator of this stack's environment.
    public var orchestrator: any Orchestrator { environment.orchestrator }
}
