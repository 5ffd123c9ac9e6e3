import ServicePlugin

/// Watchtower (the maintained fork), monitor-only by default: e-mails when images change.
public struct Watchtower: ServicePlugin {
    public static let id = "watchtower"
    public static let summary = "Image update notices (Watchtower, maintained fork), monitor-only by default"

    // containrrr/watchtower is archived and fails on Docker Engine 29 and later.
    static let watchtower = ImageSpec(name: "watchtower", repository: "nickfedor/watchtower", defaultTag: "1.22.1", minimumVersion: "1.8.0")
    public static let images = [watchtower, DockerSocketProxy.image]

    /// Containers and their images to compare with the registry's; replacing them, only when not monitor-only.
    var socketProxy: DockerSocketProxy {
        let id = "[a-zA-Z0-9_.-]+"
        return DockerSocketProxy(
            module: Self.id, reads: DockerSocketProxy.handshake + DockerSocketProxy.containers + ["images/json", "images/.+/json", "distribution/.+/json"],
            writes: options[Self.monitorOnly]
                ? [] : ["containers/create", "containers/\(id)(/(start|stop|kill|restart|rename))?", "images/create", "images/.+", "networks/\(id)/(connect|disconnect)"])
    }

    public var parts: [any ModulePart] { [socketProxy] }
    /// Its one service, reached by nothing over the network.
    static let service = ServiceKey("watchtower")

    static let monitorOnly = OptionKey("monitor_only", default: true, "Only notify; never replace running containers.")
    static let schedule = OptionKey("schedule", default: "0 0 4 * * *", "Six-field cron schedule of the checks, in the stack's time zone.")
    static let hostname = OptionKey<String?>("hostname", unsetByDefault: "Name shown in notifications; empty uses the container's hostname.")
    public static let options: [any OptionDeclaration] = [monitorOnly, schedule, hostname]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    public func compose(in context: RenderContext) -> ComposeFragment {
        var environment = [
            EnvironmentEntry("WATCHTOWER_SCHEDULE", .text(options[Self.schedule]))
        ]
        if let hostname = options[Self.hostname] {
            environment.append(EnvironmentEntry("WATCHTOWER_NOTIFICATIONS_HOSTNAME", .text(hostname)))
        }
        let service = ComposeService(
            name: Self.service.name,
            image: context.image(Self.watchtower),
            command: options[Self.monitorOnly] ? ["--monitor-only"] : nil,
            environment: environment + socketProxy.clientEnvironment(in: context),
            envFiles: [".env"],
            volumes: socketProxy.clientMounts(in: context),
            healthcheck: ContainerHealthcheck(.exec(["/watchtower", "--health-check"]), interval: "60s", timeout: "10s", retries: 3, startPeriod: "10s"),
            dependsOn: socketProxy.clientDependencies(in: context),
            // A background task: it never needs more than a small share of the machine.
            networks: socketProxy.clientNetworks(in: context),
            hardening: .standard.sized(memory: "128m", pids: 64, cpuShares: 256)
        )
        return ComposeFragment(services: [service])
    }

    public func envSchema(in context: RenderContext) -> [EnvKey] {
        [.optional("WATCHTOWER_NOTIFICATION_URL", "Shoutrrr URL notices go to (it holds credentials).", kind: .url, secret: true)]
    }

    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        [Self.service.containerCheck()]
    }

    public func assertions(in context: StackContext) -> [Assertion] {
        let fields = options[Self.schedule].split(separator: " ").count
        return [assertion(fields == 6, Self.schedule, "must be a six-field cron expression (seconds first), got \(fields) fields")]
    }
}
