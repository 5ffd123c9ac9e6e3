/// One service of a compose file, typed.
public struct ComposeService: Sendable, Hashable {
    public var name: String
    public var image: ImageRef?
    /// A build context relative to the module folder, when the service is built on the server.
    public var build: String?
    public var command: [Interpolated]?
    public var entrypoint: [String]?
    public var environment: [EnvironmentEntry]
    /// Files loaded into the container's environment, relative to the module folder.
    public var envFiles: [String]
    public var volumes: [VolumeMount]
    public var ports: [PortMapping]
    public var labels: [Label]
    public var healthcheck: ContainerHealthcheck?
    public var dependsOn: [Dependency]
    public var restart: RestartPolicy?
    public var user: String?
    public var networks: [String]
    /// `security_opt` entries beyond `no-new-privileges`, which ``hardening`` renders.
    public var securityOpt: [String]
    /// How the container is confined: ``ContainerHardening/standard`` unless the module relaxes a part and says why.
    public var hardening: ContainerHardening
    /// compose's `cpus`, e.g. `0.5`.
    public var cpus: Double?

    public init(
        name: String, image: ImageRef? = nil, build: String? = nil, command: [Interpolated]? = nil,
        entrypoint: [String]? = nil, environment: [EnvironmentEntry] = [], envFiles: [String] = [],
        volumes: [VolumeMount] = [], ports: [PortMapping] = [], labels: [Label] = [],
        healthcheck: ContainerHealthcheck? = nil, dependsOn: [Dependency] = [], restart: RestartPolicy? = .unlessStopped,
        user: String? = nil, networks: [String] = [], securityOpt: [String] = [], hardening: ContainerHardening = .standard
    ) {
        self.name = name
        self.image = image
        self.build = build
        self.command = command
        self.entrypoint = entrypoint
        self.environment = environment
        self.envFiles = envFiles
        self.volumes = volumes
        self.ports = ports
        self.labels = labels
        self.healthcheck = healthcheck
        self.dependsOn = dependsOn
        self.restart = restart
        self.user = user
        self.networks = networks
        self.securityOpt = securityOpt
        self.hardening = hardening
    }

    /// Every `.env` variable the service interpolates.
    public var interpolatedVariables: [String] {
        (command ?? []).flatMap(\.variables) + environment.flatMap(\.value.variables)
    }
}

/// One `KEY: value` of a service's environment.
public struct EnvironmentEntry: Sendable, Hashable {
    public var key: String
    public var value: Interpolated

    public init(_ key: String, _ value: Interpolated) {
        self.key = key
        self.value = value
    }
}

/// One `key=value` container label.
public struct Label: Sendable, Hashable, Comparable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    public static func < (lhs: Label, rhs: Label) -> Bool { lhs.key < rhs.key }
}

/// When compose restarts a container.
public enum RestartPolicy: String, Sendable, Hashable {
    case no
    case always
    case onFailure = "on-failure"
    case unlessStopped = "unless-stopped"
}

/// A `depends_on` entry with its condition.
public struct Dependency: Sendable, Hashable {
    public enum Condition: String, Sendable, Hashable {
        case started = "service_started"
        case healthy = "service_healthy"
        case completedSuccessfully = "service_completed_successfully"
    }

    public var service: String
    public var condition: Condition
    /// Restart this service when the dependency is restarted.
    public var restart: Bool

    public init(_ service: String, _ condition: Condition = .started, restart: Bool = false) {
        self.service = service
        self.condition = condition
        self.restart = restart
    }
}
