import ServicePlugin

extension Authentik {
    /// The Python expression that yields one claim of the signed-in user.
    static let claimExpressions: [IdentityClaim: String] = [
        .username: "request.user.username",
        .email: "request.user.email",
        .name: "request.user.name",
        .groups: "\"|\".join(group.name for group in request.user.ak_groups.all())",
        .uid: "request.user.uid",
    ]

    /// Header names protected routes ask for (`Remote-User`), with the claim each carries, in name order.
    func requestedHeaders(_ context: RenderContext) -> [IdentityHeader] {
        var byName: [String: IdentityClaim] = [:]
        for route in protectedRoutes(context) {
            for mapping in route.route.identityHeaders { byName[mapping.header] = mapping.claim }
        }
        return byName.map { IdentityHeader($0.value, as: $0.key) }.sorted { $0.header < $1.header }
    }

    /// A scope mapping that makes the outpost answer with the header names routes ask for as well.
    ///
    /// A proxy that renames headers (Caddy) does not need it; Traefik can only copy names the answer carries.
    func identityHeaderEntries(_ context: RenderContext) -> [YAMLValue] {
        let headers = requestedHeaders(context)
        guard !headers.isEmpty else { return [] }
        let pairs = headers.map { "\"\($0.header)\": \(Self.claimExpressions[$0.claim]!)" }.joined(separator: ", ")
        return [
            .map([
                ("model", "authentik_providers_oauth2.scopemapping"),
                ("id", "identity-headers"),
                ("identifiers", .map([("name", "Berth identity headers")])),
                (
                    "attrs",
                    .map([
                        ("scope_name", "ak_proxy"),
                        ("expression", .string("return {\"ak_proxy\": {\"user_attributes\": {\"additionalHeaders\": {\(pairs)}}}}")),
                    ])
                ),
            ])
        ]
    }

    /// The provider's property mappings: authentik's own proxy scope plus Berth's headers, when routes ask for any.
    func propertyMappings(_ context: RenderContext) -> [(String, YAMLValue)] {
        guard !requestedHeaders(context).isEmpty else { return [] }
        let managed = Self.find("authentik_providers_oauth2.scopemapping", "managed", "goauthentik.io/providers/proxy/scope-proxy")
        return [("property_mappings", .list([managed, .tagged("KeyOf", "identity-headers")]))]
    }
}
