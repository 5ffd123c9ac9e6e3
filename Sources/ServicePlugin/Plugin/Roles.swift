/// A module that routes public hostnames to containers and terminates TLS.
public protocol ReverseProxy: ServicePlugin {
    /// Labels the proxy adds to a routed service (empty for proxies configured by file).
    func proxyLabels(for route: ResolvedRoute, in context: RenderContext) -> [Label]
    /// The network on which the proxy reaches services that roll out, under their ``LiveAlias``; nil when it has none.
    func liveNetwork(in context: RenderContext) -> String?
}

extension ReverseProxy {
    public func proxyLabels(for route: ResolvedRoute, in context: RenderContext) -> [Label] { [] }
    public func liveNetwork(in context: RenderContext) -> String? { nil }
}

/// The name under which the proxy reaches a service that rolls out (``Route/rollsOut``).
///
/// Compose never gives it: a deploy attaches a container to the proxy's live network under this
/// alias once it is healthy, so the proxy never sends a request to a container that is not ready.
public enum LiveAlias {
    public static func name(for service: String) -> String { "berth-live-\(service)" }
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
