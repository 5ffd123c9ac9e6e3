import ServicePlugin

extension Planka {
    public func compose(in context: RenderContext) -> ComposeFragment {
        // Only its own database: Planka asks the identity provider at a login, not at start, so it does
        // not wait for it (Authentik's first healthcheck alone is 30 s in) nor restart with it.
        let app = ComposeService(
            name: Self.web.name, image: context.image(Self.app), environment: environment(context), envFiles: [".env"], volumes: dataMounts(context),
            // Its own page, fetched inside the container: the image (Node on Alpine) has busybox's wget.
            healthcheck: ContainerHealthcheck(
                .exec(["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:\(Self.web.requiredPort)/"]), interval: "30s", timeout: "5s", retries: 3, startPeriod: "30s"),
            dependsOn: [db.dependency], user: context.user,
            hardening: .standard.sized(memory: "512m", pids: 256, cpuShares: 1024))
        return ComposeFragment(services: [app])
    }

    public func envSchema(in context: RenderContext) -> [EnvKey] {
        // The database's key comes from its part, after these: `env check` and `env init` match keys, not lines.
        var keys: [EnvKey] = [.generated("SECRET_KEY", "Signs Planka's session tokens.", SecretGenerator(length: 128, alphabet: .hex))]
        if sso, let client = oidcClients(in: context.stack).first {
            keys += client.envKeys()
        }
        return keys + [
            .optional("SMTP_NAME", "SMTP user, also the sender address.", kind: .email),
            .optional("SMTP_PASSWORD", "SMTP password.", secret: true),
        ]
    }

    /// Planka 1.x keeps files in three folders; 2.x keeps them all in `/app/data`.
    func isVersion1(_ context: RenderContext) -> Bool {
        context.image(Self.app).isOlder(than: "2.0.0")
    }

    func dataMounts(_ context: RenderContext) -> [VolumeMount] {
        let path = { (sub: String) in context.dataPath(Self.id, sub) }
        if isVersion1(context) {
            return [
                .data(path("user-avatars"), "/app/public/user-avatars"),
                .data(path("project-background-images"), "/app/public/project-background-images"),
                .data(path("attachments"), "/app/private/attachments"),
            ]
        }
        return [.data(path("data"), "/app/data")]
    }

    private func environment(_ context: RenderContext) -> [EnvironmentEntry] {
        var env: [EnvironmentEntry] = [
            EnvironmentEntry("BASE_URL", .text(baseURL(context.stack))),
            EnvironmentEntry("TRUST_PROXY", "true"),
            EnvironmentEntry("DATABASE_URL", db.url),
        ]
        if sso, let identity = context.identity {
            env += [
                EnvironmentEntry("OIDC_ISSUER", .text(identity.issuer(for: context.stack.clientSlug(Self.id)))),
                EnvironmentEntry("OIDC_SCOPES", "openid profile email"),
                EnvironmentEntry("OIDC_ADMIN_ROLES", .text(options[Self.oidcAdminRoles].joined(separator: ","))),
                EnvironmentEntry("OIDC_ENFORCED", .text(String(options[Self.oidcEnforced]))),
            ]
        }
        if let host = options[Self.smtpHost] {
            env += [
                EnvironmentEntry("SMTP_HOST", .text(host)),
                EnvironmentEntry("SMTP_PORT", .text(String(options[Self.smtpPort]))),
                EnvironmentEntry("SMTP_SECURE", .text(String(options[Self.smtpSecure]))),
                EnvironmentEntry("SMTP_USER", .variable("SMTP_NAME", required: false)),
                EnvironmentEntry("SMTP_FROM", "\"\(options[Self.smtpFromName])\" <\(env: "SMTP_NAME", required: false)>"),
            ]
        }
        return env
    }
}
