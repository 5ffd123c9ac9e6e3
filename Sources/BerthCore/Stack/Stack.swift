import ServicePlugin

/// The whole stack for one environment: every module with its data resolved.
public struct Stack: Sendable {
    public let config: BerthConfig
    public let environment: EnvironmentConfig
    public let context: StackContext
    public let modules: [StackModule]
    /// Problems found while resolving capabilities and options.
    public let diagnostics: [Diagnostic]

    /// The module with this id.
    public func module(_ id: String) -> StackModule? {
        modules.first { $0.id == id }
    }

    /// Every compose service of the stack, in module order.
    public var serviceNames: [String] { modules.flatMap { $0.fragment.services.map(\.name) } }

    /// Every route of the stack in module order.
    public var routes: [ResolvedRoute] { modules.flatMap(\.routes) }

    /// The enabled backup engine and the module that provides it, if any (validation allows one at most).
    public var backupEngine: (module: StackModule, engine: any BackupEngine)? {
        for module in modules {
            if let provider = module.plugin as? any BackupEngineProvider { return (module, provider.backupEngine(in: module.context)) }
        }
        return nil
    }

    /// The named modules, or all; an unknown name is a usage error listing the enabled ones.
    public func selectModules(_ names: [String]) throws -> [StackModule] {
        let known = modules.map(\.id)
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw BerthError.usage("unknown plugin '\(unknown)' (enabled: \(known.joined(separator: ", ")))")
        }
        return names.isEmpty ? modules : modules.filter { names.contains($0.id) }
    }
}

extension BerthConfig {
    /// Where a stack member is configured: `apps.<name>` for an app, else `services.<id>`.
    public func memberPath(_ id: String) -> String {
        apps.contains { $0.name == id } ? "apps.\(id)" : "services.\(id)"
    }
}

/// One enabled module with everything it declared for this environment.
public struct StackModule: Sendable {
    public let plugin: any StackMember
    public let images: [String: ImageRef]
    public let context: RenderContext
    /// The compose fragment, with the reverse proxy's route labels merged in.
    public let fragment: ComposeFragment
    public let envSchema: [EnvKey]
    public let healthChecks: [HealthCheck]
    public let backup: BackupSpec
    public let routes: [ResolvedRoute]

    public var id: String { plugin.id }
    public var type: any StackMember.Type { Swift.type(of: plugin) }

    /// Every variable the module's compose file interpolates.
    public var interpolatedVariables: [String] {
        fragment.services.flatMap(\.interpolatedVariables)
    }
}
