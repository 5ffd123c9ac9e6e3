import ServicePlugin

extension App {
    /// The routes with hosts resolved: `web` is `web.<domain>`, `@` the domain, a name with dots itself.
    public func routes(in context: StackContext) -> [Route] {
        spec.routes.enumerated().map { index, route in
            Route(
                name: spec.routes.count == 1 ? spec.name : "\(spec.name)-\(index + 1)", hosts: route.hosts.map { Self.host($0, context) },
                pathPrefixes: route.paths, target: .service(spec.name, port: spec.port ?? 80), protected: route.protected,
                stripPrefix: route.stripPrefix, priority: route.priority, redirectFrom: route.redirectFrom.map { Self.host($0, context) },
                identityHeaders: route.identityHeaders, rollsOut: isStateless && spec.health != nil)
        }
    }

    /// No persistent volume: a second container may run beside the first, so it is replaced without downtime.
    public var isStateless: Bool { spec.volumes.allSatisfy(\.scratch) }

    static func host(_ written: String, _ context: StackContext) -> String {
        written == "@" ? context.domain : written.contains(".") ? written : context.host(written)
    }
}
