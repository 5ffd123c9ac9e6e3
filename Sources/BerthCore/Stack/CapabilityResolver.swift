import ServicePlugin

/// Matches what modules need with what others provide, naming both sides when something is missing.
struct CapabilityResolver {
    let registry: PluginRegistry
    let plugins: [any StackMember]
    let context: StackContext
    /// The proxy and identity provider of the environment this one shares: they provide, but are not members.
    let shared: [any StackMember]

    init(registry: PluginRegistry, plugins: [any StackMember], context: StackContext, shared: [any StackMember] = []) {
        self.registry = registry
        self.plugins = plugins
        self.context = context
        self.shared = shared
    }

    func providers(_ capability: Capability) -> [any StackMember] {
        (plugins + shared).filter { $0.provides.contains(capability) }
    }

    func provider(_ capability: Capability) -> (any StackMember)? {
        providers(capability).first
    }

    var identity: IdentityProviderInfo? {
        (provider(.identityProvider) as? any IdentityProvider)?.identityProvider(in: context)
    }

    /// Modules in the registry that could provide a capability, for the hint in a message.
    func candidates(_ capability: Capability) -> [String] {
        registry.plugins.filter { $0.provides.contains(capability) }.map { $0.id }
    }

    /// Problems with what modules need and provide; `path` names where a member is configured.
    func check(routes: [ResolvedRoute], path: (String) -> String = { "services.\($0)" }) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for capability in Capability.allCases {
            let names = providers(capability).map(\.id)
            let own = plugins.filter { $0.provides.contains(capability) }.map(\.id)
            if !shared.filter({ $0.provides.contains(capability) }).isEmpty, !own.isEmpty {
                found.append(
                    Diagnostic(
                        path: "environments.\(context.environment).services",
                        "\(own.joined(separator: " and ")) provides \(capability.phrase), which this environment takes from the one it shares (\(context.sharedFrom ?? "?")); drop it"))
            } else if names.count > 1 {
                found.append(Diagnostic(path: "services", "\(names.joined(separator: " and ")) both provide \(capability.phrase); enable only one"))
            }
        }
        var needs: [(plugin: String, requirement: Requirement)] = plugins.flatMap { plugin in
            plugin.requirements(in: context).map { (plugin.id, $0) }
        }
        for route in routes {
            needs.append((route.module, Requirement(.reverseProxy, reason: "route '\(route.route.name)' (\(route.route.hosts.joined(separator: ", ")))")))
            if route.route.protected {
                needs.append((route.module, Requirement(.identityProvider, reason: "protected route '\(route.route.name)'")))
            }
        }
        var reported = Set<String>()
        for (plugin, requirement) in needs where provider(requirement.capability) == nil {
            let key = "\(plugin)/\(requirement.capability)"
            guard reported.insert(key).inserted else { continue }
            let hint = candidates(requirement.capability)
            let enable = hint.isEmpty ? "no known module provides one" : "enable \(hint.joined(separator: " or "))"
            found.append(Diagnostic(path: path(plugin), "needs \(requirement.capability.phrase) for \(requirement.reason), but no enabled module provides one; \(enable)"))
        }
        return found
    }
}
