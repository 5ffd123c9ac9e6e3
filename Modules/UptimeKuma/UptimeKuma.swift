import ServicePlugin

/// Uptime Kuma, the uptime monitor: one container, its SQLite database copied consistently before each snapshot.
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

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    /// The web UI's port inside the container.
    static let port = 3001

    /// The database every monitor and heartbeat is written to, in the data folder.
    static let db = SQLiteDatabase(module: id, service: "uptime-kuma", mountedAt: "/app/data", file: "kuma.db")
}
