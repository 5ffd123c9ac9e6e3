import ServicePlugin

/// The guard every deploy passes before it changes anything: no container that is not this environment's may hold
/// a host port the stack publishes, or write a folder the stack writes.
///
/// Two PostgreSQL servers on one data folder corrupt it, and a second proxy cannot bind a taken port; a deploy
/// onto a server that already runs the same services by hand would do both.
public enum ForeignHolders {
    /// What the guard found: problems stop the deploy, warnings are shown.
    public struct Findings: Equatable, Sendable {
        public var problems: [String] = []
        public var warnings: [String] = []
    }

    /// Judges every container on the engine against what `stack`, deployed into `root`, will publish and mount.
    ///
    /// The containers of a project being adopted (`adopting`) are not foreign: the switch stops them first.
    public static func findings(_ containers: [EngineContainer], stack: Stack, root: String, adopting: String? = nil) -> Findings {
        var findings = Findings()
        let ports = publishedPorts(stack)
        let folders = writtenFolders(stack, root: root)
        for container in containers where isForeign(container, stack: stack, root: root) && (adopting == nil || container.project != adopting) {
            let next = nextStep(container, environment: stack.environment.name)
            let idle = container.isLive ? "" : " (stopped; it would take them back once started)"
            for held in container.published {
                guard let ours = ports.first(where: { $0.port.hostPort == held.port && $0.port.proto.rawValue == held.proto && overlaps($0.port.hostIP, held.address) })
                else { continue }
                let text = "\(container.described) publishes host port \(held.port)/\(held.proto), which \(ours.service) will publish; \(next)"
                if container.isLive { findings.problems.append(text) } else { findings.warnings.append(text + idle) }
            }
            for mount in container.mounts where mount.type == "bind" {
                guard let ours = folders.first(where: { HostPath.overlaps(mount.source, $0.folder) }) else { continue }
                let relation = HostPath.normalised(mount.source) == HostPath.normalised(ours.folder) ? "" : " (\(ours.folder) is in or around it)"
                let text = "\(container.described) bind-mounts \(mount.source) \(mount.rw ? "read-write" : "read-only")\(relation), which \(ours.service) will mount read-write"
                if mount.rw && container.isLive {
                    findings.problems.append(text + "; two writers on one folder corrupt it: \(next)")
                } else {
                    findings.warnings.append(text + (mount.rw ? idle : ""))
                }
            }
        }
        return findings
    }

    /// A container is this environment's when compose made it for this project in this folder (or Swarm for this
    /// stack), or when it belongs to the environment this one `shares:`.
    static func isForeign(_ container: EngineContainer, stack: Stack, root: String) -> Bool {
        if let namespace = container.stackNamespace, namespace == stack.context.name { return false }
        guard let project = container.project else { return true }
        if project == stack.sharedProxy?.project { return false }
        // The same project name run from another folder is someone else's: compose would take its containers over.
        return project != stack.context.name || container.workingDirectory.map(HostPath.normalised) != HostPath.normalised(root)
    }

    /// What an admin can do: take a compose project over, or stop the container.
    static func nextStep(_ container: EngineContainer, environment: String) -> String {
        guard let project = container.project else { return "stop it (`docker stop \(container.name)`) or change the stack" }
        let folder = container.workingDirectory.map { " in \($0)" } ?? ""
        return "take the project over with `berth adopt \(environment) --project \(project)`, or stop it (`docker compose -p \(project) stop`\(folder))"
    }

    /// Both addresses can be bound at once only when they are two different specific addresses.
    static func overlaps(_ ours: String?, _ theirs: String) -> Bool {
        let any: Set<String> = ["", "0.0.0.0", "::"]
        let ours = ours ?? ""
        return any.contains(ours) || any.contains(theirs) || ours == theirs
    }

    static func publishedPorts(_ stack: Stack) -> [(service: String, port: PortMapping)] {
        stack.modules.flatMap { module in module.fragment.services.flatMap { service in service.ports.map { (service.name, $0) } } }
    }

    /// Every host folder a service of the stack mounts read-write (a folder of the deploy tree resolved under `root`);
    /// the Docker socket is shared by design.
    static func writtenFolders(_ stack: Stack, root: String) -> [(service: String, folder: String)] {
        stack.modules.flatMap { module in
            module.fragment.services.flatMap { service in
                service.volumes.compactMap { mount -> (String, String)? in
                    guard !mount.readOnly, mount.role != .host else { return nil }
                    if mount.source.hasPrefix("/") { return (service.name, mount.source) }
                    // A named volume has no folder; a relative source lives in the module's folder.
                    guard mount.source.hasPrefix(".") else { return nil }
                    return (service.name, HostPath.normalised("\(root)/\(module.id)/\(mount.source)"))
                }
            }
        }
    }
}
