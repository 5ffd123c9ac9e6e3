import ServicePlugin

extension Planka {
    public func envSchema(in context: RenderContext) -> [EnvKey] {
        var keys: [EnvKey] = [
            .generated("SECRET_KEY", "Signs Planka's session tokens.", SecretGenerator(length: 128, alphabet: .hex)),
            .generated("DB_PASSWORD", "Password of the planka PostgreSQL user.", .postgresPassword()),
        ]
        if sso, let client = oidcClients(in: context.stack).first {
            keys += [
                EnvKey("OIDC_CLIENT_ID", "OIDC client id registered with the identity provider.",
                       generator: OIDCClientRequest.clientIDGenerator, shared: client.clientIDShared),
                EnvKey("OIDC_CLIENT_SECRET", "OIDC client secret registered with the identity provider.",
                       secret: true, generator: OIDCClientRequest.clientSecretGenerator, shared: client.clientSecretShared),
            ]
        }
        keys += [
            .optional("SMTP_NAME", "SMTP user, also the sender address.", kind: .email),
            .optional("SMTP_PASSWORD", "SMTP password.", secret: true),
        ]
        return keys
    }
}
