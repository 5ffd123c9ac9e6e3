import ServicePlugin

extension Adoption {
    /// `config` with every adopted module enabled and pinned to what runs; options the admin already set are kept.
    public func applied(to config: BerthConfig, registry: PluginRegistry = .standard) -> BerthConfig {
        var config = config
        for module in modules {
            var service = config.services.first { $0.id == module.id } ?? ServiceConfig(id: module.id, options: [:], version: nil)
            service.version = module.version ?? service.version
            service.images.merge(module.images) { $1 }
            let declared = Set(registry.plugin(module.id)?.optionSpecs.map(\.name) ?? [])
            for (key, value) in module.options where declared.contains(key) { service.options[key] = .string(value) }
            if let index = config.services.firstIndex(where: { $0.id == module.id }) { config.services[index] = service } else { config.services.append(service) }
        }
        return config
    }

    /// Drops the database options that say what the module's sidecar already renders (its own role, database and
    /// password auth), so that only what differs is written: with them all gone, the module is pinned by tag alone.
    public func trimmed(against stack: Stack) -> Adoption {
        var adoption = self
        for index in adoption.modules.indices {
            guard let module = stack.module(adoption.modules[index].id) else { continue }
            let databases = module.fragment.services.filter { service in service.environment.contains { $0.key == "POSTGRES_DB" } }
            guard let sidecar = databases.first else { continue }
            func rendered(_ key: String) -> String? { sidecar.environment.first { $0.key == key }.map { $0.value.description } }
            let defaults = [
                PostgresSidecar.userOption.name: rendered("POSTGRES_USER") ?? "postgres", PostgresSidecar.databaseOption.name: rendered("POSTGRES_DB") ?? "",
                PostgresSidecar.authOption.name: rendered("POSTGRES_HOST_AUTH_METHOD") ?? PostgresAuth.password.rawValue,
            ]
            adoption.modules[index].options.removeAll { defaults[$0.0] == $0.1 }
        }
        return adoption
    }

    /// The `berth.yaml` lines that take the project over: one entry a module under `services:`, one an app under `apps:`.
    /// The tags go to `berth.lock` (``pins(registry:)``); an adoption that still holds them writes them here too.
    public var configLines: [String] {
        var lines = ["services:"]
        for module in modules {
            var fields: [String] = []
            if let version = module.version { fields.append("version: \(Self.quoted(version))") }
            if !module.images.isEmpty {
                fields.append("images: { " + module.images.sorted { $0.key < $1.key }.map { "\($0.key): \(Self.quoted($0.value))" }.joined(separator: ", ") + " }")
            }
            fields += module.options.map { "\($0.0): \($0.1)" }
            lines.append("  \(module.id): { \(fields.joined(separator: ", ")) }".replacingOccurrences(of: "{  }", with: "{}"))
        }
        guard !apps.isEmpty else { return lines }
        lines.append("apps:")
        for app in apps {
            lines.append("  \(app.name): { image: \(app.image.repository), tag: \(Self.quoted(app.image.tag)), port: \(app.port) }")
        }
        return lines
    }

    static func quoted(_ text: String) -> String { "\"\(text)\"" }
}
