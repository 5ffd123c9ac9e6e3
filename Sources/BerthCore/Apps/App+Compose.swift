import ServicePlugin

extension App {
    public func compose(in context: RenderContext) -> ComposeFragment {
        ComposeFragment(services: [app(context)])
    }

    func app(_ context: RenderContext) -> ComposeService {
        var environment = spec.env
        environment += spec.secrets.map { EnvironmentEntry($0.name, .variable($0.name)) }
        // Started, not healthy: an app's health may be an HTTP path Docker itself cannot probe.
        var dependsOn = spec.dependsOn.map { Dependency($0, .started) }
        if spec.database {
            environment.append(EnvironmentEntry("DATABASE_URL", db.url))
            dependsOn.append(db.dependency)
        }
        var healthcheck: ContainerHealthcheck?
        if case .command(let argv) = spec.health {
            // Short intervals: a new release is healthy, or not, within seconds.
            healthcheck = ContainerHealthcheck(.exec(argv), interval: "10s", timeout: "5s", retries: 3, startPeriod: "10s")
        }
        var service = ComposeService(
            name: spec.name, image: context.image(images[0]), command: spec.command.map { $0.map { .text($0) } }, environment: environment,
            volumes: volumeMounts(context), healthcheck: healthcheck, dependsOn: dependsOn, user: spec.user,
            securityOpt: ["no-new-privileges:true"]
        )
        service.memoryLimit = spec.memory
        service.cpus = spec.cpus
        return service
    }

    /// Each named volume: persistent under `data_root/<app>/<name>`, a cache under `scratch_root`.
    func volumeMounts(_ context: RenderContext) -> [VolumeMount] {
        spec.volumes.map { volume in
            volume.scratch
                ? VolumeMount(context.scratchPath(spec.name, volume.name), volume.path, role: .scratch)
                : .data(context.dataPath(spec.name, volume.name), volume.path)
        }
    }
}
