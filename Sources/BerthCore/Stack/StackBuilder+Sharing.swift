import ServicePlugin

extension StackBuilder {
    /// The modules and apps an environment runs: its `services:` and `apps:` when it names them, else the top-level ones.
    func members(_ config: BerthConfig, _ environment: EnvironmentConfig) -> [any StackMember] {
        let services = environment.services.map { ids in config.services.filter { ids.contains($0.id) } } ?? config.services
        let modules: [any StackMember] = services.compactMap { service in
            registry.plugin(service.id).map { type in
                type.init(options: OptionValues(specs: type.optionSpecs, given: service.options, version: service.version))
            }
        }
        return modules + (environment.apps ?? config.apps).map(App.init)
    }

    /// The stack-wide settings of an environment.
    ///
    /// One that shares another's proxy gets an identity of its own on the shared host: the project
    /// `<name>-<environment>`, and folders beside the top-level ones (`/opt/docker-volumes-staging`)
    /// unless it sets its own, so the owner's backups, dumps and crontab line stay the owner's.
    static func context(_ config: BerthConfig, _ environment: EnvironmentConfig, members: [any StackMember]) -> StackContext {
        let suffix = environment.shares == nil ? "" : "-\(environment.name)"
        // Keep in step with StackContext.sharingProject, which the owner's proxy uses to admit this project.
        var context = StackContext(
            name: config.name + suffix, environment: environment.name, domain: environment.domain ?? config.domain, timezone: config.timezone,
            acmeEmail: config.acmeEmail, dataRoot: environment.dataRoot ?? config.dataRoot + suffix,
            scratchRoot: environment.scratchRoot ?? config.scratchRoot + suffix, servicesDir: environment.target.path,
            dumpsDir: environment.dumpsDir ?? config.dumpsDir + suffix, user: config.user,
            enabledModules: Set(members.map(\.id)), certificates: environment.certificates
        )
        context.dockerSocket = environment.dockerSocket ?? VolumeMount.defaultDockerSocket
        context.sharedFrom = environment.shares
        context.acme = environment.acme
        context.swarm = environment.orchestrator.kind == .swarm
        context.backupCopyTo = config.backupCopyTo
        context.backupKeep = config.backupKeep
        return context
    }

    /// Every route of the members, resolved; a sharing environment's are renamed `<environment>-<name>`.
    static func routes(_ members: [any StackMember], context: StackContext, identity: IdentityProviderInfo?, environment: String?) -> [ResolvedRoute] {
        members.flatMap { plugin in
            plugin.routes(in: context).map { route in
                var route = route
                if let environment { route.name = "\(environment)-\(route.name)" }
                return ResolvedRoute(route: route, module: plugin.id, forwardAuth: route.protected ? identity?.forwardAuth : nil, environment: environment)
            }
        }
    }

    /// The environment whose proxy and identity provider `environment` shares, with what a sharer uses of it.
    struct Owner {
        let environment: EnvironmentConfig
        let context: StackContext
        let infrastructure: [any StackMember]
        let identity: IdentityProviderInfo?
        let proxy: (any StackMember)?
        let proxyService: String
    }

    func owner(_ config: BerthConfig, _ environment: EnvironmentConfig) -> Owner? {
        guard let name = environment.shares, let shared = config.environments.first(where: { $0.name == name }) else { return nil }
        let members = self.members(config, shared)
        let context = Self.context(config, shared, members: members)
        let resolver = CapabilityResolver(registry: registry, plugins: members, context: context)
        let infrastructure = [resolver.provider(.reverseProxy), resolver.provider(.identityProvider)].compactMap { $0 }
        let proxy = resolver.provider(.reverseProxy)
        let proxyService = proxy.flatMap { $0.compose(in: RenderContext(stack: context)).services.first?.name } ?? ""
        // Its services are another project's: a sharing environment's containers cannot depend on them.
        var identity = resolver.identity
        identity?.services = []
        return Owner(environment: shared, context: context, infrastructure: infrastructure, identity: identity, proxy: proxy, proxyService: proxyService)
    }

    /// Puts the routed services of a sharing environment on the owner's proxy network, the way the proxy wants.
    static func join(_ fragment: inout ComposeFragment, services: Set<String>, network: String, how: SharedJoin) {
        guard case .compose(let labels) = how else { return }
        // Compose's own name for the external network inside this project; its real name is the owner's.
        for index in fragment.services.indices where services.contains(fragment.services[index].name) {
            fragment.services[index].networks = ["default", SharedProxy.networkKey]
            fragment.services[index].labels = merge(fragment.services[index].labels, labels)
        }
        fragment.externalNetworks[SharedProxy.networkKey] = network
    }
}
