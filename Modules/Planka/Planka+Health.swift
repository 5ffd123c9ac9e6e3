import ServicePlugin

extension Planka {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        let host = context.host(options[Self.subdomain])
        // The database's checks come from its part, after these.
        var checks = [Self.web.containerCheck("app-container"), Self.web.httpCheck("home", path: "/", publicHost: host)]
        if sso {
            // /api/bootstrap is public and carries `item.oidc` only when OIDC is configured.
            let path = isVersion1(context) ? "/api/config" : "/api/bootstrap"
            let oidc = JSONFieldExpectation("item.oidc.isEnforced", equals: String(options[Self.oidcEnforced]))
            checks.append(HealthCheck("oidc", .http(HTTPProbe(Self.web, path: path, publicHost: host, jsonField: oidc))))
        }
        return checks
    }
}
