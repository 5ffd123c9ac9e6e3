import ServicePlugin

extension Authentik {
    public func routes(in context: StackContext) -> [Route] {
        [Route(name: "authentik", hosts: [context.host(subdomain)], target: .service("authentik-server", port: 9000))]
    }

    public func identityProvider(in context: StackContext) -> IdentityProviderInfo {
        let base = "https://" + context.host(subdomain)
        return IdentityProviderInfo(
            plugin: Self.id,
            baseURL: base,
            forwardAuth: ForwardAuth(
                name: "authentik",
                address: "http://authentik-server:9000/outpost.goauthentik.io/auth/traefik",
                authResponseHeaders: [
                    "X-authentik-username", "X-authentik-groups", "X-authentik-entitlements", "X-authentik-email",
                    "X-authentik-name", "X-authentik-uid", "X-authentik-jwt", "X-authentik-meta-jwks",
                    "X-authentik-meta-outpost", "X-authentik-meta-provider", "X-authentik-meta-app",
                    "X-authentik-meta-version", "Authorization",
                ]
            ),
            issuerTemplate: base + "/application/o/{slug}/",
            services: ["authentik-server", "authentik-worker"]
        )
    }
}
