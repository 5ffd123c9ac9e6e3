import ServicePlugin

/// What `validate` holds a Swarm environment to: a known cluster, and persistent data that stays on one node.
enum SwarmRules {
    static func check(_ stack: Stack, settings: SwarmSettings) -> [Diagnostic] {
        let env = "environments.\(stack.environment.name)"
        var found: [Diagnostic] = []
        if settings.nodes.isEmpty { found.append(Diagnostic(path: "\(env).swarm.nodes", "name at least one node: the manager the target reaches")) }
        if stack.environment.shares != nil { found.append(Diagnostic(path: "\(env).shares", "a Swarm environment runs its own proxy; it cannot share another's")) }
        let placements = SwarmPlacement.all(stack, settings: settings)
        let names = Set(placements.flatMap { [$0.service, $0.module] })
        let services = Set(placements.map(\.service))
        for (key, location) in settings.locations.sorted(by: { $0.key < $1.key }) where key.hasPrefix("placement.") || key.hasPrefix("replicas.") {
            let name = String(key.split(separator: ".", maxSplits: 1)[1])
            // A count belongs to one service; constraints may cover a whole module.
            let known = key.hasPrefix("replicas.") ? services : names
            if !known.contains(name) {
                let what = key.hasPrefix("replicas.") ? "service" : "service or module"
                found.append(Diagnostic(path: "\(env).swarm.\(key)", "names no \(what) of this stack (known: \(known.sorted().joined(separator: ", ")))", location: location))
            }
        }
        if case .file = stack.environment.target, Set(settings.nodes.map(\.address)).count > 1 {
            found.append(Diagnostic(path: "\(env).target", "a file: target is this machine, which reaches no other node: use ssh:// to the manager"))
        }
        for module in stack.modules {
            // A service on the managers reads the whole cluster through the socket (Traefik's swarm provider).
            for service in module.fragment.services
            where service.volumes.contains(where: { $0.source.hasSuffix(".sock") && $0.role == .host })
                && placements.first(where: { $0.service == service.name })?.constraints.contains(SwarmDefaults.manager) != true
            {
                found.append(
                    Diagnostic(
                        .warning, path: stack.config.memberPath(module.id),
                        "\(service.name) mounts the Docker socket: on Swarm it sees the node it runs on only (\(placements.first { $0.service == service.name }?.constraints.joined(separator: ", ").nonEmpty ?? "no constraint"))"
                    ))
            }
            for service in module.fragment.services where service.build != nil {
                found.append(Diagnostic(path: stack.config.memberPath(module.id), "service \(service.name) is built on the server; Swarm runs images only: push it to a registry"))
            }
        }
        for placement in placements {
            found += problems(placement, settings: settings, env: env)
        }
        found += managerPlacements(placements, stack: stack, settings: settings, env: env)
        return found
    }

    /// A service that must run on a manager (``SwarmDefaults/manager``) and whose other constraints leave out the
    /// one manager Berth knows, the target's node: it can start only if another node they admit is a manager.
    static func managerPlacements(_ placements: [SwarmPlacement], stack: Stack, settings: SwarmSettings, env: String) -> [Diagnostic] {
        let manager: SwarmNode? =
            switch stack.environment.target {
            case .ssh(_, let host, _, _): settings.nodes.first { $0.address == host }
            default: settings.nodes.count == 1 ? settings.nodes.first : nil
            }
        guard let manager else { return [] }
        return placements.filter { $0.constraints.contains(SwarmDefaults.manager) && !$0.nodes(settings).isEmpty && !$0.nodes(settings).contains(manager) }.map {
            let others = $0.constraints.filter { $0 != SwarmDefaults.manager }.joined(separator: " and ")
            return Diagnostic(
                .warning, path: "\(env).swarm.nodes.\(manager.name)",
                "\($0.service) runs on a manager, and \(others) leaves out \(manager.name), the manager the target reaches: unless \($0.nodes(settings).map(\.name).joined(separator: ", ")) has a manager, it never starts",
                location: settings.locations["nodes.\(manager.name)"])
        }
    }

    /// One service's placement: it admits some node, and pins persistent data to exactly one.
    static func problems(_ placement: SwarmPlacement, settings: SwarmSettings, env: String) -> [Diagnostic] {
        guard !settings.nodes.isEmpty else { return [] }
        var found: [Diagnostic] = []
        // A module's default is not a line of berth.yaml: its problems point at the nodes, whose labels it reads.
        let path = placement.configured ? "\(env).swarm.placement.\(placement.service)" : "\(env).swarm.nodes"
        let location =
            placement.configured
            ? settings.locations["placement.\(placement.service)"] ?? settings.locations["placement.\(placement.module)"] : nil
        let origin = placement.configured ? "" : "\(placement.service), by its module's default placement: "
        let nodes = placement.nodes(settings).map(\.name)
        if nodes.isEmpty {
            found.append(Diagnostic(path: path, "\(origin)no node satisfies \(placement.constraints.joined(separator: " and ")); label one in \(env).swarm.nodes", location: location))
        } else if placement.stateful && placement.replicas != nil && (placement.constraints.isEmpty || nodes.count != 1) {
            // One task per node (a proxy's certificates, an engine's cache) keeps a folder on each node instead.
            let admitted = placement.constraints.isEmpty ? "it has no constraint" : "its constraints admit \(nodes.joined(separator: ", "))"
            found.append(
                Diagnostic(
                    path: "\(env).swarm.placement.\(placement.service)",
                    "\(placement.service) keeps persistent data in a folder of one node; pin it to exactly one node with a label (\(admitted))", location: location))
        }
        let replicasPath = "\(env).swarm.replicas.\(placement.service)"
        let replicasLocation = settings.locations["replicas.\(placement.service)"]
        if placement.stateful, let replicas = placement.replicas, replicas > 1 {
            found.append(Diagnostic(path: replicasPath, "\(placement.service) keeps persistent data: it runs as one replica, got \(replicas)", location: replicasLocation))
        }
        if placement.replicas == nil, settings.replicas[placement.service] != nil {
            found.append(Diagnostic(path: replicasPath, "\(placement.service) runs one task on each node its constraints admit; it takes no count", location: replicasLocation))
        }
        return found
    }
}
