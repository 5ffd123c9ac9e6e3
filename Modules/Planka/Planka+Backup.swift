import ServicePlugin

extension Planka {
    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(dumps: [db.dump], include: dataMounts(context).map(\.source), exclude: [db.exclusion(context.stack)])
    }
}
