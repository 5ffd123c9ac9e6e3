import ServicePlugin

extension Authentik {
    public func envSchema(in context: RenderContext) -> [EnvKey] {
        var keys: [EnvKey] = [
            .generated("PG_PASS", "Password of the authentik PostgreSQL user.", .postgresPassword()),
            .generated("AUTHENTIK_SECRET_KEY", "Signs cookies and tokens; changing it logs everyone out.", SecretGenerator(length: 64, alphabet: .urlSafe)),
            .optional("AUTHENTIK_EMAIL__HOST", "SMTP relay for Authentik's e-mails."),
            .optional("AUTHENTIK_EMAIL__PORT", "SMTP port.", kind: .port),
            .optional("AUTHENTIK_EMAIL__USERNAME", "SMTP user."),
            .optional("AUTHENTIK_EMAIL__PASSWORD", "SMTP password.", secret: true),
            .optional("AUTHENTIK_EMAIL__USE_TLS", "Use STARTTLS.", kind: .bool),
            .optional("AUTHENTIK_EMAIL__USE_SSL", "Use implicit TLS.", kind: .bool),
            .optional("AUTHENTIK_EMAIL__FROM", "Sender address.", kind: .email),
        ]
        for client in context.oidcClients {
            let prefix = Self.envPrefix(client.slug)
            keys += [
                EnvKey(prefix + "CLIENT_ID", "OIDC client id of \(client.displayName), shared with its module.",
                       generator: OIDCClientRequest.clientIDGenerator, shared: client.clientIDShared),
                EnvKey(prefix + "CLIENT_SECRET", "OIDC client secret of \(client.displayName), shared with its module.",
                       secret: true, generator: OIDCClientRequest.clientSecretGenerator, shared: client.clientSecretShared),
            ]
        }
        return keys
    }
}
