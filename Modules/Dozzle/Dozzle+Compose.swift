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
            volumes: [.dockerSocket(readOnly: true)],
            healthcheck: ContainerHealthcheck(.exec(["/dozzle", "healthcheck"]), interval: "30s", timeout: "5s", retries: 3, startPeriod: "10s"),
            securityOpt: ["no-new-privileges:true"]
        )
        return ComposeFragment(services: [service])
    }

    /// Forward-proxy sign-in: the identity provider's headers name the Dozzle user.
    func authentication(_ context: RenderContext) -> [EnvironmentEntry] {
        guard let headers = context.identity?.forwardAuth.authResponseHeaders else { return [] }
        var entries = [EnvironmentEntry("DOZZLE_AUTH_PROVIDER", "forward-proxy")]
        for (variable, suffix) in [("DOZZLE_AUTH_HEADER_USER", "-username"), ("DOZZLE_AUTH_HEADER_EMAIL", "-email"), ("DOZZLE_AUTH_HEADER_NAME", "-name")] {
            if let header = headers.first(where: { $0.lowercased().hasSuffix(suffix) }) {
                entries.append(EnvironmentEntry(variable, .text(header)))
            }
        }
        return entries
    }
}
