import ServicePlugin

extension Traefik {
    /// Docker labels that make Traefik route `route` to its container.
    public func proxyLabels(for resolved: ResolvedRoute, in context: RenderContext) -> [Label] {
        let route = resolved.route
        let router = "traefik.http.routers.\(route.name)"
        let hosts = route.hosts.map { "Host(`\($0)`)" }.joined(separator: " || ")
        var rule = route.hosts.count > 1 && !route.pathPrefixes.isEmpty ? "(\(hosts))" : hosts
        if !route.pathPrefixes.isEmpty {
            let paths = route.pathPrefixes.map { "PathPrefix(`\($0)`)" }.joined(separator: " || ")
            rule += " && " + (route.pathPrefixes.count > 1 ? "(\(paths))" : paths)
        }
        var labels = [
            Label("traefik.enable", "true"),
            Label("\(router).rule", rule),
            Label("\(router).entrypoints", "websecure"),
            Label("\(router).tls", "true"),
            Label("\(router).tls.certresolver", Self.resolver),
        ]
        switch route.target {
        case .service(_, let port):
            labels.append(Label("\(router).service", route.name))
            labels.append(Label("traefik.http.services.\(route.name).loadbalancer.server.port", String(port)))
        case .proxyInternal(let internalService, _):
            labels.append(Label("\(router).service", internalService))
        }
        if let forwardAuth = resolved.forwardAuth {
            labels.append(Label("\(router).middlewares", Self.middlewareReference(forwardAuth)))
        }
        return labels
    }

    /// The reference each protected router names: `<middleware>@file`.
    public static func middlewareReference(_ forwardAuth: ForwardAuth) -> String {
        "\(forwardAuth.name)@file"
    }
}
