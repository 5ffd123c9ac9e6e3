import Foundation
import ServicePlugin

/// `berth adopt ENV --project NAME`: reads a compose project that runs on the environment's server, maps it to
/// modules and apps pinned to what runs, and checks that taking it over moves no data folder.
///
/// It changes nothing anywhere: it reads the project in one round trip and reports.
public struct Adopter: Sendable {
    public let config: BerthConfig
    public let environment: String
    public let runner: any CommandRunner
    public let registry: PluginRegistry

    public init(config: BerthConfig, environment: String, runner: any CommandRunner, registry: PluginRegistry = .standard) {
        self.config = config
        self.environment = environment
        self.runner = runner
        self.registry = registry
    }

    /// What `plan(project:)` found: the adoption, the stack it renders, and the report.
    public struct Plan: Sendable {
        public var adoption: Adoption
        public var stack: Stack
        public var report: AdoptionReport
    }

    /// Reads `project` and maps it; every reason it cannot be taken over as it runs is a usage error (exit 2).
    public func plan(project: String) async throws -> Plan {
        let settings = try config.environment(environment)
        let remote = Remote(settings)
        let result = try await runner.run(RunningProject.command(project: project, remote: remote), timeout: Double(remote.ssh.connectTimeout) + 30)
        guard result.succeeded else { throw Preflight.connectionError(result, remote: remote) }
        let running = RunningProject(name: project, output: result.stdout)
        var problems = running.problems(on: remote.name)
        guard problems.isEmpty else { throw BerthError.usage(problems.joined(separator: "\n")) }

        let mapped = AdoptionMapper(registry: registry, mirror: settings.registryMirror).map(running)
        problems += Self.sharedFolders(mapped)
        // The modules' own databases as they render without the options, so that only what differs is kept.
        var bare = mapped
        for index in bare.modules.indices { bare.modules[index].options = [] }
        let adoption = mapped.trimmed(against: try StackBuilder(registry: registry).build(bare.applied(to: config, registry: registry), environment: environment))
        let stack = try StackBuilder(registry: registry).build(adoption.applied(to: config, registry: registry), environment: environment)
        problems += adoption.folderProblems(in: stack)
        guard problems.isEmpty else { throw BerthError.usage(problems.joined(separator: "\n")) }
        return Plan(adoption: adoption, stack: stack, report: AdoptionReport(adoption, stack: stack, target: remote.name, environment: environment))
    }

    /// Two services that would belong to different modules (or apps) and write one folder: Berth gives a folder
    /// one owner, and a module's own services (Authentik's server and worker) may share theirs.
    static func sharedFolders(_ adoption: Adoption) -> [String] {
        let writers = adoption.project.containers.flatMap { container in
            container.mounts.filter { $0.type == "bind" && $0.rw && !RunningProject.shared($0.source) }.map { mount in
                (
                    service: container.service ?? container.name, owner: container.service.flatMap { adoption.module(of: $0)?.id } ?? container.service ?? container.name,
                    folder: HostPath.normalised(mount.source)
                )
            }
        }
        var problems: [String] = []
        for (index, first) in writers.enumerated() {
            for second in writers[(index + 1)...] where first.owner != second.owner && HostPath.overlaps(first.folder, second.folder) {
                let place = first.folder == second.folder ? first.folder : "\(first.folder) and \(second.folder)"
                let text =
                    "compose project \(adoption.project.name): services \(first.service) and \(second.service) both write \(place); "
                    + "Berth gives each data folder one owner, so the project cannot be taken over as it is: give each service its own folder first"
                if !problems.contains(text) { problems.append(text) }
            }
        }
        return problems
    }
}
