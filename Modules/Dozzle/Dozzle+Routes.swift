import ServicePlugin

extension Dozzle {
    /// The headers Dozzle's forward-proxy sign-in reads, each paired with the claim the proxy fills it from.
    static let identityHeaders = [
        IdentityHeader(.username, as: "Remote-User"), IdentityHeader(.email, as: "Remote-Email"), IdentityHeader(.name, as: "Remote-Name"),
    ]

    /// Logs show everything a service prints, secrets included: the route is always an admin UI behind SSO.
    public func routes(in context: StackContext) -> [Route] {
        [
            Route(
                name: "dozzle", hosts: [context.host(options[Self.subdomain])], target: .service("dozzle", port: Self.port),
                protected: true, adminUI: true, identityHeaders: Self.identityHeaders
            )
        ]
    }
}
