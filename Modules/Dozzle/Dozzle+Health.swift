import ServicePlugin

extension Dozzle {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        [
            HealthCheck("container", .container(service: "dozzle")),
            // Straight to the container: the public hostname answers only signed-in users.
            HealthCheck("healthcheck", .http(HTTPProbe(service: "dozzle", port: Self.port, path: "/healthcheck", expectStatus: [200]))),
        ]
    }
}
