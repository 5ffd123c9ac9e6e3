import ServicePlugin

/// Uptime Kuma, the uptime monitor: one container with its own sign-in, its SQLite database copied consistently before each snapshot.
public struct UptimeKuma: ServicePlugin {
    public static let id = "uptime-kuma"
    public static let summary = "Uptime monitor (Uptime Kuma): own sign-in, forward-auth in front when the stack has an identity provider, SQLite backed up consistently"

    static let app = ImageSpec(
        name: "uptime-kuma", repository: "louislam/uptime-kuma", defaultTag: "1.23.16", minimumVersion: "1.23.0", supportedBelow: "2.0.0",
        migrations: [.at("2.0.0", "Uptime Kuma 2 migrates its SQLite database on first start, which can take long: back up first.")]
    )
    public static let images = [app]

    static let subdomain = OptionKey("subdomain", .dnsLabel(allowEmpty: false), default: "status", "Uptime Kuma is served on <subdomain>.<domain>.")
    public static let options: [any OptionDeclaration] = [subdomain]

    static let web = ServiceKey("uptime-kuma", port: 3001)

    /// Every monitor and heartbeat is written here; the part adds the before-hook, the data folder and the restore.
    static let db = SQLiteDatabase(module: id, service: web.name, mountedAt: "/app/data", file: "kuma.db")

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    public var parts: [any ModulePart] { [Self.db] }

    public func compose(in context: RenderContext) -> ComposeFragment {
        // The image's entrypoint starts as root, hands /app/data to PUID:PGID and drops to them; `user:` would stop it.
        let ids = context.stack.user.split(separator: ":").map(String.init)
        let service = ComposeService(
            name: Self.web.name,
            image: context.image(Self.app),
            environment: [EnvironmentEntry("PUID", .text(ids[0])), EnvironmentEntry("PGID", .text(ids.count > 1 ? ids[1] : ids[0]))],
            volumes: [Self.db.volume(context.stack)],
            // The image's own HEALTHCHECK command, written out (a stand-in has none of its own), checked every 10 s rather
            // than its 60 s so a deploy or restore is found healthy promptly; the long start period covers a migration.
            healthcheck: ContainerHealthcheck(.exec(["/app/extra/healthcheck"]), interval: "10s", timeout: "10s", retries: 3, startPeriod: "180s"),
            // Handing /app/data over and dropping to PUID:PGID takes these, all in Docker's default set.
            hardening: .standard.adding("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID").sized(memory: "256m", pids: 256, cpuShares: 512)
        )
        return ComposeFragment(services: [service])
    }

    /// An admin UI with a sign-in of its own: behind the identity provider when the stack has one, valid without.
    public func routes(in context: StackContext) -> [Route] {
        [Route(name: "uptime-kuma", hosts: [context.host(options[Self.subdomain])], target: .service(Self.web), protection: .whenIdentityProvider, adminUI: true)]
    }

    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        // Straight to the container: the public hostname may answer only signed-in users.
        [Self.web.containerCheck(), Self.web.httpCheck("web", path: "/api/entry-page")]
    }
}
