import Foundation
import ServicePlugin

/// `docker compose` on one server: a compose file per module under one include file, `update.sh` and `backup.sh`.
public struct ComposeOrchestrator: Orchestrator {
    public init() {}

    public var kind: OrchestratorKind { .compose }
    public var rendersModuleFiles: Bool { true }
    public var probesUnchanged: Bool { true }
    public var schedulesBackups: Bool { true }
    public var gatesOnModuleChecks: Bool { true }
    /// With `start_interval`, a container turns healthy within a second or two of its start.
    public var pollInterval: Double { 0.25 }
    public var containerAccess: ContainerAccess { .local }
    public var expectedSwarmState: String { "inactive/false" }
    public var nodeNames: [String] { [] }

    public func files(for stack: Stack) -> [RenderedTree.File] {
        var files: [RenderedTree.File] = [
            .init(path: "docker-compose.yaml", contents: TreeRenderer.topLevel(stack)),
            .init(path: "update.sh", contents: UpdateScript.contents, executable: true),
        ]
        if let backup = BackupScript.render(stack) { files.append(.init(path: "backup.sh", contents: backup, executable: true)) }
        return files
    }

    /// A Swarm environment runs its own proxy: it cannot share this one's.
    public func diagnostics(_ stack: Stack) -> [Diagnostic] {
        let sharers = stack.config.environments.filter { $0.shares == stack.environment.name && $0.orchestrator.kind != kind }
        return sharers.map { Diagnostic(path: "environments.\($0.name).shares", "a Swarm environment cannot share another's proxy") }
    }

    /// Compose v2, and `flock`: each command that changes the stack holds ``Remote/busyFile`` with it.
    public func problems(_ facts: PreflightFacts) -> [String] {
        let compose = facts.tools["compose"] ?? ""
        var problems: [String] = []
        if !compose.hasPrefix("2.") && !compose.hasPrefix("v2.") { problems.append("docker compose: Compose v2 is required, found \(compose.nonEmpty ?? "none")") }
        if (facts.tools["flock"] ?? "").isEmpty {
            problems.append("flock: not installed on the target (util-linux); a command that changes the stack holds .berth/busy with it")
        }
        return problems
    }

    public func adapted(_ stack: Stack, to features: DockerFeatures) -> Stack {
        var stack = stack
        stack.engine = features
        return stack
    }

    public func prepare(_ deployer: DeploySession, facts: PreflightFacts) async throws {
        try await deployer.prepareDirectories(userNamespace: facts.userNamespacePidFile)
        try await deployer.issueInternalCertificate()
    }

    public func start(_ deployer: DeploySession, plan: Plan?) async throws -> StartMark {
        guard let plan else { return StartMark(touched: try await deployer.update(pull: false, prune: false)) }
        let changed = Set(plan.services.filter { $0.kind == .changed }.map(\.service))
        let touched = try await deployer.update(pull: true, prune: plan.services.contains { $0.image != nil }, changed: changed, keepingOrphans: !plan.retired.isEmpty)
        return StartMark(touched: touched)
    }

    public func digests(_ deployer: DeploySession) async throws -> [Release.Image] {
        try await deployer.imageDigests()
    }

    public func state(project: String, remote: Remote, runner: any CommandRunner) async throws -> any RunningState {
        try await StackFacts.read(remote, project: project, runner: runner, timeout: 30)
    }

    /// Compose's labels name each container: no round trip.
    public func locators(_ services: [String], stack: Stack, remote: Remote, runner: any CommandRunner) async throws -> [String: ContainerLocator] {
        Dictionary(uniqueKeysWithValues: services.map { ($0, Self.locator($0, project: stack.context.name, on: remote)) })
    }

    public func locator(_ service: String, stack: Stack, on machine: Remote, node: String?) -> ContainerLocator {
        Self.locator(service, project: stack.context.name, on: machine, node: node)
    }

    /// `service`'s container of compose project `project` on `machine`, by the labels compose gives it: the one
    /// locator `berth exec`, backups and a shared proxy's read all use.
    public static func locator(_ service: String, project: String, on machine: Remote, node: String? = nil) -> ContainerLocator {
        ContainerLocator(remote: machine, node: node, root: machine.root, find: findContainer, service: service, project: project)
    }

    /// Sets `id` to a running container of service `$service` in project `$project`.
    public static let findContainer =
        #"id=$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$service" | head -n1)"#

    public func snapshotMachines(_ stack: Stack, remote: Remote) -> [(node: String?, remote: Remote)] { [(nil, remote)] }

    public func dumpMachines(_ stack: Stack, remote: Remote) -> [Remote] { [remote] }
}

extension StackFacts: RunningState {
    public func readiness(_ service: String) -> (status: CheckResult.Status, detail: String) {
        containers[service].readiness(service: service)
    }

    /// An unhealthy container is final for this deploy; one not running yet may still start (a restart policy, a slow start).
    public func refusal(_ waiting: [String], services: [String], since mark: StartMark?) -> String? {
        guard waiting.contains(where: { containers[$0]?.health == "unhealthy" }) else { return nil }
        return "unhealthy: " + waiting.map { "\($0) (\(readiness($0).detail))" }.joined(separator: ", ")
    }

    public func address(_ service: String) -> String? { containers[service]?.address }

    /// `docker exec` on the id this look read: a tenth of the CPU of `docker compose exec`, which matters when a
    /// dozen checks start at once on a small server.
    public func exec(_ service: String, _ argv: [String], on remote: Remote) throws -> ShellCommand {
        guard let id = containers[service]?.id, !id.isEmpty else { throw BerthError.failed("no container for \(service)") }
        return remote.command([.plain("docker"), "exec", .plain(id)] + argv.map(ShellCommand.Argument.plain))
    }

    /// A restart count that rose, or another container, means the service is crash-looping.
    public func regression(_ service: String, since earlier: any RunningState) -> String? {
        guard let earlier = earlier as? StackFacts, let before = earlier.containers[service], let after = containers[service],
            after.restartCount > before.restartCount || after.id != before.id
        else { return nil }
        return "restarting (restart count \(before.restartCount) -> \(after.restartCount))"
    }
}
