import ServicePlugin

extension Planka {
    public func compose(in context: RenderContext) -> ComposeFragment {
        ComposeFragment(services: [app(context), db.service(in: context)])
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

    private func app(_ context: RenderContext) -> ComposeService {
        // Only its own database: Planka asks the identity provider at a login, not at start, so it does
        // not wait for it (Authentik's first healthcheck alone is 30 s in) nor restart with it.
        let dependsOn = [db.dependency]
        return ComposeService(
            name: "planka",
            image: context.image(Self.app),
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
            EnvironmentEntry("BASE_URL", .text(baseURL(context.stack))),
            EnvironmentEntry("TRUST_PROXY", "true"),
            EnvironmentEntry("DATABASE_URL", db.url),
        ]
        if sso, let identity = context.identity {
            env += [
                EnvironmentEntry("OIDC_ISSUER", .text(identity.issuer(for: context.stack.clientSlug("planka")))),
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
                EnvironmentEntry("SMTP_FROM", Interpolated([.text("\"\(options[Self.smtpFromName])\" <"), .variable("SMTP_NAME", required: false), .text(">")])),
            ]
        }
        return env
    }
}
