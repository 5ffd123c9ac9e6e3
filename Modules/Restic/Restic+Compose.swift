import ServicePlugin

extension Restic {
    /// Where the engine sees what it snapshots, where restores land, and a folder repository.
    static let mounts = (dataRoot: "/data/docker-volumes", services: "/data/services", dumps: "/data/db-backups", restore: "/restore", repository: "/repository")

    /// The engine's service: a command runner, reached by `docker exec` only.
    static let engine = ServiceKey("restic")

    public func compose(in context: RenderContext) -> ComposeFragment {
        let service = ComposeService(
            name: Self.engine.name,
            image: context.image(Self.restic),
            // restic is a command, not a server: the container makes its repository if there is none,
            // then idles so that Berth's commands run in it.
            entrypoint: ["/bin/sh", "-c", initialise(context) + "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done"],
            environment: [
                EnvironmentEntry("RESTIC_REPOSITORY", .text(repository.resticLocation(mount: Self.mounts.repository))),
                EnvironmentEntry("RESTIC_PASSWORD", .variable("RESTIC_PASSWORD", required: true)),
                EnvironmentEntry("RESTIC_CACHE_DIR", "/cache"),
            ] + repository.resticCredentialEntries() + copyEnvironment(context),
            volumes: repository.resticMounts(at: Self.mounts.repository) + (context.stack.backupCopyTo?.resticMounts(at: Self.copyMount) ?? []) + [
                VolumeMount(context.scratchPath(Self.id, "cache"), "/cache", role: .scratch),
                VolumeMount(context.scratchPath(Self.id, "restore"), Self.mounts.restore, role: .scratch),
                // What gets snapshotted: read-only, so a restore never writes over live data by accident.
                VolumeMount(context.dataRoot, Self.mounts.dataRoot, readOnly: true, role: .host),
                VolumeMount(context.servicesDir, Self.mounts.services, readOnly: true, role: .host),
                VolumeMount(context.dumpsDir, Self.mounts.dumps, readOnly: true, role: .host),
            ],
            // Root, reading every module's files whoever owns them (DAC_OVERRIDE) and restoring them with their owners and
            // modes (CHOWN, FOWNER): all three in Docker's default set.
            hardening: .standard.adding("CHOWN", "DAC_OVERRIDE", "FOWNER").sized(memory: "1g", pids: 256, cpuShares: 512)
        )
        return ComposeFragment(services: [service])
    }

    /// Makes the repository when there is none. On Swarm one engine task per node starts at once, and two
    /// `restic init` on one repository leave it damaged: there a lock folder (mkdir is atomic) lets one go first.
    func initialise(_ context: RenderContext) -> String {
        // `init` first: it refuses an existing repository at once, where `cat config` on an S3 bucket not made yet
        // retries for minutes.
        let make = "restic init >/dev/null 2>&1 || restic cat config >/dev/null"
        // An off-site store has no shared folder to lock: there a second `restic init` fails on the config the first wrote.
        guard context.stack.swarm, repository.scheme == .folder else { return make + " || exit 1; " }
        return "n=0; until mkdir /repository/.berth-init 2>/dev/null; do n=$((n+1)); [ $n -lt 60 ] || break; sleep 1; done; "
            + "\(make); ok=$?; rmdir /repository/.berth-init 2>/dev/null; [ $ok -eq 0 ] || exit 1; "
    }
}
