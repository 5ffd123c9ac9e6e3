import ServicePlugin

extension UptimeKuma {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        [
            HealthCheck("container", .container(service: "uptime-kuma")),
            // Straight to the container: the public hostname may answer only signed-in users.
            HealthCheck("web", .http(HTTPProbe(service: "uptime-kuma", port: Self.port, path: "/api/entry-page", expectStatus: [200]))),
        ]
    }
}
