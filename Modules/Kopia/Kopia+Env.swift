import ServicePlugin

extension Kopia {
    public func envSchema(in context: RenderContext) -> [EnvKey] {
        [
            .generated(
                "KOPIA_PASSWORD", "Repository password: without it the backups cannot be read. Keep a copy off the server.",
                SecretGenerator(length: 48, alphabet: .alphanumeric)
            ).keptOffServer(),
            EnvKey("KOPIA_WEB_USERNAME", "User of the web UI.", default: "admin"),
            .generated("KOPIA_WEB_PASSWORD", "Password of the web UI.", SecretGenerator(length: 32, alphabet: .alphanumeric)),
            EnvKey("KOPIA_CONTROL_USERNAME", "Server-control user Berth's health check signs in as.", default: "server-control"),
            .generated("KOPIA_CONTROL_PASSWORD", "Server-control password.", SecretGenerator(length: 32, alphabet: .alphanumeric)),
        ] + (repository?.kopiaCredentials() ?? [])
    }
}
