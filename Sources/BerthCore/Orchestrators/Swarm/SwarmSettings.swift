/// How an environment with `engine: swarm` runs on a Docker Swarm cluster: its nodes, placements and replicas.
public struct SwarmSettings: Sendable, Hashable {
    /// Every node Berth labels and reaches over SSH, in config order; the target is the manager.
    public var nodes: [SwarmNode] = []
    /// Placement constraints by service name or module id, e.g. `planka-db: [node.labels.db == true]`.
    public var placement: [String: [String]] = [:]
    /// Replicas by service name, for stateless services; they default to one per node.
    public var replicas: [String: Int] = [:]
    /// How services are reached on their networks: a virtual IP, or DNS round robin (no IPVS needed).
    public var endpointMode: EndpointMode = .vip
    /// Where each setting sits in berth.yaml (`file:line`), for messages about placements and replicas.
    public var locations: [String: String] = [:]

    /// Settings with no node, placement or count, and VIPs.
    public init() {}

    /// The node with this name.
    public func node(_ name: String) -> SwarmNode? { nodes.first { $0.name == name } }
}

/// One node of the cluster: the hostname Swarm knows it by, the address Berth reaches it at, its labels.
public struct SwarmNode: Sendable, Hashable {
    /// The hostname Swarm knows it by, the address Berth reaches it at over SSH, and the labels Berth applies.
    public var name: String
    public var address: String
    public var labels: [String: String]

    /// A node with these settings.
    public init(name: String, address: String, labels: [String: String] = [:]) {
        self.name = name
        self.address = address
        self.labels = labels
    }
}

/// Swarm's `endpoint_mode`.
public enum EndpointMode: String, Sendable, Hashable {
    /// One virtual address per service, balanced by the kernel's IPVS.
    case vip
    /// DNS answers with every running task's address.
    case dnsrr
}
