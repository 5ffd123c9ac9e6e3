import ServicePlugin

/// What the stack asks of the machine it runs on: folders and their owners, host ports, the Docker socket.
extension Stack {
    /// Each persistent or scratch folder with the `uid:gid` of the service that mounts it, and the dumps folder (root's).
    public var folderOwners: [String: String] {
        var owners: [String: String] = [:]
        for module in modules {
            for service in module.fragment.services {
                for mount in service.volumes where mount.role == .data || mount.role == .scratch {
                    owners[mount.source] = service.user ?? "0:0"
                }
            }
        }
        owners[context.dumpsDir] = owners[context.dumpsDir] ?? "0:0"
        return owners
    }

    /// Every host port the stack publishes.
    public var publishedPorts: [Int] {
        modules.flatMap { $0.fragment.services.flatMap { $0.ports.map(\.hostPort) } }.sorted()
    }

    /// Whether some service mounts the Docker socket.
    public var mountsDockerSocket: Bool {
        modules.contains { $0.fragment.services.contains { $0.volumes.contains { $0.target == VolumeMount.defaultDockerSocket && $0.role == .host } } }
    }
}
