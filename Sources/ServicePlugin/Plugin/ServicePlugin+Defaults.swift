/// Empty defaults, so that a module implements only what it has.
extension StackMember {
    public static var options: [any OptionDeclaration] { [] }
    public func requirements(in context: StackContext) -> [Requirement] { [] }
    public func routes(in context: StackContext) -> [Route] { [] }
    public func oidcClients(in context: StackContext) -> [OIDCClientRequest] { [] }
    public func envSchema(in context: RenderContext) -> [EnvKey] { [] }
    public func healthChecks(in context: RenderContext) -> [HealthCheck] { [] }
    public func backup(in context: RenderContext) -> BackupSpec { BackupSpec() }
    public func assertions(in context: StackContext) -> [Assertion] { [] }
    public var parts: [any ModulePart] { [] }
}
