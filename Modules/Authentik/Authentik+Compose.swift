import ServicePlugin

extension Authentik {
    public func compose(in context: RenderContext) -> ComposeFragment {
        let services = (usesRedis(context) ? [redis(context)] : []) + [server(context), worker(context)]
        return ComposeFragment(services: services, files: blueprintFiles(context))
    }

    /// The database as the sidecar has it; no password under `db_auth: trust`.
    private var environment: [EnvironmentEntry] {
        [
            EnvironmentEntry("AUTHENTIK_POSTGRESQL__HOST", .text(db.service)),
            EnvironmentEntry("AUTHENTIK_POSTGRESQL__USER", .text(db.user)),
            EnvironmentEntry("AUTHENTIK_POSTGRESQL__NAME", .text(db.database)),
        ] + (db.password.map { [EnvironmentEntry("AUTHENTIK_POSTGRESQL__PASSWORD", $0)] } ?? [])
    }

    private func appEnvironment(_ context: RenderContext) -> [EnvironmentEntry] {
        usesRedis(context) ? [EnvironmentEntry("AUTHENTIK_REDIS__HOST", .text(Self.cache.name))] + environment : environment
    }

    private func dependencies(_ context: RenderContext) -> [Dependency] {
        [db.dependency]
            + (usesRedis(context) ? [Self.cache.dependency(.healthy)] : [])
    }

    /// The mounts server and worker share: data (or media) and custom templates.
    private func sharedMounts(_ context: RenderContext) -> [VolumeMount] {
        let data: VolumeMount =
            usesMedia(context)
            ? .data(context.dataPath(Self.id, "media"), "/media")
            : .data(context.dataPath(Self.id, "data"), "/data")
        return [data, .data(context.dataPath(Self.id, "custom-templates"), "/templates")]
    }

    private func server(_ context: RenderContext) -> ComposeService {
        ComposeService(
            name: Self.web.name, image: context.image(Self.server), command: ["server"],
            environment: appEnvironment(context) + [EnvironmentEntry("AUTHENTIK_WEB__WORKERS", .text(String(options[Self.webWorkers])))],
            envFiles: [".env"], volumes: sharedMounts(context),
            healthcheck: ContainerHealthcheck(.exec(["ak", "healthcheck"]), interval: "30s", timeout: "30s", retries: 3, startPeriod: "60s"),
            dependsOn: dependencies(context), user: context.user,
            // Django and its web workers: Authentik's own guide asks for 2 GB for the whole of it.
            hardening: .standard.sized(memory: "1g", pids: 512, cpuShares: 1024)
        )
    }

    private func worker(_ context: RenderContext) -> ComposeService {
        var volumes = sharedMounts(context) + [.data(context.dataPath(Self.id, "certs"), "/certs")]
        if !context.oidcClients.isEmpty || !protectedRoutes(context).isEmpty {
            volumes.append(VolumeMount("./blueprints", "/blueprints/berth", readOnly: true, role: .config))
        }
        if options[Self.dockerSocket] { volumes.append(.dockerSocket(context.dockerSocket, readOnly: false)) }
        return ComposeService(
            name: Self.worker.name, image: context.image(Self.server), command: ["worker"],
            environment: appEnvironment(context), envFiles: [".env"], volumes: volumes,
            healthcheck: ContainerHealthcheck(.exec(["ak", "healthcheck"]), interval: "30s", timeout: "30s", retries: 3, startPeriod: "60s"),
            dependsOn: dependencies(context), user: context.user,
            hardening: .standard.sized(memory: "1g", pids: 512, cpuShares: 512)
        )
    }

    private func redis(_ context: RenderContext) -> ComposeService {
        ComposeService(
            name: Self.cache.name, image: context.image(Self.redis),
            command: ["--save", "60", "1", "--loglevel", "warning"],
            volumes: [VolumeMount(context.scratchPath(Self.id, "redis"), "/data", role: .scratch)],
            healthcheck: ContainerHealthcheck(.shell("redis-cli ping | grep PONG"), timeout: "3s"),
            user: context.user,
            hardening: .standard.sized(memory: "256m", pids: 128, cpuShares: 512)
        )
    }
}
