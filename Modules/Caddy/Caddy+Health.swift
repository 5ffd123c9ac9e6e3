import ServicePlugin

extension Caddy {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        var checks = [
            Self.proxy.containerCheck(),
            HealthCheck("health", .http(HTTPProbe(Self.proxy, path: "/health", bodyContains: "OK"))),
        ]
        let hosts = context.routedHosts
        if !hosts.isEmpty {
            // The configuration Caddy runs, read through its admin API on the container's loopback: a host
            // missing there is a route that answers nothing, whatever the Caddyfile on disk says.
            let read = ["wget", "-q", "-O", "-", "http://\(Self.adminAddress)/config/apps/http/servers"]
            checks.append(HealthCheck("routes", .commandJSON(service: Self.proxy.name, argv: read, includes: JSONValuesExpectation(key: "host", includes: hosts))))
        }
        checks += hosts.map { HealthCheck("tls \($0)", .tlsExpiry(host: $0, service: Self.proxy.name, port: 443)) }
        return checks
    }

    /// Caddy joins `berth-live` when some route rolls out or belongs to a sharing environment; those routes name their service's ``LiveAlias``.
    public func liveNetwork(in context: RenderContext) -> String? {
        // Swarm rolls services out itself, and its DNS holds only running replicas: no alias network.
        !context.stack.swarm && context.routes.contains { $0.route.rollsOut || $0.environment != nil } ? Self.liveNetwork : nil
    }

    /// The loaded configuration, from the admin API, must name every host of the sharing environment.
    public func runningConfiguration(sharedBy routes: [ResolvedRoute], project: String) -> ConfigurationProbe? {
        let hosts = Set(routes.flatMap { $0.route.hosts + $0.route.redirectFrom }).sorted()
        return hosts.isEmpty ? nil : ConfigurationProbe(argv: ["wget", "-q", "-O", "-", "http://\(Self.adminAddress)/config/apps/http/servers"], needles: hosts.map { "\"\($0)\"" })
    }

    /// A sharing environment's containers join the live network under their alias, as rolled-out ones do.
    public func sharedNetwork(in context: RenderContext) -> String? { liveNetwork(in: context) }

    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(include: [context.dataPath(Self.id, "data")])
    }
}
