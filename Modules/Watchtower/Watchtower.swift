import ServicePlugin

/// Watchtower (the maintained fork), monitor-only by default: e-mails when images change.
public struct Watchtower: ServicePlugin {
    public static let id = "watchtower"
    public static let summary = "Image update notices (Watchtower, maintained fork), monitor-only by default"

    public static let images = [
        // containrrr/watchtower is archived and fails on Docker Engine 29 and later.
        ImageSpec(name: "watchtower", repository: "nickfedor/watchtower", defaultTag: "1.22.1", minimumVersion: "1.8.0"),
    ]

    public static let options = [
        OptionSpec("monitor_only", .bool, default: .bool(true), "Only notify; never replace running containers."),
        OptionSpec("schedule", .string, default: .string("0 0 4 * * *"), "Six-field cron schedule of the checks, in the stack's time zone."),
        OptionSpec("hostname", .string, default: .string(""), "Name shown in notifications; empty uses the container's hostname."),
    ]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    public func compose(in context: RenderContext) -> ComposeFragment {
        var environment = [
            EnvironmentEntry("TZ", .text(context.timezone)),
            EnvironmentEntry("WATCHTOWER_SCHEDULE", .text(options.string("schedule"))),
        ]
        if let hostname = options.optionalString("hostname") {
            environment.append(EnvironmentEntry("WATCHTOWER_NOTIFICATIONS_HOSTNAME", .text(hostname)))
        }
        let service = ComposeService(
            name: "watchtower",
            image: context.image("watchtower"),
            command: options.bool("monitor_only") ? ["--monitor-only"] : nil,
            environment: environment,
            envFiles: [".env"],
            volumes: [.dockerSocket(readOnly: true)],
            healthcheck: Healthcheck(.exec(["/watchtower", "--health-check"]), interval: "60s", timeout: "10s", retries: 3, startPeriod: "10s")
        )
        return ComposeFragment(services: [service])
    }

    public func envSchema(in context: RenderContext) -> [EnvKey] {
        [.optional("WATCHTOWER_NOTIFICATION_URL", "Shoutrrr URL notices go to (it holds credentials).", kind: .url, secret: true)]
    }

    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        [HealthCheck("container", .container(service: "watchtower"))]
    }

    public func assertions(in context: StackContext) -> [Assertion] {
        let fields = options.string("schedule").split(separator: " ").count
        return [Assertion(fields == 6, path: "services.watchtower.schedule", "must be a six-field cron expression (seconds first), got \(fields) fields")]
    }
}
