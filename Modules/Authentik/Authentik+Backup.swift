import ServicePlugin

extension Authentik {
    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(
            dumps: [db.dump],
            include: [usesMedia(context) ? "media" : "data", "custom-templates", "certs"].map { context.dataPath(Self.id, $0) },
            exclude: [db.exclusion(context.stack)]
        )
    }
}
