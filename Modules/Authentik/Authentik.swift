import ServicePlugin

/// Authentik, the identity provider: server, worker and PostgreSQL (plus Redis before 2025.10).
public struct Authentik: IdentityProvider {
    public static let id = "authentik"
    public static let summary = "Identity provider (Authentik): SSO, forward-auth for protected routes, OIDC clients as blueprints"

    static let server = ImageSpec(
        name: "server", repository: "ghcr.io/goauthentik/server", defaultTag: "2026.8.5", minimumVersion: "2024.8",
        migrations: [
            .at(
                "2025.10", "Authentik 2025.10 drops Redis: Berth stops rendering authentik-redis, and keeps its folder until the next good backup.",
                steps: [.retire(service: cache.name, scratch: "redis")]),
            .at(
                "2025.12", "Authentik 2025.12 keeps its files in /data instead of /media: the deploy stops server and worker and moves media/ into data/media/.",
                steps: [.stop([web.name, worker.name]), .move("media", into: "data/media")]),
        ]
    )
    static let postgres = PostgresSidecar.image(repository: "docker.io/library/postgres", defaultTag: "17-alpine")
    static let redis = ImageSpec(name: "redis", repository: "docker.io/library/redis", defaultTag: "7.4.2-alpine")
    public static let images = [server, postgres, redis]

    static let subdomain = OptionKey("subdomain", .dnsLabel(allowEmpty: false), default: "auth", "Authentik is served on <subdomain>.<domain>.")
    static let webWorkers = OptionKey("web_workers", in: 1...32, default: 1, "Gunicorn workers of the server (AUTHENTIK_WEB__WORKERS).")
    static let dockerSocket = OptionKey(
        "docker_socket", default: false, "Mount the Docker socket into the worker so it can manage outposts. Grants root on the host.")
    public static let options: [any OptionDeclaration] = [subdomain, webWorkers, dockerSocket] + PostgresSidecar.optionKeys

    /// The server (its HTTP port), the worker and Redis, by compose service.
    static let web = ServiceKey("authentik-server", port: 9000)
    static let worker = ServiceKey("authentik-worker")
    static let cache = ServiceKey("authentik-redis")

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    var subdomain: String { options[Self.subdomain] }

    /// Authentik's database: its own role and database, unless `db_user`, `db_name` or `db_auth` keep a found cluster's.
    var db: PostgresSidecar {
        PostgresSidecar(module: Self.id, service: "authentik-postgresql", name: "authentik", passwordKey: "PG_PASS", image: Self.postgres, options: options)
    }

    public var parts: [any ModulePart] { [db] }

    /// Redis is gone since 2025.10.
    func usesRedis(_ context: RenderContext) -> Bool { context.image(Self.server).isOlder(than: "2025.10") }

    /// Data moved from /media to /data in 2025.12.
    func usesMedia(_ context: RenderContext) -> Bool { context.image(Self.server).isOlder(than: "2025.12") }
}
