import ServicePlugin

/// A stateless app replaced without downtime: the new container starts beside the old one, the proxy
/// is switched to it once it is healthy, and only then is the old one stopped (it drains first).
///
/// The proxy learns of live containers in one of two ways, whichever it offers:
/// - a live network (Caddy), on which it reaches the service under its ``LiveAlias``, which compose never
///   gives and a deploy gives only to a healthy container;
/// - a ``LiveFile`` (Traefik), which lists the live containers; the deploy writes it and waits until the
///   proxy's API shows the change, so the old container is out of rotation before it gets SIGTERM.
///
/// A new container that never gets healthy is removed and the old one keeps serving; the script exits 1
/// and the deploy rolls back as for any failed update.
public struct Rollout: Sendable, Hashable {
    public var service: String
    /// The proxy's compose project and service (health probes are sent from it), and its live network, as compose names it.
    public var project: String
    public var proxy: String
    public var network: String
    /// The alias the proxy reaches the service under (``LiveAlias``).
    public var alias: String
    /// The file that lists the live containers, for a proxy without a live network (``Rollout+File.swift``).
    public var file: LiveFile?
    /// Whether a changed service is replaced beside the running one; a sharing environment's other routed services are only attached.
    public var rollsOut = true
    /// Whether the proxy is another environment's (`shares:`), on none of this stack's networks.
    public var sharing = false
    public enum Probe: Sendable, Hashable {
        /// GET on the container's port and path, sent from the proxy's container.
        case http(port: Int, path: String)
        /// The container's Docker healthcheck.
        case docker
    }
    public var probe: Probe
    /// Seconds the new container has to become healthy.
    public var timeout: Int

    /// Each stateless app the proxy reaches on a live network: the ones the plan changes roll out,
    /// and every one's containers are attached after `up` (``attachCommand(_:)``).
    public static func services(_ stack: Stack, timeout: Double) -> [Rollout] {
        if let shared = stack.sharedProxy { return sharing(stack, shared, timeout: timeout) }
        guard let proxy = stack.proxyModule,
            let definition = proxy.definition as? any ReverseProxy, let proxyService = proxy.fragment.services.first?.name
        else { return [] }
        let live = definition.liveNetwork(in: proxy.context)
        return stack.modules.compactMap { module -> Rollout? in
            guard let app = module.definition as? App, module.routes.contains(where: \.route.rollsOut), let health = app.spec.health else { return nil }
            let file = definition.liveFile(for: app.spec.name, port: app.spec.port ?? 80, in: proxy.context)
            guard live != nil || file != nil else { return nil }
            return Rollout(
                service: app.spec.name, project: stack.context.name, proxy: proxyService, network: live.map { "\(stack.context.name)_\($0)" } ?? "",
                alias: LiveAlias.name(for: app.spec.name), file: live == nil ? file : nil, probe: probe(health, port: app.spec.port), timeout: Int(timeout))
        }
    }

    /// In an environment that shares another's proxy by alias, every routed service is attached; stateless apps roll out.
    static func sharing(_ stack: Stack, _ shared: SharedProxy, timeout: Double) -> [Rollout] {
        guard shared.joinsByAlias, let network = shared.network else { return [] }
        return stack.modules.flatMap { module in
            Set(module.routes.map(\.route.carrier)).sorted().map { service -> Rollout in
                let app = module.definition as? App
                let health = app?.spec.health
                return Rollout(
                    service: service, project: shared.project, proxy: shared.proxyService, network: network,
                    alias: LiveAlias.name(for: service, environment: stack.context.environment),
                    rollsOut: health != nil && module.routes.contains(where: \.route.rollsOut), sharing: true, probe: health.map { probe($0, port: app?.spec.port) } ?? .docker,
                    timeout: Int(timeout))
            }
        }
    }

    static func probe(_ health: AppHealth, port: Int?) -> Probe {
        switch health {
        case .http(let path): .http(port: port ?? 80, path: path)
        case .command: .docker
        }
    }

