import ServicePlugin

/// Turns a config and an environment name into a ``Stack``: options, images, capabilities, routes.
public struct StackBuilder: Sendable {
    public var registry: PluginRegistry

    public init(registry: PluginRegistry = .standard) { self.registry = registry }

    public func build(_ config: BerthConfig, environment name: String) throws -> Stack {
        let environment = try config.environment(name)
        var diagnostics: [Diagnostic] = []
        let context = StackContext(
            name: config.name, environment: name, domain: environment.domain ?? config.domain, timezone: config.timezone,
            acmeEmail: config.acmeEmail, dataRoot: environment.dataRoot ?? config.dataRoot,
            scratchRoot: environment.scratchRoot ?? config.scratchRoot, servicesDir: environment.target.path,
            dumpsDir: environment.dumpsDir ?? config.dumpsDir, user: config.user,
            enabledPlugins: Set(config.services.map(\.id)), certificates: environment.certificates
        )
        var members: [any StackMember] = config.services.compactMap { service in
            registry.plugin(service.id).map { type in
                type.init(options: OptionValues(specs: type.optionSpecs, given: service.options, version: service.version))
            }
        }
        members += config.apps.map(App.init)
        let instances: [(plugin: any StackMember, images: [String: ImageRef])] = members.map { plugin in
            var images = resolveImages(plugin, config: config, diagnostics: &diagnostics)
            if let mirror = environment.registryMirror { images = images.mapValues { $0.mirrored(through: mirror) } }
            return (plugin, images)
        }
        let plugins = instances.map(\.plugin)
        let resolver = CapabilityResolver(registry: registry, plugins: plugins, context: context)
        let identity = resolver.identity
        let oidcClients = plugins.flatMap { $0.oidcClients(in: context) }
        let routes = plugins.flatMap { plugin in
            plugin.routes(in: context).map { route in
                ResolvedRoute(route: route, plugin: plugin.id, forwardAuth: route.protected ? identity?.forwardAuth : nil)
            }
        }
        diagnostics += resolver.check(routes: routes, path: config.memberPath)
        let proxy = resolver.provider(.reverseProxy) as? any ReverseProxy
        let modules = instances.map { plugin, images in
            let renderContext = RenderContext(stack: context, images: images, identity: identity, oidcClients: oidcClients, routes: routes)
            let ownRoutes = routes.filter { $0.plugin == plugin.id }
            var fragment = plugin.compose(in: renderContext).settingTimezone(context.timezone)
            if let proxy {
                for route in ownRoutes {
                    guard let index = fragment.services.firstIndex(where: { $0.name == route.route.carrier }) else {
                        diagnostics.append(Diagnostic(path: config.memberPath(plugin.id), "route '\(route.route.name)' names service '\(route.route.carrier)', which the module does not define"))
                        continue
                    }
                    let labels = proxy.proxyLabels(for: route, in: renderContext)
                    fragment.services[index].labels = Self.merge(fragment.services[index].labels, labels)
                }
            }
            Self.stampMountedFiles(&fragment)
            return StackModule(
                plugin: plugin, images: images, context: renderContext, fragment: fragment,
                envSchema: plugin.envSchema(in: renderContext), healthChecks: plugin.healthChecks(in: renderContext),
                backup: plugin.backup(in: renderContext), routes: ownRoutes
            )
        }
        return Stack(config: config, environment: environment, context: context, modules: modules, diagnostics: diagnostics)
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
