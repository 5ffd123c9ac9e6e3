import ServicePlugin

extension Planka {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        let host = context.host(subdomain)
        var checks: [HealthCheck] = [
            HealthCheck("app-container", .container(service: "planka")),
            HealthCheck("db-container", .container(service: "planka-postgres")),
            HealthCheck("home", .http(HTTPProbe(service: "planka", port: 1337, path: "/", publicHost: host, expectStatus: [200]))),
            HealthCheck("db-ready", .command(service: "planka-postgres", argv: ["pg_isready", "-U", "planka", "-d", "planka"], expectExit: 0)),
        ]
        if sso {
            // /api/bootstrap is public and carries `item.oidc` only when OIDC is configured.
            checks.append(HealthCheck("oidc", .http(HTTPProbe(
                service: "planka", port: 1337, path: isVersion1(context) ? "/api/config" : "/api/bootstrap", publicHost: host,
                jsonField: JSONFieldExpectation("item.oidc.isEnforced", equals: String(options.bool("oidc_enforced")))
            ))))
        }
        return checks
    }
}
