import ServicePlugin

/// Traefik v3, the reverse proxy: TLS through ACME, routes from every module's labels.
public struct Traefik: ReverseProxy {
    public static let id = "traefik"
    public static let summary = "Reverse proxy (Traefik v3): ACME TLS, HTTP to HTTPS redirect, routes from every module"

    static let traefik = ImageSpec(
        name: "traefik", repository: "traefik", defaultTag: "v3.7.15", minimumVersion: "v3.0", supportedBelow: "v4.0",
        migrations: [.at("v4.0", "Traefik v4 is newer than this module, which renders Traefik v3's static and dynamic configuration.")]
    )
    public static let images = [traefik, DockerSocketProxy.image]

    /// The docker provider's view of the engine: containers, their events, and nothing it could change.
    static let socketProxy = DockerSocketProxy(module: id, reads: DockerSocketProxy.handshake + DockerSocketProxy.containers)

    public var parts: [any ModulePart] { [Self.socketProxy] }

    static let dashboard = OptionKey<String?>(
        "dashboard", .dnsLabel(allowEmpty: true), default: "traefik", "The dashboard is served on <dashboard>.<domain>; empty disables it.")
    static let dashboardProtected = OptionKey(
        "dashboard_protected", default: true,
        "Require the identity provider's forward-auth in front of the dashboard; false puts it there only when the stack has a provider, and serves it without sign-in otherwise.")
    public static let options: [any OptionDeclaration] = [dashboard, dashboardProtected] + ProxyOptions.all

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    /// The certificate resolver every router uses.
    static let resolver = "resolver"

    /// The network environments sharing this proxy join (`shares:`); Traefik's own services stay on `default`.
    static let sharedNetwork = "berth-shared"

    public func routes(in context: StackContext) -> [Route] {
        guard let dashboard = options[Self.dashboard] else { return [] }
        return [
            Route(
                name: "dashboard", hosts: [context.host(dashboard)], target: .proxyInternal("api@internal", carrier: Self.proxy.name),
                protection: options[Self.dashboardProtected] ? .always : .whenIdentityProvider, adminUI: true
            )
        ]
    }
}
