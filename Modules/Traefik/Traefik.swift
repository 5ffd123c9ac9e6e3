import ServicePlugin

/// Traefik v3, the reverse proxy: TLS through ACME, routes from every module's labels.
public struct Traefik: ServicePlugin {
    public static let id = "traefik"
    public static let summary = "Reverse proxy (Traefik v3): ACME TLS, HTTP to HTTPS redirect, routes from every module"

    public static let images = [
        ImageSpec(
            name: "traefik", repository: "traefik", defaultTag: "v3.7.13", minimumVersion: "v3.0", supportedBelow: "v4.0",
            migrations: [.at("v4.0", "Traefik v4 is newer than this module, which renders Traefik v3's static and dynamic configuration.")]
        ),
    ]

    public static let options = [
        OptionSpec("dashboard", .dnsLabel(allowEmpty: true), default: .string("traefik"),
                   "The dashboard is served on <dashboard>.<domain>; empty disables it."),
        OptionSpec("dashboard_protected", .bool, default: .bool(true), "Put the identity provider's forward-auth in front of the dashboard."),
        OptionSpec("http_port", .integer(1...65535), default: .integer(80), "Host port of the HTTP entry point."),
        OptionSpec("https_port", .integer(1...65535), default: .integer(443), "Host port of the HTTPS entry point."),
        OptionSpec("bind_address", .ipAddress(allowEmpty: true), default: .string(""), "Host address the entry points are published on, e.g. 127.0.0.1; empty for every address."),
        OptionSpec("log_level", .oneOf(["DEBUG", "INFO", "WARN", "ERROR"]), default: .string("INFO"), "Traefik's log level."),
        OptionSpec("acme_staging", .bool, default: .bool(false), "Use Let's Encrypt's staging CA (for trials; browsers will not trust it)."),
    ]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    public var provides: [Capability] { [.reverseProxy] }

    /// The certificate resolver every router uses.
    static let resolver = "resolver"

    public func routes(in context: StackContext) -> [Route] {
        guard let dashboard = options.optionalString("dashboard") else { return [] }
        return [
            Route(
                name: "dashboard", hosts: [context.host(dashboard)], target: .proxyInternal("api@internal", carrier: "traefik"),
                protected: options.bool("dashboard_protected"), adminUI: true
            ),
        ]
    }
}
