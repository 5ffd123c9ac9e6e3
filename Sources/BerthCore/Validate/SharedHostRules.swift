import ServicePlugin

/// Environments that deploy to one machine must not collide: compose project, published ports,
/// folders, hostnames and crontab tag. Each problem names both environments' config paths.
enum SharedHostRules {
    static func problems(_ stack: Stack) -> [Diagnostic] {
        let machine = TargetRules.machine(stack.environment.target)
        return stack.config.environments.filter { $0.name != stack.environment.name && TargetRules.machine($0.target) == machine }.flatMap { other in
            (try? StackBuilder(registry: stack.registry).build(stack.config, environment: other.name)).map { collisions(stack, $0) } ?? []
        }
    }

    static func collisions(_ stack: Stack, _ peer: Stack) -> [Diagnostic] {
        let here = "environments.\(stack.environment.name)", there = "environments.\(peer.environment.name)"
        let names = stack.config.environments.map(\.name)
        let (first, second) = (names.firstIndex(of: stack.environment.name) ?? 0) < (names.firstIndex(of: peer.environment.name) ?? 0) ? (stack, peer) : (peer, stack)
        let fix = second.environment.shares == nil ? "add shares: \(first.environment.name) to environments.\(second.environment.name)" : "give them a domain and folders of their own"
        let hint = "environments on one machine (\(TargetRules.machine(stack.environment.target))) must differ; \(fix)"
        var found: [Diagnostic] = []
        if stack.context.name == peer.context.name {
            found.append(Diagnostic(path: here, "compose project '\(stack.context.name)' (name) is also \(there)'s: \(hint)"))
        }
        if BackupScript.cronTag(stack) == BackupScript.cronTag(peer) {
            found.append(Diagnostic(path: here, "crontab tag '\(BackupScript.cronTag(stack))' is also \(there)'s: one deploy would replace the other's backup line"))
        }
        for (module, port) in ports(stack) {
            if let other = ports(peer).first(where: { StackValidator.clash($0.port, port) }) {
                found.append(
                    Diagnostic(
                        path: stack.config.memberPath(module, environment: stack.environment.name),
                        "host port \(port.hostPort)/\(port.proto.rawValue) is also published by \(there) (\(peer.config.memberPath(other.module, environment: peer.environment.name))): \(hint)"))
            }
        }
        for (key, folder) in folders(stack) {
            for (otherKey, otherFolder) in folders(peer) where HostPath.isUnder(folder, otherFolder) || HostPath.isUnder(otherFolder, folder) {
                let how = folder == otherFolder ? "is" : HostPath.isUnder(folder, otherFolder) ? "is inside" : "holds"
                found.append(
                    Diagnostic(path: path(stack, key), "\(folder) \(how == "is" ? "is also" : how) \(otherFolder), \(path(peer, otherKey)) of \(there): each environment keeps its own folders"))
            }
        }
        let peerHosts = Set(peer.routes.flatMap { $0.route.hosts + $0.route.redirectFrom })
        for resolved in stack.routes {
            for host in resolved.route.hosts + resolved.route.redirectFrom where peerHosts.contains(host) {
                found.append(
                    Diagnostic(path: stack.config.memberPath(resolved.module, environment: stack.environment.name), "host \(host) is also routed by \(there): set a domain of its own on one of them"))
            }
        }
        return found
    }

    static func ports(_ stack: Stack) -> [(module: String, port: PortMapping)] {
        stack.modules.flatMap { module in module.fragment.services.flatMap { $0.ports.map { (module.id, $0) } } }
    }

    static func folders(_ stack: Stack) -> [(key: String, folder: String)] {
        [("data_root", stack.context.dataRoot), ("scratch_root", stack.context.scratchRoot), ("dumps_dir", stack.context.dumpsDir)]
    }

    /// Where a folder is set: the environment's own key, else the top-level one.
    static func path(_ stack: Stack, _ key: String) -> String {
        let environment = stack.environment
        let own = key == "data_root" ? environment.dataRoot : key == "scratch_root" ? environment.scratchRoot : environment.dumpsDir
        if own != nil { return "environments.\(environment.name).\(key)" }
        return environment.shares == nil ? key : "\(key) (+ -\(environment.name))"
    }
}
