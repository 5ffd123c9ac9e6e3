import ServicePlugin

extension SwarmOrchestrator {
    /// `docker stack rm` on the manager, waiting until the stack's networks are gone (Swarm removes them after the
    /// services' tasks), then the node labels this environment's config set.
    public func takeDown(_ stack: Stack, remote: Remote) -> [RemovalStep] {
        var steps = [
            RemovalStep(
                "stack", remote.script(Self.stackRemoveScript, [stack.context.name]), timeout: 300,
                what: "docker stack rm \(stack.context.name) on \(remote.name)")
        ]
        let labels = berthLabels(stack)
        if !labels.isEmpty {
            let arguments = labels.flatMap { [$0.node, $0.keys.joined(separator: " ")] }
            steps.append(RemovalStep("node labels", remote.script(Self.labelRemoveScript, arguments), timeout: 60, what: "removing the Swarm node labels"))
        }
        return steps
    }

    /// Each node: the folders of the services its constraints admit there, and the stack's named volumes.
    public func dataHolders(_ stack: Stack, remote: Remote) -> [DataHolder] {
        let placements = SwarmPlacement.all(stack, settings: settings)
        return settings.nodes.map { node in
            let services = Set(placements.filter { $0.nodes(settings).contains(node) }.map(\.service))
            return DataHolder(
                remote: remote.node(node), node: node.name, label: "com.docker.stack.namespace=\(stack.context.name)",
                folders: stack.purgeFolders(services: services), roots: stack.purgeRoots)
        }
    }

    /// The label keys each node gets from this environment's `swarm.nodes`, less those another Swarm environment of
    /// the config sets on the same node (one cluster, two stacks): its placements still need them.
    func berthLabels(_ stack: Stack) -> [(node: String, keys: [String])] {
        let others = stack.config.environments.filter { $0.name != stack.environment.name }.compactMap(\.swarm).flatMap(\.nodes)
        return settings.nodes.compactMap { node in
            let shared = Set(others.filter { $0.name == node.name && $0.address == node.address }.flatMap(\.labels.keys))
            let keys = node.labels.keys.filter { !shared.contains($0) }.sorted()
            return keys.isEmpty ? nil : (node.name, keys)
        }
    }

    /// `$1` the stack: its services and networks are listed, the stack removed, and the step waits (up to 120 s)
    /// until none of its networks is left.
    static let stackRemoveScript = #"""
        stack=$1
        services=$(docker service ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Name}}') || exit 1
        networks=$(docker network ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Name}}') || exit 1
        [ -n "$services$networks" ] || exit 0
        docker stack rm "$stack" >/dev/null || exit 1
        for s in $services; do echo "service $s"; done
        i=0
        while [ -n "$(docker network ls -q --filter "label=com.docker.stack.namespace=$stack")" ]; do
          i=$((i + 1)); [ "$i" -lt 240 ] || { echo "the networks of stack $stack are still there after 120 s" >&2; exit 4; }
          sleep 0.5
        done
        for n in $networks; do echo "network $n"; done
        """#

    /// Pairs of node and label keys: each key the node still has is removed from it.
    static let labelRemoveScript = #"""
        while [ "$#" -gt 1 ]; do
          node=$1 keys=$2; shift 2; args= gone=
          have=$(docker node inspect --format '{{range $k, $v := .Spec.Labels}}{{$k}} {{end}}' "$node" 2>/dev/null) || continue
          for key in $keys; do case " $have " in *" $key "*) args="$args --label-rm $key" gone="$gone $key" ;; esac; done
          [ -n "$args" ] || continue
          docker node update $args "$node" >/dev/null || exit 1
          for key in $gone; do echo "label $key on $node"; done
        done
        true
        """#
}
