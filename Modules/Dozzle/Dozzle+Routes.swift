import ServicePlugin

extension Dozzle {
    /// Logs show everything a service prints, secrets included: the route is always an admin UI behind SSO.
    public func routes(in context: StackContext) -> [Route] {
        [
            Route(
                name: "dozzle", hosts: [context.host(options[Self.subdomain])], target: .service("dozzle", port: Self.port),
                protected: true, adminUI: true
            )
        ]
    }
}
