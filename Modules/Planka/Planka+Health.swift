import ServicePlugin

extension Planka {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        let host = context.host(options[Self.subdomain])
        var checks: [HealthCheck] = [
            HealthCheck("app-container", .container(service: "planka")),
            db.containerCheck,
            HealthCheck("home", .http(HTTPProbe(service: "planka", port: 1337, path: "/", publicHost: host, expectStatus: [200]))),
            db.readyCheck,
        ]
        if sso {
            // /api/bootstrap is public and carries `item.oidc` only when OIDC is configured.
            checks.append(
                HealthCheck(
                    "oidc",
                    .http(
                        HTTPProbe(
                            service: "planka", port: 1337, path: isVersion1(context) ? "/api/config" : "/api/bootstrap", publicHost: host,
                            jsonField: JSONFieldExpectation("item.oidc.isEnforced", equals: String(options[Self.oidcEnforced]))
                        ))))
        }
        return checks
    }
}
