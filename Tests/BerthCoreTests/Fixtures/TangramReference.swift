/// The facts of Tangram's production folder that `ReferenceParityTests` compares Berth's render against.
///
/// Berth's own statement of them, so the unit run reads nothing outside the repository. They come from
/// `../shared/reference/tangram-production` (its compose files, `sample.env` files and
/// `traefik/dynamic-conf/authentik-middleware.yaml`), which is never copied here; where that folder is
/// present, `ReferenceParityTests.theFactsMatchTheReferenceFolder` reads it and fails if the two drift.
struct TangramReference: Equatable {
    /// Service name to image repository without its tag; nil for Traefik, which the reference builds from a Dockerfile.
    var images: [String: String?]
    /// Published ports by service; services that publish none are absent.
    var ports: [String: Set<String>]
    /// Router name to the hostnames of its `Host()` rule.
    var routerHosts: [String: Set<String>]
    /// Routers whose middlewares include `authentik@file`.
    var protectedRouters: Set<String>
    /// The keys of each module folder's `sample.env`; Traefik has none.
    var sampleEnvKeys: [String: Set<String>]
    /// Watchtower's `command`.
    var watchtowerCommand: String?
    /// The `forwardAuth` address of the `authentik` middleware.
    var forwardAuthAddress: String?
    /// The showcase website's hostnames and image repositories (an app in Berth, a folder of its own there).
    var websiteHosts: Set<String>
    var websiteImages: [String]

    var names: Set<String> { Set(images.keys) }

    static let facts = TangramReference(
        images: [
            "traefik": nil,
            "authentik-postgresql": "docker.io/library/postgres",
            "authentik-redis": "docker.io/library/redis",
            "authentik-server": "ghcr.io/goauthentik/server",
            "authentik-worker": "ghcr.io/goauthentik/server",
            "planka": "ghcr.io/plankanban/planka",
            "planka-postgres": "postgres",
            "kopia": "kopia/kopia",
            "watchtower": "containrrr/watchtower",
        ],
        ports: ["traefik": ["80:80", "443:443"]],
        routerHosts: [
            "dashboard": ["traefik.tangram-orchestre.fr"],
            "authentik": ["auth.tangram-orchestre.fr"],
            "planka": ["planka.tangram-orchestre.fr"],
            "kopia": ["kopia.tangram-orchestre.fr"],
        ],
        protectedRouters: ["dashboard", "kopia"],
        sampleEnvKeys: [
            "authentik": [
                "PG_PASS", "AUTHENTIK_SECRET_KEY", "AUTHENTIK_EMAIL__USERNAME", "AUTHENTIK_EMAIL__PASSWORD", "AUTHENTIK_EMAIL__HOST",
                "AUTHENTIK_EMAIL__PORT", "AUTHENTIK_EMAIL__USE_TLS", "AUTHENTIK_EMAIL__FROM",
            ],
            "planka": ["SECRET_KEY", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "SMTP_NAME", "SMTP_PASSWORD"],
            "kopia": ["KOPIA_WEB_USERNAME", "KOPIA_WEB_PASSWORD"],
            "watchtower": ["WATCHTOWER_NOTIFICATION_URL"],
        ],
        watchtowerCommand: "--monitor-only",
        forwardAuthAddress: "http://authentik-server:9000/outpost.goauthentik.io/auth/traefik",
        websiteHosts: ["tangram-orchestre.fr", "www.tangram-orchestre.fr"],
        websiteImages: ["ghcr.io/tangram-orchestre/showcase-website"]
    )
}
