import BerthCore
import ServicePlugin

/// A minimal module for rule tests: routes a hostname, and publishes a port when told.
struct Echo: ServicePlugin {
    static let id = "echo"
    static let summary = "test module"
    static let echo = ImageSpec(name: "echo", repository: "example/echo", defaultTag: "1.0")
    static let images = [echo]
    static let port = OptionKey("port", in: 1...65535, default: 8080, "published port")
    static let publish = OptionKey("publish", default: false, "publishes the port")
    static let subdomain = OptionKey("subdomain", .dnsLabel(allowEmpty: false), default: "echo", "route")
    static let undeclared = OptionKey("undeclared", default: false, "interpolates a variable it does not declare")
    static let strayData = OptionKey("stray_data", default: false, "mounts data no backup covers")
    static let hooks = OptionKey("hooks", default: false, "declares a before and an after backup hook")
    static let options: [any OptionDeclaration] = [port, publish, subdomain, undeclared, strayData, hooks]
    let options: OptionValues
    init(options: OptionValues) { self.options = options }

    func routes(in context: StackContext) -> [Route] {
        [Route(name: "echo", hosts: [context.host(options[Self.subdomain])], target: .service("echo", port: 80))]
    }

    func backup(in context: RenderContext) -> BackupSpec {
        guard options[Self.hooks] else { return BackupSpec() }
        return BackupSpec(hooks: [
            BackupHook("pause", .before, service: "echo", argv: ["echo-ctl", "pause"]),
            BackupHook("resume", .after, service: "echo", argv: ["echo-ctl", "resume"]),
        ])
    }

    func compose(in context: RenderContext) -> ComposeFragment {
        var service = ComposeService(
            name: "echo", image: context.image(Self.echo), ports: options[Self.publish] ? [PortMapping(host: options[Self.port], container: 80)] : [])
        if options[Self.undeclared] { service.environment = [EnvironmentEntry("TOKEN", .variable("ECHO_TOKEN"))] }
        if options[Self.strayData] { service.volumes = [.data(context.dataPath("echo", "state"), "/state")] }
        return ComposeFragment(services: [service])
    }
}

/// A second reverse proxy, for the rule that one capability has one provider.
struct EchoProxy: ReverseProxy {
    static let id = "echo-proxy"
    static let summary = "test module that claims to be a reverse proxy"
    static let images = [ImageSpec(name: "proxy", repository: "example/proxy", defaultTag: "1.0")]
    init(options: OptionValues) {}

    func compose(in context: RenderContext) -> ComposeFragment {
        ComposeFragment(services: [ComposeService(name: "echo-proxy", image: context.image(Self.images[0]))])
    }
}

extension PluginRegistry {
    static let withEcho = PluginRegistry(PluginRegistry.standard.plugins + [Echo.self])
    static let withEchoProxy = PluginRegistry(PluginRegistry.standard.plugins + [Echo.self, EchoProxy.self])
}

enum FakeStacks {
    static func build(_ services: String, registry: PluginRegistry = .withEcho, target: String? = nil) throws -> Stack {
        var text = Fixtures.withServices(services)
        if let target { text = text.replacingOccurrences(of: "ssh://deploy@tangram-orchestre.fr/opt/services", with: target) }
        let config = try ConfigLoader(registry: registry).parse(text, file: "/tmp/berth-tests/berth.yaml")
        return try StackBuilder(registry: registry).build(config, environment: "production")
    }

    static func problems(_ services: String, registry: PluginRegistry = .withEcho) throws -> [String] {
        StackValidator.validate(try build(services, registry: registry)).map(\.description)
    }
}
