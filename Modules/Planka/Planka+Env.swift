import ServicePlugin

extension Planka {
    public func envSchema(in context: RenderContext) -> [EnvKey] {
        var keys: [EnvKey] = [.generated("SECRET_KEY", "Signs Planka's session tokens.", SecretGenerator(length: 128, alphabet: .hex))] + db.envKeys
        if sso, let client = oidcClients(in: context.stack).first {
            keys += client.envKeys()
        }
        keys += [
            .optional("SMTP_NAME", "SMTP user, also the sender address.", kind: .email),
            .optional("SMTP_PASSWORD", "SMTP password.", secret: true),
        ]
        return keys
    }
}
