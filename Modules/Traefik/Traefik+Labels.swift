import ServicePlugin

extension Traefik {
    /// Docker labels that make Traefik route `route` to its container.
    public func proxyLabels(for resolved: ResolvedRoute, in context: RenderContext) -> [Label] {
        let route = resolved.route
        let router = "traefik.http.routers.\(route.name)"
        var labels = [Label("traefik.enable", "true"), Label("\(router).rule", Self.rule(hosts: route.hosts, paths: route.pathPrefixes))]
        labels += Self.tlsLabels(router, context)
        if let priority = Self.priority(resolved, among: context.routes) {
            labels.append(Label("\(router).priority", String(priority)))
        }
        switch route.target {
        case .service(let service, let port):
            labels.append(Label("\(router).service", Self.routesLive(resolved, context) ? "\(Self.liveService(service))@file" : route.name))
            // Also for a live route: without a port the docker provider would skip the container, and its router with it.
            labels.append(Label("traefik.http.services.\(route.name).loadbalancer.server.port", String(port)))
        case .proxyInternal(let internalService, _):
            labels.append(Label("\(router).service", internalService))
        }
        var middlewares: [String] = []
        if let identity = context.identity?.forwardAuth, !context.identityHeaderNames.isEmpty {
            middlewares.append("\(Self.cleanMiddleware(identity))@file")
        }
        if let forwardAuth = resolved.forwardAuth {
            if route.identityHeaders.isEmpty {
                middlewares.append(Self.middlewareReference(forwardAuth))
            } else {
                // Traefik cannot rename a header, so this route's middleware copies the names the app reads,
                // which the identity provider sends as well (see its forward-auth configuration).
                let auth = "traefik.http.middlewares.\(route.name)-auth.forwardauth"
                labels.append(Label("\(auth).address", forwardAuth.address(for: Self.id) ?? ""))
                labels.append(Label("\(auth).trustForwardHeader", String(forwardAuth.trustForwardHeader)))
                labels.append(Label("\(auth).authResponseHeaders", route.identityHeaders.map(\.header).joined(separator: ",")))
                middlewares.append("\(route.name)-auth")
            }
        }
        if let strip = route.stripPrefix {
            labels.append(Label("traefik.http.middlewares.\(route.name)-strip.stripprefix.prefixes", strip))
            middlewares.append("\(route.name)-strip")
        }
        if !middlewares.isEmpty { labels.append(Label("\(router).middlewares", middlewares.joined(separator: ","))) }
        if !route.redirectFrom.isEmpty { labels += Self.redirectLabels(route, context) }
        return labels
    }

    /// The network that environments sharing this proxy join, when some route is theirs.
    public func sharedNetwork(in context: RenderContext) -> String? {
        context.routes.contains { $0.environment != nil } ? Self.sharedNetwork : nil
    }

    /// The docker provider's constraint in the static configuration must admit the sharing environment's project.
    public func runningConfiguration(sharedBy routes: [ResolvedRoute], project: String) -> ConfigurationProbe? {
        routes.isEmpty ? nil : ConfigurationProbe(argv: ["cat", "/etc/traefik/traefik.yml"], needles: ["`\(project)`"])
    }

    /// Compose joins them; the label tells Traefik which of a container's addresses it can reach.
    public func sharedJoin(network: String) -> SharedJoin {
        .compose(labels: [Label("traefik.docker.network", network)])
    }

    /// `Host(a) || Host(b)`, and `&& PathPrefix(…)` when the route has path prefixes.
    static func rule(hosts: [String], paths: [String]) -> String {
        let hostRule = hosts.map { "Host(`\($0)`)" }.joined(separator: " || ")
        guard !paths.isEmpty else { return hostRule }
        let pathRule = paths.map { "PathPrefix(`\($0)`)" }.joined(separator: " || ")
        return (hosts.count > 1 ? "(\(hostRule))" : hostRule) + " && " + (paths.count > 1 ? "(\(pathRule))" : pathRule)
    }

    static func tlsLabels(_ router: String, _ context: RenderContext) -> [Label] {
        var labels = [Label("\(router).entrypoints", "websecure"), Label("\(router).tls", "true")]
        // Without a resolver Traefik serves its own default certificate: the `internal` source.
        if context.certificates == .acme { labels.append(Label("\(router).tls.certresolver", Self.resolver)) }
        return labels
    }

    /// An explicit priority for a route that shares a host with another one, else nil.
    ///
    /// Traefik's default priority is the rule's length, which can put `/` before `/api`; Berth's order
    /// is its own (``ResolvedRoute/matchOrder(_:_:)``), so every router on a shared host gets a number.
    static func priority(_ resolved: ResolvedRoute, among routes: [ResolvedRoute]) -> Int? {
        let hosts = Set(resolved.route.hosts)
        let shared = routes.contains { $0.route.name != resolved.route.name && !hosts.isDisjoint(with: $0.route.hosts) }
        guard shared || resolved.route.priority != 0 else { return nil }
        return resolved.route.priority * 1000 + (resolved.route.pathPrefixes.map(\.count).max() ?? 0) + 1
    }

    /// A router on the redirecting hosts that answers every request with a permanent redirect to the first host.
    static func redirectLabels(_ route: Route, _ context: RenderContext) -> [Label] {
        let router = "traefik.http.routers.\(route.name)-redirect"
        let middleware = "traefik.http.middlewares.\(route.name)-redirect.redirectregex"
        return [
            Label("\(router).rule", rule(hosts: route.redirectFrom, paths: [])),
            Label("\(router).service", "noop@internal"),
            Label("\(router).middlewares", "\(route.name)-redirect"),
            Label("\(middleware).regex", "^https?://[^/]+(.*)$"),
            Label("\(middleware).replacement", "https://\(route.hosts[0])${1}"),
            Label("\(middleware).permanent", "true"),
        ] + tlsLabels(router, context)
    }

    /// The reference each protected router names: `<middleware>@file`.
    public static func middlewareReference(_ forwardAuth: ForwardAuth) -> String {
        "\(forwardAuth.name)@file"
    }
}
