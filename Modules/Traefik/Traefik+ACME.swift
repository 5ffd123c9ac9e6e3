import ServicePlugin

extension Traefik {
    /// The static configuration's certificate resolver, which every router names when certificates come from ACME.
    func certificatesResolvers(_ context: RenderContext) -> YAMLValue {
        var acme: [(String, YAMLValue)] = [
            ("email", .string(context.acmeEmail)),
            ("storage", "/etc/traefik/acme/acme.json"),
            ("httpChallenge", .map([("entryPoint", "web")])),
        ]
        if options[ProxyOptions.acmeStaging] {
            acme.append(("caServer", "https://acme-staging-v02.api.letsencrypt.org/directory"))
        }
        return .map([(Self.resolver, .map([("acme", .map(acme))]))])
    }
}
