import ServicePlugin

extension Dozzle {
    public func compose(in context: RenderContext) -> ComposeFragment {
        var environment = [
            EnvironmentEntry("DOZZLE_NO_ANALYTICS", "true"),
            EnvironmentEntry("DOZZLE_HOSTNAME", .text(context.host(options[Self.subdomain]))),
        ]
        if !options[Self.allContainers] {
            // Only the containers compose started for this stack; Dozzle reads the label from the socket.
            environment.append(EnvironmentEntry("DOZZLE_FILTER", .text("label=com.docker.compose.project=\(context.name)")))
        }
        environment += authentication(context)
        let service = ComposeService(
            name: "dozzle",
            image: context.image(Self.app),
            environment: environment,
            volumes: [.dockerSocket(context.dockerSocket, readOnly: true)],
            healthcheck: ContainerHealthcheck(.exec(["/dozzle", "healthcheck"]), interval: "30s", timeout: "5s", retries: 3, startPeriod: "10s"),
            securityOpt: ["no-new-privileges:true"]
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
}
