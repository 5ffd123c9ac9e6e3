import ServicePlugin

/// `berth validate`: every rule over the stack, each problem with its config path.
public enum StackValidator {
    public static func validate(_ stack: Stack) -> [Diagnostic] {
        var found = stack.diagnostics
        found += stack.modules.flatMap { module in
            module.plugin.assertions(in: stack.context).filter { !$0.holds }.map { Diagnostic(path: $0.path, $0.message) }
        }
        found += routeProblems(stack)
        found += portProblems(stack)
        found += EnvSchemaRules.problems(stack)
        found += BackupCoverage.problems(stack)
        found += ComposeConformance.problems(stack)
        return found
    }

    static func routeProblems(_ stack: Stack) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var owners: [String: String] = [:]
        for resolved in stack.routes {
            let route = resolved.route
            let paths = route.pathPrefixes.isEmpty ? ["/"] : route.pathPrefixes
            for host in route.hosts {
                if let problem = Validators.hostname(host) {
                    found.append(Diagnostic(path: "services.\(resolved.plugin)", "route '\(route.name)': \(problem)"))
                }
                for path in paths {
                    let key = host + path
                    if let owner = owners[key] {
                        found.append(Diagnostic(path: "services.\(resolved.plugin)", "route '\(route.name)' serves \(key), which \(owner) already serves"))
                    } else {
                        owners[key] = "route '\(route.name)' of \(resolved.plugin)"
                    }
                }
            }
            if route.adminUI && !route.protected {
                found.append(Diagnostic(path: "services.\(resolved.plugin)", "route '\(route.name)' is an admin interface and must be protected by the identity provider"))
            }
        }
        let names = stack.routes.map(\.route.name)
        for name in Set(names) where names.filter({ $0 == name }).count > 1 {
            found.append(Diagnostic(path: "services", "two routes are named '\(name)'; router names must be unique"))
        }
        return found
    }

    static func portProblems(_ stack: Stack) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var owners: [String: String] = [:]
        for module in stack.modules {
            for service in module.fragment.services {
                for port in service.ports {
                    let key = "\(port.hostIP ?? "0.0.0.0"):\(port.hostPort)/\(port.proto.rawValue)"
                    let owner = "\(module.id)/\(service.name)"
                    if let other = owners[key] {
                        found.append(Diagnostic(path: "services.\(module.id)", "host port \(port.hostPort)/\(port.proto.rawValue) of \(owner) is already published by \(other)"))
                    } else {
                        owners[key] = owner
                    }
                }
            }
        }
        return found
    }
}
