import ServicePlugin

/// Authentik, the identity provider: server, worker and PostgreSQL (plus Redis before 2025.10).
public struct Authentik: ServicePlugin {
    public static let id = "authentik"
    public static let summary = "Identity provider (Authentik): SSO, forward-auth for protected routes, OIDC clients as blueprints"

    public static let images = [
        ImageSpec(
            name: "server", repository: "ghcr.io/goauthentik/server", defaultTag: "2026.8.5", minimumVersion: "2024.8",
            migrations: [
                .at("2025.10", "Authentik 2025.10 drops Redis: Berth stops rendering authentik-redis, whose data is no longer needed."),
                .at("2025.12", "Authentik 2025.12 moves /media to /data: move <data_root>/authentik/media into "
                    + "<data_root>/authentik/data/media before deploying."),
            ]
        ),
        ImageSpec(name: "postgres", repository: "docker.io/library/postgres", defaultTag: "16-alpine", migrations: [.postgresMajor]),
        ImageSpec(name: "redis", repository: "docker.io/library/redis", defaultTag: "7.4.2-alpine"),
    ]

    public static let options = [
        OptionSpec("subdomain", .dnsLabel(allowEmpty: false), default: .string("auth"), "Authentik is served on <subdomain>.<domain>."),
        OptionSpec("web_workers", .integer(1...32), default: .integer(1), "Gunicorn workers of the server (AUTHENTIK_WEB__WORKERS)."),
        OptionSpec("docker_socket", .bool, default: .bool(false),
                   "Mount the Docker socket into the worker so it can manage outposts. Grants root on the host."),
    ]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    public var provides: [Capability] { [.identityProvider] }

    var subdomain: String { options.string("subdomain") }

    /// Redis is gone since 2025.10.
    func usesRedis(_ context: RenderContext) -> Bool { context.image("server").isOlder(than: "2025.10") }

    /// Data moved from /media to /data in 2025.12.
    func usesMedia(_ context: RenderContext) -> Bool { context.image("server").isOlder(than: "2025.12") }

    /// The `.env` key prefix for an OIDC client's shared values, e.g. `PLANKA_OIDC_CLIENT_ID`.
    static func envPrefix(_ slug: String) -> String {
        slug.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() + "_OIDC_"
    }
}
