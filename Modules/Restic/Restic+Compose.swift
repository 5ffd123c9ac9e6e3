import ServicePlugin

extension Restic {
    /// Where the engine sees what it snapshots, and where restores land.
    static let mounts = (dataRoot: "/data/docker-volumes", services: "/data/services", dumps: "/data/db-backups", restore: "/restore")

    public func compose(in context: RenderContext) -> ComposeFragment {
        let service = ComposeService(
            name: "restic",
            image: context.image(Self.restic),
            // restic is a command, not a server: the container makes its repository if there is none,
            // then idles so that Berth's commands run in it.
            entrypoint: ["/bin/sh", "-c", "restic cat config >/dev/null 2>&1 || restic init || exit 1; trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done"],
            environment: [
                EnvironmentEntry("RESTIC_REPOSITORY", "/repository"),
                EnvironmentEntry("RESTIC_PASSWORD", .variable("RESTIC_PASSWORD", required: true)),
                EnvironmentEntry("RESTIC_CACHE_DIR", "/cache"),
            ],
            volumes: [
                VolumeMount(options[Self.repository], "/repository", role: .host),
                VolumeMount(context.scratchPath(Self.id, "cache"), "/cache", role: .scratch),
                VolumeMount(context.scratchPath(Self.id, "restore"), Self.mounts.restore, role: .scratch),
                // What gets snapshotted: read-only, so a restore never writes over live data by accident.
                VolumeMount(context.dataRoot, Self.mounts.dataRoot, readOnly: true, role: .host),
                VolumeMount(context.servicesDir, Self.mounts.services, readOnly: true, role: .host),
                VolumeMount(context.dumpsDir, Self.mounts.dumps, readOnly: true, role: .host),
            ]
        )
        return ComposeFragment(services: [service])
    }
}
