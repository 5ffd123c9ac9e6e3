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
    /// Every hostname the route answers on; the first is canonical, where ``redirectFrom`` hosts lead.
    public var hosts: [String]
    /// Path prefixes (`/api`) the route takes on those hosts; empty for every path.
    public var pathPrefixes: [String]
    public var target: Target
    /// Whether the identity provider's forward-auth goes in front.
    public var protection: Protection
    /// An admin interface: `berth validate` refuses it ``Protection/never`` protected.
    public var adminUI: Bool
    /// The prefix removed before the request reaches the container (`/api`: `/api/x` arrives as `/x`); nil for none.
    ///
    /// It starts every path prefix of the route: `/api/public` may strip `/api`, so `/api/public/x` arrives as `/public/x`.
    public var stripPrefix: String?
    /// Among routes sharing a host, higher goes first; at equal priority the longer path prefix does.
    public var priority: Int
    /// Hosts that redirect permanently to the first of ``hosts``, keeping path and query (apex → www).
    public var redirectFrom: [String]
    /// The identity headers a protected route passes, under the names the app reads; empty passes the provider's own.
    public var identityHeaders: [IdentityHeader]
    /// The target is replaced without downtime (a stateless app): the proxy can be pinned to one of its containers.
    public var rollsOut: Bool

    /// A route with `protected: true` for ``Protection/always`` and `false` for ``Protection/never``.
    public init(
        name: String, hosts: [String], pathPrefixes: [String] = [], target: Target, protected: Bool = false, adminUI: Bool = false,
        stripPrefix: String? = nil, priority: Int = 0, redirectFrom: [String] = [], identityHeaders: [IdentityHeader] = [],
        rollsOut: Bool = false
    ) {
        self.init(
            name: name, hosts: hosts, pathPrefixes: pathPrefixes, target: target, protection: protected ? .always : .never, adminUI: adminUI,
            stripPrefix: stripPrefix, priority: priority, redirectFrom: redirectFrom, identityHeaders: identityHeaders, rollsOut: rollsOut)
    }

    /// A route whose protection may depend on the stack: `protection: .whenIdentityProvider`.
    public init(
        name: String, hosts: [String], pathPrefixes: [String] = [], target: Target, protection: Protection, adminUI: Bool = false,
        stripPrefix: String? = nil, priority: Int = 0, redirectFrom: [String] = [], identityHeaders: [IdentityHeader] = [],
        rollsOut: Bool = false
    ) {
        self.name = name
        self.hosts = hosts
        self.pathPrefixes = pathPrefixes
        self.target = target
        self.protection = protection
        self.adminUI = adminUI
        self.stripPrefix = stripPrefix
        self.priority = priority
        self.redirectFrom = redirectFrom
        self.identityHeaders = identityHeaders
        self.rollsOut = rollsOut
    }

    /// Whether a route has the identity provider's forward-auth in front.
    public enum Protection: String, Sendable, Hashable {
        /// Public, or signed in by the app alone.
        case never
        /// Always: `berth validate` wants an identity provider in the stack.
        case always
        /// When the stack has an identity provider (its own or a shared one); public otherwise.
        ///
        /// For an admin UI with a sign-in of its own (Kopia, Uptime Kuma): it validates with and without a provider.
        case whenIdentityProvider
    }

    /// The forward-auth may go in front: ``Protection/always``, or ``Protection/whenIdentityProvider`` until the stack resolves it.
    public var protected: Bool {
        get { protection != .never }
        set { protection = newValue ? .always : .never }
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
    /// The route, its protection resolved: ``Route/Protection/always`` or ``Route/Protection/never``.
    public var route: Route
    /// The protection the module declared, which `berth validate` judges.
    public var declaredProtection: Route.Protection
    /// The module that declared the route.
    public var module: String
    /// The identity provider's forward-auth, set on protected routes.
    public var forwardAuth: ForwardAuth?
    /// The environment that runs the route's service when it shares another's proxy (`shares:`); nil for the proxy's own.
    ///
    /// Its routes are named `<environment>-<name>`, so that they never clash with the owner's in the proxy.
    public var environment: String?

    /// Resolves ``Route/Protection/whenIdentityProvider``: protected exactly when there is a `forwardAuth` to put in front.
    public init(route: Route, module: String, forwardAuth: ForwardAuth?, environment: String? = nil) {
        declaredProtection = route.protection
        var route = route
        if route.protection == .whenIdentityProvider { route.protection = forwardAuth == nil ? .never : .always }
        self.route = route
        self.module = module
        self.forwardAuth = forwardAuth
        self.environment = environment
    }
}

extension ResolvedRoute {
    /// The headers the proxy copies from the forward-auth answer onto the request: (answer's name, name passed on).
    ///
    /// Every name passed on is first removed from the client's request, so a client cannot forge one.
    public var passedHeaders: [(from: String, to: String)] {
        guard let forwardAuth else { return [] }
        if route.identityHeaders.isEmpty { return forwardAuth.authResponseHeaders.map { ($0, $0) } }
        return route.identityHeaders.compactMap { mapping in forwardAuth.claims[mapping.claim].map { ($0, mapping.header) } }
    }

    /// The order a proxy tries routes sharing a host: higher ``Route/priority`` first, then the longer path prefix.
    public static func matchOrder(_ a: ResolvedRoute, _ b: ResolvedRoute) -> Bool {
        if a.route.priority != b.route.priority { return a.route.priority > b.route.priority }
        let lengthA = a.route.pathPrefixes.map(\.count).max() ?? 0
        let lengthB = b.route.pathPrefixes.map(\.count).max() ?? 0
        if lengthA != lengthB { return lengthA > lengthB }
        return a.route.name < b.route.name
    }
}
