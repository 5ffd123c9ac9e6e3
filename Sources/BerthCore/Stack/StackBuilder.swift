import ServicePlugin

/// Turns a config and an environment name into a ``Stack``: options, images, capabilities, routes.
public struct StackBuilder: Sendable {
    public var registry: PluginRegistry

    public init(registry: PluginRegistry = .standard) { self.registry = registry }

    public func build(_ config: BerthConfig, environment name: String) throws -> Stack {
        let environment = try config.environment(name)
        var diagnostics: [Diagnostic] = []
        let members = self.members(config, environment)
        let context = Self.context(config, environment, members: members)
        let instances: [(plugin: any StackMember, images: [String: ImageRef])] = members.map { plugin in
            var images = resolveImages(plugin, config: config, diagnostics: &diagnostics)
            if let mirror = environment.registryMirror { images = images.mapValues { $0.mirrored(through: mirror) } }
            return (plugin, images)
        }
        let owner = self.owner(config, environment)
        let resolver = CapabilityResolver(registry: registry, plugins: members, context: context, shared: owner?.infrastructure ?? [])
        let identity = owner.map(\.identity) ?? resolver.identity
        let routes = Self.routes(members, context: context, identity: identity, environment: owner == nil ? nil : name)
        diagnostics += resolver.check(routes: routes, path: { config.memberPath($0, environment: name) })
        // The proxy's own environment also serves the routes of every environment that shares it.
        // Its identity provider registers their OIDC clients too (their slugs carry the environment's name).
        var served = routes
        var oidcClients = members.flatMap { $0.oidcClients(in: context) }
        if owner == nil {
            for sharer in config.environments where sharer.shares == name {
                let sharerMembers = self.members(config, sharer)
                let sharerContext = Self.context(config, sharer, members: sharerMembers)
                served += Self.routes(sharerMembers, context: sharerContext, identity: identity, environment: sharer.name)
                oidcClients += sharerMembers.flatMap { $0.oidcClients(in: sharerContext) }
            }
        }
        let proxy = (owner?.proxy ?? resolver.provider(.reverseProxy)) as? any ReverseProxy
        var sharedNetwork: String?
        let modules = instances.map { plugin, images in
            let renderContext = RenderContext(stack: context, images: images, identity: identity, oidcClients: oidcClients, routes: served)
            let ownRoutes = routes.filter { $0.module == plugin.id }
            let assembled = plugin.assembled(in: renderContext)
            var fragment = assembled.fragment.settingTimezone(context.timezone).cappingHealthcheckIntervals(at: environment.healthcheckInterval)
                .bindingPorts(to: environment.bindAddress)
            if let proxy {
                var routed = Set<String>()
                for route in ownRoutes {
                    guard let index = fragment.services.firstIndex(where: { $0.name == route.route.carrier }) else {
                        diagnostics.append(
                            Diagnostic(path: config.memberPath(plugin.id, environment: name), "route '\(route.route.name)' names service '\(route.route.carrier)', which the module does not define"))
                        continue
                    }
                    let labels = proxy.proxyLabels(for: route, in: renderContext)
                    fragment.services[index].labels = Self.merge(fragment.services[index].labels, labels)
                    routed.insert(route.route.carrier)
                }
                if let owner, !routed.isEmpty, let network = proxy.sharedNetwork(in: renderContext) {
                    sharedNetwork = network
                    let full = "\(owner.context.name)_\(network)"
                    Self.join(&fragment, services: routed, network: full, how: proxy.sharedJoin(network: full))
                }
            }
            Self.stampMountedFiles(&fragment)
            return StackModule(
                definition: plugin, images: images, context: renderContext, fragment: fragment,
                envSchema: assembled.envSchema, healthChecks: assembled.healthChecks, backup: assembled.backup, routes: ownRoutes
            )
        }
        var stack = Stack(config: config, environment: environment, context: context, modules: modules, diagnostics: diagnostics)
        stack.registry = registry
        if let owner, let proxy {
            stack.sharedProxy = SharedProxy(
                environment: owner.environment.name, project: owner.context.name, proxyService: owner.proxyService,
                network: sharedNetwork.map { "\(owner.context.name)_\($0)" }, joinsByAlias: sharedNetwork.map { proxy.sharedJoin(network: $0) == .alias } ?? true)
            stack.sharedProxy?.configurationProbe = proxy.runningConfiguration(sharedBy: routes, project: context.name)
        }
        return stack
    }

    /// The label carrying the checksum of the module files a service bind-mounts.
    public static let filesLabel = "berth.files-sha256"

    /// Labels each service that mounts module files (`./traefik.yml`, `./blueprints`) with their checksum.
    ///
    /// A container does not see a new bind-mounted file on its own; with the checksum in its
    /// labels, compose's own config hash changes and `up -d` recreates exactly that service.
    static func stampMountedFiles(_ fragment: inout ComposeFragment) {
        for index in fragment.services.indices {
            let sources = fragment.services[index].volumes.filter { $0.role == .config && $0.source.hasPrefix("./") }
                .map { String($0.source.dropFirst(2)) }
            let files = fragment.files.filter { file in sources.contains { file.path == $0 || file.path.hasPrefix($0 + "/") } }
                .sorted { $0.path < $1.path }
            guard !files.isEmpty else { continue }
            let checksum = SHA256.files(files.map { ($0.path, $0.contents) })
            fragment.services[index].labels = merge(fragment.services[index].labels, [Label(filesLabel, checksum)])
        }
    }

    /// Labels in key order, later ones winning, so the output never depends on insertion order.
    static func merge(_ base: [Label], _ extra: [Label]) -> [Label] {
        var byKey: [String: String] = [:]
        for label in base + extra { byKey[label.key] = label.value }
        return byKey.map { Label($0.key, $0.value) }.sorted()
    }

    private func resolveImages(_ plugin: any StackMember, config: BerthConfig, diagnostics: inout [Diagnostic]) -> [String: ImageRef] {
        var images: [String: ImageRef] = [:]
        for (index, spec) in plugin.images.enumerated() {
            let (tag, source) = config.tagSource(plugin.id, image: index, spec: spec)
            // An app's own image is pinned to the digest its tag was resolved to, when the deploy did so.
            let digest = plugin is App && index == 0 ? config.appDigests[plugin.id] : nil
            let ref = ImageRef(repository: spec.repository, tag: tag, digest: digest)
            if let minimum = spec.minimumVersion, ref.isOlder(than: minimum) {
                let (path, location): (String, String?) =
                    source == .lock
                    ? ("pins.\(plugin.id).\(spec.name)", config.lock.location(plugin.id, spec.name, file: config.lockPath))
                    : ("services.\(plugin.id).version", nil)
                diagnostics.append(Diagnostic(path: path, "\(tag) is older than \(minimum), the oldest \(spec.repository) the module supports", location: location))
            }
            images[spec.name] = ref
        }
        return images
    }
}
