import ServicePlugin

extension Kopia {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        [
            Self.server.containerCheck(),
            HealthCheck(
                "repository",
                .http(
                    HTTPProbe(
                        Self.server, path: "/api/v1/control/status", jsonField: JSONFieldExpectation("connected", equals: "true"),
                        basicAuth: BasicAuthKeys(userKey: "KOPIA_CONTROL_USERNAME", passwordKey: "KOPIA_CONTROL_PASSWORD")))),
            // A daily backup that silently stopped is found here, a day and two hours later at most.
            HealthCheck("backups fresh", .backupFreshness(maxAgeHours: 26), timeout: 30, gatesDeploy: false),
        ]
    }
}
