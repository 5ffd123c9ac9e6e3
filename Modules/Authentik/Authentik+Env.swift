import ServicePlugin

extension Authentik {
    public func envSchema(in context: RenderContext) -> [EnvKey] {
        let keys: [EnvKey] = [
            .generated("AUTHENTIK_SECRET_KEY", "Signs cookies and tokens; changing it logs everyone out.", SecretGenerator(length: 64, alphabet: .urlSafe)),
            .optional("AUTHENTIK_EMAIL__HOST", "SMTP relay for Authentik's e-mails."),
            .optional("AUTHENTIK_EMAIL__PORT", "SMTP port.", kind: .port),
            .optional("AUTHENTIK_EMAIL__USERNAME", "SMTP user."),
            .optional("AUTHENTIK_EMAIL__PASSWORD", "SMTP password.", secret: true),
            .optional("AUTHENTIK_EMAIL__USE_TLS", "Use STARTTLS.", kind: .bool),
            .optional("AUTHENTIK_EMAIL__USE_SSL", "Use implicit TLS.", kind: .bool),
            .optional("AUTHENTIK_EMAIL__FROM", "Sender address.", kind: .email),
        ]
        // The database's key comes from its part, after these: `env check` and `env init` match keys, not lines.
        return keys + context.oidcClients.flatMap { $0.envKeys(prefix: $0.providerEnvPrefix, holder: $0.displayName) }
    }
}
