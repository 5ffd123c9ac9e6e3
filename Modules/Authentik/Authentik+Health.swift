import ServicePlugin

extension Authentik {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        let host = context.host(subdomain)
        // The database's checks come from its part, after these.
        var checks: [HealthCheck] = [
            Self.web.containerCheck("server-container"),
            Self.worker.containerCheck("worker-container"),
            Self.web.httpCheck("live", path: "/-/health/live/", publicHost: host, expectStatus: [200, 204]),
            Self.web.httpCheck("ready", path: "/-/health/ready/", publicHost: host, expectStatus: [200, 204]),
            Self.worker.commandCheck("worker", ["ak", "healthcheck"], timeout: 30),
        ]
        if usesRedis(context) {
            checks.append(Self.cache.containerCheck("redis-container"))
        }
        return checks
    }
}
