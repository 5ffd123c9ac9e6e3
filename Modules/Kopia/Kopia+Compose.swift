import ServicePlugin

extension Kopia {
    /// Where `berth backup restore --snapshot` has Kopia write what it restores.
    static let restoreMount = "/restore"

    /// The server's service and its UI and control port.
    static let server = ServiceKey("kopia", port: port)

    public func compose(in context: RenderContext) -> ComposeFragment {
        var volumes: [VolumeMount] = [
            .data(context.dataPath(Self.id, "config"), "/app/config"),
            VolumeMount(context.scratchPath(Self.id, "cache"), "/app/cache", role: .scratch),
            VolumeMount(context.scratchPath(Self.id, "logs"), "/app/logs", role: .scratch),
            VolumeMount(context.scratchPath(Self.id, "restore"), Self.restoreMount, role: .scratch),
            // What gets snapshotted: read-only, so a restore never happens by accident.
            VolumeMount(context.dataRoot, "/data/docker-volumes", readOnly: true, role: .host),
            VolumeMount(context.servicesDir, "/data/services", readOnly: true, role: .host),
            VolumeMount(context.dumpsDir, "/data/db-backups", readOnly: true, role: .host),
        ]
        volumes += repositoryMounts
        if let rclone = options[Self.rcloneConfig] {
            volumes.append(VolumeMount(rclone, "/app/rclone", readOnly: true, role: .host))
        }
        if let mount = options[Self.snapshotMount] {
            volumes.append(VolumeMount(mount, "/tmp", options: ["shared"], role: .scratch))
        }
        let service = ComposeService(
            name: Self.server.name,
            image: context.image(Self.kopia),
            // The command stays Kopia's own arguments; the entrypoint connects the repository before running them.
            command: [
                "server", "start", "--disable-csrf-token-checks", "--insecure", "--address=0.0.0.0:\(Self.server.requiredPort)",
                Interpolated([.text("--server-username="), .variable("KOPIA_WEB_USERNAME", required: true)]),
                Interpolated([.text("--server-password="), .variable("KOPIA_WEB_PASSWORD", required: true)]),
                Interpolated([.text("--server-control-username="), .variable("KOPIA_CONTROL_USERNAME", required: true)]),
                Interpolated([.text("--server-control-password="), .variable("KOPIA_CONTROL_PASSWORD", required: true)]),
            ],
            entrypoint: entrypoint(context),
            environment: [
                EnvironmentEntry("USER", "berth"),
                EnvironmentEntry("KOPIA_PASSWORD", .variable("KOPIA_PASSWORD")),
            ] + (repository?.kopiaCredentialEntries() ?? []),
            volumes: volumes,
            // The repository as the server sees it: reachable, and connected with the password it holds.
            healthcheck: ContainerHealthcheck(.exec(["kopia", "repository", "status"]), interval: "60s", timeout: "30s", retries: 3, startPeriod: "30s"),
            // Root, reading every module's files whoever owns them (DAC_OVERRIDE) and restoring them with their owners and
            // modes (CHOWN, FOWNER): all three in Docker's default set. A snapshot mount takes /tmp itself, shared with the host.
            hardening: ContainerHardening(tmpfs: options[Self.snapshotMount] == nil ? ["/tmp"] : []).adding("CHOWN", "DAC_OVERRIDE", "FOWNER")
                .sized(memory: "1g", pids: 256, cpuShares: 512)
        )
        return ComposeFragment(services: [service])
    }
}
