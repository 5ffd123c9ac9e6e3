import ServicePlugin

/// Dozzle, the live log viewer: this stack's containers only, read-only socket, behind SSO.
public struct Dozzle: ServicePlugin {
    public static let id = "dozzle"
    public static let summary = "Live container logs (Dozzle): this stack only, read-only Docker socket, signed in through the identity provider"

    static let app = ImageSpec(
        name: "dozzle", repository: "amir20/dozzle", defaultTag: "v8.14.0", minimumVersion: "v8.0.0", supportedBelow: "v9.0.0",
        migrations: [.at("v9.0.0", "Dozzle 9 is newer than this module: check its authentication and filter settings first.")]
    )
    public static let images = [app, DockerSocketProxy.image]

    /// Containers, their logs and their figures; nothing it could change.
    static let socketProxy = DockerSocketProxy(
        module: id, reads: DockerSocketProxy.handshake + DockerSocketProxy.containers + ["containers/[a-zA-Z0-9_.-]+/(logs|stats)"])

    public var parts: [any ModulePart] { [Self.socketProxy] }

    static let subdomain = OptionKey("subdomain", .dnsLabel(allowEmpty: false), default: "logs", "Dozzle is served on <subdomain>.<domain>.")
    static let allContainers = OptionKey(
        "all_containers", default: false, "Show every container on the host, not only this stack's (compose project) ones.")
    public static let options: [any OptionDeclaration] = [subdomain, allContainers]

    static let web = ServiceKey("dozzle", port: 8080)

    /// The headers Dozzle's forward-proxy sign-in reads, each paired with the claim the proxy fills it from.
    static let identityHeaders = [
        IdentityHeader(.username, as: "Remote-User"), IdentityHeader(.email, as: "Remote-Email"), IdentityHeader(.name, as: "Remote-Name"),
    ]

    public let options: OptionValues

    public init(options: OptionValues) { self.options = options }

    public func compose(in context: RenderContext) -> ComposeFragment {
        var environment = [
            EnvironmentEntry("DOZZLE_NO_ANALYTICS", "true"),
            EnvironmentEntry("DOZZLE_HOSTNAME", .text(context.host(options[Self.subdomain]))),
        ]
        if !options[Self.allContainers] {
            // Only the containers compose started for this stack; Dozzle reads the label from the socket.
            environment.append(EnvironmentEntry("DOZZLE_FILTER", .text("label=com.docker.compose.project=\(context.name)")))
        }
        environment += authentication(context) + Self.socketProxy.clientEnvironment(in: context)
        let service = ComposeService(
            name: Self.web.name,
            image: context.image(Self.app),
            environment: environment,
            volumes: Self.socketProxy.clientMounts(in: context),
            healthcheck: ContainerHealthcheck(.exec(["/dozzle", "healthcheck"]), interval: "30s", timeout: "5s", retries: 3, startPeriod: "10s"),
            dependsOn: Self.socketProxy.clientDependencies(in: context),
            networks: Self.socketProxy.clientNetworks(in: context),
            hardening: .standard.sized(memory: "128m", pids: 128, cpuShares: 512)
        )
        return ComposeFragment(services: [service])
    }

    /// Forward-proxy sign-in: the proxy passes the signed-in user in the headers the route names.
    func authentication(_ context: RenderContext) -> [EnvironmentEntry] {
        guard context.identity != nil else { return [] }
        let variables: [IdentityClaim: String] = [.username: "DOZZLE_AUTH_HEADER_USER", .email: "DOZZLE_AUTH_HEADER_EMAIL", .name: "DOZZLE_AUTH_HEADER_NAME"]
        return [EnvironmentEntry("DOZZLE_AUTH_PROVIDER", "forward-proxy")]
            + Self.identityHeaders.compactMap { mapping in variables[mapping.claim].map { EnvironmentEntry($0, .text(mapping.header)) } }
    }

    /// Logs show everything a service prints, secrets included: the route is always an admin UI behind SSO.
    public func routes(in context: StackContext) -> [Route] {
        [
            Route(
                name: "dozzle", hosts: [context.host(options[Self.subdomain])], target: .service(Self.web), protected: true, adminUI: true,
                identityHeaders: Self.identityHeaders)
        ]
    }

    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        // Straight to the container: the public hostname answers only signed-in users.
        [Self.web.containerCheck(), Self.web.httpCheck("healthcheck", path: "/healthcheck")]
    }
}
