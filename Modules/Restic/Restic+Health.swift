import ServicePlugin

extension Restic {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        [
            HealthCheck("container", .container(service: "restic")),
            HealthCheck("repository", .command(service: "restic", argv: ["restic", "cat", "config"], expectExit: 0), timeout: 30),
            HealthCheck("backups fresh", .backupFreshness(maxAgeHours: 26), timeout: 30, gatesDeploy: false),
        ]
    }
}
