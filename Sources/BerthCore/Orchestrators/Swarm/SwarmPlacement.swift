import ServicePlugin

/// Where and how many: each service's constraints, replicas and update order on the cluster, as data.
///
/// A service with persistent data (a bind mount under `data_root`) is stateful: one replica, pinned,
/// stopped before its successor starts. Every other service is stateless: its successor starts first.
public struct SwarmPlacement: Sendable, Hashable {
    /// The compose service, and the module or app it belongs to.
    public var service: String
    public var module: String
    /// Swarm placement constraints, e.g. `node.labels.db == true`.
    public var constraints: [String]
    /// The replicas, or nil for one task on every node the constraints admit (`mode: global`).
    public var replicas: Int?
    /// Whether it bind-mounts persistent data under `data_root`.
    public var stateful: Bool
    /// Whether the constraints come from the environment's `swarm.placement` (else the module's defaults, or none).
    public var configured = false

    /// The nodes the constraints admit.
    public func nodes(_ settings: SwarmSettings) -> [SwarmNode] {
        let parsed = constraints.compactMap(SwarmConstraint.init)
        return settings.nodes.filter { node in parsed.allSatisfy { $0.admits(node) } }
    }

    /// Every service of the stack, placed: the config's `placement` (by service, then module), else the module's own (``StackMember/swarmPlacement(in:)``).
    public static func all(_ stack: Stack, settings: SwarmSettings) -> [SwarmPlacement] {
        return stack.modules.flatMap { module in
            let defaults = (module.definition as? any SwarmPlaced)?.swarmPlacement(in: stack.context) ?? [:]
            return module.fragment.services.map { service in
                let stateful = service.volumes.contains { $0.role == .data }
                let proxy = module.definition.provides.contains(.reverseProxy)
                let constraints = settings.placement[service.name] ?? settings.placement[module.id] ?? defaults[service.name] ?? []
                // Host-mode ports: one proxy per edge node, each answering on its own address. The backup
                // engine runs on every node, each task snapshotting its own node's folders.
                let global = (proxy && !service.ports.isEmpty) || module.definition is any BackupToolProvider
                let replicas: Int? =
                    global
                    ? nil : settings.replicas[service.name] ?? (stateful || !(module.definition is App) ? 1 : max(1, settings.nodes.count))
                var placement = SwarmPlacement(service: service.name, module: module.id, constraints: constraints, replicas: replicas, stateful: stateful)
                placement.configured = settings.placement[service.name] != nil || settings.placement[module.id] != nil
                return placement
            }
        }
    }
}
