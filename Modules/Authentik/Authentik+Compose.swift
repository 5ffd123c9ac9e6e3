import ServicePlugin

extension Authentik {
    public func compose(in context: RenderContext) -> ComposeFragment {
        var services = [database(context)]
        if usesRedis(context) { services.append(redis(context)) }
        services += [server(context), worker(context)]
        return ComposeFragment(services: services, files: blueprintFiles(context))
    }

    private var environment: [EnvironmentEntry] {
        [
            EnvironmentEntry("AUTHENTIK_POSTGRESQL__HOST", "authentik-postgresql"),
            EnvironmentEntry("AUTHENTIK_POSTGRESQL__USER", "authentik"),
            EnvironmentEntry("AUTHENTIK_POSTGRESQL__NAME", "authentik"),
            EnvironmentEntry("AUTHENTIK_POSTGRESQL__PASSWORD", .variable("PG_PASS")),
        ]
    }

    private func appEnvironment(_ context: RenderContext) -> [EnvironmentEntry] {
        usesRedis(context) ? [EnvironmentEntry("AUTHENTIK_REDIS__HOST", "authentik-redis")] + environment : environment
    }

    private func dependencies(_ context: RenderContext) -> [Dependency] {
        [Dependency("authentik-postgresql", .healthy, restart: true)]
            + (usesRedis(context) ? [Dependency("authentik-redis", .healthy)] : [])
    }

    /// The mounts server and worker share: data (or media) and custom templates.
    private func sharedMounts(_ context: RenderContext) -> [VolumeMount] {
        let data: VolumeMount = usesMedia(context)
            ? .data(context.dataPath(Self.id, "media"), "/media")
            : .data(context.dataPath(Self.id, "data"), "/data")
        return [data, .data(context.dataPath(Self.id, "custom-templates"), "/templates")]
    }

    private func server(_ context: RenderContext) -> ComposeService {
        ComposeService(
            name: "authentik-server", image: context.image("server"), command: ["server"],
            environment: appEnvironment(context) + [EnvironmentEntry("AUTHENTIK_WEB__WORKERS", .text(String(options.integer("web_workers"))))],
            envFiles: [".env"], volumes: sharedMounts(context),
            healthcheck: Healthcheck(.exec(["ak", "healthcheck"]), interval: "30s", timeout: "30s", retries: 3, startPeriod: "60s"),
            dependsOn: dependencies(context), user: context.user
        )
    }

    private func worker(_ context: RenderContext) -> ComposeService {
        var volumes = sharedMounts(context) + [.data(context.dataPath(Self.id, "certs"), "/certs")]
        if !context.oidcClients.isEmpty || !protectedRoutes(context).isEmpty {
            volumes.append(VolumeMount("./blueprints", "/blueprints/berth", readOnly: true, role: .config))
        }
        if options.bool("docker_socket") { volumes.append(.dockerSocket(readOnly: false)) }
        return ComposeService(
            name: "authentik-worker", image: context.image("server"), command: ["worker"],
            environment: appEnvironment(context), envFiles: [".env"], volumes: volumes,
            healthcheck: Healthcheck(.exec(["ak", "healthcheck"]), interval: "30s", timeout: "30s", retries: 3, startPeriod: "60s"),
            dependsOn: dependencies(context), user: context.user
        )
    }

    private func database(_ context: RenderContext) -> ComposeService {
        ComposeService(
            name: "authentik-postgresql", image: context.image("postgres"),
            environment: [
                EnvironmentEntry("POSTGRES_PASSWORD", .variable("PG_PASS")),
                EnvironmentEntry("POSTGRES_USER", "authentik"),
                EnvironmentEntry("POSTGRES_DB", "authentik"),
            ],
            volumes: [.data(context.dataPath(Self.id, "db"), "/var/lib/postgresql/data")],
            healthcheck: .pgIsReady(user: "authentik", database: "authentik"),
            user: context.user
        )
    }

    private func redis(_ context: RenderContext) -> ComposeService {
        ComposeService(
            name: "authentik-redis", image: context.image("redis"),
            command: ["--save", "60", "1", "--loglevel", "warning"],
            volumes: [VolumeMount(context.scratchPath(Self.id, "redis"), "/data", role: .scratch)],
            healthcheck: Healthcheck(.shell("redis-cli ping | grep PONG"), timeout: "3s"),
            user: context.user
        )
    }
}
