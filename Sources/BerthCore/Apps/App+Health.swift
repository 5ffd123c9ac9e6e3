import ServicePlugin

extension App {
    public func healthChecks(in context: RenderContext) -> [HealthCheck] {
        var checks = [HealthCheck("container", .container(service: spec.name))]
        switch spec.health {
        case .http(let path)?:
            let host = routes(in: context.stack).first?.hosts.first
            checks.append(HealthCheck("http", .http(HTTPProbe(service: spec.name, port: spec.port ?? 80, path: path, publicHost: host))))
        case .command(let argv)?:
            checks.append(HealthCheck("command", .command(service: spec.name, argv: argv, expectExit: 0)))
        case nil:
            break
        }
        return checks
    }

    /// Persistent volumes are snapshotted; the database's part adds its dump and leaves its live files out.
    public func backup(in context: RenderContext) -> BackupSpec {
        BackupSpec(include: spec.volumes.filter { !$0.scratch }.map { context.dataPath(spec.name, $0.name) })
    }
}
