import ServicePlugin

/// Rules over each route: hostnames, paths, priorities, stripped prefixes and identity headers.
enum RouteRules {
    static let priorities = 0...100

    static func problems(_ stack: Stack) -> [Diagnostic] {
        let proxy = stack.proxyModule?.id
        return stack.routes.flatMap { resolved in
            problems(resolved, proxy: proxy).map { Diagnostic(path: stack.config.memberPath(resolved.module), "route '\(resolved.route.name)': \($0)") }
        }
    }

    static func problems(_ resolved: ResolvedRoute, proxy: String?) -> [String] {
        let route = resolved.route
        // Hostnames are reported here only; the collision check in StackValidator reads them without judging them.
        var found = route.hosts.compactMap(Validators.hostname)
        for path in route.pathPrefixes where path.range(of: #"^/[A-Za-z0-9._~/-]*$"#, options: .regularExpression) == nil {
            found.append("path prefix '\(Validators.quoted(path))' must start with / and hold only letters, digits and . _ ~ / -")
        }
        if let strip = route.stripPrefix, route.pathPrefixes.isEmpty || route.pathPrefixes.contains(where: { !$0.hasPrefix(strip) }) {
            found.append("strip_prefix \(strip) must start every path prefix of the route (\(route.pathPrefixes.joined(separator: ", ")))")
        }
        if !priorities.contains(route.priority) {
            found.append("priority must be from \(priorities.lowerBound) to \(priorities.upperBound), got \(route.priority)")
        }
        found += route.redirectFrom.compactMap { host in Validators.hostname(host).map { "redirect_from \($0)" } }
        if case .proxyInternal(let name, _) = route.target, let proxy, proxy != "traefik" {
            found.append("\(name) is built into Traefik, but the reverse proxy is \(proxy)")
        }
        found += identityProblems(resolved, proxy: proxy)
        return found
    }

    static func identityProblems(_ resolved: ResolvedRoute, proxy: String?) -> [String] {
        let route = resolved.route
        var found: [String] = []
        // Declared, not resolved: a route protected only when there is a provider passes its headers then.
        if !route.identityHeaders.isEmpty && resolved.declaredProtection == .never {
            found.append("identity headers are passed only on a protected route")
        }
        var seen = Set<String>()
        for mapping in route.identityHeaders {
            if mapping.header.range(of: "^[A-Za-z0-9][A-Za-z0-9-]*$", options: .regularExpression) == nil {
                found.append("identity header '\(Validators.quoted(mapping.header))' must hold only letters, digits and -")
            }
            if !seen.insert(mapping.header.lowercased()).inserted {
                found.append("identity header \(mapping.header) is named twice")
            }
            if let forwardAuth = resolved.forwardAuth, forwardAuth.claims[mapping.claim] == nil {
                found.append("the identity provider does not vouch for \(mapping.claim.rawValue) (it offers \(forwardAuth.claims.keys.sorted().map(\.rawValue).joined(separator: ", ")))")
            }
        }
        if let forwardAuth = resolved.forwardAuth, let proxy, forwardAuth.endpoints[proxy] == nil {
            found.append("the identity provider has no forward-auth endpoint for \(proxy) (it has \(forwardAuth.endpoints.keys.sorted().joined(separator: ", ")))")
        }
        return found
    }
}
