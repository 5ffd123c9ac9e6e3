/// A module that routes public hostnames to containers and terminates TLS.
public protocol ReverseProxy: ServicePlugin {
    /// Labels the proxy adds to a routed service (empty for proxies configured by file).
    func proxyLabels(for route: ResolvedRoute, in context: RenderContext) -> [Label]
}

extension ReverseProxy {
    public func proxyLabels(for route: ResolvedRoute, in context: RenderContext) -> [Label] { [] }
}

/// A module that signs users in: forward-auth for protected routes and OIDC clients for the others.
public protocol IdentityProvider: ServicePlugin {
    /// What the other modules need to know of the provider: its issuer, forward-auth and services.
    func identityProvider(in context: StackContext) -> IdentityProviderInfo
}

/// A module that takes the stack's snapshots.
public protocol BackupEngineProvider: ServicePlugin {
    /// The commands that drive the engine.
    func backupEngine(in context: RenderContext) -> any BackupEngine
}

extension StackMember {
    /// The roles this module plays, read from its conformances.
    public static var provides: [Capability] {
        var roles: [Capability] = []
        if self is any ReverseProxy.Type { roles.append(.reverseProxy) }
        if self is any IdentityProvider.Type { roles.append(.identityProvider) }
        if self is any BackupEngineProvider.Type { roles.append(.backupEngine) }
        return roles
    }

    /// The roles this module plays.
    public var provides: [Capability] { Self.provides }
}