    /// The probe as the scripts take it: kind, port and path.
    var probeArguments: (String, String, String) {
        switch probe {
        case .http(let port, let path): ("http", String(port), path)
        case .docker: ("docker", "", "")
        }
    }

    /// The script that replaces the running container, run in the deploy folder on the target.
    public func command(_ remote: Remote) -> ShellCommand {
        if let file { return fileCommand(file, remote) }
        let (kind, port, path) = probeArguments
        // The proxy of a sharing environment is on none of its networks: the new container joins the proxy's, without the alias, to be probed.
        return remote.changingScript(Self.script, [remote.root, service, project, proxy, network, alias, kind, port, path, String(timeout), sharing ? "1" : "0"], shared: true)
    }

    /// Attaches every container of the service that lacks it to the live network (after `up` created or recreated one).
    public func attachCommand(_ remote: Remote) -> ShellCommand {
        if let file { return fileAttachCommand(file, remote) }
        return remote.changingScript(Self.attach, [remote.root, service, network, alias])
    }

    static let attach = #"""
        set -eu
        cd "$1"
        for c in $(docker compose ps -q "$2"); do
          docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{println $k}}{{end}}' "$c" | grep -qxF "$3" || docker network connect --alias "$4" "$3" "$c"
        done
        """#

    static let script = #"""
        set -eu
        cd "$1"; svc=$2; project=$3; proxy_svc=$4; net=$5; alias=$6; kind=$7; port=$8; path=$9; timeout=${10}; sharing=${11}
        """# + "\n" + beside + "\n"
            + #"""
            # Another environment's proxy reaches the new container only on its own network: join it there, without the alias, to probe it.
            [ "$sharing" = 0 ] || docker network connect "$net" "$new"
            await_healthy
            [ "$sharing" = 0 ] || docker network disconnect "$net" "$new"
            docker network connect --alias "$alias" "$net" "$new"
            # The proxy looks the alias up again every half second: let it see the new container before the old one stops.
            sleep 2
            echo "rollout $svc: $newname healthy and live; stopping $oldname"
            docker stop -t 10 "$old" >/dev/null && docker rm "$old" >/dev/null
            echo "rollout $svc: done"
            """#

    /// What both ways of switching share: the running container, the new one started beside it, and the wait for its health.
    ///
    /// Needs `svc`, `project`, `proxy_svc`, `kind`, `port`, `path` and `timeout`; sets `old`, `oldname`, `proxy`, `new` and `newname`.
    static let beside = #"""
        old=$(docker compose ps -q "$svc" | head -n1)
        [ -n "$old" ] || { echo "rollout $svc: not running yet, compose starts it"; exit 0; }
        # The proxy may be another environment's (shares:), so it is found by its project's labels.
        proxy=$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$proxy_svc" | head -n1)
        name() { docker inspect -f '{{.Name}}' "$1" | sed 's|^/||'; }
        healthy() {
          if [ "$kind" = http ]; then docker exec "$proxy" timeout 5 wget -q -O /dev/null "http://$1:$port$path" 2>/dev/null
          else [ "$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$2")" = healthy ]; fi
        }
        # The new container never serves before it is healthy; one that never gets there is removed, the old one still serves.
        await_healthy() {
          deadline=$(( $(date +%s) + timeout ))
          until healthy "$newname" "$new"; do
            if [ "$(date +%s)" -ge "$deadline" ]; then
              docker rm -f "$new" >/dev/null
              echo "rollout $svc: $newname never became healthy within ${timeout}s; removed it, $oldname still serves" >&2
              exit 1
            fi
            sleep 1
          done
        }
        oldname=$(name "$old")
        docker compose up -d --no-deps --no-recreate --scale "$svc=2" "$svc" 2>&1
        new=$(docker compose ps -q "$svc" | grep -vx "$old" | head -n1)
        newname=$(name "$new")
        """#
}
