import ServicePlugin

extension Authentik {
    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(include: [usesMedia(context) ? "media" : "data", "custom-templates", "certs"].map { context.dataPath(Self.id, $0) })
    }
}
