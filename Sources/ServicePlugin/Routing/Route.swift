/// Public hostnames (and optional path prefixes) that lead to a container port.
public struct Route: Sendable, Hashable {
    /// Where the traffic goes.
    public enum Target: Sendable, Hashable {
        /// A service of the module, on a container port.
        case service(String, port: Int)
        /// A service built into the proxy itself, e.g. Traefik's `api@internal`, carried by a service of the module.
        case proxyInternal(String, carrier: String)
    }

    /// A name unique within the stack, used for router names.
    public var name: String
    public var hosts: [String]
    public var pathPrefixes: [String]
    public var target: Target
    /// Put the identity provider's forward-auth in front.
    public var protected: Bool
    /// An admin interface: `berth validate` refuses it unprotected.
    public var adminUI: Bool

    public init(name: String, hosts: [String], pathPrefixes: [String] = [], target: Target, protected: Bool = false, adminUI: Bool = false) {
        self.name = name
        self.hosts = hosts
        self.pathPrefixes = pathPrefixes
        self.target = target
        self.protected = protected
        self.adminUI = adminUI
    }

    /// The compose service whose labels carry this route.
    public var carrier: String {
        switch target {
        case .service(let service, _): service
        case .proxyInternal(_, let carrier): carrier
        }
    }
}

/// A route after the host resolved it against the stack.
public struct ResolvedRoute: Sendable, Hashable {
    public var route: Route
    /// The module that declared the route.
    public var plugin: String
    /// The identity provider's forward-auth, set on protected routes.
    public var forwardAuth: ForwardAuth?

    public init(route: Route, plugin: String, forwardAuth: ForwardAuth?) {
        self.route = route
        self.plugin = plugin
        self.forwardAuth = forwardAuth
    }
}
