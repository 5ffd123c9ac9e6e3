import ServicePlugin

/// `shares:` names another environment on the same machine, which shares nobody's proxy itself.
enum SharingRules {
    static func check(_ environments: [EnvironmentConfig], nodes: [String: ConfigNode]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for environment in environments {
            guard let shared = environment.shares else { continue }
            let path = "environments.\(environment.name).shares"
            let node = nodes[environment.name]
            let location = (node?.pairs?.first { $0.0 == "shares" }?.1 ?? node)?.location
            guard let owner = environments.first(where: { $0.name == shared }) else {
                let known = environments.map(\.name).filter { $0 != environment.name }.joined(separator: ", ")
                found.append(Diagnostic(path: path, "names no environment (known: \(known)); an environment that another shares cannot be dropped", location: location))
                continue
            }
            if owner.name == environment.name {
                found.append(Diagnostic(path: path, "an environment cannot share itself", location: location))
            } else if let next = owner.shares {
                found.append(
                    Diagnostic(path: path, "\(owner.name) itself shares \(next); share \(next) directly (the proxy belongs to one environment)", location: location))
            } else if TargetRules.machine(owner.target) != TargetRules.machine(environment.target) {
                found.append(
                    Diagnostic(
                        path: path, "\(owner.name) deploys to another machine (\(owner.target)); only environments on one host share a proxy",
                        location: location))
            }
        }
        return found
    }
}
