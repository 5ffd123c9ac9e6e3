import ServicePlugin

/// `berth modules`: what each registered module declares, as plain data for text or JSON.
public enum ModuleCatalog {
    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        public var summary: String
        public var enabled: Bool
        public var provides: [String]
        public var images: [String]
        /// Per image: the supported versions and the migration boundaries, for `berth update`.
        public var versions: [String]
        public var options: [Option]
        public var env: [EnvEntry]
        public var healthChecks: [String]
        public var backup: Backup
        public var routes: [RouteEntry]
        /// Per service: how its container is confined, and every relaxation with its reason.
        public var hardening: [HardeningEntry]
    }

    public struct HardeningEntry: Codable, Sendable, Equatable {
        public var service: String
        /// e.g. `no-new-privileges, cap_drop ALL + DAC_OVERRIDE, read-only (tmpfs /tmp), 1g, 256 processes, cpu_shares 512`.
        public var summary: String
        public var relaxed: [ContainerHardening.Relaxation]
    }

    public struct Option: Codable, Sendable, Equatable {
        public var name: String
        public var type: String
        public var defaultValue: String?
        public var value: String?
        public var description: String
    }

    public struct EnvEntry: Codable, Sendable, Equatable {
        public var name: String
        public var required: Bool
        public var secret: Bool
        public var kind: String
        public var generated: Bool
        public var description: String
    }

    public struct Backup: Codable, Sendable, Equatable {
        public var dumps: [String]
        public var include: [String]
        public var exclude: [String]
    }

    public struct RouteEntry: Codable, Sendable, Equatable {
        public var name: String
        public var hosts: [String]
        public var target: String
        public var protected: Bool
    }

    /// Every registered module: enabled ones with the config's options, the others with their defaults.
    public static func entries(config: BerthConfig, environment: String, registry: PluginRegistry = .standard) throws -> [Entry] {
        var full = config
        let enabled = Set(config.services.map(\.id))
        full.services += registry.ids.filter { !enabled.contains($0) }.map { ServiceConfig(id: $0, options: [:], version: nil) }
        let stack = try StackBuilder(registry: registry).build(full, environment: environment)
        return stack.modules.map { module in
            entry(module, given: config.services.first { $0.id == module.id })
        }
    }

    static func entry(_ module: StackModule, given: ServiceConfig?) -> Entry {
        let type = module.type
        let options = type.optionSpecs.map { spec in
            Option(
                name: spec.name, type: spec.type.description, defaultValue: spec.defaultValue?.description,
                value: given?.options[spec.name]?.description, description: spec.description
            )
        }
        return Entry(
            id: module.id, summary: type.summary, enabled: given != nil, provides: module.definition.provides.map(\.rawValue),
            images: type.images.compactMap { module.images[$0.name]?.description },
            versions: type.images.compactMap(versions),
            options: options,
            env: module.envSchema.map {
                EnvEntry(name: $0.name, required: $0.required, secret: $0.secret, kind: $0.kind.description, generated: $0.generator != nil, description: $0.description)
            },
            healthChecks: module.healthChecks.map { "\($0.name): \(describe($0.kind))" },
            backup: Backup(
                dumps: module.backup.dumps.map { "pg_dump \($0.database) as \($0.user) in \($0.service)" },
                include: module.backup.include,
                exclude: module.backup.exclude.map { "\($0.path) (\($0.reason))" }
            ),
            routes: module.routes.map {
                RouteEntry(name: $0.route.name, hosts: $0.route.hosts, target: describe($0.route.target), protected: $0.route.protected)
            },
            hardening: module.fragment.services.map { HardeningEntry(service: $0.name, summary: describe($0.hardening), relaxed: $0.hardening.relaxations) }
        )
    }

    static func describe(_ hardening: ContainerHardening) -> String {
        let capabilities = hardening.capabilities.map { added in (["cap_drop ALL"] + added).joined(separator: " + ") } ?? "the engine's capabilities"
        let root = hardening.readOnlyRoot ? "read-only" + (hardening.tmpfs.isEmpty ? "" : " (tmpfs \(hardening.tmpfs.joined(separator: ", ")))") : "writable root"
        return [
            hardening.noNewPrivileges ? "no-new-privileges" : "new privileges allowed", capabilities, root, hardening.memory,
            "\(hardening.pids) processes", "cpu_shares \(hardening.cpuShares)",
        ].joined(separator: ", ")
    }

    /// `app: 1.0.0 to below 3.0.0; migration at 2.0.0, 3.0.0`, or nil for an image with neither.
    static func versions(_ spec: ImageSpec) -> String? {
        var parts: [String] = []
        switch (spec.minimumVersion, spec.supportedBelow) {
        case let (minimum?, bound?): parts.append("\(minimum) to below \(bound)")
        case let (minimum?, nil): parts.append("\(minimum) and newer")
        case let (nil, bound?): parts.append("below \(bound)")
        case (nil, nil): break
        }
        let boundaries = spec.migrations.map { boundary in
            switch boundary.kind {
            case .at(let version): version
            case .everyMajor: "every major version"
            }
        }
        if !boundaries.isEmpty { parts.append("migration at " + boundaries.joined(separator: ", ")) }
        return parts.isEmpty ? nil : "\(spec.name): " + parts.joined(separator: "; ")
    }

    static func describe(_ target: Route.Target) -> String {
        switch target {
        case .service(let service, let port): "\(service):\(port)"
        case .proxyInternal(let name, _): name
        }
    }

    static func describe(_ kind: HealthCheck.Kind) -> String {
        switch kind {
        case .container(let service): "container \(service) running and healthy"
        case .http(let probe):
            "GET \(probe.publicHost.map { "https://\($0)" } ?? "http://\(probe.service):\(probe.port)")\(probe.path) -> \(probe.expectStatus.map(String.init).joined(separator: "|"))"
        case .command(let service, let argv, let code): "in \(service): \(argv.joined(separator: " ")) exits \(code)"
        case .commandJSON(let service, let argv, let expectation):
            "in \(service): \(argv.joined(separator: " ")) prints JSON naming every \(expectation.key) of \(expectation.includes.joined(separator: ", "))"
        case .tcp(let service, let port): "TCP connect \(service):\(port)"
        case .tlsExpiry(let host, _, _): "certificate of \(host) valid for 14 days or more"
        case .backupFreshness(let hours): "newest snapshot and every dump younger than \(CheckRunner.seconds(hours)) h"
        }
    }
}
