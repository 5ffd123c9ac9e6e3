import ServicePlugin

extension Authentik {
    public func routes(in context: StackContext) -> [Route] {
        [Route(name: "authentik", hosts: [context.host(subdomain)], target: .service(Self.web))]
    }

    public func identityProvider(in context: StackContext) -> IdentityProviderInfo {
        let base = "https://" + context.host(subdomain)
        return IdentityProviderInfo(
            module: Self.id,
            baseURL: base,
            forwardAuth: ForwardAuth(
                name: "authentik",
                upstream: Self.web.address,
                endpoints: ["traefik": "/outpost.goauthentik.io/auth/traefik", "caddy": "/outpost.goauthentik.io/auth/caddy"],
                authResponseHeaders: [
                    "X-authentik-username", "X-authentik-groups", "X-authentik-entitlements", "X-authentik-email",
                    "X-authentik-name", "X-authentik-uid", "X-authentik-jwt", "X-authentik-meta-jwks",
                    "X-authentik-meta-outpost", "X-authentik-meta-provider", "X-authentik-meta-app",
                    "X-authentik-meta-version", "Authorization",
                ],
                claims: [
                    .username: "X-authentik-username", .email: "X-authentik-email", .name: "X-authentik-name",
                    .groups: "X-authentik-groups", .uid: "X-authentik-uid",
                ]
            ),
            issuerTemplate: base + "/application/o/{slug}/",
            services: [Self.web.name, Self.worker.name]
        )
    }
}
