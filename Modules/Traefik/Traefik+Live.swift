import ServicePlugin

extension Traefik {
    /// The file provider's service for `service`, which lists its live containers.
    ///
    /// The docker provider cannot drain a container: it drops one only when it dies or turns unhealthy, after
    /// SIGTERM. The file provider routes to exactly the containers a deploy writes, and reloads within a second.
    public func liveFile(for service: String, port: Int, in context: RenderContext) -> LiveFile? {
        guard !context.stack.swarm else { return nil }
        let name = Self.liveService(service)
        return LiveFile(
            path: "\(Self.id)/dynamic-conf/\(service)\(LiveFile.suffix)",
            header: "# Written by berth deploy: the live containers of \(service).\nhttp:\n  services:\n    \(name):\n      loadBalancer:\n        servers:",
            server: "          - url: \"http://{container}:\(port)\"",
            loadedURL: "http://127.0.0.1:\(Self.proxy.port ?? 8080)/api/http/services/\(name)@file",
            loadedEntry: "\"url\":\"http://{container}:\(port)\""
        )
    }

    /// `<service>-live`: the file provider's service a rolling-out route names.
    static func liveService(_ service: String) -> String { "\(service)-live" }

    /// Whether Traefik reaches `resolved` through its live file (a stateless app of this stack, on compose).
    static func routesLive(_ resolved: ResolvedRoute, _ context: RenderContext) -> Bool {
        resolved.route.rollsOut && resolved.environment == nil && !context.stack.swarm
    }
}
