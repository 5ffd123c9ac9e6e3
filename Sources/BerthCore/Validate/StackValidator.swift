import ServicePlugin

/// `berth validate`: every rule over the stack, each problem with its config path.
public enum StackValidator {
    public static func validate(_ stack: Stack) -> [Diagnostic] {
        StepCounter.current?.add("validate")
        var found = stack.diagnostics
        found += stack.modules.flatMap { module in
            module.definition.assertions(in: stack.context).filter { !$0.holds }.map { Diagnostic(path: $0.path, $0.message) }
        }
        found += routeProblems(stack)
        found += RouteRules.problems(stack)
        found += AppRules.problems(stack)
        found += portProblems(stack)
        found += exposedPorts(stack)
        found += EnvSchemaRules.problems(stack)
        found += BackupCoverage.problems(stack)
        found += BackupCoverage.copyProblems(stack)
        found += ComposeConformance.problems(stack)
        found += SharedHostRules.problems(stack)
        found += stack.orchestrator.diagnostics(stack)
        found += SecretRules.problems(stack)
        return found
    }

    static func routeProblems(_ stack: Stack) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var owners: [String: String] = [:]
        for resolved in stack.routes {
            let route = resolved.route
            let paths = route.pathPrefixes.isEmpty ? ["/"] : route.pathPrefixes
            // A redirecting host answers every path, so it belongs to the route as wholly as a host of its own.
            for host in route.hosts + route.redirectFrom {
                for path in route.redirectFrom.contains(host) ? ["/"] : paths {
                    let key = host + path
                    if let owner = owners[key] {
                        found.append(Diagnostic(path: stack.config.memberPath(resolved.module), "route '\(route.name)' serves \(key), which \(owner) already serves"))
                    } else {
                        owners[key] = "route '\(route.name)' of \(resolved.module)"
                    }
                }
            }
            // `.whenIdentityProvider` is the module vouching for the app's own sign-in where the stack has no provider.
            if route.adminUI && resolved.declaredProtection == .never {
                found.append(Diagnostic(path: stack.config.memberPath(resolved.module), "route '\(route.name)' is an admin interface and must be protected by the identity provider"))
            }
        }
        let names = stack.routes.map(\.route.name)
        for name in Set(names) where names.filter({ $0 == name }).count > 1 {
            found.append(Diagnostic(path: "services", "two routes are named '\(name)'; router names must be unique"))
        }
        return found
    }

    /// Two published ports on one host port and protocol, where either listens on every address or both on the same one; named by the options that set them.
    static func portProblems(_ stack: Stack) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var taken: [(port: PortMapping, owner: String)] = []
        for module in stack.modules {
            for service in module.fragment.services {
                for port in service.ports {
                    let owner = describe(port, module: module, service: service.name, stack: stack)
                    if let other = taken.first(where: { clash($0.port, port) }) {
                        let clash = owner == other.owner ? "is published twice by \(owner); give each option its own port" : "\(owner) collides with \(other.owner)"
                        found.append(Diagnostic(path: stack.config.memberPath(module.id), "host port \(port.hostPort)/\(port.proto.rawValue): \(clash)"))
                    } else {
                        taken.append((port, owner))
                    }
                }
            }
        }
        return found
    }

    /// A warning for each port published by a module that is not the reverse proxy: everything else is reached through
    /// the proxy, with its TLS and its sign-in, or not from outside at all (CIS Docker Benchmark 5.9).
    static func exposedPorts(_ stack: Stack) -> [Diagnostic] {
        stack.modules.filter { !$0.definition.provides.contains(.reverseProxy) }.flatMap { module in
            module.fragment.services.flatMap { service in
                service.ports.map { port in
                    Diagnostic(
                        .warning, path: stack.config.memberPath(module.id),
                        "\(module.id)/\(service.name) publishes host port \(port.hostPort)/\(port.proto.rawValue)\(port.hostIP.map { " on \($0)" } ?? " on every address"): only the reverse proxy's ports need to be reachable; route it through the proxy instead"
                    )
                }
            }
        }
    }

    static func clash(_ a: PortMapping, _ b: PortMapping) -> Bool {
        a.hostPort == b.hostPort && a.proto == b.proto && (a.hostIP == nil || b.hostIP == nil || a.hostIP == b.hostIP)
    }

    /// `services.traefik.https_port (traefik/traefik)`: the option that set the port, when one did.
    static func describe(_ port: PortMapping, module: StackModule, service: String, stack: Stack) -> String {
        let options = stack.config.services.first { $0.id == module.id }?.options ?? [:]
        let defaults = module.type.optionSpecs.compactMap { spec in spec.defaultValue.map { (spec.name, $0) } }
        let values = Dictionary(defaults, uniquingKeysWith: { a, _ in a }).merging(options) { _, set in set }
        let names = values.filter { $0.value == .integer(port.hostPort) }.keys.sorted()
        let where_ = "\(module.id)/\(service)"
        return names.isEmpty ? where_ : names.map { "services.\(module.id).\($0)" }.joined(separator: " / ") + " (\(where_))"
    }
}
