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
        var service = ComposeService(
            name: spec.name, image: context.image(images[0]), command: spec.command.map { $0.map { .text($0) } }, environment: environment,
            volumes: volumeMounts(context), healthcheck: healthcheck, dependsOn: dependsOn, user: spec.user, hardening: hardening
        )
        service.cpus = spec.cpus
        return service
    }

    /// The app's `health:` as Docker checks it, with short intervals: a new release is healthy, or not, within
    /// seconds. A path is fetched inside the container with wget or curl, whichever the image has; an image with
    /// neither names a `command:` instead.
    var healthcheck: ContainerHealthcheck? {
        switch spec.health {
        case .command(let argv):
            return ContainerHealthcheck(.exec(argv), interval: "10s", timeout: "5s", retries: 3, startPeriod: "10s")
        case .http(let path):
            guard let port = spec.port else { return nil }
            let url = ShellQuote.quote("http://127.0.0.1:\(port)\(path)")
            return ContainerHealthcheck(
                .shell("wget -q -O /dev/null \(url) || curl -fsS -o /dev/null \(url)"), interval: "10s", timeout: "5s", retries: 3, startPeriod: "10s")
        case nil:
            return nil
        }
    }

    /// The standard hardening with the app's `resources:`, and its root writable where `read_only: false` says so.
    var hardening: ContainerHardening {
        let sized = ContainerHardening.standard.sized(memory: spec.memory ?? "512m", pids: spec.pids ?? 256, cpuShares: 1024)
        return spec.readOnlyRoot ? sized : sized.relaxing(.readOnlyRoot, because: "read_only: false in berth.yaml")
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
