import ServicePlugin

extension Traefik {
    public func compose(in context: RenderContext) -> ComposeFragment {
        var files = [ExtraFile.yaml("traefik.yml", staticConfiguration(context), header: "Rendered by Berth: Traefik static configuration.")]
        if let forwardAuth = context.identity?.forwardAuth {
            files.append(
                .yaml(
                    "dynamic-conf/\(forwardAuth.name)-middleware.yaml", middleware(forwardAuth, context: context),
                    header: "Rendered by Berth: forward-auth of \(context.identity?.module ?? "the identity provider")."))
        }
        var service = ComposeService(
            name: Self.proxy.name,
            image: context.image(Self.traefik),
            volumes: Self.socketProxy.clientMounts(in: context) + [
                VolumeMount("./traefik.yml", "/etc/traefik/traefik.yml", readOnly: true, role: .config),
                VolumeMount("./dynamic-conf", "/etc/traefik/dynamic-conf", readOnly: true, role: .config),
                .data(context.dataPath(Self.id, "acme"), "/etc/traefik/acme"),
            ],
            ports: ProxyOptions.ports(options),
            healthcheck: ContainerHealthcheck(.exec(["traefik", "healthcheck", "--ping"]), interval: "10s", timeout: "5s", retries: 3, startPeriod: "10s"),
            // Root in the container, but the socket (root's) and acme.json (its own) need no capability, and
            // Docker lets a container's processes bind 80 and 443 without one.
            hardening: .standard.sized(memory: "256m", pids: 256, cpuShares: 1024)
        )
        if let roots = acmeRoots(context) {
            files.append(roots.file)
            service.volumes.append(roots.volume)
            service.environment.append(roots.environment)
        }
        if let issued = internalCertificate(in: context) {
            files.append(internalTLSFile)
            service.volumes.append(.data(issued.directory, Self.internalDirectory, readOnly: true))
        }
        service.networks = Self.socketProxy.clientNetworks(in: context)
        service.dependsOn = Self.socketProxy.clientDependencies(in: context)
        var fragment = ComposeFragment(services: [service], files: files + swarmFiles(context))
        fragment.services[0].labels += swarmLabels(context)
        if let shared = sharedNetwork(in: context) {
            fragment.services[0].networks = ["default", shared] + fragment.services[0].networks.filter { $0 != "default" }
            fragment.networks = [shared]
        }
        return fragment
    }

    func staticConfiguration(_ context: RenderContext) -> YAMLValue {
        return .compact([
            // No call home: a server may have no route out, and the admin decides when to update.
            ("global", .map([("checkNewVersion", false), ("sendAnonymousUsage", false)])),
            (
                "entryPoints",
                .map([
                    (
                        "web",
                        .map([
                            ("address", ":80"),
                            ("http", .map([("redirections", .map([("entryPoint", .map([("to", "websecure"), ("scheme", "https")]))]))])),
                        ])
                    ),
                    // `X_App_User` aliases `X-App-User` for apps that read headers as variables (CGI, WSGI, PHP): Traefik
                    // forwards it as is, past the middleware that drops forged identity headers, unless told to delete it.
                    ("websecure", .map([("address", ":443"), ("http", .map([("aliasHeadersStrategy", "delete")] + swarmEntryPoint(context)))])),
                    ("traefik", .map([("address", ":8080")])),
                ])
            ),
            ("ping", .map([("entryPoint", "traefik")])),
            // `insecure` serves the API on the `traefik` entry point (:8080), which is never published:
            // only containers on the stack's network reach it, and `berth check` reads the loaded routers there.
            ("api", .map([("dashboard", .bool(options[Self.dashboard] != nil)), ("insecure", true)])),
            ("providers", providers(context)),
            ("certificatesResolvers", certificatesResolvers(context)),
            ("log", .map([("level", .string(options[ProxyOptions.logLevel]))])),
            ("serversTransport", swarmTransport(context)),
        ])
    }

    /// The file provider's middlewares: the forward-auth, and one that drops forged identity headers.
    func middleware(_ forwardAuth: ForwardAuth, context: RenderContext) -> YAMLValue {
        let auth: YAMLValue = .map([
            (
                "forwardAuth",
                .map([
                    ("address", .string(forwardAuth.address(for: Self.id) ?? "")),
                    ("trustForwardHeader", .bool(forwardAuth.trustForwardHeader)),
                    ("authResponseHeaders", .strings(forwardAuth.authResponseHeaders)),
                ])
            )
        ])
        // An empty value makes Traefik remove the header from the request.
        let clean: YAMLValue = .map([("headers", .map([("customRequestHeaders", .map(context.identityHeaderNames.map { ($0, .string("")) }))]))])
        return .map([("http", .map([("middlewares", .map([(forwardAuth.name, auth), (Self.cleanMiddleware(forwardAuth), clean)]))]))])
    }

    /// The name of the middleware that drops forged identity headers.
    static func cleanMiddleware(_ forwardAuth: ForwardAuth) -> String { "\(forwardAuth.name)-clean" }
}
