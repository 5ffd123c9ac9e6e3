import ServicePlugin

extension SwarmStackFile {
    /// One service in stack form: what compose keys Swarm honours, and a `deploy:` section.
    ///
    /// `restart`, `depends_on`, `security_opt` and `container_name` are compose-only (Swarm ignores or
    /// refuses them); Swarm restarts tasks itself and starts services in any order.
    static func value(
        _ service: ComposeService, module: String, configs: [MountedConfig], placement: SwarmPlacement, settings: SwarmSettings, stopGracePeriod: String? = nil
    ) -> YAMLValue {
        let volumes = service.volumes.filter { $0.role != .config }.map { mount -> YAMLValue in
            .compact([
                ("type", "bind"), ("source", .string(mount.source)), ("target", .string(mount.target)),
                ("read_only", mount.readOnly ? .bool(true) : nil),
            ])
        }
        let ports = service.ports.map { port -> YAMLValue in
            .map([("target", .int(port.containerPort)), ("published", .int(port.hostPort)), ("protocol", .string(port.proto.rawValue)), ("mode", "host")])
        }
        return .compact([
            ("image", service.image.map { .string($0.description) }),
            ("entrypoint", service.entrypoint.map { .strings($0.map { ComposeText.escaped($0) }) }),
            ("command", service.command.map { .strings($0.map { rendered($0, module: module) }) }),
            ("user", service.user.map { .string($0) }),
            // A task's hostname is its node's: a backup engine's snapshots then say which node they hold.
            ("hostname", placement.replicas == nil ? "{{.Node.Hostname}}" : nil),
            ("environment", service.environment.isEmpty ? nil : .map(service.environment.map { ($0.key, .string(rendered($0.value, module: module))) })),
            ("env_file", service.envFiles.isEmpty ? nil : .strings(service.envFiles.map { "./\(module)/\($0)" })),
            ("ports", ports.isEmpty ? nil : .list(ports)),
            ("volumes", volumes.isEmpty ? nil : .list(volumes)),
            ("configs", configs.isEmpty ? nil : .list(configs.map { .map([("source", .string($0.name)), ("target", .string($0.target))]) })),
            // A stack file is read by `docker stack deploy`, whose schema has no `start_interval`.
            ("healthcheck", service.healthcheck.map { ComposeRenderer.value($0) }),
            ("networks", service.networks.isEmpty ? nil : .strings(service.networks)),
            ("stop_grace_period", stopGracePeriod.map { .string($0) }),
            ("deploy", deploy(service, placement: placement, settings: settings)),
        ])
    }

    static func deploy(_ service: ComposeService, placement: SwarmPlacement, settings: SwarmSettings) -> YAMLValue {
        // Stateless: the successor starts and turns healthy first, so no request finds nobody.
        // Stateful: two tasks must never write one data folder, so the old one stops first.
        // So does a service on host-mode ports, or one task per node: a successor on the same node could not start beside it.
        let order = placement.stateful || placement.replicas == nil || !service.ports.isEmpty ? "stop-first" : "start-first"
        let update: YAMLValue = .map([
            ("parallelism", 1), ("delay", "1s"), ("order", .string(order)), ("failure_action", "rollback"), ("monitor", "5s"),
        ])
        var limits: [(String, YAMLValue)] = [("memory", .string(service.hardening.memory))]
        if let cpus = service.cpus { limits.append(("cpus", .string(String(cpus)))) }
        return .compact([
            ("mode", placement.replicas == nil ? "global" : "replicated"),
            ("replicas", placement.replicas.map { .int($0) }),
            ("endpoint_mode", .string(settings.endpointMode.rawValue)),
            ("placement", placement.constraints.isEmpty ? nil : .map([("constraints", .strings(placement.constraints))])),
            ("update_config", update),
            ("rollback_config", .map([("parallelism", 1), ("order", .string(order))])),
            ("restart_policy", .map([("condition", "any"), ("delay", "2s")])),
            ("labels", service.labels.isEmpty ? nil : .strings(service.labels.map { "\($0.key)=\(ComposeText.escaped($0.value))" })),
            ("resources", .map([("limits", .map(limits))])),
        ])
    }
}
