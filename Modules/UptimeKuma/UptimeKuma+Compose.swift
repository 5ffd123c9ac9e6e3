import ServicePlugin

extension UptimeKuma {
    public func compose(in context: RenderContext) -> ComposeFragment {
        // The image's entrypoint starts as root, hands /app/data to PUID:PGID and drops to them; `user:` would stop it.
        let ids = context.stack.user.split(separator: ":").map(String.init)
        let service = ComposeService(
            name: "uptime-kuma",
            image: context.image(Self.app),
            environment: [EnvironmentEntry("PUID", .text(ids[0])), EnvironmentEntry("PGID", .text(ids.count > 1 ? ids[1] : ids[0]))],
            volumes: [Self.db.volume(context.stack)],
            // The image's own HEALTHCHECK command, written out (a stand-in has none of its own), checked every 10 s rather
            // than its 60 s so a deploy or restore is found healthy promptly; the long start period covers a migration.
            healthcheck: ContainerHealthcheck(.exec(["/app/extra/healthcheck"]), interval: "10s", timeout: "10s", retries: 3, startPeriod: "180s")
        )
        return ComposeFragment(services: [service])
    }

    public func backup(in context: RenderContext) -> BackupSpec { Self.db.backup(in: context) }
}
