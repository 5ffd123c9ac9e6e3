import ServicePlugin

extension Planka {
    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(
            dumps: [PostgresDump(service: "planka-postgres", database: "planka", user: "planka")],
            include: dataMounts(context).map(\.source),
            exclude: [Exclusion(context.dataPath(Self.id, "db"), reason: "live PostgreSQL files; the pg_dump covers them")]
        )
    }
}
