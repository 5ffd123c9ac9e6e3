import ServicePlugin

extension Kopia {
    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(include: [context.dataPath(Self.id, "config")])
    }
}
