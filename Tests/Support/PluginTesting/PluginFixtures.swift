import ServicePlugin

/// Shared fixtures for module tests: the reference stack's settings.
public enum PluginFixtures {
    public static let stack = StackContext(
        name: "tangram", environment: "production", domain: "tangram-orchestre.fr", timezone: "Europe/Paris",
        acmeEmail: "admin@tangram-orchestre.fr", dataRoot: "/opt/docker-volumes", scratchRoot: "/opt/docker-volumes-no-backup",
        servicesDir: "/opt/services", dumpsDir: "/opt/db-backups"
    )

    /// An identity provider as Authentik would describe it, for modules that consume one.
    public static let identity = IdentityProviderInfo(
        module: "idp", baseURL: "https://auth.tangram-orchestre.fr",
        forwardAuth: ForwardAuth(
            name: "idp", upstream: "idp:9000", endpoints: ["traefik": "/auth/traefik", "caddy": "/auth/caddy"], authResponseHeaders: ["X-User"],
            claims: [.username: "X-User", .email: "X-Email", .name: "X-Name"]
        ),
        issuerTemplate: "https://auth.tangram-orchestre.fr/application/o/{slug}/", services: ["idp"]
    )

    /// Every route shape real stacks use, as Tangram's 2026 stack has them: a site on the apex and www
    /// (the apex redirecting), a backend on `/api` of two hosts with the prefix stripped and a higher
    /// priority, the same backend protected on its own host with renamed identity headers, and a plain route.
    public static let richRoutes: [ResolvedRoute] = [
        ResolvedRoute(
            route: Route(name: "site", hosts: ["www.tangram-orchestre.fr"], target: .service("site", port: 3000), priority: 1, redirectFrom: ["tangram-orchestre.fr"]),
            module: "site", forwardAuth: nil),
        ResolvedRoute(
            route: Route(
                name: "api", hosts: ["www.tangram-orchestre.fr", "portal.tangram-orchestre.fr"], pathPrefixes: ["/api"], target: .service("backend", port: 3000),
                stripPrefix: "/api", priority: 2),
            module: "backend", forwardAuth: nil),
        ResolvedRoute(
            route: Route(
                name: "backend", hosts: ["api.tangram-orchestre.fr"], target: .service("backend", port: 3000), protected: true,
                identityHeaders: [IdentityHeader(.username, as: "X-App-User"), IdentityHeader(.email, as: "X-App-Email")]),
            module: "backend", forwardAuth: identity.forwardAuth),
        ResolvedRoute(
            route: Route(name: "portal", hosts: ["portal.tangram-orchestre.fr"], target: .service("portal", port: 80), protected: true, priority: 1), module: "portal",
            forwardAuth: identity.forwardAuth),
    ]

    /// A plugin with default options (and an optional image version).
    public static func plugin<P: ServicePlugin>(_ type: P.Type, _ options: [String: OptionValue] = [:], version: String? = nil) -> P {
        P(options: OptionValues(specs: P.optionSpecs, given: options, version: version))
    }

    /// The render context a plugin would get, with its images resolved from defaults (first one overridable).
    public static func context<P: ServicePlugin>(
        for type: P.Type, version: String? = nil, identity: IdentityProviderInfo? = nil,
        oidcClients: [OIDCClientRequest] = [], routes: [ResolvedRoute] = []
    ) -> RenderContext {
        var images: [String: ImageRef] = [:]
        for (index, spec) in P.images.enumerated() {
            images[spec.name] = ImageRef(repository: spec.repository, tag: index == 0 ? (version ?? spec.defaultTag) : spec.defaultTag)
        }
        return RenderContext(stack: stack, images: images, identity: identity, oidcClients: oidcClients, routes: routes)
    }

    /// Variables the fragment interpolates that the env schema does not declare.
    public static func undeclaredVariables(_ fragment: ComposeFragment, _ schema: [EnvKey]) -> Set<String> {
        Set(fragment.services.flatMap(\.interpolatedVariables)).subtracting(schema.map(\.name))
    }

    /// The fragment and its extra files as one text, for golden snapshots: as the host renders it, with `TZ` set.
    public static func snapshotText(_ fragment: ComposeFragment, module: String) -> String {
        let fragment = fragment.settingTimezone(stack.timezone)
        var out = ComposeRenderer.file(fragment, module: module)
        for file in fragment.files.sorted(by: { $0.path < $1.path }) {
            out += "\n--- \(file.path)\n" + file.contents
        }
        return out
    }
}
