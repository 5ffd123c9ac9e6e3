import ServicePlugin

/// What a release deploys, service by service, without any secret value: what `berth plan` compares.
public struct StackSummary: Codable, Sendable, Equatable {
    public struct Service: Codable, Sendable, Equatable {
        public var module: String
        public var image: String?
        /// Keys of the container environment and of the module's `.env` schema; never values.
        public var envKeys: [String]
        public var labels: [String]
        public var ports: [String]
        public var volumes: [String]
        /// SHA-256 of the service's rendered compose entry (it holds `${VAR}` references, never values).
        public var config: String
    }

    public var services: [String: Service]
    /// Extra files (and compose files) by tree path, with their SHA-256.
    public var files: [String: String]

    public init(services: [String: Service], files: [String: String]) {
        self.services = services
        self.files = files
    }

    public init(stack: Stack, tree: RenderedTree) {
        var services: [String: Service] = [:]
        for module in stack.modules {
            let schemaKeys = module.envSchema.map(\.name)
            for service in module.fragment.services {
                services[service.name] = Service(
                    module: module.id,
                    image: service.image?.description,
                    envKeys: Array(Set(service.environment.map(\.key) + (service.envFiles.isEmpty ? [] : schemaKeys))).sorted(),
                    labels: service.labels.map { "\($0.key)=\($0.value)" },
                    ports: service.ports.map(\.shortSyntax),
                    volumes: service.volumes.map(\.shortSyntax),
                    config: SHA256.hex(YAMLEmitter.emit(ComposeRenderer.value(service, features: stack.engine)))
                )
            }
        }
        var files: [String: String] = [:]
        for file in tree.files where file.path != TreeWriter.manifestPath { files[file.path] = SHA256.hex(file.contents) }
        self.init(services: services, files: files)
    }
}
