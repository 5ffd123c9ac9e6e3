import ServicePlugin

extension Restic {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        [
            Self.engine.containerCheck(),
            Self.engine.commandCheck("repository", ["restic", "cat", "config"], timeout: 30),
            HealthCheck("backups fresh", .backupFreshness(maxAgeHours: 26), timeout: 30, gatesDeploy: false),
        ]
    }
}
