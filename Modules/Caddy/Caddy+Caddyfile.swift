import ServicePlugin

extension Caddy {
    /// The whole Caddyfile: global options, the health endpoint, then one site per hostname in name order.
    func caddyfile(_ context: RenderContext) -> String {
        var out = "# Rendered by Berth from every module's routes. Do not edit: change berth.yaml and render again.\n"
        out += globalOptions(context)
        out += "\n# Health endpoint for the container's healthcheck; the port is not published.\n"
        out += "http://:\(Self.healthPort) {\n\trespond /health \"OK\" 200\n}\n"
        out += "\n(berth_site) {\n\tlog {\n\t\toutput stdout\n\t\tformat json\n\t}\n}\n"
        let routes = context.routes
        for host in Self.hosts(routes) {
            out += "\n" + site(host, routes: routes.filter { $0.route.hosts.contains(host) }.sorted(by: ResolvedRoute.matchOrder), context: context)
        }
        for route in routes where !route.route.redirectFrom.isEmpty {
            out += "\n\(route.route.redirectFrom.joined(separator: ", ")) {\n\timport berth_site\n"
            out += "\tredir https://\(route.route.hosts[0]){uri} permanent\n}\n"
        }
        return out
    }

    func globalOptions(_ context: RenderContext) -> String {
        var lines = ["admin \(Self.adminAddress)"]
        switch context.certificates {
        case .acme:
            lines.append("email \(context.acmeEmail)")
            // The environment's own ACME server (`acme_ca:`) over the module's staging switch: it names one server.
            if let server = context.acme {
                lines.append("acme_ca \(server.directory)")
                if server.roots != nil { lines.append("acme_ca_root \(Self.acmeRootsPath)") }
            } else if options[ProxyOptions.acmeStaging] {
                lines.append("acme_ca \(Self.stagingCA)")
            }
        case .internal:
            lines.append("local_certs")
        }
        // HTTP/3 needs UDP 443 published; HTTP/1.1 and 2 over TCP are what the published ports carry.
        lines.append("servers {\n\t\tprotocols h1 h2\n\t}")
        lines.append("log {\n\t\tlevel \(options[ProxyOptions.logLevel])\n\t}")
        return "{\n" + lines.map { "\t\($0)\n" }.joined() + "}\n"
    }

    /// Every hostname some route serves, in name order.
    static func hosts(_ routes: [ResolvedRoute]) -> [String] {
        Set(routes.flatMap(\.route.hosts)).sorted()
    }

    /// One site: its routes in match order, each a `handle` block; the one without a path comes last.
    func site(_ host: String, routes: [ResolvedRoute], context: RenderContext) -> String {
        var out = "\(host) {\n\timport berth_site\n"
        for resolved in routes {
            let route = resolved.route
            var matcher = ""
            if !route.pathPrefixes.isEmpty {
                out += "\t@\(route.name) path \(route.pathPrefixes.map { "\($0)*" }.joined(separator: " "))\n"
                matcher = " @\(route.name)"
            }
            out += "\thandle\(matcher) {\n\t\troute {\n"
            out += handlers(resolved, context: context).map { "\t\t\t\($0.replacingOccurrences(of: "\n", with: "\n\t\t\t"))\n" }.joined()
            out += "\t\t}\n\t}\n"
        }
        return out + "}\n"
    }

    /// The handlers of one route, in the order they run: forged headers out, forward-auth, strip, proxy.
    func handlers(_ resolved: ResolvedRoute, context: RenderContext) -> [String] {
        let route = resolved.route
        // A client must not pass itself off as someone: every identity header of the stack, and every
        // header this route's forward-auth sets, is removed from the request first, on every route.
        let passed = resolved.passedHeaders
        var removed = context.identityHeaderNames
        for header in passed.map(\.to) where !removed.contains(where: { $0.lowercased() == header.lowercased() }) {
            removed.append(header)
        }
        var lines = removed.map { "request_header -\($0)" }
        if let forwardAuth = resolved.forwardAuth {
            var block = "forward_auth \(forwardAuth.upstream) {\n\turi \(forwardAuth.endpoints[Self.id] ?? "/")\n"
            if !passed.isEmpty {
                block += "\tcopy_headers \(passed.map { $0.from == $0.to ? $0.to : "\($0.from)>\($0.to)" }.joined(separator: " "))\n"
            }
            lines.append(block + "}")
        }
        if let strip = route.stripPrefix {
            lines.append("uri strip_prefix \(strip)")
        }
        switch route.target {
        case .service(let service, let port):
            // On Swarm every service is reached by DNS, which lists its healthy replicas as they come and go.
            guard route.rollsOut || resolved.environment != nil || context.stack.swarm else {
                lines.append("reverse_proxy \(service):\(port)")
                break
            }
            // A service that rolls out is reached under its live alias, which only healthy containers carry;
            // so is a sharing environment's, whose bare name may be the owner's service of the same name.
            // Caddy keeps the alias's addresses itself (no request waits on DNS) and, when one refuses or has
            // gone (a dial to a removed address would hang for seconds), tries another: a stopping container
            // costs no request.
            lines.append(
                """
                reverse_proxy {
                	dynamic a \(context.stack.swarm ? service : LiveAlias.name(for: service, environment: resolved.environment)) \(port) {
                		refresh \(Self.liveRefresh)
                	}
                	lb_try_duration 5s
                	lb_try_interval 10ms
                	transport http {
                		dial_timeout 100ms
                	}
                }
                """)
        case .proxyInternal(let name, _):
            // Only Traefik has built-in services (its dashboard); validation keeps them off Caddy.
            lines.append("respond \"\(name) is not a Caddy service\" 404")
        }
        return lines
    }
}
