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

    public static let options: [any OptionDeclaration] = ProxyOptions.all

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    /// The unpublished port of the health endpoint.
    static let healthPort = 8081
    /// The proxy's service, probed on its health endpoint.
    static let proxy = ServiceKey("caddy", port: healthPort)
    /// The admin API, on the container's loopback only: nothing on the stack's network can reconfigure the proxy.
    static let adminAddress = "localhost:2019"
    /// How often Caddy looks up a live alias again; a rollout waits twice this before stopping the old container.
    static let liveRefresh = "500ms"
    /// The network on which Caddy reaches the healthy containers of services that roll out.
    static let liveNetwork = "berth-live"
    /// Let's Encrypt's staging directory, for `acme_staging`.
    static let stagingCA = "https://acme-staging-v02.api.letsencrypt.org/directory"
    /// Where a private ACME server's roots (`ca_file:` with `acme_ca:`) are mounted in the container.
    static let acmeRootsPath = "/etc/caddy/\(ACMEServer.rootsFile)"
}
