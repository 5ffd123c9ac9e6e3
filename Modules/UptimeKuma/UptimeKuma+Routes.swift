import ServicePlugin

extension UptimeKuma {
    /// An admin UI with a sign-in of its own: behind the identity provider when the stack has one, valid without.
    public func routes(in context: StackContext) -> [Route] {
        [
            Route(
                name: "uptime-kuma", hosts: [context.host(options[Self.subdomain])], target: .service("uptime-kuma", port: Self.port),
                protection: .whenIdentityProvider, adminUI: true
            )
        ]
    }
}
