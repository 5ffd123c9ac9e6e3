import ServicePlugin

/// Dozzle, the live log viewer: this stack's containers only, read-only socket, behind SSO.
public struct Dozzle: ServicePlugin {
    public static let id = "dozzle"
    public static let summary = "Live container logs (Dozzle): this stack only, read-only Docker socket, signed in through the identity provider"

    static let app = ImageSpec(
        name: "dozzle", repository: "amir20/dozzle", defaultTag: "v8.14.0", minimumVersion: "v8.0.0", supportedBelow: "v9.0.0",
        migrations: [.at("v9.0.0", "Dozzle 9 is newer than this module: check its authentication and filter settings first.")]
    )
    public static let images = [app]

    static let subdomain = OptionKey("subdomain", .dnsLabel(allowEmpty: false), default: "logs", "Dozzle is served on <subdomain>.<domain>.")
    static let allContainers = OptionKey(
        "all_containers", default: false, "Show every container on the host, not only this stack's (compose project) ones.")
    public static let options: [any OptionDeclaration] = [subdomain, allContainers]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    /// Dozzle's HTTP port inside the container.
    static let port = 8080
}
