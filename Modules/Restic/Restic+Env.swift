import ServicePlugin

extension Restic {
    public func envSchema(in context: RenderContext) -> [EnvKey] {
        [
            .generated(
                "RESTIC_PASSWORD", "Repository password: without it the backups cannot be read. Keep a copy off the server.",
                SecretGenerator(length: 48, alphabet: .alphanumeric)
            ).keptOffServer()
        ] + repository.resticCredentials() + (context.stack.backupCopyTo?.resticCredentials(prefix: "COPY_", what: "the second repository (backup_copy_to)") ?? [])
    }
}
