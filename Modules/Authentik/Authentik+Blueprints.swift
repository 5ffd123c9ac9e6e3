import ServicePlugin

extension Authentik {
    /// Routes the stack marks protected: they share one domain-level forward-auth provider.
    func protectedRoutes(_ context: RenderContext) -> [ResolvedRoute] {
        context.routes.filter(\.route.protected)
    }

    /// One blueprint per OIDC client, plus the forward-auth provider when any route is protected.
    func blueprintFiles(_ context: RenderContext) -> [ExtraFile] {
        var files = context.oidcClients.map { client in
            ExtraFile.yaml("blueprints/\(client.slug)-oidc.yaml", oidcBlueprint(client), header: "Rendered by Berth: OIDC client for \(client.module).")
        }
        if !protectedRoutes(context).isEmpty {
            files.append(.yaml("blueprints/forward-auth.yaml", forwardAuthBlueprint(context), header: "Rendered by Berth: forward-auth for protected routes."))
        }
        return files
    }

    static func find(_ model: String, _ field: String, _ value: String) -> YAMLValue {
        .tagged("Find", .list([.string(model), .strings([field, value])]))
    }

    private static func metadata(_ name: String) -> YAMLValue {
        .map([("name", .string(name)), ("labels", .map([("blueprints.goauthentik.io/instantiate", "true")]))])
    }

    func oidcBlueprint(_ client: OIDCClientRequest) -> YAMLValue {
        let prefix = client.providerEnvPrefix
        let scopes = ["openid", "email", "profile"].map {
            Self.find("authentik_providers_oauth2.scopemapping", "managed", "goauthentik.io/providers/oauth2/scope-\($0)")
        }
        let provider: YAMLValue = .map([
            ("model", "authentik_providers_oauth2.oauth2provider"),
            ("id", "provider"),
            ("identifiers", .map([("name", .string(client.displayName))])),
            (
                "attrs",
                .map([
                    ("authorization_flow", Self.find("authentik_flows.flow", "slug", "default-provider-authorization-implicit-consent")),
                    ("invalidation_flow", Self.find("authentik_flows.flow", "slug", "default-provider-invalidation-flow")),
                    ("client_type", "confidential"),
                    ("client_id", .tagged("Env", .string(prefix + "CLIENT_ID"))),
                    ("client_secret", .tagged("Env", .string(prefix + "CLIENT_SECRET"))),
                    ("redirect_uris", .list(client.redirectURIs.map { .map([("matching_mode", "strict"), ("url", .string($0))]) })),
                    ("signing_key", Self.find("authentik_crypto.certificatekeypair", "name", "authentik Self-signed Certificate")),
                    ("property_mappings", .list(scopes)),
                ])
            ),
        ])
        let application: YAMLValue = .map([
            ("model", "authentik_core.application"),
            ("identifiers", .map([("slug", .string(client.slug))])),
            (
                "attrs",
                .map([
                    ("name", .string(client.displayName)),
                    ("provider", .tagged("KeyOf", "provider")),
                    ("meta_launch_url", .string(client.launchURL)),
                ])
            ),
        ])
        return .map([
            ("version", 1),
            ("metadata", Self.metadata("berth-oidc-\(client.slug)")),
            ("entries", .list([provider, application])),
        ])
    }

    func forwardAuthBlueprint(_ context: RenderContext) -> YAMLValue {
        let hosts = protectedRoutes(context).flatMap(\.route.hosts).sorted()
        let provider: YAMLValue = .map([
            ("model", "authentik_providers_proxy.proxyprovider"),
            ("id", "provider"),
            ("identifiers", .map([("name", "Berth forward auth")])),
            (
                "attrs",
                .map(
                    [
                        ("mode", "forward_domain"),
                        ("external_host", .string("https://" + context.host(subdomain))),
                        ("cookie_domain", .string(context.domain)),
                        ("authorization_flow", Self.find("authentik_flows.flow", "slug", "default-provider-authorization-implicit-consent")),
                        ("invalidation_flow", Self.find("authentik_flows.flow", "slug", "default-provider-invalidation-flow")),
                    ] + propertyMappings(context))
            ),
        ])
        let application: YAMLValue = .map([
            ("model", "authentik_core.application"),
            ("identifiers", .map([("slug", "berth-forward-auth")])),
            (
                "attrs",
                .map([
                    ("name", "Protected routes"),
                    ("provider", .tagged("KeyOf", "provider")),
                    ("meta_description", .string("Forward auth for " + hosts.joined(separator: ", "))),
                ])
            ),
        ])
        let outpost: YAMLValue = .map([
            ("model", "authentik_outposts.outpost"),
            ("identifiers", .map([("managed", "goauthentik.io/outposts/embedded")])),
            ("attrs", .map([("providers", .list([.tagged("KeyOf", "provider")]))])),
        ])
        return .map([
            ("version", 1),
            ("metadata", Self.metadata("berth-forward-auth")),
            ("entries", .list(identityHeaderEntries(context) + [provider, application, outpost])),
        ])
    }
}
