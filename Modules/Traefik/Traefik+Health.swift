import ServicePlugin

extension Traefik {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        [
            HealthCheck("container", .container(service: "traefik")),
            HealthCheck("ping", .http(HTTPProbe(service: "traefik", port: 8080, path: "/ping", expectStatus: [200], bodyContains: "OK"))),
        ]
    }

    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(include: [context.dataPath(Self.id, "acme")])
    }
}
