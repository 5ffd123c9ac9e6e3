/// A bind mount or named volume attached to a service.
public struct VolumeMount: Sendable, Hashable {
    /// What the mount holds, which decides how backups treat it.
    public enum Role: Sendable, Hashable {
        /// Persistent data under `data_root`: it must be backed up or explicitly excluded.
        case data
        /// Data that can be rebuilt (caches, logs): never backed up.
        case scratch
        /// Configuration that lives in the deploy tree (rendered files).
        case config
        /// A host resource such as the Docker socket.
        case host
    }

    /// A host path (absolute, or relative to the module folder) or a named volume.
    public var source: String
    public var target: String
    public var readOnly: Bool
    /// Extra mount options such as `shared`.
    public var options: [String]
    public var role: Role

    public init(_ source: String, _ target: String, readOnly: Bool = false, options: [String] = [], role: Role) {
        self.source = source
        self.target = target
        self.readOnly = readOnly
        self.options = options
        self.role = role
    }

    /// Persistent data under `data_root`.
    public static func data(_ source: String, _ target: String, readOnly: Bool = false) -> VolumeMount {
        VolumeMount(source, target, readOnly: readOnly, role: .data)
    }

    /// The host's Docker socket, read-only unless asked otherwise.
    ///
    /// `host` is the socket on the server (``StackContext/dockerSocket``: under rootless Docker,
    /// `/run/user/<uid>/docker.sock`); inside the container it is always at the usual place.
    public static func dockerSocket(_ host: String = defaultDockerSocket, readOnly: Bool = true) -> VolumeMount {
        VolumeMount(host, defaultDockerSocket, readOnly: readOnly, role: .host)
    }

    /// Where a rootful engine listens, and where containers expect the socket.
    public static let defaultDockerSocket = "/var/run/docker.sock"

    /// The short compose syntax, `source:target[:ro][,opts]`.
    public var shortSyntax: String {
        let modes = (readOnly ? ["ro"] : []) + options
        return modes.isEmpty ? "\(source):\(target)" : "\(source):\(target):" + modes.joined(separator: ",")
    }
}

/// A published port.
public struct PortMapping: Sendable, Hashable {
    public enum Proto: String, Sendable, Hashable { case tcp, udp }

    public var hostIP: String?
    public var hostPort: Int
    public var containerPort: Int
    public var proto: Proto

    public init(host hostPort: Int, container containerPort: Int, hostIP: String? = nil, proto: Proto = .tcp) {
        self.hostIP = hostIP
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.proto = proto
    }

    /// The short compose syntax, e.g. `80:80` or `127.0.0.1:8080:80/udp`.
    public var shortSyntax: String {
        let base = (hostIP.map { $0.contains(":") ? "[\($0)]:" : "\($0):" } ?? "") + "\(hostPort):\(containerPort)"
        return proto == .tcp ? base : base + "/\(proto.rawValue)"
    }
}
