import ServicePlugin

/// What `validate` holds a Swarm environment to: a known cluster, and persistent data that stays on one node.
enum SwarmRules {
    static func problems(_ stack: Stack) -> [Diagnostic] {
        guard let settings = stack.environment.swarm else {
            let sharers = stack.config.environments.filter { $0.shares == stack.environment.name && $0.swarm != nil }
            return sharers.map { Diagnostic(path: "environments.\($0.name).shares", "a Swarm environment cannot share another's proxy") }
        }
        let env = "environments.\(stack.environment.name)"
        var found: [Diagnostic] = []
        if settings.nodes.isEmpty { found.append(Diagnostic(path: "\(env).swarm.nodes", "name at least one node: the manager the target reaches")) }
        if stack.environment.shares != nil { found.append(Diagnostic(path: "\(env).shares", "a Swarm environment runs its own proxy; it cannot share another's")) }
        let placements = SwarmPlacement.all(stack)
        let names = Set(placements.flatMap { [$0.service, $0.module] })
        for (key, location) in settings.locations.sorted(by: { $0.key < $1.key }) where key.hasPrefix("placement.") || key.hasPrefix("replicas.") {
            let name = String(key.split(separator: ".", maxSplits: 1)[1])
            if !names.contains(name) {
                found.append(Diagnostic(path: "\(env).swarm.\(key)", "names no service or module of this stack (known: \(names.sorted().joined(separator: ", ")))", location: location))
            }
        }
        if stack.module("traefik") != nil {
            found.append(
                Diagnostic(
                    path: "services.traefik",
                    "Traefik's docker provider, as Berth sets it up, reads the containers of its own node only; on Swarm use caddy, which reaches every replica by DNS"))
        }
        for module in stack.modules {
            for service in module.fragment.services where service.volumes.contains(where: { $0.source.hasSuffix(".sock") && $0.role == .host }) {
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
            let path = "\(env).swarm.placement.\(placement.service)"
            let location = settings.locations["placement.\(placement.service)"] ?? settings.locations["placement.\(placement.module)"]
            let nodes = placement.nodes(settings).map(\.name)
            if nodes.isEmpty && !settings.nodes.isEmpty {
                let constraints = placement.constraints.joined(separator: " and ")
                found.append(Diagnostic(path: path, "no node satisfies \(constraints); label one in \(env).swarm.nodes", location: location))
            } else if placement.stateful && nodes.count != 1 && !settings.nodes.isEmpty {
                let admitted = placement.constraints.isEmpty ? "it has no constraint" : "its constraints admit \(nodes.joined(separator: ", "))"
                found.append(
                    Diagnostic(
                        path: path, "\(placement.service) keeps persistent data in a folder of one node; pin it to exactly one node with a label (\(admitted))",
                        location: location))
            }
            if placement.stateful, let replicas = placement.replicas, replicas > 1 {
                found.append(
                    Diagnostic(
                        path: "\(env).swarm.replicas.\(placement.service)", "\(placement.service) keeps persistent data: it runs as one replica, got \(replicas)",
                        location: settings.locations["replicas.\(placement.service)"]))
            }
        }
        return found
    }
}
