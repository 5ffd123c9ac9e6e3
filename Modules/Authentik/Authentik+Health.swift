import ServicePlugin

extension Authentik {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        let host = context.host(subdomain)
        var checks: [HealthCheck] = [
            HealthCheck("server-container", .container(service: "authentik-server")),
            HealthCheck("worker-container", .container(service: "authentik-worker")),
            db.containerCheck,
            HealthCheck("live", .http(HTTPProbe(service: "authentik-server", port: 9000, path: "/-/health/live/", publicHost: host, expectStatus: [200, 204]))),
            HealthCheck("ready", .http(HTTPProbe(service: "authentik-server", port: 9000, path: "/-/health/ready/", publicHost: host, expectStatus: [200, 204]))),
            HealthCheck("worker", .command(service: "authentik-worker", argv: ["ak", "healthcheck"], expectExit: 0), timeout: 30),
            db.readyCheck,
        ]
        if usesRedis(context) {
            checks.append(HealthCheck("redis-container", .container(service: "authentik-redis")))
        }
        return checks
    }
}
