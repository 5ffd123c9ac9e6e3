/// Tangram's own apps, as `apps:` describes them (the 2026 stack: website, backend with its database).
enum AppsFixture {
    static let apps = """
        apps:
          website:
            image: ghcr.io/tangram-orchestre/showcase-website
            tag: production
            port: 3000
            env: { NUXT_PUBLIC_API_BASE_URL: "https://www.tangram-orchestre.fr/api", PRICE: "$5" }
            hosts: [www]
            health: { path: / }
          backend:
            image: ghcr.io/tangram-orchestre/backend
            tag: sha-1a2b3c
            port: 3000
            command: [backend, --listen, "0.0.0.0:3000"]
            secrets: { APP_ALTCHA_SECRET: { length: 64, alphabet: hex }, APP_SMTP_PASSWORD: required }
            routes:
              - { hosts: [www], paths: [/api/public], priority: 2, redirect_from: ["@"] }
              - hosts: [api, portal.tangram-orchestre.fr]
                paths: [/api]
                strip_prefix: true
                priority: 2
                protected: true
                identity_headers: { username: X-App-User, email: X-App-Email }
            volumes: { uploads: /data/uploads, cache: { path: /cache, scratch: true } }
            database: postgres
            health: { command: [backend, healthcheck] }
            user: "2000:2000"
            resources: { memory: 512m, cpus: 0.5 }
            depends_on: [website]
        """

    /// A whole config: Caddy, Authentik and restic, with the apps.
    static func config(_ apps: String = apps) -> String {
        Fixtures.withServices("  caddy: {}\n  authentik: {}\n  restic: {}").replacingOccurrences(of: "environments:", with: apps + "\nenvironments:")
    }
}
