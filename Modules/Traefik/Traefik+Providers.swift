import ServicePlugin

extension Traefik {
    /// The static configuration's providers: the engine's containers (or, on Swarm, the cluster's services), and the rendered files.
    func providers(_ context: RenderContext) -> YAMLValue {
        let file: (String, YAMLValue) = ("file", .map([("directory", "/etc/traefik/dynamic-conf"), ("watch", true)]))
        guard !context.stack.swarm else {
            // Each poll's change is applied within the throttle, not Traefik's default 2 s (see swarmRefresh).
            return .map([("swarm", swarmProvider(context)), file, ("providersThrottleDuration", .string(Self.swarmThrottle))])
        }
        return .map([
            // Only this stack's containers: another project on the same engine never gets routed, nor shadows a router.
            // Environments sharing this proxy (`shares:`) are admitted by their own project names.
            (
                "docker",
                .map([
                    ("endpoint", .string(Self.socketProxy.endpoint)), ("exposedByDefault", false), ("constraints", .string(Self.projectConstraint(context))),
                ])
            ),
            file,
        ])
    }

    /// `Label(project, a) || Label(project, b)`: this stack's project, then each sharing environment's.
    static func projectConstraint(_ context: RenderContext) -> String {
        let projects = [context.name] + Set(context.routes.compactMap(\.environment)).sorted().map(context.stack.sharingProject)
        return projects.map { "Label(`com.docker.compose.project`,`\($0)`)" }.joined(separator: " || ")
    }
}
