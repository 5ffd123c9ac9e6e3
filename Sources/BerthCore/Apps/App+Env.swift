import ServicePlugin

extension App {
    /// The secrets, generated once by `env init` or left for the admin; the database's password comes from its part.
    public func envSchema(in context: RenderContext) -> [EnvKey] {
        spec.secrets.map { secret in
            secret.generator.map { EnvKey.generated(secret.name, "Secret of \(spec.name), generated once.", $0) }
                ?? EnvKey(secret.name, "Secret of \(spec.name), set by the admin.", secret: true)
        }
    }
}
