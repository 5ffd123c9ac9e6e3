import ServicePlugin

extension App {
    /// The secrets, generated once by `env init` or left for the admin, and the database password.
    public func envSchema(in context: RenderContext) -> [EnvKey] {
        var keys = spec.secrets.map { secret in
            secret.generator.map { EnvKey.generated(secret.name, "Secret of \(spec.name), generated once.", $0) }
                ?? EnvKey(secret.name, "Secret of \(spec.name), set by the admin.", secret: true)
        }
        if spec.database { keys += db.envKeys }
        return keys
    }
}
