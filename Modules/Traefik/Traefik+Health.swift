import ServicePlugin

extension Traefik {
    /// The proxy's service, probed on its unpublished `traefik` entry point (ping and API).
    static let proxy = ServiceKey("traefik", port: 8080)

    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        var checks = [
            Self.proxy.containerCheck(),
            HealthCheck("ping", .http(HTTPProbe(Self.proxy, path: "/ping", bodyContains: "OK"))),
        ]
        // A sharing environment's routers come and go with its deploys; its own checks are its business.
        let own = context.routes.filter { $0.environment == nil }
        if !own.isEmpty {
            // Every router Berth rendered must be loaded and enabled; a missing one is a route that silently 404s.
            let routers = JSONArrayExpectation(
                field: "name", includes: Self.routerNames(own).map { "\($0)@docker" }.sorted(),
                matching: JSONFieldExpectation("status", equals: "enabled")
            )
            checks.append(
                HealthCheck(
                    "routers",
                    .http(
                        HTTPProbe(Self.proxy, path: "/api/http/routers?per_page=1000", jsonArrayIncludes: routers))))
        }
        let hosts = context.routedHosts
        checks += hosts.map { HealthCheck("tls \($0)", .tlsExpiry(host: $0, service: Self.proxy.name, port: 443)) }
        return checks
    }

    /// Every router the labels define: one per route, and one more for a route's redirecting hosts.
    static func routerNames(_ routes: [ResolvedRoute]) -> [String] {
        routes.flatMap { resolved in [resolved.route.name] + (resolved.route.redirectFrom.isEmpty ? [] : ["\(resolved.route.name)-redirect"]) }
    }

    public func backup(in context: RenderContext) -> BackupSpec {
        // Berth's CA for internal certificates is kept too: a new one would make every ca_file: copy useless.
        BackupSpec(include: [context.dataPath(Self.id, "acme")] + (internalCertificate(in: context).map { [$0.directory] } ?? []))
    }
}
