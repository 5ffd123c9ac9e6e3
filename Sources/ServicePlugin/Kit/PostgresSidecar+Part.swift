/// The sidecar wires itself: a module that lists it in ``StackMember/parts`` gets its service, password key,
/// dump, exclusion and checks from the host, and writes only ``PostgresSidecar/url`` and ``PostgresSidecar/dependency``.
extension PostgresSidecar: ModulePart {
    public func services(in context: RenderContext) -> [ComposeService] { [service(in: context)] }
    public func envKeys(in context: RenderContext) -> [EnvKey] { envKeys }
    public func healthChecks(in context: RenderContext) -> [HealthCheck] { [containerCheck, readyCheck] }
    public func backup(in context: RenderContext) -> BackupSpec { BackupSpec(dumps: [dump], exclude: [exclusion(context.stack)]) }
}
