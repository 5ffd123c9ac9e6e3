/// A module that routes public hostnames to containers and terminates TLS.
public protocol ReverseProxy: ServicePlugin {
    /// Labels the proxy adds to a routed service (empty for proxies configured by file).
    func proxyLabels(for route: ResolvedRoute, in context: RenderContext) -> [Label]
    /// The network on which the proxy reaches services that roll out, under their ``LiveAlias``; nil when it has none.
    func liveNetwork(in context: RenderContext) -> String?
    /// The file in which a deploy lists the live containers of `service`, reached on `port`; nil when the proxy has none.
    func liveFile(for service: String, port: Int, in context: RenderContext) -> LiveFile?
    /// The certificate a deploy issues for the proxy under `certificates: internal`; nil when the proxy has a CA of its own.
    func internalCertificate(in context: RenderContext) -> InternalCertificate?
    /// The network (in the proxy's own project) that environments sharing the proxy join; nil when no route is theirs.
    func sharedNetwork(in context: RenderContext) -> String?
    /// How a sharing environment's routed containers join ``sharedNetwork(in:)``, whose full name is `network`.
    func sharedJoin(network: String) -> SharedJoin
    /// What a sharing environment looks for in the configuration the proxy runs, so that its deploy can tell
    /// whether the owner was deployed with its routes; nil when the proxy cannot tell.
    func runningConfiguration(sharedBy routes: [ResolvedRoute], project: String) -> ConfigurationProbe?
}

/// A command run in the proxy's container that prints the configuration it runs, and the strings that must be in it.
public struct ConfigurationProbe: Sendable, Hashable {
    public var argv: [String]
    /// What must appear: a sharing environment's hostnames, or its compose project.
    public var needles: [String]

    public init(argv: [String], needles: [String]) {
        self.argv = argv
        self.needles = needles
    }
}

/// How the routed containers of an environment that shares another's proxy join the proxy's network.
public enum SharedJoin: Sendable, Hashable {
    /// Compose attaches them to the network, declared external, and they carry these labels (the proxy reads container addresses).
    case compose(labels: [Label])
    /// A deploy connects them after `up` under their ``LiveAlias``, the only name the proxy looks up: compose
    /// would also give them their bare service name, which the owner's same-named services already answer to.
    case alias
}

extension ReverseProxy {
    public func proxyLabels(for route: ResolvedRoute, in context: RenderContext) -> [Label] { [] }
    public func liveNetwork(in context: RenderContext) -> String? { nil }
    public func liveFile(for service: String, port: Int, in context: RenderContext) -> LiveFile? { nil }
    public func internalCertificate(in context: RenderContext) -> InternalCertificate? { nil }
    public func sharedNetwork(in context: RenderContext) -> String? { nil }
    public func sharedJoin(network: String) -> SharedJoin { .alias }
    public func runningConfiguration(sharedBy routes: [ResolvedRoute], project: String) -> ConfigurationProbe? { nil }
}

/// The name under which the proxy reaches a service that rolls out (``Route/rollsOut``).
///
/// Compose never gives it: a deploy attaches a container to the proxy's live network under this
/// alias once it is healthy, so the proxy never sends a request to a container that is not ready.
public enum LiveAlias {
    /// `berth-live-<service>`, or `<service>.<environment>.berth-live` for an environment that shares another's proxy
    /// (the dots keep it apart from every name of the owner's: app and module names are single labels).
    public static func name(for service: String, environment: String? = nil) -> String {
        environment.map { "\(service).\($0).berth-live" } ?? "berth-live-\(service)"
    }
}

/// A module that signs users in: forward-auth for protected routes and OIDC clients for the others.
public protocol IdentityProvider: ServicePlugin {
    /// What the other modules need to know of the provider: its issuer, forward-auth and services.
    func identityProvider(in context: StackContext) -> IdentityProviderInfo
}

/// A module that takes the stack's snapshots.
public protocol BackupToolProvider: ServicePlugin {
    /// The commands that drive the engine.
    func backupTool(in context: RenderContext) -> any BackupTool
}

extension StackMember {
    /// The roles this module plays, read from its conformances.
    public static var provides: [Capability] {
        var roles: [Capability] = []
        if self is any ReverseProxy.Type { roles.append(.reverseProxy) }
        if self is any IdentityProvider.Type { roles.append(.identityProvider) }
        if self is any BackupToolProvider.Type { roles.append(.backupTool) }
        return roles
    }

    /// The roles this module plays.
    public var provides: [Capability] { Self.provides }
}

/// A module whose services ask for a place on a Swarm cluster by default (a proxy on the nodes labelled edge).
public protocol SwarmPlaced: StackMember {
    /// The placement constraints each service asks for (service name → constraints); the environment's
    /// `swarm.placement` overrides them.
    func swarmPlacement(in context: StackContext) -> [String: [String]]
}
