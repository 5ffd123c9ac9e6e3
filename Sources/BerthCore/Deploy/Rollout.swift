import ServicePlugin

/// A stateless app replaced without downtime: the new container starts beside the old one, joins the
/// proxy's live network once it is healthy, and only then is the old one stopped (it drains first).
///
/// The proxy reaches such a service under its ``LiveAlias`` on that network, which compose never
/// gives: a container that is starting, or never gets healthy, receives no request. A new container
/// that never gets healthy is removed and the old one keeps serving; the script exits 1 and the
/// deploy rolls back as for any failed update.
public struct Rollout: Sendable, Hashable {
    public var service: String
    /// The proxy's compose service (health probes are sent from it) and its live network, as compose names it.
    public var proxy: String
    public var network: String
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
        guard let proxy = stack.modules.first(where: { $0.plugin.provides.contains(.reverseProxy) }),
            let live = (proxy.plugin as? any ReverseProxy)?.liveNetwork(in: proxy.context),
            let proxyService = proxy.fragment.services.first?.name
        else { return [] }
        return stack.modules.compactMap { module -> Rollout? in
            guard let app = module.plugin as? App, module.routes.contains(where: \.route.rollsOut), let health = app.spec.health else { return nil }
            let probe: Probe =
                switch health {
                case .http(let path): .http(port: app.spec.port ?? 80, path: path)
                case .command: .docker
                }
            return Rollout(service: app.spec.name, proxy: proxyService, network: "\(stack.context.name)_\(live)", probe: probe, timeout: Int(timeout))
        }
    }

    /// The script that replaces the running container, run in the deploy folder on the target.
    public func command(_ remote: Remote) -> ShellCommand {
        let (kind, port, path) =
            switch probe {
            case .http(let port, let path): ("http", String(port), path)
            case .docker: ("docker", "", "")
            }
        return remote.script(Self.script, [remote.root, service, proxy, network, LiveAlias.name(for: service), kind, port, path, String(timeout)])
    }

    /// Attaches every container of the service that lacks it to the live network (after `up` created or recreated one).
    public func attachCommand(_ remote: Remote) -> ShellCommand {
        remote.script(Self.attach, [remote.root, service, network, LiveAlias.name(for: service)])
    }

    static let attach = #"""
        set -eu
        cd "$1"
        for c in $(docker compose ps -q "$2"); do
          docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' "$c" | grep -qw "$3" || docker network connect --alias "$4" "$3" "$c"
        done
        """#

    static let script = #"""
        set -eu
        cd "$1"; svc=$2; proxy_svc=$3; net=$4; alias=$5; kind=$6; port=$7; path=$8; timeout=$9
        old=$(docker compose ps -q "$svc")
        [ -n "$old" ] || { echo "rollout $svc: not running yet, compose starts it"; exit 0; }
        proxy=$(docker compose ps -q "$proxy_svc")
        name() { docker inspect -f '{{.Name}}' "$1" | sed 's|^/||'; }
        healthy() {
          if [ "$kind" = http ]; then docker exec "$proxy" timeout 5 wget -q -O /dev/null "http://$1:$port$path" 2>/dev/null
          else [ "$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$2")" = healthy ]; fi
        }
        oldname=$(name "$old")
        docker compose up -d --no-deps --no-recreate --scale "$svc=2" "$svc" 2>&1
        new=$(docker compose ps -q "$svc" | grep -vx "$old" | head -n1)
        newname=$(name "$new")
        deadline=$(( $(date +%s) + timeout ))
        until healthy "$newname" "$new"; do
          if [ "$(date +%s)" -ge "$deadline" ]; then
            docker rm -f "$new" >/dev/null
            echo "rollout $svc: $newname never became healthy within ${timeout}s; removed it, $oldname still serves" >&2
            exit 1
          fi
          sleep 1
        done
        docker network connect --alias "$alias" "$net" "$new"
        # The proxy looks the alias up again every half second: let it see the new container before the old one stops.
        sleep 2
        echo "rollout $svc: $newname healthy and live; stopping $oldname"
        docker stop -t 10 "$old" >/dev/null && docker rm "$old" >/dev/null
        echo "rollout $svc: done"
        """#
}
