import BerthCore
import ServicePlugin

/// A minimal module for rule tests: publishes a port and routes a hostname.
struct Echo: ServicePlugin {
    static let id = "echo"
    static let summary = "test module"
    static let images = [ImageSpec(name: "echo", repository: "example/echo", defaultTag: "1.0")]
    static let options = [
        OptionSpec("port", .integer(1...65535), default: .integer(8080), "published port"),
        OptionSpec("subdomain", .dnsLabel(allowEmpty: false), default: .string("echo"), "route"),
        OptionSpec("proxy", .bool, default: .bool(false), "claims to be a reverse proxy"),
        OptionSpec("undeclared", .bool, default: .bool(false), "interpolates a variable it does not declare"),
        OptionSpec("stray_data", .bool, default: .bool(false), "mounts data no backup covers"),
        OptionSpec("hooks", .bool, default: .bool(false), "declares a before and an after backup hook"),
    ]
    let options: OptionValues
    init(options: OptionValues) { self.options = options }

    var provides: [Capability] { options.bool("proxy") ? [.reverseProxy] : [] }

    func routes(in context: StackContext) -> [Route] {
        [Route(name: "echo", hosts: [context.host(options.string("subdomain"))], target: .service("echo", port: 80))]
    }

    func backup(in context: RenderContext) -> BackupSpec {
        guard options.bool("hooks") else { return BackupSpec() }
        return BackupSpec(hooks: [
            BackupHook("pause", .before, service: "echo", argv: ["echo-ctl", "pause"]),
            BackupHook("resume", .after, service: "echo", argv: ["echo-ctl", "resume"]),
        ])
    }

    func compose(in context: RenderContext) -> ComposeFragment {
        var service = ComposeService(name: "echo", image: context.image("echo"), ports: [PortMapping(host: options.integer("port"), container: 80)])
        if options.bool("undeclared") { service.environment = [EnvironmentEntry("TOKEN", .variable("ECHO_TOKEN"))] }
        if options.bool("stray_data") { service.volumes = [.data(context.dataPath("echo", "state"), "/state")] }
        return ComposeFragment(services: [service])
    }
}

extension PluginRegistry {
    static let withEcho = PluginRegistry(PluginRegistry.standard.plugins + [Echo.self])
}

enum FakeStacks {
    static func build(_ services: String, registry: PluginRegistry = .withEcho, target: String? = nil) throws -> Stack {
        var text = Fixtures.withServices(services)
        if let target { text = text.replacingOccurrences(of: "ssh://deploy@tangram-orchestre.fr/opt/services", with: target) }
        let config = try ConfigLoader(registry: registry).parse(text, file: "/tmp/berth-tests/berth.yaml")
        return try StackBuilder(registry: registry).build(config, environment: "production")
    }

    static func problems(_ services: String) throws -> [String] {
        StackValidator.validate(try build(services)).map(\.description)
    }
}
