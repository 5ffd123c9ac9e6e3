import ServicePlugin

/// Caddy 2, the reverse proxy: routes rendered from every module, automatic HTTPS, no Docker socket.
///
/// Berth knows every route, so it writes Caddy's whole configuration (a Caddyfile); unlike Traefik's
/// label discovery, the internet-facing container needs no access to the Docker socket.
public struct Caddy: ReverseProxy {
    public static let id = "caddy"
    public static let summary = "Reverse proxy (Caddy 2): automatic HTTPS, routes rendered from every module, no Docker socket"

    static let caddy = ImageSpec(
        name: "caddy", repository: "caddy", defaultTag: "2.11.7", minimumVersion: "2.8", supportedBelow: "3.0",
        migrations: [.at("3.0", "Caddy 3 is newer than this module, which renders a Caddy 2 Caddyfile.")]
    )
    public static let images = [caddy]

    static let httpPort = OptionKey("http_port", in: 1...65535, default: 80, "Host port of the HTTP listener (it only redirects to HTTPS).")
    static let httpsPort = OptionKey("https_port", in: 1...65535, default: 443, "Host port of the HTTPS listener.")
    static let bindAddress = OptionKey<String?>(
        "bind_address", .ipAddress(allowEmpty: true), unsetByDefault: "Host address the listeners are published on, e.g. 127.0.0.1; empty for every address.")
    static let logLevel = OptionKey("log_level", .oneOf(["DEBUG", "INFO", "WARN", "ERROR"]), default: "INFO", "Caddy's log level.")
    static let acmeStaging = OptionKey("acme_staging", default: false, "Use Let's Encrypt's staging CA (for trials; browsers will not trust it).")
    public static let options: [any OptionDeclaration] = [httpPort, httpsPort, bindAddress, logLevel, acmeStaging]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    /// The unpublished port of the health endpoint.
    static let healthPort = 8081
    /// The admin API, on the container's loopback only: nothing on the stack's network can reconfigure the proxy.
    static let adminAddress = "localhost:2019"
    /// Let's Encrypt's staging directory, for `acme_staging`.
    static let stagingCA = "https://acme-staging-v02.api.letsencrypt.org/directory"
}
