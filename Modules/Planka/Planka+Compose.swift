import ServicePlugin

extension Planka {
    public func compose(in context: RenderContext) -> ComposeFragment {
        ComposeFragment(services: [app(context), database(context)])
    }

    /// Planka 1.x keeps files in three folders; 2.x keeps them all in `/app/data`.
    func isVersion1(_ context: RenderContext) -> Bool {
        context.image("app").isOlder(than: "2.0.0")
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

    private func app(_ context: RenderContext) -> ComposeService {
        var dependsOn = [Dependency("planka-postgres", .healthy, restart: true)]
        if sso, let identity = context.identity {
            dependsOn += identity.services.map { Dependency($0, .healthy, restart: true) }
        }
        return ComposeService(
            name: "planka",
            image: context.image("app"),
            environment: environment(context),
            envFiles: [".env"],
            volumes: dataMounts(context),
            dependsOn: dependsOn,
            user: context.user,
            securityOpt: ["no-new-privileges:true"]
        )
    }

    private func environment(_ context: RenderContext) -> [EnvironmentEntry] {
        var env: [EnvironmentEntry] = [
            EnvironmentEntry("TZ", .text(context.timezone)),
            EnvironmentEntry("BASE_URL", .text(baseURL(context.stack))),
            EnvironmentEntry("TRUST_PROXY", "true"),
            EnvironmentEntry("DATABASE_URL", Interpolated([.text("postgresql://planka:"), .variable("DB_PASSWORD", required: true), .text("@planka-postgres/planka")])),
        ]
        if sso, let identity = context.identity {
            env += [
                EnvironmentEntry("OIDC_ISSUER", .text(identity.issuer(for: "planka"))),
                EnvironmentEntry("OIDC_SCOPES", "openid profile email"),
                EnvironmentEntry("OIDC_ADMIN_ROLES", .text(options.list("oidc_admin_roles").joined(separator: ","))),
                EnvironmentEntry("OIDC_ENFORCED", .text(String(options.bool("oidc_enforced")))),
            ]
        }
        if let host = options.optionalString("smtp_host") {
            env += [
                EnvironmentEntry("SMTP_HOST", .text(host)),
                EnvironmentEntry("SMTP_PORT", .text(String(options.integer("smtp_port")))),
                EnvironmentEntry("SMTP_SECURE", .text(String(options.bool("smtp_secure")))),
                EnvironmentEntry("SMTP_USER", .variable("SMTP_NAME", required: false)),
                EnvironmentEntry("SMTP_FROM", Interpolated([.text("\"\(options.string("smtp_from_name"))\" <"), .variable("SMTP_NAME", required: false), .text(">")])),
            ]
        }
        return env
    }

    private func database(_ context: RenderContext) -> ComposeService {
        ComposeService(
            name: "planka-postgres",
            image: context.image("postgres"),
            environment: [
                EnvironmentEntry("TZ", .text(context.timezone)),
                EnvironmentEntry("POSTGRES_DB", "planka"),
                EnvironmentEntry("POSTGRES_USER", "planka"),
                EnvironmentEntry("POSTGRES_PASSWORD", .variable("DB_PASSWORD")),
            ],
            volumes: [.data(context.dataPath(Self.id, "db"), "/var/lib/postgresql/data")],
            healthcheck: .pgIsReady(user: "planka", database: "planka"),
            user: context.user
        )
    }
}
