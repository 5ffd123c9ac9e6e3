import ServicePlugin

extension Authentik {
    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(
            dumps: [PostgresDump(service: "authentik-postgresql", database: "authentik", user: "authentik")],
            include: [usesMedia(context) ? "media" : "data", "custom-templates", "certs"].map { context.dataPath(Self.id, $0) },
            exclude: [Exclusion(context.dataPath(Self.id, "db"), reason: "live PostgreSQL files; the pg_dump covers them")]
        )
    }
}
