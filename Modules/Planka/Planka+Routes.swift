import ServicePlugin

extension Planka {
    public func routes(in context: StackContext) -> [Route] {
        [Route(name: Self.id, hosts: [context.host(options[Self.subdomain])], target: .service(Self.web))]
    }

    public func requirements(in context: StackContext) -> [Requirement] {
        sso ? [Requirement(.identityProvider, reason: "OIDC client 'planka' (\(Self.path(Self.sso)))")] : []
    }

    public func oidcClients(in context: StackContext) -> [OIDCClientRequest] {
        guard sso else { return [] }
        return [
            OIDCClientRequest(
                module: Self.id, slug: context.clientSlug(Self.id), displayName: context.sharedFrom == nil ? "Planka" : "Planka (\(context.environment))", launchURL: baseURL(context),
                redirectURIs: [baseURL(context) + "/oidc-callback"]
            )
        ]
    }
}
