import ServicePlugin

extension Traefik {
    /// Where the ACME server's roots are mounted in the container.
    static let acmeRootsPath = "/etc/traefik/\(ACMEServer.rootsFile)"

    /// The static configuration's certificate resolver, which every router names when certificates come from ACME;
    /// nil under `certificates: internal`, where no router names it and Traefik would only write an empty store.
    func certificatesResolvers(_ context: RenderContext) -> YAMLValue? {
        guard context.certificates == .acme else { return nil }
        var acme: [(String, YAMLValue)] = [
            ("email", .string(context.acmeEmail)),
            ("storage", "/etc/traefik/acme/acme.json"),
            ("httpChallenge", .map([("entryPoint", "web")])),
        ]
        // The environment's own ACME server (`acme_ca:`) over the module's staging switch: it names one server.
        if let server = context.acme {
            acme.append(("caServer", .string(server.directory)))
        } else if options[ProxyOptions.acmeStaging] {
            acme.append(("caServer", "https://acme-staging-v02.api.letsencrypt.org/directory"))
        }
        return .map([(Self.resolver, .map([("acme", .map(acme))]))])
    }

    /// What lets Traefik trust a private ACME server: its roots, rendered beside `traefik.yml`, mounted, and named
    /// to lego (Traefik's ACME client) by `LEGO_CA_CERTIFICATES`; nil when public roots do.
    func acmeRoots(_ context: RenderContext) -> (file: ExtraFile, volume: VolumeMount, environment: EnvironmentEntry)? {
        guard context.certificates == .acme, let roots = context.acme?.roots else { return nil }
        return (
            ExtraFile(path: ACMEServer.rootsFile, contents: roots),
            VolumeMount("./\(ACMEServer.rootsFile)", Self.acmeRootsPath, readOnly: true, role: .config),
            EnvironmentEntry("LEGO_CA_CERTIFICATES", "\(Self.acmeRootsPath)")
        )
    }
}
