/// Empty defaults, so that a module implements only what it has.
extension ServicePlugin {
    public static var options: [OptionSpec] { [] }
    public var provides: [Capability] { [] }
    public func requirements(in context: StackContext) -> [Requirement] { [] }
    public func routes(in context: StackContext) -> [Route] { [] }
    public func oidcClients(in context: StackContext) -> [OIDCClientRequest] { [] }
    public func identityProvider(in context: StackContext) -> IdentityProviderInfo? { nil }
    public func envSchema(in context: RenderContext) -> [EnvKey] { [] }
    public func healthChecks(in context: RenderContext) -> [HealthCheck] { [] }
    public func backup(in context: RenderContext) -> BackupSpec { BackupSpec() }
    public func backupEngine(in context: RenderContext) -> (any BackupEngine)? { nil }
    public func proxyLabels(for route: ResolvedRoute, in context: RenderContext) -> [Label] { [] }
    public func assertions(in context: StackContext) -> [Assertion] { [] }
}
