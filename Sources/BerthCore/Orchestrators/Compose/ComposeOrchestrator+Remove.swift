import ServicePlugin

extension ComposeOrchestrator {
    /// First the live-network attachments a deploy made (so the proxy stops routing to the containers before they
    /// stop), then every container of the project, stopped as each asks and removed, then its networks. Both hold
    /// ``Remote/busyFile``, as every command that changes the stack does.
    public func takeDown(_ stack: Stack, remote: Remote) -> [RemovalStep] {
        let live = Rollout.services(stack, timeout: 0).filter { $0.file == nil && !$0.network.isEmpty }
        var steps: [RemovalStep] = []
        if !live.isEmpty {
            let pairs = live.flatMap { [$0.service, $0.network] }
            steps.append(
                RemovalStep(
                    "detach", remote.changingScript(Self.detachScript, [stack.context.name] + pairs), timeout: 120,
                    what: "detaching \(stack.context.name)'s containers from the proxy's live network on \(remote.name)"))
        }
        steps.append(
            RemovalStep(
                "containers", remote.changingScript(Self.takeDownScript, [stack.context.name]), timeout: 600,
                what: "removing the containers and networks of \(stack.context.name) on \(remote.name)"))
        return steps
    }

    /// The target holds it all: the stack's folders, and the named volumes of its compose project.
    public func dataHolders(_ stack: Stack, remote: Remote) -> [DataHolder] {
        [DataHolder(remote: remote, label: "com.docker.compose.project=\(stack.context.name)", folders: stack.purgeFolders(), roots: stack.purgeRoots)]
    }

    /// `$1` the project, then pairs of service and live network: each of the service's containers leaves that network.
    static let detachScript = #"""
        project=$1; shift
        while [ "$#" -gt 1 ]; do
          service=$1 net=$2; shift 2
          for c in $(docker ps -aq --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$service"); do
            docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{println $k}}{{end}}' "$c" | grep -qxF "$net" || continue
            docker network disconnect "$net" "$c" || exit 1
            printf 'attachment %s on %s\n' "$(docker inspect -f '{{.Name}}' "$c" | sed 's|^/||')" "$net"
          done
        done
        true
        """#

    /// `$1` the project: its containers by compose's label (whatever files the deploy folder holds now), stopped
    /// within each one's own grace period, then removed; then the project's networks. A network another
    /// container still uses refuses to go, and the step fails naming it.
    static let takeDownScript = #"""
        project=$1
        ids=$(docker ps -aq --filter "label=com.docker.compose.project=$project") || exit 1
        if [ -n "$ids" ]; then
          names=$(docker inspect -f '{{.Name}}' $ids | sed 's|^/||' | sort)
          docker stop $ids >/dev/null || exit 1
          docker rm -f $ids >/dev/null || exit 1
          for n in $names; do echo "container $n"; done
        fi
        for n in $(docker network ls --filter "label=com.docker.compose.project=$project" --format '{{.Name}}'); do
          docker network rm "$n" >/dev/null || exit 1
          echo "network $n"
        done
        true
        """#
}
