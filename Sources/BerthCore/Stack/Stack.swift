import ServicePlugin

/// The whole stack for one environment: every module with its data resolved.
public struct Stack: Sendable {
    public let config: BerthConfig
    public let environment: EnvironmentConfig
    public let context: StackContext
    public let modules: [StackModule]
    /// Problems found while resolving capabilities and options.
    public let diagnostics: [Diagnostic]
    /// The proxy of the environment this one shares (`shares:`), or nil when it runs its own.
    public var sharedProxy: SharedProxy?
    /// The modules the stack was built from, for rules that build the other environments.
    public var registry: PluginRegistry = .standard
    /// What the target's engine can run, as far as rendering cares: ``DockerFeatures/baseline`` until a
    /// deploy's preflight (or `berth render --docker-version`) says more. Swarm stack files ignore it.
    public var engine: DockerFeatures = .baseline

    public init(config: BerthConfig, environment: EnvironmentConfig, context: StackContext, modules: [StackModule], diagnostics: [Diagnostic]) {
        self.config = config
        self.environment = environment
        self.context = context
        self.modules = modules
        self.diagnostics = diagnostics
    }

    /// The module with this id.
    public func module(_ id: String) -> StackModule? {
        modules.first { $0.id == id }
    }

    /// The module that is the stack's reverse proxy, when it has one.
    public var proxyModule: StackModule? {
        modules.first { $0.definition.provides.contains(.reverseProxy) }
    }

    /// Every compose service of the stack, in module order.
    public var serviceNames: [String] { modules.flatMap { $0.fragment.services.map(\.name) } }

    /// Every route of the stack in module order.
    public var routes: [ResolvedRoute] { modules.flatMap(\.routes) }

    /// The enabled backup engine and the module that provides it, if any (validation allows one at most).
    public var backupTool: (module: StackModule, engine: any BackupTool)? {
        for module in modules {
            if let provider = module.definition as? any BackupToolProvider { return (module, provider.backupTool(in: module.context)) }
        }
        return nil
    }

    /// The host paths every snapshot leaves out: the modules' exclusions (a database's live folder, which its dump covers).
    public var backupExclusions: [String] { modules.flatMap { $0.backup.exclude.map(\.path) } }

    /// `module.KEY` of each key only the admin's machine has (the backup engine's PRUNE_ keys): `secrets:` may give
    /// them, and no deploy writes them to the server.
    public var adminKeys: Set<String> {
        guard let (module, engine) = backupTool else { return [] }
        return Set(engine.adminKeys.map { "\(module.id).\($0.name)" })
    }

    /// The `secrets:` entries a deploy writes into the server's `.env` files: all but the ``adminKeys``.
    public func serverSecrets(_ secrets: [SecretCommand]) -> [SecretCommand] {
        let admin = adminKeys
        return secrets.filter { !admin.contains($0.name) }
    }

    /// Whether some module dumps a database.
    public var hasDumps: Bool { modules.contains { !$0.backup.dumps.isEmpty } }

    /// Whether there is anything to back up: an engine's snapshots, or dumps alone (a stack sharing another's proxy).
    public var backsUp: Bool { backupTool != nil || hasDumps }

    /// The named modules, or all; an unknown name is a usage error listing the enabled ones.
    public func selectModules(_ names: [String]) throws -> [StackModule] {
        let known = modules.map(\.id)
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw BerthError.usage("unknown module '\(unknown)' (enabled: \(known.joined(separator: ", ")))")
        }
        return names.isEmpty ? modules : modules.filter { names.contains($0.id) }
    }
}

extension BerthConfig {
    /// Where a stack member is configured: `apps.<name>` for an app, else `services.<id>`;
    /// an app of `environment`'s own `apps:` is `environments.<environment>.apps.<name>`.
    public func memberPath(_ id: String, environment: String? = nil) -> String {
        if let environment, let own = environments.first(where: { $0.name == environment })?.apps, own.contains(where: { $0.name == id }) {
            return "environments.\(environment).apps.\(id)"
        }
        return apps.contains { $0.name == id } ? "apps.\(id)" : "services.\(id)"
    }
}

/// The reverse proxy of another environment on the same host, which a sharing environment's routes go through.
public struct SharedProxy: Sendable, Hashable {
    /// The environment that runs the proxy, and its compose project.
    public var environment: String
    public var project: String
    /// The proxy's compose service in that project.
    public var proxyService: String
    /// The network the routed containers join (its full name), nil when nothing is routed.
    public var network: String?
    /// Whether a deploy connects them under their ``LiveAlias`` (else compose joins them).
    public var joinsByAlias: Bool
    /// How a deploy tells that the owner's proxy runs this environment's routes.
    public var configurationProbe: ConfigurationProbe?

    /// The compose key of the owner's network in a sharing environment's files.
    public static let networkKey = "berth-shared"
}

/// One enabled module with everything it declared for this environment.
public struct StackModule: Sendable {
    public let definition: any StackMember
    public let images: [String: ImageRef]
    public let context: RenderContext
    /// The compose fragment, with the reverse proxy's route labels merged in.
    public let fragment: ComposeFragment
    public let envSchema: [EnvKey]
    public let healthChecks: [HealthCheck]
    public let backup: BackupSpec
    public let routes: [ResolvedRoute]

    public var id: String { definition.id }
    public var type: any StackMember.Type { Swift.type(of: definition) }

    /// Every variable the module's compose file interpolates.
    public var interpolatedVariables: [String] {
        fragment.services.flatMap(\.interpolatedVariables)
    }
}
