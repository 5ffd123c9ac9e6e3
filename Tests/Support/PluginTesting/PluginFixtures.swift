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
        plugin: "idp", baseURL: "https://auth.tangram-orchestre.fr",
        forwardAuth: ForwardAuth(name: "idp", address: "http://idp:9000/auth", authResponseHeaders: ["X-User"]),
        issuerTemplate: "https://auth.tangram-orchestre.fr/application/o/{slug}/", services: ["idp"]
    )

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
