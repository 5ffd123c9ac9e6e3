/// A piece of a module that brings its own wiring, e.g. a ``PostgresSidecar``: services, `.env` keys, checks and backup.
///
/// A module lists its parts in ``StackMember/parts``; the host merges what they contribute into the
/// module's own (``StackMember/assembled(in:)``), so the module writes only what its app reads of
/// the part (`db.url`, `db.dependency`). Every contribution defaults to nothing.
public protocol ModulePart: Sendable {
    /// Services added to the module's compose file.
    func services(in context: RenderContext) -> [ComposeService]
    /// Keys added to the module's `.env`.
    func envKeys(in context: RenderContext) -> [EnvKey]
    /// Checks added to the module's.
    func healthChecks(in context: RenderContext) -> [HealthCheck]
    /// Dumps, includes and exclusions added to the module's backup.
    func backup(in context: RenderContext) -> BackupSpec
    /// Files added to the module's folder, e.g. a configuration its services mount.
    func files(in context: RenderContext) -> [ExtraFile]
    /// Networks the module's compose file declares for them.
    func networks(in context: RenderContext) -> [String]
}

extension ModulePart {
    public func services(in context: RenderContext) -> [ComposeService] { [] }
    public func envKeys(in context: RenderContext) -> [EnvKey] { [] }
    public func healthChecks(in context: RenderContext) -> [HealthCheck] { [] }
    public func backup(in context: RenderContext) -> BackupSpec { BackupSpec() }
    public func files(in context: RenderContext) -> [ExtraFile] { [] }
    public func networks(in context: RenderContext) -> [String] { [] }
}
